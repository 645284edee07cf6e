import { describe, expect, it } from "vitest";
import { SimilarRequirements, type SimilarItem } from "#app/components/requirements/SimilarRequirements";
import { renderComponent } from "#tests/helpers/render";

const item = (id: number, own: boolean): SimilarItem => ({
  id,
  title: `Hundesteuer ${id}`,
  status: "submitted",
  organisationName: "Homburg",
  own,
  cosignatures: 2,
  sharedTerms: ["Hundesteuer"],
});

const render = (items: SimilarItem[]) => renderComponent(<SimilarRequirements items={items} />);

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

  it("marks the own organisation's requirement as such instead of offering to co-sign it", async () => {
    const html = await render([item(2, true)]);
    expect(html).toContain("Bereits von Ihrer Organisation eingereicht");
    expect(html).not.toContain("mitzeichnen");
    expect(await render([item(1, false)])).not.toContain("Bereits von Ihrer Organisation");
  });
});
