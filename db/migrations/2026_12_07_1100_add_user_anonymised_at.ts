import type { Kysely } from "kysely";

// Anonymisation is final: the account keeps a durable marker, so no later step (reactivate, rename,
// new roles, a setup link) can put a real person behind what the former person did. Accounts
// anonymised before the marker existed are recognised by the address anonymisation gave them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("anonymised_at", "text").execute();
  await db
    .updateTable("users")
    .set((eb) => ({ anonymised_at: eb.ref("updated_at") }))
    .where("email", "like", "anonymisiert-%@invalid")
    .where("password_hash", "is", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("anonymised_at").execute();
}
