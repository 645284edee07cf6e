import { describe, expect, it } from "vitest";
import { TimelineTitle } from "#app/components/requirements/TimelineTitle";
import { renderComponent } from "#tests/helpers/render";

describe("a requirement's history in words", () => {
  it("names the lead's release from what the badge said before: „Wartet auf Freigabe → Freigegeben“", async () => {
    const html = await renderComponent(<TimelineTitle event={{ kind: "status", from_status: "submitted", to_status: "released", detail: null }} />);
    expect(html).toContain("Wartet auf Freigabe → Freigegeben");
    expect(html).not.toContain("Eingereicht");
  });

  it("keeps „Eingereicht“ where the requirement did not wait for release", async () => {
    const html = await renderComponent(<TimelineTitle event={{ kind: "status", from_status: "submitted", to_status: "in_review", detail: null }} />);
    expect(html).toContain("Eingereicht → In Prüfung");
  });
});
