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

describe("Dateien im Formular prüfen", () => {
  it("names a refused file together with a field's message, not on a second round", async () => {
    const page = await newPage(browser);
    await signIn(page, STAFF);
    await page.goto("/anforderungen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    await waitForHydration(page);
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(new URL(r.url()).pathname);
    });
    await page.getByLabel("Titel").fill("Kiebitz ".repeat(30));
    await page.locator('input[type="file"][name="files"]').setInputFiles({ name: "bad.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ kein Dokument") });
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.getByText("Dieser Text ist zu lang (höchstens 200 Zeichen).").waitFor();
    const fileMessage = page.getByText("Die Datei „bad.exe“ hat einen Dateityp, der nicht erlaubt ist.", { exact: false });
    await fileMessage.waitFor();
    expect(await page.locator(`[aria-describedby~="${await fileMessage.getAttribute("id")}"]`).getAttribute("aria-invalid")).toBe("true");
    expect(posts).toEqual([]);
    await expectAccessible(page);

    // The title corrected: the file's message stays until another file is chosen.
    await page.getByLabel("Titel").fill("Kiebitz-Kartierung");
    await expect.poll(() => page.getByText("Dieser Text ist zu lang", { exact: false }).count()).toBe(0);
    expect(await fileMessage.count()).toBe(1);
    await page.locator('input[type="file"][name="files"]').setInputFiles({ name: "karte.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.waitForURL(/\/anforderungen\/\d+$/);
    await page.getByRole("link", { name: "karte.pdf", exact: false }).first().waitFor();
    await page.context().close();
  });
});
