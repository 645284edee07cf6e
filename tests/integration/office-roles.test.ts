import { describe, expect, it } from "vitest";
import * as newUserPage from "#app/routes/verwaltung.benutzer.neu";
import * as userPage from "#app/routes/verwaltung.benutzer.$id";
import { getOrganisation, updateOrganisation } from "#app/modules/organisations/organisations.server";
import { addRole, createUser as createUserCase, updateUser } from "#app/modules/users/users.server";
import { changedTables, dbFingerprint, postAction } from "#tests/factories/access";
import { createUser, organisationId } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

const OFFICE = "eGo-Saar Geschäftsstelle";
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);
const rolesOf = async (userId: number) =>
  (await db().selectFrom("role_assignments").select("role").where("user_id", "=", userId).orderBy("id").execute()).map((r) => r.role);
const versionOf = async (userId: number) =>
  (await db().selectFrom("users").select("version").where("id", "=", userId).executeTakeFirstOrThrow()).version;

describe(`association roles only for the association's office (${dialectUnderTest})`, () => {
  it("refuses to create a municipal user with Geschäftsführung, Anforderungsmanagement or Administration, at the role field", async () => {
    const admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
    const homburg = await organisationId(db(), "Homburg");
    for (const role of ["management", "requirements_manager", "admin"]) {
      const before = await dbFingerprint(db());
      const reply = await postAction(db(), newUserPage, admin.id, "/verwaltung/benutzer/neu", {
        name: "Hanna Homburg",
        email: `hanna.${role}@homburg.example`,
        organisationId: String(homburg),
        role,
      });
      expect(reply.status).toBe(400);
      expect(reply.error).toMatchObject({ role: ["admin:users.officeRoleOnly"] });
      const changed = changedTables(before, await dbFingerprint(db()));
      expect(changed).not.toContain("users");
      expect(changed).not.toContain("role_assignments");
      expect(await db().selectFrom("users").select("id").where("email", "=", `hanna.${role}@homburg.example`).executeTakeFirst()).toBeUndefined();
    }
  });

  it("still creates office staff with those roles, and municipal board members and clerks", async () => {
    const admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
    const office = await organisationId(db(), OFFICE);
    const homburg = await organisationId(db(), "Homburg");
    const gf = await createUserCase(db(), admin.actor, { name: "Gisela GF", email: "gisela.gf@ego-saar.example", organisationId: office, role: "management" });
    expect(await rolesOf(gf.userId)).toEqual(["management"]);
    const board = await createUserCase(db(), admin.actor, { name: "Bernd Board", email: "bernd.board@homburg.example", organisationId: homburg, role: "board" });
    expect(await rolesOf(board.userId)).toEqual(["board"]);
  });

  it("refuses to add an association role to a municipal user, at the role field; board and team roles stay possible", async () => {
    const admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
    const clerk = await createUser(db(), { organisation: "Homburg", roles: ["member_staff"] });
    for (const role of ["management", "requirements_manager", "admin"] as const) {
      const reply = await postAction(db(), userPage, admin.id, `/verwaltung/benutzer/${clerk.id}`, { intent: "addRole", role }, { id: String(clerk.id) });
      expect(reply.status).toBe(400);
      expect(reply.error).toMatchObject({ role: ["admin:users.officeRoleOnly"] });
      expect(await refusal(addRole(db(), admin.actor, clerk.id, role))).toMatchObject({ status: 400, messageKey: "admin:users.officeRoleOnly", field: "role" });
    }
    expect(await rolesOf(clerk.id)).toEqual(["member_staff"]);
    await addRole(db(), admin.actor, clerk.id, "board");
    expect(await rolesOf(clerk.id)).toEqual(["member_staff", "board"]);
  });

  it("refuses to move a holder of an association role to a municipality, at the organisation field, and changes nothing", async () => {
    const admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
    const director = await createUser(db(), { organisation: OFFICE, roles: ["management"], name: "Dora Direktorin", email: "dora@ego-saar.example" });
    const homburg = await organisationId(db(), "Homburg");
    const version = await versionOf(director.id);
    const reply = await postAction(
      db(),
      userPage,
      admin.id,
      `/verwaltung/benutzer/${director.id}`,
      { intent: "update", version: String(version), name: "Dora Direktorin", email: "dora@ego-saar.example", organisationId: String(homburg) },
      { id: String(director.id) },
    );
    expect(reply.status).toBe(400);
    expect(reply.error).toMatchObject({ organisationId: ["admin:users.officeRoleMove"] });
    const row = await db().selectFrom("users").select(["organisation_id", "version"]).where("id", "=", director.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ organisation_id: director.organisationId, version });

    const before = await dbFingerprint(db());
    const error = await refusal(updateUser(db(), admin.actor, director.id, { name: "Dora Direktorin", email: "dora@ego-saar.example", organisationId: homburg, version }));
    expect(error).toMatchObject({ status: 400, messageKey: "admin:users.officeRoleMove", field: "organisationId" });
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);

    // A board member (from a municipality) may move between municipalities; office staff without such roles may too.
    const boardMember = await createUser(db(), { organisation: "Saarlouis", roles: ["board"] });
    await updateUser(db(), admin.actor, boardMember.id, { name: "Bo Ard", email: "bo.ard@homburg.example", organisationId: homburg, version: await versionOf(boardMember.id) });
    expect((await db().selectFrom("users").select("organisation_id").where("id", "=", boardMember.id).executeTakeFirstOrThrow()).organisation_id).toBe(homburg);
  });

  it("keeps the office an office while its staff hold association roles", async () => {
    const admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
    const office = await getOrganisation(db(), await organisationId(db(), OFFICE));
    const edit = { name: office.name, kind: "gemeinde" as const, districtId: await organisationId(db(), "Landkreis St. Wendel"), population: null, requiresRelease: false, active: true, version: office.version };
    await expect(updateOrganisation(db(), admin.actor, office.id, edit)).rejects.toMatchObject({ status: 400, messageKey: "admin:organisations.kindHasOfficeRoles", field: "kind" });
    expect((await getOrganisation(db(), office.id)).kind).toBe("geschaeftsstelle");
  });
});
