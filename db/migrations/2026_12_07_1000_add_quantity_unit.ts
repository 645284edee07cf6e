import type { Kysely } from "kysely";

// What a co-signature's quantity counts: "workplaces" (affected workplaces) or "cases_per_year". A
// number without its unit cannot be summed or compared. Co-signatures given before stay NULL („Einheit
// nicht angegeben“): nobody can say afterwards what they counted. The allowed values are checked by the
// app (the co-sign schema), like every other enum-ish text column here. Plain ADD COLUMN with a NULL
// default works the same on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("endorsements").addColumn("quantity_unit", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("endorsements").dropColumn("quantity_unit").execute();
}
