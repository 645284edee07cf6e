import { sql } from "kysely";
import { ilike, now, type DbOrTx } from "#db/client.server";
import { auditActorKind, type AuditAction, type AuditEntityType } from "#app/modules/audit/actions";
import { auditDetailLines, auditDetailRefs, type AuditNames, type AuditRefKind } from "#app/modules/audit/details";
import { isFiltered, readAuditQuery } from "#app/modules/audit/filter";
import { visibleTo } from "#app/modules/requirements/queries.server";
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
  /** The page of entries older than this entry (the next page). */
  before?: number;
  /** The page of entries newer than this entry (the previous page). */
  after?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log for admins, newest first by time (entries of one moment by id), with filters;
 * read-only by design. Demo stories and several app instances write entries whose ids are not in time
 * order, so the id alone would shuffle the log. Pages are keyset pages (the entries older or newer than
 * a given entry, served by the (at, id) index): entries written while an admin pages through the log
 * neither repeat on the next page nor push others past it, and a page far back costs no more than the first.
 */
export async function listAudit(db: DbOrTx, actor: Actor, filter: AuditFilter, codes?: string[]) {
  if (!can(actor, "admin:audit")) throw forbidden();
  let q = db.selectFrom("audit_log");
  if (filter.action) {
    // One code exactly, or a whole area ("auth" → auth.*): "auth.sign_in" must not also list the failed ones.
    const code = filter.action;
    const area = `${code.replace(/[\\%_]/g, (m) => `\\${m}`)}.%`;
    q = q.where((eb) => eb.or([eb("audit_log.action", "=", code), sql<boolean>`${sql.ref("audit_log.action")} LIKE ${area} ESCAPE '\\'`]));
  }
  if (filter.entityType) q = q.where("audit_log.entity_type", "=", filter.entityType);
  if (filter.actor) {
    const a = filter.actor;
    q = q.where("audit_log.actor_user_id", "in", db.selectFrom("users").select("users.id").where((eb) => eb.or([ilike(db, "users.name", a), ilike(db, "users.email", a)])));
  }
  if (filter.from) q = q.where("audit_log.at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) q = q.where("audit_log.at", "<=", `${filter.to}T23:59:59.999Z`);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  const page = (query: typeof q, direction: "desc" | "asc") =>
    query
      .leftJoin("users", "users.id", "audit_log.actor_user_id")
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
      .orderBy("audit_log.at", direction)
      .orderBy("audit_log.id", direction)
      .limit(AUDIT_PAGE_SIZE + 1)
      .execute();
  const cursorOf = async (id: number | undefined) =>
    id === undefined ? undefined : db.selectFrom("audit_log").select(["at", "id"]).where("id", "=", id).executeTakeFirst();
  // Strictly newer or older than an entry in the list's order (time, then id).
  const newerThan = (c: { at: string; id: number }) => q.where((eb) => eb(eb.refTuple("audit_log.at", "audit_log.id"), ">", eb.tuple(c.at, c.id)));
  const olderThan = (c: { at: string; id: number }) => q.where((eb) => eb(eb.refTuple("audit_log.at", "audit_log.id"), "<", eb.tuple(c.at, c.id)));
  // Whether the other direction has entries: the first one found is enough (no count of everything up there).
  const any = async (query: typeof q) => (await query.select("audit_log.id").limit(1).executeTakeFirst()) !== undefined;

  let rows: Awaited<ReturnType<typeof page>>;
  let hasNewer: boolean;
  let hasOlder: boolean;
  const after = await cursorOf(filter.after);
  const newer = after ? await page(newerThan(after), "asc") : [];
  if (newer.length >= AUDIT_PAGE_SIZE) {
    rows = newer.slice(0, AUDIT_PAGE_SIZE).reverse();
    hasNewer = newer.length > AUDIT_PAGE_SIZE;
    hasOlder = await any(olderThan(rows[rows.length - 1]));
  } else {
    // The older page after an entry; the newest page without one, or when less than a page is newer than it.
    let before = after ? undefined : await cursorOf(filter.before);
    let older = await page(before ? olderThan(before) : q, "desc");
    // Nothing older than the entry (an address from elsewhere): the newest page rather than an empty one.
    if (before && older.length === 0) [before, older] = [undefined, await page(q, "desc")];
    rows = older.slice(0, AUDIT_PAGE_SIZE);
    hasOlder = older.length > AUDIT_PAGE_SIZE;
    hasNewer = before !== undefined && rows.length > 0 && (await any(newerThan(rows[0])));
  }
  const names = await namesFor(db, rows.flatMap((r) => auditDetailRefs(r.action, r.detail)));
  const entityNames = await entityNamesFor(db, actor, rows);
  return {
    total,
    pageSize: AUDIT_PAGE_SIZE,
    /** Cursors for the links to the newer and the older page; null where there is none. */
    newer: hasNewer ? rows[0].id : null,
    older: hasOlder ? rows[rows.length - 1].id : null,
    rows: rows.map(({ actor_user_id, detail, ...r }) => ({
      ...r,
      entityName: (r.entity_id && entityNames[r.entity_type]?.[r.entity_id]) || null,
      actorKind: auditActorKind(r.action, actor_user_id),
      details: auditDetailLines(r.action, detail, names),
    })),
    actions: codes ?? (await actionCodes(db)),
  };
}

/**
 * The audit page from its address: the filters it can show are applied, the others named (see
 * readAuditQuery), and whether anything narrows the list.
 */
export async function auditLogPage(db: DbOrTx, actor: Actor, params: URLSearchParams) {
  if (!can(actor, "admin:audit")) throw forbidden();
  const codes = await actionCodes(db);
  const { filter, problems } = readAuditQuery(params, codes);
  return { ...(await listAudit(db, actor, filter, codes)), problems, filtered: isFiltered(filter) };
}

/**
 * The names of the objects the entries are about, by type and id, for those that still exist and the
 * admin may see: people, organisations and teams by name; requirements (only visible ones),
 * candidates and projects as "Nr. 12 – title". Others keep their id.
 */
async function entityNamesFor(db: DbOrTx, actor: Actor, rows: { entity_type: string; entity_id: string | null }[]) {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entity_type === type && r.entity_id && /^\d{1,9}$/.test(r.entity_id)).map((r) => Number(r.entity_id)))];
  const numbered = (list: { id: number; title: string }[]) => list.map((r) => ({ id: r.id, name: `Nr. ${r.id} – ${r.title}` }));
  const lookups: Record<string, (ids: number[]) => Promise<{ id: number; name: string }[]>> = {
    user: (ids) => db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute(),
    organisation: (ids) => db.selectFrom("organisations").select(["id", "name"]).where("id", "in", ids).execute(),
    team: (ids) => db.selectFrom("teams").select(["id", "name"]).where("id", "in", ids).execute(),
    requirement: async (ids) =>
      numbered(await db.selectFrom("requirements").select(["requirements.id", "requirements.title"]).where("requirements.id", "in", ids).where(visibleTo(actor)).execute()),
    candidate: async (ids) => numbered(await db.selectFrom("candidates").select(["id", "title"]).where("id", "in", ids).execute()),
    project: async (ids) => numbered(await db.selectFrom("projects").select(["id", "title"]).where("id", "in", ids).execute()),
  };
  const names: Record<string, Record<string, string>> = {};
  for (const [type, lookup] of Object.entries(lookups)) {
    const ids = idsOf(type);
    if (ids.length) names[type] = Object.fromEntries((await lookup(ids)).map((r) => [String(r.id), r.name]));
  }
  return names;
}

/**
 * Every code in the log, old ones included, for the filter: one step through the code index per code
 * (a loose index scan), not a read of every entry as DISTINCT would do on a large log.
 */
async function actionCodes(db: DbOrTx): Promise<string[]> {
  const { rows } = await sql<{ action: string | null }>`
    WITH RECURSIVE codes(action) AS (
      SELECT min(action) FROM audit_log
      UNION ALL
      SELECT (SELECT min(action) FROM audit_log WHERE action > codes.action) FROM codes WHERE codes.action IS NOT NULL
    )
    SELECT action FROM codes WHERE action IS NOT NULL`.execute(db);
  return rows.map((r) => r.action!);
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
