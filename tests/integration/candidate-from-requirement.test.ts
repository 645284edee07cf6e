import { describe, expect, it } from "vitest";
import { createCandidate, getCandidateDetail, previewCandidateAddition, proposeCandidates } from "#app/modules/bundling/candidates.server";
import { cosignRequirement, markDuplicate, rejectRequirement, withdrawRequirement } from "#app/modules/requirements/requirements.server";
import * as requirementRoute from "#app/routes/anforderungen.$id._index";
import * as candidateRoute from "#app/routes/kandidaten.$id";
import * as previewRoute from "#app/routes/kandidaten.$id.anforderung";
import { messageWithValues } from "#app/utils/messages";
import { changedTables, dbFingerprint, postAction } from "#tests/factories/access";
import { createUser, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

// „Als Kandidat anlegen“ on a requirement's page and „Anforderung hinzufügen“ on a candidate's page:
// a need the bundling engine does not propose still reaches a Kompetenzteam, and only through the
// requirements team; every refusal leaves the database as it was.

const { db } = setupTestDatabase();
const GS = "eGo-Saar Geschäftsstelle";
let seq = 0;

async function people() {
  return {
    rm: await createUser(db(), { organisation: GS, roles: ["requirements_manager"] }),
    hom: await createUser(db(), { organisation: "Homburg" }),
    nk: await createUser(db(), { organisation: "Neunkirchen" }),
    sb: await createUser(db(), { organisation: "Saarbrücken" }),
    lead: await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] }),
    mgmt: await createUser(db(), { organisation: GS, roles: ["management"] }),
    admin: await createUser(db(), { organisation: GS, roles: ["admin"] }),
  };
}
type People = Awaited<ReturnType<typeof people>>;

/** A requirement nobody else filed: the engine has nothing to bundle it with. */
const single = (p: People, by = p.hom) =>
  fileRequirement(db(), by.actor, {
    title: `Jagdschein online verlängern ${++seq}`,
    problem: "Jägerinnen und Jäger müssen den Jagdschein persönlich bei der unteren Jagdbehörde verlängern.",
    desiredOutcome: "Verlängerung über das Serviceportal.",
    themenfeld: "Recht & Ordnung",
    system: "Jagdverwaltung",
  });

const onRequirement = (userId: number, rid: number, values: Record<string, string>) =>
  postAction(db(), requirementRoute, userId, `/anforderungen/${rid}`, values, { id: String(rid) });
const onCandidate = (userId: number, cid: number, values: Record<string, string>) =>
  postAction(db(), candidateRoute, userId, `/kandidaten/${cid}`, values, { id: String(cid) });
const create = (title: string) => ({ intent: "candidate", title, confirm: "yes" });

async function offered(userId: number, rid: number) {
  const request = await requestAs(db(), userId, `/anforderungen/${rid}`);
  const loaded = (await requirementRoute.loader({ request, params: { id: String(rid) }, context: {} })) as unknown as { may: { candidate: boolean } };
  return loaded.may.candidate;
}

async function statusOf(id: number) {
  return (await db().selectFrom("requirements").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

/** What a step leaves behind beyond the fingerprinted tables: the audit rows of one action. */
async function auditRows(action: string) {
  return db().selectFrom("audit_log").select(["entity_id", "detail"]).where("action", "=", action).execute();
}

describe(`„Als Kandidat anlegen“ on a requirement's page (${dialectUnderTest})`, () => {
  it("creates an open candidate of this one requirement with the same effects as accepting a one-requirement proposal", async () => {
    const p = await people();
    const rid = await single(p);
    await cosignRequirement(db(), p.nk.actor, rid, {});
    expect(await offered(p.rm.id, rid)).toBe(true);

    const before = await dbFingerprint(db());
    const reply = await onRequirement(p.rm.id, rid, create("Jagdschein digital"));
    expect(reply.status).toBe(302);
    const cid = Number(/^\/kandidaten\/(\d+)$/.exec(reply.location ?? "")?.[1]);
    expect(cid).toBeGreaterThan(0);
    const viaStep = changedTables(before, await dbFingerprint(db()));

    const c = await getCandidateDetail(db(), p.rm.actor, cid);
    expect(c).toMatchObject({ title: "Jagdschein digital", status: "open", requirementCount: 1, curatable: true });
    expect(c.requirements.map((r) => r.id)).toEqual([rid]);
    expect(c.events.map((e) => e.kind)).toEqual(["created"]);
    expect(await statusOf(rid)).toBe("bundled");
    const history = await db().selectFrom("requirement_events").select(["from_status", "to_status", "detail"]).where("requirement_id", "=", rid).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(history).toMatchObject({ from_status: "submitted", to_status: "bundled" });
    expect(JSON.parse(history.detail ?? "{}")).toEqual({ candidateId: cid });
    expect((await auditRows("candidate.accepted")).map((a) => String(a.entity_id))).toContain(String(cid));
    // The filing organisation and the co-signer hear about it.
    const told = await db().selectFrom("notifications").select("user_id").where("requirement_id", "=", rid).where("message_key", "=", "bundling:notifications.bundled").execute();
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([p.hom.id, p.nk.id]));
    expect(told.map((n) => n.user_id)).not.toContain(p.rm.id);
    expect(await offered(p.rm.id, rid)).toBe(false);

    // Accepting a proposal of one requirement touches the same tables.
    const other = await single(p, p.sb);
    const mark = await dbFingerprint(db());
    await createCandidate(db(), p.rm.actor, { requirementIds: [other], title: "Vergleich" });
    expect(viaStep).toEqual(changedTables(mark, await dbFingerprint(db())));
  });

  it("asks first and needs a title; nothing changes until both are given", async () => {
    const p = await people();
    const rid = await single(p);
    const before = await dbFingerprint(db());
    const unconfirmed = await onRequirement(p.rm.id, rid, { intent: "candidate", title: "Jagdschein digital" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.error?.confirm).toEqual(["bundling:errors.confirmRequired"]);
    const blank = await onRequirement(p.rm.id, rid, create("   "));
    expect(blank.status).toBe(400);
    expect(blank.error?.title).toEqual(["validation.required"]);
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
  });

  it("is the requirements team's step only: 403 for everybody else, and not offered to them", async () => {
    const p = await people();
    const rid = await single(p);
    const before = await dbFingerprint(db());
    for (const u of [p.hom, p.sb, p.lead, p.mgmt, p.admin]) {
      expect(await offered(u.id, rid)).toBe(false);
      expect((await onRequirement(u.id, rid, create("Übernahme"))).status, u.actor.roles.join()).toBe(403);
    }
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
    expect(await auditRows("candidate.accepted")).not.toContainEqual(expect.objectContaining({ detail: JSON.stringify({ requirementIds: [rid] }) }));
  });

  it("refuses a requirement that cannot be bundled with 409, saying why, and changes nothing", async () => {
    const p = await people();
    // Someone of the requirements team who also works for Homburg sees Homburg's drafts.
    const both = await createUser(db(), { organisation: "Homburg", roles: ["member_staff", "requirements_manager"] });
    const draft = await fileRequirement(db(), both.actor, { title: `Entwurf ${++seq}`, submit: false });
    const withdrawn = await single(p);
    await withdrawRequirement(db(), p.hom.actor, withdrawn, "Hat sich erledigt.");
    const rejected = await single(p);
    await rejectRequirement(db(), p.rm.actor, rejected, "Zuständig ist das Land.");
    const target = await single(p, p.sb);
    const merged = await single(p);
    await markDuplicate(db(), p.rm.actor, merged, target, "Gleicher Bedarf.");
    const waiting = await single(p);
    await db().updateTable("requirements").set({ awaiting_release: 1 }).where("id", "=", waiting).execute();
    const bundled = await single(p);
    const { id: holder } = await createCandidate(db(), p.rm.actor, { requirementIds: [bundled], title: "Schon da" });

    const cases: [number, string, Record<string, string>][] = [
      [draft, "draft", {}],
      [withdrawn, "withdrawn", {}],
      [rejected, "rejected", {}],
      [merged, "merged", { of: String(target) }],
      [waiting, "awaiting_release", {}],
      [bundled, "in_candidate", { candidate: "Schon da", candidateId: String(holder) }],
    ];
    for (const [rid, context, more] of cases) {
      expect(await offered(both.id, rid), context).toBe(false);
      const before = await dbFingerprint(db());
      const reply = await onRequirement(both.id, rid, create("Nicht möglich"));
      expect(reply.status, context).toBe(409);
      const [message] = reply.error?.[""] ?? [];
      const values = Object.fromEntries(new URLSearchParams(message.split("?")[1]));
      expect(message.split("?")[0]).toBe("bundling:errors.notBundleable");
      expect(values).toMatchObject({ id: String(rid), context, ...more });
      expect(changedTables(before, await dbFingerprint(db())), context).toEqual([]);
    }
  });

  it("answers a requirement the requirements team cannot see with 404", async () => {
    const p = await people();
    const draft = await fileRequirement(db(), p.hom.actor, { title: `Entwurf ${++seq}`, submit: false });
    const before = await dbFingerprint(db());
    expect((await onRequirement(p.rm.id, draft, create("Nicht sichtbar"))).status).toBe(404);
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
  });
});

describe(`„Anforderung hinzufügen“ on a candidate's page (${dialectUnderTest})`, () => {
  it("adds a requirement by the number the pages show, with history, audit and notice", async () => {
    const p = await people();
    const first = await single(p);
    const { id: cid } = await createCandidate(db(), p.rm.actor, { requirementIds: [first], title: "Jagd und Fischerei" });
    const second = await single(p, p.sb);
    const reply = await onCandidate(p.rm.id, cid, { intent: "add", requirementId: `Nr. ${second}` });
    expect(reply.status).toBe(302);
    expect(reply.location).toBe(`/kandidaten/${cid}#anforderungen`);
    const c = await getCandidateDetail(db(), p.rm.actor, cid);
    expect(c.requirements.map((r) => r.id)).toEqual([first, second]);
    expect(c.events.map((e) => e.kind)).toEqual(["created", "requirement_added"]);
    expect(await statusOf(second)).toBe("bundled");
    expect((await auditRows("candidate.requirement_added")).map((a) => String(a.entity_id))).toContain(String(cid));
    const told = await db().selectFrom("notifications").select("user_id").where("requirement_id", "=", second).where("message_key", "=", "bundling:notifications.bundled").execute();
    expect(told.map((n) => n.user_id)).toContain(p.sb.id);
    expect(told.map((n) => n.user_id)).not.toContain(p.hom.id);
  });

  it("refuses other roles (403), unusable numbers (400) and requirements in the wrong status (409) and changes nothing", async () => {
    const p = await people();
    const first = await single(p);
    const { id: cid } = await createCandidate(db(), p.rm.actor, { requirementIds: [first], title: "Jagd" });
    const free = await single(p, p.sb);
    const withdrawn = await single(p);
    await withdrawRequirement(db(), p.hom.actor, withdrawn, "Hat sich erledigt.");
    const hiddenDraft = await fileRequirement(db(), p.hom.actor, { title: `Entwurf ${++seq}`, submit: false });
    const before = await dbFingerprint(db());

    for (const u of [p.hom, p.lead, p.mgmt, p.admin]) expect((await onCandidate(u.id, cid, { intent: "add", requirementId: String(free) })).status).toBe(403);
    const typo = await onCandidate(p.rm.id, cid, { intent: "add", requirementId: "zwölf" });
    expect(typo.status).toBe(400);
    expect(typo.error?.requirementId).toEqual(["bundling:errors.requirementNumber"]);
    // A draft of another organisation reads like a number that does not exist.
    const hidden = await onCandidate(p.rm.id, cid, { intent: "add", requirementId: String(hiddenDraft) });
    expect(hidden.status).toBe(400);
    expect(hidden.error?.requirementId).toEqual([`bundling:errors.requirementMissing?id=${hiddenDraft}`]);
    const gone = await onCandidate(p.rm.id, cid, { intent: "add", requirementId: String(withdrawn) });
    expect(gone.status).toBe(409);
    expect(gone.error?.requirementId?.[0]).toMatch(/^bundling:errors\.notBundleable\?.*context=withdrawn/);
    const again = await onCandidate(p.rm.id, cid, { intent: "add", requirementId: String(first) });
    expect(again.status).toBe(409);
    expect(again.error?.requirementId?.[0]).toMatch(/context=in_candidate/);
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
  });
});

describe(`the preview of „Anforderung hinzufügen“ while the number is typed (${dialectUnderTest})`, () => {
  /** The preview's refusal and the step's must be the same message at the same field. */
  async function refusedAlike(p: People, cid: number, rid: number) {
    const preview = await previewCandidateAddition(db(), p.rm.actor, cid, rid);
    const reply = await onCandidate(p.rm.id, cid, { intent: "add", requirementId: String(rid) });
    expect([400, 409]).toContain(reply.status);
    expect(preview).toEqual({ ok: false, message: reply.error?.requirementId?.[0] });
    return (preview as { message: string }).message;
  }
  /** What the browser's preview gets from the route, as JSON text (the status and every word). */
  async function fromRoute(userId: number, cid: number, nr: string) {
    const request = await requestAs(db(), userId, `/kandidaten/${cid}/anforderung?${new URLSearchParams({ nr })}`);
    const res = await previewRoute.loader({ request, params: { id: String(cid) }, context: {} });
    return { status: res.status, body: await res.text() };
  }

  it("names a requirement that can be added: number, title, organisation and status", async () => {
    const p = await people();
    const { id: cid } = await createCandidate(db(), p.rm.actor, { requirementIds: [await single(p)], title: "Jagd" });
    const free = await fileRequirement(db(), p.sb.actor, { title: "Fischereischein online" });
    const target = { id: free, title: "Fischereischein online", organisationName: "Saarbrücken", status: "submitted" };
    expect(await previewCandidateAddition(db(), p.rm.actor, cid, free)).toEqual({ ok: true, target });
    // The number as the pages show it, through the route the form asks.
    const answer = await fromRoute(p.rm.id, cid, ` Nr. ${free} `);
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { ok: true, target }]);
    const typo = await fromRoute(p.rm.id, cid, "zwölf");
    expect([typo.status, JSON.parse(typo.body)]).toEqual([200, { ok: false, message: "bundling:errors.requirementNumber" }]);
  });

  it("says why a number cannot be added, in the step's own words, and reads what the team cannot see like a number that does not exist", async () => {
    const p = await people();
    const first = await single(p);
    const { id: cid } = await createCandidate(db(), p.rm.actor, { requirementIds: [first], title: "Jagd" });
    const elsewhere = await single(p);
    const { id: otherCid } = await createCandidate(db(), p.rm.actor, { requirementIds: [elsewhere], title: "Fischerei" });
    const ownDraft = await fileRequirement(db(), (await createUser(db(), { organisation: GS })).actor, { title: "Entwurf der Geschäftsstelle", submit: false });
    const hiddenDraft = await fileRequirement(db(), p.hom.actor, { title: "Geheimer Entwurf aus Homburg", submit: false });
    const withdrawn = await single(p);
    await withdrawRequirement(db(), p.hom.actor, withdrawn, "Hat sich erledigt.");
    const original = await single(p);
    const merged = await single(p, p.nk);
    await markDuplicate(db(), p.rm.actor, merged, original, "Gleicher Bedarf");
    const before = await dbFingerprint(db());

    const notBundleable = (rid: number, title: string, context: string, more: Record<string, string | number> = {}) =>
      messageWithValues("bundling:errors.notBundleable", { id: rid, title, context, ...more });
    const titleOf = async (rid: number) => (await db().selectFrom("requirements").select("title").where("id", "=", rid).executeTakeFirstOrThrow()).title;
    expect(await refusedAlike(p, cid, first)).toBe(notBundleable(first, await titleOf(first), "in_candidate", { candidate: "Jagd", candidateId: cid }));
    expect(await refusedAlike(p, cid, elsewhere)).toBe(notBundleable(elsewhere, await titleOf(elsewhere), "in_candidate", { candidate: "Fischerei", candidateId: otherCid }));
    // The team's own draft is visible to it, so it is named as a draft rather than as unknown.
    expect(await refusedAlike(p, cid, ownDraft)).toBe(notBundleable(ownDraft, "Entwurf der Geschäftsstelle", "draft"));
    expect(await refusedAlike(p, cid, withdrawn)).toBe(notBundleable(withdrawn, await titleOf(withdrawn), "withdrawn"));
    expect(await refusedAlike(p, cid, merged)).toBe(notBundleable(merged, await titleOf(merged), "merged", { of: original }));
    for (const hidden of [hiddenDraft, 987_654]) {
      const message = await refusedAlike(p, cid, hidden);
      expect(message).toBe(messageWithValues("bundling:errors.requirementMissing", { id: hidden }));
      expect((await fromRoute(p.rm.id, cid, String(hidden))).body).not.toContain("Geheimer");
    }
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
  });

  it("is the requirements team's alone: nobody else learns a confidential requirement's title through it", async () => {
    const p = await people();
    const { id: cid } = await createCandidate(db(), p.rm.actor, { requirementIds: [await single(p)], title: "Jagd" });
    const secret = await fileRequirement(db(), p.hom.actor, { title: "Vertrauliche Jagdpacht", confidential: true });
    // The requirements team sees confidential requirements anyway (read:confidential).
    expect(await previewCandidateAddition(db(), p.rm.actor, cid, secret)).toMatchObject({ ok: true, target: { title: "Vertrauliche Jagdpacht" } });
    for (const u of [p.sb, p.nk, p.lead, p.mgmt, p.admin]) {
      expect((await errorOf(previewCandidateAddition(db(), u.actor, cid, secret))).status).toBe(403);
      const answer = await fromRoute(u.id, cid, String(secret));
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain("Jagdpacht");
    }
  });

  it("answers only for an open candidate that exists", async () => {
    const p = await people();
    const { id: cid } = await createCandidate(db(), p.rm.actor, { requirementIds: [await single(p)], title: "Jagd" });
    const free = await single(p, p.sb);
    expect((await errorOf(previewCandidateAddition(db(), p.rm.actor, 987_654, free))).status).toBe(404);
    expect((await fromRoute(p.rm.id, 987_654, String(free))).status).toBe(404);
    await db().updateTable("candidates").set({ status: "scheduled" }).where("id", "=", cid).execute();
    expect((await errorOf(previewCandidateAddition(db(), p.rm.actor, cid, free))).status).toBe(409);
  });
});

describe(`a proposal counts organisations as its candidate will (${dialectUnderTest})`, () => {
  it("counts filing and co-signing organisations, so the proposal and the accepted candidate agree", async () => {
    const p = await people();
    const problem = "Den Fischereischein kann man nur persönlich in der Verwaltung beantragen oder verlängern.";
    const fishing = { themenfeld: "Engagement & Hobby" as const, system: "Fischereischeinverfahren", problem };
    const a = await fileRequirement(db(), p.hom.actor, { ...fishing, title: "Fischereischein online beantragen", desiredOutcome: "Fischereischein online beantragen über das Serviceportal." });
    const b = await fileRequirement(db(), p.nk.actor, { ...fishing, title: "Online-Antrag für den Fischereischein", desiredOutcome: "Online-Antrag für den Fischereischein über das Serviceportal." });
    await cosignRequirement(db(), p.sb.actor, a, {});
    const stw = await createUser(db(), { organisation: "St. Wendel" });
    await cosignRequirement(db(), stw.actor, b, {});
    // Co-signing its own filer's other requirement adds no organisation.
    await cosignRequirement(db(), p.nk.actor, a, {});

    const proposal = (await proposeCandidates(db(), p.rm.actor)).find((x) => x.requirements.some((r) => r.id === a));
    expect(proposal?.requirements.map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(proposal!.organisations.map((o) => [o.name, o.requirements, o.cosigned])).toEqual([
      ["Homburg", 1, 0],
      ["Neunkirchen", 1, 1],
      ["Saarbrücken", 0, 1],
      ["St. Wendel", 0, 1],
    ]);
    const { id } = await createCandidate(db(), p.rm.actor, { requirementIds: [a, b], title: "Fischereischein" });
    expect((await getCandidateDetail(db(), p.rm.actor, id)).facts.organisationCount).toBe(proposal!.organisations.length);
  });
});
