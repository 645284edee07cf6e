import { now, type DbOrTx } from "#db/client.server";
import { safeRedirect } from "#app/modules/auth/schema";
import { notFound } from "#app/utils/errors.server";

export interface NotificationInput {
  kind: string;
  requirementId: number | null;
  messageKey: string;
  params: Record<string, string>;
  link: string;
}

/**
 * Notifies the people who follow a requirement: the members of the filing organisation and of every
 * co-signing organisation (staff and leads), except the person who caused it.
 */
export async function notifyRequirementFollowers(db: DbOrTx, requirementId: number, actorUserId: number | null, n: NotificationInput) {
  await notifyUsers(db, await requirementFollowerIds(db, requirementId, actorUserId), n);
}

async function requirementFollowerIds(db: DbOrTx, requirementId: number, actorUserId: number | null, exceptOrganisationId?: number): Promise<number[]> {
  const req = await db.selectFrom("requirements").select(["organisation_id"]).where("id", "=", requirementId).executeTakeFirst();
  if (!req) return [];
  const endorsers = await db.selectFrom("endorsements").select("organisation_id").where("requirement_id", "=", requirementId).execute();
  const orgIds = [...new Set([req.organisation_id, ...endorsers.map((e) => e.organisation_id)])].filter((id) => id !== exceptOrganisationId);
  return (await organisationMemberIds(db, orgIds)).filter((id) => id !== actorUserId);
}

export interface CosignNotice {
  requirementId: number;
  title: string;
  organisationId: number;
  organisation: string;
  link: string;
}

/**
 * "X hat „…“ mitgezeichnet" to the requirement's followers: the filing organisation and the other
 * co-signing ones. Not to X's own members: the co-signature is their organisation's own step, taken
 * for them by a colleague (the requirement page and the start page show it), not news from others.
 * A withdrawal deletes the notice while unread (see notifyCosignWithdrawn), so a co-sign after one is
 * announced afresh. An unread notice of the same co-signature that is still there (one left by a
 * withdrawal before withdrawals cancelled it) is not repeated.
 */
export async function notifyCosigned(db: DbOrTx, actorUserId: number | null, notice: CosignNotice) {
  const followers = await requirementFollowerIds(db, notice.requirementId, actorUserId, notice.organisationId);
  if (followers.length === 0) return;
  const unread = (await cosignNoticesOf(db, notice)).filter((n) => n.read_at === null);
  const alreadyTold = new Set(unread.map((n) => n.user_id));
  await notifyUsers(
    db,
    followers.filter((id) => !alreadyTold.has(id)),
    {
      kind: "cosign",
      requirementId: notice.requirementId,
      messageKey: "requirements:notifications.cosigned",
      params: { title: notice.title, organisation: notice.organisation, organisationId: String(notice.organisationId) },
      link: notice.link,
    },
  );
}

/**
 * An organisation withdrew its co-signature. Whoever has the co-sign notice still unread loses it:
 * co-sign and withdrawal cancel out, and nothing new is said. Whoever read it (and still follows the
 * requirement, outside the withdrawing organisation) is told "X hat die Mitzeichnung von „…“
 * zurückgezogen". Called after the withdrawal's commit; should the organisation have co-signed again
 * meanwhile, the notices are true again and stay.
 */
export async function notifyCosignWithdrawn(db: DbOrTx, actorUserId: number | null, notice: CosignNotice) {
  const again = await db
    .selectFrom("endorsements")
    .select("id")
    .where("requirement_id", "=", notice.requirementId)
    .where("organisation_id", "=", notice.organisationId)
    .executeTakeFirst();
  if (again) return;
  const told = await cosignNoticesOf(db, notice);
  const unread = told.filter((n) => n.read_at === null);
  if (unread.length > 0) {
    await db
      .deleteFrom("notifications")
      .where("id", "in", unread.map((n) => n.id))
      .execute();
  }
  // A reader with an unread notice too (of a later co-sign) never saw this co-signature.
  const cancelled = new Set(unread.map((n) => n.user_id));
  const readers = new Set(told.filter((n) => n.read_at !== null && !cancelled.has(n.user_id)).map((n) => n.user_id));
  if (readers.size === 0) return;
  const followers = await requirementFollowerIds(db, notice.requirementId, actorUserId, notice.organisationId);
  await notifyUsers(
    db,
    followers.filter((id) => readers.has(id)),
    {
      kind: "cosign_withdrawn",
      requirementId: notice.requirementId,
      messageKey: "requirements:notifications.cosignWithdrawn",
      params: { title: notice.title, organisation: notice.organisation, organisationId: String(notice.organisationId) },
      link: notice.link,
    },
  );
}

/**
 * Everyone's notices of this organisation co-signing this requirement. The organisation is matched by
 * its id in the params; notices written before they carried the id name the organisation only.
 */
async function cosignNoticesOf(db: DbOrTx, notice: CosignNotice) {
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "user_id", "params", "read_at"])
    .where("kind", "=", "cosign")
    .where("requirement_id", "=", notice.requirementId)
    .execute();
  return rows.filter((n) => {
    const p = n.params ? (JSON.parse(n.params) as Record<string, string>) : {};
    return p.organisationId === undefined ? p.organisation === notice.organisation : p.organisationId === String(notice.organisationId);
  });
}

/** Active staff and leads (member_staff, member_lead) of the given organisations: who hears of their matters. */
export async function organisationMemberIds(db: DbOrTx, organisationIds: number[]): Promise<number[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .select("users.id")
    .distinct()
    .where("users.organisation_id", "in", organisationIds)
    .where("users.active", "=", 1)
    .where("role_assignments.role", "in", ["member_staff", "member_lead"])
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Active leads (member_lead) who may release the organisation's submissions: their lead role belongs
 * to it (as can() reads it: the role's organisation, else the user's own).
 */
export async function organisationLeadIds(db: DbOrTx, organisationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .select("users.id")
    .distinct()
    .where("users.active", "=", 1)
    .where("role_assignments.role", "=", "member_lead")
    .where((eb) =>
      eb.or([
        eb("role_assignments.organisation_id", "=", organisationId),
        eb.and([eb("role_assignments.organisation_id", "is", null), eb("users.organisation_id", "=", organisationId)]),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** The leads' task „… wartet auf Ihre Freigabe“; resolved once the submission is released, returned or withdrawn. */
export const AWAITING_RELEASE_NOTICE = "requirements:notifications.awaitingRelease";

/**
 * A submission of the organisation waits for release: every active lead of it is asked to release or
 * return it — except the submitter, should she be a lead herself (she knows, and may release it at once).
 */
export async function notifyAwaitingRelease(db: DbOrTx, requirementId: number, submitterUserId: number) {
  const r = await db
    .selectFrom("requirements")
    .select(["title", "organisation_id", "awaiting_release"])
    .where("id", "=", requirementId)
    .executeTakeFirst();
  if (!r?.awaiting_release) return;
  const submitter = await db.selectFrom("users").select("name").where("id", "=", submitterUserId).executeTakeFirst();
  const leads = (await organisationLeadIds(db, r.organisation_id)).filter((id) => id !== submitterUserId);
  await notifyUsers(db, leads, {
    kind: "release",
    requirementId,
    messageKey: AWAITING_RELEASE_NOTICE,
    params: { title: r.title, author: submitter?.name ?? "" },
    link: `/anforderungen/${requirementId}`,
  });
}

export async function notifyUsers(db: DbOrTx, userIds: number[], n: NotificationInput) {
  if (userIds.length === 0) return;
  const t = now();
  await db
    .insertInto("notifications")
    .values(
      userIds.map((user_id) => ({
        user_id,
        kind: n.kind,
        requirement_id: n.requirementId,
        message_key: n.messageKey,
        params: JSON.stringify(n.params),
        link: n.link,
        created_at: t,
        read_at: null,
      })),
    )
    .execute();
}

export async function unreadCount(db: DbOrTx, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(db: DbOrTx, userId: number, limit = 100) {
  const rows = await db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, params: r.params ? (JSON.parse(r.params) as Record<string, string>) : {} }));
}

/**
 * A notice that asks for a step ("… wartet auf Ihre Freigabe") is done once the step is taken or no
 * longer needed: the unread ones of that message about that record (its link) are marked read, for
 * the given users or, without them, for everyone who has one.
 */
export async function resolveNotices(db: DbOrTx, target: { messageKey: string; link: string; userIds?: number[] }) {
  if (target.userIds?.length === 0) return;
  let q = db.updateTable("notifications").set({ read_at: now() }).where("message_key", "=", target.messageKey).where("link", "=", target.link).where("read_at", "is", null);
  if (target.userIds) q = q.where("user_id", "in", target.userIds);
  await q.execute();
}

/**
 * Opening a notice from the notifications page: the owner's notice is marked read and its link
 * returned, if it is a path of this site (never another host); someone else's notice is not found.
 */
export async function openNotice(db: DbOrTx, userId: number, id: number): Promise<{ link: string | null }> {
  const notice = await db.selectFrom("notifications").select(["id", "link"]).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  if (!notice) throw notFound();
  await markRead(db, userId, id);
  return { link: safeRedirect(notice.link, "") || null };
}

/** Marks one (or, without id, all) of the user's own notifications read; other users' rows are untouched. */
export async function markRead(db: DbOrTx, userId: number, id?: number) {
  let q = db.updateTable("notifications").set({ read_at: now() }).where("user_id", "=", userId).where("read_at", "is", null);
  if (id !== undefined) q = q.where("id", "=", id);
  await q.execute();
}
