import { sql } from "kysely";
import { ilike, now, type DbOrTx } from "#db/client.server";
import { auditActorKind, type AuditAction, type AuditEntityType } from "#app/modules/audit/actions";
import { auditDetailLines, auditDetailRefs, type AuditNames, type AuditRefKind } from "#app/modules/audit/details";
import { can, type Actor } from "#app/modules/auth/permissions";
import { forbidden } from "#app/utils/errors.server";

export interface AuditInput {
  actorUserId: number | null;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | number | null;
  detail?: Record<string, unknown> | null;
}

/** Append-only: rows are inserted, never updated or deleted by the application. */
export async function recordAudit(db: DbOrTx, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: now(),
      actor_user_id: input.actorUserId,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId == null ? null : String(input.entityId),
      detail: input.detail ? JSON.stringify(input.detail) : null,
    })
    .execute();
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  entityType?: string;
  from?: string;
  to?: string;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log for admins, newest first, with filters; read-only by design. */
export async function listAudit(db: DbOrTx, actor: Actor, filter: AuditFilter) {
  if (!can(actor, "admin:audit")) throw forbidden();
  let q = db.selectFrom("audit_log").leftJoin("users", "users.id", "audit_log.actor_user_id");
  if (filter.action) {
    // One code exactly, or a whole area ("auth" → auth.*): "auth.sign_in" must not also list the failed ones.
    const code = filter.action;
    const area = `${code.replace(/[\\%_]/g, (m) => `\\${m}`)}.%`;
    q = q.where((eb) => eb.or([eb("audit_log.action", "=", code), sql<boolean>`${sql.ref("audit_log.action")} LIKE ${area} ESCAPE '\\'`]));
  }
  if (filter.entityType) q = q.where("audit_log.entity_type", "=", filter.entityType);
  if (filter.actor) {
    const a = filter.actor;
    q = q.where((eb) => eb.or([ilike(db, "users.name", a), ilike(db, "users.email", a)]));
  }
  if (filter.from) q = q.where("audit_log.at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) q = q.where("audit_log.at", "<=", `${filter.to}T23:59:59.999Z`);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.detail",
      "audit_log.actor_user_id",
      "users.name as actorName",
      "users.email as actorEmail",
    ])
    .orderBy("audit_log.id", "desc")
    .limit(AUDIT_PAGE_SIZE)
    .offset((Math.max(1, filter.page) - 1) * AUDIT_PAGE_SIZE)
    .execute();
  const actions = (await db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute()).map((r) => r.action);
  const names = await namesFor(db, rows.flatMap((r) => auditDetailRefs(r.action, r.detail)));
  return {
    total,
    page: filter.page,
    pageSize: AUDIT_PAGE_SIZE,
    rows: rows.map(({ actor_user_id, detail, ...r }) => ({ ...r, actorKind: auditActorKind(r.action, actor_user_id), details: auditDetailLines(r.action, detail, names) })),
    actions,
  };
}

/** The names of the objects the page's entries name by id, one query per kind; unknown ids stay "Nr. 7". */
async function namesFor(db: DbOrTx, refs: { kind: AuditRefKind; id: number }[]): Promise<AuditNames> {
  const idsOf = (kind: AuditRefKind) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
  const lookups: Record<AuditRefKind, (ids: number[]) => Promise<{ id: number; name: string }[]>> = {
    organisation: (ids) => db.selectFrom("organisations").select(["id", "name"]).where("id", "in", ids).execute(),
    team: (ids) => db.selectFrom("teams").select(["id", "name"]).where("id", "in", ids).execute(),
    user: (ids) => db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute(),
    candidate: (ids) => db.selectFrom("candidates").select(["id", "title as name"]).where("id", "in", ids).execute(),
    criterion: (ids) => db.selectFrom("criteria").select(["id", "name"]).where("id", "in", ids).execute(),
    // An agenda item is named by its candidate.
    item: (ids) =>
      db
        .selectFrom("workshop_items")
        .innerJoin("candidates", "candidates.id", "workshop_items.candidate_id")
        .select(["workshop_items.id as id", "candidates.title as name"])
        .where("workshop_items.id", "in", ids)
        .execute(),
  };
  const names: AuditNames = {};
  for (const [kind, lookup] of Object.entries(lookups) as [AuditRefKind, (ids: number[]) => Promise<{ id: number; name: string }[]>][]) {
    const ids = idsOf(kind);
    if (ids.length) names[kind] = Object.fromEntries((await lookup(ids)).map((r) => [String(r.id), r.name]));
  }
  return names;
}
