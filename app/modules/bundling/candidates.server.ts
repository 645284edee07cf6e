import { now, type DB, type DbOrTx, type Tx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { can, type Actor } from "#app/modules/auth/permissions";
import { notifyRequirementFollowers, notifyUsers } from "#app/modules/notifications/notifications.server";
import { sortGerman } from "#app/modules/organisations/order";
import { findVisibleRequirement, previewOf, seesConfidential, visibleTo, type RequirementPreview } from "#app/modules/requirements/queries.server";
import { AppError, conflict, forbidden, invalid, notFound } from "#app/utils/errors.server";
import { messageWithValues } from "#app/utils/messages";
import { BUNDLEABLE_STATUSES, currentProposal, inNoCandidate, requireCurator } from "./proposals.server";
import type { CandidateFilter, CandidateStatus } from "./schema";

export { proposeCandidates, suggestForCandidates } from "./proposals.server";

/** Curation (members, merge, split, team) happens while a candidate is open; later the workshop owns it. */
const CURATABLE: CandidateStatus[] = ["open"];
/** Title and summary may still be corrected while the candidate waits for or after its workshop. */
const TEXT_EDITABLE: CandidateStatus[] = ["open", "scheduled", "deferred"];

const requirementLink = (id: number) => `/anforderungen/${id}`;
export const candidateLink = (id: number) => `/kandidaten/${id}`;

type EventDetail = Record<string, unknown>;

async function addEvent(db: DbOrTx, candidateId: number, actorUserId: number, kind: string, detail: EventDetail | null = null) {
  await db
    .insertInto("candidate_events")
    .values({ candidate_id: candidateId, at: now(), actor_user_id: actorUserId, kind, detail: detail ? JSON.stringify(detail) : null })
    .execute();
}

async function addRequirementEvent(trx: Tx, requirementId: number, actorUserId: number, from: string, to: string, candidateId: number) {
  await trx
    .insertInto("requirement_events")
    .values({
      requirement_id: requirementId,
      at: now(),
      actor_user_id: actorUserId,
      kind: "status",
      from_status: from,
      to_status: to,
      reason: null,
      detail: JSON.stringify({ candidateId }),
    })
    .execute();
}

/** Moves a requirement's status, guarded by the status it had when it was read. */
async function setRequirementStatus(trx: Tx, requirementId: number, from: string, to: string) {
  const res = await trx
    .updateTable("requirements")
    .set((eb) => ({ status: to, updated_at: now(), version: eb("version", "+", 1) }))
    .where("id", "=", requirementId)
    .where("status", "=", from)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "bundling:errors.requirementChanged");
}

async function findCandidate(db: DbOrTx, id: number) {
  const row = await db.selectFrom("candidates").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return { ...row, status: row.status as CandidateStatus };
}

function requireStatus(candidate: { status: CandidateStatus }, allowed: CandidateStatus[]) {
  if (!allowed.includes(candidate.status)) throw new AppError("conflict", 409, "bundling:errors.notOpen");
}

/** The most frequent topic field of the members (ties alphabetically), kept on the candidate for lists and filters. */
async function refreshCandidate(trx: Tx, id: number) {
  const rows = await trx
    .selectFrom("candidate_requirements")
    .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
    .select("requirements.themenfeld")
    .where("candidate_requirements.candidate_id", "=", id)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.themenfeld, (counts.get(r.themenfeld) ?? 0) + 1);
  const themenfeld = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  await trx
    .updateTable("candidates")
    .set((eb) => ({ themenfeld, updated_at: now(), version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

/** Requirement rows the curator may bundle: visible, out, in a bundleable status and in no candidate. */
async function bundleableRequirements(db: DbOrTx, actor: Actor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("requirements")
    .select(["id", "title", "status"])
    .where("id", "in", ids)
    .where(visibleTo(actor))
    .where("status", "in", [...BUNDLEABLE_STATUSES])
    .where("awaiting_release", "=", 0)
    .where(inNoCandidate)
    .execute();
}

/**
 * Why a requirement cannot go into a candidate, as a message naming it and the reason (by i18next's
 * context: notBundleable_draft, …_withdrawn, …_merged, …_rejected, …_awaiting_release,
 * …_in_candidate), or null when it can. `missing` when the actor cannot see it (worded like a number
 * that does not exist). The requirement page asks here before it offers „Als Kandidat anlegen“, and
 * both steps refuse with it, so page and server agree.
 */
async function bundleRefusal(db: DbOrTx, actor: Actor, requirementId: number): Promise<{ missing: boolean; message: string } | null> {
  const r = await db
    .selectFrom("requirements")
    .select(["id", "title", "status", "awaiting_release", "duplicate_of_id"])
    .where("id", "=", requirementId)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!r) return { missing: true, message: messageWithValues("bundling:errors.requirementMissing", { id: requirementId }) };
  const holder = await db
    .selectFrom("candidate_requirements")
    .innerJoin("candidates", "candidates.id", "candidate_requirements.candidate_id")
    .select(["candidates.id", "candidates.title"])
    .where("candidate_requirements.requirement_id", "=", requirementId)
    .executeTakeFirst();
  const values = { id: r.id, title: r.title };
  const refuse = (context: string, more: Record<string, string | number> = {}) => ({
    missing: false,
    message: messageWithValues("bundling:errors.notBundleable", { ...values, context, ...more }),
  });
  if (holder) return refuse("in_candidate", { candidate: holder.title, candidateId: holder.id });
  if (r.awaiting_release) return refuse("awaiting_release");
  if (!(BUNDLEABLE_STATUSES as readonly string[]).includes(r.status)) return refuse(r.status, r.duplicate_of_id ? { of: r.duplicate_of_id } : {});
  return null;
}

/** Whether the requirement page offers „Als Kandidat anlegen“: the requirements team, a requirement that may be bundled. */
export async function mayStartCandidate(db: DbOrTx, actor: Actor, requirementId: number) {
  return can(actor, "manage:candidates") && (await bundleRefusal(db, actor, requirementId)) === null;
}

function bundledNotice(requirementId: number, title: string, candidateTitle: string) {
  return {
    kind: "status",
    requirementId,
    messageKey: "bundling:notifications.bundled",
    params: { title, candidate: candidateTitle },
    link: requirementLink(requirementId),
  };
}

/**
 * Accepts an engine proposal, or the requirements of it the team kept (at least one): an open candidate
 * whose members become "bundled". Refused when the proposal changed meanwhile or any chosen requirement
 * was bundled, withdrawn or changed.
 */
export async function acceptProposal(
  db: DB,
  actor: Actor,
  input: { proposalKey: string; requirementIds: number[]; title: string; summary?: string },
): Promise<{ id: number }> {
  requireCurator(actor);
  const chosen = [...new Set(input.requirementIds)];
  if (chosen.length === 0) throw new AppError("invalid", 400, "bundling:errors.noRequirements", "requirementIds");
  // The proposal as the engine computes it now, not as the form shows it: every chosen id must be in it.
  const proposal = await currentProposal(db, actor, input.proposalKey);
  const memberIds = proposal.requirements.map((r) => r.id);
  if (!chosen.every((id) => memberIds.includes(id))) throw new AppError("conflict", 409, "bundling:errors.proposalStale");
  // What the team left out is remembered as removed from the new candidate: the engine's exclusion
  // never proposes it with these members again, nor suggests it as a fit for this candidate.
  const leftOut = memberIds.filter((id) => !chosen.includes(id));
  return createCandidate(db, actor, { ...input, requirementIds: chosen, leftOut });
}

/**
 * A new open candidate of these bundleable requirements (checked in the transaction): the step behind
 * accepting a proposal and „Als Kandidat anlegen“; the demo data and tests build candidates with it.
 */
export async function createCandidate(
  db: DB,
  actor: Actor,
  input: { requirementIds: number[]; title: string; summary?: string; leftOut?: number[] },
): Promise<{ id: number }> {
  requireCurator(actor);
  const ids = [...new Set(input.requirementIds)];
  if (ids.length === 0) throw new AppError("invalid", 400, "bundling:errors.noRequirements", "requirementIds");
  const leftOut = input.leftOut ?? [];
  const stale = () => new AppError("conflict", 409, "bundling:errors.proposalStale");
  let members: { id: number; title: string; status: string }[] = [];
  let candidateId: number;
  try {
    candidateId = await db.transaction().execute(async (trx) => {
      members = await bundleableRequirements(trx, actor, ids);
      if (members.length !== ids.length) throw stale();
      const t = now();
      const row = await trx
        .insertInto("candidates")
        .values({ title: input.title, summary: input.summary ?? "", status: "open", team_id: null, themenfeld: null, created_by: actor.userId, created_at: t, updated_at: t })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("candidate_requirements")
        .values(members.map((m) => ({ candidate_id: row.id, requirement_id: m.id, added_by: actor.userId, added_at: t })))
        .execute();
      for (const m of members) {
        await setRequirementStatus(trx, m.id, m.status, "bundled");
        await addRequirementEvent(trx, m.id, actor.userId, m.status, "bundled", row.id);
      }
      if (leftOut.length) {
        await trx
          .insertInto("candidate_exclusions")
          .values(leftOut.map((requirementId) => ({ candidate_id: row.id, requirement_id: requirementId, excluded_by: actor.userId, created_at: t })))
          .execute();
      }
      await refreshCandidate(trx, row.id);
      await addEvent(trx, row.id, actor.userId, "created", { requirementIds: members.map((m) => m.id) });
      await recordAudit(trx, {
        actorUserId: actor.userId,
        action: "candidate.accepted",
        entityType: "candidate",
        entityId: row.id,
        detail: leftOut.length ? { requirementIds: ids, leftOut } : { requirementIds: ids },
      });
      return row.id;
    });
  } catch (error) {
    // A concurrent accept of the same requirement loses on the unique index: tell the user, not a 500.
    if (!(error instanceof AppError) && (await bundleableRequirements(db, actor, ids)).length !== ids.length) throw stale();
    throw error;
  }
  for (const m of members) await notifyRequirementFollowers(db, m.id, actor.userId, bundledNotice(m.id, m.title, input.title));
  return { id: candidateId };
}

/**
 * „Als Kandidat anlegen“ on a requirement's page: a need no proposal takes up (a single municipality's)
 * still reaches a Kompetenzteam. The same step as accepting a one-requirement proposal (status,
 * histories, audit, notices); refused with 409 naming why when the requirement cannot be bundled.
 */
export async function createCandidateFromRequirement(db: DB, actor: Actor, requirementId: number, input: { title: string; summary?: string }) {
  requireCurator(actor);
  const refusal = await bundleRefusal(db, actor, requirementId);
  if (refusal?.missing) throw notFound();
  if (refusal) throw conflict(refusal.message);
  try {
    return await createCandidate(db, actor, { requirementIds: [requirementId], title: input.title, summary: input.summary });
  } catch (error) {
    // Bundled or withdrawn meanwhile: say what happened to this one requirement, not to a proposal.
    const current = error instanceof AppError && error.status === 409 ? await bundleRefusal(db, actor, requirementId) : null;
    if (current) throw conflict(current.message);
    throw error;
  }
}

/** Title and summary; optimistic locking on the version the form was based on. */
export async function updateCandidate(db: DB, actor: Actor, id: number, input: { version: number; title: string; summary: string }) {
  requireCurator(actor);
  const c = await findCandidate(db, id);
  requireStatus(c, TEXT_EDITABLE);
  const fields = (["title", "summary"] as const).filter((f) => input[f] !== c[f]);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("candidates")
      .set({ title: input.title, summary: input.summary, updated_at: now(), version: input.version + 1 })
      .where("id", "=", id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "bundling:errors.staleVersion");
    if (fields.length) {
      await addEvent(trx, id, actor.userId, "edited", { fields });
      await recordAudit(trx, { actorUserId: actor.userId, action: "candidate.edited", entityType: "candidate", entityId: id, detail: { fields } });
    }
  });
}

/**
 * What „Anforderung hinzufügen“ shows for a typed number before it is sent: the requirement (number,
 * title, organisation, status), or the refusal addRequirementToCandidate gives at the field, from the
 * same bundleRefusal, so form and step agree. A number the actor cannot see reads like one that
 * does not exist.
 */
export async function previewCandidateAddition(db: DbOrTx, actor: Actor, candidateId: number, requirementId: number): Promise<RequirementPreview> {
  requireCurator(actor);
  requireStatus(await findCandidate(db, candidateId), CURATABLE);
  const refusal = await bundleRefusal(db, actor, requirementId);
  if (refusal) return { ok: false, message: refusal.message };
  return previewOf(await findVisibleRequirement(db, actor, requirementId));
}

/** Adds an unbundled requirement; a manual add overrides an earlier removal from this candidate. */
export async function addRequirementToCandidate(db: DB, actor: Actor, candidateId: number, requirementId: number) {
  requireCurator(actor);
  const c = await findCandidate(db, candidateId);
  requireStatus(c, CURATABLE);
  const refusal = await bundleRefusal(db, actor, requirementId);
  // A number typed on the candidate page: one nobody can see is wrong input, one in the wrong status a conflict.
  if (refusal) throw (refusal.missing ? invalid : conflict)(refusal.message, "requirementId");
  const [r] = await bundleableRequirements(db, actor, [requirementId]);
  if (!r) throw new AppError("conflict", 409, "bundling:errors.requirementUnavailable", "requirementId");
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("candidate_requirements").values({ candidate_id: candidateId, requirement_id: r.id, added_by: actor.userId, added_at: now() }).execute();
      await trx.deleteFrom("candidate_exclusions").where("candidate_id", "=", candidateId).where("requirement_id", "=", r.id).execute();
      await setRequirementStatus(trx, r.id, r.status, "bundled");
      await addRequirementEvent(trx, r.id, actor.userId, r.status, "bundled", candidateId);
      await refreshCandidate(trx, candidateId);
      await addEvent(trx, candidateId, actor.userId, "requirement_added", { requirementId: r.id });
      await recordAudit(trx, { actorUserId: actor.userId, action: "candidate.requirement_added", entityType: "candidate", entityId: candidateId, detail: { requirementId: r.id } });
    });
  } catch (error) {
    if (!(error instanceof AppError) && (await bundleableRequirements(db, actor, [requirementId])).length === 0) {
      throw new AppError("conflict", 409, "bundling:errors.requirementUnavailable", "requirementId");
    }
    throw error;
  }
  await notifyRequirementFollowers(db, r.id, actor.userId, bundledNotice(r.id, r.title, c.title));
}

/**
 * Removes a requirement: it goes back to review, and the removal is remembered so that the engine
 * never proposes it with this candidate's members again.
 */
export async function removeRequirementFromCandidate(db: DB, actor: Actor, candidateId: number, requirementId: number) {
  requireCurator(actor);
  const c = await findCandidate(db, candidateId);
  requireStatus(c, CURATABLE);
  const members = await db.selectFrom("candidate_requirements").select("requirement_id").where("candidate_id", "=", candidateId).execute();
  // Most often a second tab removed it already: say the candidate changed; the page then re-reads it.
  const removedMeanwhile = () => new AppError("conflict", 409, "bundling:errors.removeStale", "requirementId");
  if (!members.some((m) => m.requirement_id === requirementId)) throw removedMeanwhile();
  if (members.length === 1) throw new AppError("conflict", 409, "bundling:errors.removeLast", "requirementId");
  const r = await db.selectFrom("requirements").select(["id", "title", "status"]).where("id", "=", requirementId).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom("candidate_requirements")
      .where("candidate_id", "=", candidateId)
      .where("requirement_id", "=", requirementId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw removedMeanwhile();
    const known = await trx
      .selectFrom("candidate_exclusions")
      .select("requirement_id")
      .where("candidate_id", "=", candidateId)
      .where("requirement_id", "=", requirementId)
      .executeTakeFirst();
    if (!known) {
      await trx.insertInto("candidate_exclusions").values({ candidate_id: candidateId, requirement_id: requirementId, excluded_by: actor.userId, created_at: now() }).execute();
    }
    if (r.status === "bundled") {
      await setRequirementStatus(trx, r.id, "bundled", "in_review");
      await addRequirementEvent(trx, r.id, actor.userId, "bundled", "in_review", candidateId);
    }
    await refreshCandidate(trx, candidateId);
    await addEvent(trx, candidateId, actor.userId, "requirement_removed", { requirementId });
    await recordAudit(trx, { actorUserId: actor.userId, action: "candidate.requirement_removed", entityType: "candidate", entityId: candidateId, detail: { requirementId } });
  });
  await notifyRequirementFollowers(db, r.id, actor.userId, {
    kind: "status",
    requirementId: r.id,
    messageKey: "bundling:notifications.unbundled",
    params: { title: r.title, candidate: c.title },
    link: requirementLink(r.id),
  });
}

/**
 * Merges candidate `otherId` into `id`: its requirements, comments and removals move over, and it is
 * deleted. A team already assigned to `id` stays; otherwise the other's team is taken over. Its old
 * address forwards to `id` (candidate_merges, also for candidates merged into it before), and the
 * organisations whose requirements moved and the leads of its team are told.
 */
export async function mergeCandidates(db: DB, actor: Actor, id: number, otherId: number) {
  requireCurator(actor);
  if (id === otherId) throw new AppError("invalid", 400, "bundling:errors.mergeSelf", "otherId");
  const target = await findCandidate(db, id);
  let source;
  try {
    source = await findCandidate(db, otherId);
  } catch {
    throw new AppError("invalid", 400, "bundling:errors.mergeTarget", "otherId");
  }
  requireStatus(target, CURATABLE);
  if (!CURATABLE.includes(source.status)) throw new AppError("conflict", 409, "bundling:errors.mergeTarget", "otherId");
  const moved = await db.transaction().execute(async (trx) => {
    const moving = await trx.selectFrom("candidate_requirements").select("requirement_id").where("candidate_id", "=", otherId).execute();
    await trx.updateTable("candidate_requirements").set({ candidate_id: id }).where("candidate_id", "=", otherId).execute();
    // Removals stay decisions, except where the merge itself now puts the requirement into this candidate.
    const members = new Set(
      (await trx.selectFrom("candidate_requirements").select("requirement_id").where("candidate_id", "=", id).execute()).map((m) => m.requirement_id),
    );
    const targetExcluded = new Set(
      (await trx.selectFrom("candidate_exclusions").select("requirement_id").where("candidate_id", "=", id).execute()).map((e) => e.requirement_id),
    );
    const sourceExclusions = await trx.selectFrom("candidate_exclusions").selectAll().where("candidate_id", "=", otherId).execute();
    for (const e of sourceExclusions) {
      if (!members.has(e.requirement_id) && !targetExcluded.has(e.requirement_id)) {
        await trx.insertInto("candidate_exclusions").values({ ...e, candidate_id: id }).execute();
      }
    }
    const reAdded = [...targetExcluded].filter((r) => members.has(r));
    if (reAdded.length) await trx.deleteFrom("candidate_exclusions").where("candidate_id", "=", id).where("requirement_id", "in", reAdded).execute();
    await trx.updateTable("candidate_comments").set({ candidate_id: id }).where("candidate_id", "=", otherId).execute();
    if (target.team_id === null && source.team_id !== null) {
      await trx.updateTable("candidates").set({ team_id: source.team_id }).where("id", "=", id).execute();
    }
    // Forwards to the deleted candidate now lead here (before the delete, which would cascade them away).
    await trx.updateTable("candidate_merges").set({ merged_into_id: id }).where("merged_into_id", "=", otherId).execute();
    await trx
      .insertInto("candidate_merges")
      .values({ candidate_id: otherId, merged_into_id: id, title: source.title, merged_by: actor.userId, merged_at: now() })
      .execute();
    await trx.deleteFrom("candidates").where("id", "=", otherId).execute();
    await refreshCandidate(trx, id);
    await addEvent(trx, id, actor.userId, "merged_in", {
      candidateId: otherId,
      title: source.title,
      requirementIds: moving.map((m) => m.requirement_id),
    });
    await recordAudit(trx, { actorUserId: actor.userId, action: "candidate.merged", entityType: "candidate", entityId: id, detail: { mergedId: otherId } });
    return moving;
  });
  await notifyMerged(db, actor, { id, title: target.title }, source, moved);
}

/** After a merge: the followers of each moved requirement and the leads of the merged candidate's team. */
async function notifyMerged(db: DB, actor: Actor, target: { id: number; title: string }, source: { title: string; team_id: number | null }, moved: { requirement_id: number }[]) {
  const requirements = moved.length
    ? await db.selectFrom("requirements").select(["id", "title"]).where("id", "in", moved.map((m) => m.requirement_id)).execute()
    : [];
  for (const r of requirements) {
    await notifyRequirementFollowers(db, r.id, actor.userId, {
      kind: "status",
      requirementId: r.id,
      messageKey: "bundling:notifications.mergedRequirement",
      params: { title: r.title, candidate: target.title, from: source.title },
      link: requirementLink(r.id),
    });
  }
  if (source.team_id === null) return;
  const leads = await db
    .selectFrom("role_assignments")
    .innerJoin("users", "users.id", "role_assignments.user_id")
    .innerJoin("teams", "teams.id", "role_assignments.team_id")
    .select(["users.id", "teams.name"])
    .distinct()
    .where("role_assignments.team_id", "=", source.team_id)
    .where("role_assignments.role", "=", "team_lead")
    .where("users.active", "=", 1)
    .execute();
  await notifyUsers(
    db,
    leads.map((l) => l.id).filter((u) => u !== actor.userId),
    {
      kind: "candidate",
      requirementId: null,
      messageKey: "bundling:notifications.mergedTeam",
      params: { candidate: source.title, into: target.title, team: leads[0]?.name ?? "" },
      link: candidateLink(target.id),
    },
  );
}

/**
 * Where the address of a candidate that was merged away now leads: the candidate it went into (for
 * everyone who may see candidates), with its old title and the day of the merge; null otherwise.
 */
export async function findMergedCandidate(db: DbOrTx, actor: Actor, id: number) {
  if (!can(actor, "view:portal")) throw forbidden();
  const row = await db
    .selectFrom("candidate_merges")
    .innerJoin("candidates", "candidates.id", "candidate_merges.merged_into_id")
    .select(["candidate_merges.merged_into_id as intoId", "candidates.title as intoTitle", "candidate_merges.title", "candidate_merges.merged_at as mergedAt"])
    .where("candidate_merges.candidate_id", "=", id)
    .executeTakeFirst();
  return row ?? null;
}

/** Splits the given requirements off into a new open candidate (same team, same removals). */
export async function splitCandidate(db: DB, actor: Actor, id: number, input: { requirementIds: number[]; title: string }): Promise<{ id: number }> {
  requireCurator(actor);
  const c = await findCandidate(db, id);
  requireStatus(c, CURATABLE);
  const ids = [...new Set(input.requirementIds)];
  if (ids.length === 0) throw new AppError("invalid", 400, "bundling:errors.splitNone", "requirementIds");
  const members = new Set(
    (await db.selectFrom("candidate_requirements").select("requirement_id").where("candidate_id", "=", id).execute()).map((m) => m.requirement_id),
  );
  if (ids.some((r) => !members.has(r))) throw new AppError("invalid", 400, "bundling:errors.notMember", "requirementIds");
  if (ids.length >= members.size) throw new AppError("invalid", 400, "bundling:errors.splitAll", "requirementIds");
  return db.transaction().execute(async (trx) => {
    const t = now();
    const row = await trx
      .insertInto("candidates")
      .values({ title: input.title, summary: "", status: "open", team_id: c.team_id, themenfeld: null, created_by: actor.userId, created_at: t, updated_at: t })
      .returning("id")
      .executeTakeFirstOrThrow();
    const res = await trx
      .updateTable("candidate_requirements")
      .set({ candidate_id: row.id })
      .where("candidate_id", "=", id)
      .where("requirement_id", "in", ids)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== ids.length) throw new AppError("conflict", 409, "bundling:errors.notMember", "requirementIds");
    const exclusions = await trx.selectFrom("candidate_exclusions").selectAll().where("candidate_id", "=", id).execute();
    if (exclusions.length) await trx.insertInto("candidate_exclusions").values(exclusions.map((e) => ({ ...e, candidate_id: row.id }))).execute();
    await refreshCandidate(trx, id);
    await refreshCandidate(trx, row.id);
    await addEvent(trx, id, actor.userId, "split_off", { candidateId: row.id, title: input.title, requirementIds: ids });
    await addEvent(trx, row.id, actor.userId, "split_from", { candidateId: id, title: c.title, requirementIds: ids });
    await recordAudit(trx, { actorUserId: actor.userId, action: "candidate.split", entityType: "candidate", entityId: id, detail: { newId: row.id, requirementIds: ids } });
    return { id: row.id };
  });
}

/**
 * Assigns the candidate to an active Kompetenzteam (or, with null, removes the assignment); a team
 * deactivated after it was assigned may be kept, not assigned anew. The form
 * passes the version it was loaded with (optimistic locking); seed and scripts assign without a form.
 */
export async function assignTeam(db: DB, actor: Actor, id: number, teamId: number | null, version?: number) {
  requireCurator(actor);
  const c = await findCandidate(db, id);
  requireStatus(c, CURATABLE);
  // Keeping the current team is no change, even when that team has been deactivated meanwhile.
  if (c.team_id === teamId) return;
  const team = teamId === null ? null : await db.selectFrom("teams").select(["id", "name"]).where("id", "=", teamId).where("active", "=", 1).executeTakeFirst();
  if (teamId !== null && !team) throw new AppError("invalid", 400, "bundling:errors.teamInvalid", "teamId");
  await db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable("candidates")
      .set((eb) => ({ team_id: teamId, updated_at: now(), version: eb("version", "+", 1) }))
      .where("id", "=", id);
    if (version !== undefined) update = update.where("version", "=", version);
    const res = await update.executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "bundling:errors.staleVersion");
    await addEvent(trx, id, actor.userId, "team_assigned", { teamId, teamName: team?.name ?? null });
    await recordAudit(trx, { actorUserId: actor.userId, action: "candidate.team_assigned", entityType: "candidate", entityId: id, detail: { teamId } });
  });
  if (team) {
    const members = await db
      .selectFrom("role_assignments")
      .innerJoin("users", "users.id", "role_assignments.user_id")
      .select("users.id")
      .distinct()
      .where("role_assignments.team_id", "=", team.id)
      .where("users.active", "=", 1)
      .execute();
    await notifyUsers(
      db,
      members.map((m) => m.id).filter((u) => u !== actor.userId),
      { kind: "candidate", requirementId: null, messageKey: "bundling:notifications.teamAssigned", params: { candidate: c.title, team: team.name }, link: candidateLink(id) },
    );
  }
}

export async function addCandidateComment(db: DB, actor: Actor, id: number, body: string) {
  if (!can(actor, "comment:requirement")) throw forbidden();
  await findCandidate(db, id);
  await db
    .insertInto("candidate_comments")
    .values({ candidate_id: id, user_id: actor.userId, organisation_id: actor.organisationId, body, created_at: now() })
    .execute();
}

/** Which candidate a requirement belongs to, for the requirement page; null when none (or not visible). */
export async function candidateOfRequirement(db: DbOrTx, actor: Actor, requirementId: number) {
  const visible = await db.selectFrom("requirements").select("id").where("id", "=", requirementId).where(visibleTo(actor)).executeTakeFirst();
  if (!visible) return null;
  const row = await db
    .selectFrom("candidate_requirements")
    .innerJoin("candidates", "candidates.id", "candidate_requirements.candidate_id")
    .select(["candidates.id", "candidates.title", "candidates.status"])
    .where("candidate_requirements.requirement_id", "=", requirementId)
    .executeTakeFirst();
  return row ? { id: row.id, title: row.title, status: row.status as CandidateStatus } : null;
}

/** Candidates for everyone signed in; counts of organisations come only from requirements the actor may see. */
export async function listCandidates(db: DbOrTx, actor: Actor, filter: CandidateFilter) {
  if (!can(actor, "view:portal")) throw forbidden();
  let q = db
    .selectFrom("candidates")
    .leftJoin("teams", "teams.id", "candidates.team_id")
    .select(["candidates.id", "candidates.title", "candidates.status", "candidates.themenfeld", "candidates.updated_at", "candidates.team_id", "teams.name as teamName"]);
  if (filter.status) q = q.where("candidates.status", "=", filter.status);
  if (filter.teamId) q = q.where("candidates.team_id", "=", filter.teamId);
  const [rows, teams] = await Promise.all([
    q.orderBy("candidates.updated_at", "desc").orderBy("candidates.id", "desc").limit(1000).execute(),
    db.selectFrom("teams").select(["id", "name", "active"]).orderBy("id").execute().then((t) => sortGerman(t, (x) => x.name)),
  ]);
  const ids = rows.map((r) => r.id);
  const [all, visible, endorsers] = ids.length
    ? await Promise.all([
        db.selectFrom("candidate_requirements").select(["candidate_id", "requirement_id"]).where("candidate_id", "in", ids).execute(),
        db
          .selectFrom("candidate_requirements")
          .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
          .select(["candidate_requirements.candidate_id", "requirements.organisation_id"])
          .where("candidate_requirements.candidate_id", "in", ids)
          .where(visibleTo(actor))
          .execute(),
        db
          .selectFrom("candidate_requirements")
          .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
          .innerJoin("endorsements", "endorsements.requirement_id", "requirements.id")
          .select(["candidate_requirements.candidate_id", "endorsements.organisation_id"])
          .where("candidate_requirements.candidate_id", "in", ids)
          .where(visibleTo(actor))
          .execute(),
      ])
    : [[], [], []];
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name, active: !!t.active })),
    items: rows.map((r) => {
      const orgs = new Set([...visible, ...endorsers].filter((v) => v.candidate_id === r.id).map((v) => v.organisation_id));
      return {
        id: r.id,
        title: r.title,
        status: r.status as CandidateStatus,
        themenfeld: r.themenfeld,
        updatedAt: r.updated_at,
        teamId: r.team_id,
        teamName: r.teamName,
        requirementCount: all.filter((a) => a.candidate_id === r.id).length,
        organisationCount: orgs.size,
      };
    }),
  };
}

const DISTRICT_KINDS = ["landkreis", "regionalverband"];

/**
 * One candidate with its facts. Requirements the actor may not see (confidential ones of other
 * organisations) appear only as an anonymous count and add nothing to the facts.
 */
export async function getCandidateDetail(db: DbOrTx, actor: Actor, id: number) {
  if (!can(actor, "view:portal")) throw forbidden();
  const c = await db
    .selectFrom("candidates")
    .leftJoin("teams", "teams.id", "candidates.team_id")
    .selectAll("candidates")
    .select("teams.name as teamName")
    .where("candidates.id", "=", id)
    .executeTakeFirst();
  if (!c) throw notFound();
  const [all, members] = await Promise.all([
    db.selectFrom("candidate_requirements").select("requirement_id").where("candidate_id", "=", id).execute(),
    db
      .selectFrom("candidate_requirements")
      .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
      .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
      .select([
        "requirements.id",
        "requirements.title",
        "requirements.status",
        "requirements.themenfeld",
        "requirements.system",
        "requirements.deadline",
        "requirements.confidential",
        "requirements.organisation_id",
        "organisations.name as organisationName",
        "candidate_requirements.added_at",
      ])
      .where("candidate_requirements.candidate_id", "=", id)
      .where(visibleTo(actor))
      .orderBy("requirements.id")
      .execute(),
  ]);
  const memberIds = members.map((m) => m.id);
  const [endorsements, comments, events] = await Promise.all([
    memberIds.length
      ? db
          .selectFrom("endorsements")
          .innerJoin("organisations", "organisations.id", "endorsements.organisation_id")
          .select(["endorsements.requirement_id", "endorsements.organisation_id", "endorsements.quantity", "endorsements.quantity_unit", "organisations.name as organisationName"])
          .where("endorsements.requirement_id", "in", memberIds)
          .execute()
          .then((rows) => sortGerman(rows, (r) => r.organisationName))
      : Promise.resolve([]),
    db
      .selectFrom("candidate_comments")
      .innerJoin("organisations", "organisations.id", "candidate_comments.organisation_id")
      .leftJoin("users", "users.id", "candidate_comments.user_id")
      .select(["candidate_comments.id", "candidate_comments.body", "candidate_comments.created_at", "users.name as authorName", "organisations.name as organisationName"])
      .where("candidate_comments.candidate_id", "=", id)
      .orderBy("candidate_comments.created_at")
      .orderBy("candidate_comments.id")
      .execute(),
    db
      .selectFrom("candidate_events")
      .leftJoin("users", "users.id", "candidate_events.actor_user_id")
      .select(["candidate_events.id", "candidate_events.at", "candidate_events.kind", "candidate_events.detail", "users.name as actorName"])
      .where("candidate_events.candidate_id", "=", id)
      .orderBy("candidate_events.at")
      .orderBy("candidate_events.id")
      .execute(),
  ]);

  // Organisations behind the candidate: those that filed a visible requirement and those that co-signed one.
  const coveredIds = new Set<number>([...members.map((m) => m.organisation_id), ...endorsements.map((e) => e.organisation_id)]);
  const orgs = coveredIds.size
    ? await db
        .selectFrom("organisations as o")
        .leftJoin("organisations as d", "d.id", "o.district_id")
        .select(["o.id", "o.name", "o.kind", "o.population", "o.district_id", "d.name as districtName"])
        .where("o.id", "in", [...coveredIds])
        .execute()
        .then((rows) => sortGerman(rows, (o) => o.name))
    : [];
  const organisations = orgs.map((o) => ({
    id: o.id,
    name: o.name,
    districtName: DISTRICT_KINDS.includes(o.kind) ? o.name : o.districtName,
    population: o.population,
    filed: members.filter((m) => m.organisation_id === o.id).length,
    cosigned: endorsements.filter((e) => e.organisation_id === o.id).length,
  }));
  const districtCounts = new Map<string, number>();
  for (const o of organisations) if (o.districtName) districtCounts.set(o.districtName, (districtCounts.get(o.districtName) ?? 0) + 1);
  // A covered district already counts everybody living in it: its municipalities are not added again.
  const counted = orgs.filter((o) => o.population !== null && !(o.district_id !== null && coveredIds.has(o.district_id)));
  const population = counted.reduce((sum, o) => sum + (o.population ?? 0), 0);
  const deadlines = members.map((m) => m.deadline).filter((d): d is string => !!d).sort();
  const cosigners = new Set(endorsements.map((e) => e.organisation_id));

  // Timeline entries name requirements by id; only titles the actor may see are resolved.
  const parsedEvents = events.map((e) => ({ ...e, detail: e.detail ? (JSON.parse(e.detail) as EventDetail) : {} }));
  const referenced = new Set<number>();
  for (const e of parsedEvents) if (typeof e.detail.requirementId === "number") referenced.add(e.detail.requirementId);
  const titles = referenced.size
    ? await db.selectFrom("requirements").select(["id", "title"]).where("id", "in", [...referenced]).where(visibleTo(actor)).execute()
    : [];
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  const existing = new Set(
    (
      await db
        .selectFrom("candidates")
        .select("id")
        .where("id", "in", [0, ...parsedEvents.map((e) => Number(e.detail.candidateId ?? 0))])
        .execute()
    ).map((r) => r.id),
  );

  const curate = can(actor, "manage:candidates");
  const curation = curate
    ? {
        // Active teams, and the current one even when deactivated, so the form shows what is assigned.
        teams: (
          await db
            .selectFrom("teams")
            .select(["id", "name", "active"])
            .where((eb) => eb.or([eb("active", "=", 1), eb("id", "=", c.team_id ?? 0)]))
            .orderBy("id")
            .execute()
            .then((t) => sortGerman(t, (x) => x.name))
        ).map((t) => ({ id: t.id, name: t.name, active: !!t.active })),
        mergeTargets: await db
          .selectFrom("candidates")
          .select(["id", "title"])
          .where("status", "in", CURATABLE)
          .where("id", "!=", id)
          .orderBy("id")
          .execute()
          .then((rows) => sortGerman(rows, (r) => r.title)),
      }
    : null;

  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    status: c.status as CandidateStatus,
    teamId: c.team_id,
    teamName: c.teamName,
    themenfeld: c.themenfeld,
    version: c.version,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    curatable: curate && CURATABLE.includes(c.status as CandidateStatus),
    textEditable: curate && TEXT_EDITABLE.includes(c.status as CandidateStatus),
    confidentialHidden: seesConfidential(actor) ? 0 : all.length - members.length,
    requirementCount: all.length,
    requirements: members.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status,
      themenfeld: m.themenfeld,
      system: m.system,
      deadline: m.deadline,
      confidential: !!m.confidential,
      organisationName: m.organisationName,
      // With the quantity each organisation gave and what it counts (NULL: given before the unit was asked).
      cosigners: endorsements
        .filter((e) => e.requirement_id === m.id)
        .map((e) => ({ organisationName: e.organisationName, quantity: e.quantity, quantityUnit: e.quantity_unit })),
    })),
    facts: {
      organisationCount: organisations.length,
      districtCount: districtCounts.size,
      cosignerCount: cosigners.size,
      population: counted.length ? population : null,
      populationKnownFor: counted.length,
      earliestDeadline: deadlines[0] ?? null,
    },
    organisations,
    districts: [...districtCounts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name, "de")),
    comments,
    events: parsedEvents.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      actorName: e.actorName,
      requirementTitle: typeof e.detail.requirementId === "number" ? (titleOf.get(e.detail.requirementId) ?? null) : null,
      requirementId: typeof e.detail.requirementId === "number" && titleOf.has(e.detail.requirementId) ? e.detail.requirementId : null,
      count: Array.isArray(e.detail.requirementIds) ? e.detail.requirementIds.length : null,
      otherId: typeof e.detail.candidateId === "number" && existing.has(e.detail.candidateId) ? e.detail.candidateId : null,
      otherTitle: typeof e.detail.title === "string" ? e.detail.title : null,
      teamName: typeof e.detail.teamName === "string" ? e.detail.teamName : null,
      fields: Array.isArray(e.detail.fields) ? (e.detail.fields as string[]) : null,
      // A workshop decision (workshop_decided): what was decided and why, for the history and the dossier.
      decision: typeof e.detail.decision === "string" ? e.detail.decision : null,
      rank: typeof e.detail.rank === "number" ? e.detail.rank : null,
      deferredUntil: typeof e.detail.deferredUntil === "string" ? e.detail.deferredUntil : null,
      rationale: typeof e.detail.rationale === "string" && e.detail.rationale ? e.detail.rationale : null,
    })),
    curation,
  };
}
export type CandidateDetail = Awaited<ReturnType<typeof getCandidateDetail>>;
