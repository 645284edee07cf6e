import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { isolateBidi } from "#app/modules/i18n/bidi";
import { i18nConfig } from "#app/modules/i18n/config";
import { i18nServer } from "#app/modules/i18n/i18next.server";

const FSI = "\u2068";
const PDI = "\u2069";
const RLO = "\u202E";
const RLE = "\u202B";
const RLI = "\u2067";

/** Whether every isolate opened in the text is closed again, in order, and none closes what was not opened. */
function balancedIsolates(text: string): boolean {
  let open = 0;
  for (const c of text) {
    if (c === "\u2066" || c === "\u2067" || c === FSI) open += 1;
    else if (c === PDI && --open < 0) return false;
  }
  return open === 0;
}

describe("isolating right-to-left text set into a sentence", () => {
  it("leaves ordinary text alone, umlauts, punctuation and other scripts included", () => {
    for (const text of ["Saarbrücken", "St. Ingbert", "Übermäßig „lang“ – 100 %", "Ελληνικά", "日本語", "", "a\u200Bb"]) {
      expect(isolateBidi(text)).toBe(text);
    }
  });

  it("isolates right-to-left letters and every bidi control", () => {
    const samples = [
      "מרכז השירות",
      "بلدية",
      "ܐܪܡܝܐ",
      "ދިވެހި",
      "ﭏ",
      "𞤀𞤣𞤤𞤢𞤥",
      ...["\u200E", "\u200F", "\u061C", "\u202A", RLE, "\u202C", "\u202D", RLO, "\u2066", RLI, FSI, PDI].map((c) => `Titel${c}Ende`),
    ];
    for (const text of samples) {
      const shown = isolateBidi(text);
      expect(shown.startsWith(FSI), JSON.stringify(text)).toBe(true);
      expect(shown.endsWith(PDI), JSON.stringify(text)).toBe(true);
      expect(balancedIsolates(shown), JSON.stringify(text)).toBe(true);
    }
    expect(isolateBidi(`Abc${RLO}def`)).toBe(`${FSI}Abc${RLO}def${PDI}`);
  });

  it("closes isolates the text leaves open and keeps a stray PDI from closing the wrapper early", () => {
    expect(isolateBidi(`a${RLI}b`)).toBe(`${FSI}a${RLI}b${PDI}${PDI}`);
    expect(isolateBidi(`a${RLI}b${PDI}c`)).toBe(`${FSI}a${RLI}b${PDI}c${PDI}`);
    // A PDI that closes nothing of the text's own is shown as an invisible word joiner.
    const stray = isolateBidi(`${PDI}${RLO}evil`);
    expect(stray).toBe(`${FSI}\u2060${RLO}evil${PDI}`);
    expect(balancedIsolates(isolateBidi(`${PDI}${PDI}x${RLI}${RLI}y${PDI}`))).toBe(true);
  });
});

describe("i18next texts with right-to-left names", () => {
  const rtlTitle = `Online-Antrag ${RLO}gnudlemnA`;
  const rtlOrganisation = "מועצה";

  async function clientT() {
    // As app/entry.client.tsx builds it.
    const i18n = createInstance();
    await i18n.init({ ...i18nConfig, lng: "de" });
    return i18n.getFixedT("de", "requirements");
  }

  it("isolates each value in the browser's and in the server's instance alike", async () => {
    const serverT = await i18nServer.getFixedT(new Request("http://localhost/"), "requirements");
    for (const t of [await clientT(), serverT]) {
      const text = t("notifications.cosigned", { organisation: rtlOrganisation, title: rtlTitle });
      expect(text).toBe(`${FSI}${rtlOrganisation}${PDI} hat „${FSI}${rtlTitle}${PDI}“ mitgezeichnet.`);
      // The override ends inside the title: the rest of the sentence follows the closing PDI unchanged.
      expect(text.slice(text.lastIndexOf(PDI) + 1)).toBe("“ mitgezeichnet.");
      expect(balancedIsolates(text)).toBe(true);
    }
  });

  it("leaves sentences with ordinary values exactly as before", async () => {
    const t = await clientT();
    expect(t("notifications.cosigned", { organisation: "Saarbrücken", title: "Online-Hundesteuer" })).toBe("Saarbrücken hat „Online-Hundesteuer“ mitgezeichnet.");
    expect(t("list.count", { count: 3, n: "3" })).toBe("3 Anforderungen");
  });

  it("does not take placeholders in a value for its own", async () => {
    const t = await clientT();
    const title = `${PDI.repeat(20)}{{organisation}}`;
    const text = t("notifications.cosigned", { organisation: "Merzig", title });
    expect(text).toContain("{{organisation}}");
    expect(text.startsWith("Merzig hat „")).toBe(true);
  });
});
