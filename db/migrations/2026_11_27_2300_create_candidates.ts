import type { Kysely } from "kysely";
import { withId } from "./helpers";

export async function up(db: Kysely<any>): Promise<void> {
  // Accepted (confirmed) candidates only: proposals are computed by the engine on demand, never stored.
  await withId(db, db.schema.createTable("candidates"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("team_id", "integer", (c) => c.references("teams.id").onDelete("set null"))
    .addColumn("themenfeld", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("candidates_status_idx").on("candidates").column("status").execute();
  await db.schema.createIndex("candidates_team_idx").on("candidates").column("team_id").execute();

  // A requirement belongs to at most one candidate: the unique index enforces it under concurrency too.
  await db.schema
    .createTable("candidate_requirements")
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("candidates.id").onDelete("cascade"))
    .addColumn("requirement_id", "integer", (c) => c.notNull().references("requirements.id").onDelete("cascade"))
    .addColumn("added_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("candidate_requirements_pk", ["candidate_id", "requirement_id"])
    .addUniqueConstraint("candidate_requirements_req_uq", ["requirement_id"])
    .execute();

  // The requirements manager removed this requirement from this candidate: the engine must respect it.
  await db.schema
    .createTable("candidate_exclusions")
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("candidates.id").onDelete("cascade"))
    .addColumn("requirement_id", "integer", (c) => c.notNull().references("requirements.id").onDelete("cascade"))
    .addColumn("excluded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("candidate_exclusions_pk", ["candidate_id", "requirement_id"])
    .execute();
  await db.schema.createIndex("candidate_exclusions_req_idx").on("candidate_exclusions").column("requirement_id").execute();

  await withId(db, db.schema.createTable("candidate_events"))
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("candidates.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("candidate_events_cand_idx").on("candidate_events").column("candidate_id").execute();

  await withId(db, db.schema.createTable("candidate_comments"))
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("candidates.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("candidate_comments_cand_idx").on("candidate_comments").column("candidate_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["candidate_comments", "candidate_events", "candidate_exclusions", "candidate_requirements", "candidates"]) {
    await db.schema.dropTable(t).execute();
  }
}
