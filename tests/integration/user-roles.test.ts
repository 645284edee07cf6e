import { describe, expect, it } from "vitest";
import { createPasswordToken } from "#app/modules/auth/auth.server";
import { verifyPassword } from "#app/modules/auth/password.server";
import { loadActor } from "#app/modules/auth/session.server";
import { addRole, removeRole } from "#app/modules/users/users.server";
import { AppError } from "#app/utils/errors.server";
import * as accountData from "#app/routes/konto.daten";
import * as account from "#app/routes/konto";
import * as requirements from "#app/routes/anforderungen._index";
import * as setPassword from "#app/routes/passwort-setzen.$token";
import * as userPage from "#app/routes/verwaltung.benutzer.$id";
import { callRoute, changedTables, dbFingerprint, postAction } from "#tests/factories/access";
import { createUser, requestAs, TEST_PASSWORD } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

const rolesOf = async (userId: number) =>
  (await db().selectFrom("role_assignments").select("role").where("user_id", "=", userId).orderBy("id").execute()).map((r) => r.role);
const assignment = async (userId: number, role: string) =>
  (await db().selectFrom("role_assignments").select("id").where("user_id", "=", userId).where("role", "=", role).executeTakeFirstOrThrow()).id;
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AppError);
const passwordHash = async (userId: number) =>
  (await db().selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow()).password_hash;

describe(`removing a role (${dialectUnderTest})`, () => {
  it("refuses to take a person's last role, for a lead and for an admin alike, and changes nothing", async () => {
    const lead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const staff = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_staff"] });
    const only = await assignment(staff.id, "member_staff");
    const before = await dbFingerprint(db());
    for (const actor of [lead.actor, admin.actor]) {
      const error = await refusal(removeRole(db(), actor, staff.id, only));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 409, messageKey: "admin:users.lastRole" });
    }
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
    expect(await rolesOf(staff.id)).toEqual(["member_staff"]);
  });

  it("takes one of two roles and leaves the other", async () => {
    const lead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
    const person = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_staff", "member_lead"] });
    await removeRole(db(), lead.actor, person.id, await assignment(person.id, "member_lead"));
    expect(await rolesOf(person.id)).toEqual(["member_staff"]);
  });

  it("does not let a lead take away her own lead role, even beside another role; an admin may", async () => {
    const lead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead", "member_staff"] });
    const own = await assignment(lead.id, "member_lead");
    const before = await dbFingerprint(db());
    const error = await refusal(removeRole(db(), lead.actor, lead.id, own));
    expect(error).toMatchObject({ status: 409, messageKey: "admin:users.cannotRemoveOwnLead" });
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
    expect(await rolesOf(lead.id)).toEqual(["member_lead", "member_staff"]);

    // Another lead of the organisation may.
    const other = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
    await removeRole(db(), other.actor, lead.id, own);
    expect(await rolesOf(lead.id)).toEqual(["member_staff"]);

    // An admin keeps user management through the admin role.
    const admin = await createUser(db(), { organisation: "Saarbrücken", roles: ["admin"] });
    await addRole(db(), admin.actor, admin.id, "member_lead");
    const adminActor = await loadActor(db(), admin.id, admin.organisationId);
    await removeRole(db(), adminActor, admin.id, await assignment(admin.id, "member_lead"));
    expect(await rolesOf(admin.id)).toEqual(["admin"]);
  });

  it("on the page asks for confirmation first and shows a refusal in the form", async () => {
    const lead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
    const person = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_staff", "member_lead"] });
    const url = `/verwaltung/benutzer/${person.id}`;
    const params = { id: String(person.id) };
    const leadRole = await assignment(person.id, "member_lead");

    const before = await dbFingerprint(db());
    const unconfirmed = await postAction(db(), userPage, lead.id, url, { intent: "removeRole", assignmentId: String(leadRole) }, params);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.error?.confirm).toEqual(["validation.confirmRequired"]);
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);

    const confirmed = await postAction(db(), userPage, lead.id, url, { intent: "removeRole", assignmentId: String(leadRole), confirm: "yes" }, params);
    expect(confirmed.status).toBe(302);
    expect(await rolesOf(person.id)).toEqual(["member_staff"]);

    const last = await postAction(db(), userPage, lead.id, url, { intent: "removeRole", assignmentId: String(await assignment(person.id, "member_staff")), confirm: "yes" }, params);
    expect(last.status).toBe(409);
    expect(last.error?.[""]).toEqual(["admin:users.lastRole"]);
    expect(await rolesOf(person.id)).toEqual(["member_staff"]);
  });
});

describe(`„Mein Konto“ without any role (${dialectUnderTest})`, () => {
  it("opens the account page and the data export to a signed-in person holding no role, and nothing else more", async () => {
    const person = await createUser(db(), { organisation: "Saarbrücken", roles: [] });
    const args = async (url: string) => ({ request: await requestAs(db(), person.id, url), params: {}, context: { clientAddress: "127.0.0.1" } });
    expect((await callRoute(account.loader, await args("/konto"))).status).toBe(200);
    expect((await callRoute(accountData.loader, await args("/konto/daten"))).status).toBe(200);
    expect((await callRoute(requirements.loader, await args("/anforderungen"))).status).toBe(403);
    // Signing in is still required.
    const anonymous = await callRoute(account.loader, { request: await requestAs(db(), null, "/konto"), params: {}, context: {} });
    expect(anonymous.location).toMatch(/^\/anmelden/);
  });

  it("lets a person holding no role change the password", async () => {
    const person = await createUser(db(), { organisation: "Saarbrücken", roles: [] });
    const reply = await postAction(db(), account, person.id, "/konto", { current: TEST_PASSWORD, password: "Neues-Passwort-123", confirm: "Neues-Passwort-123" });
    expect(reply.status).toBe(302);
    expect(await verifyPassword((await passwordHash(person.id))!, "Neues-Passwort-123")).toBe(true);
  });
});

describe(`a new password of nothing but spaces (${dialectUnderTest})`, () => {
  const blank = " ".repeat(12);

  it("is refused at the field in „Mein Konto“ and the old password stays", async () => {
    const person = await createUser(db(), { organisation: "Saarbrücken" });
    const hash = await passwordHash(person.id);
    const reply = await postAction(db(), account, person.id, "/konto", { current: TEST_PASSWORD, password: blank, confirm: blank });
    expect(reply.status).toBe(400);
    expect(reply.error?.password).toEqual(["validation.passwordBlank"]);
    expect(await passwordHash(person.id)).toBe(hash);
  });

  it("is refused through a setup link, which stays usable; spaces inside a password are kept", async () => {
    const person = await createUser(db(), { organisation: "Saarbrücken", password: null });
    const token = await createPasswordToken(db(), person.id, "setup");
    const url = `/passwort-setzen/${token}`;
    const refused = await postAction(db(), setPassword, null, url, { password: blank, confirm: blank }, { token });
    expect(refused.status).toBe(400);
    expect(refused.error?.password).toEqual(["validation.passwordBlank"]);
    expect(await passwordHash(person.id)).toBeNull();

    const spaced = "  mein langes Passwort  ";
    const accepted = await postAction(db(), setPassword, null, url, { password: spaced, confirm: spaced }, { token });
    expect(accepted.status).toBe(302);
    const hash = (await passwordHash(person.id))!;
    expect(await verifyPassword(hash, spaced)).toBe(true);
    expect(await verifyPassword(hash, spaced.trim())).toBe(false);
  });
});

describe(`deactivating and anonymising ask first (${dialectUnderTest})`, () => {
  it("refuses either step without the confirmation, changing nothing, and takes it with the confirmation", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const person = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_staff"] });
    const url = `/verwaltung/benutzer/${person.id}`;
    const params = { id: String(person.id) };
    const state = async () => db().selectFrom("users").select(["active", "name", "email"]).where("id", "=", person.id).executeTakeFirstOrThrow();
    const original = await state();

    for (const intent of ["deactivate", "anonymise"]) {
      const before = await dbFingerprint(db());
      const unconfirmed = await postAction(db(), userPage, admin.id, url, { intent }, params);
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.error?.confirm).toEqual(["validation.confirmRequired"]);
      expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
      expect(await state()).toEqual(original);
    }

    expect((await postAction(db(), userPage, admin.id, url, { intent: "deactivate", confirm: "yes" }, params)).status).toBe(302);
    expect(Number((await state()).active)).toBe(0);
    expect((await postAction(db(), userPage, admin.id, url, { intent: "anonymise", confirm: "yes" }, params)).status).toBe(302);
    const after = await state();
    expect(after.name).not.toBe(original.name);
    expect(after.email).not.toBe(original.email);
  });
});
