import { describe, expect, it } from "vitest";
import { WholeNumberInput } from "#app/components/forms";
import { organisationSchema } from "#app/modules/organisations/schema";
import { renderComponent } from "#tests/helpers/render";

const form = (population: string) => ({ name: "Saarbrücken", kind: "stadt", districtId: "", population, active: "on" });

describe("organisation form: Einwohnerzahl", () => {
  it("accepts the number with German thousands grouping and without", () => {
    expect(organisationSchema.parse(form("181.959")).population).toBe(181959);
    expect(organisationSchema.parse(form("181959")).population).toBe(181959);
    expect(organisationSchema.parse(form("")).population).toBeNull();
  });

  it("refuses what is not a whole number, with the field's message", () => {
    for (const population of ["1.5", "181.95", "viele", "-3", "20.000.000"]) {
      const result = organisationSchema.safeParse(form(population));
      expect(result.success, population).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["population", "admin:organisations.populationRange"]]);
    }
  });

  it("shows the number grouped in the current language", async () => {
    const render = (lng: string, value: string) => renderComponent(<WholeNumberInput label="Einwohnerzahl" name="population" defaultValue={value} />, lng);
    expect(await render("de", "181959")).toContain('value="181.959"');
    expect(await render("en", "181959")).toContain('value="181,959"');
  });
});
