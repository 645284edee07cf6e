import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn, waitForHydration, resize } from "#tests/helpers/browser";

const MANAGER = "markus.weber@ego-saar.example"; // also the lead of the demo's E-Akte project
const BOARD = "klaus.zimmermann@saarlouis.example";
// Seeded by db/seed/demo.ts: a project under way (team, milestones, rollout) and one in a circular resolution.
const PROJECT = "E-Akte für kleine und mittlere Kommunen";
const BOARD_PROJECT = "Online-Terminvereinbarung für Bürgerämter";

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

/**
 * The table stacks: it needs no sideways scrolling of its own, and every cell and every control in it
 * lies within the screen.
 */
async function expectStacked(page: Page, table: Locator): Promise<void> {
  await table.waitFor();
  const { scrollWidth, clientWidth, right } = await table.evaluate((t) => ({
    scrollWidth: t.closest(".scroll-table")!.scrollWidth,
    clientWidth: t.closest(".scroll-table")!.clientWidth,
    right: Math.max(...[...t.querySelectorAll("tbody th, tbody td, tbody button, tbody select")].map((e) => e.getBoundingClientRect().right)),
  }));
  expect(scrollWidth, "the table scrolls sideways").toBeLessThanOrEqual(clientWidth);
  expect(right, "a cell or control reaches past the screen").toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** The text a stacked cell shows before its value: its column's name. */
function labelOf(cell: Locator): Promise<string> {
  return cell.evaluate((td) => getComputedStyle(td, "::before").content);
}

describe("on a phone (375 px wide)", () => {
  it("the requirements team's pages fit the screen width", async () => {
    const page = await newPage(browser);
    // Signed in at the default size: on a phone the sign-out button lives in the closed menu.
    await signIn(page, MANAGER);
    await resize(page, { width: 375, height: 740 });

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

  it("a project's tables and the circular resolutions stack, with their forms and buttons within the screen", async () => {
    const lead = await newPage(browser);
    await signIn(lead, MANAGER);
    await resize(lead, { width: 375, height: 740 });
    await lead.goto("/projekte");
    await lead.getByRole("link", { name: PROJECT }).click();
    await lead.getByRole("heading", { level: 1, name: PROJECT }).waitFor();
    await expectNoSidewaysScroll(lead);

    const requirements = lead.getByRole("table", { name: /Anforderung(en)? hinter diesem Projekt/ });
    await expectStacked(lead, requirements);
    expect(await labelOf(requirements.locator("tbody tr").first().locator("td").last())).toBe('"Status: "');

    const team = lead.getByRole("table", { name: /im Projektteam/ });
    await expectStacked(lead, team);
    expect(await labelOf(team.locator("tbody tr").first().locator("td").nth(1))).toBe('"Rolle: "');
    // The button to remove a member is there, under the member's role.
    const remove = team.getByRole("button", { name: /aus dem Projektteam entfernen/ }).first();
    expect(await remove.isVisible()).toBe(true);

    const rollout = lead.getByRole("table", { name: /^Einführungsstand von/ });
    await expectStacked(lead, rollout);
    // The project lead may change each organisation's stand: select and button within the screen.
    const firstOrganisation = (await rollout.locator("tbody tr th").first().textContent())!.trim();
    expect(await rollout.getByLabel(`Einführungsstand für ${firstOrganisation}`, { exact: true }).isVisible()).toBe(true);
    expect(await rollout.getByRole("button", { name: `Einführungsstand für ${firstOrganisation} speichern` }).isVisible()).toBe(true);
    expect(await labelOf(rollout.locator("tbody tr").first().locator("td").first())).toBe('"Stand: "');

    await expectStacked(lead, lead.getByRole("table", { name: /^\d+ Meilensteine?$/ }));
    await expectAccessible(lead);
    await lead.context().close();

    const board = await newPage(browser);
    await signIn(board, BOARD);
    await resize(board, { width: 375, height: 740 });
    await board.goto("/umlaufverfahren");
    await board.getByRole("heading", { level: 1, name: "Umlaufverfahren" }).waitFor();
    const resolutions = board.getByRole("table", { name: /laufende(s)? Umlaufverfahren/ });
    await expectStacked(board, resolutions);
    const row = resolutions.getByRole("row", { name: new RegExp(BOARD_PROJECT) });
    expect(await labelOf(row.locator("td").last())).toBe('"Ihre Stimme: "');
    await expectNoSidewaysScroll(board);
    await expectAccessible(board);
    // The project's page, where the board votes (its list of votes stacks too: projects.e2e.ts, after a vote).
    await row.getByRole("link", { name: BOARD_PROJECT }).click();
    await board.getByRole("heading", { level: 1, name: BOARD_PROJECT }).waitFor();
    // Whether this member has voted yet depends on projects.e2e.ts running before: the section either way.
    await board.getByRole("heading", { level: 2, name: "Umlaufverfahren des Aufsichtsrats" }).waitFor();
    await expectNoSidewaysScroll(board);
    await expectAccessible(board);
    await board.context().close();
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
    await resize(page, { width: 375, height: 740 });
    await page.waitForFunction(() => document.querySelector(".scroll-table")?.getAttribute("tabindex") === "0");
    await expectAccessible(page);
    await page.context().close();
  });
});
