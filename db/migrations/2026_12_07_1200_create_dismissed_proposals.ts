import type { Kysely } from "kysely";
import { withId } from "./helpers";

// „Verwerfen“ on an engine proposal: the requirement set the team judged not to belong together, as the
// sorted ids joined by "-" (the proposal's key). Unique, so two dismissals of the same set at once keep one.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("dismissed_proposals"))
    .addColumn("requirement_key", "text", (c) => c.notNull().unique())
    .addColumn("dismissed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("dismissed_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("dismissed_proposals").execute();
}
