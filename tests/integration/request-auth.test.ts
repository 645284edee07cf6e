import { describe, expect, it } from "vitest";
import { getAuth } from "#app/modules/auth/session.server";
import { rememberForRequest, runInRequestScope } from "#app/utils/request-scope.server";
import { createUser, requestAs } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// A page's loaders run side by side and each reads the session: once per GET request, never across
// an action (which may change the user or end the session before the loaders run).

const { db } = setupTestDatabase();

describe(`the session read once per page request (${dialectUnderTest})`, () => {
  it("gives the loaders of one GET the same reading, and the next request a fresh one", async () => {
    const user = await createUser(db(), { name: "Anna Vorher" });
    const request = await requestAs(db(), user.id, "/anforderungen");
    const [first, second] = await runInRequestScope(async () => {
      const a = await getAuth(request.clone());
      await db().updateTable("users").set({ name: "Anna Nachher" }).where("id", "=", user.id).execute();
      return [a, await getAuth(request.clone())];
    });
    expect(second).toBe(first);
    expect(first?.user.name).toBe("Anna Vorher");
    expect((await runInRequestScope(() => getAuth(request.clone())))?.user.name).toBe("Anna Nachher");
  });

  it("reads the session afresh for each check of a POST, so the loaders after an action see its change", async () => {
    const user = await createUser(db(), { name: "Jonas Vorher" });
    const request = await requestAs(db(), user.id, "/konto", { method: "POST", body: new URLSearchParams({ name: "x" }) });
    const names = await runInRequestScope(async () => {
      const before = (await getAuth(request.clone()))?.user.name;
      await db().updateTable("users").set({ name: "Jonas Nachher" }).where("id", "=", user.id).execute();
      return [before, (await getAuth(request.clone()))?.user.name];
    });
    expect(names).toEqual(["Jonas Vorher", "Jonas Nachher"]);
  });

  it("ends with the session: a deleted session is not remembered across requests", async () => {
    const user = await createUser(db());
    const request = await requestAs(db(), user.id, "/");
    expect(await runInRequestScope(() => getAuth(request.clone()))).not.toBeNull();
    await db().deleteFrom("sessions").where("user_id", "=", user.id).execute();
    expect(await runInRequestScope(() => getAuth(request.clone()))).toBeNull();
  });
});

describe("rememberForRequest", () => {
  it("computes once per request scope and every time outside one", () => {
    let calls = 0;
    const compute = () => ++calls;
    runInRequestScope(() => {
      expect(rememberForRequest("k", compute)).toBe(1);
      expect(rememberForRequest("k", compute)).toBe(1);
      expect(rememberForRequest("other", compute)).toBe(2);
    });
    runInRequestScope(() => expect(rememberForRequest("k", compute)).toBe(3));
    expect(rememberForRequest("k", compute)).toBe(4);
    expect(rememberForRequest("k", compute)).toBe(5);
  });
});
