import type { Kysely } from "kysely";

// Who marked an accessibility feedback as done, when, and an optional note on what was done. All
// three are empty while the feedback is open (reopening empties them again; the audit log keeps the
// history). Plain ADD COLUMN with a NULL default works the same on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("accessibility_feedback").addColumn("handled_at", "text").execute();
  await db.schema
    .alterTable("accessibility_feedback")
    .addColumn("handled_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.alterTable("accessibility_feedback").addColumn("handled_note", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["handled_note", "handled_by", "handled_at"]) {
    await db.schema.alterTable("accessibility_feedback").dropColumn(column).execute();
  }
}
