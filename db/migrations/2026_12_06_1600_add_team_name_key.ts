import type { Kysely } from "kysely";
import { isPostgres } from "./helpers";

// Team names are unique as folded by teamNameKey (case, spacing, the word „Kompetenzteam“). The code
// check alone lets two saves at the same instant both pass; a unique index on the folded name decides.
// The fold runs in JavaScript (SQLite's lower() leaves „Ä“ alone), so the backfill computes it here.
// A copy of teamNameKey as of this migration: migrations never import app code, and a later change of
// the fold needs its own migration to recompute the keys anyway.
function foldTeamName(name: string): string {
  return name
    .normalize("NFC")
    .trim()
    .replace(/\s+/g, " ")
    .toLocaleLowerCase("de")
    .replace(/^kompetenzteam(\s*[:–-]\s*|\s+)/, "");
}

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite cannot add a NOT NULL column without a default; PostgreSQL gets NOT NULL after the backfill.
  await db.schema
    .alterTable("teams")
    .addColumn("name_key", "text", (c) => (isPostgres(db) ? c : c.notNull().defaultTo("")))
    .execute();
  const teams: { id: number; name: string }[] = await db.selectFrom("teams").select(["id", "name"]).orderBy("id").execute();
  const seen = new Set<string>();
  for (const team of teams) {
    let key = foldTeamName(team.name);
    // Teams that collided before the check existed keep their names; the later one gets a distinct key
    // (so the index can be built) and has to be renamed before its next save passes the check.
    if (seen.has(key)) key = `${key} (#${team.id})`;
    seen.add(key);
    await db.updateTable("teams").set({ name_key: key }).where("id", "=", team.id).execute();
  }
  if (isPostgres(db)) await db.schema.alterTable("teams").alterColumn("name_key", (c) => c.setNotNull()).execute();
  await db.schema.createIndex("teams_name_key_unique").on("teams").column("name_key").unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("teams_name_key_unique").execute();
  await db.schema.alterTable("teams").dropColumn("name_key").execute();
}
