import type { Kysely } from "kysely";

// A version per organisation and per user account, raised by every save of the admin edit forms, so a
// form saved from a stale tab is refused instead of silently overwriting what another tab saved in
// between (as requirements and candidates already do). ADD COLUMN with a constant default works the
// same on SQLite and PostgreSQL.
const TABLES = ["organisations", "users"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn("version", "integer", (c) => c.notNull().defaultTo(1)).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn("version").execute();
}
