import type { Kysely } from "kysely";

// A merge deletes the candidate that is taken over; this row keeps its old address working (notices and
// bookmarks link to /kandidaten/<id>) by forwarding to the candidate it went into. The old id has no
// foreign key since its row is gone; ids are never reused (AUTOINCREMENT / identity) on either dialect.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("candidate_merges")
    .addColumn("candidate_id", "integer", (c) => c.primaryKey())
    .addColumn("merged_into_id", "integer", (c) => c.notNull().references("candidates.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("merged_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("merged_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("candidate_merges_into_idx").on("candidate_merges").column("merged_into_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("candidate_merges").execute();
}
