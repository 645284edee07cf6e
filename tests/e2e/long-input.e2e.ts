import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed/demo-users";
import { baseUrl, expectAccessible, launchBrowser, newPage, signIn, waitForHydration } from "#tests/helpers/browser";

// A text longer than a field's limit is never cut: the field counts it, the message names the limit,
// and once shortened it saves.

const STAFF = "jonas.becker@homburg.example";
const TOO_LONG = "Die Kundinnen und Kunden sollen Termine im Bürgerbüro online buchen, verschieben und absagen können. ";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What a screen reader reads as the field's description: every element its aria-describedby names. */
const describedText = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

/** A 250-character title, unique to this run so the saved requirement can be found by it. */
const longTitle = () => `${Date.now().toString(36)} ${TOO_LONG.repeat(3)}`.slice(0, 250);

async function fillTheRest(page: Page) {
  await page.getByLabel("Problembeschreibung (Ist-Zustand)").fill("Termine werden heute nur telefonisch vergeben.");
  await page.getByLabel("Gewünschtes Ergebnis (Soll-Zustand)").fill("Eine Online-Terminbuchung für alle Bürgerbüros.");
  await page.getByLabel("OZG-Themenfeld").selectOption("Querschnittsleistungen");
  await page.getByLabel("Erwarteter Nutzen").fill("Weniger Anrufe, kürzere Wartezeiten.");
}

describe("a long pasted title", () => {
  it("is kept whole and counted, refused with the limit named at the field, and saved once shortened", async () => {
    const page = await newPage(browser);
    await signIn(page, STAFF);
    await page.goto("/anforderungen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    await waitForHydration(page);
    const title = page.getByLabel("Titel");
    // The limit is said up front.
    expect(await describedText(title)).toContain("Höchstens 200 Zeichen.");

    // Pasted (inserted at once, as a paste is): nothing is cut, and the field counts.
    const text = longTitle();
    expect(text).toHaveLength(250);
    await title.focus();
    await page.keyboard.insertText(text);
    expect(await title.inputValue()).toBe(text);
    await page.getByText("250 / 200 Zeichen – 50 zu viel").waitFor();
    expect(await describedText(title)).toContain("250 / 200 Zeichen – 50 zu viel");
    // The polite live region says it once typing pauses.
    await page.locator('[aria-live="polite"]').filter({ hasText: "250 / 200 Zeichen – 50 zu viel" }).waitFor({ state: "attached" });
    await expectAccessible(page);

    // Saving is refused at the field, with the limit in the message; the text stays.
    await fillTheRest(page);
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    const message = "Dieser Text ist zu lang (höchstens 200 Zeichen).";
    await page.getByText(message).waitFor();
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect(await describedText(title)).toContain(message);
    expect(await title.inputValue()).toBe(text);
    expect(page.url()).toMatch(/\/anforderungen\/neu$/);
    await expectAccessible(page);

    // Shortened to the limit, the count says so and the draft saves.
    const shortened = text.slice(0, 200).trimEnd();
    await title.fill(shortened);
    await page.getByText(`${shortened.length} / 200 Zeichen`, { exact: true }).waitFor();
    await page.getByText(message).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.getByRole("heading", { level: 1, name: shortened }).waitFor();
    expect(page.url()).toMatch(/\/anforderungen\/\d+$/);
    await waitForHydration(page);
    await expectAccessible(page);
    await page.context().close();
  });

  it("is refused by the server with the same message at the field when the app's scripts do not run", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: "de-DE", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    // The page as sent by the server, its forms posted by the browser (axe still runs: only the app's modules are held back).
    await context.route(/\/assets\/.*\.js(\?.*)?$/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto("/anmelden");
    await page.getByLabel("E-Mail-Adresse").fill(STAFF);
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("button", { name: "Abmelden" }).first().waitFor({ state: "attached" });
    await page.goto("/anforderungen/neu");
    const title = page.getByLabel("Titel");
    const text = longTitle();
    await title.focus();
    await page.keyboard.insertText(text);
    expect(await title.inputValue()).toBe(text);
    await fillTheRest(page);
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.getByText("Dieser Text ist zu lang (höchstens 200 Zeichen).").waitFor();
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect(await title.inputValue()).toBe(text);
    await expectAccessible(page);
    await context.close();
  });
});

describe("a long text in a growing text area", () => {
  it("stops the field at 12 lines (it scrolls inside), so the form's buttons stay near", async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, STAFF);
      await page.goto("/anforderungen/neu");
      await waitForHydration(page);
      const problem = page.getByLabel("Problembeschreibung (Ist-Zustand)");
      await problem.fill(TOO_LONG.repeat(120).slice(0, 12_000));
      const box = await problem.evaluate((el) => ({ height: el.clientHeight, scroll: el.scrollHeight, lineHeight: parseFloat(getComputedStyle(el).lineHeight) }));
      expect(box.scroll).toBeGreaterThan(box.height);
      expect(box.height).toBeLessThan(box.lineHeight * 13 + 40);
      // The buttons stand about a screen or two below the top, not thousands of pixels down.
      const button = await page.getByRole("button", { name: "Einreichen", exact: true }).boundingBox();
      expect(button!.y).toBeLessThan(2200);
    } finally {
      await page.context().close();
    }
  });

  it("wraps a long unbroken word in a co-sign comment inside the Mitzeichnung card", async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, STAFF);
      await page.goto("/anforderungen?sort=newest");
      const links = await page.locator("main table tbody a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      let found = false;
      for (const href of links) {
        await page.goto(href);
        if ((await page.getByRole("button", { name: "Für Homburg mitzeichnen" }).count()) > 0) {
          found = true;
          break;
        }
      }
      expect(found).toBe(true);
      await waitForHydration(page);
      const card = page.getByRole("region", { name: "Mitzeichnung" });
      const word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze".repeat(6);
      await card.getByLabel("Kommentar zur Mitzeichnung").fill(word);
      // The field names its limit before anything is sent.
      expect(await describedText(card.getByLabel("Kommentar zur Mitzeichnung"))).toContain("Höchstens 5.000 Zeichen");
      await card.getByRole("button", { name: "Für Homburg mitzeichnen" }).click();
      await page.getByText("Ihre Mitzeichnung wurde gespeichert.").waitFor();
      await card.getByText(word, { exact: false }).waitFor();
      const overflow = await card.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    } finally {
      await page.context().close();
    }
  });
});
