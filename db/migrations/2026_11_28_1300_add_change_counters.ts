import { type Kysely, sql } from "kysely";
import { isPostgres } from "./helpers";

/** Tables whose changes are counted (db/client.server.ts, cacheWhileUnchanged). */
const COUNTED_TABLES = ["requirements", "organisations", "endorsements"] as const;

// A change counter per table, raised by triggers in the same transaction as the change itself, so
// every process sees it move exactly when the change becomes visible. The SQLite server caches
// aggregates (the count of visible requirements on every list page, the dashboard's counts over all
// requirements and co-signatures) until the counters move.
// Sessions, notifications, rate limits and the audit log change all the time and do not count.
// PostgreSQL runs such queries in its own server processes and caches nothing: no counters there.
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`CREATE TABLE change_counters (name TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID`.execute(db);
  for (const table of COUNTED_TABLES) {
    await sql`INSERT INTO change_counters (name, version) VALUES (${table}, 0)`.execute(db);
    for (const event of ["insert", "update", "delete"]) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_counted_${event}`)} AFTER ${sql.raw(event.toUpperCase())} ON ${sql.raw(table)} BEGIN
        UPDATE change_counters SET version = version + 1 WHERE name = '${sql.raw(table)}';
      END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  for (const table of COUNTED_TABLES) {
    for (const event of ["insert", "update", "delete"]) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_counted_${event}`)}`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS change_counters`.execute(db);
}
