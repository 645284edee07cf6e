import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  Migrator,
  OperationNodeTransformer,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type Transaction,
  type UnknownRow,
  type ValueNode,
} from "kysely";
import type { Pool } from "pg";
import { migrationProvider } from "./migrations/index";
import type { Database } from "./schema";

// Every difference between SQLite and PostgreSQL lives in this module.

export type Dialect = "sqlite" | "postgres";
export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = DB | Tx;

const DEFAULT_SQLITE_URL = "file:./data/buendel.sqlite";

/**
 * The pg driver is loaded only for a PostgreSQL installation (the embedded default never needs it:
 * about 16 MB less resident memory per server process).
 */
async function createPgPool(url: string): Promise<Pool> {
  const { default: pg } = await import("pg");
  // int8 (count(*), sums) arrives as a string from pg; numbers are what SQLite gives, so align.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection the server ends (restart, failover, dropped test database) must not crash the
  // process; the pool replaces it on the next query.
  pool.on("error", (error) => console.warn(`PostgreSQL-Verbindung beendet: ${error.message}`));
  return pool;
}

export function dialectOfUrl(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export function sqlitePath(url: string): string {
  const p = url.replace(/^file:/, "");
  return p === ":memory:" ? p : path.resolve(p);
}

const NUL = String.fromCharCode(0);
const hasNul = (v: unknown) => typeof v === "string" && v.includes(NUL);
const stripNul = (v: unknown) => (hasNul(v) ? (v as string).split(NUL).join("") : v);

// PostgreSQL text cannot hold U+0000 and would answer with an error; drop it on both databases so
// they store the same text and no form input can cause a server error.
class StripNulTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return { ...node, value: stripNul(node.value) };
  }
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map(stripNul) };
  }
}

/**
 * Whether a query holds a value with U+0000 anywhere (a value, a list of values, a raw fragment's
 * parameter). Looking costs no allocation; the transformer copies the whole query tree, which on a
 * page's half dozen queries cost about 3 % of the requirement list's time though almost no query
 * ever holds such a value.
 */
export function holdsNul(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(holdsNul);
  if (typeof node !== "object" || node === null) return false;
  const kind = (node as { kind?: unknown }).kind;
  if (kind === "ValueNode") return hasNul((node as ValueNode).value);
  if (kind === "PrimitiveValueListNode") return (node as PrimitiveValueListNode).values.some(hasNul);
  for (const key in node) {
    const child = (node as Record<string, unknown>)[key];
    if (typeof child === "object" && child !== null && holdsNul(child)) return true;
  }
  return false;
}

class StripNulPlugin implements KyselyPlugin {
  readonly #transformer = new StripNulTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return holdsNul(args.node) ? this.#transformer.transformNode(args.node) : args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const dialects = new WeakMap<object, Dialect>();

/**
 * Transactions take SQLite's write lock when they begin. With the default (deferred) BEGIN, two
 * processes (the workers of one server, or a backup next to it) that both read and then write get
 * SQLITE_BUSY at once instead of waiting; BEGIN IMMEDIATE waits for busy_timeout like any write.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * SQLite's page cache per connection, in MB (`SQLITE_CACHE_MB`, default 4). better-sqlite3 builds
 * SQLite with 16 MB; each serving thread has its own connection, and pages it does not hold come
 * from the operating system's file cache. With 16 MB the two threads' malloc arenas held 96 MB under
 * load, with 4 MB 51 MB; the list and requirement page showed no difference in throughput beyond
 * this machine's noise in two comparison runs (README, Performance).
 */
export function sqliteCacheKib(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.SQLITE_CACHE_MB ?? 4);
  return Number.isFinite(mb) && mb > 0 ? Math.round(mb * 1024) : 4 * 1024;
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused (one connection, run
 * synchronously). Caches the most recently used statements by their SQL text (SQL differs by the
 * number of values in IN lists, hence a bound). A reused statement is never run twice at once:
 * Kysely's streaming iterate() is the only exception and gets a fresh statement.
 */
function withStatementCache(conn: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (text: string) => {
    const hit = cache.get(text);
    if (hit && !hit.busy) {
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const statement = conn.prepare(text);
    if (!hit) {
      cache.set(text, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return statement;
  };
  return { prepare, close: () => conn.close() };
}

export function createDb(url: string = process.env.DATABASE_URL || DEFAULT_SQLITE_URL): DB {
  const dialect = dialectOfUrl(url);
  let db: DB;
  if (dialect === "postgres") {
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: () => createPgPool(url) }), plugins: [new StripNulPlugin()] });
  } else {
    const file = sqlitePath(url);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    const conn = new SQLite(file);
    conn.pragma("journal_mode = WAL");
    conn.pragma("foreign_keys = ON");
    conn.pragma("busy_timeout = 5000");
    conn.pragma("synchronous = FULL");
    conn.pragma(`cache_size = -${sqliteCacheKib()}`);
    db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(conn) }), plugins: [new StripNulPlugin()] });
    changeLabels.set(db, sqliteChangeLabel(conn));
  }
  dialects.set(db, dialect);
  return db;
}

/**
 * A label that moves whenever a counted table (requirements, organisations, endorsements) changes:
 * the change counters kept by triggers (migration 2026_11_28_1300), read straight from the
 * connection. Null while this connection is inside a transaction (its uncommitted changes could still
 * be rolled back) or before the counters exist.
 */
function sqliteChangeLabel(conn: SQLite.Database): () => string | null {
  let counters: SQLite.Statement | null = null;
  return () => {
    if (conn.inTransaction) return null;
    try {
      counters ??= conn.prepare("SELECT group_concat(name || ':' || version, ',') FROM change_counters").pluck();
    } catch {
      return null;
    }
    return counters.get() as string | null;
  };
}

const changeLabels = new WeakMap<object, () => string | null>();
const CHANGE_CACHE_SIZE = 1_000;
/** Per connection, per group of keys (each with its own bound): the label and the values remembered under it. */
const changeCaches = new WeakMap<object, Map<string, { label: string; values: Map<string, Promise<unknown>> }>>();

/**
 * Remembers the result of `compute` under `key` until requirements, organisations or co-signatures
 * change, for aggregates read on every page: the count of 20,000 visible requirements costs several
 * milliseconds of the single SQLite connection on every list page, the dashboard's counts about 30.
 * The key must name everything else the result depends on (the actor's visibility, the filters).
 * Concurrent callers with the same key share one computation; a failed one is forgotten. Callers
 * share the result: it must not be modified. On PostgreSQL, which counts in its own processes, and
 * inside transactions, `compute` simply runs. Keys of a `group` are bounded by its own `limit` (the
 * group is emptied when full), so larger values (a list page's rows) cannot crowd out small ones.
 */
export function cacheWhileUnchanged<T>(db: DbOrTx, key: string, compute: () => Promise<T>, { group = "", limit = CHANGE_CACHE_SIZE }: { group?: string; limit?: number } = {}): Promise<T> {
  // The label is read before computing: should anything change meanwhile, the label has moved on
  // and the stored value is never served.
  const label = changeLabels.get(db)?.() ?? null;
  if (label === null) return compute();
  let groups = changeCaches.get(db);
  if (!groups) {
    groups = new Map();
    changeCaches.set(db, groups);
  }
  let cache = groups.get(group);
  if (!cache || cache.label !== label) {
    cache = { label, values: new Map() };
    groups.set(group, cache);
  }
  const hit = cache.values.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const values = cache.values;
  if (values.size >= limit) values.clear();
  const pending = compute();
  values.set(key, pending);
  pending.catch(() => values.delete(key));
  return pending;
}

export function dialectOf(db: DbOrTx): Dialect {
  // Transactions share the executor's adapter; fall back on it when the instance is not the root.
  const known = dialects.get(db);
  if (known) return known;
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres") ? "postgres" : "sqlite";
}

export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Case-insensitive substring match that behaves the same on both dialects. */
export function ilike(db: DbOrTx, column: string, needle: string) {
  const pattern = `%${needle.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return dialectOf(db) === "postgres"
    ? sql<boolean>`${sql.ref(column)} ILIKE ${pattern} ESCAPE '\\'`
    : sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * `requirements.search_text` contains every one of `stems` anywhere (both dialects alike).
 * PostgreSQL's trigram index serves the LIKEs itself; on SQLite the FTS5 trigram mirror (migration
 * 2026_11_28_0100) finds the rows for stems of three or more characters in one query (shorter ones
 * cannot use trigrams and are matched by a scan).
 */
export function requirementTextContainsAll(db: DbOrTx, stems: string[]) {
  const escape = (stem: string) => stem.replace(/[\\%_]/g, (m) => `\\${m}`);
  const scan = (stem: string) => sql<boolean>`requirements.search_text LIKE ${`%${escape(stem)}%`} ESCAPE '\\'`;
  const indexed = dialectOf(db) === "postgres" ? [] : stems.filter((stem) => stem.length >= 3 && escape(stem) === stem);
  const conditions = stems.filter((stem) => !indexed.includes(stem)).map(scan);
  if (indexed.length) {
    const likes = sql.join(
      indexed.map((stem) => sql`search_text LIKE ${`%${stem}%`}`),
      sql` AND `,
    );
    conditions.push(sql<boolean>`requirements.id IN (SELECT rowid FROM requirements_search WHERE ${likes})`);
  }
  return conditions.length ? sql<boolean>`(${sql.join(conditions, sql` AND `)})` : sql<boolean>`1 = 1`;
}

let singleton: DB | undefined;

/** The process-wide database, configured by DATABASE_URL. */
export function getDb(): DB {
  singleton ??= createDb();
  return singleton;
}

export async function closeDb(): Promise<void> {
  if (singleton) {
    const db = singleton;
    singleton = undefined;
    await db.destroy();
  }
}

const pinnedClock = new AsyncLocalStorage<number>();

/** The current time as stored in the database (ISO 8601, UTC); inside `atTime`, the time given there. */
export const now = () => new Date(pinnedClock.getStore() ?? Date.now()).toISOString();

/**
 * Runs `fn` with `now()` answering `at` (ms since the epoch) for everything it does, through every
 * await. The demo data uses it to replay its history (bundling, workshops, projects) on the days it
 * would have happened, so stays and throughput look like real ones instead of all taking place at
 * the moment of seeding.
 */
export function atTime<T>(at: number, fn: () => Promise<T>): Promise<T> {
  return pinnedClock.run(at, fn);
}

/**
 * The error is a unique-index violation on `table.column` (SQLite: SQLITE_CONSTRAINT_UNIQUE naming
 * the columns; PostgreSQL: 23505 with the table and the key in its detail). Lets a use case answer a
 * save that raced past its own check with the same field message as the check.
 */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: unknown; message?: unknown; table?: unknown; detail?: unknown };
  if (e.code === "SQLITE_CONSTRAINT_UNIQUE" && typeof e.message === "string") {
    return e.message.split(/:\s*/)[1]?.split(/,\s*/).includes(`${table}.${column}`) ?? false;
  }
  if (e.code === "23505") return e.table === table && typeof e.detail === "string" && e.detail.startsWith(`Key (${column})=`);
  return false;
}
