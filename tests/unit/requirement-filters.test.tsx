import { describe, expect, it } from "vitest";
import { RequirementFilters } from "#app/components/requirements/RequirementList";
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
});
