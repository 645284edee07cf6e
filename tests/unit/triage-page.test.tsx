import { describe, expect, it } from "vitest";
import TriagePage from "#app/routes/eingang";
import { renderRoute } from "#tests/helpers/render";

const items = Array.from({ length: 50 }, (_, i) => ({
  id: 51 + i,
  title: `Anforderung ${51 + i}`,
  status: "submitted",
  themenfeld: "Steuern & Zoll",
  submitted_at: "2026-03-02T09:15:00.000Z",
  confidential: 0,
  organisationName: "Homburg",
}));

const hrefs = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [m[1], m[2]]);

describe("inbox page (Eingang)", () => {
  it("says how many requirements it holds and links to the other pages", async () => {
    const html = await renderRoute("/eingang?page=2", TriagePage, { items, total: 1130, page: 2, pageSize: 50, organisations: [] });
    expect(html).toMatch(/role="status"[^>]*>1\.130 Anforderungen</);
    expect(html).toContain("Anforderungen im Eingang, Seite 2 von 23");
    expect(html).toContain('<nav aria-label="Seite 2 von 23"');
    const pages = hrefs(html).filter(([href]) => href.startsWith("/eingang?page="));
    expect(pages).toContainEqual(["/eingang?page=1", "1"]);
    expect(pages).toContainEqual(["/eingang?page=3", "3"]);
    expect(pages).toContainEqual(["/eingang?page=23", "23"]);
    expect(pages.find(([, text]) => text === "2")?.[0]).toBe("/eingang?page=2");
  });

  it("has no page links when everything fits on one page", async () => {
    const html = await renderRoute("/eingang", TriagePage, { items: items.slice(0, 3), total: 3, page: 1, pageSize: 50, organisations: [{ id: 7, name: "Perl" }] });
    expect(html).toContain(">3 Anforderungen</p>");
    expect(html).not.toContain("<nav");
  });

  it("offers filters by Themenfeld, state and organisation, shows the chosen ones and keeps them in the page links", async () => {
    const html = await renderRoute("/eingang?status=in_review&organisationId=7&page=2", TriagePage, {
      items,
      total: 120,
      page: 2,
      pageSize: 50,
      organisations: [{ id: 7, name: "Perl" }],
    });
    expect(html).toMatch(/<form[^>]*method="get"[^>]*role="search"[^>]*aria-label="Eingang filtern"/);
    expect(html).toMatch(/<option value="in_review" selected="">In Prüfung<\/option>/);
    expect(html).toMatch(/<option value="7" selected="">Perl<\/option>/);
    expect(html).not.toContain('<option value="draft"');
    expect(html).toContain('href="/eingang?status=in_review&amp;organisationId=7&amp;page=3"');
  });
});
