import { MantineProvider } from "@mantine/core";
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { SimilarRequirements, type SimilarItem } from "#app/components/requirements/SimilarRequirements";
import { i18nConfig } from "#app/modules/i18n/config";
import { theme } from "#app/theme";

const item = (id: number, own: boolean): SimilarItem => ({
  id,
  title: `Hundesteuer ${id}`,
  status: "submitted",
  organisationName: "Homburg",
  own,
  cosignatures: 2,
  sharedTerms: ["Hundesteuer"],
});

async function render(items: SimilarItem[]): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: "de" });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
          <SimilarRequirements items={items} />
        </MantineProvider>
      </MemoryRouter>
    </I18nextProvider>,
  );
}

const anchors = (html: string) => [...html.matchAll(/<a ([^>]*)>(.*?)<\/a>/g)].map((m) => ({ attrs: m[1], text: m[2].replace(/<[^>]+>/g, "") }));

describe("similar requirements panel", () => {
  it("opens every suggestion in a new tab, so nothing typed in the form is lost, and says so", async () => {
    const links = anchors(await render([item(1, false), item(2, true)]));
    expect(links.map((l) => l.text)).toEqual([
      "Hundesteuer 1 (öffnet in neuem Tab)",
      "Ansehen und mitzeichnen (öffnet in neuem Tab)",
      "Hundesteuer 2 (öffnet in neuem Tab)",
    ]);
    for (const link of links) {
      expect(link.attrs).toContain('target="_blank"');
      expect(link.attrs).toContain('rel="noopener"');
    }
  });
});
