import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { PopulationValue } from "#app/components/bundling";
import { createUser, requestAs } from "#tests/factories/index";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { renderComponent } from "#tests/helpers/render";

const { db } = setupTestDatabase();

async function pageData(userId: number, id: number) {
  const mod = await import("../../app/routes/kandidaten.$id");
  return (await mod.loader({ request: await requestAs(db(), userId, `/kandidaten/${id}`), params: { id: String(id) }, context: {} })) as { mayRecordPopulation: boolean };
}

describe(`a candidate's missing population (${dialectUnderTest})`, () => {
  it("tells only administrators where populations are entered; everyone else reads „nicht hinterlegt“", async () => {
    const f = await workshopFixture(db(), { candidates: 1, schedule: false });
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const clerk = await createUser(db(), { organisation: "Saarbrücken" });
    const manager = f.manager;
    expect((await pageData(admin.id, f.candidates[0].id)).mayRecordPopulation).toBe(true);
    for (const u of [clerk, manager, f.filer]) expect((await pageData(u.id, f.candidates[0].id)).mayRecordPopulation, u.email).toBe(false);

    const plain = await renderComponent(createElement(PopulationValue, { population: null, knownFor: 0 }));
    expect(plain).toContain("nicht hinterlegt");
    expect(plain).not.toContain("Verwaltung");
    const forAdmin = await renderComponent(createElement(PopulationValue, { population: null, knownFor: 0, adminHint: true }));
    expect(forAdmin).toContain("Einwohnerzahlen tragen Sie unter „Verwaltung“ › „Organisationen“ ein.");
  });
});
