import type { Kysely } from "kysely";
import { one, withId, zero } from "./helpers";

export async function up(db: Kysely<any>): Promise<void> {
  // A team's weighted prioritisation criteria; defaults are created on a team's first use.
  await withId(db, db.schema.createTable("criteria"))
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("inverse", "integer", (c) => c.notNull().defaultTo(zero))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(one))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("criteria_team_name_uq", ["team_id", "name"])
    .execute();

  await withId(db, db.schema.createTable("workshops"))
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("scheduled_at", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("current_item_id", "integer")
    .addColumn("moderator_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("ended_at", "text")
    .addColumn("published_at", "text")
    .execute();
  await db.schema.createIndex("workshops_team_idx").on("workshops").column("team_id").execute();

  // The criteria as they were when the workshop was scheduled: later weight changes leave its minutes true.
  await withId(db, db.schema.createTable("workshop_criteria"))
    .addColumn("workshop_id", "integer", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("criterion_id", "integer", (c) => c.references("criteria.id").onDelete("set null"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("inverse", "integer", (c) => c.notNull().defaultTo(zero))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("workshop_criteria_ws_idx").on("workshop_criteria").column("workshop_id").execute();

  await withId(db, db.schema.createTable("workshop_items"))
    .addColumn("workshop_id", "integer", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("candidates.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("round", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("decision", "text")
    .addColumn("decision_rank", "integer")
    .addColumn("deferred_until", "text")
    .addColumn("rationale", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("workshop_items_ws_cand_uq", ["workshop_id", "candidate_id"])
    .execute();
  await db.schema.createIndex("workshop_items_cand_idx").on("workshop_items").column("candidate_id").execute();

  await db.schema
    .createTable("workshop_participants")
    .addColumn("workshop_id", "integer", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("attended", "integer", (c) => c.notNull().defaultTo(zero))
    .addColumn("invited_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("workshop_participants_pk", ["workshop_id", "user_id"])
    .execute();
  await db.schema.createIndex("workshop_participants_user_idx").on("workshop_participants").column("user_id").execute();

  // One score per person, item and criterion: a second score replaces the first (upsert on this key).
  await withId(db, db.schema.createTable("workshop_scores"))
    .addColumn("item_id", "integer", (c) => c.notNull().references("workshop_items.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("criterion_id", "integer", (c) => c.notNull().references("workshop_criteria.id").onDelete("cascade"))
    .addColumn("value", "integer", (c) => c.notNull())
    .addColumn("in_advance", "integer", (c) => c.notNull().defaultTo(zero))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("workshop_scores_uq", ["item_id", "user_id", "criterion_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["workshop_scores", "workshop_participants", "workshop_items", "workshop_criteria", "workshops", "criteria"]) {
    await db.schema.dropTable(t).execute();
  }
}
