import { beforeAll, describe, expect, it } from "vitest";
import { loader as allCsv } from "#app/routes/anforderungen[.]csv";
import { loader as ownCsv } from "#app/routes/anforderungen.unsere[.]csv";
import { cosignRequirement } from "#app/modules/requirements/requirements.server";
import { resetRateLimits } from "#app/utils/rate-limit.server";
import { createUser, organisationId, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { localeCookie } from "#app/modules/i18n/i18next.server";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();
type U = Awaited<ReturnType<typeof createUser>>;

/** The download's rows as cells (the file is semicolon-separated with quoted cells where needed). */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted && ch === '"' && csv[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ";") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\r" && csv[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

async function download(loader: typeof allCsv, user: U | null, query = "", path = "/anforderungen.csv") {
  const request = await requestAs(db(), user?.id ?? null, `${path}${query}`);
  try {
    return await loader({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    // Refusals with a message for the error boundary (data() with a status).
    const init = (thrown as { init?: ResponseInit | null }).init;
    if (init?.status) return new Response(null, init);
    throw thrown;
  }
}

async function rowsOf(loader: typeof allCsv, user: U, query = "", path?: string) {
  const res = await download(loader, user, query, path);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  // A byte-order mark first, so that spreadsheets read the file as UTF-8.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parse(bytes.subarray(3).toString("utf8"));
  return { header, rows, byTitle: new Map(rows.map((r) => [r[1], r])), titles: rows.map((r) => r[1]) };
}

describe(`requirement lists as CSV (${dialectUnderTest})`, () => {
  let anna: U;
  let colleague: U;
  let otto: U;
  let rm: U;

  beforeAll(async () => {
    resetRateLimits();
    anna = await createUser(db(), { organisation: "Blieskastel" });
    colleague = await createUser(db(), { organisation: "Blieskastel" });
    otto = await createUser(db(), { organisation: "Ottweiler" });
    rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    await fileRequirement(db(), anna.actor, { title: "Export Entwurf Blieskastel", submit: false });
    await fileRequirement(db(), colleague.actor, { title: "Export Vertraulich Blieskastel", confidential: true });
    await fileRequirement(db(), anna.actor, { title: "Export Offen Blieskastel", themenfeld: "Bauen & Wohnen", deadline: "2031-03-31", urgency: "high" });
    await fileRequirement(db(), otto.actor, { title: "Export Vertraulich Ottweiler", confidential: true });
    const open = await fileRequirement(db(), otto.actor, { title: 'Export; mit "Anführung" Ottweiler' });
    await fileRequirement(db(), otto.actor, { title: "=HYPERLINK(\"https://example.org\";\"Klick\")" });
    await cosignRequirement(db(), anna.actor, open, {});
    const ottweiler = await organisationId(db(), "Ottweiler");
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", ottweiler).execute();
    await fileRequirement(db(), otto.actor, { title: "Export Freigabe Ottweiler" });
    await db().updateTable("organisations").set({ requires_release: 0 }).where("id", "=", ottweiler).execute();
  });

  it("downloads what the list shows to the person, on every page, with German labels", async () => {
    const res = await download(allCsv, anna);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="buendel-anforderungen-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { header, titles, byTitle } = await rowsOf(allCsv, anna);
    expect(header).toEqual(["Nr.", "Titel", "Organisation", "Landkreis / Regionalverband", "OZG-Themenfeld", "Status", "Dringlichkeit", "Eingereicht am", "Frist (gesetzlich oder geplant)", "Mitzeichnungen", "Vertraulich", "Adresse"]);
    // Own confidential requirements are in; another organisation's confidential ones, drafts and
    // submissions still waiting for release are not.
    expect(titles).toEqual(expect.arrayContaining(["Export Vertraulich Blieskastel", "Export Offen Blieskastel", 'Export; mit "Anführung" Ottweiler']));
    expect(titles).not.toContain("Export Vertraulich Ottweiler");
    expect(titles).not.toContain("Export Entwurf Blieskastel");
    expect(titles).not.toContain("Export Freigabe Ottweiler");
    const offen = byTitle.get("Export Offen Blieskastel")!;
    expect(offen.slice(2)).toEqual([
      "Blieskastel",
      "Saarpfalz-Kreis",
      "Bauen & Wohnen",
      "Eingereicht",
      "Hoch",
      expect.stringMatching(/^\d{2}\.\d{2}\.\d{4}$/),
      "31.03.2031",
      "0",
      "nein",
      `http://localhost/anforderungen/${offen[0]}`,
    ]);
    expect(byTitle.get('Export; mit "Anführung" Ottweiler')![9]).toBe("1");
    expect(byTitle.get("Export Vertraulich Blieskastel")![10]).toBe("ja");
  });

  it("writes dates in English as ISO days, which a spreadsheet reads as dates whatever its language", async () => {
    const request = await requestAs(db(), anna.id, "/anforderungen.csv");
    request.headers.set("Cookie", `${request.headers.get("Cookie")}; ${await localeCookie.serialize("en")}`);
    const res = await allCsv({ request, params: {}, context: {} });
    expect(res.headers.get("Content-Disposition")).toMatch(/filename="buendel-requirements-/);
    const [header, ...rows] = parse(Buffer.from(await res.arrayBuffer()).subarray(3).toString("utf8"));
    expect(header[7]).toBe("Submitted on");
    const offen = rows.find((r) => r[1] === "Export Offen Blieskastel")!;
    expect(offen[7]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(offen[8]).toBe("2031-03-31");
  });

  it("defuses text that a spreadsheet would run as a formula", async () => {
    const { titles } = await rowsOf(allCsv, anna);
    expect(titles).toContain("'=HYPERLINK(\"https://example.org\";\"Klick\")");
    expect(titles).not.toContain("=HYPERLINK(\"https://example.org\";\"Klick\")");
  });

  it("shows another organisation's confidential requirements only to association staff", async () => {
    expect((await rowsOf(allCsv, otto)).titles).not.toContain("Export Vertraulich Blieskastel");
    const staff = await rowsOf(allCsv, rm);
    expect(staff.titles).toEqual(expect.arrayContaining(["Export Vertraulich Blieskastel", "Export Vertraulich Ottweiler"]));
    expect(staff.titles).not.toContain("Export Entwurf Blieskastel");
  });

  it("keeps the list's filters and ignores its page", async () => {
    const filtered = await rowsOf(allCsv, anna, "?themenfeld=Bauen+%26+Wohnen&page=7");
    expect(filtered.titles).toEqual(["Export Offen Blieskastel"]);
    const searched = await rowsOf(allCsv, anna, "?q=Anf%C3%BChrung");
    expect(searched.titles).toEqual(['Export; mit "Anführung" Ottweiler']);
    // Unusable values are ignored, as on the page.
    expect((await rowsOf(allCsv, anna, "?status=kaputt&sort=x&page=-1")).titles.length).toBeGreaterThanOrEqual(4);
  });

  it("exports the own organisation's list with its drafts, and nothing of others", async () => {
    const own = await rowsOf(ownCsv, colleague, "", "/anforderungen/unsere.csv");
    expect(own.titles.sort()).toEqual(["Export Entwurf Blieskastel", "Export Offen Blieskastel", "Export Vertraulich Blieskastel"]);
    expect(own.byTitle.get("Export Entwurf Blieskastel")!.slice(5, 8)).toEqual(["Entwurf", "Mittel", ""]);
    // Its own file name: downloading both lists keeps both files.
    expect((await download(ownCsv, colleague, "", "/anforderungen/unsere.csv")).headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="buendel-unsere-anforderungen-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const drafts = await rowsOf(ownCsv, colleague, "?status=draft", "/anforderungen/unsere.csv");
    expect(drafts.titles).toEqual(["Export Entwurf Blieskastel"]);
    // Association staff have no own list to download.
    expect((await download(ownCsv, rm, "", "/anforderungen/unsere.csv")).status).toBe(403);
  });

  it("asks to sign in first, and refuses a person who downloads too often", async () => {
    const res = await download(allCsv, null);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/anmelden/);
    resetRateLimits();
    try {
      for (let i = 0; i < 30; i++) expect((await download(allCsv, otto)).status).toBe(200);
      const refused = await download(allCsv, otto);
      expect(refused.status).toBe(429);
      // Others keep their own allowance.
      expect((await download(allCsv, anna)).status).toBe(200);
    } finally {
      resetRateLimits();
    }
  });
});
