import { now, type DB, type DbOrTx, type Tx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { hashPassword, verifyPassword } from "#app/modules/auth/password.server";
import { can, ROLES, type Actor } from "#app/modules/auth/permissions";
import { CANDIDATE_STATUSES } from "#app/modules/bundling/schema";
import { createSession, deleteUserSessions } from "#app/modules/auth/session.server";
import { FALLBACK_LANGUAGE } from "#app/modules/i18n/config";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { noticeText } from "#app/modules/notifications/notices";
import { eligibilityBeforeChange, notifyEligibilityLost } from "#app/modules/projects/eligibility.server";
import { PROJECT_STATUSES } from "#app/modules/projects/workflow";
import { QUANTITY_UNITS } from "#app/modules/requirements/schema";
import { REQUIREMENT_STATUSES } from "#app/modules/requirements/workflow";
import { refuseIfAnonymised } from "#app/modules/users/users.server";
import { AppError, forbidden, notFound } from "#app/utils/errors.server";

/** Changes the own password; every session ends and the caller gets a fresh one. */
export async function changePassword(db: DB, userId: number, current: string, next: string) {
  const user = await db.selectFrom("users").select(["password_hash"]).where("id", "=", userId).executeTakeFirstOrThrow();
  if (!user.password_hash || !(await verifyPassword(user.password_hash, current))) {
    throw new AppError("invalid", 400, "auth:account.wrongCurrent", "current");
  }
  const passwordHash = await hashPassword(next);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: now() }).where("id", "=", userId).execute();
    await deleteUserSessions(trx, userId);
    await recordAudit(trx, { actorUserId: userId, action: "user.password_changed", entityType: "user", entityId: userId });
    return createSession(trx, userId);
  });
}

type Rows = Promise<Record<string, unknown>[]>;
interface Section {
  /** The column (table.column) that points at the person. */
  column: string;
  load: (db: DbOrTx, userId: number) => Rows;
}

/**
 * Every column that points at a person, and the part of the export that shows the rows behind it.
 * Other people appear only by id; titles give the context. tests/integration/personal-data-export.test.ts
 * fails when a table gains a person column that is neither here nor in NOT_EXPORTED.
 */
const SECTIONS = {
  roles: {
    column: "role_assignments.user_id",
    load: (db, id) => db.selectFrom("role_assignments").select(["role", "organisation_id", "team_id", "created_at"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  sessions: {
    column: "sessions.user_id",
    load: (db, id) => db.selectFrom("sessions").select(["created_at", "last_active_at"]).where("user_id", "=", id).orderBy("created_at").execute(),
  },
  // When links were made and used; the secret's hash stays out.
  setupLinks: {
    column: "password_tokens.user_id",
    load: (db, id) => db.selectFrom("password_tokens").select(["purpose", "created_at", "expires_at", "used_at"]).where("user_id", "=", id).orderBy("created_at").execute(),
  },
  auditLog: {
    column: "audit_log.actor_user_id",
    load: (db, id) => db.selectFrom("audit_log").select(["at", "action", "entity_type", "entity_id"]).where("actor_user_id", "=", id).orderBy("id").execute(),
  },
  feedbackSent: {
    column: "accessibility_feedback.user_id",
    load: (db, id) =>
      db.selectFrom("accessibility_feedback").select(["id", "created_at", "name", "email", "page", "message", "handled", "handled_at", "handled_note"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  // The feedback's sender and message are someone else's; the person's own part is the handling.
  feedbackHandled: {
    column: "accessibility_feedback.handled_by",
    load: (db, id) => db.selectFrom("accessibility_feedback").select(["id", "handled_at", "handled_note"]).where("handled_by", "=", id).orderBy("id").execute(),
  },
  requirements: {
    column: "requirements.created_by",
    load: (db, id) => db.selectFrom("requirements").select(["id", "title", "status", "created_at"]).where("created_by", "=", id).orderBy("id").execute(),
  },
  requirementSteps: {
    column: "requirement_events.actor_user_id",
    load: (db, id) =>
      db.selectFrom("requirement_events").select(["requirement_id", "at", "kind", "from_status", "to_status", "reason"]).where("actor_user_id", "=", id).orderBy("id").execute(),
  },
  endorsements: {
    column: "endorsements.user_id",
    load: (db, id) => db.selectFrom("endorsements").select(["id", "requirement_id", "quantity", "quantity_unit", "comment", "created_at"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  comments: {
    column: "comments.user_id",
    load: (db, id) => db.selectFrom("comments").select(["id", "requirement_id", "body", "created_at"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  attachments: {
    column: "attachments.uploaded_by",
    load: (db, id) => db.selectFrom("attachments").select(["id", "requirement_id", "original_name", "mime_type", "size_bytes", "created_at"]).where("uploaded_by", "=", id).orderBy("created_at").execute(),
  },
  notifications: {
    column: "notifications.user_id",
    load: (db, id) => db.selectFrom("notifications").select(["id", "message_key", "params", "link", "created_at", "read_at"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  candidatesCreated: {
    column: "candidates.created_by",
    load: (db, id) => db.selectFrom("candidates").select(["id", "title", "created_at"]).where("created_by", "=", id).orderBy("id").execute(),
  },
  candidateRequirementsAdded: {
    column: "candidate_requirements.added_by",
    load: (db, id) => db.selectFrom("candidate_requirements").select(["candidate_id", "requirement_id", "added_at"]).where("added_by", "=", id).orderBy("added_at").execute(),
  },
  candidateRequirementsExcluded: {
    column: "candidate_exclusions.excluded_by",
    load: (db, id) => db.selectFrom("candidate_exclusions").select(["candidate_id", "requirement_id", "created_at"]).where("excluded_by", "=", id).orderBy("created_at").execute(),
  },
  candidateSteps: {
    column: "candidate_events.actor_user_id",
    load: (db, id) => db.selectFrom("candidate_events").select(["candidate_id", "at", "kind"]).where("actor_user_id", "=", id).orderBy("id").execute(),
  },
  candidateMerges: {
    column: "candidate_merges.merged_by",
    load: (db, id) => db.selectFrom("candidate_merges").select(["candidate_id", "merged_into_id", "title", "merged_at"]).where("merged_by", "=", id).orderBy("merged_at").execute(),
  },
  proposalsDismissed: {
    column: "dismissed_proposals.dismissed_by",
    load: (db, id) => db.selectFrom("dismissed_proposals").select(["requirement_key", "dismissed_at"]).where("dismissed_by", "=", id).orderBy("id").execute(),
  },
  candidateComments: {
    column: "candidate_comments.user_id",
    load: (db, id) => db.selectFrom("candidate_comments").select(["id", "candidate_id", "body", "created_at"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  workshopsCreated: {
    column: "workshops.created_by",
    load: (db, id) => db.selectFrom("workshops").select(["id", "title", "scheduled_at", "created_at"]).where("created_by", "=", id).orderBy("id").execute(),
  },
  workshopsModerated: {
    column: "workshops.moderator_user_id",
    load: (db, id) => db.selectFrom("workshops").select(["id", "title", "scheduled_at", "started_at", "ended_at"]).where("moderator_user_id", "=", id).orderBy("id").execute(),
  },
  workshopParticipations: {
    column: "workshop_participants.user_id",
    load: (db, id) =>
      db
        .selectFrom("workshop_participants")
        .innerJoin("workshops", "workshops.id", "workshop_participants.workshop_id")
        .select(["workshop_participants.workshop_id", "workshops.title", "workshops.scheduled_at", "workshop_participants.role", "workshop_participants.attended", "workshop_participants.invited_at"])
        .where("workshop_participants.user_id", "=", id)
        .orderBy("workshop_participants.workshop_id")
        .execute(),
  },
  workshopScores: {
    column: "workshop_scores.user_id",
    load: (db, id) =>
      db
        .selectFrom("workshop_scores")
        .innerJoin("workshop_items", "workshop_items.id", "workshop_scores.item_id")
        .innerJoin("candidates", "candidates.id", "workshop_items.candidate_id")
        .innerJoin("workshop_criteria", "workshop_criteria.id", "workshop_scores.criterion_id")
        .select([
          "workshop_items.workshop_id",
          "workshop_items.candidate_id",
          "candidates.title as candidate",
          "workshop_criteria.name as criterion",
          "workshop_scores.value",
          "workshop_scores.in_advance",
          "workshop_scores.created_at",
          "workshop_scores.updated_at",
        ])
        .where("workshop_scores.user_id", "=", id)
        .orderBy("workshop_scores.id")
        .execute(),
  },
  workshopDecisions: {
    column: "workshop_items.decided_by",
    load: (db, id) =>
      db.selectFrom("workshop_items").select(["workshop_id", "candidate_id", "decision", "rationale", "decided_at"]).where("decided_by", "=", id).orderBy("id").execute(),
  },
  projectsCreated: {
    column: "projects.created_by",
    load: (db, id) => db.selectFrom("projects").select(["id", "title", "created_at"]).where("created_by", "=", id).orderBy("id").execute(),
  },
  projectsLed: {
    column: "projects.lead_user_id",
    load: (db, id) => db.selectFrom("projects").select(["id", "title", "status", "phase"]).where("lead_user_id", "=", id).orderBy("id").execute(),
  },
  projectTeams: {
    column: "project_members.user_id",
    load: (db, id) =>
      db
        .selectFrom("project_members")
        .innerJoin("projects", "projects.id", "project_members.project_id")
        .select(["project_members.project_id", "projects.title", "project_members.role", "project_members.created_at"])
        .where("project_members.user_id", "=", id)
        .orderBy("project_members.id")
        .execute(),
  },
  projectApprovals: {
    column: "project_approvals.user_id",
    load: (db, id) => db.selectFrom("project_approvals").select(["project_id", "created_at"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  boardVotes: {
    column: "board_votes.user_id",
    load: (db, id) => db.selectFrom("board_votes").select(["project_id", "vote", "created_at"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  boardComments: {
    column: "board_comments.user_id",
    load: (db, id) => db.selectFrom("board_comments").select(["id", "project_id", "body", "created_at"]).where("user_id", "=", id).orderBy("id").execute(),
  },
  projectSteps: {
    column: "project_events.actor_user_id",
    load: (db, id) =>
      db.selectFrom("project_events").select(["project_id", "at", "kind", "from_value", "to_value", "reason"]).where("actor_user_id", "=", id).orderBy("id").execute(),
  },
  milestonesCreated: {
    column: "milestones.created_by",
    load: (db, id) => db.selectFrom("milestones").select(["id", "project_id", "title", "start_date", "end_date", "created_at"]).where("created_by", "=", id).orderBy("id").execute(),
  },
  statusReports: {
    column: "status_reports.author_user_id",
    load: (db, id) => db.selectFrom("status_reports").select(["id", "project_id", "health", "note", "created_at"]).where("author_user_id", "=", id).orderBy("id").execute(),
  },
  rolloutUpdates: {
    column: "rollouts.updated_by",
    load: (db, id) => db.selectFrom("rollouts").select(["project_id", "organisation_id", "status", "updated_at"]).where("updated_by", "=", id).orderBy("project_id").execute(),
  },
} satisfies Record<string, Section>;

/** Person columns the export leaves out on purpose, each with the reason. */
export const NOT_EXPORTED: Record<string, string> = {};

/** table.column → export key, for the completeness test. */
export const EXPORTED_COLUMNS: Record<string, string> = Object.fromEntries(Object.entries(SECTIONS).map(([key, s]) => [s.column, key]));

type SectionRows = { [K in keyof typeof SECTIONS]: Awaited<ReturnType<(typeof SECTIONS)[K]["load"]>> };

/**
 * Everything stored about a person, as JSON for download (GDPR Art. 15/20): the account, and every row
 * that points at them (SECTIONS), plus what the audit log says was done to their account. Notices carry,
 * beside their key and values, the sentence the person read on the notifications page, in `language`.
 */
export async function exportPersonalData(db: DbOrTx, userId: number, language: string = FALLBACK_LANGUAGE) {
  const user = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.name", "users.email", "users.active", "users.locale", "users.created_at", "users.updated_at", "users.anonymised_at", "organisations.name as organisation"])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
  // One after the other: on PostgreSQL a transaction runs its queries on one connection anyway.
  const sections = {} as SectionRows;
  for (const [key, section] of Object.entries(SECTIONS) as [keyof SectionRows, Section][]) {
    (sections as Record<string, unknown>)[key] = await section.load(db, userId);
  }
  const auditAboutAccount = await db
    .selectFrom("audit_log")
    .select(["at", "action", "actor_user_id"])
    .where("entity_type", "=", "user")
    .where("entity_id", "=", String(userId))
    .orderBy("id")
    .execute();
  // Keys name their namespace ("projects:notifications.approved"); every namespace is loaded.
  const t = await i18nServer.getFixedT(language, "requirements");
  const say = (key: string, options?: Record<string, unknown>) => t(key, options) as string;
  const notices = sections.notifications.map(({ id, message_key, params, ...rest }) => ({
    id,
    message_key,
    params,
    text: noticeText(say, { message_key, params: params ? (JSON.parse(params) as Record<string, string>) : {} }),
    ...rest,
  }));
  return {
    exportedAt: now(),
    // For a reader without the codebook: what the file holds and what the stored codes mean, in `language`.
    about: say("admin:export.about"),
    codes: exportCodes(say),
    user: { ...user, active: !!user.active },
    ...sections,
    notifications: notices,
    auditAboutAccount,
  };
}

/** The codes the export's rows carry (roles, statuses, units), each with its name in the export's language. */
function exportCodes(say: (key: string) => string) {
  const names = <T extends string>(codes: readonly T[], key: (code: T) => string) => Object.fromEntries(codes.map((c) => [c, say(key(c))]));
  return {
    role: names(ROLES, (r) => `common:roles.${r}`),
    requirementStatus: names(REQUIREMENT_STATUSES, (s) => `requirements:status.${s}`),
    candidateStatus: names(CANDIDATE_STATUSES, (s) => `bundling:status.${s}`),
    projectStatus: names(PROJECT_STATUSES, (s) => `projects:status.${s}`),
    quantityUnit: names(QUANTITY_UNITS, (u) => `requirements:detail.quantityUnit.${u}`),
  };
}

/**
 * A person's export downloaded by the administration (e.g. for a deactivated person who asks the
 * association for their data). Admins only; every download is in the audit log.
 */
export async function exportUserDataForAdmin(db: DB, actor: Actor, userId: number, language: string = FALLBACK_LANGUAGE) {
  if (!can(actor, "admin:users")) throw forbidden();
  const exists = await db.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
  if (!exists) throw notFound();
  return db.transaction().execute(async (trx) => {
    const payload = await exportPersonalData(trx, userId, language);
    await recordAudit(trx, { actorUserId: actor.userId, action: "user.data_exported_by_admin", entityType: "user", entityId: userId });
    return payload;
  });
}

/**
 * Removes a person's name and e-mail everywhere; what they filed stays with their organisation under a
 * neutral author name. Sessions and open links end; the account cannot sign in again.
 */
export async function anonymiseUser(db: DB, actor: Actor, userId: number) {
  if (!can(actor, "admin:users")) throw forbidden();
  if (userId === actor.userId) throw new AppError("conflict", 409, "admin:users.cannotAnonymiseSelf");
  const user = await db.selectFrom("users").select(["id", "email", "name", "anonymised_at"]).where("id", "=", userId).executeTakeFirst();
  if (!user) throw notFound();
  // Once is final; a second run would only move the marker's date.
  refuseIfAnonymised(user);
  const neutralName = `Ehemalige Person ${userId}`;
  const t = now();
  await db.transaction().execute(async (trx) => {
    const before = await eligibilityBeforeChange(trx, userId);
    const res = await trx
      .updateTable("users")
      // The version moves too, so an edit form loaded before cannot bring the name and e-mail back.
      .set((eb) => ({
        name: neutralName,
        email: `anonymisiert-${userId}@invalid`,
        password_hash: null,
        active: 0,
        locale: null,
        updated_at: t,
        anonymised_at: t,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", userId)
      .where("anonymised_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "admin:users.anonymisedFinal");
    await deleteUserSessions(trx, userId);
    await trx.deleteFrom("password_tokens").where("user_id", "=", userId).execute();
    await trx.deleteFrom("login_throttle").where("key", "=", `account:${user.email}`).execute();
    await trx.deleteFrom("notifications").where("user_id", "=", userId).execute();
    await trx.deleteFrom("role_assignments").where("user_id", "=", userId).execute();
    await trx.updateTable("accessibility_feedback").set({ name: null, email: null }).where("user_id", "=", userId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "user.anonymised", entityType: "user", entityId: userId });
    // Read after the update: project leads and management are told of the neutral name only.
    await notifyEligibilityLost(trx, actor.userId, userId, before);
    await renameInNotices(trx, userId, user.name, neutralName);
    await dropNamesFromProjectHistory(trx, userId);
  });
}

/**
 * Notices to other people that named the person (who commented, who took over a project's lead, who
 * stopped qualifying for a team) name them neutrally from now on. A notice carries the person's id
 * beside the name; notices written before the id was kept are matched by the name.
 */
const NAMED_IN_NOTICES = [
  { idKey: "personId", nameKey: "name" },
  { idKey: "authorId", nameKey: "author" },
] as const;

async function renameInNotices(trx: Tx, userId: number, formerName: string, neutralName: string) {
  const id = String(userId);
  const rows = await trx
    .selectFrom("notifications")
    .select(["id", "params"])
    .where((eb) =>
      eb.or([
        ...NAMED_IN_NOTICES.map((k) => eb("params", "like", `%"${k.idKey}":"${id}"%`)),
        eb("params", "like", jsonLikePattern(formerName)),
      ]),
    )
    .execute();
  for (const row of rows) {
    const params = JSON.parse(row.params ?? "{}") as Record<string, string>;
    let changed = false;
    for (const { idKey, nameKey } of NAMED_IN_NOTICES) {
      const names = params[idKey] === id || (params[idKey] === undefined && params[nameKey] === formerName);
      if (names && params[nameKey] !== undefined) {
        params[nameKey] = neutralName;
        changed = true;
      }
    }
    if (changed) await trx.updateTable("notifications").set({ params: JSON.stringify(params) }).where("id", "=", row.id).execute();
  }
}

/** Project histories read names when shown; entries written before that kept a copy, which goes. */
async function dropNamesFromProjectHistory(trx: Tx, userId: number) {
  const rows = await trx
    .selectFrom("project_events")
    .select(["id", "detail"])
    .where("kind", "in", ["member_added", "member_removed"])
    .where("detail", "like", `%"userId":${userId}%`)
    .execute();
  for (const row of rows) {
    const detail = JSON.parse(row.detail ?? "{}") as Record<string, unknown>;
    if (detail.userId !== userId || !("name" in detail)) continue;
    delete detail.name;
    await trx.updateTable("project_events").set({ detail: JSON.stringify(detail) }).where("id", "=", row.id).execute();
  }
}

/**
 * A LIKE pattern that finds the text as JSON stores it. `%` and `_` in it only widen the search (the rows
 * are checked exactly afterwards); a backslash, an escape character in PostgreSQL's LIKE, becomes `_`.
 */
function jsonLikePattern(text: string): string {
  return `%${JSON.stringify(text).slice(1, -1).replace(/\\/g, "_")}%`;
}
