import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, expectAccessibleWithoutScripts, launchBrowser, newPage, signIn, waitForHydration } from "#tests/helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// The demo's releasing town: St. Wendel's submissions wait for its lead (README, demo log-ins).
const LEAD = "rainer.theis@st-wendel.example";

/** The addresses of the submissions waiting for the lead's release, from „Freigaben“. */
async function waiting(): Promise<string[]> {
  const page = await newPage(browser);
  await signIn(page, LEAD);
  await page.goto("/freigaben");
  await page.getByRole("heading", { level: 1 }).waitFor();
  const hrefs = await page.locator("main table tbody a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  await page.context().close();
  return hrefs;
}

describe("Freigabe by the organisation's lead", () => {
  it("asks before a submission goes out; „Abbrechen“ keeps it waiting, „Ja, freigeben“ releases it", async () => {
    const [address] = await waiting();
    expect(address).toMatch(/^\/anforderungen\/\d+$/);
    const page = await newPage(browser);
    await signIn(page, LEAD);
    await page.goto(address);
    const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
    await page.getByText("Wartet auf Ihre Freigabe.").first().waitFor();
    await waitForHydration(page);

    const button = page.getByRole("button", { name: "Freigeben", exact: true });
    await button.click();
    const dialog = page.getByRole("dialog", { name: "Anforderung freigeben?" });
    await dialog.getByText(`„${title}“ freigeben?`, { exact: false }).waitFor();
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    await dialog.waitFor({ state: "detached" });
    // Nothing happened: it still waits.
    await page.reload();
    await page.getByText("Wartet auf Ihre Freigabe.").first().waitFor();

    await waitForHydration(page);
    await button.click();
    await dialog.getByRole("button", { name: "Ja, freigeben" }).click();
    await page.getByRole("status").filter({ hasText: "Die Anforderung wurde freigegeben." }).waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Freigeben", exact: true }).count()).toBe(0);
    expect(await waiting()).not.toContain(address);
    await page.context().close();
  });

  it("asks on the page itself without JavaScript, and releases only once confirmed", async () => {
    const [address] = await waiting();
    const signedIn = await newPage(browser);
    await signIn(signedIn, LEAD);
    const state = await signedIn.context().storageState();
    await signedIn.context().close();

    const context = await browser.newContext({ baseURL: baseUrl, locale: "de-DE", viewport: { width: 1280, height: 900 }, javaScriptEnabled: false, storageState: state });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(address);
    await page.getByRole("button", { name: "Freigeben", exact: true }).click();
    const question = page.getByRole("alert").filter({ hasText: "freigeben? Die Anforderung geht dann an eGo-Saar" });
    await question.waitFor();
    expect(await waiting()).toContain(address);
    // The question takes the button's place, and „Abbrechen“ goes back to the page without sending anything.
    expect(await page.getByRole("button", { name: "Freigeben", exact: true }).count()).toBe(0);
    await expectAccessibleWithoutScripts(browser, page);
    await question.getByRole("link", { name: "Abbrechen" }).click();
    await page.getByRole("button", { name: "Freigeben", exact: true }).waitFor();
    expect(await question.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe(address);
    expect(await waiting()).toContain(address);
    await page.getByRole("button", { name: "Freigeben", exact: true }).click();
    await question.waitFor();
    await question.getByRole("button", { name: "Ja, freigeben" }).click();
    await page.getByRole("status").filter({ hasText: "Die Anforderung wurde freigegeben." }).waitFor();
    expect(await waiting()).not.toContain(address);
    await context.close();
  });
});
