import { beforeAll, describe, expect, it } from "vitest";
import { getOverview, type Overview, type TaskKey } from "#app/modules/home/overview.server";
import { approveProject, proposeProject, voteOnResolution } from "#app/modules/projects/projects.server";
import { getProjectSettings } from "#app/modules/settings/settings.server";
import { clarifyRequirement, cosignRequirement, releaseRequirement, returnRequirement, startReview, submitRequirement, withdrawCosignature } from "#app/modules/requirements/requirements.server";
import { createFeedback, createUser, organisationId } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { getRequirementDetail } from "#app/modules/requirements/queries.server";
import { fileRequirement } from "#tests/factories/requirements";
import { liveItemFixture, workshopFixture } from "#tests/factories/workshops";
import { decideItem, revealItem } from "#app/modules/workshops/workshops.server";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { renderRoute } from "#tests/helpers/render";
import Index from "#app/routes/_index";

const { db } = setupTestDatabase();
type U = Awaited<ReturnType<typeof createUser>>;

const taskOf = (o: Overview, key: TaskKey) => o.tasks.find((t) => t.key === key);
const titlesOf = (o: Overview, key: TaskKey) => taskOf(o, key)?.items.map((i) => i.title) ?? [];
/** Every title the start page shows to this person, wherever it appears. */
const everyTitle = (o: Overview) => [...o.tasks.flatMap((t) => t.items.map((i) => i.title)), ...o.news.map((n) => n.requirementTitle)];

describe(`the start page's overview (${dialectUnderTest})`, () => {
  let anna: U;
  let colleague: U;
  let homburg: U;
  let merzig: U;
  let rm: U;
  let julia: U;
  let stefan: U;

  beforeAll(async () => {
    anna = await createUser(db(), { organisation: "Saarbrücken" });
    colleague = await createUser(db(), { organisation: "Saarbrücken" });
    homburg = await createUser(db(), { organisation: "Homburg" });
    merzig = await createUser(db(), { organisation: "Merzig" });
    rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    julia = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    stefan = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
  });

  it("lists a person's own drafts, not a colleague's, and never another organisation's", async () => {
    await fileRequirement(db(), anna.actor, { title: "Entwurf Marker Anna", submit: false });
    await fileRequirement(db(), colleague.actor, { title: "Entwurf Marker Kollegin", submit: false });
    const own = await getOverview(db(), anna.actor);
    expect(titlesOf(own, "drafts")).toContain("Entwurf Marker Anna");
    expect(everyTitle(own)).not.toContain("Entwurf Marker Kollegin");
    expect(taskOf(own, "drafts")).toMatchObject({ count: 1, to: "/anforderungen/unsere?status=draft" });
    // The organisation's own tally counts both drafts: they are its own.
    expect(own.ownStates).toContainEqual({ status: "draft", count: 2 });
    for (const other of [homburg, rm, julia]) expect(everyTitle(await getOverview(db(), other.actor))).not.toContain("Entwurf Marker Anna");
  });

  it("tells the organisation of a requirement sent back with a question, whoever filed it, until it is submitted again", async () => {
    const filer = await createUser(db(), { organisation: "Lebach" });
    const lebachColleague = await createUser(db(), { organisation: "Lebach" });
    const id = await fileRequirement(db(), filer.actor, { title: "Rückfrage Marker Lebach" });
    await fileRequirement(db(), filer.actor, { title: "Entwurf ohne Rückfrage Lebach", submit: false });
    await clarifyRequirement(db(), rm.actor, id, "Welche Fachverfahren sind betroffen?");
    for (const u of [filer, lebachColleague]) {
      const o = await getOverview(db(), u.actor);
      expect(taskOf(o, "clarify"), u.email).toMatchObject({ count: 1, to: "/anforderungen/unsere?status=draft" });
      expect(titlesOf(o, "clarify")).toEqual(["Rückfrage Marker Lebach"]);
    }
    for (const other of [anna, homburg, rm]) expect(taskOf(await getOverview(db(), other.actor), "clarify")).toBeUndefined();
    const { version } = await getRequirementDetail(db(), filer.actor, id);
    await submitRequirement(db(), filer.actor, id, version);
    expect(taskOf(await getOverview(db(), lebachColleague.actor), "clarify")).toBeUndefined();
  });

  it("lists a draft the organisation's lead returned instead of releasing it beside the requirements team's questions, each with who returned it", async () => {
    const blies = await organisationId(db(), "Blieskastel");
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", blies).execute();
    try {
      const filer = await createUser(db(), { organisation: "Blieskastel" });
      const lead = await createUser(db(), { organisation: "Blieskastel", roles: ["member_lead"] });
      const byLead = await fileRequirement(db(), filer.actor, { title: "Rückgabe Marker Leitung" });
      const byTeam = await fileRequirement(db(), filer.actor, { title: "Rückfrage Marker Blieskastel" });
      await returnRequirement(db(), lead.actor, byLead, "Bitte die Kosten ergänzen.");
      await releaseRequirement(db(), lead.actor, byTeam);
      await clarifyRequirement(db(), rm.actor, byTeam, "Welche Fachverfahren sind betroffen?");
      // The lead who returned it is told so in the first person, the others that their lead did.
      for (const [u, byLeadVariant] of [[filer, "lead"], [lead, "self"]] as const) {
        const items = taskOf(await getOverview(db(), u.actor), "clarify")?.items ?? [];
        expect(items.map((i) => [i.title, i.atVariant]), u.email).toEqual([
          ["Rückgabe Marker Leitung", byLeadVariant],
          ["Rückfrage Marker Blieskastel", "requirements_team"],
        ]);
      }
      const leadHtml = await renderRoute("/", Index, { user: { name: "Test", organisationName: "Blieskastel", roles: ["member_lead"] }, overview: await getOverview(db(), lead.actor) });
      expect(leadHtml).toMatch(/Rückgabe Marker Leitung.*von Ihnen zurückgegeben am/s);
      expect(leadHtml).not.toContain("von Ihrer Leitung zurückgegeben");
      // Listed once: not again among the filer's own drafts, which keep the ones never returned.
      await fileRequirement(db(), filer.actor, { title: "Entwurf Marker Blieskastel", submit: false });
      expect(titlesOf(await getOverview(db(), filer.actor), "drafts")).toEqual(["Entwurf Marker Blieskastel"]);
      const html = await renderRoute("/", Index, { user: { name: "Test", organisationName: "Blieskastel", roles: ["member_staff"] }, overview: await getOverview(db(), filer.actor) });
      expect(html).toContain("Zurückgegebene Anforderungen");
      expect(html).toMatch(/Rückgabe Marker Leitung.*von Ihrer Leitung zurückgegeben am/s);
      expect(html).toMatch(/Rückfrage Marker Blieskastel.*zur Klärung zurückgegeben am/s);
      for (const other of [anna, homburg, rm]) expect(everyTitle(await getOverview(db(), other.actor))).not.toContain("Rückgabe Marker Leitung");
      const { version } = await getRequirementDetail(db(), filer.actor, byLead);
      await submitRequirement(db(), filer.actor, byLead, version);
      expect(titlesOf(await getOverview(db(), filer.actor), "clarify")).toEqual(["Rückfrage Marker Blieskastel"]);
    } finally {
      await db().updateTable("organisations").set({ requires_release: 0 }).where("id", "=", blies).execute();
    }
  });

  it("shows a member lead what waits for release in their organisation only, and drops it once released", async () => {
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", await organisationId(db(), "Homburg")).execute();
    try {
      const lead = await createUser(db(), { organisation: "Homburg", roles: ["member_lead"] });
      const otherLead = await createUser(db(), { organisation: "Merzig", roles: ["member_lead"] });
      const id = await fileRequirement(db(), homburg.actor, { title: "Freigabe Marker Homburg" });
      expect(titlesOf(await getOverview(db(), lead.actor), "release")).toEqual(["Freigabe Marker Homburg"]);
      expect(everyTitle(await getOverview(db(), otherLead.actor))).not.toContain("Freigabe Marker Homburg");
      // Not out yet: the requirements team does not see it in its inbox either.
      expect(everyTitle(await getOverview(db(), rm.actor))).not.toContain("Freigabe Marker Homburg");
      await releaseRequirement(db(), lead.actor, id);
      expect(taskOf(await getOverview(db(), lead.actor), "release")).toBeUndefined();
    } finally {
      await db().updateTable("organisations").set({ requires_release: 0 }).where("id", "=", await organisationId(db(), "Homburg")).execute();
    }
  });

  it("counts new arrivals for the requirements team until someone takes them into review", async () => {
    const before = taskOf(await getOverview(db(), rm.actor), "triage")?.count ?? 0;
    const id = await fileRequirement(db(), merzig.actor, { title: "Eingang Marker Merzig", confidential: true });
    expect(taskOf(await getOverview(db(), rm.actor), "triage")?.count).toBe(before + 1);
    await startReview(db(), rm.actor, id);
    expect(taskOf(await getOverview(db(), rm.actor), "triage")?.count ?? 0).toBe(before);
    // Municipal staff have no inbox.
    expect(taskOf(await getOverview(db(), anna.actor), "triage")).toBeUndefined();
  });

  it("tells an organisation what others did to what it filed or co-signed, leaving out confidential ones of others and the reader's own steps", async () => {
    const id = await fileRequirement(db(), anna.actor, { title: "Neuigkeiten Marker Saarbrücken" });
    const secret = await fileRequirement(db(), homburg.actor, { title: "Vertraulich Marker Homburg", confidential: true });
    await cosignRequirement(db(), merzig.actor, id, {});
    await startReview(db(), rm.actor, id);
    await startReview(db(), rm.actor, secret);

    const news = (await getOverview(db(), anna.actor)).news.filter((n) => n.requirementId === id);
    expect(news.map((n) => [n.kind, n.to_status, n.actorOrganisation, n.own])).toEqual([
      ["status", "in_review", "eGo-Saar Geschäftsstelle", true],
      ["cosigned", null, "Merzig", true],
    ]);
    // Anna's own submission is not news to her, but it is to her colleague.
    expect((await getOverview(db(), colleague.actor)).news.filter((n) => n.requirementId === id).map((n) => n.kind)).toEqual(["status", "cosigned", "status"]);
    // The co-signer follows it too, marked as co-signed; its own co-signature is not news to the person who gave it.
    const merzigNews = (await getOverview(db(), merzig.actor)).news.filter((n) => n.requirementId === id);
    expect(merzigNews.map((n) => [n.kind, n.own])).toEqual([
      ["status", false],
      ["status", false],
    ]);
    // An organisation that neither filed nor co-signed hears nothing; nobody outside Homburg hears of its confidential one.
    const outsider = await createUser(db(), { organisation: "Völklingen" });
    expect(everyTitle(await getOverview(db(), outsider.actor))).not.toContain("Neuigkeiten Marker Saarbrücken");
    for (const other of [anna, merzig, outsider]) expect(everyTitle(await getOverview(db(), other.actor))).not.toContain("Vertraulich Marker Homburg");
    expect(everyTitle(await getOverview(db(), homburg.actor))).toContain("Vertraulich Marker Homburg");
  });

  it("leaves out news older than the window and events recorded after the moment asked about", async () => {
    const id = await fileRequirement(db(), anna.actor, { title: "Zeitfenster Marker" });
    await startReview(db(), rm.actor, id);
    const later = new Date(Date.now() + 31 * 86_400_000).toISOString();
    const earlier = new Date(Date.now() - 86_400_000).toISOString();
    expect((await getOverview(db(), colleague.actor, later)).news.some((n) => n.requirementId === id)).toBe(false);
    expect((await getOverview(db(), colleague.actor, earlier)).news.some((n) => n.requirementId === id)).toBe(false);
    expect((await getOverview(db(), colleague.actor)).news.some((n) => n.requirementId === id)).toBe(true);
  });

  it("asks each manager for their own approval of a proposal until they have given it, and offers prioritised candidates", async () => {
    const c = await prioritisedCandidate(db(), [homburg.actor], "Übersicht Kandidat priorisiert");
    expect(titlesOf(await getOverview(db(), julia.actor), "promote")).toContain("Übersicht Kandidat priorisiert");
    // The only one waiting: „Projekt vorschlagen“ starts with it chosen; with two, the choice is open.
    expect(taskOf(await getOverview(db(), julia.actor), "promote")).toMatchObject({ count: 1, to: `/projekte/neu?kandidaten=${c.id}` });
    await prioritisedCandidate(db(), [homburg.actor], "Übersicht Kandidat zwei");
    expect(taskOf(await getOverview(db(), julia.actor), "promote")).toMatchObject({ count: 2, to: "/projekte/neu" });
    expect(taskOf(await getOverview(db(), rm.actor), "promote")).toBeUndefined();
    const { id } = await proposeProject(db(), julia.actor, proposalInput([c.id], rm.id, { title: "Übersicht Projekt", budget: 10_000 }));
    expect(titlesOf(await getOverview(db(), julia.actor), "promote")).not.toContain("Übersicht Kandidat priorisiert");
    for (const m of [julia, stefan]) expect(titlesOf(await getOverview(db(), m.actor), "approvals")).toContain("Übersicht Projekt");
    await approveProject(db(), julia.actor, id);
    expect(titlesOf(await getOverview(db(), julia.actor), "approvals")).not.toContain("Übersicht Projekt");
    expect(titlesOf(await getOverview(db(), stefan.actor), "approvals")).toContain("Übersicht Projekt");
    await approveProject(db(), stefan.actor, id);
    expect(titlesOf(await getOverview(db(), stefan.actor), "approvals")).not.toContain("Übersicht Projekt");
  });

  it("asks a voting board member for a missing vote until it is cast", async () => {
    const voter = await createUser(db(), { organisation: "Landkreis Saarlouis", roles: ["board"] });
    const c = await prioritisedCandidate(db(), [homburg.actor], "Übersicht Kandidat Aufsichtsrat");
    const { boardThreshold } = await getProjectSettings(db());
    const { id } = await proposeProject(db(), julia.actor, proposalInput([c.id], rm.id, { title: "Übersicht Umlauf", budget: boardThreshold + 1 }));
    expect(titlesOf(await getOverview(db(), voter.actor), "votes")).not.toContain("Übersicht Umlauf");
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    expect(titlesOf(await getOverview(db(), voter.actor), "votes")).toContain("Übersicht Umlauf");
    expect(taskOf(await getOverview(db(), julia.actor), "votes")).toBeUndefined();
    await voteOnResolution(db(), voter.actor, id, "yes");
    expect(titlesOf(await getOverview(db(), voter.actor), "votes")).not.toContain("Übersicht Umlauf");
  });

  it("promises a vote only to a board member who has one: an advisory member (SSGT) is asked for none", async () => {
    const voter = await createUser(db(), { organisation: "Landkreis Neunkirchen", roles: ["board"] });
    const ssgt = await createUser(db(), { organisation: "Saarländischer Städte- und Gemeindetag (SSGT)", roles: ["board"] });
    const c = await prioritisedCandidate(db(), [homburg.actor], "Übersicht Kandidat beratend");
    const { boardThreshold } = await getProjectSettings(db());
    const { id } = await proposeProject(db(), julia.actor, proposalInput([c.id], rm.id, { title: "Übersicht Umlauf beratend", budget: boardThreshold + 1 }));
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    const [mine, advisory, management] = await Promise.all([getOverview(db(), voter.actor), getOverview(db(), ssgt.actor), getOverview(db(), julia.actor)]);
    expect([mine.boardSeat, advisory.boardSeat, management.boardSeat]).toEqual(["voting", "advisory", null]);
    expect(titlesOf(mine, "votes")).toContain("Übersicht Umlauf beratend");
    expect(taskOf(advisory, "votes")).toBeUndefined();
    // The start page's role card: the advisory member reads that the seat has no vote.
    const html = await renderRoute("/", Index, { user: { name: "Peter Schmitt", organisationName: "SSGT", roles: ["board"] }, overview: advisory });
    expect(html).toContain("beratend, ohne Stimmrecht");
    expect(html).not.toContain("im Umlaufverfahren abstimmen");
    expect(await renderRoute("/", Index, { user: { name: "Vera Voss", organisationName: "Landkreis Neunkirchen", roles: ["board"] }, overview: mine })).toContain(
      "Über Projekte oberhalb der Budgetschwelle im Umlaufverfahren abstimmen",
    );
  });

  it("shows a project lead the overdue milestones of running projects they lead", async () => {
    const c = await prioritisedCandidate(db(), [homburg.actor], "Übersicht Kandidat Meilenstein");
    const { id } = await proposeProject(db(), julia.actor, proposalInput([c.id], rm.id, { title: "Übersicht Meilensteinprojekt", budget: 10_000 }));
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    const t = new Date().toISOString();
    const values = (title: string, end: string, done: string | null) => ({ project_id: id, title, start_date: "2026-01-01", end_date: end, done_at: done, created_by: julia.id, created_at: t });
    await db()
      .insertInto("milestones")
      .values([values("Überfällig", "2026-01-31", null), values("Erledigt", "2026-01-31", t), values("Künftig", "2999-12-31", null)])
      .execute();
    const titles = titlesOf(await getOverview(db(), rm.actor), "milestones");
    expect(titles).toContain("Übersicht Meilensteinprojekt: Überfällig");
    expect(titles.filter((x) => x.startsWith("Übersicht Meilensteinprojekt"))).toHaveLength(1);
    expect(taskOf(await getOverview(db(), julia.actor), "milestones")).toBeUndefined();
    // Overdue from midnight in Berlin (22:00 UTC in summer), not from midnight UTC.
    await db().insertInto("milestones").values(values("Bis 30. Juni", "2026-06-30", null)).execute();
    const bis = "Übersicht Meilensteinprojekt: Bis 30. Juni";
    expect(titlesOf(await getOverview(db(), rm.actor, "2026-06-30T21:30:00.000Z"), "milestones")).not.toContain(bis);
    expect(titlesOf(await getOverview(db(), rm.actor, "2026-06-30T22:30:00.000Z"), "milestones")).toContain(bis);
    // A stopped project asks nothing any more.
    await db().updateTable("projects").set({ phase: "stopped" }).where("id", "=", id).execute();
    expect(titlesOf(await getOverview(db(), rm.actor), "milestones")).not.toContain("Übersicht Meilensteinprojekt: Überfällig");
  });

  it("lists invited participants' coming workshops and the team lead's candidates not yet in one", async () => {
    const scheduled = await workshopFixture(db(), { members: 1 });
    const member = scheduled.members[0];
    expect(taskOf(await getOverview(db(), member.actor), "workshops")?.items.map((i) => i.to)).toContain(`/workshops/${scheduled.workshopId}`);
    expect(taskOf(await getOverview(db(), anna.actor), "workshops")).toBeUndefined();

    const unscheduled = await workshopFixture(db(), { members: 1, schedule: false });
    const lead = await getOverview(db(), unscheduled.lead.actor);
    expect(taskOf(lead, "toSchedule")).toMatchObject({ count: 1, to: `/workshops/neu?team=${unscheduled.teamId}` });
    expect(titlesOf(lead, "toSchedule")).toEqual([unscheduled.candidates[0].title]);
    // Another team's lead is not asked about it.
    expect(titlesOf(await getOverview(db(), scheduled.lead.actor), "toSchedule")).not.toContain(unscheduled.candidates[0].title);
  });

  it("counts open accessibility feedback for admins only", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const before = taskOf(await getOverview(db(), admin.actor), "feedback")?.count ?? 0;
    await createFeedback(db());
    expect(taskOf(await getOverview(db(), admin.actor), "feedback")?.count).toBe(before + 1);
    for (const other of [anna, rm, julia]) expect(taskOf(await getOverview(db(), other.actor), "feedback")).toBeUndefined();
  });
  it("offers other organisations' recent requirements for co-signing, own topics first, until the organisation co-signs", async () => {
    const reader = await createUser(db(), { organisation: "Eppelborn" });
    const readerColleague = await createUser(db(), { organisation: "Eppelborn" });
    await fileRequirement(db(), reader.actor, { title: "Eigene Kita-Anforderung", themenfeld: "Familie & Kind" });
    const sameTopic = await fileRequirement(db(), homburg.actor, { title: "Mitzeichnen Marker Kita", themenfeld: "Familie & Kind" });
    const otherTopic = await fileRequirement(db(), homburg.actor, { title: "Mitzeichnen Marker Steuer" });
    await fileRequirement(db(), homburg.actor, { title: "Mitzeichnen Marker Entwurf", themenfeld: "Familie & Kind", submit: false });
    await fileRequirement(db(), homburg.actor, { title: "Mitzeichnen Marker vertraulich", themenfeld: "Familie & Kind", confidential: true });

    const offered = (await getOverview(db(), reader.actor)).toCosign;
    expect(offered.slice(0, 2).map((r) => [r.id, r.sameTopic, r.organisationName])).toEqual([
      [sameTopic, true, "Homburg"],
      [otherTopic, false, "Homburg"],
    ]);
    const titles = offered.map((r) => r.title);
    expect(titles).not.toContain("Mitzeichnen Marker Entwurf");
    expect(titles).not.toContain("Mitzeichnen Marker vertraulich");
    expect(titles).not.toContain("Eigene Kita-Anforderung");
    // Once a colleague co-signed it, it is no longer offered to anyone of the organisation; withdrawn, it is again.
    await cosignRequirement(db(), readerColleague.actor, sameTopic, {});
    expect((await getOverview(db(), reader.actor)).toCosign.map((r) => r.id)).not.toContain(sameTopic);
    await withdrawCosignature(db(), readerColleague.actor, sameTopic);
    expect((await getOverview(db(), reader.actor)).toCosign.map((r) => r.id)).toContain(sameTopic);
    // Nothing to the filer itself, nothing older than the window, nothing to those who cannot co-sign.
    expect((await getOverview(db(), homburg.actor)).toCosign.map((r) => r.id)).not.toContain(sameTopic);
    expect((await getOverview(db(), reader.actor, new Date(Date.now() + 31 * 86_400_000).toISOString())).toCosign.map((r) => r.id)).not.toContain(sameTopic);
    expect((await getOverview(db(), rm.actor)).toCosign).toEqual([]);
  });
  it("credits a workshop's decision to the Kompetenzteam, not to the organisation of the lead who recorded it (start page and requirement history)", async () => {
    const f = await liveItemFixture(db());
    await revealItem(db(), f.lead.actor, f.workshopId, f.itemId, { confirmed: true });
    await decideItem(db(), f.lead.actor, f.workshopId, { itemId: f.itemId, decision: "prioritise", rank: 1, rationale: "Hoher Nutzen." });
    const team = await db().selectFrom("teams").select("name").where("id", "=", f.teamId).executeTakeFirstOrThrow();
    const decided = (await getOverview(db(), f.filer.actor)).news.find((n) => n.requirementId === f.candidates[0].requirementId && n.to_status === "prioritised");
    expect(decided).toMatchObject({ kind: "status", actorOrganisation: team.name });
    expect(decided?.actorOrganisation).not.toBe("Neunkirchen");
    // The requirement's own history says the same: the lead recorded it, for the team.
    const history = (await getRequirementDetail(db(), f.filer.actor, f.candidates[0].requirementId)).events.find((e) => e.to_status === "prioritised");
    const lead = await db().selectFrom("users").select("name").where("id", "=", f.lead.id).executeTakeFirstOrThrow();
    expect(history).toMatchObject({ actorName: lead.name, actorOrganisation: team.name, reason: "Hoher Nutzen." });
  });
});
