import { describe, expect, it } from "vitest";
import * as bundlingPage from "#app/routes/buendelung";
import { acceptProposal, getCandidateDetail, suggestForCandidates } from "#app/modules/bundling/candidates.server";
import { dismissProposal, proposeCandidates, restoreDismissedProposal, type DismissedProposal } from "#app/modules/bundling/proposals.server";
import { DISMISSED_SHORT_LIST } from "#app/modules/bundling/schema";
import { callRoute, changedTables, dbFingerprint, postAction } from "#tests/factories/access";
import { createUser, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

// Guest WLAN in town halls, asked for by three municipalities; Heusweiler's confidential internal WLAN
// shares the words but is a different need.
const GUEST = [
  "Gäste-WLAN im Rathaus für Bürgerinnen und Bürger",
  "Öffentliches Gäste-WLAN im Bürgerbüro des Rathauses",
  "Kostenloses Gäste-WLAN für Besucher im Rathaus",
];
const PROBLEM = "Besucher im Rathaus haben kein WLAN und können Formulare und Online-Dienste im Wartebereich nicht nutzen.";

async function setup() {
  // The file's tests file the same wordings: earlier tests' unbundled ones leave the pool first.
  await db().updateTable("requirements").set({ status: "withdrawn" }).where("status", "in", ["submitted", "released", "in_review"]).execute();
  const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
  const filers = await Promise.all(["Saarbrücken", "Homburg", "Neunkirchen"].map((organisation) => createUser(db(), { organisation })));
  const heusweiler = await createUser(db(), { organisation: "Heusweiler" });
  const ids: number[] = [];
  for (const [i, title] of GUEST.entries()) {
    ids.push(await fileRequirement(db(), filers[i].actor, { title, problem: PROBLEM, desiredOutcome: `${title} über einen eigenen Zugang.`, themenfeld: "Querschnittsleistungen", system: "WLAN" }));
  }
  const secret = await fileRequirement(db(), heusweiler.actor, {
    title: "WLAN im Rathaus für die Verwaltung",
    problem: "Im Rathaus fehlt WLAN; Besucher und Beschäftigte können Online-Dienste im Rathaus nicht nutzen.",
    desiredOutcome: "WLAN im Rathaus über einen eigenen Zugang.",
    themenfeld: "Querschnittsleistungen",
    system: "WLAN",
    confidential: true,
  });
  const proposal = (await proposeCandidates(db(), rm.actor)).find((p) => p.requirements.some((r) => r.id === secret));
  expect(proposal, "one proposal mixes the confidential WLAN requirement with the guest WLAN requests").toBeTruthy();
  expect(proposal!.requirements.map((r) => r.id).sort((a, b) => a - b)).toEqual([...ids, secret].sort((a, b) => a - b));
  return { rm, ids, secret, proposal: proposal! };
}

const statusOf = async (id: number) => (await db().selectFrom("requirements").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
const auditOf = async (action: string) =>
  (await db().selectFrom("audit_log").select(["entity_type", "entity_id", "detail"]).where("action", "=", action).orderBy("id").execute()).map((r) => ({
    ...r,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));

describe(`leaving requirements out of a proposal (${dialectUnderTest})`, () => {
  it("accepts only the ticked requirements; the one left out stays unbundled and is not proposed or suggested with them again", async () => {
    const { rm, ids, secret, proposal } = await setup();
    const reply = await postAction(db(), bundlingPage, rm.id, "/buendelung", {
      intent: "accept",
      formId: `proposal-${proposal.key}`,
      proposalKey: proposal.key,
      requirementIds: ids.map(String),
      title: "Gäste-WLAN in Rathäusern",
    });
    expect(reply.status).toBe(302);
    const candidateId = Number(reply.location!.split("/").pop());
    const detail = await getCandidateDetail(db(), rm.actor, candidateId);
    expect(detail.requirements.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
    expect(await statusOf(secret)).not.toBe("bundled");
    for (const id of ids) expect(await statusOf(id)).toBe("bundled");
    // Remembered like a removal from the candidate: neither a fit for it nor proposed with its members.
    expect(await db().selectFrom("candidate_exclusions").select("requirement_id").where("candidate_id", "=", candidateId).execute()).toEqual([{ requirement_id: secret }]);
    const fits = (await suggestForCandidates(db(), rm.actor)).find((c) => c.candidate.id === candidateId);
    expect(fits?.suggestions.map((s) => s.id) ?? []).not.toContain(secret);
    expect(JSON.stringify(await proposeCandidates(db(), rm.actor))).not.toContain(`"id":${ids[0]},`);
    expect((await auditOf("candidate.accepted")).at(-1)).toMatchObject({ entity_id: String(candidateId), detail: { requirementIds: ids, leftOut: [secret] } });
  });

  it("refuses an empty choice at the requirements, and ids that are not in the proposal as it is now; nothing changes", async () => {
    const { rm, ids, proposal } = await setup();
    const unrelated = await fileRequirement(db(), (await createUser(db(), { organisation: "Merzig" })).actor, { title: "Hundesteuer online anmelden" });
    const before = await dbFingerprint(db());
    const none = await postAction(db(), bundlingPage, rm.id, "/buendelung", { intent: "accept", formId: "p", proposalKey: proposal.key, title: "Leer" });
    expect(none.status).toBe(400);
    expect(none.error).toMatchObject({ requirementIds: ["bundling:errors.noRequirements"] });
    // A requirement not in this proposal, sent with its key (a stale or forged form).
    const foreign = await postAction(db(), bundlingPage, rm.id, "/buendelung", {
      intent: "accept",
      formId: "p",
      proposalKey: proposal.key,
      requirementIds: [String(ids[0]), String(unrelated)],
      title: "Gemischt",
    });
    expect(foreign.status).toBe(409);
    expect(foreign.error).toMatchObject({ "": ["bundling:errors.proposalStale"] });
    // A key no proposal has now.
    expect(await errorOf(acceptProposal(db(), rm.actor, { proposalKey: `${ids[0]}-${ids[1]}`, requirementIds: [ids[0], ids[1]], title: "Alt" }))).toMatchObject({
      status: 409,
      messageKey: "bundling:errors.proposalStale",
    });
    const changed = changedTables(before, await dbFingerprint(db()));
    for (const table of ["candidates", "candidate_requirements", "candidate_exclusions", "requirements"]) expect(changed).not.toContain(table);
  });
});

describe(`dismissing a proposal (${dialectUnderTest})`, () => {
  it("asks first, then remembers the set, audits it and does not propose it again", async () => {
    const { rm, proposal } = await setup();
    const unconfirmed = await postAction(db(), bundlingPage, rm.id, "/buendelung", { intent: "dismiss", formId: `dismiss-${proposal.key}`, proposalKey: proposal.key });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.error).toMatchObject({ confirm: ["bundling:errors.confirmRequired"] });
    expect(await db().selectFrom("dismissed_proposals").select("requirement_key").where("requirement_key", "=", proposal.key).execute()).toEqual([]);

    const reply = await postAction(db(), bundlingPage, rm.id, "/buendelung", { intent: "dismiss", formId: `dismiss-${proposal.key}`, proposalKey: proposal.key, confirm: "yes" });
    expect(reply.status).toBe(302);
    expect(reply.location).toBe("/buendelung");
    expect((await proposeCandidates(db(), rm.actor)).map((p) => p.key)).not.toContain(proposal.key);
    const audit = await auditOf("proposal.dismissed");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: "proposal", detail: { requirementIds: proposal.requirements.map((r) => r.id) } });
    // Gone now: a second tab's dismissal or accept of it is told the proposal changed.
    expect(await errorOf(dismissProposal(db(), rm.actor, proposal.key))).toMatchObject({ status: 409, messageKey: "bundling:errors.proposalStale" });
    expect(await errorOf(acceptProposal(db(), rm.actor, { proposalKey: proposal.key, requirementIds: [proposal.requirements[0].id], title: "x" }))).toMatchObject({ status: 409 });
  });

  it("proposes the requirements again once the set changes: a new requirement joining is judged afresh", async () => {
    const { rm, ids, proposal } = await setup();
    await dismissProposal(db(), rm.actor, proposal.key);
    const later = await createUser(db(), { organisation: "St. Wendel" });
    const added = await fileRequirement(db(), later.actor, {
      title: "Gäste-WLAN im Rathaus für Besucher",
      problem: PROBLEM,
      desiredOutcome: "Gäste-WLAN im Rathaus über einen eigenen Zugang.",
      themenfeld: "Querschnittsleistungen",
      system: "WLAN",
    });
    const again = (await proposeCandidates(db(), rm.actor)).find((p) => p.requirements.some((r) => r.id === added));
    expect(again).toBeTruthy();
    expect(again!.key).not.toBe(proposal.key);
    expect(again!.requirements.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
  });

  it("refuses a member's dismissal with 403 and records nothing", async () => {
    const { proposal } = await setup();
    const clerk = await createUser(db(), { organisation: "Saarbrücken" });
    const before = await db().selectFrom("dismissed_proposals").selectAll().execute();
    const reply = await postAction(db(), bundlingPage, clerk.id, "/buendelung", { intent: "dismiss", proposalKey: proposal.key, confirm: "yes" });
    expect(reply.status).toBe(403);
    expect(await db().selectFrom("dismissed_proposals").selectAll().execute()).toEqual(before);
  });
});

type Workbench = { proposals: { key: string }[]; dismissed: { total: number; entries: DismissedProposal[] } };
const workbench = async (userId: number, url = "/buendelung") =>
  (await bundlingPage.loader({ request: await requestAs(db(), userId, url), params: {}, context: {} } as never)) as unknown as Workbench;
const dismissalOf = async (key: string) => db().selectFrom("dismissed_proposals").select(["id", "requirement_key"]).where("requirement_key", "=", key).executeTakeFirst();
const sortIds = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe(`dismissed proposals: list and restore (${dialectUnderTest})`, () => {
  it("lists the dismissed set with its requirements, who dismissed it and when; restoring asks first, then lets the engine propose it again and is audited", async () => {
    const { rm, ids, secret, proposal } = await setup();
    const before = new Date().toISOString();
    await dismissProposal(db(), rm.actor, proposal.key);
    const { id } = (await dismissalOf(proposal.key))!;
    const page = await workbench(rm.id);
    expect(page.proposals.map((p) => p.key)).not.toContain(proposal.key);
    const entry = page.dismissed.entries.find((e) => e.id === id);
    expect(entry, "the latest dismissal is on the short list").toBeTruthy();
    expect(page.dismissed.entries[0].id).toBe(id);
    // The requirements team sees the confidential one too, marked as such.
    expect(sortIds(entry!.requirements.map((r) => r.id))).toEqual(sortIds([...ids, secret]));
    expect(entry!.requirements.find((r) => r.id === secret)).toMatchObject({ title: "WLAN im Rathaus für die Verwaltung", confidential: true });
    expect(entry!.requirements.find((r) => r.id === ids[0])).toMatchObject({ title: GUEST[0], confidential: false });
    expect(entry!.hidden).toBe(0);
    expect(entry!.dismissedBy).toBe((await db().selectFrom("users").select("name").where("id", "=", rm.id).executeTakeFirstOrThrow()).name);
    expect(entry!.dismissedAt >= before).toBe(true);

    const unconfirmed = await postAction(db(), bundlingPage, rm.id, "/buendelung", { intent: "restore", formId: `restore-${id}`, dismissalId: String(id) });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.error).toMatchObject({ confirm: ["bundling:errors.confirmRequired"] });
    expect(await dismissalOf(proposal.key)).toBeTruthy();

    const reply = await postAction(db(), bundlingPage, rm.id, "/buendelung", { intent: "restore", formId: `restore-${id}`, dismissalId: String(id), confirm: "yes" });
    expect(reply.status).toBe(302);
    expect(reply.location).toBe("/buendelung#verworfen");
    expect(await dismissalOf(proposal.key)).toBeUndefined();
    const after = await workbench(rm.id);
    expect(after.proposals.map((p) => p.key)).toContain(proposal.key);
    expect(after.dismissed.entries.map((e) => e.id)).not.toContain(id);
    expect((await auditOf("proposal.restored")).at(-1)).toMatchObject({ entity_type: "proposal", entity_id: String(id), detail: { requirementIds: sortIds([...ids, secret]) } });
    // Proposed again, it can be dismissed again.
    await dismissProposal(db(), rm.actor, proposal.key);
    expect((await proposeCandidates(db(), rm.actor)).map((p) => p.key)).not.toContain(proposal.key);
  });

  it("refuses a restore of an entry restored in another tab with 409, and changes nothing (not a later dismissal of the same set either)", async () => {
    const { rm, proposal } = await setup();
    await dismissProposal(db(), rm.actor, proposal.key);
    const { id } = (await dismissalOf(proposal.key))!;
    await restoreDismissedProposal(db(), rm.actor, id); // the other tab
    await dismissProposal(db(), rm.actor, proposal.key); // and dismissed again since
    const again = (await dismissalOf(proposal.key))!;
    expect(again.id).not.toBe(id);
    const restores = (await auditOf("proposal.restored")).length;
    const before = await dbFingerprint(db());
    const stale = await postAction(db(), bundlingPage, rm.id, "/buendelung", { intent: "restore", formId: `restore-${id}`, dismissalId: String(id), confirm: "yes" });
    expect(stale.status).toBe(409);
    expect(stale.error).toMatchObject({ "": ["bundling:errors.dismissalGone"] });
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
    expect(await dismissalOf(proposal.key)).toEqual(again);
    expect(await auditOf("proposal.restored")).toHaveLength(restores);
    expect((await proposeCandidates(db(), rm.actor)).map((p) => p.key)).not.toContain(proposal.key);
  });

  it("counts a requirement the curator can no longer see instead of naming it", async () => {
    const { rm, ids, secret, proposal } = await setup();
    await dismissProposal(db(), rm.actor, proposal.key);
    const { id } = (await dismissalOf(proposal.key))!;
    // Returned for clarification: a draft again, visible to its own organisation only.
    await db().updateTable("requirements").set({ status: "draft" }).where("id", "=", ids[1]).execute();
    const entry = (await workbench(rm.id)).dismissed.entries.find((e) => e.id === id)!;
    expect(sortIds(entry.requirements.map((r) => r.id))).toEqual(sortIds([ids[0], ids[2], secret]));
    expect(JSON.stringify(entry)).not.toContain(GUEST[1]);
    expect(entry.hidden).toBe(1);
  });

  it("shows the latest few by default and all on request", async () => {
    const { rm, ids } = await setup();
    // Stored sets as the engine would key them (the list does not depend on the engine proposing them).
    const keys = [1, 2, 3, 4, 5, 6].map((n) => `${ids[0]}-${ids[1]}-${ids[2]}-${999_000 + n}`);
    for (const [n, key] of keys.entries()) {
      await db().insertInto("dismissed_proposals").values({ requirement_key: key, dismissed_by: rm.id, dismissed_at: new Date(Date.now() + 60_000 * (n + 1)).toISOString() }).execute();
    }
    const total = Number((await db().selectFrom("dismissed_proposals").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const short = (await workbench(rm.id)).dismissed;
    expect(short.total).toBe(total);
    expect(short.entries).toHaveLength(DISMISSED_SHORT_LIST);
    const latest = await db().selectFrom("dismissed_proposals").select("id").where("requirement_key", "=", keys[5]).executeTakeFirstOrThrow();
    expect(short.entries[0].id).toBe(latest.id);
    // The made-up id is no requirement: counted, not named.
    expect(short.entries[0].hidden).toBe(1);
    const all = (await workbench(rm.id, "/buendelung?verworfen=alle")).dismissed;
    expect(all.entries).toHaveLength(total);
    await db().deleteFrom("dismissed_proposals").where("requirement_key", "in", keys).execute();
  });

  it("refuses the list and a restore to those who may not curate (403), and nothing changes", async () => {
    const { rm, proposal } = await setup();
    await dismissProposal(db(), rm.actor, proposal.key);
    const { id } = (await dismissalOf(proposal.key))!;
    for (const roles of [[], ["member_lead"], ["management"], ["team_lead"]] as const) {
      const other = await createUser(db(), { organisation: roles.includes("management" as never) ? "eGo-Saar Geschäftsstelle" : "Saarbrücken", roles: [...roles] });
      const loaded = await callRoute(bundlingPage.loader as never, { request: await requestAs(db(), other.id, "/buendelung"), params: {}, context: {} });
      expect(loaded.status, roles.join()).toBe(403);
      const reply = await postAction(db(), bundlingPage, other.id, "/buendelung", { intent: "restore", formId: `restore-${id}`, dismissalId: String(id), confirm: "yes" });
      expect(reply.status, roles.join()).toBe(403);
      expect(await errorOf(restoreDismissedProposal(db(), other.actor, id))).toMatchObject({ status: 403 });
    }
    expect(await dismissalOf(proposal.key)).toMatchObject({ id });
    expect((await proposeCandidates(db(), rm.actor)).map((p) => p.key)).not.toContain(proposal.key);
  });
});
