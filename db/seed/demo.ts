import { hashPassword } from "#app/modules/auth/password.server";
import { roleScope } from "#app/modules/auth/permissions";
import type { DB } from "../client.server";
import { DEMO_PASSWORD, demoTeams, demoUsers } from "./demo-users";

/** Demo teams and one user per role. Idempotent: does nothing once demo users exist. */
export async function seedDemo(db: DB): Promise<{ created: boolean }> {
  const exists = await db.selectFrom("users").select("id").where("email", "=", demoUsers[0].email).executeTakeFirst();
  if (exists) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const t = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const teamIds = new Map<string, number>();
    for (const team of demoTeams) {
      const found = await trx.selectFrom("teams").select("id").where("name", "=", team.name).executeTakeFirst();
      const id =
        found?.id ??
        (await trx.insertInto("teams").values({ name: team.name, description: team.description, created_at: t }).returning("id").executeTakeFirstOrThrow())
          .id;
      teamIds.set(team.name, id);
    }
    for (const u of demoUsers) {
      const org = await trx.selectFrom("organisations").select("id").where("name", "=", u.organisation).executeTakeFirstOrThrow();
      const user = await trx
        .insertInto("users")
        .values({ email: u.email, name: u.name, password_hash: passwordHash, organisation_id: org.id, locale: null, created_at: t, updated_at: t })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const r of u.roles) {
        const scope = roleScope(r.role);
        await trx
          .insertInto("role_assignments")
          .values({
            user_id: user.id,
            role: r.role,
            organisation_id: scope === "team" ? null : org.id,
            team_id: scope === "team" ? (teamIds.get(r.team!) ?? null) : null,
            created_at: t,
          })
          .execute();
      }
    }
  });
  return { created: true };
}
