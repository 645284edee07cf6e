import { describe, expect, it } from "vitest";
import { TimelineTitle } from "#app/components/requirements/TimelineTitle";
import { renderComponent } from "#tests/helpers/render";

const statusEvent = (detail: Record<string, unknown> | null) => ({ kind: "status", from_status: "draft", to_status: "submitted", detail });

describe("requirement history", () => {
  it("says a submission went to the own lead for release, as the badge „Wartet auf Freigabe“ does", async () => {
    expect(await renderComponent(<TimelineTitle event={statusEvent({ awaitingRelease: true })} />)).toContain("Zur Freigabe an die Leitung der eigenen Organisation gegeben");
    expect(await renderComponent(<TimelineTitle event={statusEvent(null)} />)).toContain("Status: Entwurf → Eingereicht");
  });
});
