import { describe, expect, it } from "vitest";
import { createCandidate } from "#app/modules/bundling/candidates.server";
import { createTeam, createUser, formBody, organisationId, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// Two tabs on the same edit form: the tab saved last was loaded before the other one saved. Its save
// is refused with a message, changes nothing, and gives the user's input back to the form; a save
// from a freshly loaded form goes through.

const { db } = setupTestDatabase();

type Reply = { data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; init: ResponseInit | null };
type RouteModule = { loader: (args: never) => Promise<unknown>; action: (args: never) => Promise<unknown> };

/** Loads the page as the user (one tab) and posts its form (that tab's save) through the real route module. */
function tab(mod: RouteModule, userId: number, path: string, params: Record<string, string>) {
  return {
    load: async <T>() => (await mod.loader({ request: await requestAs(db(), userId, path), params, context: {} } as never)) as T,
    save: async (fields: Record<string, string>) =>
      mod.action({ request: await requestAs(db(), userId, path, { method: "POST", body: formBody(fields) }), params, context: {} } as never),
  };
}

describe(`organisation page (${dialectUnderTest})`, () => {
  it("refuses a stale tab's save instead of undoing the other tab's population", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const district = await organisationId(db(), "Landkreis St. Wendel");
    const row = await db()
      .insertInto("organisations")
      .values({ name: "Gemeinde Stalehausen", kind: "gemeinde", district_id: district, population: 180000, requires_release: 1, created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const mod = (await import("../../app/routes/verwaltung.organisationen.$id")) as unknown as RouteModule;
    const page = tab(mod, admin.id, `/verwaltung/organisationen/${row.id}`, { id: String(row.id) });
    type Loaded = { organisation: { version: number } };
    const a = (await page.load<Loaded>()).organisation.version;
    const b = (await page.load<Loaded>()).organisation.version;
    const form = { name: "Gemeinde Stalehausen", kind: "gemeinde", districtId: String(district), active: "on" };

    expect(((await page.save({ ...form, population: "181959", requiresRelease: "on", version: String(a) })) as Response).status).toBe(302);
    const stored = () => db().selectFrom("organisations").select(["population", "requires_release", "version"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    const afterA = await stored();
    expect(afterA).toMatchObject({ population: 181959, requires_release: 1 });

    const stale = (await page.save({ ...form, population: "180000", version: String(b) })) as Reply;
    expect(stale.init?.status).toBe(409);
    expect(stale.data.error?.[""]).toEqual(["admin:organisations.staleVersion"]);
    expect(stale.data.initialValue).toMatchObject({ population: "180000", version: String(b) });
    expect(stale.data.initialValue).not.toHaveProperty("requiresRelease");
    expect(await stored()).toEqual(afterA);

    // Without a version (a form from before this check) nothing is saved either.
    expect(((await page.save({ ...form, population: "1" })) as Reply).init?.status).toBe(400);
    expect(await stored()).toEqual(afterA);

    // Reloaded, the tab's untick goes through and keeps the other tab's population.
    const fresh = (await page.load<Loaded>()).organisation.version;
    expect(((await page.save({ ...form, population: "181959", version: String(fresh) })) as Response).status).toBe(302);
    expect(await stored()).toMatchObject({ population: 181959, requires_release: 0 });
  });
});

describe(`candidate team assignment (${dialectUnderTest})`, () => {
  it("refuses a stale tab's team instead of replacing the other tab's choice", async () => {
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const filer = await createUser(db(), { organisation: "Homburg" });
    const rid = await fileRequirement(db(), filer.actor, { title: "Hundesteuer online zahlen" });
    const { id } = await createCandidate(db(), rm.actor, { requirementIds: [rid], title: "Hundesteuer digital" });
    const finanzen = await createTeam(db(), { name: "Kompetenzteam Finanzen (Stale)" });
    const bildung = await createTeam(db(), { name: "Kompetenzteam Bildung (Stale)" });
    const mod = (await import("../../app/routes/kandidaten.$id")) as unknown as RouteModule;
    const page = tab(mod, rm.id, `/kandidaten/${id}`, { id: String(id) });
    type Loaded = { candidate: { version: number; teamId: number | null } };
    const a = (await page.load<Loaded>()).candidate.version;
    const b = (await page.load<Loaded>()).candidate.version;

    expect(((await page.save({ intent: "team", teamId: String(finanzen), version: String(a) })) as Response).status).toBe(302);
    const stored = () => db().selectFrom("candidates").select(["team_id", "version", "updated_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    const events = () => db().selectFrom("candidate_events").select("id").where("candidate_id", "=", id).execute();
    const afterA = await stored();
    const eventsAfterA = await events();
    expect(afterA.team_id).toBe(finanzen);

    const stale = (await page.save({ intent: "team", teamId: String(bildung), version: String(b) })) as Reply;
    expect(stale.init?.status).toBe(409);
    expect(stale.data.error?.[""]).toEqual(["bundling:errors.staleVersion"]);
    expect(stale.data.initialValue).toMatchObject({ teamId: String(bildung) });
    expect(await stored()).toEqual(afterA);
    expect(await events()).toEqual(eventsAfterA);
    expect(((await page.save({ intent: "team", teamId: String(bildung) })) as Reply).init?.status).toBe(400);
    expect(await stored()).toEqual(afterA);

    const fresh = await page.load<Loaded>();
    expect(fresh.candidate.teamId).toBe(finanzen);
    expect(((await page.save({ intent: "team", teamId: String(bildung), version: String(fresh.candidate.version) })) as Response).status).toBe(302);
    expect((await stored()).team_id).toBe(bildung);
  });
});

describe(`user page (${dialectUnderTest})`, () => {
  it("refuses a stale tab's e-mail change instead of undoing the other tab's new name", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const person = await createUser(db(), { name: "Erika Muster", email: "erika.muster@test.example" });
    const mod = (await import("../../app/routes/verwaltung.benutzer.$id")) as unknown as RouteModule;
    const page = tab(mod, admin.id, `/verwaltung/benutzer/${person.id}`, { id: String(person.id) });
    type Loaded = { user: { version: number } };
    const a = (await page.load<Loaded>()).user.version;
    const b = (await page.load<Loaded>()).user.version;
    const form = { intent: "update", organisationId: String(person.organisationId) };

    const renamed = { ...form, name: "Erika Musterfrau", email: "erika.muster@test.example", version: String(a) };
    expect(((await page.save(renamed)) as Response).status).toBe(302);
    const stored = () => db().selectFrom("users").select(["name", "email", "organisation_id", "version", "updated_at"]).where("id", "=", person.id).executeTakeFirstOrThrow();
    const afterA = await stored();
    expect(afterA).toMatchObject({ name: "Erika Musterfrau", email: "erika.muster@test.example" });

    const stale = (await page.save({ ...form, name: "Erika Muster", email: "e.muster@test.example", version: String(b) })) as Reply;
    expect(stale.init?.status).toBe(409);
    expect(stale.data.error?.[""]).toEqual(["admin:users.staleVersion"]);
    expect(stale.data.initialValue).toMatchObject({ name: "Erika Muster", email: "e.muster@test.example" });
    expect(await stored()).toEqual(afterA);
    expect(((await page.save({ ...form, name: "Erika Muster", email: "e.muster@test.example" })) as Reply).init?.status).toBe(400);
    expect(await stored()).toEqual(afterA);

    const fresh = (await page.load<Loaded>()).user.version;
    expect(((await page.save({ ...form, name: "Erika Musterfrau", email: "e.muster@test.example", version: String(fresh) })) as Response).status).toBe(302);
    expect(await stored()).toMatchObject({ name: "Erika Musterfrau", email: "e.muster@test.example" });
  });

  it("refuses a form loaded before the person was anonymised, so the name and e-mail do not come back", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const person = await createUser(db(), { name: "Max Vergessen", email: "max.vergessen@test.example" });
    const mod = (await import("../../app/routes/verwaltung.benutzer.$id")) as unknown as RouteModule;
    const page = tab(mod, admin.id, `/verwaltung/benutzer/${person.id}`, { id: String(person.id) });
    const { version } = (await page.load<{ user: { version: number } }>()).user;
    expect(((await page.save({ intent: "anonymise", confirm: "yes" })) as Response).status).toBe(302);

    const stale = { intent: "update", name: "Max Vergessen", email: "max.vergessen@test.example", organisationId: String(person.organisationId) };
    expect(((await page.save({ ...stale, version: String(version) })) as Reply).init?.status).toBe(409);
    expect(await db().selectFrom("users").select(["name", "email"]).where("id", "=", person.id).executeTakeFirstOrThrow()).toEqual({
      name: `Ehemalige Person ${person.id}`,
      email: `anonymisiert-${person.id}@invalid`,
    });
  });
});
