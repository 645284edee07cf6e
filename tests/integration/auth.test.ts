import { describe, expect, it } from "vitest";
import { createFirstAdmin, createPasswordToken, ensureFirstAdminLink, setPasswordWithToken, signIn } from "#app/modules/auth/auth.server";
import { createSession, validateSessionToken } from "#app/modules/auth/session.server";
import { listUsers, setUserActive } from "#app/modules/users/users.server";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import * as signInRoute from "#app/routes/anmelden";
import * as languageRoute from "#app/routes/sprache";
import { postAction } from "#tests/factories/access";
import { createUser, TEST_PASSWORD } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

describe(`sign-in and sessions (${dialectUnderTest})`, () => {
  it("signs in with the right password and gives a session that validates", async () => {
    const user = await createUser(db());
    const { token } = await signIn(db(), { email: user.email, password: TEST_PASSWORD, clientAddress: "10.0.0.1" });
    const auth = await validateSessionToken(db(), token);
    expect(auth?.user.id).toBe(user.id);
    expect(auth?.actor.roles.map((r) => r.role)).toEqual(["member_staff"]);
  });

  it("gives the same message for unknown user and wrong password", async () => {
    const user = await createUser(db());
    const wrong = await errorOf(signIn(db(), { email: user.email, password: "falsch-falsch-falsch", clientAddress: "10.0.0.2" }));
    const unknown = await errorOf(signIn(db(), { email: "niemand@test.example", password: "egal-egal-egal", clientAddress: "10.0.0.2" }));
    expect(wrong.messageKey).toBe("auth:signIn.invalid");
    expect(unknown.messageKey).toBe(wrong.messageKey);
    expect(unknown.status).toBe(wrong.status);
  });

  it("locks an account after five failures, even for the right password (429)", async () => {
    const user = await createUser(db());
    for (let i = 0; i < 5; i++) {
      await errorOf(signIn(db(), { email: user.email, password: `falsch-${i}-xxxxxx`, clientAddress: `10.1.0.${i}` }));
    }
    const locked = await errorOf(signIn(db(), { email: user.email, password: TEST_PASSWORD, clientAddress: "10.1.1.1" }));
    expect(locked.status).toBe(429);
    expect(locked.messageKey).toBe("auth:signIn.tooMany");
  });

  it("throttles an address that tries many accounts", async () => {
    for (let i = 0; i < 20; i++) {
      await errorOf(signIn(db(), { email: `probe${i}@test.example`, password: "falsch-falsch", clientAddress: "10.2.0.1" }));
    }
    const user = await createUser(db());
    const blocked = await errorOf(signIn(db(), { email: user.email, password: TEST_PASSWORD, clientAddress: "10.2.0.1" }));
    expect(blocked.status).toBe(429);
    // Another address is not affected.
    await expect(signIn(db(), { email: user.email, password: TEST_PASSWORD, clientAddress: "10.2.0.2" })).resolves.toBeTruthy();
  });

  it("refuses a token with a wrong secret and an expired session", async () => {
    const user = await createUser(db());
    const { token } = await createSession(db(), user.id);
    const [id] = token.split(".");
    expect(await validateSessionToken(db(), `${id}.${"a".repeat(32)}`)).toBeNull();
    await db().updateTable("sessions").set({ idle_expires_at: new Date(Date.now() - 1000).toISOString() }).where("id", "=", id).execute();
    expect(await validateSessionToken(db(), token)).toBeNull();
    // The expired session is gone, so replaying the cookie keeps failing.
    expect(await db().selectFrom("sessions").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });

  it("ends at the absolute expiry even when active", async () => {
    const user = await createUser(db());
    const { token } = await createSession(db(), user.id);
    const [id] = token.split(".");
    await db().updateTable("sessions").set({ absolute_expires_at: new Date(Date.now() - 1).toISOString() }).where("id", "=", id).execute();
    expect(await validateSessionToken(db(), token)).toBeNull();
  });

  it("slides the idle expiry forward on use", async () => {
    const user = await createUser(db());
    const { token } = await createSession(db(), user.id);
    const [id] = token.split(".");
    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    await db().updateTable("sessions").set({ last_active_at: old, idle_expires_at: new Date(Date.now() + 60_000).toISOString() }).where("id", "=", id).execute();
    await validateSessionToken(db(), token);
    const row = await db().selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(Date.parse(row.idle_expires_at)).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  it("ends all sessions of a deactivated user and refuses their sign-in", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const user = await createUser(db());
    const { token } = await createSession(db(), user.id);
    await setUserActive(db(), admin.actor, user.id, false);
    expect(await validateSessionToken(db(), token)).toBeNull();
    const err = await errorOf(signIn(db(), { email: user.email, password: TEST_PASSWORD, clientAddress: "10.3.0.1" }));
    expect(err.messageKey).toBe("auth:signIn.invalid");
  });
});

describe(`the chosen language follows the person (${dialectUnderTest})`, () => {
  it("keeps a signed-in choice with the account and brings it back at the next sign-in, in another browser", async () => {
    const user = await createUser(db());
    const anonymous = await postAction(db(), languageRoute, null, "/sprache", { lng: "en", redirectTo: "/" });
    expect(anonymous.headers.get("Set-Cookie")).toContain("lng=");
    expect((await db().selectFrom("users").select("locale").where("id", "=", user.id).executeTakeFirstOrThrow()).locale).toBeNull();

    const chosen = await postAction(db(), languageRoute, user.id, "/sprache", { lng: "en", redirectTo: "/anforderungen" });
    expect([chosen.status, chosen.location]).toEqual([302, "/anforderungen"]);
    expect((await db().selectFrom("users").select("locale").where("id", "=", user.id).executeTakeFirstOrThrow()).locale).toBe("en");
    // Something that is no language changes nothing.
    await postAction(db(), languageRoute, user.id, "/sprache", { lng: "xx" });
    expect((await db().selectFrom("users").select("locale").where("id", "=", user.id).executeTakeFirstOrThrow()).locale).toBe("en");

    // A fresh browser (no language cookie): the sign-in sets the language chosen before.
    const signedIn = await postAction(db(), signInRoute, null, "/anmelden", { email: user.email, password: TEST_PASSWORD, redirectTo: "/" });
    expect(signedIn.status).toBe(302);
    const cookies = signedIn.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("lng=") && c.includes(encodeURIComponent(btoa('"en"'))))).toBe(true);
    expect(await i18nServer.getLocale(new Request("http://localhost/", { headers: { Cookie: cookies.map((c) => c.split(";")[0]).join("; ") } }))).toBe("en");

    // Someone who never chose keeps the browser's language as it is.
    const other = await createUser(db());
    const plain = await postAction(db(), signInRoute, null, "/anmelden", { email: other.email, password: TEST_PASSWORD, redirectTo: "/" });
    expect(plain.headers.getSetCookie().some((c) => c.startsWith("lng="))).toBe(false);
  });
});

describe(`password links (${dialectUnderTest})`, () => {
  it("sets a password once; the link cannot be used twice", async () => {
    const user = await createUser(db(), { password: null });
    const link = await createPasswordToken(db(), user.id, "setup");
    await setPasswordWithToken(db(), link, "ein-neues-sicheres-passwort");
    await expect(signIn(db(), { email: user.email, password: "ein-neues-sicheres-passwort", clientAddress: "10.4.0.1" })).resolves.toBeTruthy();
    const again = await errorOf(setPasswordWithToken(db(), link, "noch-ein-anderes-passwort"));
    expect(again.status).toBe(404);
  });

  it("creates the first admin only while none exists", async () => {
    await db().deleteFrom("role_assignments").where("role", "=", "admin").execute();
    const link = await ensureFirstAdminLink(db());
    expect(link).toBeTruthy();
    const id = await createFirstAdmin(db(), link!, { name: "Erste Admin", email: "erste@test.example", password: "sehr-geheimes-passwort" });
    const roles = await db().selectFrom("role_assignments").select("role").where("user_id", "=", id).execute();
    expect(roles.map((r) => r.role)).toEqual(["admin"]);
    expect(await ensureFirstAdminLink(db())).toBeNull();
    const reuse = await errorOf(createFirstAdmin(db(), link!, { name: "Zweite", email: "zweite@test.example", password: "sehr-geheimes-passwort" }));
    expect(reuse.status).toBe(404);
  });
});

describe(`user list for an organisation's lead (${dialectUnderTest})`, () => {
  it("lists every user of the organisation, marking those with higher roles as not changeable by the lead", async () => {
    const lead = await createUser(db(), { organisation: "Merzig", roles: ["member_lead"] });
    const staff = await createUser(db(), { organisation: "Merzig" });
    const board = await createUser(db(), { organisation: "Merzig", roles: ["board"] });
    const { users } = await listUsers(db(), lead.actor, {});
    const byId = new Map(users.map((u) => [u.id, u]));
    expect(byId.get(staff.id)?.manageable).toBe(true);
    expect(byId.get(board.id)?.manageable).toBe(false);
  });
});
