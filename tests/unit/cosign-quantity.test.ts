import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { cosignQuantityText } from "#app/components/requirements/cosignQuantity";
import { i18nConfig } from "#app/modules/i18n/config";

async function tFor(lng: "de" | "en") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng });
  return i18n.t;
}

describe("a co-signature's quantity, shown with what it counts", () => {
  it("says in German what the co-sign form asked for, grouped the German way", async () => {
    const t = await tFor("de");
    expect(cosignQuantityText(t, "de", 1500)).toBe("Anzahl: 1.500 (betroffene Arbeitsplätze oder Fälle pro Jahr)");
    expect(cosignQuantityText(t, "de", 1)).toBe("Anzahl: 1 (betroffener Arbeitsplatz oder Fall pro Jahr)");
    expect(cosignQuantityText(t, "de", 1_000_000)).toBe("Anzahl: 1.000.000 (betroffene Arbeitsplätze oder Fälle pro Jahr)");
  });

  it("says the same in English", async () => {
    const t = await tFor("en");
    expect(cosignQuantityText(t, "en", 1500)).toBe("Quantity: 1,500 (affected workplaces or cases per year)");
    expect(cosignQuantityText(t, "en", 1)).toBe("Quantity: 1 (affected workplace or case per year)");
  });
});
