import { describe, expect, it } from "vitest";
import { compareGerman } from "#app/modules/organisations/order";
import { germanSortKey, titleColumns } from "#app/modules/requirements/title-order";

/** Bytewise order of the keys, as SQLite and PostgreSQL's COLLATE "C" compare them (ASCII here). */
const byKey = (titles: string[]) => [...titles].sort((a, b) => (germanSortKey(a) < germanSortKey(b) ? -1 : germanSortKey(a) > germanSortKey(b) ? 1 : 0));

describe("germanSortKey", () => {
  it("files umlauts under their base letter and ß as ss (DIN 5007)", () => {
    expect(germanSortKey("Ärztliche Bescheinigung")).toBe("arztliche bescheinigung");
    expect(germanSortKey("Öffnungszeiten")).toBe("offnungszeiten");
    expect(germanSortKey("Übergabe")).toBe("ubergabe");
    expect(germanSortKey("Straßenreinigung")).toBe("strassenreinigung");
    expect(germanSortKey("STRAẞENREINIGUNG")).toBe("strassenreinigung");
  });

  it("ignores case, accents and spacing", () => {
    expect(germanSortKey("abfall")).toBe(germanSortKey("ABFALL"));
    expect(germanSortKey("Café-Erlaubnis")).toBe("cafe erlaubnis");
    expect(germanSortKey("Crème brûlée")).toBe("creme brulee");
    expect(germanSortKey("Søren Ølund")).toBe("soren olund");
    expect(germanSortKey("   Zulassung   von \t Fahrzeugen  ")).toBe("zulassung von fahrzeugen");
    // Compatibility forms: a ligature and a superscript become their plain letters and digits.
    expect(germanSortKey("ﬁnanzamt m²")).toBe("finanzamt m2");
  });

  it("does not let a leading quote or dash move a title to the end", () => {
    expect(germanSortKey("„E-Akte“ einführen")).toBe("e akte einfuhren");
    expect(germanSortKey("– Abfall")).toBe("abfall");
    expect(byKey(["Zulassung", "„Akte“ digital"])).toEqual(["„Akte“ digital", "Zulassung"]);
  });

  it("sorts titles as a German reader expects, where SQL's byte order put Ä, Ü and lower case at the end", () => {
    const titles = ["Zulassung", "Ärztliche Bescheinigung", "abfall", "Baumkataster", "Übergabe", "Öffentliche Toiletten", "Ortsrecht", "Straßenbau", "Strassenbahn", "Ufer"];
    const expected = ["abfall", "Ärztliche Bescheinigung", "Baumkataster", "Öffentliche Toiletten", "Ortsrecht", "Strassenbahn", "Straßenbau", "Übergabe", "Ufer", "Zulassung"];
    expect(byKey(titles)).toEqual(expected);
    // The same order as the organisations' German collator (app/modules/organisations/order.ts).
    expect([...titles].sort(compareGerman)).toEqual(expected);
    // What byte order of the titles themselves gives: the bug this key replaces.
    expect([...titles].sort()).not.toEqual(expected);
  });

  it("is written together with the title", () => {
    expect(titleColumns(" Übergabe ")).toEqual({ title: " Übergabe ", title_sort: "ubergabe" });
  });
});
