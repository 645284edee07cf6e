import { describe, expect, it } from "vitest";
import { RequirementFilters } from "#app/components/requirements/RequirementList";
import { parseSearch } from "#app/modules/requirements/search";
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

  it("names an impossible date at its filter field and keeps it in the address's value", async () => {
    const html = await renderRoute("/anforderungen?deadlineBefore=2026-13-45", () => <RequirementFilters organisations={[]} districts={[]} showOrganisation drafts={false} unusable={{ deadlineBefore: "2026-13-45" }} />, {});
    const input = /<input[^>]*name="deadlineBefore"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('value="2026-13-45"');
    const errorId = /aria-describedby="(\S*-error)/.exec(input)?.[1];
    expect(html).toContain(`id="${errorId}">Bitte geben Sie ein gültiges Datum ein („2026-13-45“ ist keines). Die Liste ist nicht nach Frist gefiltert.</p>`);
  });
});
