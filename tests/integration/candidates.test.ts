import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { Actor } from "#app/modules/auth/permissions";
import {
  createCandidate,
  addCandidateComment,
  addRequirementToCandidate,
  assignTeam,
  candidateOfRequirement,
  getCandidateDetail,
  listCandidates,
  mergeCandidates,
  proposeCandidates,
  removeRequirementFromCandidate,
  splitCandidate,
  suggestForCandidates,
  updateCandidate,
} from "#app/modules/bundling/candidates.server";
import { candidateActionSchema } from "#app/modules/bundling/schema";
import { findVisibleRequirement } from "#app/modules/requirements/queries.server";
import { cosignRequirement } from "#app/modules/requirements/requirements.server";
import { createTeam, createUser, formBody, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

// Wordings of one shared need by different municipalities, per test topic (so tests do not share clusters).
const TOPICS = {
  dog: {
    themenfeld: "Steuern & Zoll" as const,
    system: "OK.FIS",
    titles: ["Online-Anmeldung der Hundesteuer", "Hundesteueranmeldung online ermöglichen", "Hundesteuer digital anmelden und abmelden", "Anmeldung eines Hundes zur Hundesteuer über das Internet"],
    problem: "Hundehalter müssen ihren Hund für die Hundesteuer persönlich im Rathaus anmelden oder abmelden.",
  },
  waste: {
    themenfeld: "Umwelt" as const,
    system: "Abfallwirtschaft",
    titles: ["Sperrmüllabholung online beantragen", "Online-Antrag für die Sperrmüllabholung", "Sperrmüll digital zur Abholung anmelden", "Sperrmüll-Termin online vereinbaren"],
    problem: "Für die Abholung von Sperrmüll müssen Bürger ein Papierformular ausfüllen oder anrufen.",
  },
  parking: {
    themenfeld: "Mobilität & Reisen" as const,
    system: "Parkraumverwaltung",
    titles: ["Bewohnerparkausweis online beantragen", "Online-Antrag Bewohnerparkausweis", "Bewohnerparkausweise digital verlängern und beantragen", "Anwohnerparken: Parkausweis online"],
    problem: "Der Bewohnerparkausweis kann nur am Schalter des Ordnungsamts beantragt werden.",
  },
  wedding: {
    themenfeld: "Familie & Kind" as const,
    system: "Standesamtsverfahren",
    titles: ["Eheschließung online anmelden", "Online-Anmeldung zur Eheschließung beim Standesamt", "Anmeldung der Eheschließung digital", "Trautermin und Eheschließung online anmelden"],
    problem: "Paare müssen die Eheschließung persönlich beim Standesamt anmelden und Unterlagen auf Papier einreichen.",
  },
  fishing: {
    themenfeld: "Engagement & Hobby" as const,
    system: "Fischereischeinverfahren",
    titles: ["Fischereischein online beantragen", "Online-Antrag für den Fischereischein", "Fischereischein digital verlängern und beantragen", "Antrag auf Fischereischein über das Internet"],
    problem: "Den Fischereischein kann man nur persönlich in der Verwaltung beantragen oder verlängern.",
  },
  graves: {
    themenfeld: "Querschnittsleistungen" as const,
    system: "Friedhofsverwaltung",
    titles: ["Grabnutzungsrecht online verlängern", "Online-Verlängerung des Grabnutzungsrechts", "Grabnutzungsrechte digital verlängern", "Verlängerung Nutzungsrecht Grabstätte online"],
    problem: "Die Verlängerung von Grabnutzungsrechten läuft bisher über Briefe und persönliche Vorsprache.",
  },
};
type Topic = keyof typeof TOPICS;

async function file(actor: Actor, topic: Topic, i: number, extra: { confidential?: boolean; deadline?: string } = {}) {
  const t = TOPICS[topic];
  return fileRequirement(db(), actor, {
    title: t.titles[i],
    problem: t.problem,
    desiredOutcome: `${t.titles[i]} über das Serviceportal.`,
    themenfeld: t.themenfeld,
    system: t.system,
    ...extra,
  });
}

async function people() {
  const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
  const sb = await createUser(db(), { organisation: "Saarbrücken" });
  const hom = await createUser(db(), { organisation: "Homburg" });
  const nk = await createUser(db(), { organisation: "Neunkirchen" });
  const stw = await createUser(db(), { organisation: "St. Wendel" });
  return { rm, sb, hom, nk, stw };
}

async function statusOf(id: number) {
  return (await db().selectFrom("requirements").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

/** Files the topic's first `n` wordings by different organisations and returns their ids. */
async function fileTopic(p: Awaited<ReturnType<typeof people>>, topic: Topic, n = 3) {
  const filers = [p.sb, p.hom, p.nk, p.stw];
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await file(filers[i].actor, topic, i));
  return ids;
}

async function snapshot(database: DB) {
  return {
    candidates: await database.selectFrom("candidates").selectAll().orderBy("id").execute(),
    members: await database.selectFrom("candidate_requirements").selectAll().orderBy("requirement_id").execute(),
    exclusions: await database.selectFrom("candidate_exclusions").selectAll().orderBy("candidate_id").orderBy("requirement_id").execute(),
  };
}

describe(`proposals and accepting them (${dialectUnderTest})`, () => {
  it("proposes the same need filed in different wordings, explains why, and accepts it as an open candidate", async () => {
    const p = await people();
    const ids = await fileTopic(p, "dog");
    const proposals = await proposeCandidates(db(), p.rm.actor);
    const proposal = proposals.find((x) => ids.every((id) => x.requirements.some((r) => r.id === id)));
    expect(proposal, "a proposal with all three wordings").toBeTruthy();
    expect(proposal!.confidence).toBeGreaterThan(0);
    expect(proposal!.confidence).toBeLessThanOrEqual(1);
    expect(proposal!.sharedTerms.length).toBeGreaterThan(0);
    expect(proposal!.commonThemenfeld).toBe("Steuern & Zoll");
    expect(proposal!.commonSystem).toBe("OK.FIS");
    expect(proposal!.organisations.map((o) => o.name).sort()).toEqual(["Homburg", "Neunkirchen", "Saarbrücken"]);

    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Hundesteuer online", summary: "" });
    const detail = await getCandidateDetail(db(), p.sb.actor, id);
    expect(detail.status).toBe("open");
    expect(detail.themenfeld).toBe("Steuern & Zoll");
    expect(detail.requirements.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(detail.facts.organisationCount).toBe(3);
    for (const rid of ids) {
      expect(await statusOf(rid)).toBe("bundled");
      const ev = await db().selectFrom("requirement_events").selectAll().where("requirement_id", "=", rid).where("to_status", "=", "bundled").executeTakeFirst();
      expect(ev).toMatchObject({ kind: "status", from_status: "submitted" });
      expect(await candidateOfRequirement(db(), p.hom.actor, rid)).toEqual({ id, title: "Hundesteuer online", status: "open" });
    }
    // The filing organisations hear about it.
    const notes = await db().selectFrom("notifications").selectAll().where("user_id", "=", p.hom.id).where("message_key", "=", "bundling:notifications.bundled").execute();
    expect(notes).toHaveLength(1);

    // Accepted requirements are never proposed again; accepting them twice is refused.
    const again = await proposeCandidates(db(), p.rm.actor);
    expect(again.flatMap((x) => x.requirements.map((r) => r.id)).filter((r) => ids.includes(r))).toEqual([]);
    const stale = await errorOf(createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Nochmal", summary: "" }));
    expect(stale.messageKey).toBe("bundling:errors.proposalStale");
    expect(await db().selectFrom("candidates").select("id").where("title", "=", "Nochmal").execute()).toEqual([]);
  });

  it("does not accept drafts, requirements waiting for release or ids that do not exist", async () => {
    const p = await people();
    const draft = await fileRequirement(db(), p.sb.actor, { title: "Entwurf Hundesteuer", submit: false });
    const out = await file(p.hom.actor, "dog", 3);
    for (const ids of [[draft, out], [out, 99_999_999]]) {
      const e = await errorOf(createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Ungültig", summary: "" }));
      expect(e.messageKey).toBe("bundling:errors.proposalStale");
    }
    expect(await statusOf(out)).toBe("submitted");
  });
});

describe(`co-signatures on the candidate page (${dialectUnderTest})`, () => {
  it("lists each co-signing organisation of a requirement with the quantity it gave", async () => {
    const p = await people();
    const [first] = await fileTopic(p, "waste");
    await cosignRequirement(db(), p.stw.actor, first, { quantity: 1500, quantityUnit: "cases_per_year", comment: "Zwei Wertstoffhöfe" });
    await cosignRequirement(db(), p.nk.actor, first, {});
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: [first], title: "Sperrmüll online", summary: "" });
    const detail = await getCandidateDetail(db(), p.hom.actor, id);
    expect(detail.requirements.find((r) => r.id === first)?.cosigners).toEqual([
      { organisationName: "Neunkirchen", quantity: null, quantityUnit: null },
      { organisationName: "St. Wendel", quantity: 1500, quantityUnit: "cases_per_year" },
    ]);
  });
});

describe(`permissions (${dialectUnderTest})`, () => {
  it("lets only the requirements manager curate, and every signed-in member read and comment", async () => {
    const p = await people();
    const ids = await fileTopic(p, "waste");
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: ids.slice(0, 2), title: "Sperrmüll online", summary: "" });
    const { id: other } = await createCandidate(db(), p.rm.actor, { requirementIds: [ids[2]], title: "Sperrmüll Termin", summary: "" });
    const teamId = await createTeam(db());
    const outsiders = [
      p.sb,
      await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] }),
      await createUser(db(), { organisation: "Homburg", roles: ["team_lead"] }),
      await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] }),
      await createUser(db(), { organisation: "Landkreis Saarlouis", roles: ["board"] }),
      await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] }),
    ];
    const before = await snapshot(db());
    for (const u of outsiders) {
      const a = u.actor;
      const attempts = [
        proposeCandidates(db(), a),
        suggestForCandidates(db(), a),
        createCandidate(db(), a, { requirementIds: ids, title: "x", summary: "" }),
        updateCandidate(db(), a, id, { version: 1, title: "x", summary: "" }),
        addRequirementToCandidate(db(), a, id, ids[2]),
        removeRequirementFromCandidate(db(), a, id, ids[0]),
        mergeCandidates(db(), a, id, other),
        splitCandidate(db(), a, id, { requirementIds: [ids[0]], title: "x" }),
        assignTeam(db(), a, id, teamId),
      ];
      for (const attempt of attempts) expect((await errorOf(attempt)).status).toBe(403);
      await expect(getCandidateDetail(db(), a, id)).resolves.toMatchObject({ id, curatable: false, curation: null });
      expect((await listCandidates(db(), a, {})).items.map((c) => c.id)).toContain(id);
      await addCandidateComment(db(), a, id, "Brauchen wir auch.");
    }
    const after = await snapshot(db());
    expect(after).toEqual(before);
    const detail = await getCandidateDetail(db(), p.rm.actor, id);
    expect(detail.comments).toHaveLength(outsiders.length);
    expect(detail.curatable).toBe(true);
    expect(detail.curation?.mergeTargets.map((m) => m.id)).toContain(other);
  });

  it("answers a member's curation request through the route with 403 and changes nothing", async () => {
    const p = await people();
    const ids = await fileTopic(p, "graves", 2);
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Grabnutzung", summary: "" });
    const mod = await import("../../app/routes/kandidaten.$id");
    const request = await requestAs(db(), p.sb.id, `/kandidaten/${id}`, { method: "POST", body: formBody({ intent: "remove", requirementId: String(ids[0]) }) });
    let thrown: unknown;
    try {
      await mod.action({ request, params: { id: String(id) }, context: {} });
    } catch (e) {
      thrown = e;
    }
    expect((thrown as { init?: ResponseInit }).init?.status ?? (thrown as Response).status).toBe(403);
    expect(await statusOf(ids[0])).toBe("bundled");
  });

  it("removes a requirement only with the confirmation, since it is not suggested again", async () => {
    const p = await people();
    const ids = await fileTopic(p, "graves", 3);
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Grabstellen", summary: "" });
    const mod = await import("../../app/routes/kandidaten.$id");
    const post = async (fields: Record<string, string>) =>
      mod.action({ request: await requestAs(db(), p.rm.id, `/kandidaten/${id}`, { method: "POST", body: formBody(fields) }), params: { id: String(id) }, context: {} });
    const unconfirmed = (await post({ intent: "remove", requirementId: String(ids[0]) })) as { data?: { error?: Record<string, string[]> }; init?: ResponseInit };
    expect(unconfirmed.init?.status).toBe(400);
    expect(unconfirmed.data?.error?.confirm).toEqual(["bundling:errors.confirmRequired"]);
    expect(await statusOf(ids[0])).toBe("bundled");
    const confirmed = (await post({ intent: "remove", requirementId: String(ids[0]), confirm: "yes" })) as Response;
    expect(confirmed.status).toBe(302);
    expect(await statusOf(ids[0])).not.toBe("bundled");
  });
});

describe(`curating candidates (${dialectUnderTest})`, () => {
  it("refuses merging a candidate with itself, at the field, and merges two candidates", async () => {
    const p = await people();
    const ids = await fileTopic(p, "parking", 4);
    const { id: a } = await createCandidate(db(), p.rm.actor, { requirementIds: ids.slice(0, 2), title: "Bewohnerparken A", summary: "" });
    const { id: b } = await createCandidate(db(), p.rm.actor, { requirementIds: ids.slice(2), title: "Bewohnerparken B", summary: "" });
    const teamId = await createTeam(db());
    await assignTeam(db(), p.rm.actor, b, teamId);
    await addCandidateComment(db(), p.hom.actor, b, "Wichtig für uns.");

    const self = await errorOf(mergeCandidates(db(), p.rm.actor, a, a));
    expect(self).toMatchObject({ status: 400, messageKey: "bundling:errors.mergeSelf", field: "otherId" });

    // Through the route: the message comes back at the field and nothing changed.
    const mod = await import("../../app/routes/kandidaten.$id");
    const request = await requestAs(db(), p.rm.id, `/kandidaten/${a}`, { method: "POST", body: formBody({ intent: "merge", otherId: String(a), confirm: "yes" }) });
    const reply = (await mod.action({ request, params: { id: String(a) }, context: {} })) as { data: { error: Record<string, string[]> }; init: ResponseInit };
    expect(reply.init.status).toBe(400);
    expect(reply.data.error.otherId).toEqual(["bundling:errors.mergeSelf"]);
    expect((await getCandidateDetail(db(), p.rm.actor, a)).requirementCount).toBe(2);
    // Without the confirmation (the dialog's button, or the no-JS second step) nothing is merged.
    const unconfirmed = await requestAs(db(), p.rm.id, `/kandidaten/${a}`, { method: "POST", body: formBody({ intent: "merge", otherId: String(b) }) });
    const ask = (await mod.action({ request: unconfirmed, params: { id: String(a) }, context: {} })) as typeof reply;
    expect(ask.init.status).toBe(400);
    expect(ask.data.error.confirm).toEqual(["bundling:errors.confirmRequired"]);
    expect((await getCandidateDetail(db(), p.rm.actor, b)).requirementCount).toBe(2);

    await mergeCandidates(db(), p.rm.actor, a, b);
    const merged = await getCandidateDetail(db(), p.rm.actor, a);
    expect(merged.requirements.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(merged.teamId).toBe(teamId);
    expect(merged.comments.map((c) => c.body)).toEqual(["Wichtig für uns."]);
    expect(merged.events.map((e) => e.kind)).toContain("merged_in");
    expect((await errorOf(getCandidateDetail(db(), p.rm.actor, b))).status).toBe(404);
    for (const r of ids) expect(await candidateOfRequirement(db(), p.sb.actor, r)).toMatchObject({ id: a });
  });

  it("refuses splitting off none or all requirements and splits off some into a new candidate", async () => {
    const p = await people();
    const ids = await fileTopic(p, "wedding", 3);
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Eheschließung online", summary: "" });
    const before = await snapshot(db());
    expect(await errorOf(splitCandidate(db(), p.rm.actor, id, { requirementIds: [], title: "Neu" }))).toMatchObject({
      status: 400,
      messageKey: "bundling:errors.splitNone",
      field: "requirementIds",
    });
    expect(await errorOf(splitCandidate(db(), p.rm.actor, id, { requirementIds: ids, title: "Neu" }))).toMatchObject({
      status: 400,
      messageKey: "bundling:errors.splitAll",
      field: "requirementIds",
    });
    const foreign = await file(p.stw.actor, "wedding", 3);
    expect((await errorOf(splitCandidate(db(), p.rm.actor, id, { requirementIds: [foreign], title: "Neu" }))).messageKey).toBe("bundling:errors.notMember");
    // The form schema refuses an empty choice and a missing confirmation before any use case runs.
    const form = new FormData();
    form.set("intent", "split");
    form.set("title", "Neu");
    const parsed = parseWithZod(form, { schema: candidateActionSchema });
    expect(parsed.status).toBe("error");
    expect(parsed.reply().error).toMatchObject({ requirementIds: ["bundling:errors.splitNone"], confirm: ["bundling:errors.confirmRequired"] });
    expect(await snapshot(db())).toEqual({ ...before, exclusions: before.exclusions });

    const { id: created } = await splitCandidate(db(), p.rm.actor, id, { requirementIds: [ids[2]], title: "Trautermin online" });
    const source = await getCandidateDetail(db(), p.rm.actor, id);
    const split = await getCandidateDetail(db(), p.rm.actor, created);
    expect(source.requirements.map((r) => r.id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(split).toMatchObject({ title: "Trautermin online", status: "open" });
    expect(split.requirements.map((r) => r.id)).toEqual([ids[2]]);
    expect(split.events.map((e) => e.kind)).toEqual(["split_from"]);
    expect(await statusOf(ids[2])).toBe("bundled");
  });

  it("edits title and summary with optimistic locking and refuses an inactive team", async () => {
    const p = await people();
    const ids = await fileTopic(p, "fishing", 2);
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Fischereischein", summary: "" });
    const { version } = await getCandidateDetail(db(), p.rm.actor, id);
    await updateCandidate(db(), p.rm.actor, id, { version, title: "Fischereischein online", summary: "Antrag und Verlängerung." });
    const stale = await errorOf(updateCandidate(db(), p.rm.actor, id, { version, title: "Überschrieben", summary: "" }));
    expect(stale).toMatchObject({ status: 409, messageKey: "bundling:errors.staleVersion" });
    expect((await getCandidateDetail(db(), p.rm.actor, id)).title).toBe("Fischereischein online");

    const inactive = await createTeam(db());
    await db().updateTable("teams").set({ active: 0 }).where("id", "=", inactive).execute();
    for (const teamId of [inactive, 99_999_999]) {
      expect(await errorOf(assignTeam(db(), p.rm.actor, id, teamId))).toMatchObject({ status: 400, messageKey: "bundling:errors.teamInvalid", field: "teamId" });
    }
    expect((await getCandidateDetail(db(), p.rm.actor, id)).teamId).toBeNull();
  });
});

describe(`people's decisions win (${dialectUnderTest})`, () => {
  it("keeps accepted candidates, removals and team assignments on every re-run and never re-proposes a removal", async () => {
    const p = await people();
    const ids = await fileTopic(p, "dog", 3);
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Hundesteuer digital", summary: "" });
    const teamId = await createTeam(db(), { name: "Kompetenzteam Finanzen (Test)" });
    await assignTeam(db(), p.rm.actor, id, teamId);

    // Removing a requirement sends it back to review and remembers the decision.
    await removeRequirementFromCandidate(db(), p.rm.actor, id, ids[2]);
    expect(await statusOf(ids[2])).toBe("in_review");
    expect(await db().selectFrom("candidate_exclusions").selectAll().where("candidate_id", "=", id).execute()).toMatchObject([{ requirement_id: ids[2] }]);
    // A second removal (a stale tab) is told the candidate changed meanwhile.
    expect((await errorOf(removeRequirementFromCandidate(db(), p.rm.actor, id, ids[2]))).messageKey).toBe("bundling:errors.removeStale");

    // A new requirement of the same need is suggested for the candidate; the removed one is not.
    const fresh = await file(p.stw.actor, "dog", 3);
    const before = await snapshot(db());
    for (let run = 0; run < 2; run++) {
      const proposals = await proposeCandidates(db(), p.rm.actor);
      for (const prop of proposals) {
        const members = prop.requirements.map((r) => r.id);
        expect(members.filter((m) => ids.slice(0, 2).includes(m))).toEqual([]);
      }
      const fits = (await suggestForCandidates(db(), p.rm.actor)).find((c) => c.candidate.id === id);
      expect(fits?.suggestions.map((s) => s.id)).toContain(fresh);
      expect(fits?.suggestions.map((s) => s.id)).not.toContain(ids[2]);
      expect(await snapshot(db())).toEqual(before);
    }
    const detail = await getCandidateDetail(db(), p.rm.actor, id);
    expect(detail.teamId).toBe(teamId);
    expect(detail.teamName).toBe("Kompetenzteam Finanzen (Test)");

    // One click adds the suggested requirement; a manual add of the removed one overrides the removal.
    await addRequirementToCandidate(db(), p.rm.actor, id, fresh);
    expect(await statusOf(fresh)).toBe("bundled");
    expect((await errorOf(addRequirementToCandidate(db(), p.rm.actor, id, fresh))).messageKey).toMatch(/^bundling:errors\.notBundleable\?.*context=in_candidate/);
    await addRequirementToCandidate(db(), p.rm.actor, id, ids[2]);
    expect(await db().selectFrom("candidate_exclusions").selectAll().where("candidate_id", "=", id).execute()).toEqual([]);
    const events = (await getCandidateDetail(db(), p.rm.actor, id)).events.map((e) => e.kind);
    expect(events).toEqual(["created", "team_assigned", "requirement_removed", "requirement_added", "requirement_added"]);
  });

  it("refuses removing the last requirement of a candidate", async () => {
    const p = await people();
    const [only] = await fileTopic(p, "graves", 1);
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: [only], title: "Einzelfall", summary: "" });
    expect((await errorOf(removeRequirementFromCandidate(db(), p.rm.actor, id, only))).messageKey).toBe("bundling:errors.removeLast");
    expect(await statusOf(only)).toBe("bundled");
  });
});

describe(`confidential requirements in a candidate (${dialectUnderTest})`, () => {
  it("shows a confidential requirement to other members only as an anonymous count", async () => {
    const p = await people();
    const secret = await file(p.sb.actor, "fishing", 3, { confidential: true, deadline: "2031-01-31" });
    const open1 = await file(p.hom.actor, "fishing", 0, { deadline: "2032-06-30" });
    const open2 = await file(p.nk.actor, "fishing", 1);
    const mgmt = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    // The requirements manager sees it and bundles it with the others.
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: [secret, open1, open2], title: "Fischereischein digital", summary: "" });
    await removeRequirementFromCandidate(db(), p.rm.actor, id, secret);
    await addRequirementToCandidate(db(), p.rm.actor, id, secret);

    const other = await getCandidateDetail(db(), p.stw.actor, id);
    expect(other.requirementCount).toBe(3);
    expect(other.confidentialHidden).toBe(1);
    expect(other.requirements.map((r) => r.id).sort()).toEqual([open1, open2].sort());
    expect(other.organisations.map((o) => o.name).sort()).toEqual(["Homburg", "Neunkirchen"]);
    expect(other.facts.organisationCount).toBe(2);
    expect(other.facts.earliestDeadline).toBe("2032-06-30");
    expect(JSON.stringify(other)).not.toContain(TOPICS.fishing.titles[3]);
    expect(other.events.filter((e) => e.kind.startsWith("requirement_")).map((e) => e.requirementId)).toEqual([null, null]);
    expect(await candidateOfRequirement(db(), p.stw.actor, secret)).toBeNull();
    const listed = (await listCandidates(db(), p.stw.actor, {})).items.find((c) => c.id === id);
    expect(listed).toMatchObject({ requirementCount: 3, organisationCount: 2 });

    for (const insider of [p.sb, mgmt, p.rm]) {
      const d = await getCandidateDetail(db(), insider.actor, id);
      expect(d.confidentialHidden).toBe(0);
      expect(d.requirements.map((r) => r.id)).toContain(secret);
      expect(d.facts.earliestDeadline).toBe("2031-01-31");
    }
    await expect(findVisibleRequirement(db(), p.sb.actor, secret)).resolves.toBeTruthy();
  });
});

describe(`listing (${dialectUnderTest})`, () => {
  it("filters candidates by status and team", async () => {
    const p = await people();
    const ids = await fileTopic(p, "waste", 2);
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: ids, title: "Sperrmüll Liste", summary: "" });
    const teamId = await createTeam(db());
    await assignTeam(db(), p.rm.actor, id, teamId);
    expect((await listCandidates(db(), p.hom.actor, { teamId })).items.map((c) => c.id)).toEqual([id]);
    expect((await listCandidates(db(), p.hom.actor, { status: "open", teamId })).items.map((c) => c.id)).toEqual([id]);
    expect((await listCandidates(db(), p.hom.actor, { status: "promoted" })).items).toEqual([]);
  });
});
