import { isUniqueViolation, now, type DB, type DbOrTx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { can, OFFICE_KIND, OFFICE_ROLES, type Actor } from "#app/modules/auth/permissions";
import { AppError, conflict, forbidden, invalid, notFound } from "#app/utils/errors.server";
import type { z } from "zod";
import { sortGerman } from "./order";
import { belongsToDistrict, DISTRICT_KINDS, teamNameKey, type FeedbackFilter, type feedbackSchema, type organisationEditSchema, type organisationSchema, type teamSchema } from "./schema";

type OrganisationInput = z.infer<typeof organisationSchema>;
type OrganisationEdit = z.infer<typeof organisationEditSchema>;
type TeamInput = z.infer<typeof teamSchema>;

export async function listOrganisations(db: DbOrTx) {
  const rows = await db
    .selectFrom("organisations as o")
    .leftJoin("organisations as d", "d.id", "o.district_id")
    .select([
      "o.id",
      "o.name",
      "o.kind",
      "o.population",
      "o.requires_release",
      "o.active",
      "o.district_id",
      "d.name as districtName",
      (eb) => eb.selectFrom("users").select(eb.fn.countAll<number>().as("n")).whereRef("users.organisation_id", "=", "o.id").as("userCount"),
    ])
    .execute();
  const list = rows.map((r) => ({ ...r, requires_release: !!r.requires_release, active: !!r.active, userCount: Number(r.userCount ?? 0) }));
  return sortGerman(list, (o) => o.name);
}

export async function getOrganisation(db: DbOrTx, id: number) {
  const row = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return { ...row, requires_release: !!row.requires_release, active: !!row.active };
}

async function checkName(db: DbOrTx, name: string, exceptId?: number) {
  let q = db.selectFrom("organisations").select("id").where("name", "=", name);
  if (exceptId) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst()) throw new AppError("conflict", 409, "admin:organisations.nameTaken", "name");
}

/**
 * Städte and Gemeinden belong to a Landkreis or the Regionalverband, every other kind to none; a
 * Landkreis or the Regionalverband others belong to keeps its kind.
 */
async function checkDistrict(db: DbOrTx, kind: string, districtId: number | null, selfId?: number) {
  if (!belongsToDistrict(kind)) {
    if (districtId !== null) throw new AppError("invalid", 400, "admin:organisations.districtNone", "districtId");
  } else {
    if (districtId === null) throw new AppError("invalid", 400, "admin:organisations.districtRequired", "districtId");
    const d = districtId === selfId ? undefined : await db.selectFrom("organisations").select("kind").where("id", "=", districtId).executeTakeFirst();
    if (!d || !DISTRICT_KINDS.includes(d.kind)) throw new AppError("invalid", 400, "admin:organisations.districtInvalid", "districtId");
  }
  if (selfId !== undefined && !DISTRICT_KINDS.includes(kind)) {
    const members = await db
      .selectFrom("organisations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("district_id", "=", selfId)
      .executeTakeFirstOrThrow();
    if (Number(members.n) > 0) throw new AppError("invalid", 400, "admin:organisations.kindHasMembers", "kind");
  }
}

export async function createOrganisation(db: DB, actor: Actor, input: OrganisationInput): Promise<number> {
  if (!can(actor, "admin:organisations")) throw forbidden();
  await checkName(db, input.name);
  await checkDistrict(db, input.kind, input.districtId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("organisations")
      .values({
        name: input.name,
        kind: input.kind,
        district_id: input.districtId,
        population: input.population,
        requires_release: input.requiresRelease ? 1 : 0,
        active: input.active ? 1 : 0,
        created_at: now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: "organisation.created", entityType: "organisation", entityId: row.id });
    return row.id;
  });
}

/** Optimistic locking on the version the form was loaded with: a save from a stale tab changes nothing. */
export async function updateOrganisation(db: DB, actor: Actor, id: number, { version, ...input }: OrganisationEdit): Promise<void> {
  if (!can(actor, "admin:organisations")) throw forbidden();
  const previous = await getOrganisation(db, id);
  await checkName(db, input.name, id);
  await checkDistrict(db, input.kind, input.districtId, id);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("organisations")
      .set({
        name: input.name,
        kind: input.kind,
        district_id: input.districtId,
        population: input.population,
        requires_release: input.requiresRelease ? 1 : 0,
        active: input.active ? 1 : 0,
        version: version + 1,
      })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "admin:organisations.staleVersion");
    // The office's staff hold association roles (management, requirements team, administration) only there.
    if (previous.kind === OFFICE_KIND && input.kind !== OFFICE_KIND) {
      const holder = await trx
        .selectFrom("role_assignments")
        .innerJoin("users", "users.id", "role_assignments.user_id")
        .select("role_assignments.id")
        .where("users.organisation_id", "=", id)
        .where("role_assignments.role", "in", OFFICE_ROLES)
        .executeTakeFirst();
      if (holder) throw new AppError("invalid", 400, "admin:organisations.kindHasOfficeRoles", "kind");
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "organisation.updated", entityType: "organisation", entityId: id, detail: { ...input } });
  });
}

export async function listTeams(db: DbOrTx) {
  const rows = await db
    .selectFrom("teams")
    .select([
      "teams.id",
      "teams.name",
      "teams.description",
      "teams.active",
      (eb) =>
        eb.selectFrom("role_assignments").select(eb.fn.countAll<number>().as("n")).whereRef("role_assignments.team_id", "=", "teams.id").as("memberCount"),
    ])
    .orderBy("teams.id")
    .execute()
    .then((r) => sortGerman(r, (t) => t.name));
  return rows.map((r) => ({ ...r, active: !!r.active, memberCount: Number(r.memberCount ?? 0) }));
}

export async function getTeam(db: DbOrTx, id: number) {
  const team = await db.selectFrom("teams").selectAll().where("id", "=", id).executeTakeFirst();
  if (!team) throw notFound();
  const members = await db
    .selectFrom("role_assignments")
    .innerJoin("users", "users.id", "role_assignments.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.name", "organisations.name as organisationName", "role_assignments.role"])
    .where("role_assignments.team_id", "=", id)
    .orderBy("users.id")
    .orderBy("role_assignments.id")
    .execute()
    .then((r) => sortGerman(r, (m) => m.name));
  return { ...team, active: !!team.active, members, openWork: await teamOpenWork(db, id) };
}

/** Candidate statuses still waiting for the team's decision. */
const OPEN_CANDIDATE_STATUSES = ["open", "scheduled"];

/** What a deactivation would leave behind: undecided candidates, planned and running workshops. */
export async function teamOpenWork(db: DbOrTx, id: number) {
  const candidates = await db
    .selectFrom("candidates")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("team_id", "=", id)
    .where("status", "in", OPEN_CANDIDATE_STATUSES)
    .executeTakeFirstOrThrow();
  const workshops = await db
    .selectFrom("workshops")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("team_id", "=", id)
    .where("status", "in", ["scheduled", "live"])
    .groupBy("status")
    .execute();
  const count = (status: string) => Number(workshops.find((w) => w.status === status)?.n ?? 0);
  return { candidates: Number(candidates.n), plannedWorkshops: count("scheduled"), liveWorkshops: count("live") };
}

/** One team per name, compared as teamNameKey does (in JS: the two dialects fold case differently). */
async function checkTeamName(db: DbOrTx, name: string, exceptId?: number) {
  const key = teamNameKey(name);
  const teams = await db.selectFrom("teams").select(["id", "name"]).execute();
  if (teams.some((t) => t.id !== exceptId && teamNameKey(t.name) === key)) throw teamNameTaken();
}

const teamNameTaken = () => new AppError("conflict", 409, "admin:teams.nameTaken", "name");

/** A save that raced past checkTeamName loses on a unique index (folded or exact name): same message. */
function teamNameRace(error: unknown): never {
  throw isUniqueViolation(error, "teams", "name_key") || isUniqueViolation(error, "teams", "name") ? teamNameTaken() : error;
}

export async function createTeam(db: DB, actor: Actor, input: TeamInput): Promise<number> {
  if (!can(actor, "admin:teams")) throw forbidden();
  await checkTeamName(db, input.name);
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto("teams")
        .values({ name: input.name, name_key: teamNameKey(input.name), description: input.description, active: input.active ? 1 : 0, created_at: now() })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actorUserId: actor.userId, action: "team.created", entityType: "team", entityId: row.id });
      return row.id;
    })
    .catch(teamNameRace);
}

/**
 * Deactivating a team with open candidates or planned workshops asks first (confirm=yes); while one
 * of its workshops runs, it is refused.
 */
export async function updateTeam(db: DB, actor: Actor, id: number, input: TeamInput): Promise<void> {
  if (!can(actor, "admin:teams")) throw forbidden();
  const team = await getTeam(db, id);
  await checkTeamName(db, input.name, id);
  if (team.active && !input.active) {
    const work = team.openWork;
    if (work.liveWorkshops > 0) throw new AppError("conflict", 409, "admin:teams.deactivateLive", "active");
    if ((work.candidates > 0 || work.plannedWorkshops > 0) && input.confirm !== "yes") {
      throw new AppError("invalid", 400, "validation.confirmRequired", "confirm", { details: work });
    }
  }
  await db
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable("teams")
        .set({ name: input.name, name_key: teamNameKey(input.name), description: input.description, active: input.active ? 1 : 0 })
        .where("id", "=", id)
        .execute();
      await recordAudit(trx, { actorUserId: actor.userId, action: "team.updated", entityType: "team", entityId: id });
    })
    .catch(teamNameRace);
}

export async function submitFeedback(db: DbOrTx, userId: number | null, input: z.infer<typeof feedbackSchema>) {
  await db
    .insertInto("accessibility_feedback")
    .values({
      created_at: now(),
      user_id: userId,
      name: input.name || null,
      email: input.email || null,
      page: input.page || null,
      message: input.message,
    })
    .execute();
}

/** The feedback for admins: open ones, done ones, or all with the open ones first; newest first within. */
export async function listFeedback(db: DbOrTx, actor: Actor, filter: FeedbackFilter = "all") {
  if (!can(actor, "admin:feedback")) throw forbidden();
  let q = db
    .selectFrom("accessibility_feedback as f")
    .leftJoin("users as h", "h.id", "f.handled_by")
    .selectAll("f")
    .select("h.name as handledByName");
  if (filter === "open") q = q.where("f.handled", "=", 0);
  if (filter === "done") q = q.where("f.handled", "=", 1);
  const rows = await q.orderBy("f.handled").orderBy("f.created_at", "desc").orderBy("f.id", "desc").limit(500).execute();
  return rows.map((r) => ({ ...r, handled: !!r.handled }));
}

/** How many feedback messages there are, and how many of them are still open. */
export async function countFeedback(db: DbOrTx, actor: Actor) {
  if (!can(actor, "admin:feedback")) throw forbidden();
  const row = await db
    .selectFrom("accessibility_feedback")
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.sum<number>(eb.case().when("handled", "=", 0).then(1).else(0).end()).as("open")])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), open: Number(row.open ?? 0) };
}

async function feedbackStatus(db: DbOrTx, id: number) {
  const row = await db.selectFrom("accessibility_feedback").select("handled").where("id", "=", id).executeTakeFirst();
  // The id comes from a hidden field: an unknown one is a message at the form, not an error page.
  if (!row) throw invalid("admin:feedback.errors.unknown", "feedbackId");
  return { handled: !!row.handled };
}

/** An admin marks a feedback as done, optionally noting what was done. */
export async function markFeedbackDone(db: DB, actor: Actor, id: number, note: string): Promise<void> {
  if (!can(actor, "admin:feedback")) throw forbidden();
  if ((await feedbackStatus(db, id)).handled) throw conflict("admin:feedback.errors.alreadyDone");
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("accessibility_feedback")
      .set({ handled: 1, handled_at: now(), handled_by: actor.userId, handled_note: note || null })
      .where("id", "=", id)
      .where("handled", "=", 0)
      .executeTakeFirst();
    // Another admin may have been quicker between the check and the update.
    if (Number(result.numUpdatedRows) !== 1) throw conflict("admin:feedback.errors.alreadyDone");
    await recordAudit(trx, { actorUserId: actor.userId, action: "feedback.done", entityType: "feedback", entityId: id, detail: note ? { note } : null });
  });
}

/** An admin reopens a feedback marked as done; who handled it, when and the note are emptied (the audit log keeps them). */
export async function reopenFeedback(db: DB, actor: Actor, id: number): Promise<void> {
  if (!can(actor, "admin:feedback")) throw forbidden();
  if (!(await feedbackStatus(db, id)).handled) throw conflict("admin:feedback.errors.alreadyOpen");
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("accessibility_feedback")
      .set({ handled: 0, handled_at: null, handled_by: null, handled_note: null })
      .where("id", "=", id)
      .where("handled", "=", 1)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict("admin:feedback.errors.alreadyOpen");
    await recordAudit(trx, { actorUserId: actor.userId, action: "feedback.reopened", entityType: "feedback", entityId: id });
  });
}
