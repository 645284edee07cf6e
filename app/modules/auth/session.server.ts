import { redirect } from "@remix-run/node";
import { getDb, type DbOrTx } from "#db/client.server";
import type { Actor, Role } from "./permissions";
import { generateToken, parseToken, secretMatches } from "./tokens.server";
import { rememberForRequest } from "#app/utils/request-scope.server";

export const SESSION_COOKIE = "bundel_session";
export const IDLE_TIMEOUT_MS = Number(process.env.SESSION_IDLE_MINUTES ?? 60) * 60_000;
export const ABSOLUTE_TIMEOUT_MS = Number(process.env.SESSION_ABSOLUTE_HOURS ?? 12) * 3_600_000;
// Writing last_active_at on every request would serialise all reads behind a write; a minute is enough.
const RENEW_AFTER_MS = 60_000;

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  organisationId: number;
  organisationName: string;
  locale: string | null;
}

export interface AuthContext {
  sessionId: string;
  user: SessionUser;
  actor: Actor;
}

export async function createSession(db: DbOrTx, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const { id, token, secretHash } = generateToken();
  const t = Date.now();
  const absolute = new Date(t + ABSOLUTE_TIMEOUT_MS);
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      secret_hash: secretHash,
      created_at: new Date(t).toISOString(),
      last_active_at: new Date(t).toISOString(),
      idle_expires_at: new Date(t + IDLE_TIMEOUT_MS).toISOString(),
      absolute_expires_at: absolute.toISOString(),
    })
    .execute();
  return { token, expiresAt: absolute };
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteUserSessions(db: DbOrTx, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function loadActor(db: DbOrTx, userId: number, organisationId: number): Promise<Actor> {
  const roles = await db
    .selectFrom("role_assignments")
    .select(["role", "organisation_id", "team_id"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
  return {
    userId,
    organisationId,
    roles: roles.map((r) => ({ role: r.role as Role, organisationId: r.organisation_id, teamId: r.team_id })),
  };
}

/** Validates a session token: constant-time secret check, idle and absolute expiry, sliding renewal. */
export async function validateSessionToken(db: DbOrTx, token: string): Promise<AuthContext | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "sessions.id as sessionId",
      "sessions.secret_hash",
      "sessions.last_active_at",
      "sessions.idle_expires_at",
      "sessions.absolute_expires_at",
      "users.id as userId",
      "users.email",
      "users.name",
      "users.active",
      "users.locale",
      "users.organisation_id",
      "organisations.name as organisationName",
    ])
    .where("sessions.id", "=", parsed.id)
    .executeTakeFirst();
  if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
  const t = Date.now();
  if (!row.active || Date.parse(row.idle_expires_at) <= t || Date.parse(row.absolute_expires_at) <= t) {
    await deleteSession(db, row.sessionId);
    return null;
  }
  if (t - Date.parse(row.last_active_at) > RENEW_AFTER_MS) {
    const idle = Math.min(t + IDLE_TIMEOUT_MS, Date.parse(row.absolute_expires_at));
    await db
      .updateTable("sessions")
      .set({ last_active_at: new Date(t).toISOString(), idle_expires_at: new Date(idle).toISOString() })
      .where("id", "=", row.sessionId)
      .execute();
  }
  return {
    sessionId: row.sessionId,
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      organisationId: row.organisation_id,
      organisationName: row.organisationName,
      locale: row.locale,
    },
    actor: await loadActor(db, row.userId, row.organisation_id),
  };
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

function isSecure(request: Request): boolean {
  if (process.env.COOKIE_SECURE) return process.env.COOKIE_SECURE === "true";
  return new URL(request.url).protocol === "https:";
}

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
    ...(isSecure(request) ? ["Secure"] : []),
  ].join("; ");
}

export function clearSessionCookie(request: Request): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(isSecure(request) ? ["Secure"] : [])].join(
    "; ",
  );
}

export async function getAuth(request: Request, db: DbOrTx = getDb()): Promise<AuthContext | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  // A page's loaders (root, layout, page) run side by side and each asks: for a GET the session is read
  // once for all of them. Not for a POST, whose action may change the user or end the session before
  // the loaders run.
  if (request.method === "GET" && db === getDb()) return rememberForRequest(`auth:${token}`, () => validateSessionToken(db, token));
  return validateSessionToken(db, token);
}

/** Where to send someone whose session is missing or expired: sign-in, then back. */
export function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const params = new URLSearchParams();
  if (back !== "/" && !back.startsWith("/anmelden")) params.set("redirectTo", back);
  const qs = params.toString();
  throw redirect(`/anmelden${qs ? `?${qs}` : ""}`, { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

export async function requireAuth(request: Request, db: DbOrTx = getDb()): Promise<AuthContext> {
  const auth = await getAuth(request, db);
  if (!auth) signInRedirect(request);
  return auth;
}


/** Extends the idle expiry now (the "extend session" button), never past the absolute expiry. */
export async function touchSession(db: DbOrTx, sessionId: string): Promise<void> {
  const row = await db.selectFrom("sessions").select("absolute_expires_at").where("id", "=", sessionId).executeTakeFirst();
  if (!row) return;
  const t = Date.now();
  const idle = Math.min(t + IDLE_TIMEOUT_MS, Date.parse(row.absolute_expires_at));
  await db
    .updateTable("sessions")
    .set({ last_active_at: new Date(t).toISOString(), idle_expires_at: new Date(idle).toISOString() })
    .where("id", "=", sessionId)
    .execute();
}
