import { describe, expect, it } from "vitest";
import AuditPage from "#app/routes/verwaltung.protokoll";
import { renderRoute } from "#tests/helpers/render";

const row = (id: number, action: string, entity_type = "user", entity_id: string | null = "7") => ({
  id,
  at: "2026-03-02T09:15:00.000Z",
  action,
  entity_type,
  entity_id,
  detail: null,
  actorName: "Anna Admin",
  actorEmail: "anna@ego-saar.example",
});
const data = {
  rows: [
    row(3, "auth.sign_in"),
    row(2, "auth.sign_in_failed"),
    row(1, "auth.legacy_code"),
    row(4, "access.denied", "route", "/freigaben"),
    row(5, "settings.projects", "settings", "projects"),
    row(6, "requirement.submitted", "requirement", "12"),
    row(7, "auth.legacy_code", "gadget", "3"),
  ],
  total: 7,
  page: 1,
  pageSize: 50,
  actions: ["auth.legacy_code", "auth.sign_in", "auth.sign_in_failed"],
};

/** The audit page as the server renders it, with the given loader data, in German. */
function renderPage(): Promise<string> {
  return renderRoute("/verwaltung/protokoll", AuditPage, data);
}

const cells = (html: string) => [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"[^>]*>(.*?)<\/option>/g)].map((m) => [m[1], m[2]]);

describe("audit log page", () => {
  it("names events in German words in the table, and an unknown old code by itself", async () => {
    const shown = cells(await renderPage());
    expect(shown).toContain("Anmeldung");
    expect(shown).toContain("Anmeldung fehlgeschlagen");
    expect(shown).toContain("auth.legacy_code");
    expect(shown).not.toContain("auth.sign_in");
    expect(shown).not.toContain("auth.sign_in_failed");
  });

  it("names the objects in German, linking those administered here to their page", async () => {
    const shown = cells(await renderPage());
    const links = shown.flatMap((cell) => [...cell.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [m[1], m[2]]));
    expect(links).toContainEqual(["/verwaltung/benutzer/7", "Benutzer 7"]);
    expect(links).toContainEqual(["/verwaltung/einstellungen", "Einstellungen"]);
    expect(shown).toContain("Seite /freigaben");
    // Requirements are not administered here: named, not linked.
    expect(shown).toContain("Anforderung 12");
    expect(shown).toContain("gadget 3");
    expect(shown.join(" ")).not.toMatch(/>(user|route|settings|requirement) /);
  });

  it("offers the events by their words in the filter, keeping the code as the value", async () => {
    expect(options(await renderPage())).toEqual([
      ["", "Alle"],
      ["auth.sign_in", "Anmeldung"],
      ["auth.sign_in_failed", "Anmeldung fehlgeschlagen"],
      ["auth.legacy_code", "auth.legacy_code"],
    ]);
  });
});
