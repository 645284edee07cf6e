import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "#app/modules/audit/audit.server";
import { signIn, signOut } from "#app/modules/auth/auth.server";
import { validateSessionToken } from "#app/modules/auth/session.server";
import { AppError } from "#app/utils/errors.server";
import { createUser, TEST_PASSWORD } from "#tests/factories/index";
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

  it("is for admins only", async () => {
    const staff = await createUser(db());
    await expect(listAudit(db(), staff.actor, { page: 1 })).rejects.toMatchObject({ status: 403 });
  });
});
