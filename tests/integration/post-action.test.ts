import { data, redirect } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import * as account from "#app/routes/konto";
import { postAction } from "#tests/factories/access";
import { createUser } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// The tests' one way to send a form to a route action (it replaced a copy per test file).
const { db } = setupTestDatabase();

describe(`postAction (${dialectUnderTest})`, () => {
  it("sends the form as the signed-in browser would and returns status, Location or conform's reply", async () => {
    const person = await createUser(db());
    const seen: { cookie: string | null; origin: string | null; body: string[]; params: unknown }[] = [];
    const route = {
      action: async ({ request, params }: { request: Request; params: unknown }) => {
        const form = await request.formData();
        seen.push({ cookie: request.headers.get("Cookie"), origin: request.headers.get("Origin"), body: form.getAll("ids").map(String), params });
        if (form.get("intent") === "go") throw redirect("/ziel", { headers: { "Set-Cookie": "toast=1" } });
        return data({ error: { title: ["validation.required"] }, details: { n: 1 }, initialValue: { title: "" } }, { status: 400 });
      },
    };
    expect(await postAction(db(), route, person.id, "/x/7", { intent: "go", ids: ["1", "2"] }, { id: "7" })).toMatchObject({ status: 302, location: "/ziel", error: null });
    // The answer's headers come along (a toast's Set-Cookie, for one).
    expect((await postAction(db(), route, person.id, "/x/7", { intent: "go" })).headers.get("Set-Cookie")).toBe("toast=1");
    expect(seen[0]).toMatchObject({ origin: "http://localhost", body: ["1", "2"], params: { id: "7" } });
    expect(seen[0].cookie).toMatch(/^bundel_session=/);
    const refused = await postAction(db(), route, null, "/x/7", { intent: "stay" });
    expect(refused).toEqual({
      status: 400,
      location: null,
      error: { title: ["validation.required"] },
      details: { n: 1 },
      initialValue: { title: "" },
      headers: expect.any(Headers),
    });
    expect([...refused.headers]).toEqual([]);
    expect(seen[2].cookie).toBeNull();
    // A real route: a refused password change.
    const reply = await postAction(db(), account, person.id, "/konto", { current: "falsch", password: "   ", confirm: "   " });
    expect(reply.status).toBe(400);
    expect(reply.error?.password).toContain("validation.passwordBlank");
  });

  it("lets an unexpected error through as the 500 it would be, instead of reading it as a reply", async () => {
    const broken = {
      action: async () => {
        throw new Error("kaputt");
      },
    };
    await expect(postAction(db(), broken, null, "/x", {})).rejects.toThrow("kaputt");
  });
});
