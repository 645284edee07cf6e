import { type DB } from "#db/client.server";
import { roleScope, type Role } from "#app/modules/auth/permissions";
import { createSession, loadActor } from "#app/modules/auth/session.server";
import { hashPassword } from "#app/modules/auth/password.server";
import { teamNameKey } from "#app/modules/organisations/schema";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

export async function organisationId(db: DB, name: string): Promise<number> {
  const row = await db.selectFrom("organisations").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  return row.id;
}

export async function createTeam(db: DB, overrides: { name?: string } = {}): Promise<number> {
  const name = overrides.name ?? `Team ${unique()}`;
  const row = await db
    .insertInto("teams")
    .values({ name, name_key: teamNameKey(name), description: "", created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An accessibility feedback as a visitor sends it; `handled` marks it done (by nobody in particular). */
export async function createFeedback(db: DB, overrides: { message?: string; handled?: boolean; createdAt?: string } = {}): Promise<number> {
  const row = await db
    .insertInto("accessibility_feedback")
    .values({
      created_at: overrides.createdAt ?? new Date().toISOString(),
      user_id: null,
      name: null,
      email: null,
      page: "/anforderungen",
      message: overrides.message ?? `Barriere ${unique()}`,
      handled: overrides.handled ? 1 : 0,
      handled_at: overrides.handled ? new Date().toISOString() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "Test-Passwort-123";

export async function createUser(
  db: DB,
  overrides: { organisation?: string; roles?: Role[]; teamId?: number; email?: string; name?: string; password?: string | null; active?: boolean } = {},
) {
  const orgId = await organisationId(db, overrides.organisation ?? "Saarbrücken");
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = overrides.password === null ? null : overrides.password ? await hashPassword(overrides.password) : await cachedHash;
  const t = new Date().toISOString();
  const user = await db
    .insertInto("users")
    .values({
      email: overrides.email ?? `user-${unique()}@test.example`,
      name: overrides.name ?? `Test User ${unique()}`,
      password_hash: passwordHash,
      organisation_id: orgId,
      active: overrides.active === false ? 0 : 1,
      locale: null,
      created_at: t,
      updated_at: t,
    })
    .returning(["id", "email"])
    .executeTakeFirstOrThrow();
  for (const role of overrides.roles ?? ["member_staff"]) {
    const team = roleScope(role) === "team";
    await db
      .insertInto("role_assignments")
      .values({
        user_id: user.id,
        role,
        organisation_id: team ? null : orgId,
        team_id: team ? (overrides.teamId ?? (await createTeam(db))) : null,
        created_at: t,
      })
      .execute();
  }
  return { id: user.id, email: user.email, organisationId: orgId, actor: await loadActor(db, user.id, orgId) };
}

/** A request as the given user's browser would send it: session cookie and same-origin header. */
export async function requestAs(db: DB, userId: number | null, pathname: string, init: RequestInit = {}): Promise<Request> {
  const headers = new Headers(init.headers);
  headers.set("Origin", "http://localhost");
  if (userId !== null) {
    const { token } = await createSession(db, userId);
    headers.set("Cookie", `bundel_session=${token}`);
  }
  return new Request(`http://localhost${pathname}`, { ...init, headers });
}

export function formBody(values: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return body;
}
