import { describe, expect, it } from "vitest";
import { parseSearch, searchKeys } from "#app/modules/requirements/search";

const nothingIgnored = { specialChars: [], emoji: [], stopWords: [], tooShort: [], beyondWordLimit: [] };

describe("the requirement list's search text", () => {
  it("searches the same keys as before and reports nothing when every word counts", () => {
    const report = parseSearch("Hundesteuern online");
    expect(report.stems).toEqual(searchKeys("Hundesteuern online"));
    expect(report.stems.length).toBe(2);
    expect(report.ignored).toEqual(nothingIgnored);
    expect(report.truncated).toBe(false);
  });

  it("names the special characters, emoji, common words and too short words it did not use", () => {
    const report = parseSearch("die Hundesteuer 100% und_so 😀 § 5 E-Akte &");
    expect(report.stems).toEqual(searchKeys("Hundesteuer 100 Akte"));
    expect(report.ignored.specialChars).toEqual(["%", "_", "§", "&"]);
    expect(report.ignored.emoji).toEqual(["😀"]);
    expect(report.ignored.stopWords).toEqual(["die", "und", "so"]);
    expect(report.ignored.tooShort).toEqual(["5", "E"]);
    expect(report.truncated).toBe(false);
  });

  it("takes ordinary punctuation as word breaks without mentioning it", () => {
    const report = parseSearch("„Hundesteuer“, Anmeldung (online) – schnell? ja!");
    expect(report.ignored).toEqual(nothingIgnored);
    expect(report.stems.length).toBe(5);
  });

  it("keeps emoji sequences whole and names each only once", () => {
    const report = parseSearch("Schule 👩‍💻 👩‍💻 🇩🇪 %%");
    expect(report.ignored.emoji).toEqual(["👩‍💻", "🇩🇪"]);
    expect(report.ignored.specialChars).toEqual(["%"]);
  });

  it("reads the first 200 characters and says so", () => {
    const report = parseSearch(`${"Hundesteuer ".repeat(16)}Parkausweis Baumschnitt`);
    expect(report.truncated).toBe(true);
    // "Parkausweis" starts at character 193 and is cut to "Parkausw"; "Baumschnitt" is not read.
    expect(report.stems).toEqual(searchKeys("Hundesteuer Parkausw"));
    expect(parseSearch("x".repeat(200)).truncated).toBe(false);
    // Characters, not UTF-16 units: 200 emoji are 200 characters.
    expect(parseSearch("😀".repeat(200)).truncated).toBe(false);
  });

  it("uses at most eight distinct words and names the ones after them", () => {
    const words = ["Hundesteuer", "Parkausweis", "Baumschnitt", "Wahlhelfer", "Friedhof", "Gewerbe", "Sperrmüll", "Kita", "Schwimmbad", "Bücherei"];
    const report = parseSearch(`${words.join(" ")} Hundesteuern`);
    expect(report.stems).toEqual(searchKeys(words.slice(0, 8).join(" ")));
    expect(report.ignored.beyondWordLimit).toEqual(["Schwimmbad", "Bücherei"]);
    // A repeated word (here inflected) is no new word: it neither counts nor is reported.
    expect(parseSearch("Hund Hunde Hunden").stems.length).toBe(1);
  });

  it("finds nothing to search in only common words and signs", () => {
    const report = parseSearch("% _ der und 😀");
    expect(report.stems).toEqual([]);
    expect(report.ignored.specialChars).toEqual(["%", "_"]);
    expect(report.ignored.stopWords).toEqual(["der", "und"]);
    expect(report.ignored.emoji).toEqual(["😀"]);
  });

  it("names at most ten of a kind", () => {
    const report = parseSearch("! # $ % & * + < = > @ ^ ` | ~ Hund");
    expect(report.ignored.specialChars.length).toBe(11);
    expect(report.ignored.specialChars.at(-1)).toBe("…");
    expect(report.stems.length).toBe(1);
  });

  it("reads a search that is only a number as a requirement number, with „Nr.“, „No.“ or „#“", () => {
    for (const q of ["14", "Nr. 14", "Nr.14", "nr 14", "#14", "# 14", "No. 14", " 014 "]) {
      expect(parseSearch(q), q).toEqual({ stems: [], number: 14, ignored: nothingIgnored, truncated: false });
    }
    // Three digits and more are also a word of the text (a year, a paragraph), as before.
    expect(parseSearch("Nr. 2024")).toEqual({ stems: searchKeys("2024"), number: 2024, ignored: nothingIgnored, truncated: false });
    // Anything else, no number, zero, or beyond any requirement's number: an ordinary text search.
    for (const q of ["Nr. 14 Hundesteuer", "14 Hunde", "Nr.", "#", "0", "Nr. 0", "99999999999", "14.5", "-14"]) expect(parseSearch(q).number, q).toBeNull();
    expect(parseSearch("99999999999").stems).toEqual(searchKeys("99999999999"));
  });
});
