import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn, waitForHydration } from "#tests/helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The number a list's count line („103 Anforderungen“) names. */
const countOf = (text: string | null) => Number((text ?? "").replace(/\D/g, ""));

describe("requirement lists", () => {
  it("„Neu im Eingang“ opens the inbox narrowed to what the card counts", async () => {
    const page = await newPage(browser);
    await signIn(page, "markus.weber@ego-saar.example");
    await page.getByRole("heading", { name: "Neu im Eingang" }).waitFor();
    const link = page.getByRole("main").getByRole("link", { name: /^Zum Eingang/ });
    const n = countOf(await link.textContent());
    expect(n).toBeGreaterThan(0);
    await waitForHydration(page);
    await link.click();
    await page.waitForURL((url) => url.pathname === "/eingang" && url.searchParams.get("status") === "new");
    await page.getByRole("heading", { level: 1, name: "Eingang" }).waitFor();
    expect(countOf(await page.getByRole("status").filter({ hasText: /Anforderung/ }).textContent())).toBe(n);
    expect(await page.getByLabel("Status").inputValue()).toBe("new");
    expect(await page.locator("main table tbody").getByText("In Prüfung").count()).toBe(0);
    await expectAccessible(page);
    // The whole inbox holds more: those in review too.
    await page.goto("/eingang");
    expect(countOf(await page.getByRole("status").filter({ hasText: /Anforderung/ }).textContent())).toBeGreaterThan(n);
    await page.context().close();
  });

  it("a town lists what it co-signed, from „Unsere Anforderungen“, in an address it can share", async () => {
    const page = await newPage(browser);
    await signIn(page, "anna.schmidt@saarbruecken.example");
    await page.goto("/anforderungen/unsere");
    await page.getByRole("link", { name: "Anforderungen anderer Mitglieder, die Sie mitgezeichnet haben" }).click();
    await page.waitForURL((url) => url.pathname === "/anforderungen" && url.searchParams.get("cosigned") === "own");
    expect(await page.getByLabel("Mitzeichnung").inputValue()).toBe("own");
    const rows = page.locator("main table tbody tr");
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    expect(countOf(await page.getByRole("status").filter({ hasText: /Anforderung/ }).textContent())).toBe(n);
    // None is Saarbrücken's own filing.
    expect(await page.locator("main table tbody td").filter({ hasText: /^Saarbrücken/ }).count()).toBe(0);
    await expectAccessible(page);
    // The filter form keeps it with another filter; the CSV link carries it.
    await page.goto("/anforderungen?cosigned=own&sort=title");
    const csv = await page.getByRole("link", { name: "Liste als CSV herunterladen" }).getAttribute("href");
    expect(csv).toBe("/anforderungen.csv?cosigned=own&sort=title");
    await page.context().close();
  });

  it("finds a requirement by its number, „Nr. 14“ and „14“", async () => {
    const page = await newPage(browser);
    await signIn(page, "jonas.becker@homburg.example");
    await page.goto("/anforderungen?q=Nr.%2014");
    await page.getByRole("heading", { level: 1, name: "Alle Anforderungen" }).waitFor();
    expect(await page.getByText("Ihre Suche enthält kein Wort").count()).toBe(0);
    const rows = page.locator("main table tbody tr");
    expect(await rows.count()).toBe(1);
    const href = await rows.first().getByRole("link").getAttribute("href");
    expect(href).toBe("/anforderungen/14");
    await expectAccessible(page);
    await page.goto("/anforderungen?q=14");
    expect(await rows.count()).toBe(1);
    await page.context().close();
  });
});
