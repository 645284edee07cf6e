import { beforeAll, describe, expect, it } from "vitest";
import { listOrganisations } from "#app/modules/organisations/organisations.server";
import { compareGerman } from "#app/modules/organisations/order";
import { listAssignableUsers } from "#app/modules/projects/queries.server";
import { listDistricts, listOrganisationOptions } from "#app/modules/requirements/queries.server";
import { ASSOCIATION_OFFICE_NAME } from "#db/seed/members";
import { createUser } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

/** Asserts the German order a reader expects, which SQL's byte order does not give. */
function expectGermanOrder(names: string[]) {
  const at = (name: string) => names.indexOf(name);
  expect(at("Tholey")).toBeGreaterThanOrEqual(0);
  // Ü is sorted with U: after Tholey, before Völklingen and Weiskirchen.
  expect(at("Tholey")).toBeLessThan(at("Überherrn"));
  expect(at("Überherrn")).toBeLessThan(at("Völklingen"));
  expect(at("Überherrn")).toBeLessThan(at("Weiskirchen"));
  // A lower-case initial is sorted under its letter: after Dillingen/Saar, before Eppelborn.
  expect(at("Dillingen/Saar")).toBeLessThan(at(ASSOCIATION_OFFICE_NAME));
  expect(at(ASSOCIATION_OFFICE_NAME)).toBeLessThan(at("Eppelborn"));
  expect(names).toEqual([...names].sort(compareGerman));
}

describe(`organisations in German order (${dialectUnderTest})`, () => {
  beforeAll(async () => {
    for (const organisation of ["Überherrn", "Tholey", ASSOCIATION_OFFICE_NAME, "Eppelborn", "Dillingen/Saar", "Völklingen", "Weiskirchen"]) {
      await createUser(db(), { organisation, name: "Zora Zimmer" });
      await createUser(db(), { organisation, name: "Änne Albers" });
    }
  });

  it("lists them for the administration and the user forms", async () => {
    expectGermanOrder((await listOrganisations(db())).map((o) => o.name));
  });

  it("offers them in the requirement filters", async () => {
    expectGermanOrder((await listOrganisationOptions(db())).map((o) => o.name));
    const districts = (await listDistricts(db())).map((o) => o.name);
    expect(districts).toEqual([...districts].sort(compareGerman));
  });

  it("groups the people to choose a project lead from by organisation, each group by name", async () => {
    const users = await listAssignableUsers(db());
    const groups = [...new Set(users.map((u) => u.organisationName))];
    expectGermanOrder(groups);
    const tholey = users.filter((u) => u.organisationName === "Tholey").map((u) => u.name);
    expect(tholey).toEqual(["Änne Albers", "Zora Zimmer"]);
  });
});
