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

const STAFF = "anna.schmidt@saarbruecken.example";

describe("Entwurf löschen", () => {
  it("staff delete an unwanted draft by keyboard through the dialog; it is gone from „Unsere Anforderungen“", async () => {
    const page = await newPage(browser);
    await signIn(page, STAFF);
    // A draft of its own, so no other e2e file's steps interfere.
    await page.goto("/anforderungen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    await waitForHydration(page);
    const title = `Versehentlicher Entwurf Kiebitzzählung ${Date.now()}`;
    await page.getByLabel("Titel").fill(title);
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.waitForURL(/\/anforderungen\/\d+$/);
    const url = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(page);
    await expectAccessible(page);

    // Escape closes the dialog without a step; the focus returns to the button.
    const button = page.getByRole("button", { name: "Entwurf löschen", exact: true });
    await button.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Entwurf löschen?" });
    await dialog.waitFor();
    await dialog.getByText(`Den Entwurf „${title}“ endgültig löschen?`, { exact: false }).waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Entwurf löschen");

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    // Focus starts on „Abbrechen“: an Enter out of habit deletes nothing.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Abbrechen");
    await expectAccessible(page);
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Ja, löschen");
    await page.keyboard.press("Enter");

    await page.waitForURL((u) => u.pathname === "/anforderungen/unsere");
    await page.getByRole("status").filter({ hasText: `Der Entwurf „${title}“ wurde gelöscht.` }).waitFor();
    await page.getByRole("heading", { level: 1, name: "Unsere Anforderungen" }).waitFor();
    expect(await page.getByText(title).count()).toBe(1); // only in the toast
    expect(await page.getByRole("link", { name: title }).count()).toBe(0);
    await expectAccessible(page);

    // Its address no longer leads anywhere.
    const gone = await page.goto(url);
    expect(gone?.status()).toBe(404);
    await page.context().close();
  });
});
