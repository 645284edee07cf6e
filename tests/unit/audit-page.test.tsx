import { describe, expect, it } from "vitest";
import { auditDetailLines, type AuditDetailLine } from "#app/modules/audit/details";
import AuditPage from "#app/routes/verwaltung.protokoll";
import { renderRoute } from "#tests/helpers/render";

const row = (id: number, action: string, entity_type = "user", entity_id: string | null = "7", details: AuditDetailLine[] = []) => ({
  id,
  at: "2026-03-02T09:15:00.000Z",
  action,
  entity_type,
  entity_id,
  details,
  actorName: "Anna Admin" as string | null,
  actorEmail: "anna@ego-saar.example" as string | null,
  actorKind: "user" as "user" | "visitor" | "system",
});
const decided = JSON.stringify({ itemId: 2, candidateId: 1, decision: "defer", rank: null, deferredUntil: "2027-06-30" });
const data = {
  rows: [
    row(3, "auth.sign_in"),
    row(2, "auth.sign_in_failed"),
    row(1, "auth.legacy_code"),
    row(4, "access.denied", "route", "/freigaben"),
    row(5, "settings.projects", "settings", "projects"),
    row(6, "requirement.submitted", "requirement", "12"),
    row(7, "auth.legacy_code", "gadget", "3"),
    row(8, "workshop.item.decide", "workshop", "4", auditDetailLines("workshop.item.decide", decided, { candidate: { "1": "Online-Hundesteuer" } })),
    { ...row(9, "project.board_adopted", "project", "5", auditDetailLines("project.board_adopted", '{"yes":4,"no":1,"abstain":0}')), actorName: null, actorEmail: null, actorKind: "system" as const },
    { ...row(10, "auth.sign_in_failed", "user", null), actorName: null, actorEmail: null, actorKind: "visitor" as const },
  ],
  total: 10,
  pageSize: 50,
  newer: null as number | null,
  older: null as number | null,
  actions: ["auth.legacy_code", "auth.sign_in", "auth.sign_in_failed"],
};

/** The audit page as the server renders it, with the given loader data, in German. */
function renderPage(url = "/verwaltung/protokoll", overrides: Partial<typeof data> = {}): Promise<string> {
  return renderRoute(url, AuditPage, { ...data, ...overrides });
}

const rawCells = (html: string) => [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
/** The cells' markup without the line-break hints in addresses and paths. */
const cells = (html: string) => rawCells(html).map((c) => c.replace(/<wbr\/>/g, ""));
/** The markup of the select with the given name. */
const select = (html: string, name: string) => html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`))?.[1] ?? "";
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

  it("shows the details as labelled words, not JSON, and a dash where there are none", async () => {
    const shown = cells(await renderPage());
    const details = shown.filter((_, i) => i % 5 === 4);
    expect(details[0]).toBe("–");
    const decision = details[7].replace(/<[^>]*>/g, "");
    expect(decision).toBe("Entscheidung: Zurückgestellt bis 30.06.2027Kandidat: Online-Hundesteuer");
    expect(details[7]).toMatch(/^<ul[^>]*><li>/);
    expect(details[8].replace(/<[^>]*>/g, "")).toBe("Stimmen: Ja 4, Nein 1, Enthaltung 0");
    expect(shown.join(" ")).not.toMatch(/[{}]|&quot;/);
  });

  it("names the application for its own steps and an anonymous visitor for a failed sign-in", async () => {
    const actors = cells(await renderPage()).filter((_, i) => i % 5 === 1);
    expect(actors[0]).toBe("Anna Admin (anna@ego-saar.example)");
    expect(actors[8]).toBe("automatisch");
    expect(actors[9]).toBe("– (nicht angemeldet)");
  });

  it("lets long addresses and paths wrap at their dots, @ and slashes, so the table fits the page", async () => {
    const raw = rawCells(await renderPage());
    expect(raw[1]).toBe("Anna Admin (anna<wbr/>@ego-saar<wbr/>.example)");
    expect(raw.find((c) => c.startsWith("Seite"))).toBe("Seite <wbr/>/freigaben");
  });

  it("offers the events by their words in the filter, keeping the code as the value", async () => {
    expect(options(select(await renderPage(), "action"))).toEqual([
      ["", "Alle"],
      ["auth.sign_in", "Anmeldung"],
      ["auth.sign_in_failed", "Anmeldung fehlgeschlagen"],
      ["auth.legacy_code", "auth.legacy_code"],
    ]);
  });

  it("offers the object types by their German names", async () => {
    const types = options(select(await renderPage(), "entityType"));
    expect(types[0]).toEqual(["", "Alle"]);
    expect(types).toContainEqual(["user", "Benutzer"]);
    expect(types).toContainEqual(["team", "Kompetenzteam"]);
  });

  it("names the filters from the address it did not apply at their fields, and says when nothing is found", async () => {
    const html = await renderPage("/verwaltung/protokoll?from=2026-02-30&action=foo.bar", {
      rows: [],
      total: 0,
      filtered: false,
      problems: { from: { kind: "date", value: "2026-02-30" }, to: { kind: "toBeforeFrom", from: "2026-03-02", to: "2026-03-01" }, action: { kind: "action", value: "foo.bar" } },
    } as never);
    expect(html).toContain("Bitte geben Sie ein gültiges Datum ein („2026-02-30“ ist keines).");
    expect(html).toContain("Das Enddatum (01.03.2026) liegt vor dem Anfangsdatum (02.03.2026).");
    expect(html).toContain("Einen Vorgang „foo.bar“ gibt es im Protokoll nicht.");
    expect(html).toContain("Keine Einträge.");
    expect(await renderPage("/verwaltung/protokoll?actor=x", { rows: [], total: 0, filtered: true } as never)).toContain("Keine Einträge für diese Filter.");
  });

  it("names an object the log found by name, linking to its page", async () => {
    const html = await renderPage("/verwaltung/protokoll", { rows: [{ ...row(1, "requirement.release", "requirement", "12"), entityName: "Nr. 12 – Hundesteuer" }] } as never);
    expect(cells(html)).toContainEqual(expect.stringMatching(/<a [^>]*href="\/anforderungen\/12"[^>]*>Anforderung: Nr\. 12 – Hundesteuer<\/a>/));
  });

  it("says the newest come first and pages by newer and older entries, keeping the filters", async () => {
    const html = await renderPage("/verwaltung/protokoll?action=auth&before=90", { newer: 40, older: 3 });
    expect(html).toContain("Protokolleinträge, neueste zuerst</caption>");
    const pager = html.match(/<nav[^>]*aria-label="Seiten des Protokolls"[^>]*>(.*?)<\/nav>/)?.[1] ?? "";
    const links = [...pager.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [m[1].replace(/&amp;/g, "&"), m[2]]);
    expect(links).toEqual([
      ["/verwaltung/protokoll?action=auth", "Neueste Einträge"],
      ["/verwaltung/protokoll?action=auth&after=40", "Neuere Einträge"],
      ["/verwaltung/protokoll?action=auth&before=3", "Ältere Einträge"],
    ]);
    // The newest page offers only older ones; a log of one page, no paging at all.
    expect(await renderPage("/verwaltung/protokoll", { older: 3 })).not.toContain("Neuere Einträge");
    expect(await renderPage("/verwaltung/protokoll?before=9", { newer: 8 })).toMatch(/<a [^>]*href="\/verwaltung\/protokoll"[^>]*>Neueste Einträge/);
    expect(await renderPage()).not.toContain("Seiten des Protokolls");
  });
});
