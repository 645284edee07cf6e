import { describe, expect, it } from "vitest";
import { resources } from "#app/locales/index";
import { keyPaths, texts } from "#tests/helpers/locales";

describe("locale files", () => {
  for (const ns of Object.keys(resources.de) as (keyof typeof resources.de)[]) {
    it(`German and English "${ns}" have the same keys`, () => {
      expect(keyPaths(resources.en[ns]).sort()).toEqual(keyPaths(resources.de[ns]).sort());
    });
    it(`"${ns}" has no empty texts`, () => {
      for (const lang of ["de", "en"] as const) {
        for (const [k, value] of texts(resources[lang][ns])) expect(value.trim().length > 0, `${lang}:${ns}:${k}`).toBe(true);
      }
    });
  }
});

/** German texts outside projects.json (its owner aligns it separately). */
function germanTexts(): string[] {
  return Object.entries(resources.de)
    .filter(([ns]) => ns !== "projects")
    .flatMap(([ns, obj]) => texts(obj).map(([k, value]) => `${ns}:${k} = ${value}`));
}

describe("German wording", () => {
  it('marks optional fields "(optional)", never "(freiwillig)"', () => {
    expect(germanTexts().filter((line) => /freiwillig/i.test(line))).toEqual([]);
  });
  it('says "nicht bekannt", never "unbekannt"', () => {
    expect(germanTexts().filter((line) => /\bunbekannt/i.test(line))).toEqual([]);
  });
});

describe("English wording", () => {
  // The one place that names the German term on purpose, to explain it.
  const glossed = new Set(["common:home.publicPoint3"]);
  const english = Object.entries(resources.en).flatMap(([ns, obj]) => texts(obj).map(([k, value]) => [`${ns}:${k}`, value] as const));

  it("leaves no German domain terms untranslated", () => {
    const german = /Kompetenzteam|Anforderung|Mitzeichnung/;
    expect(english.filter(([key, value]) => german.test(value) && !glossed.has(key))).toEqual([]);
  });
  it('calls a Kompetenzteam an "expert team" (as the design does), never a "competence team"', () => {
    expect(english.filter(([, value]) => /competence team/i.test(value))).toEqual([]);
  });
});
