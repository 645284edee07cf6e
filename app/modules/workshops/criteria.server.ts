import { now, type DB, type DbOrTx } from "#db/client.server";
import { type AuditAction } from "#app/modules/audit/actions";
import { recordAudit } from "#app/modules/audit/audit.server";
import { can, type Actor } from "#app/modules/auth/permissions";
import { AppError, forbidden, notFound } from "#app/utils/errors.server";

/** DESIGN.md's default criteria; weights in per cent of the weighted total. */
export const DEFAULT_CRITERIA = [
  { name: "Nutzen für Bürger und Verwaltung", description: "Wie groß ist der Nutzen für Bürgerinnen, Bürger, Unternehmen und die Verwaltung?", weight: 30, inverse: false },
  { name: "Dringlichkeit / gesetzliche Frist", description: "Gibt es eine gesetzliche Frist oder einen anderen zwingenden Termin?", weight: 25, inverse: false },
  { name: "Anzahl betroffener Kommunen", description: "Wie viele Mitglieder brauchen die Lösung?", weight: 20, inverse: false },
  { name: "Umsetzungsaufwand", description: "Wie hoch ist der Aufwand für die Umsetzung? (5 = sehr hoch; zählt umgekehrt)", weight: 15, inverse: true },
  { name: "Standardisierungspotenzial", description: "Wie gut lässt sich die Lösung landesweit einheitlich einsetzen?", weight: 10, inverse: false },
] as const;

async function requireTeam(db: DbOrTx, teamId: number) {
  const team = await db.selectFrom("teams").select(["id", "name", "active"]).where("id", "=", teamId).executeTakeFirst();
  if (!team) throw notFound();
  return team;
}

/** Creates the default criteria for a team that has none yet; safe to call concurrently. */
export async function ensureCriteria(db: DbOrTx, teamId: number): Promise<void> {
  const existing = await db.selectFrom("criteria").select("id").where("team_id", "=", teamId).limit(1).executeTakeFirst();
  if (existing) return;
  const t = now();
  await db
    .insertInto("criteria")
    .values(DEFAULT_CRITERIA.map((c, i) => ({ team_id: teamId, name: c.name, description: c.description, weight: c.weight, inverse: c.inverse ? 1 : 0, position: i + 1, created_at: t, updated_at: t })))
    .onConflict((oc) => oc.columns(["team_id", "name"]).doNothing())
    .execute();
}

export async function listCriteria(db: DbOrTx, teamId: number, { activeOnly = false } = {}) {
  await ensureCriteria(db, teamId);
  let q = db.selectFrom("criteria").selectAll().where("team_id", "=", teamId);
  if (activeOnly) q = q.where("active", "=", 1);
  const rows = await q.orderBy("position").orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, weight: r.weight, inverse: !!r.inverse, active: !!r.active, position: r.position }));
}

/** The criteria page: the team and its criteria, for those who keep them (team lead, admin). */
export async function getTeamCriteria(db: DbOrTx, actor: Actor, teamId: number) {
  const team = await requireTeam(db, teamId);
  if (!can(actor, "manage:criteria", { teamId })) throw forbidden();
  const criteria = await listCriteria(db, teamId);
  const totalWeight = criteria.filter((c) => c.active).reduce((s, c) => s + c.weight, 0);
  return { team: { id: team.id, name: team.name }, criteria, totalWeight };
}

type CriterionInput = { name: string; description: string; weight: number; inverse: boolean };

async function audit(db: DbOrTx, actor: Actor, action: AuditAction, teamId: number, detail: Record<string, unknown>) {
  await recordAudit(db, { actorUserId: actor.userId, action, entityType: "team", entityId: teamId, detail });
}

function nameTaken(): AppError {
  return new AppError("conflict", 409, "workshops:errors.criterionNameTaken", "name");
}

async function assertNameFree(db: DbOrTx, teamId: number, name: string, exceptId?: number) {
  let q = db.selectFrom("criteria").select("id").where("team_id", "=", teamId).where("name", "=", name);
  if (exceptId) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst()) throw nameTaken();
}

export async function addCriterion(db: DB, actor: Actor, teamId: number, input: CriterionInput) {
  await requireTeam(db, teamId);
  if (!can(actor, "manage:criteria", { teamId })) throw forbidden();
  await ensureCriteria(db, teamId);
  await assertNameFree(db, teamId, input.name);
  await db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom("criteria").select((eb) => eb.fn.max("position").as("p")).where("team_id", "=", teamId).executeTakeFirst();
    const t = now();
    await trx
      .insertInto("criteria")
      .values({ team_id: teamId, name: input.name, description: input.description, weight: input.weight, inverse: input.inverse ? 1 : 0, position: Number(last?.p ?? 0) + 1, created_at: t, updated_at: t })
      .execute();
    await audit(trx, actor, "criterion.added", teamId, { name: input.name, weight: input.weight });
  });
}

async function findCriterion(db: DbOrTx, teamId: number, criterionId: number) {
  const row = await db.selectFrom("criteria").selectAll().where("id", "=", criterionId).where("team_id", "=", teamId).executeTakeFirst();
  if (!row) throw new AppError("invalid", 400, "workshops:errors.invalidId");
  return row;
}

export async function updateCriterion(db: DB, actor: Actor, teamId: number, criterionId: number, input: CriterionInput) {
  await requireTeam(db, teamId);
  if (!can(actor, "manage:criteria", { teamId })) throw forbidden();
  await findCriterion(db, teamId, criterionId);
  await assertNameFree(db, teamId, input.name, criterionId);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("criteria")
      .set({ name: input.name, description: input.description, weight: input.weight, inverse: input.inverse ? 1 : 0, updated_at: now() })
      .where("id", "=", criterionId)
      .execute();
    await audit(trx, actor, "criterion.updated", teamId, { criterionId, name: input.name, weight: input.weight, inverse: input.inverse });
  });
}

/** Criteria are switched off rather than deleted: earlier workshops keep their own copy anyway. */
export async function setCriterionActive(db: DB, actor: Actor, teamId: number, criterionId: number, active: boolean) {
  await requireTeam(db, teamId);
  if (!can(actor, "manage:criteria", { teamId })) throw forbidden();
  await findCriterion(db, teamId, criterionId);
  if (!active) {
    const others = await db.selectFrom("criteria").select("id").where("team_id", "=", teamId).where("active", "=", 1).where("id", "!=", criterionId).execute();
    if (others.length === 0) throw new AppError("conflict", 409, "workshops:errors.lastCriterion");
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("criteria").set({ active: active ? 1 : 0, updated_at: now() }).where("id", "=", criterionId).execute();
    await audit(trx, actor, active ? "criterion.activated" : "criterion.deactivated", teamId, { criterionId });
  });
}
