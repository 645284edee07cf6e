import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "#db/seed/demo-users";

export const baseUrl = process.env.E2E_BASE_URL ?? "http://localhost:3000";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A fresh browser context (own cookies) per simulated person; axe needs newContext() pages. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: "de-DE", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** Waits until React has hydrated, so clicks reach event handlers. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.interactive === "true");
  await page.waitForLoadState("load");
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/anmelden");
  await waitForHydration(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/anmelden"));
  await page.getByRole("button", { name: "Abmelden" }).waitFor();
}

/**
 * Resizes the page and waits until its layout has settled: the app frame slides its navigation
 * offset in a CSS transition, and a width measured during it is the old layout's.
 */
export async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity));
}

export async function expectAccessible(page: Page): Promise<void> {
  // A dialog fading in is half transparent: its contrast is checked once no transition runs
  // (infinite animations such as loaders do not end and are not waited for).
  // A dialog may also be mounted a frame before its fade starts: wait until it stands fully opaque.
  await page.waitForFunction(
    () =>
      document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity) &&
      [...document.querySelectorAll('[role="dialog"]')].every((dialog) => {
        for (let e: Element | null = dialog; e; e = e.parentElement) if (getComputedStyle(e).opacity !== "1") return false;
        return true;
      }),
  );
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * A page as the server sent it to a browser without JavaScript, checked with axe (which needs
 * scripts): its HTML, without the page's own scripts, is served again to a second tab and checked there.
 */
export async function expectAccessibleWithoutScripts(browser: Browser, page: Page): Promise<void> {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
  const address = new URL(page.url());
  const viewer = await newPage(browser);
  await viewer.route(`**${address.pathname}*`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
  await viewer.goto(address.pathname + address.search);
  await viewer.locator("main").waitFor();
  await expectAccessible(viewer);
  await viewer.context().close();
}

/** The requirements team bundles the first suggested cluster under this title and hands it to the given Kompetenzteam. */
export async function candidateForTeam(browser: Browser, title: string, team: string): Promise<void> {
  const manager = await newPage(browser);
  await signIn(manager, "markus.weber@ego-saar.example");
  await manager.goto("/buendelung");
  await waitForHydration(manager);
  const proposal = manager.locator("section[aria-labelledby^='proposal-']").first();
  await proposal.getByLabel("Titel des Kandidaten").fill(title);
  await proposal.getByRole("button", { name: "Übernehmen" }).click();
  await manager.getByRole("heading", { level: 1, name: title }).waitFor();
  await waitForHydration(manager);
  await manager.getByLabel("Kompetenzteam", { exact: true }).selectOption({ label: team });
  await manager.getByRole("button", { name: "Zuweisen" }).click();
  await manager.getByRole("status").filter({ hasText: "Das Kompetenzteam wurde zugewiesen." }).waitFor();
  await manager.context().close();
}
