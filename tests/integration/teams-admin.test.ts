import { describe, expect, it } from "vitest";
import { createTeam, getTeam, updateTeam } from "#app/modules/organisations/organisations.server";
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
