import { now, type DB, type DbOrTx, type Tx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { hashPassword, verifyPassword } from "#app/modules/auth/password.server";
import { can, type Actor } from "#app/modules/auth/permissions";
import { createSession, deleteUserSessions } from "#app/modules/auth/session.server";
import { FALLBACK_LANGUAGE } from "#app/modules/i18n/config";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { noticeText } from "#app/modules/notifications/notices";
import { eligibilityBeforeChange, notifyEligibilityLost } from "#app/modules/projects/eligibility.server";
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

/**
 * Everything stored about a person, as JSON for download (GDPR Art. 15/20). Notices carry, beside
 * their key and values, the sentence the person read on the notifications page, in `language`.
 */
export async function exportPersonalData(db: DbOrTx, userId: number, language: string = FALLBACK_LANGUAGE) {
  const user = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.name", "users.email", "users.active", "users.locale", "users.created_at", "users.updated_at", "organisations.name as organisation"])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
  const [roles, requirements, comments, endorsements, notifications, sessions, audit] = await Promise.all([
    db.selectFrom("role_assignments").select(["role", "organisation_id", "team_id", "created_at"]).where("user_id", "=", userId).execute(),
    db.selectFrom("requirements").select(["id", "title", "status", "created_at"]).where("created_by", "=", userId).orderBy("id").execute(),
    db.selectFrom("comments").select(["id", "requirement_id", "body", "created_at"]).where("user_id", "=", userId).orderBy("id").execute(),
    db.selectFrom("endorsements").select(["id", "requirement_id", "quantity", "comment", "created_at"]).where("user_id", "=", userId).orderBy("id").execute(),
    db.selectFrom("notifications").select(["id", "message_key", "params", "link", "created_at", "read_at"]).where("user_id", "=", userId).orderBy("id").execute(),
    db.selectFrom("sessions").select(["created_at", "last_active_at"]).where("user_id", "=", userId).execute(),
    db.selectFrom("audit_log").select(["at", "action", "entity_type", "entity_id"]).where("actor_user_id", "=", userId).orderBy("id").execute(),
  ]);
  // Keys name their namespace ("projects:notifications.approved"); every namespace is loaded.
  const t = await i18nServer.getFixedT(language, "requirements");
  const say = (key: string, options?: Record<string, unknown>) => t(key, options) as string;
  const notices = notifications.map(({ id, message_key, params, ...rest }) => ({
    id,
    message_key,
    params,
    text: noticeText(say, { message_key, params: params ? (JSON.parse(params) as Record<string, string>) : {} }),
    ...rest,
  }));
  return { exportedAt: now(), user: { ...user, active: !!user.active }, roles, requirements, comments, endorsements, notifications: notices, sessions, auditLog: audit };
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
