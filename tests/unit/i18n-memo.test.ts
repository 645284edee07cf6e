import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { resources } from "#app/locales/index";
import { i18nConfig } from "#app/modules/i18n/config";
import { memoizePlainTranslations } from "#app/modules/i18n/memo.server";
import { keyPaths } from "#tests/helpers/locales";

async function instances(lng: "de" | "en") {
  const plain = createInstance();
  await plain.init({ ...i18nConfig, lng });
  const memoized = createInstance();
  await memoized.init({ ...i18nConfig, lng });
  return { plain, memoized: memoizePlainTranslations(memoized) };
}

describe("remembered translations on the server", () => {
  for (const lng of ["de", "en"] as const) {
    it(`give exactly i18next's text for every key of every namespace (${lng}), also when asked again`, async () => {
      const { plain, memoized } = await instances(lng);
      for (const ns of Object.keys(resources.de)) {
        const fixedPlain = plain.getFixedT(lng, ns);
        const fixedMemo = memoized.getFixedT(lng, ns);
        for (const key of keyPaths(resources.de[ns as keyof typeof resources.de])) {
          const expected = fixedPlain(key);
          expect(fixedMemo(key), `${ns}:${key}`).toBe(expected);
          expect(fixedMemo(key), `${ns}:${key}`).toBe(expected);
        }
      }
    });
  }

  it("keeps languages, namespaces and key prefixes apart", async () => {
    const { memoized } = await instances("de");
    expect(memoized.getFixedT("de", "admin")("title")).toBe("Verwaltung");
    expect(memoized.getFixedT("en", "admin")("title")).not.toBe("Verwaltung");
    expect(memoized.getFixedT("de", "admin", "nav")("overview")).toBe("Übersicht");
    expect(memoized.getFixedT("de", "admin")("overview")).not.toBe("Übersicht");
    expect(memoized.getFixedT("de", "common")("title")).not.toBe("Verwaltung");
  });

  it("still interpolates values and counts", async () => {
    const { memoized } = await instances("de");
    const t = memoized.getFixedT("de", "admin");
    expect(t("overview.activeCount", { count: 1 })).toBe("davon 1 aktiv");
    expect(t("overview.activeCount", { count: 7 })).toBe("davon 7 aktiv");
    expect(t("overview.total.organisations", { count: 1 })).toBe("1 Organisation");
    expect(t("overview.total.organisations", { count: 2 })).toBe("2 Organisationen");
    expect(t("pagination.status", { page: 2, pages: 9 })).toBe("Seite 2 von 9");
    expect(t("pagination.status", { page: 3, pages: 9 })).toBe("Seite 3 von 9");
  });
});
