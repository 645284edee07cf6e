import { beforeAll, describe, expect, it } from "vitest";
import { listAudit, recordAudit } from "#app/modules/audit/audit.server";
import { signIn, signOut } from "#app/modules/auth/auth.server";
import { validateSessionToken } from "#app/modules/auth/session.server";
import { AppError } from "#app/utils/errors.server";
import { addRole } from "#app/modules/users/users.server";
import { createTeam, createUser, TEST_PASSWORD } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

describe(`audit log filter (${dialectUnderTest})`, () => {
  let admin: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    admin = await createUser(db(), { roles: ["admin"] });
    const user = await createUser(db());
    const { token } = await signIn(db(), { email: user.email, password: TEST_PASSWORD, clientAddress: "10.0.1.1" });
    await expect(signIn(db(), { email: user.email, password: "falsch-falsch-falsch", clientAddress: "10.0.1.1" })).rejects.toBeInstanceOf(AppError);
    await signOut(db(), (await validateSessionToken(db(), token))!.sessionId, user.id);
    // A row from before a code was renamed: still listed, still filterable.
    await db().insertInto("audit_log").values({ at: new Date().toISOString(), actor_user_id: null, action: "auth.legacy_code", entity_type: "user", entity_id: null, detail: null }).execute();
  });

  const actionsOf = async (action: string) =>
    (await listAudit(db(), admin.actor, { action, page: 1 })).rows.map((r) => r.action).sort();

  it("finds exactly the chosen code, also one with underscores", async () => {
    expect(await actionsOf("auth.sign_in")).toEqual(["auth.sign_in"]);
    expect(await actionsOf("auth.sign_in_failed")).toEqual(["auth.sign_in_failed"]);
    expect(await actionsOf("auth.legacy_code")).toEqual(["auth.legacy_code"]);
  });

  it("finds a whole area by its prefix, and nothing for a part of a word or a wildcard", async () => {
    expect(await actionsOf("auth")).toEqual(["auth.legacy_code", "auth.sign_in", "auth.sign_in_failed", "auth.sign_out"]);
    expect(await actionsOf("aut")).toEqual([]);
    expect(await actionsOf("auth.sign")).toEqual([]);
    expect(await actionsOf("%")).toEqual([]);
    expect(await actionsOf("auth.sign_in_")).toEqual([]);
  });

  it("offers every code present, old ones included, for the filter", async () => {
    const { actions } = await listAudit(db(), admin.actor, { page: 1 });
    expect(actions).toEqual(expect.arrayContaining(["auth.legacy_code", "auth.sign_in", "auth.sign_in_failed", "auth.sign_out"]));
  });

  it("names the person, an anonymous visitor, or the application itself", async () => {
    // As the board's result is recorded once the last vote is in: by no one signed in.
    await recordAudit(db(), { actorUserId: null, action: "project.board_adopted", entityType: "project", entityId: 1, detail: { yes: 4, no: 1, abstain: 0 } });
    const { rows } = await listAudit(db(), admin.actor, { action: "project.board_adopted", page: 1 });
    expect(rows[0]).toMatchObject({ actorName: null, actorKind: "system" });
    const auth = (await listAudit(db(), admin.actor, { action: "auth", page: 1 })).rows;
    expect(auth.find((r) => r.action === "auth.sign_in_failed")).toMatchObject({ actorName: null, actorKind: "visitor" });
    expect(auth.find((r) => r.action === "auth.sign_in")).toMatchObject({ actorKind: "user" });
  });

  it("gives the details as labelled lines, with the names of the teams and organisations they name", async () => {
    const teamId = await createTeam(db(), { name: "Team Protokoll" });
    const user = await createUser(db());
    await addRole(db(), admin.actor, user.id, "team_lead", teamId);
    await recordAudit(db(), { actorUserId: admin.id, action: "project.rollout", entityType: "project", entityId: 1, detail: { organisationId: user.organisationId, from: "interested", to: "declined" } });
    const [role] = (await listAudit(db(), admin.actor, { action: "role.assigned", page: 1 })).rows;
    expect(role).not.toHaveProperty("detail");
    expect(role.details).toEqual([
      { label: { key: "admin:users.role" }, value: { key: "common:roles.team_lead" } },
      { label: { key: "admin:audit.detailLabels.team" }, value: { text: "Team Protokoll" } },
    ]);
    const [rollout] = (await listAudit(db(), admin.actor, { action: "project.rollout", page: 1 })).rows;
    expect(rollout.details).toContainEqual({ label: { key: "admin:audit.detailLabels.organisation" }, value: { text: "Saarbrücken" } });
    expect(rollout.details).toContainEqual({
      label: { key: "admin:audit.detailLabels.rollout" },
      value: { key: "admin:audit.detailValues.change", params: { from: { key: "projects:rollout.interested" }, to: { key: "projects:rollout.declined" } } },
    });
  });

  it("is for admins only", async () => {
    const staff = await createUser(db());
    await expect(listAudit(db(), staff.actor, { page: 1 })).rejects.toMatchObject({ status: 403 });
  });
});
