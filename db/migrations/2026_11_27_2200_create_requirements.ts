import type { Kysely } from "kysely";
import { withId, zero } from "./helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("requirements"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("problem", "text", (c) => c.notNull())
    .addColumn("desired_outcome", "text", (c) => c.notNull())
    .addColumn("themenfeld", "text", (c) => c.notNull())
    .addColumn("system", "text")
    .addColumn("legal_basis", "text")
    .addColumn("deadline", "text")
    .addColumn("benefit", "text", (c) => c.notNull())
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("confidential", "integer", (c) => c.notNull().defaultTo(zero))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("awaiting_release", "integer", (c) => c.notNull().defaultTo(zero))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("duplicate_of_id", "integer", (c) => c.references("requirements.id"))
    .addColumn("reject_reason", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("client_key", "text", (c) => c.unique())
    .addColumn("submitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("requirements_org_idx").on("requirements").column("organisation_id").execute();
  await db.schema.createIndex("requirements_status_idx").on("requirements").columns(["status", "awaiting_release"]).execute();
  await db.schema.createIndex("requirements_submitted_idx").on("requirements").column("submitted_at").execute();

  await withId(db, db.schema.createTable("requirement_events"))
    .addColumn("requirement_id", "integer", (c) => c.notNull().references("requirements.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("reason", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("requirement_events_req_idx").on("requirement_events").column("requirement_id").execute();

  await withId(db, db.schema.createTable("endorsements"))
    .addColumn("requirement_id", "integer", (c) => c.notNull().references("requirements.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("quantity", "integer")
    .addColumn("comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("endorsements_req_org_uq", ["requirement_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("endorsements_org_idx").on("endorsements").column("organisation_id").execute();

  await withId(db, db.schema.createTable("comments"))
    .addColumn("requirement_id", "integer", (c) => c.notNull().references("requirements.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("comments_req_idx").on("comments").column("requirement_id").execute();

  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("requirement_id", "integer", (c) => c.notNull().references("requirements.id").onDelete("cascade"))
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("attachments_req_idx").on("attachments").column("requirement_id").execute();

  await withId(db, db.schema.createTable("notifications"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("requirement_id", "integer", (c) => c.references("requirements.id").onDelete("cascade"))
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("params", "text")
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "read_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["notifications", "attachments", "comments", "endorsements", "requirement_events", "requirements"]) {
    await db.schema.dropTable(t).execute();
  }
}
