import { describe, expect, it } from "vitest";
import ReleasesPage from "#app/routes/freigaben";
import { renderRoute } from "#tests/helpers/render";

const render = (requiresRelease: boolean, items: unknown[] = []) => renderRoute("/freigaben", ReleasesPage, { items, requiresRelease });

describe("Freigaben page", () => {
  it("says why it is empty: nothing waiting, or the organisation does not release at all", async () => {
    const waiting = await render(true);
    expect(waiting).toContain("Es wartet nichts auf Ihre Freigabe.");
    expect(waiting).not.toContain("gibt Anforderungen nicht gesondert frei");
    const notRequired = await render(false);
    expect(notRequired).toContain("Ihre Organisation gibt Anforderungen nicht gesondert frei");
    expect(notRequired).not.toContain("Es wartet nichts auf Ihre Freigabe.");
  });

  it("lists what waits, with no empty-state text", async () => {
    const html = await render(true, [{ id: 4, title: "Digitale Hundesteuer", submitted_at: "2026-03-02T09:15:00.000Z", themenfeld: "Steuern & Zoll", authorName: "Anna Schmidt" }]);
    expect(html).toContain('href="/anforderungen/4"');
    expect(html).not.toContain("Es wartet nichts");
  });
});
