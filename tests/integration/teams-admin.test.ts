import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { isUniqueViolation, migrateToLatest, type DB } from "#db/client.server";
import { migrationProvider } from "#db/migrations/index";
import { createTeam, getTeam, updateTeam } from "#app/modules/organisations/organisations.server";
import { teamNameKey } from "#app/modules/organisations/schema";
import { startWorkshop } from "#app/modules/workshops/workshops.server";
import { createUser } from "#tests/factories/index";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

const team = (name: string, active = true) => ({ name, description: "", active });

describe(`Kompetenzteam names (${dialectUnderTest})`, () => {
  it("refuses a name that differs only in case, spacing or the word Kompetenzteam, on create and rename", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const existing = await createTeam(db(), admin.actor, team("Kompetenzteam Finanzen & Steuern"));
    const umlaut = await createTeam(db(), admin.actor, team("Ärztliche Dienste"));
    for (const name of ["  kompetenzteam finanzen & steuern  ", "Finanzen & Steuern", "FINANZEN  &  STEUERN", "Kompetenzteam: Finanzen & Steuern"]) {
      await expect(createTeam(db(), admin.actor, team(name)), name).rejects.toMatchObject({ status: 409, messageKey: "admin:teams.nameTaken", field: "name" });
    }
    // Non-ASCII letters fold on both dialects.
    await expect(createTeam(db(), admin.actor, team("ärztliche dienste"))).rejects.toMatchObject({ messageKey: "admin:teams.nameTaken" });
    const other = await createTeam(db(), admin.actor, team("Bauen & Wohnen"));
    await expect(updateTeam(db(), admin.actor, other, team("finanzen & steuern"))).rejects.toMatchObject({ messageKey: "admin:teams.nameTaken", field: "name" });
    expect((await getTeam(db(), other)).name).toBe("Bauen & Wohnen");
    // A team may keep its own name, in another spelling too.
    await updateTeam(db(), admin.actor, existing, team("Kompetenzteam Finanzen & Steuern"));
    await updateTeam(db(), admin.actor, umlaut, team("ÄRZTLICHE DIENSTE"));
    expect((await getTeam(db(), umlaut)).name).toBe("ÄRZTLICHE DIENSTE");
  });
});

describe(`deactivating a Kompetenzteam (${dialectUnderTest})`, () => {
  it("asks first while it has open candidates or planned workshops, naming them", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const f = await workshopFixture(db(), { candidates: 2 });
    const { name } = await getTeam(db(), f.teamId);
    expect((await getTeam(db(), f.teamId)).openWork).toEqual({ candidates: 2, plannedWorkshops: 1, liveWorkshops: 0 });
    await expect(updateTeam(db(), admin.actor, f.teamId, team(name, false))).rejects.toMatchObject({
      status: 400,
      field: "confirm",
      details: { candidates: 2, plannedWorkshops: 1 },
    });
    expect((await getTeam(db(), f.teamId)).active).toBe(true);
    await updateTeam(db(), admin.actor, f.teamId, { ...team(name, false), confirm: "yes" });
    expect((await getTeam(db(), f.teamId)).active).toBe(false);
  });

  it("does not ask without open work, nor for other changes", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const f = await workshopFixture(db(), { candidates: 1 });
    const { name } = await getTeam(db(), f.teamId);
    await updateTeam(db(), admin.actor, f.teamId, { ...team(name), description: "Neu" });
    const empty = await createTeam(db(), admin.actor, team(`Leeres Team ${f.teamId}`));
    await updateTeam(db(), admin.actor, empty, team(`Leeres Team ${f.teamId}`, false));
    expect((await getTeam(db(), empty)).active).toBe(false);
  });

  it("refuses while one of its workshops runs", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const f = await workshopFixture(db(), { candidates: 1 });
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    const { name } = await getTeam(db(), f.teamId);
    await expect(updateTeam(db(), admin.actor, f.teamId, { ...team(name, false), confirm: "yes" })).rejects.toMatchObject({
      status: 409,
      messageKey: "admin:teams.deactivateLive",
      field: "active",
    });
    expect((await getTeam(db(), f.teamId)).active).toBe(true);
  });
});

/** The db with a team name check that sees no teams: the save goes ahead as if another had not committed yet. */
function blindToTeams(real: DB): DB {
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "selectFrom") return (table: "teams") => target.selectFrom(table).where(sql<boolean>`1 = 0`);
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const nameTaken = { status: 409, messageKey: "admin:teams.nameTaken", field: "name" };

describe(`Kompetenzteam names under a race (${dialectUnderTest})`, () => {
  it("a create that passed the check before the other committed gets the field message, not a server error", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const first = await createTeam(db(), admin.actor, team("Kompetenzteam Digitale Schule"));
    for (const name of ["digitale  schule", "Kompetenzteam Digitale Schule"]) {
      await expect(createTeam(blindToTeams(db()), admin.actor, team(name)), name).rejects.toMatchObject(nameTaken);
    }
    const rows = await db().selectFrom("teams").select(["id", "name_key"]).where("name_key", "=", "digitale schule").execute();
    expect(rows).toEqual([{ id: first, name_key: "digitale schule" }]);
  });

  it("of two creates or two renames at the same instant, one wins and the other gets the field message", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const created = await Promise.allSettled([
      createTeam(db(), admin.actor, team("Kompetenzteam Mobilität")),
      createTeam(db(), admin.actor, team("MOBILITÄT")),
    ]);
    expect(created.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(created.find((r) => r.status === "rejected")).toMatchObject({ reason: nameTaken });

    const a = await createTeam(db(), admin.actor, team("Wasser"));
    const b = await createTeam(db(), admin.actor, team("Abwasser"));
    const renamed = await Promise.allSettled([updateTeam(db(), admin.actor, a, team("Kompetenzteam Umwelt")), updateTeam(db(), admin.actor, b, team("umwelt"))]);
    expect(renamed.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(renamed.find((r) => r.status === "rejected")).toMatchObject({ reason: nameTaken });
    const names = [(await getTeam(db(), a)).name, (await getTeam(db(), b)).name].sort();
    expect([["Abwasser", "Kompetenzteam Umwelt"], ["Wasser", "umwelt"]]).toContainEqual(names);
  });

  it("every save stores the folded name, and the database refuses a second row with it", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const id = await createTeam(db(), admin.actor, team("  Kompetenzteam –  Öffentliche   Ordnung "));
    expect((await db().selectFrom("teams").select("name_key").where("id", "=", id).executeTakeFirstOrThrow()).name_key).toBe("öffentliche ordnung");
    await updateTeam(db(), admin.actor, id, team("Ordnung & Sicherheit"));
    expect((await db().selectFrom("teams").select("name_key").where("id", "=", id).executeTakeFirstOrThrow()).name_key).toBe("ordnung & sicherheit");
    const error = await db()
      .insertInto("teams")
      .values({ name: "Ordnung und so", name_key: "ordnung & sicherheit", description: "", created_at: new Date().toISOString() })
      .execute()
      .then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error, "teams", "name_key")).toBe(true);
    // Only that index: another table's unique column is not taken for it.
    const email = await db()
      .insertInto("users")
      .values({ email: admin.email, name: "Doppelt", password_hash: null, organisation_id: admin.organisationId, locale: null, created_at: "", updated_at: "" })
      .execute()
      .then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(email, "users", "email")).toBe(true);
    expect(isUniqueViolation(email, "teams", "name_key")).toBe(false);
  });

  // Last in this file: it takes the database back before the migration and forward again.
  it("the migration fills the folded name of existing teams as teamNameKey does, and keeps teams that collided", async () => {
    const migrator = new Migrator({ db: db(), provider: migrationProvider });
    const down = await migrator.migrateTo("2026_12_06_1300_create_candidate_merges");
    expect(down.error).toBeUndefined();
    const names = ["Kompetenzteam: Soziales  und Jugend", "ÄMTER & Bürgerdienste", "soziales und jugend"];
    const ids: number[] = [];
    for (const name of names) {
      const row = await (db() as unknown as DB)
        .insertInto("teams")
        .values({ name, description: "", created_at: new Date().toISOString() } as never)
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await migrateToLatest(db());
    const keys = await db().selectFrom("teams").select(["id", "name", "name_key"]).execute();
    for (const row of keys) if (!ids.includes(row.id)) expect(row.name_key, row.name).toBe(teamNameKey(row.name));
    const byId = new Map(keys.map((k) => [k.id, k.name_key]));
    expect(ids.map((id) => byId.get(id))).toEqual(["soziales und jugend", "ämter & bürgerdienste", `soziales und jugend (#${ids[2]})`]);
  });
});
