import { describe, expect, it } from "vitest";
import { resources } from "#app/locales/index";

function keys(obj: unknown, prefix = ""): string[] {
  if (obj === null || typeof obj !== "object") return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("locale files", () => {
  for (const ns of Object.keys(resources.de) as (keyof typeof resources.de)[]) {
    it(`German and English "${ns}" have the same keys`, () => {
      expect(keys(resources.en[ns]).sort()).toEqual(keys(resources.de[ns]).sort());
    });
    it(`"${ns}" has no empty texts`, () => {
      for (const lang of ["de", "en"] as const) {
        const flat = keys(resources[lang][ns]);
        for (const k of flat) {
          const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], resources[lang][ns]);
          expect(typeof value === "string" && value.trim().length > 0, `${lang}:${ns}:${k}`).toBe(true);
        }
      }
    });
  }
});
