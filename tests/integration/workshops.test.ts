import { afterAll, describe, expect, it } from "vitest";
import { atTime, getDb } from "#db/client.server";
import type { Actor } from "#app/modules/auth/permissions";
import { addCriterion, listCriteria, setCriterionActive, updateCriterion } from "#app/modules/workshops/criteria.server";
import { closeLiveBus, getLiveBus, type LiveEvent } from "#app/modules/workshops/live.server";
import {
  decideItem,
  endWorkshop,
  getMinutes,
  getRankedList,
  getWorkshopState,
  listMyWorkshops,
  markAttended,
  openItem,
  publishMinutes,
  reopenItem,
  revealItem,
  saveNotes,
  scheduleWorkshop,
  startWorkshop,
  submitScores,
} from "#app/modules/workshops/workshops.server";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { noticeText } from "#app/modules/notifications/notices";
import { createUser, formBody, requestAs } from "#tests/factories/index";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { action as liveAction } from "#app/routes/workshops.$id.live";
import { loader as eventsLoader } from "#app/routes/workshops.$id.events";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();
afterAll(async () => {
  await closeLiveBus();
});

async function criteriaOf(workshopId: number) {
  return db().selectFrom("workshop_criteria").select(["id"]).where("workshop_id", "=", workshopId).orderBy("position").execute();
}

async function scoreAll(actor: Actor, workshopId: number, itemId: number, values: number[]) {
  const criteria = await criteriaOf(workshopId);
  await submitScores(db(), actor, workshopId, { itemId, scores: criteria.map((c, i) => ({ criterionId: c.id, value: values[i % values.length] })) });
}

async function itemOf(workshopId: number, position = 1) {
  return db().selectFrom("workshop_items").selectAll().where("workshop_id", "=", workshopId).where("position", "=", position).executeTakeFirstOrThrow();
}

describe(`workshops (${dialectUnderTest})`, () => {
  it("creates the default criteria on first use; the lead keeps them, a member may not", async () => {
    const f = await workshopFixture(db(), { schedule: false });
    const criteria = await listCriteria(db(), f.teamId);
    expect(criteria.map((c) => c.name)).toEqual([
      "Nutzen für Bürger und Verwaltung",
      "Dringlichkeit / gesetzliche Frist",
      "Anzahl betroffener Kommunen",
      "Umsetzungsaufwand",
      "Standardisierungspotenzial",
    ]);
    expect(criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect(criteria.find((c) => c.name === "Umsetzungsaufwand")?.inverse).toBe(true);
    // Calling again creates nothing twice.
    expect(await listCriteria(db(), f.teamId)).toHaveLength(5);

    await updateCriterion(db(), f.lead.actor, f.teamId, criteria[0].id, { name: criteria[0].name, description: "", weight: 40, inverse: false });
    await addCriterion(db(), f.lead.actor, f.teamId, { name: "Datenschutz", description: "", weight: 5, inverse: false });
    expect((await errorOf(addCriterion(db(), f.lead.actor, f.teamId, { name: "Datenschutz", description: "", weight: 5, inverse: false }))).messageKey).toBe(
      "workshops:errors.criterionNameTaken",
    );
    expect((await errorOf(addCriterion(db(), f.members[0].actor, f.teamId, { name: "X", description: "", weight: 5, inverse: false }))).status).toBe(403);
    const other = await workshopFixture(db(), { schedule: false });
    expect((await errorOf(updateCriterion(db(), other.lead.actor, f.teamId, criteria[0].id, { name: "X", description: "", weight: 1, inverse: false }))).status).toBe(403);
    await setCriterionActive(db(), f.lead.actor, f.teamId, criteria[4].id, false);
    expect((await listCriteria(db(), f.teamId, { activeOnly: true })).map((c) => c.name)).toContain("Datenschutz");
    expect(await listCriteria(db(), f.teamId, { activeOnly: true })).toHaveLength(5);
  });

  it("schedules a workshop: open candidates become scheduled, members are invited and see it under their workshops", async () => {
    const f = await workshopFixture(db(), { candidates: 2 });
    const statuses = await db().selectFrom("candidates").select("status").where("id", "in", f.candidates.map((c) => c.id)).execute();
    expect(statuses.map((s) => s.status)).toEqual(["scheduled", "scheduled"]);
    const events = await db().selectFrom("candidate_events").select("kind").where("candidate_id", "=", f.candidates[0].id).execute();
    expect(events.map((e) => e.kind)).toContain("workshop_scheduled");
    const mine = await listMyWorkshops(db(), f.members[0].actor);
    expect(mine.workshops.map((w) => w.id)).toContain(f.workshopId);
    // Members read „eingeladen“ beside it, the lead „Moderation“.
    expect(mine.workshops.find((w) => w.id === f.workshopId)).toMatchObject({ invited: true, moderates: false });
    expect((await listMyWorkshops(db(), f.lead.actor)).workshops.find((w) => w.id === f.workshopId)).toMatchObject({ invited: true, moderates: true });
    // A member is offered only their own teams ("Ihre Kompetenzteams"); the requirements team sees all of them.
    expect(mine.ownTeams).toBe(true);
    const manager = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const all = await listMyWorkshops(db(), manager.actor);
    expect(all.teams.length).toBeGreaterThan(0);
    expect(all.ownTeams).toBe(false);
    const invitation = await db().selectFrom("notifications").select("message_key").where("user_id", "=", f.members[0].id).execute();
    expect(invitation.map((n) => n.message_key)).toContain("workshops:notifications.invited");
    // Another team's member neither sees it nor may open it.
    const stranger = await workshopFixture(db(), { schedule: false });
    expect((await listMyWorkshops(db(), stranger.members[0].actor)).workshops.map((w) => w.id)).not.toContain(f.workshopId);
    expect((await errorOf(getWorkshopState(db(), stranger.members[0].actor, f.workshopId))).status).toBe(404);
  });

  it("refuses scheduling a candidate that is not open, people outside the team, and members without the right", async () => {
    const f = await workshopFixture(db(), { schedule: false, candidates: 2 });
    const outsider = await createUser(db(), { organisation: "Perl" });
    const base = { teamId: f.teamId, title: "Nachtermin", scheduledAt: "2030-01-15T10:00", location: "", candidateIds: [f.candidates[0].id], participantIds: [f.members[0].id] };
    expect((await errorOf(scheduleWorkshop(db(), f.members[0].actor, base))).status).toBe(403);
    expect((await errorOf(scheduleWorkshop(db(), f.lead.actor, { ...base, participantIds: [outsider.id] }))).messageKey).toBe("workshops:errors.notTeamMember");
    expect((await errorOf(scheduleWorkshop(db(), f.lead.actor, { ...base, scheduledAt: "2020-01-15T10:00" }))).messageKey).toBe("workshops:errors.datePast");
    // "Past" is by the use case's clock: on a day pinned with atTime (the demo's history), that day's morning is past.
    const pinned = Date.parse("2020-01-15T12:00:00Z");
    expect((await errorOf(atTime(pinned, () => scheduleWorkshop(db(), f.lead.actor, { ...base, scheduledAt: "2020-01-15T10:00" })))).messageKey).toBe("workshops:errors.datePast");
    // The requirements manager may schedule for any team.
    await scheduleWorkshop(db(), f.manager.actor, base);
    // Now scheduled, the candidate is not open any more: nothing of the second attempt is saved.
    const before = await db().selectFrom("workshops").select("id").where("team_id", "=", f.teamId).execute();
    const e = await errorOf(scheduleWorkshop(db(), f.lead.actor, { ...base, candidateIds: [f.candidates[1].id, f.candidates[0].id] }));
    expect(e.messageKey).toBe("workshops:errors.candidateUnavailable");
    expect(await db().selectFrom("workshops").select("id").where("team_id", "=", f.teamId).execute()).toHaveLength(before.length);
    expect((await db().selectFrom("candidates").select("status").where("id", "=", f.candidates[1].id).executeTakeFirstOrThrow()).status).toBe("open");
  });

  it("plans on a day pinned with atTime (the demo's history) as on that day: later that week is allowed", async () => {
    const f = await workshopFixture(db(), { schedule: false });
    const input = { teamId: f.teamId, title: "Rückblick", scheduledAt: "2020-01-17T10:00", location: "", candidateIds: [f.candidates[0].id], participantIds: [] };
    const { id } = await atTime(Date.parse("2020-01-15T12:00:00Z"), () => scheduleWorkshop(db(), f.lead.actor, input));
    const w = await db().selectFrom("workshops").select(["scheduled_at", "created_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(w).toEqual({ scheduled_at: "2020-01-17T09:00:00.000Z", created_at: "2020-01-15T12:00:00.000Z" });
  });

  it("keeps advance scores hidden from the others; the lead sees who scored, not what", async () => {
    const f = await workshopFixture(db());
    const item = await itemOf(f.workshopId);
    await scoreAll(f.members[0].actor, f.workshopId, item.id, [5, 4]);
    const forOther = await getWorkshopState(db(), f.members[1].actor, f.workshopId);
    expect(forOther.items[0].result).toBeNull();
    expect(forOther.items[0].myScores).toEqual({});
    expect(forOther.items[0].scoredUserIds).toEqual([]);
    expect(JSON.stringify(forOther)).not.toContain('"value"');
    const forLead = await getWorkshopState(db(), f.lead.actor, f.workshopId);
    expect(forLead.items[0].scoredUserIds).toEqual([f.members[0].id]);
    expect(forLead.items[0].result).toBeNull();
    expect(forLead.items[0].myScores).toEqual({});
    const forScorer = await getWorkshopState(db(), f.members[0].actor, f.workshopId);
    expect(Object.values(forScorer.items[0].myScores)).toEqual([5, 4, 5, 4, 5]);
    const rows = await db().selectFrom("workshop_scores").select("in_advance").where("item_id", "=", item.id).execute();
    expect(rows.every((r) => r.in_advance === 1)).toBe(true);
  });

  it("runs a live session: open, score (a second score replaces the first), reveal, reopen, decide; nothing is scored after the decision", async () => {
    const f = await workshopFixture(db(), { candidates: 2 });
    const [a, b] = f.members;
    const item = await itemOf(f.workshopId);
    const received: LiveEvent[] = [];
    const stop = getLiveBus().subscribe(f.workshopId, (e) => received.push(e));

    expect((await errorOf(openItem(db(), f.lead.actor, f.workshopId, item.id))).messageKey).toBe("workshops:errors.notLive");
    expect((await errorOf(startWorkshop(db(), a.actor, f.workshopId))).status).toBe(403);
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    expect((await errorOf(openItem(db(), a.actor, f.workshopId, item.id))).status).toBe(403);
    await openItem(db(), f.lead.actor, f.workshopId, item.id);
    const state = await getWorkshopState(db(), b.actor, f.workshopId);
    expect(state.workshop.currentItemId).toBe(item.id);
    expect(state.current?.state).toBe("scoring");

    await scoreAll(a.actor, f.workshopId, item.id, [1]);
    await scoreAll(a.actor, f.workshopId, item.id, [4]);
    await scoreAll(b.actor, f.workshopId, item.id, [2]);
    const rows = await db().selectFrom("workshop_scores").select(["user_id", "value"]).where("item_id", "=", item.id).execute();
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.user_id === a.id).every((r) => r.value === 4)).toBe(true);

    // Members may not moderate.
    expect((await errorOf(revealItem(db(), a.actor, f.workshopId, item.id))).status).toBe(403);
    expect((await errorOf(decideItem(db(), f.lead.actor, f.workshopId, { itemId: item.id, decision: "reject", rationale: "x" }))).messageKey).toBe(
      "workshops:errors.revealFirst",
    );
    await revealItem(db(), f.lead.actor, f.workshopId, item.id);
    const revealed = await getWorkshopState(db(), b.actor, f.workshopId);
    expect(revealed.current?.result?.participantCount).toBe(2);
    expect(revealed.current?.result?.criteria[0].distribution).toEqual([0, 1, 0, 1, 0]);
    expect(revealed.current?.result?.criteria[0].disagreement).toBe(false);

    // Closed for scoring while revealed; reopened, scores may change again.
    expect((await errorOf(scoreAll(b.actor, f.workshopId, item.id, [3]))).messageKey).toBe("workshops:errors.itemClosed");
    await reopenItem(db(), f.lead.actor, f.workshopId, item.id);
    await scoreAll(b.actor, f.workshopId, item.id, [5]);
    await revealItem(db(), f.lead.actor, f.workshopId, item.id);
    expect((await getWorkshopState(db(), a.actor, f.workshopId)).current?.result?.criteria[0].distribution).toEqual([0, 0, 0, 1, 1]);

    await saveNotes(db(), f.lead.actor, f.workshopId, item.id, "Großer Nutzen, Fachverfahren bekannt.");
    expect((await errorOf(decideItem(db(), f.lead.actor, f.workshopId, { itemId: item.id, decision: "prioritise", rank: 1, rationale: "   " }))).messageKey).toBe(
      "workshops:errors.rationaleMissing",
    );
    await decideItem(db(), f.lead.actor, f.workshopId, { itemId: item.id, decision: "prioritise", rank: 1, rationale: "Hoher Nutzen für viele Kommunen." });

    const candidate = await db().selectFrom("candidates").select("status").where("id", "=", f.candidates[0].id).executeTakeFirstOrThrow();
    expect(candidate.status).toBe("prioritised");
    const requirement = await db().selectFrom("requirements").select("status").where("id", "=", f.candidates[0].requirementId).executeTakeFirstOrThrow();
    expect(requirement.status).toBe("prioritised");
    const event = await db()
      .selectFrom("requirement_events")
      .selectAll()
      .where("requirement_id", "=", f.candidates[0].requirementId)
      .where("to_status", "=", "prioritised")
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ from_status: "bundled", reason: "Hoher Nutzen für viele Kommunen.", actor_user_id: f.lead.id });
    // Filer and co-signer organisations are told, with the rationale.
    // The notice names the deciding team.
    const team = await db().selectFrom("teams").select("name").where("id", "=", f.teamId).executeTakeFirstOrThrow();
    const t = await i18nServer.getFixedT("de", "workshops");
    for (const user of [f.filer, f.cosigner]) {
      const n = await db().selectFrom("notifications").selectAll().where("user_id", "=", user.id).where("message_key", "=", "workshops:notifications.prioritiseByTeam").executeTakeFirstOrThrow();
      const params = JSON.parse(n.params!) as Record<string, string>;
      expect(params).toMatchObject({ rationale: "Hoher Nutzen für viele Kommunen.", rank: "1", team: team.name });
      expect(noticeText((key, options) => t(key, options) as string, { message_key: n.message_key, params })).toBe(
        `„${f.candidates[0].title}“ wurde priorisiert (${team.name}, Rang 1). Begründung: Hoher Nutzen für viele Kommunen.`,
      );
    }
    // A notice stored before notices named the team still reads as before.
    expect(noticeText((key, options) => t(key, options) as string, { message_key: "workshops:notifications.prioritise", params: { candidate: "E-Rechnung", rank: "1", rationale: "Nutzen." } })).toBe(
      "„E-Rechnung“ wurde im Kompetenzteam priorisiert (Rang 1). Begründung: Nutzen.",
    );

    expect((await errorOf(scoreAll(a.actor, f.workshopId, item.id, [1]))).messageKey).toBe("workshops:errors.itemClosed");
    expect((await errorOf(reopenItem(db(), f.lead.actor, f.workshopId, item.id))).status).toBe(409);
    expect((await errorOf(decideItem(db(), f.lead.actor, f.workshopId, { itemId: item.id, decision: "reject", rationale: "Doch nicht" }))).messageKey).toBe(
      "workshops:errors.alreadyDecided",
    );

    // Every step reached the bus, with who scored but never what.
    await new Promise((r) => setTimeout(r, 50));
    expect(received.map((e) => e.k)).toEqual(expect.arrayContaining(["started", "opened", "scored", "revealed", "reopened", "noted", "decided"]));
    expect(received.filter((e) => e.k === "scored").map((e) => e.u)).toEqual([a.id, a.id, b.id, b.id]);
    expect(JSON.stringify(received)).not.toContain("value");
    stop();

    // Ending skips the second item and gives its candidate back; the minutes and the ranked list follow.
    await endWorkshop(db(), f.lead.actor, f.workshopId);
    expect((await db().selectFrom("candidates").select("status").where("id", "=", f.candidates[1].id).executeTakeFirstOrThrow()).status).toBe("open");
    expect((await errorOf(scoreAll(a.actor, f.workshopId, item.id, [1]))).messageKey).toBe("workshops:errors.itemClosed");
    const draft = await getMinutes(db(), f.lead.actor, f.workshopId);
    expect(draft.published).toBe(false);
    expect(draft.mayViewWorkshop).toBe(true);
    expect(draft.attendees.map((p) => p.name).length).toBeGreaterThanOrEqual(3);
    expect(draft.items[0]).toMatchObject({ decision: "prioritise", rank: 1, rationale: "Hoher Nutzen für viele Kommunen.", notes: "Großer Nutzen, Fachverfahren bekannt." });
    expect(draft.items[1].state).toBe("skipped");
    const outsider = await createUser(db(), { organisation: "Perl" });
    expect((await errorOf(getMinutes(db(), outsider.actor, f.workshopId))).status).toBe(404);
    expect((await getRankedList(db(), outsider.actor, f.teamId)).prioritised).toEqual([]);
    await publishMinutes(db(), f.lead.actor, f.workshopId);
    const published = await getMinutes(db(), outsider.actor, f.workshopId);
    expect(published.published).toBe(true);
    // The outsider reads the minutes but may not open the workshop itself, so the page does not link there.
    expect(published.mayViewWorkshop).toBe(false);
    expect((await getMinutes(db(), f.lead.actor, f.workshopId)).mayViewWorkshop).toBe(true);
    const ranked = await getRankedList(db(), outsider.actor, f.teamId);
    expect(ranked.prioritised.map((r) => [r.rank, r.candidateId])).toEqual([[1, f.candidates[0].id]]);
    expect(ranked.prioritised[0].weightedTotal).not.toBeNull();
  });

  it("reveals only with the moderator's confirmation until everyone present (or who scored in advance) has scored", async () => {
    const f = await workshopFixture(db(), { members: 5, candidates: 2 });
    const [a, b, early, absent, leftTeam] = f.members;
    const first = await itemOf(f.workshopId, 1);
    const second = await itemOf(f.workshopId, 2);
    // One scores in advance and does not come; one neither scores nor comes; one comes but has left the team.
    await scoreAll(early.actor, f.workshopId, first.id, [4]);
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    await markAttended(db(), f.workshopId, [a.id, b.id, leftTeam.id]);
    await db().deleteFrom("role_assignments").where("user_id", "=", leftTeam.id).execute();
    await openItem(db(), f.lead.actor, f.workshopId, first.id);
    const progress = async () => {
      const c = (await getWorkshopState(db(), f.lead.actor, f.workshopId)).current!;
      return [c.scoredCount, c.expectedCount, c.scoringComplete];
    };
    // Waited for: a and b (present) and the early scorer; not the absent one, the one out of the team, or the moderator.
    expect(await progress()).toEqual([1, 3, false]);
    expect((await getWorkshopState(db(), f.lead.actor, f.workshopId)).participants.find((p) => p.id === absent.id)?.attended).toBe(false);

    // Through the route: without confirm, the answer asks for it at the confirm field and nothing changes.
    const post = async (values: Record<string, string>) => {
      const request = await requestAs(db(), f.lead.id, `/workshops/${f.workshopId}/live`, { method: "POST", body: formBody(values) });
      return (await liveAction({ request, params: { id: String(f.workshopId) }, context: {} })) as { data: { error?: Record<string, string[]> }; init?: { status?: number } };
    };
    const refused = await post({ intent: "reveal", itemId: String(first.id) });
    expect(refused.init?.status).toBe(400);
    expect(refused.data.error).toEqual({ confirm: ["validation.confirmRequired"] });
    expect(refused.data).toMatchObject({ details: { scored: 1, expected: 3 } });
    expect((await itemOf(f.workshopId, 1)).state).toBe("scoring");
    const reveals = () =>
      db().selectFrom("audit_log").select("id").where("action", "=", "workshop.item.reveal").where("entity_id", "=", String(f.workshopId)).execute();
    expect(await reveals()).toEqual([]);

    await scoreAll(a.actor, f.workshopId, first.id, [2]);
    expect(await progress()).toEqual([2, 3, false]);
    const e = await errorOf(revealItem(db(), f.lead.actor, f.workshopId, first.id));
    expect([e.status, e.field, e.messageKey]).toEqual([400, "confirm", "validation.confirmRequired"]);
    expect((await itemOf(f.workshopId, 1)).state).toBe("scoring");
    // A member may not reveal, confirmed or not.
    expect((await errorOf(revealItem(db(), b.actor, f.workshopId, first.id, { confirmed: true }))).status).toBe(403);

    // Everyone expected has scored (the moderator need not): revealed without asking.
    await scoreAll(b.actor, f.workshopId, first.id, [3]);
    expect(await progress()).toEqual([3, 3, true]);
    const revealed = await post({ intent: "reveal", itemId: String(first.id) });
    expect(revealed.init?.status ?? 200).toBe(200);
    expect((await itemOf(f.workshopId, 1)).state).toBe("revealed");
    expect((await getWorkshopState(db(), a.actor, f.workshopId)).current?.result?.participantCount).toBe(3);

    // Nobody has scored the second item: the moderator may still reveal it (to decide without scores), once confirmed.
    await openItem(db(), f.lead.actor, f.workshopId, second.id);
    expect(await progress()).toEqual([0, 2, false]);
    expect((await errorOf(revealItem(db(), f.lead.actor, f.workshopId, second.id))).field).toBe("confirm");
    const confirmed = await post({ intent: "reveal", itemId: String(second.id), confirm: "yes" });
    expect(confirmed.init?.status ?? 200).toBe(200);
    expect((await itemOf(f.workshopId, 2)).state).toBe("revealed");
    expect(await reveals()).toHaveLength(2);
  });

  it("a late arrival: the refused reveal names the numbers counted now, for a page that thought everyone had scored", async () => {
    const f = await workshopFixture(db(), { members: 2 });
    const [present, late] = f.members;
    const item = await itemOf(f.workshopId);
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    await markAttended(db(), f.workshopId, [present.id]);
    await openItem(db(), f.lead.actor, f.workshopId, item.id);
    await scoreAll(present.actor, f.workshopId, item.id, [4]);
    // What the moderator's page shows: everyone counted has scored, so it reveals without asking.
    const page = (await getWorkshopState(db(), f.lead.actor, f.workshopId)).current!;
    expect([page.scoredCount, page.expectedCount, page.scoringComplete]).toEqual([1, 1, true]);

    // The late member opens the live view: connecting to its event stream counts them as present.
    const connection = new AbortController();
    const stream = (await eventsLoader({
      request: await requestAs(db(), late.id, `/workshops/${f.workshopId}/events`, { signal: connection.signal }),
      params: { id: String(f.workshopId) },
      context: {},
    })) as Response;
    expect(stream.status).toBe(200);
    connection.abort();

    const request = await requestAs(db(), f.lead.id, `/workshops/${f.workshopId}/live`, { method: "POST", body: formBody({ intent: "reveal", itemId: String(item.id) }) });
    const refused = (await liveAction({ request, params: { id: String(f.workshopId) }, context: {} })) as { data: Record<string, unknown>; init?: { status?: number } };
    expect(refused.init?.status).toBe(400);
    expect(refused.data).toMatchObject({ error: { confirm: ["validation.confirmRequired"] }, details: { scored: 1, expected: 2 } });
    expect((await itemOf(f.workshopId)).state).toBe("scoring");
  });

  it("defers and rejects with a rationale; a rejection becomes the requirement's reject reason", async () => {
    const f = await workshopFixture(db(), { candidates: 2 });
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    const first = await itemOf(f.workshopId, 1);
    const second = await itemOf(f.workshopId, 2);
    for (const item of [first, second]) {
      await openItem(db(), f.lead.actor, f.workshopId, item.id);
      await scoreAll(f.members[0].actor, f.workshopId, item.id, [3]);
      await revealItem(db(), f.lead.actor, f.workshopId, item.id);
    }
    await decideItem(db(), f.lead.actor, f.workshopId, { itemId: first.id, decision: "defer", deferredUntil: "2031-06-30", rationale: "Erst nach der Gesetzesnovelle." });
    await decideItem(db(), f.lead.actor, f.workshopId, { itemId: second.id, decision: "reject", rationale: "Bereits landesweit gelöst." });
    const [deferred, rejected] = await Promise.all(
      f.candidates.map((c) => db().selectFrom("requirements").select(["status", "reject_reason"]).where("id", "=", c.requirementId).executeTakeFirstOrThrow()),
    );
    expect(deferred).toEqual({ status: "deferred", reject_reason: null });
    expect(rejected).toEqual({ status: "rejected", reject_reason: "Bereits landesweit gelöst." });
    const n = await db().selectFrom("notifications").selectAll().where("user_id", "=", f.filer.id).where("message_key", "=", "workshops:notifications.deferByTeam").executeTakeFirstOrThrow();
    expect(JSON.parse(n.params!)).toMatchObject({ until: "30.06.2031", rationale: "Erst nach der Gesetzesnovelle." });
  });

  it("refuses through the route, with a German message and nothing lost: scores outside 1–5, a non-member's score, a decision without rationale", async () => {
    const f = await workshopFixture(db());
    const item = await itemOf(f.workshopId);
    const criteria = await criteriaOf(f.workshopId);
    const post = async (userId: number, values: Record<string, string>) => {
      const request = await requestAs(db(), userId, `/workshops/${f.workshopId}/live`, { method: "POST", body: formBody(values) });
      try {
        return (await liveAction({ request, params: { id: String(f.workshopId) }, context: {} })) as unknown;
      } catch (thrown) {
        return thrown;
      }
    };
    const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200));
    const scoreBody = (value: string) => ({
      intent: "score",
      itemId: String(item.id),
      ...Object.fromEntries(criteria.flatMap((c, i) => [[`scores[${i}].criterionId`, String(c.id)], [`scores[${i}].value`, value]])),
    });

    expect(statusOf(await post(f.members[0].id, scoreBody("4")))).toBe(200);
    for (const bad of ["0", "6", "2.5", "sehr gut"]) {
      const reply = await post(f.members[0].id, scoreBody(bad));
      expect(statusOf(reply)).toBe(400);
      expect(JSON.stringify((reply as { data: unknown }).data)).toContain("workshops:errors.scoreRange");
    }
    // A valid score after the refused ones answers with a success reply that clears the form's messages.
    const fixed = (await post(f.members[0].id, scoreBody("4"))) as { data: { status?: string; error?: unknown; ok?: boolean } };
    expect(statusOf(fixed)).toBe(200);
    expect(fixed.data).toMatchObject({ status: "success", ok: true });
    expect(fixed.data.error).toBeFalsy();
    // The earlier valid score is still there.
    const kept = await db().selectFrom("workshop_scores").select("value").where("item_id", "=", item.id).where("user_id", "=", f.members[0].id).execute();
    expect(kept.map((k) => k.value)).toEqual([4, 4, 4, 4, 4]);

    // A score with a criterion missing.
    const partial = await post(f.members[0].id, { intent: "score", itemId: String(item.id), "scores[0].criterionId": String(criteria[0].id), "scores[0].value": "3" });
    expect(statusOf(partial)).toBe(400);
    expect(JSON.stringify((partial as { data: unknown }).data)).toContain("workshops:errors.scoreMissing");

    // Someone of another team, and a team member who was not invited.
    const stranger = await createUser(db(), { organisation: "Perl", roles: ["team_member"] });
    expect(statusOf(await post(stranger.id, scoreBody("3")))).toBe(404);
    const uninvited = await createUser(db(), { organisation: "Perl", roles: ["team_member"], teamId: f.teamId });
    expect(statusOf(await post(uninvited.id, scoreBody("3")))).toBe(403);
    expect(await db().selectFrom("workshop_scores").select("id").where("user_id", "in", [stranger.id, uninvited.id]).execute()).toEqual([]);

    await startWorkshop(db(), f.lead.actor, f.workshopId);
    await openItem(db(), f.lead.actor, f.workshopId, item.id);
    await revealItem(db(), f.lead.actor, f.workshopId, item.id);
    const noRationale = await post(f.lead.id, { intent: "decide", itemId: String(item.id), decision: "reject", rationale: "" });
    expect(statusOf(noRationale)).toBe(400);
    expect(JSON.stringify((noRationale as { data: unknown }).data)).toContain("workshops:errors.rationaleMissing");
    const closed = await post(f.members[1].id, scoreBody("3"));
    expect(statusOf(closed)).toBe(409);
    expect(JSON.stringify((closed as { data: unknown }).data)).toContain("workshops:errors.itemClosed");
    // A member's decision is refused outright.
    expect(statusOf(await post(f.members[0].id, { intent: "decide", itemId: String(item.id), decision: "reject", rationale: "Nein", confirm: "yes" }))).toBe(403);
    expect((await itemOf(f.workshopId)).state).toBe("revealed");
    // An item of another workshop.
    const other = await workshopFixture(db());
    const foreign = await itemOf(other.workshopId);
    expect(statusOf(await post(f.lead.id, { intent: "open", itemId: String(foreign.id) }))).toBe(400);
  });

  it("tracks presence per workshop and tells followers when it changes", async () => {
    const bus = getLiveBus();
    const seen: string[] = [];
    const stop = bus.subscribe(987_654, (e) => seen.push(e.k));
    const leaveA = bus.join(987_654, 11);
    const leaveA2 = bus.join(987_654, 11);
    const leaveB = bus.join(987_654, 12);
    expect(bus.presence(987_654)).toEqual([11, 12]);
    leaveA();
    expect(bus.presence(987_654)).toEqual([11, 12]);
    leaveA2();
    leaveB();
    expect(bus.presence(987_654)).toEqual([]);
    expect(seen.filter((k) => k === "presence")).toHaveLength(4);
    stop();
    expect(getDb()).toBeDefined();
  });
});
