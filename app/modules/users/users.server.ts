import { ilike, now, type DB, type DbOrTx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { createPasswordToken } from "#app/modules/auth/auth.server";
import { assignableRoles, can, hasRole, mayManageUser, OFFICE_KIND, roleNeedsOffice, roleScope, type Actor, type Role } from "#app/modules/auth/permissions";
import { deleteUserSessions } from "#app/modules/auth/session.server";
import { sortGerman } from "#app/modules/organisations/order";
import { eligibilityBeforeChange, notifyEligibilityLost } from "#app/modules/projects/eligibility.server";
import { AppError, forbidden, notFound } from "#app/utils/errors.server";

export const PAGE_SIZE = 50;

/** Admins see every user; organisation leads only their own organisation's. */
function scopeUsers(actor: Actor) {
  return hasRole(actor, "admin") ? null : actor.organisationId;
}

export async function listUsers(db: DbOrTx, actor: Actor, filter: { q?: string; organisationId?: number; page?: number }) {
  if (!can(actor, "manage:users", { organisationId: actor.organisationId }) && !can(actor, "admin:users")) throw forbidden();
  const orgScope = scopeUsers(actor);
  let query = db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.name", "users.email", "users.active", "users.anonymised_at", "organisations.name as organisationName", "users.organisation_id"]);
  if (orgScope !== null) query = query.where("users.organisation_id", "=", orgScope);
  else if (filter.organisationId) query = query.where("users.organisation_id", "=", filter.organisationId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([ilike(db, "users.name", q), ilike(db, "users.email", q)]));
  }
  const page = Math.max(1, filter.page ?? 1);
  // German order (Ä with A, lower case with upper) on both databases: the names of all matching
  // accounts are sorted here, then the page is read by id. An association has at most a few thousand
  // accounts: with 5,000 a page took 25–60 ms on both databases (sorting 6–13 ms; SQL's paged ORDER BY
  // 10–20 ms), cheaper than a stored key kept up to date wherever a name changes (anonymisation too).
  const ordered = sortGerman(await query.clearSelect().select(["users.id", "users.name"]).orderBy("users.id").execute(), (u) => u.name);
  const countRow = { n: ordered.length };
  const pageIds = ordered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((u) => u.id);
  const byId = new Map((pageIds.length ? await query.where("users.id", "in", pageIds).execute() : []).map((r) => [r.id, r]));
  const rows = pageIds.flatMap((id) => byId.get(id) ?? []);
  const ids = rows.map((r) => r.id);
  const roles = ids.length
    ? await db.selectFrom("role_assignments").select(["user_id", "role"]).where("user_id", "in", ids).execute()
    : [];
  return {
    total: Number(countRow.n),
    page,
    pageSize: PAGE_SIZE,
    users: rows.map((r) => {
      const own = roles.filter((x) => x.user_id === r.id).map((x) => x.role as Role);
      // A lead sees everybody of the organisation but changes only accounts without higher roles.
      // An anonymised account reads as such (its page shows it read-only, with the data export).
      const { anonymised_at, ...rest } = r;
      return { ...rest, active: !!r.active, anonymised: anonymised_at !== null, roles: own, manageable: mayManageUser(actor, { organisationId: r.organisation_id, roles: own }) };
    }),
  };
}

async function loadManagedUser(db: DbOrTx, actor: Actor, userId: number) {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!user) throw notFound();
  if (!can(actor, "manage:users", { organisationId: user.organisation_id })) throw notFound();
  const roles = await db.selectFrom("role_assignments").select("role").where("user_id", "=", userId).execute();
  if (!mayManageUser(actor, { organisationId: user.organisation_id, roles: roles.map((r) => r.role as Role) })) throw forbidden();
  return user;
}

/** An anonymised account is final: nothing may put a person (a name, an address, a role, a sign-in) behind it again. */
export function refuseIfAnonymised(user: { anonymised_at: string | null }) {
  if (user.anonymised_at !== null) throw new AppError("conflict", 409, "admin:users.anonymisedFinal");
}

/** The same check inside the change's transaction (after the row lock), for an anonymisation in between. */
async function refuseIfAnonymisedNow(trx: DbOrTx, userId: number) {
  const row = await trx.selectFrom("users").select("anonymised_at").where("id", "=", userId).executeTakeFirstOrThrow();
  refuseIfAnonymised(row);
}

/** A managed user who can still be changed (not anonymised). */
async function loadChangeableUser(db: DbOrTx, actor: Actor, userId: number) {
  const user = await loadManagedUser(db, actor, userId);
  refuseIfAnonymised(user);
  return user;
}

export async function getUserDetail(db: DbOrTx, actor: Actor, userId: number) {
  const user = await loadManagedUser(db, actor, userId);
  const roles = await db
    .selectFrom("role_assignments")
    .leftJoin("organisations", "organisations.id", "role_assignments.organisation_id")
    .leftJoin("teams", "teams.id", "role_assignments.team_id")
    .select([
      "role_assignments.id",
      "role_assignments.role",
      "role_assignments.organisation_id",
      "role_assignments.team_id",
      "organisations.name as organisationName",
      "teams.name as teamName",
    ])
    .where("role_assignments.user_id", "=", userId)
    .orderBy("role_assignments.id")
    .execute();
  const org = await db.selectFrom("organisations").select("name").where("id", "=", user.organisation_id).executeTakeFirstOrThrow();
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    organisationId: user.organisation_id,
    organisationName: org.name,
    active: !!user.active,
    anonymisedAt: user.anonymised_at,
    version: user.version,
    hasPassword: !!user.password_hash,
    roles,
  };
}

async function organisationKind(db: DbOrTx, organisationId: number): Promise<string | undefined> {
  const row = await db.selectFrom("organisations").select("kind").where("id", "=", organisationId).executeTakeFirst();
  return row?.kind;
}

/**
 * Association roles (requirements team, management, administration) belong to the association's office:
 * a municipal clerk holding „Geschäftsführung“ could be one of the two approvers of the four-eyes rule.
 */
async function assertOfficeRole(db: DbOrTx, role: Role, organisationId: number, field: string, messageKey = "admin:users.officeRoleOnly") {
  if (!roleNeedsOffice(role)) return;
  if ((await organisationKind(db, organisationId)) !== OFFICE_KIND) throw new AppError("invalid", 400, messageKey, field);
}

async function assertRoleAllowed(db: DbOrTx, actor: Actor, role: Role, organisationId: number, teamId: number | undefined) {
  if (!assignableRoles(actor).includes(role)) throw new AppError("forbidden", 403, "admin:users.roleNotAllowed", "role");
  await assertOfficeRole(db, role, organisationId, "role");
  if (roleScope(role) === "team") {
    if (!teamId) throw new AppError("invalid", 400, "admin:users.teamRequired", "teamId");
    const team = await db.selectFrom("teams").select("id").where("id", "=", teamId).executeTakeFirst();
    if (!team) throw new AppError("invalid", 400, "admin:users.teamRequired", "teamId");
  }
  if (!can(actor, "manage:users", { organisationId })) throw forbidden();
}

export async function createUser(
  db: DB,
  actor: Actor,
  input: { name: string; email: string; organisationId: number; role: Role; teamId?: number },
): Promise<{ userId: number; setupToken: string }> {
  const org = await db.selectFrom("organisations").select("id").where("id", "=", input.organisationId).executeTakeFirst();
  if (!org) throw new AppError("invalid", 400, "validation.required", "organisationId");
  await assertRoleAllowed(db, actor, input.role, input.organisationId, input.teamId);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
    if (taken) throw new AppError("conflict", 409, "admin:users.emailTaken", "email");
    const t = now();
    const user = await trx
      .insertInto("users")
      .values({
        email: input.email,
        name: input.name,
        password_hash: null,
        organisation_id: input.organisationId,
        active: 1,
        locale: null,
        created_at: t,
        updated_at: t,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertRole(trx, user.id, input.role, input.organisationId, input.teamId ?? null);
    const setupToken = await createPasswordToken(trx, user.id, "setup");
    await recordAudit(trx, {
      actorUserId: actor.userId,
      action: "user.created",
      entityType: "user",
      entityId: user.id,
      detail: { role: input.role, organisationId: input.organisationId },
    });
    return { userId: user.id, setupToken };
  });
}

async function insertRole(db: DbOrTx, userId: number, role: Role, organisationId: number, teamId: number | null) {
  const scope = roleScope(role);
  const values = {
    user_id: userId,
    role,
    organisation_id: scope === "team" ? null : organisationId,
    team_id: scope === "team" ? teamId : null,
    created_at: now(),
  };
  let dup = db.selectFrom("role_assignments").select("id").where("user_id", "=", userId).where("role", "=", role);
  dup = values.team_id === null ? dup.where("team_id", "is", null) : dup.where("team_id", "=", values.team_id);
  if (await dup.executeTakeFirst()) throw new AppError("conflict", 409, "admin:users.roleExists", "role");
  await db.insertInto("role_assignments").values(values).execute();
}

/** Name, e-mail and organisation; optimistic locking on the version the form was loaded with. */
export async function updateUser(
  db: DB,
  actor: Actor,
  userId: number,
  input: { name: string; email: string; organisationId: number; version: number },
) {
  const user = await loadChangeableUser(db, actor, userId);
  if (input.organisationId !== user.organisation_id && !can(actor, "admin:users")) throw forbidden();
  const org = await db.selectFrom("organisations").select("id").where("id", "=", input.organisationId).executeTakeFirst();
  if (!org) throw new AppError("invalid", 400, "validation.required", "organisationId");
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("users").select("id").where("email", "=", input.email).where("id", "!=", userId).executeTakeFirst();
    if (taken) throw new AppError("conflict", 409, "admin:users.emailTaken", "email");
    const res = await trx
      .updateTable("users")
      .set({ name: input.name, email: input.email, organisation_id: input.organisationId, updated_at: now(), version: input.version + 1 })
      .where("id", "=", userId)
      .where("version", "=", input.version)
      .where("anonymised_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "admin:users.staleVersion");
    if (input.organisationId !== user.organisation_id) {
      // After the update has locked the person's row: a role added at the same moment counts too.
      const held = await trx.selectFrom("role_assignments").select("role").where("user_id", "=", userId).execute();
      for (const r of held) await assertOfficeRole(trx, r.role as Role, input.organisationId, "organisationId", "admin:users.officeRoleMove");
    }
    // Organisation roles follow the user's organisation.
    await trx
      .updateTable("role_assignments")
      .set({ organisation_id: input.organisationId })
      .where("user_id", "=", userId)
      .where("role", "in", ["member_staff", "member_lead"])
      .execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "user.updated", entityType: "user", entityId: userId });
  });
}

export async function addRole(db: DB, actor: Actor, userId: number, role: Role, teamId?: number) {
  const user = await loadChangeableUser(db, actor, userId);
  await assertRoleAllowed(db, actor, role, user.organisation_id, teamId);
  await db.transaction().execute(async (trx) => {
    const before = await eligibilityBeforeChange(trx, userId);
    await refuseIfAnonymisedNow(trx, userId);
    // After the row lock: a move to another organisation at the same moment is judged with it.
    const current = await trx.selectFrom("users").select("organisation_id").where("id", "=", userId).executeTakeFirstOrThrow();
    await assertOfficeRole(trx, role, current.organisation_id, "role");
    await insertRole(trx, userId, role, current.organisation_id, teamId ?? null);
    await recordAudit(trx, { actorUserId: actor.userId, action: "role.assigned", entityType: "user", entityId: userId, detail: { role, teamId } });
    // A board seat ends project work.
    await notifyEligibilityLost(trx, actor.userId, userId, before);
  });
}

export async function removeRole(db: DB, actor: Actor, userId: number, assignmentId: number) {
  await loadChangeableUser(db, actor, userId);
  const row = await db
    .selectFrom("role_assignments")
    .select(["id", "role"])
    .where("id", "=", assignmentId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (!assignableRoles(actor).includes(row.role as Role)) throw forbidden();
  if (row.role === "admin" && userId === actor.userId) throw new AppError("conflict", 409, "admin:users.cannotRemoveOwnAdmin");
  // A lead who removed their own lead role could no longer manage the organisation's users; another
  // lead or the administration does it. An admin keeps user management through the admin role.
  if (row.role === "member_lead" && userId === actor.userId && !can(actor, "admin:users")) {
    throw new AppError("conflict", 409, "admin:users.cannotRemoveOwnLead");
  }
  await db.transaction().execute(async (trx) => {
    // Locks the person's row first, so two removals of their last two roles are judged one after the other.
    const before = await eligibilityBeforeChange(trx, userId);
    await refuseIfAnonymisedNow(trx, userId);
    const remaining = await trx.selectFrom("role_assignments").select("id").where("user_id", "=", userId).execute();
    if (!remaining.some((r) => r.id === assignmentId)) throw notFound();
    // Without any role a person could not even open „Mein Konto“; who no longer takes part is deactivated.
    if (remaining.length <= 1) throw new AppError("conflict", 409, "admin:users.lastRole");
    await trx.deleteFrom("role_assignments").where("id", "=", assignmentId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "role.removed", entityType: "user", entityId: userId, detail: { role: row.role } });
    await notifyEligibilityLost(trx, actor.userId, userId, before);
  });
}

export async function setUserActive(db: DB, actor: Actor, userId: number, active: boolean) {
  await loadChangeableUser(db, actor, userId);
  if (!active && userId === actor.userId) throw new AppError("conflict", 409, "admin:users.cannotDeactivateSelf");
  await db.transaction().execute(async (trx) => {
    const before = await eligibilityBeforeChange(trx, userId);
    await refuseIfAnonymisedNow(trx, userId);
    await trx.updateTable("users").set({ active: active ? 1 : 0, updated_at: now() }).where("id", "=", userId).execute();
    // A deactivated account loses its sessions at once.
    if (!active) await deleteUserSessions(trx, userId);
    await recordAudit(trx, { actorUserId: actor.userId, action: active ? "user.reactivated" : "user.deactivated", entityType: "user", entityId: userId });
    await notifyEligibilityLost(trx, actor.userId, userId, before);
  });
}

export async function issueSetupLink(db: DB, actor: Actor, userId: number): Promise<string> {
  const user = await loadChangeableUser(db, actor, userId);
  if (!user.active) throw new AppError("conflict", 409, "admin:users.inactive");
  const token = await createPasswordToken(db, userId, "setup");
  await recordAudit(db, { actorUserId: actor.userId, action: "user.setup_link_issued", entityType: "user", entityId: userId });
  return token;
}
