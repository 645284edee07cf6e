import type { Kysely } from "kysely";
import { withId, zero } from "./helpers";

export async function up(db: Kysely<any>): Promise<void> {
  // status: the approval track (requested → board_vote → approved | rejected); phase: the work after approval.
  await withId(db, db.schema.createTable("projects"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("goal", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("budget_estimate", "integer", (c) => c.notNull())
    .addColumn("planned_start", "text", (c) => c.notNull())
    .addColumn("planned_end", "text", (c) => c.notNull())
    .addColumn("lead_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("phase", "text")
    .addColumn("health", "text")
    .addColumn("board_required", "integer", (c) => c.notNull().defaultTo(zero))
    .addColumn("board_threshold", "integer")
    .addColumn("board_opened_at", "text")
    .addColumn("board_deadline", "text")
    .addColumn("board_result", "text")
    .addColumn("board_result_at", "text")
    .addColumn("board_noted_at", "text")
    .addColumn("approved_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("projects_status_idx").on("projects").columns(["status", "phase"]).execute();

  await db.schema
    .createTable("project_candidates")
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("candidate_id", "integer", (c) => c.notNull().references("candidates.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("project_candidates_pk", ["project_id", "candidate_id"])
    .execute();
  await db.schema.createIndex("project_candidates_cand_idx").on("project_candidates").column("candidate_id").execute();

  // One approval per manager and project, one vote per board member and project: the unique
  // constraints hold under concurrent double submits too.
  await withId(db, db.schema.createTable("project_approvals"))
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("project_approvals_uq", ["project_id", "user_id"])
    .execute();

  await withId(db, db.schema.createTable("board_votes"))
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("vote", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("board_votes_uq", ["project_id", "user_id"])
    .execute();

  await withId(db, db.schema.createTable("board_comments"))
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("board_comments_project_idx").on("board_comments").column("project_id").execute();

  await withId(db, db.schema.createTable("project_events"))
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_value", "text")
    .addColumn("to_value", "text")
    .addColumn("reason", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("project_events_project_idx").on("project_events").columns(["project_id", "kind"]).execute();

  await withId(db, db.schema.createTable("project_members"))
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("project_members_uq", ["project_id", "user_id", "role"])
    .execute();

  await withId(db, db.schema.createTable("milestones"))
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("done_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("milestones_project_idx").on("milestones").column("project_id").execute();
  await db.schema.createIndex("milestones_due_idx").on("milestones").columns(["done_at", "end_date"]).execute();

  await withId(db, db.schema.createTable("status_reports"))
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("health", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("author_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("status_reports_project_idx").on("status_reports").column("project_id").execute();

  await db.schema
    .createTable("rollouts")
    .addColumn("project_id", "integer", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rollouts_pk", ["project_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("rollouts_org_idx").on("rollouts").column("organisation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "rollouts",
    "status_reports",
    "milestones",
    "project_members",
    "project_events",
    "board_comments",
    "board_votes",
    "project_approvals",
    "project_candidates",
    "projects",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
