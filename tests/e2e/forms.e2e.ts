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

describe("pages with several forms", () => {
  it("drop one form's refusal once another form of the page was sent, and keep what was typed", async () => {
    const page = await newPage(browser);
    await signIn(page, "markus.weber@ego-saar.example");
    await page.goto("/anforderungen?q=Bauportal");
    await page.getByRole("link", { name: "Digitaler Bauantrag über ein Bauportal" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Digitaler Bauantrag über ein Bauportal" }).waitFor();
    await waitForHydration(page);

    // A reason of blanks passes the browser's check; the server refuses it at the field.
    await page.getByText("Ablehnen", { exact: true }).click();
    const reason = page.getByLabel("Begründung der Ablehnung");
    await reason.fill("   ");
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.getByText("Bitte füllen Sie dieses Feld aus.").waitFor();
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);

    // Then a comment goes through: the rejection's message is old news and goes; the typed text stays.
    await page.getByLabel("Ihr Kommentar").fill("Bitte die Nachnutzung des EfA-Bauportals prüfen.");
    await page.getByRole("button", { name: "Kommentar senden" }).click();
    await page.getByRole("status").filter({ hasText: "Ihr Kommentar wurde gespeichert." }).waitFor();
    await page.getByText("Bitte füllen Sie dieses Feld aus.").waitFor({ state: "detached" });
    expect(await page.locator("[aria-invalid=true]").count()).toBe(0);
    expect(await reason.inputValue()).toBe("   ");
    await expectAccessible(page);
    await page.context().close();
  });
});
