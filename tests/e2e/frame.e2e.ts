import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn, waitForHydration, resize } from "#tests/helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the page frame on a phone", () => {
  it("offers account and sign-out in the menu, which tells whether it is open", async () => {
    const page = await newPage(browser);
    await signIn(page, "anna.schmidt@saarbruecken.example");
    await resize(page, { width: 375, height: 740 });
    await page.goto("/");
    await waitForHydration(page);
    const burger = page.getByRole("button", { name: "Menü" });
    const nav = page.getByRole("navigation", { name: "Hauptnavigation", includeHidden: true });
    expect(await burger.getAttribute("aria-expanded")).toBe("false");
    expect(await burger.getAttribute("aria-controls")).toBe(await nav.getAttribute("id"));
    // Closed, the menu is out of reach; the header has no room for the account link and sign-out.
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Abmelden" }).count()).toBe(0);
    await expectAccessible(page);

    await burger.click();
    await page.waitForFunction(() => document.querySelector('[aria-controls="hauptnavigation"]')?.getAttribute("aria-expanded") === "true");
    await nav.getByRole("button", { name: "Abmelden" }).waitFor();
    await expectAccessible(page);
    await nav.getByRole("link", { name: "Mein Konto" }).click();
    await page.getByRole("heading", { level: 1, name: "Mein Konto" }).waitFor();
    await page.waitForFunction(() => document.querySelector('[aria-controls="hauptnavigation"]')?.getAttribute("aria-expanded") === "false");
    await expectAccessible(page);

    await burger.click();
    await nav.getByRole("button", { name: "Abmelden" }).click();
    await page.getByRole("button", { name: "Anmelden" }).waitFor();
    await page.context().close();
  });

  it("keeps keyboard focus in sight while the menu is open, and Escape closes it", async () => {
    const page = await newPage(browser);
    await signIn(page, "anna.schmidt@saarbruecken.example");
    await resize(page, { width: 375, height: 740 });
    await page.goto("/anforderungen");
    await waitForHydration(page);
    const burger = page.getByRole("button", { name: "Menü" });
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    await burger.focus();
    await page.keyboard.press("Enter");
    await nav.getByRole("button", { name: "Abmelden" }).waitFor();
    // Tabbing past the menu's last entry must not move focus onto the list's filters hidden behind the menu.
    await nav.getByRole("button", { name: "Abmelden" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(false);
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => document.querySelector('[aria-controls="hauptnavigation"]')?.getAttribute("aria-expanded") === "false");
    await expect.poll(() => burger.evaluate((el) => el === document.activeElement)).toBe(true);
    // Closed again, the page is in reach as before.
    await page.getByLabel("Suche").first().focus();
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
    await page.context().close();
  });
});

describe("the management cockpit's charts", () => {
  it("label every stage and count in whole numbers", async () => {
    const page = await newPage(browser);
    await signIn(page, "julia.hoffmann@ego-saar.example");
    await page.goto("/cockpit");
    const section = page.locator("#projekte");
    await section.locator(".recharts-cartesian-axis-tick-value").first().waitFor();
    const ticks = await section.locator(".recharts-cartesian-axis-tick-value").allTextContents();
    const stages = await section.getByRole("table").locator("tbody th").allTextContents();
    for (const stage of stages) expect(ticks).toContain(stage);
    expect(ticks.filter((tick) => /^[\d.,]+$/.test(tick) && /[.,]/.test(tick))).toEqual([]);
    await expectAccessible(page);

    // Printed, the charts keep the size drawn for the screen (printing does not redraw them): on an A4
    // sheet (794 px at 96 dpi, laid out before any redraw could run) charts and legends stay within
    // the paper, and the legend's colour swatches print.
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      document.body.style.width = "794px";
      const right = Math.max(...[...document.querySelectorAll(".recharts-wrapper, .recharts-legend-wrapper, .mantine-ChartLegend-legendItem")].map((el) => el.getBoundingClientRect().right));
      const swatch = getComputedStyle(document.querySelector(".mantine-ChartLegend-legend .mantine-ColorSwatch-root")!).printColorAdjust;
      const width = document.body.scrollWidth;
      document.body.style.width = "";
      return { right, swatch, width };
    });
    expect(printed.right).toBeLessThanOrEqual(794);
    expect(printed.width).toBeLessThanOrEqual(794);
    expect(printed.swatch).toBe("exact");
    // A chart section goes onto the sheet whole (chart with its table), not cut across two sheets
    // with its card's empty top left at the foot of the first.
    const sections = await page.locator("section:has([role=img])").evaluateAll((els) => els.map((el) => getComputedStyle(el).breakInside));
    expect(sections.length).toBeGreaterThan(4);
    expect(sections.filter((b) => b !== "avoid")).toEqual([]);
    await page.context().close();
  });
});

describe("circular resolutions for a board member without a vote", () => {
  it("say there is no vote to cast rather than that it is still missing", async () => {
    const page = await newPage(browser);
    await signIn(page, "peter.schmitt@ssgt.example");
    await page.goto("/umlaufverfahren");
    const running = page.getByRole("table", { name: /laufendes? Umlaufverfahren/ });
    await running.getByRole("cell", { name: "Kein Stimmrecht" }).first().waitFor();
    expect(await page.getByText("Noch nicht abgestimmt").count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("team wording", () => {
  it("calls the listed teams the user's own only when they are, and names a team once", async () => {
    const manager = await newPage(browser);
    await signIn(manager, "markus.weber@ego-saar.example");
    await manager.goto("/workshops");
    await manager.getByRole("heading", { level: 2, name: "Kompetenzteams", exact: true }).waitFor();
    expect(await manager.getByText("Ihre Kompetenzteams").count()).toBe(0);
    await expectAccessible(manager);

    const lead = await newPage(browser);
    await signIn(lead, "sabine.mueller@neunkirchen.example");
    await lead.goto("/workshops");
    await lead.getByRole("heading", { level: 2, name: "Ihre Kompetenzteams" }).waitFor();
    await lead.goto("/workshops/neu");
    await lead.getByText("Kompetenzteam Bürgerservice & Ordnung", { exact: true }).waitFor();
    expect(await lead.getByText("Kompetenzteam: Kompetenzteam").count()).toBe(0);
    await expectAccessible(lead);
    await Promise.all([manager.context().close(), lead.context().close()]);
  });
});

describe("a printed page", () => {
  it("says when and by whom it was printed, and only on paper", async () => {
    const page = await newPage(browser);
    await signIn(page, "anna.schmidt@saarbruecken.example");
    await page.goto("/anforderungen?status=in_review");
    await waitForHydration(page);
    const stamp = page.getByTestId("print-stamp");
    const filters = page.getByTestId("print-filters");
    expect(await stamp.isVisible()).toBe(false);
    expect(await filters.isVisible()).toBe(false);

    await page.emulateMedia({ media: "print" });
    await stamp.waitFor({ state: "visible" });
    const today = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeZone: "Europe/Berlin" }).format(new Date());
    expect(await stamp.textContent()).toContain(`Gedruckt am ${today}`);
    expect(await stamp.textContent()).toContain("von Anna Schmidt (Saarbrücken)");
    // …from which address, so the paper leads back to the page (with the list's filters).
    expect(await stamp.textContent()).toContain(`${new URL(page.url()).origin}/anforderungen?status=in_review`);
    // A filtered list says so on paper, where the filter form is not printed.
    expect(await filters.textContent()).toMatch(/^Filter: Status In Prüfung/);

    // The moment is taken again when printing starts, not only when the page was opened.
    await stamp.evaluate((el) => {
      el.textContent = "";
      window.dispatchEvent(new Event("beforeprint"));
    });
    expect(await stamp.textContent()).toContain(`Gedruckt am ${today}`);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("the start page", () => {
  it("shows what waits and where the organisation's requirements stand, with counts that match the lists behind them", async () => {
    const page = await newPage(browser);
    await signIn(page, "anna.schmidt@saarbruecken.example");
    await page.goto("/");
    await page.getByRole("heading", { level: 2, name: "Was auf Sie wartet" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Neues zu Ihren Anforderungen" }).waitFor();
    await expectAccessible(page);

    // Other towns' new requirements lead to a page where Saarbrücken can co-sign.
    const offered = page.getByRole("region", { name: "Neu bei anderen Kommunen" }).getByRole("listitem");
    expect(await offered.count()).toBeGreaterThan(0);
    await offered.first().getByRole("link").click();
    await page.waitForURL((url) => /^\/anforderungen\/\d+$/.test(url.pathname));
    await page.getByRole("button", { name: "Für Saarbrücken mitzeichnen" }).waitFor();
    await page.goto("/");

    const own = page.getByRole("region", { name: "Anforderungen von Saarbrücken" });
    const submitted = own.getByRole("link", { name: /^Eingereicht: \d+$/ });
    const count = Number((await submitted.textContent())!.split(": ")[1]);
    await submitted.click();
    await page.waitForURL((url) => url.pathname === "/anforderungen/unsere" && url.searchParams.get("status") === "submitted");
    await page.getByRole("status").filter({ hasText: count === 1 ? "1 Anforderung" : `${count} Anforderungen` }).waitFor();
    // The organisation's own list does not name the organisation in every row.
    expect(await page.getByRole("table").getByRole("columnheader").allTextContents()).not.toContain("Organisation");
    expect(await page.getByRole("table").getByRole("columnheader", { name: "Status" }).count()).toBe(1);
    await page.context().close();
  });

  it("links every task to a page its reader may open, for each role", async () => {
    for (const email of ["petra.klein@saarbruecken.example", "markus.weber@ego-saar.example", "sabine.mueller@neunkirchen.example", "julia.hoffmann@ego-saar.example", "klaus.zimmermann@saarlouis.example", "admin@ego-saar.example"]) {
      const page = await newPage(browser);
      await signIn(page, email);
      await page.goto("/");
      const tasks = page.getByRole("region", { name: "Was auf Sie wartet" });
      await tasks.waitFor();
      await expectAccessible(page);
      const hrefs = [...new Set(await tasks.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!)))];
      for (const href of hrefs) expect([href, (await page.request.get(href)).status()]).toEqual([href, 200]);
      await page.context().close();
    }
  });
});
