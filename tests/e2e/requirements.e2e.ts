import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, expectAccessibleWithoutScripts, launchBrowser, newPage, signIn, waitForHydration } from "#tests/helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TOWN_A = "anna.schmidt@saarbruecken.example";
const TOWN_B = "jonas.becker@homburg.example";

/** Opens „Neue Anforderung“ and fills its required fields (topic: Bauen & Wohnen). */
async function fillNewRequirement(page: Page, title: string, text: { problem: string; desiredOutcome: string; benefit: string }) {
  await page.goto("/anforderungen/neu");
  await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
  await waitForHydration(page);
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Problembeschreibung (Ist-Zustand)").fill(text.problem);
  await page.getByLabel("Gewünschtes Ergebnis (Soll-Zustand)").fill(text.desiredOutcome);
  await page.getByLabel("OZG-Themenfeld").selectOption("Bauen & Wohnen");
  await page.getByLabel("Erwarteter Nutzen").fill(text.benefit);
}

describe("filing and co-signing", () => {
  it("town A files and submits, town B finds it by search and co-signs, town A sees it and is notified", async () => {
    const a = await newPage(browser);
    await signIn(a, TOWN_A);
    await a.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Neue Anforderung" }).click();
    await a.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    await waitForHydration(a);
    await expectAccessible(a);

    // Tabbing through a required field without typing does not mark it as an error.
    await a.getByLabel("Titel").focus();
    await a.keyboard.press("Tab");
    await a.keyboard.press("Tab");
    await a.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await a.getByLabel("Titel").getAttribute("aria-invalid")).not.toBe("true");
    expect(await a.getByText("Bitte füllen Sie dieses Feld aus.").count()).toBe(0);

    // Bad input first: nothing is saved and the messages stand at the fields.
    await a.getByRole("button", { name: "Entwurf speichern" }).click();
    await a.getByText("Bitte füllen Sie dieses Feld aus.").first().waitFor();
    await a.getByLabel("Frist (gesetzlich oder geplant) (optional)").fill("2020-01-01");
    await a.getByLabel("Frist (gesetzlich oder geplant) (optional)").blur();
    await a.getByText("Die Frist darf nicht in der Vergangenheit liegen.").waitFor();
    await expectAccessible(a);

    const title = `Glockenturmsanierungsplanung digital ${Date.now()}`;
    await a.getByLabel("Titel").fill(title);
    await a.getByLabel("Problembeschreibung (Ist-Zustand)").fill("Die Planung der Sanierung läuft über Papierakten und <b>E-Mails</b>.");
    await a.getByLabel("Gewünschtes Ergebnis (Soll-Zustand)").fill("Eine gemeinsame digitale Planungsakte für alle Beteiligten.");
    await a.getByLabel("OZG-Themenfeld").selectOption("Bauen & Wohnen");
    await a.getByLabel("Frist (gesetzlich oder geplant) (optional)").fill("2030-06-30");
    await a.getByLabel("Erwarteter Nutzen").fill("Schnellere Abstimmung mit dem Denkmalschutz.");
    // The similar-requirements panel has been shown while typing, so submitting goes straight through.
    await a.getByRole("heading", { name: "Ähnliche Anforderungen" }).waitFor();
    await a.getByRole("button", { name: "Einreichen" }).click();
    await a.waitForURL(/\/anforderungen\/\d+$/);
    const url = a.url();
    await a.getByRole("heading", { level: 1, name: title }).waitFor();
    await a.getByText("Die Anforderung wurde eingereicht.").waitFor();
    // HTML typed into a field is shown as text.
    await a.getByText("Die Planung der Sanierung läuft über Papierakten und <b>E-Mails</b>.").waitFor();
    await expectAccessible(a);
    // A refused upload says why at the file field, not only at the top of the page.
    await waitForHydration(a);
    await a.locator('input[type="file"][name="files"]').setInputFiles({ name: "werkzeug.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ kein Dokument") });
    await a.getByRole("button", { name: "Hochladen" }).click();
    const attachments = a.getByRole("region", { name: "Anhänge", exact: true });
    await attachments.getByText("Die Datei „werkzeug.exe“ hat einen Dateityp, der nicht erlaubt ist.", { exact: false }).waitFor();
    expect(await attachments.getByLabel("Dateien hinzufügen").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(a);

    const b = await newPage(browser);
    await signIn(b, TOWN_B);
    await b.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Alle Anforderungen" }).click();
    await b.getByRole("heading", { level: 1, name: "Alle Anforderungen" }).waitFor();
    await b.getByLabel("Suche").fill("Glockenturmsanierungsplanungen");
    await b.getByRole("button", { name: "Filter anwenden" }).click();
    await b.getByRole("link", { name: title }).waitFor();
    await expectAccessible(b);
    await b.getByRole("link", { name: title }).click();
    await b.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(b);
    await b.getByLabel("Anzahl (optional)", { exact: true }).fill("1500");
    await b.getByLabel("Kommentar zur Mitzeichnung").fill("Zwei Kirchtürme in Homburg betroffen.");
    // A number without what it counts is refused at the unit; what was typed stays.
    await b.getByRole("button", { name: "Für Homburg mitzeichnen" }).click();
    const unit = b.getByRole("radiogroup", { name: "Was zählt die Anzahl?" });
    await b.getByText("Bitte wählen Sie, was die Anzahl zählt: betroffene Arbeitsplätze oder Fälle pro Jahr.").waitFor();
    // The group names the message as its description, so a screen reader hears it with the choice.
    const described = await unit.evaluate((el) => (el.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "));
    expect(described).toContain("Bitte wählen Sie, was die Anzahl zählt");
    expect(await b.getByLabel("Anzahl (optional)", { exact: true }).inputValue()).toBe("1.500");
    expect(await b.getByRole("button", { name: "Mitzeichnung zurückziehen" }).count()).toBe(0);
    await expectAccessible(b);
    await unit.getByRole("radio", { name: "Betroffene Arbeitsplätze" }).check();
    // By keyboard: the button is gone afterwards, so the focus goes to the sentence saying it worked.
    await b.getByRole("button", { name: "Für Homburg mitzeichnen" }).press("Enter");
    await b.getByText("Ihre Mitzeichnung wurde gespeichert.").waitFor();
    await b.getByText("Homburg · 1.500 betroffene Arbeitsplätze – Zwei Kirchtürme in Homburg betroffen.").waitFor();
    await expect.poll(() => b.evaluate(() => document.activeElement?.textContent)).toBe("Ihre Organisation hat mitgezeichnet.");
    // Withdrawing would delete the quantity and comment: it asks first, and „Abbrechen“ keeps them.
    await b.getByRole("button", { name: "Mitzeichnung zurückziehen" }).click();
    const withdraw = b.getByRole("dialog", { name: "Mitzeichnung zurückziehen?" });
    await withdraw.getByText("Anzahl und Kommentar Ihrer Mitzeichnung werden dabei gelöscht.", { exact: false }).waitFor();
    await expect.poll(() => withdraw.getByRole("button", { name: "Abbrechen" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(b);
    await withdraw.getByRole("button", { name: "Abbrechen" }).click();
    await withdraw.waitFor({ state: "detached" });
    await b.getByRole("button", { name: "Mitzeichnung zurückziehen" }).waitFor();
    await expectAccessible(b);

    await a.goto(url);
    // The quantity in German grouping, with the unit the co-signer chose.
    await a.getByText("Homburg · 1.500 betroffene Arbeitsplätze – Zwei Kirchtürme in Homburg betroffen.").waitFor();
    // The filing organisation cannot co-sign its own requirement.
    expect(await a.getByRole("button", { name: /mitzeichnen$/ }).count()).toBe(0);
    await a.getByRole("link", { name: /Benachrichtigungen: [1-9]\d* ungelesen/ }).click();
    await a.getByRole("heading", { level: 1, name: "Benachrichtigungen" }).waitFor();
    const notice = `Homburg hat „${title}“ mitgezeichnet.`;
    await a.getByRole("link", { name: notice }).waitFor();
    await expectAccessible(a);
    // Following the notice marks it read: coming back, it no longer says „Ungelesen“.
    const card = a.getByRole("listitem").filter({ has: a.getByRole("link", { name: notice }) });
    await card.getByText("Ungelesen").waitFor();
    await card.getByRole("link", { name: notice }).click();
    await a.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(a.url()).toBe(url);
    await a.goBack();
    await a.getByRole("heading", { level: 1, name: "Benachrichtigungen" }).waitFor();
    await card.getByRole("link", { name: notice }).waitFor();
    expect(await card.getByText("Ungelesen").count()).toBe(0);
    await expectAccessible(a);
    await Promise.all([a.context().close(), b.context().close()]);
  });

  it("shows similar requirements while typing and lets staff co-sign instead of filing a duplicate", async () => {
    const b = await newPage(browser);
    await signIn(b, TOWN_B);
    await b.goto("/anforderungen/neu");
    await waitForHydration(b);
    await b.getByLabel("Titel").fill("Hundesteuer online anmelden");
    const panel = b.locator('[aria-busy="false"]').filter({ has: b.getByRole("heading", { name: "Ähnliche Anforderungen" }) });
    await panel.getByRole("link", { name: "Hundesteueranmeldung online" }).waitFor();
    // Shared words are highlighted.
    expect(await panel.locator("mark").count()).toBeGreaterThan(0);
    // A screen reader hears how many were found, not every card; a link in the form leads there by keyboard.
    const found = await panel.getByRole("listitem").filter({ has: b.locator("mark") }).count();
    expect(found).toBeGreaterThan(0);
    await panel.getByRole("status").filter({ hasText: /^\d+ ähnliche Anforderungen? gefunden\.$/ }).waitFor({ state: "attached" });
    await b.getByRole("link", { name: /^\d+ ähnliche Anforderungen? ansehen$/ }).press("Enter");
    await expect.poll(() => b.evaluate(() => document.activeElement?.id)).toBe("aehnliche-anforderungen");
    await expectAccessible(b);
    // … and one leads back to where it was left: the next Tab continues with the next field.
    await panel.getByRole("link", { name: "Zurück zum Formular" }).press("Enter");
    await expect.poll(() => b.evaluate(() => document.activeElement?.textContent)).toMatch(/^\d+ ähnliche Anforderungen? ansehen$/);
    await b.keyboard.press("Tab");
    expect(await b.evaluate(() => document.activeElement?.id)).toBe(await b.getByLabel("Gewünschtes Ergebnis").getAttribute("id"));
    await b.getByRole("link", { name: /^\d+ ähnliche Anforderungen? ansehen$/ }).press("Enter");
    // The suggestion opens in a new tab: what was typed stays in the form.
    const [tab] = await Promise.all([
      b.context().waitForEvent("page"),
      panel
        .getByRole("listitem")
        .filter({ has: b.getByRole("link", { name: "Hundesteueranmeldung online (öffnet in neuem Tab)", exact: true }) })
        .getByRole("link", { name: "Ansehen und mitzeichnen (öffnet in neuem Tab)" })
        .click(),
    ]);
    await tab.getByRole("heading", { level: 1, name: "Hundesteueranmeldung online" }).waitFor();
    await waitForHydration(tab);
    // A unit without a number is refused at the number; the choice can be cleared again.
    await tab.getByRole("radio", { name: "Fälle pro Jahr" }).check();
    await tab.getByRole("button", { name: "Für Homburg mitzeichnen" }).click();
    await tab.getByText("Zur gewählten Einheit fehlt die Anzahl.", { exact: false }).waitFor();
    expect(await tab.getByLabel("Anzahl (optional)", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(tab);
    await tab.getByRole("button", { name: "Auswahl aufheben" }).click();
    expect(await tab.getByRole("radio", { name: "Fälle pro Jahr" }).isChecked()).toBe(false);
    await tab.getByRole("button", { name: "Für Homburg mitzeichnen" }).click();
    await tab.getByText("Ihre Mitzeichnung wurde gespeichert.").waitFor();
    // Still the form (the link to the suggestions only added their anchor).
    expect(b.url()).toMatch(/\/anforderungen\/neu(#aehnliche-anforderungen)?$/);
    expect(await b.getByLabel("Titel").inputValue()).toBe("Hundesteuer online anmelden");
    await b.context().close();
  });
});

describe("a long pasted text", () => {
  it("keeps the form and the text: the similarity lookup sends an excerpt, the field names its limit", async () => {
    const page = await newPage(browser);
    await signIn(page, TOWN_A);
    await page.goto("/anforderungen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    await waitForHydration(page);
    const problem = page.getByLabel("Problembeschreibung (Ist-Zustand)");
    // The limit is said up front, in the field's description.
    const described = await problem.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );
    expect(described).toContain("Höchstens 10.000 Zeichen.");

    // More than the limit, as pasted from a document: the lookup must not take the page down.
    const text = "Die Bürgerinnen und Bürger „müssen“ ihre Hunde persönlich im Bürgerbüro anmelden; Gebühren fallen an. "
      .repeat(140)
      .slice(0, 14_000);
    const answered = page.waitForResponse((res) => res.url().includes("/anforderungen/aehnliche"));
    await problem.fill(text);
    const res = await answered;
    expect(res.status()).toBe(200);
    expect(res.url().length).toBeLessThan(8_000);
    const panel = page.locator('[aria-busy="false"]').filter({ has: page.getByRole("heading", { name: "Ähnliche Anforderungen" }) });
    await panel.waitFor();
    expect(await page.getByText("Es ist ein Fehler aufgetreten").count()).toBe(0);
    expect((await problem.inputValue()).length).toBe(14_000);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("a list as a CSV file", () => {
  it("downloads every requirement the filtered list holds, not just its page", async () => {
    const page = await newPage(browser);
    await signIn(page, TOWN_A);
    /** Opens the list at `query`, downloads it and returns the page's count and the file's rows. */
    const listAndFile = async (query: string) => {
      await page.goto(`/anforderungen${query}`);
      await page.getByRole("heading", { level: 1, name: "Alle Anforderungen" }).waitFor();
      await waitForHydration(page);
      const count = Number((await page.getByRole("status").filter({ hasText: /^\d+ Anforderungen?$/ }).textContent())!.split(" ")[0]);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Liste als CSV herunterladen" }).click()]);
      expect(download.suggestedFilename()).toMatch(/^buendel-anforderungen-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n");
      expect(lines[0]).toBe("Nr.;Titel;Organisation;Landkreis / Regionalverband;OZG-Themenfeld;Status;Dringlichkeit;Eingereicht am;Frist (gesetzlich oder geplant);Mitzeichnungen;Vertraulich;Adresse");
      return { count, url: new URL(download.url()), rows: lines.slice(1) };
    };

    // Every page at once, in the list's order (demo titles hold no line breaks: one line each).
    const all = await listAndFile("?sort=title&page=2");
    expect(all.count).toBeGreaterThan(25);
    expect(all.rows.length).toBe(all.count);
    expect(all.url.pathname).toBe("/anforderungen.csv");
    expect(all.url.searchParams.get("sort")).toBe("title");
    expect(all.url.searchParams.has("page")).toBe(false);
    await expectAccessible(page);

    const taxes = await listAndFile("?themenfeld=Steuern+%26+Zoll");
    expect(taxes.count).toBeGreaterThan(0);
    expect(taxes.count).toBeLessThan(all.count);
    expect(taxes.rows.length).toBe(taxes.count);
    expect(taxes.rows.every((l) => l.includes(";Steuern & Zoll;"))).toBe(true);
    await page.context().close();
  });
});

describe("the requirements team's inbox (Eingang)", () => {
  it("says how many requirements it holds and shows them in pages", async () => {
    const page = await newPage(browser);
    await signIn(page, "markus.weber@ego-saar.example");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Eingang" }).click();
    await page.getByRole("heading", { level: 1, name: "Eingang" }).waitFor();
    const count = await page.getByRole("status").filter({ hasText: /^\d+ Anforderungen$/ }).textContent();
    const pages = Math.ceil(Number(count!.split(" ")[0]) / 50);
    expect(pages).toBeGreaterThan(1);
    await page.getByRole("caption").filter({ hasText: `Seite 1 von ${pages}` }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(50);
    // On the first page „Vorherige Seite“ is shown dimmed, announced as unavailable and skipped by Tab.
    const firstPages = page.getByRole("navigation", { name: `Seite 1 von ${pages}` });
    const previous = firstPages.getByRole("link", { name: "Vorherige Seite" });
    expect(await previous.getAttribute("aria-disabled")).toBe("true");
    expect(await previous.getAttribute("href")).toBeNull();
    expect(await firstPages.getByRole("link", { name: "Vorherige Seite", disabled: true }).count()).toBe(1);
    await waitForHydration(page);
    await firstPages.getByRole("link", { name: "1", exact: true }).focus();
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).not.toBe("Vorherige Seite");
    await firstPages.getByRole("link", { name: "2", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    await page.getByRole("caption").filter({ hasText: `Seite 2 von ${pages}` }).waitFor();
    const secondPages = page.getByRole("navigation", { name: `Seite 2 von ${pages}` });
    expect(await secondPages.getByRole("link", { name: "Vorherige Seite" }).getAttribute("href")).toBe("/eingang?page=1");
    await expectAccessible(page);
    await page.goto(`/eingang?page=${pages}`);
    const lastNext = page.getByRole("navigation", { name: `Seite ${pages} von ${pages}` }).getByRole("link", { name: "Nächste Seite" });
    expect(await lastNext.getAttribute("aria-disabled")).toBe("true");
    expect(await lastNext.getAttribute("href")).toBeNull();
    await page.context().close();
  });

  it("says a filter matches nothing instead of calling the inbox empty, and ignores unusable filters", async () => {
    const page = await newPage(browser);
    await signIn(page, "markus.weber@ego-saar.example");
    // The demo data has no released requirement from Kirkel.
    await page.goto("/eingang");
    const kirkel = await page.getByLabel("Organisation").locator("option", { hasText: /^Kirkel$/ }).getAttribute("value");
    await page.goto(`/eingang?status=released&organisationId=${kirkel}`);
    await page.getByText("Keine Anforderung im Eingang entspricht dem Filter.").waitFor();
    expect(await page.getByText("Der Eingang ist leer.").count()).toBe(0);
    await expectAccessible(page);
    await page.goto("/eingang?status=foo&organisationId=2147483648&page=-1");
    await page.getByRole("caption").filter({ hasText: /^Anforderungen im Eingang, Seite 1 von \d+$/ }).waitFor();
    await page.context().close();
  });

  it("names a wrong duplicate number at its field and keeps the reason; nothing is merged", async () => {
    const page = await newPage(browser);
    await signIn(page, "markus.weber@ego-saar.example");
    await page.goto("/eingang");
    await page.locator("main table tbody a").first().click();
    await page.waitForURL(/\/anforderungen\/\d+$/);
    await waitForHydration(page);
    const address = new URL(page.url()).pathname;
    const ownNumber = address.split("/").pop()!;
    const form = page.locator("form", { has: page.locator('input[name="targetId"]') });
    const target = form.getByLabel("Nummer der Anforderung, die den Bedarf schon beschreibt");
    const reason = form.getByLabel("Begründung");
    for (const [typed, message] of [
      ["abc", "Bitte geben Sie die Nummer einer Anforderung an."],
      [ownNumber, "Eine Anforderung kann keine Dublette von sich selbst sein."],
      ["2147483647", "Unter Nr. 2147483647 ist keine Anforderung zu finden."],
    ]) {
      if (!(await target.isVisible())) await page.getByText("Als Dublette markieren", { exact: true }).click();
      await target.fill(typed);
      await reason.fill("Gleicher Bedarf wie die genannte Anforderung");
      await form.getByRole("button", { name: "Bestätigen" }).click();
      await page.getByText(message).waitFor();
      expect(await target.getAttribute("aria-invalid"), typed).toBe("true");
      expect(await target.getAttribute("aria-describedby"), typed).toBeTruthy();
      expect(await reason.inputValue()).toBe("Gleicher Bedarf wie die genannte Anforderung");
      // The address stays the page's own (no „?index“ from the post to bookmark or share).
      await expect.poll(() => new URL(page.url()).search).toBe("");
    }
    await expectAccessible(page);
    // Not merged (other tests running beside this one may take the same requirement into review).
    await page.goto(address);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.locator("main").getByText("Dublette", { exact: true }).count()).toBe(0);
    await page.context().close();
  });
});

describe("marking a duplicate", () => {
  it("names the requirement behind the typed number before „Bestätigen“, and what cannot take the duplicate at the field", async () => {
    // A Saarbrücken draft: the requirements team may not see it, so its number reads like an unknown one.
    const town = await newPage(browser);
    await signIn(town, TOWN_A);
    await town.goto("/anforderungen/neu");
    await waitForHydration(town);
    const draftTitle = `Entwurf für die Dublettenprüfung ${Date.now()}`;
    await town.getByLabel("Titel").fill(draftTitle);
    await town.getByRole("button", { name: "Entwurf speichern" }).click();
    await town.waitForURL(/\/anforderungen\/\d+$/);
    const draftNumber = new URL(town.url()).pathname.split("/").pop()!;
    await town.context().close();

    const page = await newPage(browser);
    await signIn(page, "markus.weber@ego-saar.example");
    const numberOf = async (link: ReturnType<Page["locator"]>) => ({ number: (await link.getAttribute("href"))!.split("/").pop()!, title: (await link.textContent())!.trim() });
    // Rejected is final, so other tests cannot change it meanwhile.
    await page.goto("/anforderungen?status=rejected");
    const rejected = await numberOf(page.locator("main table tbody a").first());
    await page.goto("/eingang");
    const target = await numberOf(page.locator("main table tbody a").nth(1));
    await page.locator("main table tbody a").first().click();
    await page.waitForURL(/\/anforderungen\/\d+$/);
    await waitForHydration(page);

    await page.getByText("Als Dublette markieren", { exact: true }).click();
    const field = page.getByLabel("Nummer der Anforderung, die den Bedarf schon beschreibt");
    const preview = page.getByTestId("merge-target-preview");
    expect(await preview.getAttribute("aria-live")).toBe("polite");
    // Typed by keyboard, as a person would; the preview is the field's description.
    await field.focus();
    await page.keyboard.type(target.number);
    await preview.filter({ hasText: `Nr. ${target.number}: „${target.title}“ – ` }).waitFor();
    expect(await preview.textContent()).toMatch(/, Status: (Eingereicht|Freigegeben|In Prüfung)$/);
    const describedBy = (await field.getAttribute("aria-describedby"))!.split(" ");
    expect(describedBy).toContain(await preview.evaluate((el) => el.parentElement!.id));
    expect(await field.getAttribute("aria-invalid")).toBe("false");
    await expectAccessible(page);

    for (const [typed, message] of [
      [rejected.number, `Nr. ${rejected.number} „${rejected.title}“ ist abgelehnt und kann keine Dublette aufnehmen.`],
      [draftNumber, `Unter Nr. ${draftNumber} ist keine Anforderung zu finden.`],
      ["2147483647", "Unter Nr. 2147483647 ist keine Anforderung zu finden."],
    ]) {
      await field.fill(typed);
      await preview.filter({ hasText: message }).waitFor();
      expect(await field.getAttribute("aria-invalid"), typed).toBe("true");
    }
    expect(await page.getByText(draftTitle).count()).toBe(0);
    await expectAccessible(page);
    // A number copied as shown on the pages („Nr. 12“) is read as well; the refusal goes.
    await field.fill(`Nr. ${target.number}`);
    await preview.filter({ hasText: `„${target.title}“` }).waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("false");
    await page.context().close();
  });
});

describe("marking a duplicate before its preview arrived", () => {
  it("says to check the number the server shows, and merges nothing", async () => {
    const page = await newPage(browser);
    await signIn(page, "markus.weber@ego-saar.example");
    await page.goto("/eingang");
    const link = page.locator("main table tbody a");
    const source = (await link.nth(0).getAttribute("href"))!;
    const targetNumber = (await link.nth(1).getAttribute("href"))!.split("/").pop()!;
    // The browser's own preview never comes (a slow connection): only the server's answer shows the number.
    await page.route("**/dublette?*", () => undefined);
    await page.goto(source);
    await waitForHydration(page);
    await page.getByText("Als Dublette markieren", { exact: true }).click();
    const form = page.locator("form", { has: page.locator('input[name="targetId"]') });
    const field = form.getByLabel("Nummer der Anforderung, die den Bedarf schon beschreibt");
    await field.fill(targetNumber);
    await form.getByLabel("Begründung").fill("Gleicher Bedarf wie die genannte Anforderung");
    await form.getByRole("button", { name: "Bestätigen" }).click();
    await form.getByText("Bitte prüfen Sie, ob dies die gemeinte Anforderung ist.", { exact: false }).waitFor();
    await page.getByTestId("merge-target-preview").filter({ hasText: `Nr. ${targetNumber}: ` }).waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator('input[name="shownTarget"]').inputValue()).toBe(targetNumber);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("co-signing without JavaScript", () => {
  it("keeps the number and the comment when the unit is missing, and offers to send no unit", async () => {
    const signedIn = await newPage(browser);
    await signIn(signedIn, TOWN_B);
    const state = await signedIn.context().storageState();
    // A requirement Homburg has not co-signed yet.
    await signedIn.goto("/anforderungen?sort=newest");
    const links = await signedIn.locator("main table tbody a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    let address: string | undefined;
    for (const href of links) {
      await signedIn.goto(href);
      if ((await signedIn.getByRole("button", { name: "Für Homburg mitzeichnen" }).count()) > 0) {
        address = href;
        break;
      }
    }
    expect(address).toBeTruthy();
    await signedIn.context().close();

    const context = await browser.newContext({ baseURL: baseUrl, locale: "de-DE", viewport: { width: 1280, height: 900 }, javaScriptEnabled: false, storageState: state });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(address!);
    await page.getByLabel("Anzahl (optional)", { exact: true }).fill("12000");
    await page.getByLabel("Kommentar zur Mitzeichnung").fill("Betrifft alle Bürgerbüros.");
    await page.getByRole("button", { name: "Für Homburg mitzeichnen" }).click();
    await page.getByText("Bitte wählen Sie, was die Anzahl zählt", { exact: false }).waitFor();
    // The answer opens at the co-sign form, where the message stands.
    expect(new URL(page.url()).hash).toBe("#mitzeichnung");
    expect(await page.getByLabel("Anzahl (optional)", { exact: true }).inputValue()).toBe("12.000");
    expect(await page.getByLabel("Kommentar zur Mitzeichnung").inputValue()).toBe("Betrifft alle Bürgerbüros.");
    // No script to clear a chosen unit: a third choice sends none.
    await page.getByRole("radio", { name: "Keine Einheit (Auswahl aufheben)" }).waitFor();
    // … drawn like the two units above it (Mantine's radio, not the browser's own).
    const radioClasses = await page.locator('input[type="radio"][name="quantityUnit"]').evaluateAll((inputs) => inputs.map((i) => i.className));
    expect(radioClasses).toHaveLength(3);
    expect(new Set(radioClasses).size).toBe(1);
    expect(radioClasses[0]).toContain("mantine-Radio-radio");
    await expectAccessibleWithoutScripts(browser, page);
    await context.close();
  });
});

describe("a requirement without JavaScript", () => {
  it("names the print shortcut instead of a button that cannot print, and answers an empty comment at the comments", async () => {
    const signedIn = await newPage(browser);
    await signIn(signedIn, TOWN_B);
    const state = await signedIn.context().storageState();
    await signedIn.goto("/anforderungen?sort=newest");
    const address = (await signedIn.locator("main table tbody a").first().getAttribute("href"))!;
    // With JavaScript: the button, and no hint.
    await signedIn.goto(address);
    await waitForHydration(signedIn);
    expect(await signedIn.getByRole("button", { name: "Drucken" }).isVisible()).toBe(true);
    expect(await signedIn.locator(".print-control-hint").count()).toBe(0);
    await signedIn.context().close();

    const context = await browser.newContext({ baseURL: baseUrl, locale: "de-DE", viewport: { width: 1280, height: 900 }, javaScriptEnabled: false, storageState: state });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(address);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("button", { name: "Drucken" }).count()).toBe(0);
    expect(await page.locator(".print-control-hint").innerText()).toBe("Zum Drucken: Strg+P (Mac: cmd+P)");

    const comments = page.getByRole("region", { name: "Kommentare", exact: true });
    await comments.getByRole("button", { name: "Kommentar senden" }).click();
    await comments.getByText("Bitte füllen Sie dieses Feld aus.").waitFor();
    // The refused comment opens at the comments section, its message in view, not at the top of the page.
    expect(new URL(page.url()).hash).toBe("#kommentare");
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await expect.poll(() => comments.getByText("Bitte füllen Sie dieses Feld aus.").evaluate((e) => e.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await expectAccessibleWithoutScripts(browser, page);

    // The new-requirement form says when similar requirements are looked for; it offers no control and raises no alert.
    await page.goto("/anforderungen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("Beim Einreichen prüft Bündel, ob es schon ähnliche Anforderungen gibt.");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.getByText("Auf ähnliche Anforderungen prüfen").count()).toBe(0);
    await expectAccessibleWithoutScripts(browser, page);
    await context.close();
  });
});

describe("marking a duplicate without JavaScript", () => {
  it("shows the requirement behind the number and asks to check it before anything is merged", async () => {
    const signedIn = await newPage(browser);
    await signIn(signedIn, "markus.weber@ego-saar.example");
    const state = await signedIn.context().storageState();
    await signedIn.goto("/eingang");
    const link = signedIn.locator("main table tbody a");
    const [source, target] = [(await link.nth(0).getAttribute("href"))!, await link.nth(1).getAttribute("href")];
    const targetNumber = target!.split("/").pop()!;
    const targetTitle = (await link.nth(1).textContent())!.trim();
    await signedIn.context().close();

    const context = await browser.newContext({ baseURL: baseUrl, locale: "de-DE", viewport: { width: 1280, height: 900 }, javaScriptEnabled: false, storageState: state });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(source);
    await page.getByText("Als Dublette markieren", { exact: true }).click();
    const form = page.locator("form", { has: page.locator('input[name="targetId"]') });
    await form.getByLabel("Nummer der Anforderung, die den Bedarf schon beschreibt").fill(targetNumber);
    await form.getByLabel("Begründung").fill("Gleicher Bedarf wie die genannte Anforderung");
    await form.getByRole("button", { name: "Bestätigen" }).click();
    await page.getByText("Bitte prüfen Sie, ob dies die gemeinte Anforderung ist.", { exact: false }).waitFor();
    await page.getByTestId("merge-target-preview").filter({ hasText: `Nr. ${targetNumber}: „${targetTitle}“ – ` }).waitFor();
    // What was typed stays, and the form now carries the number it has shown.
    expect(await form.getByLabel("Nummer der Anforderung, die den Bedarf schon beschreibt").inputValue()).toBe(targetNumber);
    expect(await form.getByLabel("Begründung").inputValue()).toBe("Gleicher Bedarf wie die genannte Anforderung");
    expect(await form.locator('input[name="shownTarget"]').inputValue()).toBe(targetNumber);
    await expectAccessibleWithoutScripts(browser, page);
    // Nothing merged yet.
    await page.goto(source);
    expect(await page.locator("main").getByText("Dublette", { exact: true }).count()).toBe(0);
    await context.close();
  });
});

describe("comments on a requirement", () => {
  it("asks for a text at the field, keeps a refused text and, after a save, shows the comment with an empty form", async () => {
    const page = await newPage(browser);
    await signIn(page, TOWN_A);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Alle Anforderungen" }).click();
    await page.getByRole("heading", { level: 1, name: "Alle Anforderungen" }).waitFor();
    await page.getByLabel("Suche").fill("Hundesteueranmeldung");
    await page.getByRole("button", { name: "Filter anwenden" }).click();
    await page.getByRole("link", { name: "Hundesteueranmeldung online", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Hundesteueranmeldung online" }).waitFor();
    await waitForHydration(page);
    const comments = page.getByRole("region", { name: "Kommentare", exact: true });
    const field = comments.getByLabel("Ihr Kommentar");
    const send = comments.getByRole("button", { name: "Kommentar senden" });

    await send.click();
    await comments.getByText("Bitte füllen Sie dieses Feld aus.").waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    // Refused by the server: the text stays for shortening.
    const tooLong = "Zu lang. ".repeat(600);
    await field.fill(tooLong);
    await send.click();
    await comments.getByText("Dieser Text ist zu lang (höchstens 5.000 Zeichen).").waitFor();
    expect(await field.inputValue()).toBe(tooLong);
    await expectAccessible(page);

    const text = `Auch die Ortsteile brauchen das (E2E ${Date.now()}).`;
    await field.fill(text);
    await send.click();
    await page.getByText("Ihr Kommentar wurde gespeichert.").waitFor();
    await comments.getByRole("article").filter({ hasText: text }).waitFor();
    // The form starts afresh: nothing left to send twice, no message of the earlier tries.
    expect(await field.inputValue()).toBe("");
    expect(await field.getAttribute("aria-invalid")).not.toBe("true");
    expect(await comments.getByText("Dieser Text ist zu lang (höchstens 5.000 Zeichen).").count()).toBe(0);
    expect(await comments.getByText("Bitte füllen Sie dieses Feld aus.").count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("a half-finished draft", () => {
  it("is saved with only a title, refused for submission naming what is missing, and submitted once completed", async () => {
    const page = await newPage(browser);
    await signIn(page, TOWN_A);
    await page.goto("/anforderungen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    await waitForHydration(page);
    await page.getByText("Zum Speichern als Entwurf genügt der Titel.", { exact: false }).waitFor();
    const title = `Halbfertiger Entwurf ${Date.now()}`;
    await page.getByLabel("Titel").fill(title);
    // Submitting needs every required field: all missing ones are named at once, nothing is sent.
    await page.getByRole("button", { name: "Einreichen", exact: true }).click();
    await page.getByText("Bitte wählen Sie ein Themenfeld.").waitFor();
    expect(await page.getByText("Bitte füllen Sie dieses Feld aus.").count()).toBe(3);
    for (const label of ["Problembeschreibung (Ist-Zustand)", "Gewünschtes Ergebnis (Soll-Zustand)", "OZG-Themenfeld", "Erwarteter Nutzen"]) {
      expect(await page.getByLabel(label).getAttribute("aria-invalid"), label).toBe("true");
    }
    expect(page.url()).toMatch(/\/anforderungen\/neu$/);
    await expectAccessible(page);
    // Saving the draft needs only the title.
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.waitForURL(/\/anforderungen\/\d+$/);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText("Der Entwurf wurde gespeichert.").waitFor();
    await page.locator("main").getByText("Entwurf", { exact: true }).first().waitFor();
    expect(await page.getByText("noch nicht ausgefüllt").count()).toBe(4);
    await expectAccessible(page);
    // „Einreichen“ on the page is refused, naming the missing fields; it stays a draft.
    await waitForHydration(page);
    await page.getByRole("button", { name: "Einreichen", exact: true }).click();
    await page
      .getByRole("alert")
      .getByText("Bitte ergänzen Sie vor dem Einreichen: Problembeschreibung (Ist-Zustand), Gewünschtes Ergebnis (Soll-Zustand), OZG-Themenfeld, Erwarteter Nutzen.", { exact: false })
      .waitFor();
    await page.locator("main").getByText("Entwurf", { exact: true }).first().waitFor();
    expect(await page.getByText("Die Anforderung wurde eingereicht.").count()).toBe(0);
    await expectAccessible(page);
    // Completed in the edit form, it is submitted.
    await page.getByRole("link", { name: "Entwurf bearbeiten" }).click();
    await page.getByRole("heading", { level: 1, name: "Entwurf bearbeiten" }).waitFor();
    await waitForHydration(page);
    expect(await page.getByLabel("Titel").inputValue()).toBe(title);
    await page.getByLabel("Problembeschreibung (Ist-Zustand)").fill("Der Entwurf war nur halb fertig.");
    await page.getByLabel("Gewünschtes Ergebnis (Soll-Zustand)").fill("Er ist jetzt vollständig.");
    await page.getByLabel("OZG-Themenfeld").selectOption("Bauen & Wohnen");
    await page.getByLabel("Erwarteter Nutzen").fill("Er kann eingereicht werden.");
    // The similar-requirements panel has been shown while typing, so submitting goes straight through.
    await page.getByRole("heading", { name: "Ähnliche Anforderungen" }).waitFor();
    await page.getByRole("button", { name: "Einreichen", exact: true }).click();
    await page.waitForURL(/\/anforderungen\/\d+$/);
    await page.getByText("Die Anforderung wurde eingereicht.").waitFor();
    expect(await page.getByText("noch nicht ausgefüllt").count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("input the requirement pages do not use silently", () => {
  it("Enter in a one-line field of a new requirement saves a draft, it never submits", async () => {
    const page = await newPage(browser);
    await signIn(page, TOWN_A);
    await page.goto("/anforderungen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    await waitForHydration(page);
    const title = `Enter speichert Entwurf ${Date.now()}`;
    await page.getByLabel("Problembeschreibung (Ist-Zustand)").fill("Ein Formular, das mit der Eingabetaste abgeschickt wird.");
    await page.getByLabel("Gewünschtes Ergebnis (Soll-Zustand)").fill("Die Eingabetaste speichert nur.");
    await page.getByLabel("OZG-Themenfeld").selectOption("Bauen & Wohnen");
    await page.getByLabel("Erwarteter Nutzen").fill("Nichts geht versehentlich an den Verband.");
    await page.getByLabel("Titel").fill(title);
    // The form's first submit button (the one Enter presses) saves; it is out of the tab order and
    // hidden from assistive technology, and the visible buttons keep their order.
    const form = page.locator("form", { has: page.locator('input[name="title"]') });
    const submits = form.locator('button[type="submit"]');
    expect(await submits.first().evaluate((b: HTMLButtonElement) => [b.value, b.tabIndex, b.getAttribute("aria-hidden")])).toEqual(["save", -1, "true"]);
    expect(await form.getByRole("button").filter({ hasText: /^(Einreichen|Entwurf speichern)$/ }).allTextContents()).toEqual(["Einreichen", "Entwurf speichern"]);
    await page.getByLabel("Titel").press("Enter");
    await page.waitForURL(/\/anforderungen\/\d+$/);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText("Der Entwurf wurde gespeichert.").waitFor();
    await page.locator("main").getByText("Entwurf", { exact: true }).first().waitFor();
    expect(await page.getByText("Die Anforderung wurde eingereicht.").count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });

  it("says at the search field what the search left out, and at the date field that an impossible date was not applied", async () => {
    const page = await newPage(browser);
    await signIn(page, TOWN_B);
    const describedText = async (label: string) => {
      const ids = (await page.getByLabel(label, { exact: true }).getAttribute("aria-describedby")) ?? "";
      const texts = await Promise.all(ids.split(" ").filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
      return texts.join(" ");
    };
    await page.goto(`/anforderungen?q=${encodeURIComponent(`Hundesteuer 100% und_so 😀 ${"x".repeat(200)}`)}`);
    await page.getByRole("heading", { level: 1, name: "Alle Anforderungen" }).waitFor();
    const note = await describedText("Suche");
    expect(note).toContain("Nicht berücksichtigt: %, _ (Sonderzeichen); 😀 (Emoji); und, so (häufige Wörter).");
    expect(note).toContain("Gesucht wird nach den ersten 200 Zeichen.");
    expect(await page.getByLabel("Suche", { exact: true }).getAttribute("aria-invalid")).toBe("false");
    await expectAccessible(page);

    await page.goto(`/anforderungen?q=${encodeURIComponent("% der 😀")}`);
    await page.getByRole("heading", { level: 1, name: "Alle Anforderungen" }).waitFor();
    expect(await describedText("Suche")).toContain("Ihre Suche enthält kein Wort, nach dem gesucht werden kann. Die Liste ist deshalb nicht nach dem Suchtext gefiltert.");
    expect(await page.getByLabel("Suche", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Suche", { exact: true }).inputValue()).toBe("% der 😀");
    await expectAccessible(page);

    await page.goto("/anforderungen?deadlineBefore=2026-13-45");
    await page.getByRole("heading", { level: 1, name: "Alle Anforderungen" }).waitFor();
    expect(await describedText("Frist bis")).toContain("Bitte geben Sie ein gültiges Datum ein („2026-13-45“ ist keines). Die Liste ist nicht nach Frist gefiltert.");
    expect(await page.getByLabel("Frist bis", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("a file over the size limit on a new requirement", () => {
  it("says at the file field that the file is too large and keeps what was typed", async () => {
    // 11 MB, one more than allowed per file; a PDF by its first bytes, so only its size is refused.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-upload-"));
    const file = path.join(dir, "bauplan-gross.pdf");
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    big.write("%PDF-1.4\n");
    fs.writeFileSync(file, big);
    const page = await newPage(browser);
    try {
      await signIn(page, TOWN_A);
      const title = `Großer Bauplan ${Date.now()}`;
      await fillNewRequirement(page, title, {
        problem: "Die Baupläne liegen nur als große Scans vor.",
        desiredOutcome: "Die Scans sind der Anforderung beigefügt.",
        benefit: "Alle sehen dieselben Pläne.",
      });
      await page.locator('input[type="file"][name="files"]').setInputFiles(file);
      // Answered with 413, the browser failed the request: „Seite nicht gefunden“, the form gone.
      for (const button of ["Entwurf speichern", "Einreichen"]) {
        const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/anforderungen/neu"));
        await page.getByRole("button", { name: button }).click();
        expect((await answer).status(), button).toBe(400);
        const message = page.getByText("Die Datei „bauplan-gross.pdf“ ist zu groß (höchstens 10 MB je Datei).");
        await message.waitFor();
        // The message stands at the file field (described by it), and the page is still the form.
        const messageId = await message.getAttribute("id");
        expect(await page.locator(`[aria-describedby~="${messageId}"]`).getAttribute("aria-invalid")).toBe("true");
        await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
        expect(page.url()).toMatch(/\/anforderungen\/neu$/);
        expect(await page.getByLabel("Titel").inputValue()).toBe(title);
        expect(await page.getByText("Seite nicht gefunden").count()).toBe(0);
        await expectAccessible(page);
      }
    } finally {
      await page.context().close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("removing an attachment from a draft", () => {
  it("asks first, naming the file; „Abbrechen“ keeps it, confirming removes it", async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, TOWN_A);
      const title = `Entwurf mit falschem Anhang ${Date.now()}`;
      await fillNewRequirement(page, title, {
        problem: "Versehentlich wurde eine Liste mit Namen hochgeladen.",
        desiredOutcome: "Die Liste ist wieder weg.",
        benefit: "Keine personenbezogenen Daten im Portal.",
      });
      await page.getByRole("button", { name: "Entwurf speichern" }).click();
      await page.waitForURL(/\/anforderungen\/\d+$/);
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await waitForHydration(page);

      const attachments = page.getByRole("region", { name: "Anhänge", exact: true });
      await page.locator('input[type="file"][name="files"]').setInputFiles({ name: "namensliste.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
      await attachments.getByRole("button", { name: "Hochladen" }).click();
      const link = attachments.getByRole("link", { name: "namensliste.pdf" });
      await link.waitFor();
      await waitForHydration(page);
      await expectAccessible(page);

      // The question names the file; focus starts on „Abbrechen“, which keeps it.
      const remove = attachments.getByRole("button", { name: "Anhang „namensliste.pdf“ entfernen" });
      await remove.click();
      const dialog = page.getByRole("dialog", { name: "Anhang „namensliste.pdf“ entfernen" });
      await dialog.getByText("Den Anhang „namensliste.pdf“ endgültig entfernen?", { exact: false }).waitFor();
      await expect.poll(() => dialog.getByRole("button", { name: "Abbrechen" }).evaluate((el) => el === document.activeElement)).toBe(true);
      await expectAccessible(page);
      await dialog.getByRole("button", { name: "Abbrechen" }).click();
      await dialog.waitFor({ state: "detached" });
      expect(await link.count()).toBe(1);

      await remove.click();
      await dialog.getByRole("button", { name: "Ja, entfernen" }).click();
      await page.getByText("Der Anhang „namensliste.pdf“ wurde entfernt.").waitFor();
      await attachments.getByText("Keine Anhänge.").waitFor();
      expect(await attachments.getByRole("link", { name: "namensliste.pdf" }).count()).toBe(0);
      await page.getByText("Anhang „namensliste.pdf“ entfernt", { exact: true }).waitFor();
      await expectAccessible(page);
    } finally {
      await page.context().close();
    }
  });
});

describe("one refusal names every problem", () => {
  it("refuses a first „Einreichen“ once, for similar requirements and a bad attachment together, and says so with the live panel shown", async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, TOWN_B);
      // The live lookup is held until the server has answered the first „Einreichen“, so the panel
      // fills only afterwards (as when the button is pressed before typing has paused).
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route((url) => url.pathname === "/anforderungen/aehnliche", async (route) => {
        await held;
        await route.continue();
      });
      const title = "Hundesteuer online anmelden";
      await fillNewRequirement(page, title, {
        problem: "Die Hundesteuer wird auf Papier angemeldet.",
        desiredOutcome: "Hundehalter melden ihren Hund online an.",
        benefit: "Weniger Wege ins Rathaus.",
      });
      await page.locator('input[type="file"][name="files"]').setInputFiles({ name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ kein Dokument") });
      const posts: number[] = [];
      page.on("response", (r) => {
        if (r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/anforderungen/neu")) posts.push(r.status());
      });
      await page.getByRole("button", { name: "Einreichen", exact: true }).click();
      const refusal = page.getByRole("alert").filter({ hasText: "Ihre Anforderung wurde noch nicht eingereicht: Es gibt ähnliche Anforderungen." });
      await refusal.waitFor();
      // Both reasons in the one answer: the similar requirements and the file, at its field.
      await refusal.getByText("Bitte beachten Sie außerdem die Hinweise an den markierten Feldern.", { exact: false }).waitFor();
      const fileMessage = page.getByText("Die Datei „tool.exe“ hat einen Dateityp, der nicht erlaubt ist.", { exact: false });
      await fileMessage.waitFor();
      expect(await page.locator(`[aria-describedby~="${await fileMessage.getAttribute("id")}"]`).getAttribute("aria-invalid")).toBe("true");
      expect(posts).toEqual([400]);
      // The file field cannot take the focus (Mantine's input is hidden): the explanation does, in view.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
      expect(await page.getByLabel("Titel").inputValue()).toBe(title);

      // The live panel fills now: the explanation stays.
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/anforderungen/aehnliche" && r.ok());
      release();
      await answered;
      await page.locator('[aria-busy="false"]').filter({ has: page.getByRole("heading", { name: "Ähnliche Anforderungen" }) }).waitFor();
      expect(await refusal.isVisible()).toBe(true);
      await expectAccessible(page);

      // With JavaScript the chosen file stays in the field: replaced by an allowed one, it goes through.
      await page.locator('input[type="file"][name="files"]').setInputFiles({ name: "satzung.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
      await page.getByRole("button", { name: "Trotzdem einreichen" }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await page.getByRole("region", { name: "Anhänge", exact: true }).getByRole("link", { name: "satzung.pdf" }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it("without JavaScript, one answer names the similar requirements, the missing field and the file to choose again", async () => {
    const signedIn = await newPage(browser);
    await signIn(signedIn, TOWN_B);
    const state = await signedIn.context().storageState();
    await signedIn.context().close();
    const context = await browser.newContext({ baseURL: baseUrl, locale: "de-DE", viewport: { width: 1280, height: 900 }, javaScriptEnabled: false, storageState: state });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await page.goto("/anforderungen/neu");
      await page.getByLabel("Titel").fill("Hundesteuer online anmelden");
      await page.getByLabel("Problembeschreibung (Ist-Zustand)").fill("Die Hundesteuer wird auf Papier angemeldet.");
      await page.getByLabel("OZG-Themenfeld").selectOption("Bauen & Wohnen");
      await page.getByLabel("Erwarteter Nutzen").fill("Weniger Wege ins Rathaus.");
      await page.locator('input[type="file"][name="files"]').setInputFiles({ name: "hundeliste.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
      await page.getByRole("button", { name: "Einreichen", exact: true }).click();
      await page.getByText("Ihre Anforderung wurde noch nicht eingereicht: Es gibt ähnliche Anforderungen.", { exact: false }).waitFor();
      // The empty „Gewünschtes Ergebnis“ is named in the same answer, and the file to choose again.
      expect(await page.getByLabel("Gewünschtes Ergebnis (Soll-Zustand)").getAttribute("aria-invalid")).toBe("true");
      await page.getByText("Noch nicht gespeichert: hundeliste.pdf. Ohne JavaScript vergisst der Browser die gewählten Dateien – bitte wählen Sie sie erneut aus.").waitFor();
      expect(await page.getByLabel("Titel").inputValue()).toBe("Hundesteuer online anmelden");
      expect(await page.getByLabel("Erwarteter Nutzen").inputValue()).toBe("Weniger Wege ins Rathaus.");
      await page.getByRole("button", { name: "Trotzdem einreichen" }).waitFor();
      await expectAccessibleWithoutScripts(browser, page);
    } finally {
      await context.close();
    }
  });
});

describe("texts on a requirement page survive an ended session", () => {
  it("offers an unsent co-sign and comment again after signing in, and forgets each once sent", async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, TOWN_B);
      // A requirement Homburg has not co-signed yet.
      await page.goto("/anforderungen?sort=newest");
      const links = await page.locator("main table tbody a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      let address: string | undefined;
      for (const href of links) {
        await page.goto(href);
        if ((await page.getByRole("button", { name: "Für Homburg mitzeichnen" }).count()) > 0) {
          address = href;
          break;
        }
      }
      expect(address).toBeTruthy();
      const id = address!.split("/").pop();
      await waitForHydration(page);
      const kept = (name: string, text: string) =>
        page.waitForFunction(([n, t]) => Object.keys(sessionStorage).some((k) => k.endsWith(`:${n}`) && (sessionStorage.getItem(k) ?? "").includes(t)), [name, text] as const);
      const signInAgain = async () => {
        await page.waitForURL((url) => url.pathname === "/anmelden");
        await waitForHydration(page);
        await page.getByLabel("E-Mail-Adresse").fill(TOWN_B);
        await page.getByLabel("Passwort").fill("Buendel-Demo-2026");
        await page.getByRole("button", { name: "Anmelden" }).click();
        await page.waitForURL((url) => url.pathname === address);
        await waitForHydration(page);
      };

      // Co-sign: the session ends before it is sent.
      const cosign = page.getByRole("region", { name: "Mitzeichnung" });
      const comment = "Betrifft auch die Ortsteile von Homburg.";
      await cosign.getByLabel("Anzahl (optional)", { exact: true }).fill("250");
      await cosign.getByRole("radio", { name: "Fälle pro Jahr" }).check();
      await cosign.getByLabel("Kommentar zur Mitzeichnung").fill(comment);
      // The field names its limit.
      await cosign.getByText("höchstens 5.000 Zeichen", { exact: false }).waitFor();
      await kept(`requirement-cosign-${id}`, comment);
      await page.context().clearCookies();
      await cosign.getByRole("button", { name: "Für Homburg mitzeichnen" }).click();
      await signInAgain();
      const cosignOffer = cosign.getByRole("status").filter({ hasText: "Nicht gesendete Eingaben" });
      await cosignOffer.waitFor();
      expect(await cosign.getByLabel("Kommentar zur Mitzeichnung").inputValue()).toBe("");
      await expectAccessible(page);
      await cosignOffer.getByRole("button", { name: "Eingaben wiederherstellen" }).click();
      await cosignOffer.waitFor({ state: "detached" });
      expect(await cosign.getByLabel("Kommentar zur Mitzeichnung").inputValue()).toBe(comment);
      expect(await cosign.getByLabel("Anzahl (optional)", { exact: true }).inputValue()).toBe("250");
      expect(await cosign.getByRole("radio", { name: "Fälle pro Jahr" }).isChecked()).toBe(true);
      await cosign.getByRole("button", { name: "Für Homburg mitzeichnen" }).click();
      await page.getByText("Ihre Mitzeichnung wurde gespeichert.").waitFor();
      await cosign.getByText(comment, { exact: false }).waitFor();
      // Sent: nothing is kept for it any more.
      await expect.poll(() => page.evaluate((n) => Object.keys(sessionStorage).filter((k) => k.endsWith(`:${n}`)).length, `requirement-cosign-${id}`)).toBe(0);

      // Comment: likewise.
      const comments = page.getByRole("region", { name: "Kommentare" });
      const body = `Wir haben dazu eine Dienstanweisung ${Date.now()}.`;
      await comments.getByLabel("Ihr Kommentar").fill(body);
      await kept(`requirement-comment-${id}`, body);
      await page.context().clearCookies();
      await comments.getByRole("button", { name: "Kommentar senden" }).click();
      await signInAgain();
      const commentOffer = comments.getByRole("status").filter({ hasText: "Nicht gesendete Eingaben" });
      await commentOffer.waitFor();
      await commentOffer.getByRole("button", { name: "Eingaben wiederherstellen" }).click();
      expect(await comments.getByLabel("Ihr Kommentar").inputValue()).toBe(body);
      await comments.getByRole("button", { name: "Kommentar senden" }).click();
      await page.getByText("Ihr Kommentar wurde gespeichert.").waitFor();
      await comments.getByRole("article").filter({ hasText: body }).waitFor();
      expect(await comments.getByLabel("Ihr Kommentar").inputValue()).toBe("");
      await expect.poll(() => page.evaluate((n) => Object.keys(sessionStorage).filter((k) => k.endsWith(`:${n}`)).length, `requirement-comment-${id}`)).toBe(0);
      await page.reload();
      await waitForHydration(page);
      await comments.getByLabel("Ihr Kommentar").waitFor();
      expect(await page.getByRole("status").filter({ hasText: "Nicht gesendete Eingaben" }).count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});
