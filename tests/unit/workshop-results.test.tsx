import { MantineProvider } from "@mantine/core";
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { ResultTable } from "#app/components/workshops/WorkshopBits";
import { i18nConfig } from "#app/modules/i18n/config";
import { theme } from "#app/theme";

const criteria = [
  { id: 1, name: "Nutzen", weight: 3, inverse: false },
  { id: 2, name: "Aufwand", weight: 1, inverse: true },
];
const result = {
  criteria: [
    { criterionId: 1, distribution: [0, 0, 1, 1, 1], count: 3, mean: 4, stdDev: 0.816496580927726, range: 2, disagreement: false },
    { criterionId: 2, distribution: [1, 0, 0, 2, 0], count: 3, mean: 3.4567, stdDev: 1.4142, range: 3, disagreement: true },
  ],
  weightedTotal: 3.8641,
  participantCount: 3,
  totalRange: 1.25,
  disagreement: true,
};

/** The result table as the server renders it. */
async function renderHtml(lng: "de" | "en"): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng });
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <ResultTable criteria={criteria} result={result} caption="Ergebnis" />
      </MantineProvider>
    </I18nextProvider>,
  );
  return html;
}

const textOf = (html: string) => html.replace(/<style[^>]*>.*?<\/style>/gs, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

/** The result table as the server renders it, as text. */
async function render(lng: "de" | "en"): Promise<string> {
  return textOf(await renderHtml(lng));
}

describe("a workshop item's results", () => {
  it("show means with one decimal place in German and spell the spread out", async () => {
    const text = await render("de");
    expect(text).toContain(" 4,0 ");
    expect(text).toContain(" 3,5 ");
    expect(text).toContain("Spanne 2, Standardabweichung 0,8");
    expect(text).toContain(" 3,9 ");
    expect(text).not.toMatch(/\bSD\b|3,46|0,82/);
  });

  it("use the English number format in English", async () => {
    const text = await render("en");
    expect(text).toContain("range 3, standard deviation 1.4");
    expect(text).toContain(" 3.5 ");
  });

  it("on a phone, show each criterion as a block with mean and spread, no table to scroll sideways", async () => {
    const html = await renderHtml("de");
    const stacked = html.slice(html.indexOf('data-testid="result-stacked"'));
    expect(html).toContain('data-testid="result-stacked"');
    expect(stacked).not.toContain("<table");
    const text = textOf(stacked);
    expect(text).toContain("Nutzen Gewicht 3 Mittelwert 4,0 Streuung Spanne 2, Standardabweichung 0,8 Verteilung (Wert: Anzahl) 1: 0 · 2: 0 · 3: 1 · 4: 1 · 5: 1");
    expect(text).toContain("Aufwand Gewicht 1 · umgekehrt gewertet Mittelwert 3,5");
    expect(text).toContain("Gewichtete Gesamtbewertung 3,9 (3 Bewertungen; Spanne der persönlichen Gesamtwerte 1,3)");
  });

  it("name strong disagreement with the same words for a criterion and the total, live and in the minutes", async () => {
    const text = await render("de");
    // Twice in the table (criterion, total), twice in the phone layout.
    expect(text.match(/Starke Uneinigkeit/g)).toHaveLength(4);
    expect(text).not.toContain("Bitte diskutieren");
  });
});
