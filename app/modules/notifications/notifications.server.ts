import { now, type DbOrTx } from "#db/client.server";

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
 * And not to anyone who still has an unread
 * notice of the same organisation co-signing the same requirement: withdrawing and co-signing again
 * (perhaps repeatedly) would otherwise pile up identical notices. The earlier notice stays as it was
 * (not moved up), since what it says is true again and the timeline shows the back and forth. Once a
 * recipient has read it, a later co-sign is news to them and notifies again.
 */
export async function notifyCosigned(db: DbOrTx, actorUserId: number | null, notice: CosignNotice) {
  const followers = await requirementFollowerIds(db, notice.requirementId, actorUserId, notice.organisationId);
  if (followers.length === 0) return;
  const unread = await db
    .selectFrom("notifications")
    .select(["user_id", "params"])
    .where("kind", "=", "cosign")
    .where("requirement_id", "=", notice.requirementId)
    .where("read_at", "is", null)
    .where("user_id", "in", followers)
    .execute();
  const sameOrganisation = (params: string | null) => {
    const p = params ? (JSON.parse(params) as Record<string, string>) : {};
    // Notices written before they carried the organisation's id name it only.
    return p.organisationId === undefined ? p.organisation === notice.organisation : p.organisationId === String(notice.organisationId);
  };
  const alreadyTold = new Set(unread.filter((n) => sameOrganisation(n.params)).map((n) => n.user_id));
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

/** Marks one (or, without id, all) of the user's own notifications read; other users' rows are untouched. */
export async function markRead(db: DbOrTx, userId: number, id?: number) {
  let q = db.updateTable("notifications").set({ read_at: now() }).where("user_id", "=", userId).where("read_at", "is", null);
  if (id !== undefined) q = q.where("id", "=", id);
  await q.execute();
}
