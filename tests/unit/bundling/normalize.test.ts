import { describe, expect, it } from "vitest";
import {
  analyzeText,
  charNgrams,
  foldGerman,
  isGenericTerm,
  isStopWord,
  stemText,
  tokenize,
} from "#app/modules/bundling/engine/normalize";
import { stemGerman } from "#app/modules/bundling/engine/stemmer";

describe("foldGerman", () => {
  it("lowercases and folds umlauts and ß", () => {
    expect(foldGerman("Größe")).toBe("groesse");
    expect(foldGerman("ÄRZTE Übung Öl")).toBe("aerzte uebung oel");
    expect(foldGerman("Straße")).toBe("strasse");
    expect(foldGerman("GROẞE")).toBe("grosse");
  });
  it("strips other diacritics", () => {
    expect(foldGerman("Café naïve Ångström")).toBe("cafe naive angstroem");
  });
  it("handles decomposed umlauts (NFD input)", () => {
    expect(foldGerman("Gru\u0308n")).toBe("gruen");
  });
});

describe("tokenize", () => {
  it("drops punctuation, emoji and control characters", () => {
    const t = tokenize("Hund🐶steuer\u0000 – Anmeldung!\u0007 (neu)").map((x) => x.lower);
    expect(t).toEqual(["hund", "steuer", "anmeldung", "neu"]);
  });
  it("keeps surface forms for highlighting", () => {
    expect(tokenize("Ärztliche Behandlung")[0].surface).toBe("Ärztliche");
  });
  it("is robust to 50,000-character texts", () => {
    const long = "Hundesteuer Anmeldung ".repeat(2_300);
    expect(long.length).toBeGreaterThan(50_000);
    const toks = tokenize(long);
    expect(toks.length).toBeGreaterThan(1000);
    expect(toks.length).toBeLessThanOrEqual(10_000);
  });
  it("handles other scripts without crashing", () => {
    expect(tokenize("税务登记 налоговая регистрация").length).toBeGreaterThan(0);
    expect(tokenize("")).toEqual([]);
    expect(tokenize("🙂🙂🙂")).toEqual([]);
  });
});

describe("stop words", () => {
  it("recognises German stop words, also folded", () => {
    expect(isStopWord({ lower: "für", folded: "fuer" })).toBe(true);
    expect(isStopWord({ lower: "fuer", folded: "fuer" })).toBe(true);
    expect(isStopWord({ lower: "der", folded: "der" })).toBe(true);
    expect(isStopWord({ lower: "hund", folded: "hund" })).toBe(false);
  });
  it("are removed from analysed text", () => {
    expect(stemText("Anmeldung der Hundesteuer für den Hund")).toBe("anmeld hundesteu hund");
  });
});

describe("stemGerman (Snowball)", () => {
  it("conflates inflected forms", () => {
    expect(stemGerman("hundesteuern")).toBe(stemGerman("hundesteuer"));
    expect(stemGerman("genehmigungen")).toBe(stemGerman("genehmigung"));
    expect(stemGerman("fahrzeuges")).toBe(stemGerman("fahrzeug"));
    expect(stemGerman("kindern")).toBe(stemGerman("kinder"));
    expect(stemGerman("häuser")).toBe(stemGerman("haus"));
    expect(stemGerman("verhältnisse")).toBe("verhaltnis");
  });
  it("matches reference outputs of the Snowball German stemmer", () => {
    const cases: Record<string, string> = {
      aufeinanderfolgenden: "aufeinanderfolg",
      kategorische: "kategor",
      schönheit: "schonheit",
      möglichkeit: "moglich",
      ergebnis: "ergebnis",
      gaststätten: "gaststatt",
      bäume: "baum",
    };
    for (const [w, s] of Object.entries(cases)) expect(stemGerman(w)).toBe(s);
  });
  it("treats spelled-out umlauts like written umlauts after folding of the query", () => {
    // ß is handled inside the stemmer
    expect(stemGerman("straße")).toBe(stemGerman("strasse"));
  });
  it("does not crash on odd input", () => {
    expect(stemGerman("")).toBe("");
    expect(stemGerman("a")).toBe("a");
    expect(typeof stemGerman("x".repeat(1000))).toBe("string");
  });
});

describe("character n-grams", () => {
  it("let compounds share grams with their parts", () => {
    const [compound] = analyzeText("Hundesteueranmeldung");
    const parts = analyzeText("Anmeldung der Hundesteuer");
    const g = new Set(charNgrams(compound.stem));
    for (const p of parts) {
      const shared = charNgrams(p.stem).filter((x) => g.has(x));
      expect(shared.length).toBeGreaterThan(3);
    }
  });
  it("produces padded 3-5-grams", () => {
    expect(charNgrams("ab")).toEqual([" ab", "ab ", " ab "]);
    expect(charNgrams("hund")).toContain(" hu");
    expect(charNgrams("hund")).toContain("und ");
  });
});

describe("isGenericTerm", () => {
  it("counts the portal's everyday words, generic administrative acts and stop words as generic, in any inflection", () => {
    for (const w of ["Anforderung", "Anforderungen", "Lösung", "digitale", "Digitalisierung", "online", "Verwaltung", "verwalten", "Kommunen", "Bürgerinnen", "Antrag", "Erteilung", "und"]) {
      expect(isGenericTerm(w), w).toBe(true);
    }
  });
  it("keeps subjects specific, also compounds of generic words", () => {
    for (const w of ["Hundesteuer", "Friedhofsverwaltung", "Kitaplatzvergabe", "Bauantrag", "Grabstellen", "XRechnung"]) {
      expect(isGenericTerm(w), w).toBe(false);
    }
  });
});
