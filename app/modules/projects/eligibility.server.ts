import { now, type DbOrTx, type Tx } from "#db/client.server";
import { notifyUsers } from "#app/modules/notifications/notifications.server";
import { projectLink, usersWithRole } from "./projects.server";
import { leadChangeOpen, projectIneligibility, type ProjectIneligibility } from "./workflow";

// When a change to a person's roles or account ends their eligibility for project teams, the people
// who keep the teams they are in are told, in the change's own transaction. They stay in the team
// (see projectIneligibility); the notice asks for someone to decide.

const KEYS = { lead: "projects:notifications.leadIneligible", member: "projects:notifications.memberIneligible" } as const;

/** Why a person may not lead or join a project team now (null: they may). */
export async function currentIneligibility(db: DbOrTx, userId: number): Promise<ProjectIneligibility | null> {
  const user = await db.selectFrom("users").select(["active", "password_hash"]).where("id", "=", userId).executeTakeFirst();
  if (!user) return "inactive";
  const roles = await db.selectFrom("role_assignments").select("role").where("user_id", "=", userId).execute();
  return projectIneligibility({ active: Number(user.active) === 1, canSignIn: user.password_hash !== null, roles: roles.map((r) => r.role) });
}

/**
 * The person's eligibility before a change, read at the start of the change's transaction. Touching
 * the row locks it on PostgreSQL, so two changes to the same person are judged one after the other
 * and only the one that ends the eligibility tells anyone.
 */
export async function eligibilityBeforeChange(trx: Tx, userId: number): Promise<ProjectIneligibility | null> {
  await trx.updateTable("users").set({ updated_at: now() }).where("id", "=", userId).execute();
  return currentIneligibility(trx, userId);
}

/**
 * After the change, in the same transaction: if the person qualified before and no longer does, every
 * pending or running project they lead or work in gets a notice naming project, person (by the name
 * they have now, so an anonymised person is named neutrally) and reason. A member's loss goes to the
 * project lead (to management while the project has no active lead), a lead's to management. Not to
 * the person themselves nor to whoever made the change, and not again to anyone who still has the same
 * notice unread (the person lost and regained eligibility in between).
 */
export async function notifyEligibilityLost(trx: Tx, actorUserId: number, userId: number, before: ProjectIneligibility | null) {
  if (before !== null) return;
  const reason = await currentIneligibility(trx, userId);
  if (reason === null) return;
  const projects = (
    await trx
      .selectFrom("projects")
      .leftJoin("users as lead", "lead.id", "projects.lead_user_id")
      .select(["projects.id", "projects.title", "projects.status", "projects.phase", "projects.lead_user_id", "lead.active as leadActive"])
      .where((eb) =>
        eb.or([
          eb("projects.lead_user_id", "=", userId),
          eb("projects.id", "in", eb.selectFrom("project_members").select("project_members.project_id").where("project_members.user_id", "=", userId)),
        ]),
      )
      .orderBy("projects.id")
      .execute()
  ).filter((p) => leadChangeOpen(p.status, p.phase));
  if (projects.length === 0) return;
  const person = await trx.selectFrom("users").select("name").where("id", "=", userId).executeTakeFirstOrThrow();
  let management: number[] | undefined;
  const managementIds = async () => (management ??= (await usersWithRole(trx, "management")).map((u) => u.id));
  for (const p of projects) {
    const asLead = p.lead_user_id === userId;
    const toLead = !asLead && p.lead_user_id !== null && Number(p.leadActive) === 1;
    const recipients = (toLead ? [p.lead_user_id!] : await managementIds()).filter((id) => id !== userId && id !== actorUserId);
    const messageKey = asLead ? KEYS.lead : KEYS.member;
    const link = projectLink(p.id);
    const params = { project: p.title, name: person.name, reason, personId: String(userId) };
    const unread = recipients.length
      ? await trx
          .selectFrom("notifications")
          .select(["user_id", "params"])
          .where("message_key", "=", messageKey)
          .where("link", "=", link)
          .where("read_at", "is", null)
          .where("user_id", "in", recipients)
          .execute()
      : [];
    const alreadyTold = new Set(
      unread
        .filter((n) => {
          const q = n.params ? (JSON.parse(n.params) as Record<string, string>) : {};
          return q.personId === params.personId && q.reason === reason;
        })
        .map((n) => n.user_id),
    );
    await notifyUsers(
      trx,
      recipients.filter((id) => !alreadyTold.has(id)),
      { kind: "project", requirementId: null, messageKey, params, link },
    );
  }
}
