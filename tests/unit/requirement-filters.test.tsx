import { describe, expect, it } from "vitest";
import { RequirementFilters } from "#app/components/requirements/RequirementList";
import { parseSearch } from "#app/modules/requirements/search";
import AllRequirementsPage from "#app/routes/anforderungen._index";
import OwnRequirementsPage from "#app/routes/anforderungen.unsere";
import { renderRoute } from "#tests/helpers/render";

const statusOptions = (html: string) => {
  const select = /<select[^>]*name="status"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  return [...select.matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => m[1]);
};

describe("requirement list filters", () => {
  it("offers the state „Entwurf“ only on the organisation's own list, which can hold drafts", async () => {
    const all = await renderRoute("/anforderungen", () => <RequirementFilters organisations={[]} districts={[]} showOrganisation drafts={false} />, {});
    const own = await renderRoute("/anforderungen/unsere", () => <RequirementFilters organisations={[]} districts={[]} showOrganisation={false} drafts />, {});
    expect(statusOptions(all)).toContain("submitted");
    expect(statusOptions(all)).not.toContain("draft");
    expect(statusOptions(own)).toContain("draft");
    expect(statusOptions(own)).toContain("submitted");
  });

  it("says at the search field what the search did not use, tied to the field", async () => {
    const q = `Hundesteuer 100% und_so 😀 ${"x".repeat(200)}`;
    const html = await renderRoute(`/anforderungen?q=${encodeURIComponent(q)}`, () => <RequirementFilters organisations={[]} districts={[]} showOrganisation drafts={false} search={parseSearch(q)} />, {});
    const input = /<input[^>]*name="q"[^>]*>/.exec(html)?.[0] ?? "";
    const describedBy = /aria-describedby="([^"]*)"/.exec(input)?.[1] ?? "";
    const description = new RegExp(`<p[^>]*id="${describedBy}"[^>]*>([\\s\\S]*?)</p>`).exec(html)?.[1] ?? "";
    expect(description).toContain("Nicht berücksichtigt: %, _ (Sonderzeichen); 😀 (Emoji); und, so (häufige Wörter).");
    expect(description).toContain("Gesucht wird nach den ersten 200 Zeichen.");
    expect(input).toContain('aria-invalid="false"');
    // What was typed stays in the field.
    expect(input).toContain(`value="Hundesteuer 100% und_so`);
  });

  it("says so when nothing searchable remains, instead of a list that looks filtered", async () => {
    const q = "% der 😀";
    const html = await renderRoute(`/anforderungen?q=${encodeURIComponent(q)}`, () => <RequirementFilters organisations={[]} districts={[]} showOrganisation drafts={false} search={parseSearch(q)} />, {});
    const input = /<input[^>]*name="q"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('aria-invalid="true"');
    const errorId = /aria-describedby="(\S*-error)/.exec(input)?.[1];
    expect(html).toMatch(new RegExp(`id="${errorId}"[^>]*>Ihre Suche enthält kein Wort, nach dem gesucht werden kann. Die Liste ist deshalb nicht nach dem Suchtext gefiltert.</p>`));
  });

  it("takes a requirement number as a search, without saying that nothing could be searched", async () => {
    const html = await renderRoute("/anforderungen?q=Nr.%2014", () => <RequirementFilters organisations={[]} districts={[]} showOrganisation drafts={false} search={parseSearch("Nr. 14")} />, {});
    const input = /<input[^>]*name="q"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('aria-invalid="false"');
    expect(html).not.toContain("Nicht berücksichtigt");
    expect(html).toContain("Findet auch gebeugte Formen, z. B. „Hundesteuern“, und eine Anforderung über ihre Nummer, z. B. „Nr. 14“.");
  });

  it("offers „Von uns mitgezeichnet“ to those who co-sign, kept from the address", async () => {
    const cosignOptions = (html: string) => {
      const select = /<select[^>]*name="cosigned"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
      return [...select.matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);
    };
    const html = await renderRoute("/anforderungen?cosigned=own", () => <RequirementFilters organisations={[]} districts={[]} showOrganisation drafts={false} cosign />, {});
    expect(cosignOptions(html)).toEqual([
      ["", "Alle"],
      ["own", "Von uns mitgezeichnet"],
    ]);
    expect(html).toMatch(/<option[^>]*value="own"[^>]*selected/);
    expect(html).toContain(">Mitzeichnung</label>");
    const without = await renderRoute("/anforderungen", () => <RequirementFilters organisations={[]} districts={[]} showOrganisation drafts={false} />, {});
    expect(without).not.toContain('name="cosigned"');
  });

  it("names an impossible date at its filter field and keeps it in the address's value", async () => {
    const html = await renderRoute("/anforderungen?deadlineBefore=2026-13-45", () => <RequirementFilters organisations={[]} districts={[]} showOrganisation drafts={false} unusable={{ deadlineBefore: "2026-13-45" }} />, {});
    const input = /<input[^>]*name="deadlineBefore"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('value="2026-13-45"');
    const errorId = /aria-describedby="(\S*-error)/.exec(input)?.[1];
    expect(html).toContain(`id="${errorId}">Bitte geben Sie ein gültiges Datum ein („2026-13-45“ ist keines). Die Liste ist nicht nach Frist gefiltert.</p>`);
  });
});

describe("the printed requirement list", () => {
  const page = (data: Record<string, unknown>) => ({ items: [], total: 0, page: 1, pageSize: 25, search: null, unusable: {}, organisations: [], districts: [], ...data });
  const filterLine = (html: string) => /<p[^>]*data-testid="print-filters"[^>]*>([\s\S]*?)<\/p>/.exec(html);

  it("names its filters, sort and page under the heading, in a line only paper shows", async () => {
    const url = "/anforderungen?status=in_review&themenfeld=Querschnittsleistungen&q=B%C3%BCrgerkonto&organisationId=3&districtId=7&deadlineBefore=2027-12-31&sort=title&page=2";
    const html = await renderRoute(url, AllRequirementsPage, page({ total: 130, page: 2, search: parseSearch("Bürgerkonto"), organisations: [{ id: 3, name: "Homburg" }], districts: [{ id: 7, name: "Saarpfalz-Kreis" }] }));
    const line = filterLine(html);
    expect(line?.[0]).toContain('class="print-only print-note"');
    expect(line?.[1]).toBe(
      "Filter: Status In Prüfung · Themenfeld Querschnittsleistungen · Organisation Homburg · Landkreis/Regionalverband Saarpfalz-Kreis · Suche „Bürgerkonto“ · Frist bis 31.12.2027 · Sortierung Titel A–Z · Seite 2 von 6",
    );
    // Right under the page's heading.
    expect(html.indexOf("</h1>")).toBeLessThan(html.indexOf('data-testid="print-filters"'));
    expect(html.indexOf('data-testid="print-filters"')).toBeLessThan(html.indexOf('role="search"'));
  });

  it("says an unfiltered list's page, leaves out what the list could not use, and is absent for one unfiltered page", async () => {
    expect(filterLine(await renderRoute("/anforderungen?page=3", AllRequirementsPage, page({ total: 130, page: 3 })))?.[1]).toBe("Ohne Filter · Seite 3 von 6");
    // An impossible date and a search without a searchable word do not narrow the list: not named.
    const unused = await renderRoute("/anforderungen?deadlineBefore=2026-13-45&q=der&status=nonsense", AllRequirementsPage, page({ total: 4, search: parseSearch("der") }));
    expect(filterLine(unused)).toBeNull();
    expect(filterLine(await renderRoute("/anforderungen", AllRequirementsPage, page({ total: 4 })))).toBeNull();
  });

  it("names „von uns mitgezeichnet“ and a search by number", async () => {
    const html = await renderRoute("/anforderungen?cosigned=own&q=Nr.%2014", AllRequirementsPage, page({ total: 1, search: parseSearch("Nr. 14"), cosign: true }));
    expect(filterLine(html)?.[1]).toBe("Filter: von uns mitgezeichnet · Suche „Nr. 14“");
  });

  it("links the organisation's own list to what it co-signed", async () => {
    const html = await renderRoute("/anforderungen/unsere", OwnRequirementsPage, page({ total: 3, organisationName: "Saarbrücken" }));
    expect(html).toMatch(/<a[^>]*href="\/anforderungen\?cosigned=own"[^>]*>Anforderungen anderer Mitglieder, die Sie mitgezeichnet haben<\/a>/);
  });

  it("on the organisation's own list too", async () => {
    const html = await renderRoute("/anforderungen/unsere?status=draft", OwnRequirementsPage, page({ total: 3, organisationName: "Saarbrücken" }));
    expect(filterLine(html)?.[1]).toBe("Filter: Status Entwurf");
  });

  it("sets a town's district apart from it, for screen readers and copied text too", async () => {
    const item = { id: 1, title: "A", status: "submitted", awaitingRelease: false, confidential: false, themenfeld: "Bildung", deadline: null, organisationName: "Saarbrücken", districtName: "Regionalverband Saarbrücken", cosignatures: 0, submitted_at: null };
    const html = await renderRoute("/anforderungen", AllRequirementsPage, page({ items: [item], total: 1 }));
    expect(html).toMatch(/Saarbrücken<span[^>]*mantine-VisuallyHidden-root[^>]*>, <\/span><span[^>]*>Regionalverband Saarbrücken<\/span>/);
  });
});
