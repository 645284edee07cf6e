import { describe, expect, it } from "vitest";
import { sharedTermsOf } from "#app/modules/bundling/engine/cluster";
import { isExplanationTerm } from "#app/modules/bundling/engine/explain";
import { buildIndex, type BundlingDocument } from "#app/modules/bundling/engine/index";

const doc = (id: number, title: string, description: string): BundlingDocument => ({ id, title, description, themenfeld: null, system: null });

describe("terms shown as „Gemeinsame Begriffe“", () => {
  it("leaves out filler words, short words and parts of elided compounds, not hyphenated words", () => {
    for (const word of ["obwohl", "etwa", "neu", "Neue", "Amt", "2026"]) expect(isExplanationTerm(word), word).toBe(false);
    const text = ["Gewerbean-, -um- und -abmeldungen werden per Post geschickt; die Online-Anmeldung fehlt."];
    expect(isExplanationTerm("Gewerbean", text)).toBe(false);
    expect(isExplanationTerm("abmeldungen", text)).toBe(false);
    expect(isExplanationTerm("Anmeldung", text)).toBe(true);
    expect(isExplanationTerm("Hundesteuer", text)).toBe(true);
  });

  it("fills the list with the next best words and prefers a word's capitalised form", () => {
    const description = "Gewerbean-, -um- und -abmeldungen kommen etwa neu auf Papier, obwohl das Gewerbeamt sie digital braucht.";
    const index = buildIndex([
      doc(1, "Gewerbeanmeldung online", description),
      doc(2, "Online-Gewerbeanmeldung mit Bezahlung", description),
      doc(3, "gewerbeanmeldung digital", description),
    ]);
    const terms = sharedTermsOf(index, [0, 1, 2]);
    expect(terms.length).toBeGreaterThan(2);
    for (const bad of ["Gewerbean", "abmeldungen", "etwa", "neu", "obwohl", "um"]) expect(terms).not.toContain(bad);
    expect(terms).toContain("Gewerbeanmeldung");
    expect(terms).not.toContain("gewerbeanmeldung");
  });
});
