import { describe, expect, it } from "vitest";
import { createOrganisation, getOrganisation, updateOrganisation } from "#app/modules/organisations/organisations.server";
import { createUser, organisationId } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

const input = (kind: string, districtId: number | null, name = `Organisation ${Math.random().toString(36).slice(2)}`) =>
  ({ name, kind, districtId, population: null, requiresRelease: false, active: true }) as Parameters<typeof createOrganisation>[2];

describe(`organisation districts (${dialectUnderTest})`, () => {
  it("puts Städte and Gemeinden under a Landkreis or the Regionalverband, and under nothing else", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const landkreis = await organisationId(db(), "Landkreis St. Wendel");
    const regionalverband = await organisationId(db(), "Regionalverband Saarbrücken");
    const town = await organisationId(db(), "Tholey");
    expect(await createOrganisation(db(), admin.actor, input("gemeinde", landkreis))).toBeGreaterThan(0);
    expect(await createOrganisation(db(), admin.actor, input("stadt", regionalverband))).toBeGreaterThan(0);
    await expect(createOrganisation(db(), admin.actor, input("stadt", null))).rejects.toMatchObject({ messageKey: "admin:organisations.districtRequired", field: "districtId" });
    await expect(createOrganisation(db(), admin.actor, input("gemeinde", town))).rejects.toMatchObject({ messageKey: "admin:organisations.districtInvalid", field: "districtId" });
  });

  it("puts Landkreise, the Regionalverband, umbrella associations and the office under none", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const landkreis = await organisationId(db(), "Landkreis St. Wendel");
    for (const kind of ["landkreis", "regionalverband", "spitzenverband", "geschaeftsstelle"]) {
      await expect(createOrganisation(db(), admin.actor, input(kind, landkreis)), kind).rejects.toMatchObject({ messageKey: "admin:organisations.districtNone", field: "districtId" });
    }
    expect(await createOrganisation(db(), admin.actor, input("landkreis", null))).toBeGreaterThan(0);
  });

  it("refuses an impossible change and changes nothing", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const other = await organisationId(db(), "Landkreis Merzig-Wadern");
    const id = await organisationId(db(), "Landkreis St. Wendel");
    const before = await getOrganisation(db(), id);
    const edit = { ...input("landkreis", other, before.name), version: before.version };
    await expect(updateOrganisation(db(), admin.actor, id, edit)).rejects.toMatchObject({ messageKey: "admin:organisations.districtNone" });
    const town = await getOrganisation(db(), await organisationId(db(), "Tholey"));
    await expect(updateOrganisation(db(), admin.actor, town.id, { ...input("gemeinde", null, town.name), version: town.version })).rejects.toMatchObject({
      messageKey: "admin:organisations.districtRequired",
    });
    // A Landkreis others belong to stays one.
    await expect(updateOrganisation(db(), admin.actor, id, { ...input("stadt", other, before.name), version: before.version })).rejects.toMatchObject({
      messageKey: "admin:organisations.kindHasMembers",
      field: "kind",
    });
    expect(await getOrganisation(db(), id)).toEqual(before);
    expect((await getOrganisation(db(), town.id)).district_id).toBe(town.district_id);
  });
});
