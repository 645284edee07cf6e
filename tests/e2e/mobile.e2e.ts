import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn, waitForHydration } from "#tests/helpers/browser";

const MANAGER = "markus.weber@ego-saar.example";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Nothing on the page is wider than the screen: no sideways scrolling of the whole page. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page wider than the screen on ${page.url()}`).toBeLessThanOrEqual(innerWidth);
}

describe("on a phone (375 px wide)", () => {
  it("the requirements team's pages fit the screen width", async () => {
    const page = await newPage(browser);
    // Signed in at the default size: on a phone the sign-out button lives in the closed menu.
    await signIn(page, MANAGER);
    await page.setViewportSize({ width: 375, height: 740 });

    await page.goto("/anforderungen");
    await page.getByRole("heading", { level: 1, name: "Alle Anforderungen" }).waitFor();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    // The list's rows stack: every value, the status too, within the screen, not in a sideways scroll.
    const list = page.getByRole("table", { name: /^Anforderungen, Seite/ });
    const status = list.locator("tbody tr").first().locator("td").nth(3);
    expect(await status.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Status: "');
    const box = (await status.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    const { scrollWidth: listWidth, clientWidth: listClient } = await list.evaluate((t) => ({ scrollWidth: t.scrollWidth, clientWidth: t.clientWidth }));
    expect(listWidth).toBeLessThanOrEqual(listClient);

    // The requirement with the longest title, so its heading has to wrap.
    const titles = await page.getByRole("table").locator("tbody td:first-child a").evaluateAll((links) =>
      links.map((a) => ({ href: a.getAttribute("href")!, title: a.textContent! })),
    );
    const longest = titles.reduce((a, b) => (b.title.length > a.title.length ? b : a));
    await page.goto(longest.href);
    await page.getByRole("heading", { level: 1, name: longest.title }).waitFor();
    await page.getByRole("table", { name: "Angaben" }).waitFor();
    // Each fact's label stands above its value, so neither is squeezed into a narrow column.
    const label = await page.getByRole("rowheader", { name: "Rechtsgrundlage" }).boundingBox();
    const value = await page.getByRole("row", { name: /^Rechtsgrundlage/ }).getByRole("cell").boundingBox();
    expect(value!.y).toBeGreaterThanOrEqual(label!.y + label!.height - 1);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);

    for (const [path, heading] of [
      ["/benachrichtigungen", "Benachrichtigungen"],
      ["/buendelung", "Bündelung"],
      ["/eingang", "Eingang"],
      ["/konto", "Mein Konto"],
    ]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await expectNoSidewaysScroll(page);
      await expectAccessible(page);
    }

    // A candidate's organisations stack (name, then district and involvement) instead of scrolling sideways.
    await page.goto("/kandidaten");
    await page.getByRole("heading", { level: 1, name: "Standardisierungskandidaten" }).waitFor();
    await page.getByRole("table").locator("tbody a").first().click();
    const organisations = page.getByRole("table", { name: /beteiligte Organisation/ });
    await organisations.waitFor();
    const row = organisations.locator("tbody tr").first();
    const name = await row.locator("th").boundingBox();
    const involvement = await row.locator("td").last().boundingBox();
    expect(involvement!.y).toBeGreaterThanOrEqual(name!.y + name!.height - 1);
    const { scrollWidth, clientWidth } = await organisations.evaluate((t) => ({ scrollWidth: t.scrollWidth, clientWidth: t.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("on a laptop (1280 px wide)", () => {
  it("the candidate list shows all its columns without scrolling sideways", async () => {
    const page = await newPage(browser);
    await signIn(page, MANAGER);
    await page.goto("/kandidaten");
    await page.getByRole("heading", { level: 1, name: "Standardisierungskandidaten" }).waitFor();
    const table = page.getByRole("region").filter({ has: page.getByRole("table") });
    const { scrollWidth, clientWidth } = await table.evaluate((region) => ({ scrollWidth: region.scrollWidth, clientWidth: region.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.getByRole("columnheader", { name: "Zuletzt geändert" }).waitFor();
    // A table that fits is no Tab stop; narrowed until it scrolls, its scroll area becomes one.
    await waitForHydration(page);
    await page.waitForFunction(() => !document.querySelector(".scroll-table")?.hasAttribute("tabindex"));
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForFunction(() => document.querySelector(".scroll-table")?.getAttribute("tabindex") === "0");
    await expectAccessible(page);
    await page.context().close();
  });
});
