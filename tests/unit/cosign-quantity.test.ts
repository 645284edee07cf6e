import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { cosignQuantityText } from "#app/components/requirements/cosignQuantity";
import { i18nConfig } from "#app/modules/i18n/config";

async function tFor(lng: "de" | "en") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng });
  return i18n.t;
}

describe("a co-signature's quantity, shown with its unit", () => {
  it("says in German what the number counts, in singular and plural, grouped the German way", async () => {
    const t = await tFor("de");
    expect(cosignQuantityText(t, "de", 1500, "workplaces")).toBe("1.500 betroffene Arbeitsplätze");
    expect(cosignQuantityText(t, "de", 1, "workplaces")).toBe("1 betroffener Arbeitsplatz");
    expect(cosignQuantityText(t, "de", 1500, "cases_per_year")).toBe("1.500 Fälle pro Jahr");
    expect(cosignQuantityText(t, "de", 1, "cases_per_year")).toBe("1 Fall pro Jahr");
    expect(cosignQuantityText(t, "de", 1_000_000, "cases_per_year")).toBe("1.000.000 Fälle pro Jahr");
  });

  it("says so when a co-signature from before gave no unit, or one the app does not know", async () => {
    const t = await tFor("de");
    expect(cosignQuantityText(t, "de", 1500, null)).toBe("1.500 (Einheit nicht angegeben)");
    expect(cosignQuantityText(t, "de", 1, null)).toBe("1 (Einheit nicht angegeben)");
    expect(cosignQuantityText(t, "de", 1500, "hectares")).toBe("1.500 (Einheit nicht angegeben)");
  });

  it("says the same in English", async () => {
    const t = await tFor("en");
    expect(cosignQuantityText(t, "en", 1500, "workplaces")).toBe("1,500 affected workplaces");
    expect(cosignQuantityText(t, "en", 1, "workplaces")).toBe("1 affected workplace");
    expect(cosignQuantityText(t, "en", 1500, "cases_per_year")).toBe("1,500 cases per year");
    expect(cosignQuantityText(t, "en", 1, "cases_per_year")).toBe("1 case per year");
    expect(cosignQuantityText(t, "en", 1500, null)).toBe("1,500 (unit not given)");
  });
});
