import { describe, expect, it } from "vitest";
import { resources } from "#app/locales/index";
import { keyPaths } from "#tests/helpers/locales";

describe("locale files", () => {
  for (const ns of Object.keys(resources.de) as (keyof typeof resources.de)[]) {
    it(`German and English "${ns}" have the same keys`, () => {
      expect(keyPaths(resources.en[ns]).sort()).toEqual(keyPaths(resources.de[ns]).sort());
    });
    it(`"${ns}" has no empty texts`, () => {
      for (const lang of ["de", "en"] as const) {
        const flat = keyPaths(resources[lang][ns]);
        for (const k of flat) {
          const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], resources[lang][ns]);
          expect(typeof value === "string" && value.trim().length > 0, `${lang}:${ns}:${k}`).toBe(true);
        }
      }
    });
  }
});
