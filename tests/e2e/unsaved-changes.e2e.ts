import type { Browser, Dialog, Page } from "playwright-core";
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

async function openNewForm(page: Page) {
  await page.goto("/anforderungen/neu");
  await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
  await waitForHydration(page);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent);

describe("Ungespeicherte Eingaben", () => {
  it("asks before a link or Back leaves the requirement form with typed text; saving never asks", async () => {
    const page = await newPage(browser);
    await signIn(page, STAFF);
    await openNewForm(page);
    const title = `Streuobstwiesen-Kataster Wendehals ${Date.now()}`;
    // The file picker is not an empty box: it says what to do.
    await page.getByText("Dateien auswählen").waitFor();
    await page.getByLabel("Titel").fill(title);

    // A navigation link: the dialog asks, the focus starts on staying, and the page stays.
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Übersicht" }).click();
    const dialog = page.getByRole("dialog", { name: "Änderungen verwerfen?" });
    await dialog.waitFor();
    await dialog.getByText("Ihre Eingaben sind noch nicht gespeichert.", { exact: false }).waitFor();
    await expect.poll(() => focused(page)).toBe("Weiter bearbeiten");
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Weiter bearbeiten" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(new URL(page.url()).pathname).toBe("/anforderungen/neu");
    expect(await page.getByLabel("Titel").inputValue()).toBe(title);

    // „Abbrechen“ asks too; „Verwerfen“ leaves.
    await page.getByRole("link", { name: "Abbrechen" }).click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Verwerfen" }).click();
    await page.waitForURL((u) => u.pathname === "/anforderungen/unsere");
    await page.getByRole("heading", { level: 1, name: "Unsere Anforderungen" }).waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);

    // Saving the draft is never held up, and the saved form leaves without a question.
    await openNewForm(page);
    await page.getByLabel("Titel").fill(title);
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.waitForURL(/\/anforderungen\/\d+$/);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
    const detail = new URL(page.url()).pathname;
    // The page's file picker says what it is for, not the section heading again, and has no lone star.
    await page.getByText("Dateien auswählen").waitFor();
    expect(await page.getByRole("button", { name: "Dateien hinzufügen", exact: true }).count()).toBe(1);
    expect(await page.locator("#anhaenge").getByText("*", { exact: true }).count()).toBe(0);

    // The edit form: unchanged, a link leaves at once; changed, Back asks.
    await page.goto(`${detail}/bearbeiten`);
    await page.getByRole("heading", { level: 1, name: "Entwurf bearbeiten" }).waitFor();
    await waitForHydration(page);
    await page.getByRole("link", { name: "Abbrechen" }).click();
    await page.waitForURL((u) => u.pathname === detail);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    // In the app (so Back stays in the app too): the draft's page, then „Bearbeiten“.
    await page.getByRole("link", { name: "Bearbeiten", exact: true }).click();
    await page.waitForURL((u) => u.pathname === `${detail}/bearbeiten`);
    await page.getByRole("heading", { level: 1, name: "Entwurf bearbeiten" }).waitFor();
    await page.getByLabel("Titel").fill(`${title} geändert`);
    await page.goBack();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Weiter bearbeiten" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(new URL(page.url()).pathname).toBe(`${detail}/bearbeiten`);
    expect(await page.getByLabel("Titel").inputValue()).toBe(`${title} geändert`);

    // Closing the tab (or a reload, a typed address) gets the browser's own question.
    const asked = new Promise<Dialog>((resolve) => page.once("dialog", resolve));
    await page.close({ runBeforeUnload: true });
    const beforeUnload = await asked;
    expect(beforeUnload.type()).toBe("beforeunload");
    await beforeUnload.dismiss();
    expect(page.isClosed()).toBe(false);

    // Saving from the edit form is not held up either.
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.waitForURL((u) => u.pathname === detail);
    await page.getByRole("heading", { level: 1, name: `${title} geändert` }).waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
    await page.context().close();
  });
});
