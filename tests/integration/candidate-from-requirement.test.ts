import { describe, expect, it } from "vitest";
import { acceptProposal, getCandidateDetail, proposeCandidates } from "#app/modules/bundling/candidates.server";
import { cosignRequirement, markDuplicate, rejectRequirement, withdrawRequirement } from "#app/modules/requirements/requirements.server";
import * as requirementRoute from "#app/routes/anforderungen.$id._index";
import * as candidateRoute from "#app/routes/kandidaten.$id";
import { changedTables, dbFingerprint, postAction } from "#tests/factories/access";
import { createUser, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

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
    await acceptProposal(db(), p.rm.actor, { requirementIds: [other], title: "Vergleich" });
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
    const { id: holder } = await acceptProposal(db(), p.rm.actor, { requirementIds: [bundled], title: "Schon da" });

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
    const { id: cid } = await acceptProposal(db(), p.rm.actor, { requirementIds: [first], title: "Jagd und Fischerei" });
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
    const { id: cid } = await acceptProposal(db(), p.rm.actor, { requirementIds: [first], title: "Jagd" });
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
    const { id } = await acceptProposal(db(), p.rm.actor, { requirementIds: [a, b], title: "Fischereischein" });
    expect((await getCandidateDetail(db(), p.rm.actor, id)).facts.organisationCount).toBe(proposal!.organisations.length);
  });
});
