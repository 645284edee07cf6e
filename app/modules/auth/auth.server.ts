import { now, type DB, type DbOrTx } from "#db/client.server";
import type { Language } from "#app/modules/i18n/config";
import { recordAudit } from "#app/modules/audit/audit.server";
import { ASSOCIATION_OFFICE_NAME } from "#db/seed/members";
import { AppError } from "#app/utils/errors.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession, deleteSession, deleteUserSessions } from "./session.server";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, clearFailures, isLocked, recordFailure } from "./throttle.server";
import { generateToken, parseToken, secretMatches } from "./tokens.server";

export const SETUP_TOKEN_DAYS = 7;

export async function signIn(
  db: DB,
  input: { email: string; password: string; clientAddress: string },
): Promise<{ token: string; expiresAt: Date; userId: number; locale: string | null }> {
  const accountKey = `account:${input.email}`;
  const addressKey = `address:${input.clientAddress}`;
  if ((await isLocked(db, accountKey)) || (await isLocked(db, addressKey))) {
    throw new AppError("too_many", 429, "auth:signIn.tooMany");
  }
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "active", "anonymised_at", "locale"])
    .where("email", "=", input.email)
    .executeTakeFirst();
  // An anonymised account never signs in again, whatever its other columns say.
  const ok =
    user && user.active && user.password_hash && user.anonymised_at === null
      ? await verifyPassword(user.password_hash, input.password)
      : (await verifyAgainstDummy(input.password), false);
  if (!ok || !user) {
    await recordFailure(db, accountKey, ACCOUNT_LIMIT);
    await recordFailure(db, addressKey, ADDRESS_LIMIT);
    await recordAudit(db, { actorUserId: null, action: "auth.sign_in_failed", entityType: "user", entityId: user?.id ?? null });
    // One message for unknown user, wrong password and deactivated account.
    throw new AppError("invalid", 400, "auth:signIn.invalid");
  }
  await clearFailures(db, accountKey);
  const session = await createSession(db, user.id);
  await recordAudit(db, { actorUserId: user.id, action: "auth.sign_in", entityType: "user", entityId: user.id });
  // The language the person chose last (on any device) comes along with the sign-in.
  return { ...session, userId: user.id, locale: user.locale };
}

/** The language a signed-in person chose: kept with the account, so it follows them to other browsers. */
export async function setPreferredLanguage(db: DbOrTx, userId: number, language: Language): Promise<void> {
  await db.updateTable("users").set({ locale: language }).where("id", "=", userId).where("anonymised_at", "is", null).execute();
}

export async function signOut(db: DbOrTx, sessionId: string, userId: number): Promise<void> {
  await deleteSession(db, sessionId);
  await recordAudit(db, { actorUserId: userId, action: "auth.sign_out", entityType: "user", entityId: userId });
}

export async function createPasswordToken(
  db: DbOrTx,
  userId: number | null,
  purpose: "setup" | "first_admin",
  days = SETUP_TOKEN_DAYS,
): Promise<string> {
  const { id, token, secretHash } = generateToken();
  const t = Date.now();
  // A new link replaces any earlier unused one for the same purpose.
  let del = db.deleteFrom("password_tokens").where("purpose", "=", purpose).where("used_at", "is", null);
  del = userId === null ? del.where("user_id", "is", null) : del.where("user_id", "=", userId);
  await del.execute();
  await db
    .insertInto("password_tokens")
    .values({
      id,
      user_id: userId,
      secret_hash: secretHash,
      purpose,
      created_at: new Date(t).toISOString(),
      expires_at: new Date(t + days * 86_400_000).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** Finds a valid, unused token of the given purpose; null when unknown, used or expired. */
export async function findPasswordToken(db: DbOrTx, token: string, purpose: "setup" | "first_admin") {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const row = await db
    .selectFrom("password_tokens")
    .leftJoin("users", "users.id", "password_tokens.user_id")
    .select([
      "password_tokens.id",
      "password_tokens.secret_hash",
      "password_tokens.user_id",
      "password_tokens.expires_at",
      "password_tokens.used_at",
      "users.name as userName",
      "users.email as userEmail",
      "users.active as userActive",
      "users.anonymised_at as userAnonymisedAt",
    ])
    .where("password_tokens.id", "=", parsed.id)
    .where("password_tokens.purpose", "=", purpose)
    .executeTakeFirst();
  if (!row || row.used_at || Date.parse(row.expires_at) <= Date.now()) return null;
  if (!secretMatches(parsed.secret, row.secret_hash)) return null;
  if (purpose === "setup" && (!row.user_id || !row.userActive || row.userAnonymisedAt !== null)) return null;
  return row;
}

export async function setPasswordWithToken(db: DB, token: string, password: string): Promise<number> {
  const row = await findPasswordToken(db, token, "setup");
  if (!row || row.user_id == null) throw new AppError("not_found", 404, "auth:setPassword.invalidLink");
  const passwordHash = await hashPassword(password);
  const userId = row.user_id;
  await db.transaction().execute(async (trx) => {
    // Marking the token used inside the same transaction makes a double submit harmless.
    const used = await trx
      .updateTable("password_tokens")
      .set({ used_at: now() })
      .where("id", "=", row.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError("not_found", 404, "auth:setPassword.invalidLink");
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: now() }).where("id", "=", userId).execute();
    await deleteUserSessions(trx, userId);
    await recordAudit(trx, { actorUserId: userId, action: "user.password_set", entityType: "user", entityId: userId });
  });
  return userId;
}

export async function adminExists(db: DbOrTx): Promise<boolean> {
  const row = await db.selectFrom("role_assignments").select("id").where("role", "=", "admin").executeTakeFirst();
  return !!row;
}

/** On an installation without an admin: a one-time link to create the first one (null once one exists). */
export async function ensureFirstAdminLink(db: DbOrTx): Promise<string | null> {
  if (await adminExists(db)) return null;
  return createPasswordToken(db, null, "first_admin", 1);
}

export async function createFirstAdmin(
  db: DB,
  token: string,
  input: { name: string; email: string; password: string },
): Promise<number> {
  const row = await findPasswordToken(db, token, "first_admin");
  if (!row) throw new AppError("not_found", 404, "auth:setPassword.invalidLink");
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await adminExists(trx)) throw new AppError("conflict", 409, "auth:firstAdmin.exists");
    const used = await trx
      .updateTable("password_tokens")
      .set({ used_at: now() })
      .where("id", "=", row.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError("not_found", 404, "auth:setPassword.invalidLink");
    const office = await trx
      .selectFrom("organisations")
      .select("id")
      .where("name", "=", ASSOCIATION_OFFICE_NAME)
      .executeTakeFirstOrThrow();
    const taken = await trx.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
    if (taken) throw new AppError("conflict", 409, "admin:users.emailTaken", "email");
    const t = now();
    const user = await trx
      .insertInto("users")
      .values({
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        organisation_id: office.id,
        active: 1,
        locale: null,
        created_at: t,
        updated_at: t,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("role_assignments")
      .values({ user_id: user.id, role: "admin", organisation_id: office.id, team_id: null, created_at: t })
      .execute();
    await recordAudit(trx, { actorUserId: user.id, action: "user.first_admin_created", entityType: "user", entityId: user.id });
    return user.id;
  });
}
