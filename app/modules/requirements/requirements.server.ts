import { now, type DB, type DbOrTx, type Tx } from "#db/client.server";
import { type AuditActionsOf } from "#app/modules/audit/actions";
import { recordAudit } from "#app/modules/audit/audit.server";
import { can, type Actor } from "#app/modules/auth/permissions";
import {
  AWAITING_RELEASE_NOTICE,
  notifyAwaitingRelease,
  notifyCosigned,
  notifyCosignWithdrawn,
  notifyRequirementFollowers,
  resolveNotices,
  type NotificationInput,
} from "#app/modules/notifications/notifications.server";
import { AppError, forbidden, notFound } from "#app/utils/errors.server";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { messageWithValues } from "#app/utils/messages";
import { findVisibleRequirement, previewOf, searchTextOf, type RequirementPreview } from "./queries.server";
import { isQuantityUnit, missingForSubmit, quantityUnitIssue, type QuantityUnit, type RequirementInput } from "./schema";
import { removeStoredFiles } from "./attachments.server";
import { titleColumns } from "./title-order";
import { CLASSIFIABLE, COSIGNABLE, isOpenForComments, nextStatus, NO_DUPLICATE_TARGET, type RequirementAction, type RequirementStatus } from "./workflow";

const link = (id: number) => `/anforderungen/${id}`;

async function addEvent(
  db: DbOrTx,
  requirementId: number,
  actorUserId: number | null,
  kind: string,
  e: { from?: string | null; to?: string | null; reason?: string | null; detail?: Record<string, unknown> | null } = {},
) {
  await db
    .insertInto("requirement_events")
    .values({
      requirement_id: requirementId,
      at: now(),
      actor_user_id: actorUserId,
      kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      reason: e.reason ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}

function contentValues(input: RequirementInput) {
  return {
    ...titleColumns(input.title),
    problem: input.problem,
    desired_outcome: input.desiredOutcome,
    // A draft may leave these open; the columns take no null, so an open one is stored empty.
    themenfeld: input.themenfeld ?? "",
    system: input.system ?? null,
    legal_basis: input.legalBasis ?? null,
    deadline: input.deadline ?? null,
    benefit: input.benefit,
    urgency: input.urgency ?? "",
    confidential: input.confidential ? 1 : 0,
    search_text: searchTextOf([input.title, input.problem, input.desiredOutcome, input.system, input.legalBasis, input.benefit]),
  };
}

/**
 * Submitting sets the status and, where the organisation requires it, waits for the lead's release.
 * A draft with required fields still empty is refused, naming them (details.missing), and stays as it is.
 * Returns whether the submission now waits for release.
 */
async function submitInTx(trx: Tx, actor: Actor, id: number, from: RequirementStatus): Promise<boolean> {
  const to = nextStatus(from, "submit");
  if (!to) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
  const org = await trx
    .selectFrom("requirements")
    .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
    .select([
      "organisations.requires_release",
      "requirements.title",
      "requirements.problem",
      "requirements.desired_outcome",
      "requirements.themenfeld",
      "requirements.urgency",
      "requirements.benefit",
    ])
    .where("requirements.id", "=", id)
    .executeTakeFirst();
  // Deleted meanwhile (Entwurf löschen in another tab): nothing left to submit.
  if (!org) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
  const missing = missingForSubmit({ ...org, desiredOutcome: org.desired_outcome });
  if (missing.length > 0) throw new AppError("invalid", 400, "requirements:errors.incomplete", undefined, { details: { missing } });
  const t = now();
  const res = await trx
    .updateTable("requirements")
    .set((eb) => ({ status: to, awaiting_release: org.requires_release ? 1 : 0, submitted_at: t, updated_at: t, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  // A draft deleted (or submitted) by someone else while this request waited for the row.
  if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
  await addEvent(trx, id, actor.userId, "status", { from, to, detail: org.requires_release ? { awaitingRelease: true } : null });
  return !!org.requires_release;
}

/**
 * Creates a draft (and submits it when asked). A repeated submit with the same client key returns the
 * requirement created the first time instead of a second one.
 */
export async function createRequirement(
  db: DB,
  actor: Actor,
  input: RequirementInput & { submit: boolean; clientKey?: string },
): Promise<{ id: number; created: boolean; awaitingRelease?: boolean }> {
  if (!can(actor, "create:requirement", { organisationId: actor.organisationId })) throw forbidden();
  if (input.clientKey) {
    const existing = await db
      .selectFrom("requirements")
      .select("id")
      .where("client_key", "=", input.clientKey)
      .where("organisation_id", "=", actor.organisationId)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
  }
  try {
    const created = await db.transaction().execute(async (trx) => {
      const t = now();
      const row = await trx
        .insertInto("requirements")
        .values({
          ...contentValues(input),
          organisation_id: actor.organisationId,
          created_by: actor.userId,
          status: "draft",
          client_key: input.clientKey ?? null,
          created_at: t,
          updated_at: t,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await addEvent(trx, row.id, actor.userId, "created", { to: "draft" });
      const awaitingRelease = input.submit ? await submitInTx(trx, actor, row.id, "draft") : false;
      return { id: row.id, created: true, awaitingRelease };
    });
    if (created.awaitingRelease) await notifyAwaitingRelease(db, created.id, actor.userId);
    return created;
  } catch (error) {
    // Two concurrent submits with the same key: the unique index lets one win; return that one.
    if (input.clientKey) {
      const existing = await db.selectFrom("requirements").select("id").where("client_key", "=", input.clientKey).executeTakeFirst();
      if (existing) return { id: existing.id, created: false };
    }
    throw error;
  }
}

const FIELD_LABELS: Record<string, string> = {
  title: "title",
  problem: "problem",
  desired_outcome: "desiredOutcome",
  themenfeld: "themenfeld",
  system: "system",
  legal_basis: "legalBasis",
  deadline: "deadline",
  benefit: "benefit",
  urgency: "urgency",
  confidential: "confidential",
};

/**
 * Edits a draft. Optimistic locking: based on an older version it is refused, and the error carries
 * which fields changed since, with their current values, so the user can merge by hand.
 */
export async function updateDraft(db: DB, actor: Actor, id: number, version: number, input: RequirementInput & { submit: boolean }) {
  const current = await findVisibleRequirement(db, actor, id);
  if (!can(actor, "edit:requirement", { organisationId: current.organisation_id })) throw forbidden();
  if (current.status !== "draft") throw new AppError("conflict", 409, "requirements:errors.notDraft");
  const values = contentValues(input);
  const awaitingRelease = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("requirements")
      .set({ ...values, updated_at: now(), version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      // Someone saved in between: name the fields whose saved value differs from what this user sent.
      const fresh = await trx.selectFrom("requirements").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const changed = Object.entries(FIELD_LABELS)
        .filter(([col]) => (fresh as Record<string, unknown>)[col] !== (values as Record<string, unknown>)[col])
        .map(([col, field]) => ({ field, value: String((fresh as Record<string, unknown>)[col] ?? "") }));
      throw new AppError("conflict", 409, "requirements:errors.editConflict", undefined, {
        details: { changed, version: fresh.version, status: fresh.status },
      });
    }
    const changedFields = Object.entries(FIELD_LABELS)
      .filter(([col]) => (values as Record<string, unknown>)[col] !== (current as Record<string, unknown>)[col])
      .map(([, field]) => field);
    if (changedFields.length) await addEvent(trx, id, actor.userId, "edited", { detail: { fields: changedFields } });
    return input.submit ? await submitInTx(trx, actor, id, "draft") : false;
  });
  if (awaitingRelease) await notifyAwaitingRelease(db, id, actor.userId);
  return { awaitingRelease };
}

export async function submitRequirement(db: DB, actor: Actor, id: number, version: number) {
  const r = await findVisibleRequirement(db, actor, id);
  if (!can(actor, "edit:requirement", { organisationId: r.organisation_id })) throw forbidden();
  if (r.version !== version) throw new AppError("conflict", 409, "requirements:errors.staleVersion");
  const awaitingRelease = await db.transaction().execute((trx) => submitInTx(trx, actor, id, r.status));
  if (awaitingRelease) await notifyAwaitingRelease(db, id, actor.userId);
  else await notifyRequirementFollowers(db, id, actor.userId, statusNotice(id, r.title, "submitted"));
  return { awaitingRelease };
}

function statusNotice(id: number, title: string, status: RequirementStatus) {
  return { kind: "status", requirementId: id, messageKey: "requirements:notifications.status", params: { title, status }, link: link(id) };
}

/** One status transition: load visibly, check from-status, update, event and audit in one transaction. */
async function transition(
  db: DB,
  actor: Actor,
  id: number,
  action: Extract<RequirementAction, AuditActionsOf<"requirement">>,
  opts: {
    reason?: string;
    set?: Record<string, unknown>;
    check: (r: Awaited<ReturnType<typeof findVisibleRequirement>>) => boolean;
    /** What the followers are told, if more than the new status. */
    notice?: (r: Awaited<ReturnType<typeof findVisibleRequirement>>) => Promise<NotificationInput>;
  },
) {
  const r = await findVisibleRequirement(db, actor, id);
  if (!opts.check(r)) throw forbidden();
  const to = nextStatus(r.status, action);
  if (!to) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("requirements")
      .set((eb) => ({ status: to, updated_at: now(), version: eb("version", "+", 1), ...opts.set }))
      .where("id", "=", id)
      .where("status", "=", r.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
    await addEvent(trx, id, actor.userId, "status", { from: r.status, to, reason: opts.reason ?? null });
    await recordAudit(trx, { actorUserId: actor.userId, action: `requirement.${action}`, entityType: "requirement", entityId: id });
  });
  await notifyRequirementFollowers(db, id, actor.userId, opts.notice ? await opts.notice(r) : statusNotice(id, r.title, to));
  // A submission that waited for release no longer does: the leads' request is done.
  if (r.awaiting_release) await resolveNotices(db, { messageKey: AWAITING_RELEASE_NOTICE, link: link(id) });
  return { ...r, to };
}

export async function releaseRequirement(db: DB, actor: Actor, id: number) {
  return transition(db, actor, id, "release", {
    set: { awaiting_release: 0 },
    check: (r) => can(actor, "release:requirement", { organisationId: r.organisation_id }) && !!r.awaiting_release,
  });
}

/**
 * The lead sends a submission back to its draft with a reason. The followers are told who returned it
 * and why; the draft's page and edit form say so until it is submitted again (see openReturn).
 */
export async function returnRequirement(db: DB, actor: Actor, id: number, reason: string) {
  return transition(db, actor, id, "return", {
    reason,
    set: { awaiting_release: 0, submitted_at: null },
    check: (r) => can(actor, "release:requirement", { organisationId: r.organisation_id }) && !!r.awaiting_release,
    notice: async (r) => {
      const lead = await db.selectFrom("users").select("name").where("id", "=", actor.userId).executeTakeFirst();
      return { kind: "status", requirementId: id, messageKey: "requirements:returned.notice", params: { title: r.title, name: lead?.name ?? "", reason }, link: link(id) };
    },
  });
}

export async function withdrawRequirement(db: DB, actor: Actor, id: number, reason: string) {
  return transition(db, actor, id, "withdraw", {
    reason,
    check: (r) => can(actor, "withdraw:requirement", { organisationId: r.organisation_id }),
  });
}

/**
 * „Entwurf löschen“: a draft that never left its organisation goes for good, with everything hanging
 * on it (history, comments, attachments and their files, notifications). Whoever may edit the
 * organisation's drafts may delete them. A draft with a history (returned by the lead or for
 * clarification) is refused: withdrawn, a draft would become visible to every member, and deleted,
 * what others have seen and answered would vanish. The delete is guarded by the status, so a
 * concurrent submit wins and nothing is deleted.
 */
export async function deleteDraft(db: DB, actor: Actor, id: number): Promise<{ title: string }> {
  const r = await findVisibleRequirement(db, actor, id);
  if (!can(actor, "edit:requirement", { organisationId: r.organisation_id })) throw forbidden();
  const refusal = async (dbx: DbOrTx) => {
    const fresh = await dbx.selectFrom("requirements").select(["status", "submitted_at"]).where("id", "=", id).executeTakeFirst();
    if (!fresh || fresh.status !== "draft") return new AppError("conflict", 409, "requirements:errors.deleteNotDraft");
    return new AppError("conflict", 409, "requirements:errors.deleteHasHistory");
  };
  const neverSubmitted = (trx: DbOrTx) =>
    trx
      .updateTable("requirements")
      // A write that changes nothing: it takes the row's lock, so a submit in flight either committed
      // before (and the guard below sees it) or waits until the draft is gone.
      .set((eb) => ({ status: eb.ref("status") }))
      .where("id", "=", id)
      .where("status", "=", "draft")
      .where("submitted_at", "is", null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("requirement_events").select("id").where("requirement_id", "=", id).where("kind", "=", "status"))))
      .executeTakeFirst();
  const files = await db.transaction().execute(async (trx) => {
    if (Number((await neverSubmitted(trx)).numUpdatedRows) !== 1) throw await refusal(trx);
    const attachments = await trx.selectFrom("attachments").select("id").where("requirement_id", "=", id).execute();
    await trx
      .deleteFrom("notifications")
      .where((eb) => eb.or([eb("requirement_id", "=", id), eb("link", "=", link(id)), eb("link", "like", `${link(id)}#%`)]))
      .execute();
    for (const table of ["comments", "attachments", "endorsements", "candidate_requirements", "candidate_exclusions", "requirement_events"] as const) {
      await trx.deleteFrom(table).where("requirement_id", "=", id).execute();
    }
    const res = await trx.deleteFrom("requirements").where("id", "=", id).where("status", "=", "draft").executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw await refusal(trx);
    // No title or text: the entry says which organisation's draft went, not what it was about.
    await recordAudit(trx, { actorUserId: actor.userId, action: "requirement.draft_deleted", entityType: "requirement", entityId: id, detail: { organisationId: r.organisation_id } });
    return attachments.map((a) => a.id);
  });
  removeStoredFiles(files);
  return { title: r.title };
}

/**
 * The requirements team returns an unclear requirement to its organisation as a draft, with a question
 * (Rückfrage). Refused while another organisation co-signs it (a draft is hidden from them, their
 * Mitzeichnung would vanish from their view: ask in a comment instead) and while it belongs to a
 * candidate (a confirmed decision). Engine proposals are never stored: a draft simply leaves their pool.
 */
export async function clarifyRequirement(db: DB, actor: Actor, id: number, question: string) {
  const r = await findVisibleRequirement(db, actor, id);
  if (!can(actor, "triage:requirement") || r.awaiting_release) throw forbidden();
  const to = nextStatus(r.status, "clarify");
  if (!to) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
  await db.transaction().execute(async (trx) => {
    // The status changes first, which locks the row; a co-signature (which locks it too, see
    // cosignRequirement) is then either seen below or refused, and a refusal here rolls back.
    const res = await trx
      .updateTable("requirements")
      .set((eb) => ({ status: to, awaiting_release: 0, submitted_at: null, updated_at: now(), version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .where("status", "=", r.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
    const cosigned = await trx
      .selectFrom("endorsements")
      .select("id")
      .where("requirement_id", "=", id)
      .where("organisation_id", "!=", r.organisation_id)
      .executeTakeFirst();
    if (cosigned) throw new AppError("conflict", 409, "requirements:clarify.errors.cosigned");
    const inCandidate = await trx.selectFrom("candidate_requirements").select("candidate_id").where("requirement_id", "=", id).executeTakeFirst();
    if (inCandidate) throw new AppError("conflict", 409, "requirements:clarify.errors.inCandidate");
    await addEvent(trx, id, actor.userId, "status", { from: r.status, to, reason: question, detail: { clarify: true } });
    await recordAudit(trx, { actorUserId: actor.userId, action: "requirement.clarify", entityType: "requirement", entityId: id });
  });
  await notifyRequirementFollowers(db, id, actor.userId, {
    kind: "status",
    requirementId: id,
    messageKey: "requirements:clarify.notice",
    params: { title: r.title, question },
    link: link(id),
  });
  return { ...r, to };
}

export async function startReview(db: DB, actor: Actor, id: number) {
  return transition(db, actor, id, "review", { check: (r) => can(actor, "triage:requirement") && !r.awaiting_release });
}

export async function rejectRequirement(db: DB, actor: Actor, id: number, reason: string) {
  return transition(db, actor, id, "reject", {
    reason,
    set: { reject_reason: reason },
    check: (r) => can(actor, "triage:requirement") && !r.awaiting_release,
  });
}

/** Corrects topic field, system and legal basis; the timeline records old and new values. */
export async function classifyRequirement(
  db: DB,
  actor: Actor,
  id: number,
  version: number,
  input: { themenfeld: string; system?: string; legalBasis?: string },
) {
  if (!can(actor, "triage:requirement")) throw forbidden();
  const r = await findVisibleRequirement(db, actor, id);
  if (!CLASSIFIABLE.includes(r.status)) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
  const next = { themenfeld: input.themenfeld, system: input.system ?? null, legal_basis: input.legalBasis ?? null };
  const changes = (Object.keys(next) as (keyof typeof next)[])
    .filter((k) => next[k] !== r[k])
    .map((k) => ({ field: FIELD_LABELS[k], from: r[k], to: next[k] }));
  if (changes.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("requirements")
      .set({
        ...next,
        search_text: searchTextOf([r.title, r.problem, r.desired_outcome, next.system, next.legal_basis, r.benefit]),
        updated_at: now(),
        version: version + 1,
      })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "requirements:errors.staleVersion");
    await addEvent(trx, id, actor.userId, "classified", { detail: { changes } });
    await recordAudit(trx, { actorUserId: actor.userId, action: "requirement.classified", entityType: "requirement", entityId: id });
  });
}

/**
 * Marks a requirement as a duplicate of another. Its co-signatures move to the other requirement, and
 * its own organisation becomes a co-signer there, so nobody's demand is lost.
 */
/**
 * The requirement a duplicate would be merged into, as the actor may see it. Refused at the field
 * „targetId“: the requirement itself, a number the actor cannot see (worded like one that does not
 * exist) and a target that cannot take a duplicate (NO_DUPLICATE_TARGET, or waiting for release).
 * The form's preview and markDuplicate both ask here, so they always agree.
 */
async function duplicateTarget(db: DbOrTx, actor: Actor, id: number, targetId: number) {
  if (id === targetId) throw new AppError("invalid", 400, "requirements:errors.duplicateOfSelf", "targetId");
  let target;
  try {
    target = await findVisibleRequirement(db, actor, targetId);
  } catch {
    throw new AppError("invalid", 400, messageWithValues("requirements:errors.targetMissing", { id: targetId }), "targetId");
  }
  if (NO_DUPLICATE_TARGET.includes(target.status) || target.awaiting_release) {
    // The message names why, by i18next's context: targetClosed_draft, …_merged (with the number it went into).
    const context = target.awaiting_release ? "awaiting_release" : target.status;
    const values = { id: targetId, title: target.title, context, ...(target.duplicate_of_id ? { of: target.duplicate_of_id } : {}) };
    throw new AppError("invalid", 400, messageWithValues("requirements:errors.targetClosed", values), "targetId");
  }
  return target;
}

/** What the duplicate form shows for a typed number before „Bestätigen“: the target, or why it cannot be one. */
export async function previewDuplicateTarget(db: DbOrTx, actor: Actor, id: number, targetId: number): Promise<RequirementPreview> {
  if (!can(actor, "triage:requirement")) throw forbidden();
  await findVisibleRequirement(db, actor, id);
  try {
    return previewOf(await duplicateTarget(db, actor, id, targetId));
  } catch (error) {
    if (error instanceof AppError && error.field === "targetId") return { ok: false, message: error.messageKey };
    throw error;
  }
}

/**
 * „Als Dublette markieren“ as the page's form sends it. Merging cannot be undone, so it happens only
 * into the requirement the form has shown (`shownTarget`: the number whose title, organisation and
 * status stood below the field). A number not shown yet (typed and sent before the preview came,
 * or without JavaScript) is answered with that preview at the field instead, and nothing changes;
 * „Bestätigen“ once more merges.
 */
export async function markDuplicateShown(db: DB, actor: Actor, id: number, input: { targetId: number; shownTarget: number | null; reason: string }) {
  if (input.shownTarget !== input.targetId) {
    const preview = await previewDuplicateTarget(db, actor, id, input.targetId);
    if (!preview.ok) throw new AppError("invalid", 400, preview.message, "targetId");
    const r = await findVisibleRequirement(db, actor, id);
    if (!nextStatus(r.status, "merge")) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
    throw new AppError("invalid", 400, "requirements:detail.mergeCheck", "targetId", { details: { preview } });
  }
  return markDuplicate(db, actor, id, input.targetId, input.reason);
}

export async function markDuplicate(db: DB, actor: Actor, id: number, targetId: number, reason: string) {
  if (!can(actor, "triage:requirement")) throw forbidden();
  if (id === targetId) throw new AppError("invalid", 400, "requirements:errors.duplicateOfSelf", "targetId");
  const r = await findVisibleRequirement(db, actor, id);
  const target = await duplicateTarget(db, actor, id, targetId);
  const to = nextStatus(r.status, "merge");
  if (!to) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
  await db.transaction().execute(async (trx) => {
    const t = now();
    const existing = new Set(
      (await trx.selectFrom("endorsements").select("organisation_id").where("requirement_id", "=", targetId).execute()).map((e) => e.organisation_id),
    );
    existing.add(target.organisation_id);
    const moving = await trx.selectFrom("endorsements").selectAll().where("requirement_id", "=", id).execute();
    for (const e of moving) {
      if (existing.has(e.organisation_id)) {
        await trx.deleteFrom("endorsements").where("id", "=", e.id).execute();
      } else {
        await trx.updateTable("endorsements").set({ requirement_id: targetId }).where("id", "=", e.id).execute();
        existing.add(e.organisation_id);
      }
    }
    if (!existing.has(r.organisation_id)) {
      await trx
        .insertInto("endorsements")
        .values({ requirement_id: targetId, organisation_id: r.organisation_id, user_id: r.created_by, quantity: null, comment: null, created_at: t })
        .execute();
    }
    await trx
      .updateTable("requirements")
      .set((eb) => ({ status: to, duplicate_of_id: targetId, updated_at: t, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .execute();
    await addEvent(trx, id, actor.userId, "status", { from: r.status, to, reason, detail: { duplicateOf: targetId } });
    await addEvent(trx, targetId, actor.userId, "merged_in", { reason, detail: { duplicate: id, movedCosignatures: moving.length } });
    await recordAudit(trx, { actorUserId: actor.userId, action: "requirement.merge", entityType: "requirement", entityId: id, detail: { targetId } });
  });
  await notifyRequirementFollowers(db, id, actor.userId, statusNotice(id, r.title, "merged"));
}

export async function cosignRequirement(db: DB, actor: Actor, id: number, input: { quantity?: number; quantityUnit?: QuantityUnit; comment?: string }) {
  if (!can(actor, "cosign:requirement")) throw forbidden();
  // The form's schema says the same; the check here keeps any other caller from storing a bare number.
  if (input.quantityUnit !== undefined && !isQuantityUnit(input.quantityUnit)) throw new AppError("invalid", 400, "requirements:validation.quantityUnit", "quantityUnit");
  const unitIssue = quantityUnitIssue(input);
  if (unitIssue) throw new AppError("invalid", 400, unitIssue.message, unitIssue.path);
  const r = await findVisibleRequirement(db, actor, id);
  if (r.organisation_id === actor.organisationId) throw new AppError("invalid", 400, "requirements:errors.cosignOwn");
  if (!COSIGNABLE.includes(r.status) || r.awaiting_release) throw new AppError("conflict", 409, "requirements:errors.notCosignable");
  const already = await db
    .selectFrom("endorsements")
    .select("id")
    .where("requirement_id", "=", id)
    .where("organisation_id", "=", actor.organisationId)
    .executeTakeFirst();
  if (already) throw new AppError("conflict", 409, "requirements:errors.alreadyCosigned");
  await db.transaction().execute(async (trx) => {
    // Still open for co-signing, checked under the row's lock: a requirement sent back to its
    // municipality meanwhile (a draft, seen by it alone) takes no co-signature.
    const open = await trx
      .updateTable("requirements")
      .set((eb) => ({ status: eb.ref("status") }))
      .where("id", "=", id)
      .where("status", "in", COSIGNABLE)
      .where("awaiting_release", "=", 0)
      .executeTakeFirst();
    if (Number(open.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "requirements:errors.notCosignable");
    await trx
      .insertInto("endorsements")
      .values({
        requirement_id: id,
        organisation_id: actor.organisationId,
        user_id: actor.userId,
        quantity: input.quantity ?? null,
        quantity_unit: input.quantityUnit ?? null,
        comment: input.comment ?? null,
        created_at: now(),
      })
      .execute();
    await addEvent(trx, id, actor.userId, "cosigned", { detail: { organisationId: actor.organisationId } });
  });
  const org = await db.selectFrom("organisations").select("name").where("id", "=", actor.organisationId).executeTakeFirstOrThrow();
  await notifyCosigned(db, actor.userId, { requirementId: id, title: r.title, organisationId: actor.organisationId, organisation: org.name, link: link(id) });
}

export async function withdrawCosignature(db: DB, actor: Actor, id: number) {
  if (!can(actor, "cosign:requirement")) throw forbidden();
  const r = await findVisibleRequirement(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom("endorsements")
      .where("requirement_id", "=", id)
      .where("organisation_id", "=", actor.organisationId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new AppError("conflict", 409, "requirements:errors.notCosigned");
    await addEvent(trx, id, actor.userId, "cosign_withdrawn", { detail: { organisationId: actor.organisationId } });
  });
  const org = await db.selectFrom("organisations").select("name").where("id", "=", actor.organisationId).executeTakeFirstOrThrow();
  await notifyCosignWithdrawn(db, actor.userId, { requirementId: id, title: r.title, organisationId: actor.organisationId, organisation: org.name, link: link(id) });
}

export async function addComment(db: DB, actor: Actor, id: number, body: string) {
  if (!can(actor, "comment:requirement")) throw forbidden();
  consumeRateLimit("comment", actor.userId);
  const r = await findVisibleRequirement(db, actor, id);
  if (!isOpenForComments(r.status)) throw new AppError("conflict", 409, "requirements:errors.closedForComments");
  await db
    .insertInto("comments")
    .values({ requirement_id: id, user_id: actor.userId, organisation_id: actor.organisationId, body, created_at: now() })
    .execute();
  const author = await db.selectFrom("users").select("name").where("id", "=", actor.userId).executeTakeFirstOrThrow();
  await notifyRequirementFollowers(db, id, actor.userId, {
    kind: "comment",
    requirementId: id,
    messageKey: "requirements:notifications.commented",
    params: { title: r.title, author: author.name, authorId: String(actor.userId) },
    link: `${link(id)}#kommentare`,
  });
}

export async function requireOwnDraft(db: DbOrTx, actor: Actor, id: number) {
  const r = await findVisibleRequirement(db, actor, id);
  if (!can(actor, "edit:requirement", { organisationId: r.organisation_id })) throw notFound();
  return r;
}
