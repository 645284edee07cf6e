import { describe, expect, it } from "vitest";
import { createPasswordToken, findPasswordToken, signIn } from "#app/modules/auth/auth.server";
import { hashPassword } from "#app/modules/auth/password.server";
import { addTeamMember, approveProject, changeProjectLead, proposeProject } from "#app/modules/projects/projects.server";
import { anonymiseUser } from "#app/modules/users/account.server";
import { addRole, getUserDetail, issueSetupLink, listUsers, removeRole, setUserActive, updateUser } from "#app/modules/users/users.server";
import { AppError } from "#app/utils/errors.server";
import * as userPage from "#app/routes/verwaltung.benutzer.$id";
import { changedTables, dbFingerprint, postAction } from "#tests/factories/access";
import { createTeam, createUser, requestAs } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AppError);
const FINAL = { status: 409, messageKey: "admin:users.anonymisedFinal" };

async function anonymisedPerson() {
  const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
  const lead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
  const person = await createUser(db(), { name: "Frieda Endgültig", email: "frieda.endgueltig@test.example", organisation: "Saarbrücken", roles: ["member_staff"] });
  await anonymiseUser(db(), admin.actor, person.id);
  return { admin, lead, person };
}

describe(`an anonymised account is final (${dialectUnderTest})`, () => {
  it("records when it was anonymised, and a second anonymisation is refused", async () => {
    const { admin, person } = await anonymisedPerson();
    const detail = await getUserDetail(db(), admin.actor, person.id);
    expect(detail.anonymisedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    const before = await dbFingerprint(db());
    expect(await refusal(anonymiseUser(db(), admin.actor, person.id))).toMatchObject(FINAL);
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
    // The user list says „Anonymisiert“, not merely „Deaktiviert“.
    const listed = (await listUsers(db(), admin.actor, { q: `anonymisiert-${person.id}@` })).users;
    expect(listed.map((u) => [u.id, u.anonymised, u.active])).toContainEqual([person.id, true, false]);
  });

  it("refuses every use case that changes the person, for an admin and for the organisation's lead, changing nothing", async () => {
    const { admin, lead, person } = await anonymisedPerson();
    const teamId = await createTeam(db());
    const before = await dbFingerprint(db());
    for (const actor of [admin.actor, lead.actor]) {
      const version = (await getUserDetail(db(), admin.actor, person.id)).version;
      // One after the other: each is started only when awaited.
      const attempts = [
        () => setUserActive(db(), actor, person.id, true),
        () => setUserActive(db(), actor, person.id, false),
        () => updateUser(db(), actor, person.id, { name: "Neue Person", email: "neue.person@test.example", organisationId: person.organisationId, version }),
        () => addRole(db(), actor, person.id, "member_staff"),
        () => addRole(db(), actor, person.id, "team_member", teamId),
        () => removeRole(db(), actor, person.id, 1),
        () => issueSetupLink(db(), actor, person.id),
      ];
      for (const attempt of attempts) expect(await refusal(attempt())).toMatchObject(FINAL);
    }
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
  });

  it("answers every form of the user page with 409 and the German message, changing nothing", async () => {
    const { admin, person } = await anonymisedPerson();
    const url = `/verwaltung/benutzer/${person.id}`;
    const params = { id: String(person.id) };
    const version = String((await getUserDetail(db(), admin.actor, person.id)).version);
    const forms: Record<string, string>[] = [
      { intent: "reactivate" },
      { intent: "deactivate", confirm: "yes" },
      { intent: "update", version, name: "Neue Person", email: "neue.person@test.example", organisationId: String(person.organisationId) },
      { intent: "addRole", role: "member_lead" },
      { intent: "removeRole", assignmentId: "1", confirm: "yes" },
      { intent: "newLink" },
      { intent: "anonymise", confirm: "yes" },
    ];
    const before = await dbFingerprint(db());
    for (const form of forms) {
      const reply = await postAction(db(), userPage, admin.id, url, form, params);
      expect(reply.status, form.intent).toBe(409);
      expect(reply.error?.[""], form.intent).toEqual(["admin:users.anonymisedFinal"]);
    }
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
    const row = await db().selectFrom("users").select(["name", "email", "active", "password_hash"]).where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: `Ehemalige Person ${person.id}`, email: `anonymisiert-${person.id}@invalid`, active: 0, password_hash: null });
  });

  it("the user page still opens for an admin and tells when the person was anonymised", async () => {
    const { admin, person } = await anonymisedPerson();
    const request = await requestAs(db(), admin.id, `/verwaltung/benutzer/${person.id}`);
    const loaded = (await userPage.loader({ request, params: { id: String(person.id) }, context: {} } as never)) as { user: { anonymisedAt: string | null } };
    expect(loaded.user.anonymisedAt).toEqual(expect.any(String));
  });

  it("cannot be put into a project team or made its lead", async () => {
    const { person } = await anonymisedPerson();
    const julia = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const stefan = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const lead = await createUser(db(), { organisation: "Perl" });
    const staff = await createUser(db(), { organisation: "Merzig" });
    const c = await prioritisedCandidate(db(), [staff.actor]);
    const { id: projectId } = await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id));
    await approveProject(db(), julia.actor, projectId);
    await approveProject(db(), stefan.actor, projectId);
    const before = await dbFingerprint(db());
    expect(await refusal(addTeamMember(db(), julia.actor, projectId, person.id, "specialist"))).toMatchObject({ status: 400 });
    expect(await refusal(changeProjectLead(db(), julia.actor, projectId, { leadUserId: person.id, reason: "Versuch" }))).toBeInstanceOf(AppError);
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
  });

  it("can never sign in or use a setup link again, even if its row were given a password and set active", async () => {
    const { person } = await anonymisedPerson();
    // A link made before the anonymisation is gone; one slipped in afterwards (or a row edited by hand) is no way back.
    const token = await createPasswordToken(db(), person.id, "setup");
    await db().updateTable("users").set({ active: 1, password_hash: await hashPassword("ein-neues-passwort-1234") }).where("id", "=", person.id).execute();
    expect(await findPasswordToken(db(), token, "setup")).toBeNull();
    const error = await refusal(signIn(db(), { email: `anonymisiert-${person.id}@invalid`, password: "ein-neues-passwort-1234", clientAddress: "10.7.7.7" }));
    expect(error).toMatchObject({ status: 400, messageKey: "auth:signIn.invalid" });
  });
});
