import type { Kysely } from "kysely";

// The audit log is listed newest first by time, then id (ids are not in time order: demo stories are
// written back-dated, several instances write at once), and paged by (at, id) keys. Measured on 100,000
// entries (SQLite): ordering by `at` without an index sorted the whole log for every page (14 ms);
// the filter's list of codes present read every entry (28 ms; the code index answers it in steps);
// filtering by person, and a person's data export, read every entry too (200–370 ms).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").columns(["at", "id"]).execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").column("action").execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_user_id", "at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_actor_idx").execute();
  await db.schema.dropIndex("audit_log_action_idx").execute();
  await db.schema.dropIndex("audit_log_at_idx").execute();
}
