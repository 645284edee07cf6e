import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoUsers } from "#db/seed/demo-users";
import { expectAccessible, launchBrowser, newPage, signIn, waitForHydration } from "#tests/helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("start page and sign-in", () => {
  it("shows the association and a sign-in in German, accessibly", async () => {
    const page = await newPage(browser);
    await page.goto("/");
    expect(await page.getAttribute("html", "lang")).toBe("de");
    await expect(page.title()).resolves.toContain("Bündel");
    await page.getByText("eGo-Saar", { exact: false }).first().waitFor();
    await page.getByRole("button", { name: "Anmelden" }).waitFor();
    await expectAccessible(page);
    for (const link of ["Impressum", "Datenschutz", "Erklärung zur Barrierefreiheit"]) {
      await page.getByRole("link", { name: link }).click();
      await page.getByRole("heading", { level: 1, name: link }).waitFor();
      await expectAccessible(page);
    }
    await page.context().close();
  });

  it("refuses a wrong password with the generic German message at the form", async () => {
    const page = await newPage(browser);
    await page.goto("/anmelden");
    await waitForHydration(page);
    // A field reached by keyboard shows a clear focus ring, not only a faint border colour.
    const email = page.getByLabel("E-Mail-Adresse");
    await email.focus();
    const ring = await email.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).toBe("solid");
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.getByLabel("E-Mail-Adresse").fill("anna.schmidt@saarbruecken.example");
    await page.getByLabel("Passwort").fill("falsches-passwort");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort ist nicht korrekt." }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it("sends a visitor of a protected page to sign-in and back there afterwards", async () => {
    const page = await newPage(browser);
    await page.goto("/verwaltung/organisationen");
    await page.waitForURL(/\/anmelden\?redirectTo=/);
    await page.getByText("Bitte melden Sie sich an, um fortzufahren.").waitFor();
    await page.getByLabel("E-Mail-Adresse").fill("admin@ego-saar.example");
    await page.getByLabel("Passwort").fill("Buendel-Demo-2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/verwaltung/organisationen");
    await page.context().close();
  });
});

describe("every demo role", () => {
  for (const user of demoUsers) {
    it(`${user.purpose}: signs in and sees a navigation that fits the role`, async () => {
      const page = await newPage(browser);
      await signIn(page, user.email);
      await page.getByRole("heading", { level: 1, name: `Willkommen, ${user.name}` }).waitFor();
      const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
      const isAdmin = user.roles.some((r) => r.role === "admin");
      expect(await nav.getByRole("link", { name: "Verwaltung" }).count()).toBe(isAdmin ? 1 : 0);
      await expectAccessible(page);
      await page.getByRole("button", { name: "Abmelden" }).click();
      await page.getByRole("button", { name: "Anmelden" }).waitFor();
      await page.context().close();
    });
  }
});

describe("language switch", () => {
  it("shows the same pages in English and back in German", async () => {
    const page = await newPage(browser);
    await signIn(page, "anna.schmidt@saarbruecken.example");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Welcome, Anna Schmidt" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Deutsch" }).click();
    await page.getByRole("heading", { level: 1, name: "Willkommen, Anna Schmidt" }).waitFor();
    await page.context().close();
  });
});

describe("idle session warning (WCAG 2.2.1)", () => {
  it("warns two minutes before the idle expiry and extends the session on request", async () => {
    const page = await newPage(browser);
    // The browser's clock is Playwright's, so an hour of idleness takes no real time.
    await page.clock.install();
    await signIn(page, "jonas.becker@homburg.example");
    await waitForHydration(page);
    const dialog = page.getByRole("dialog", { name: "Ihre Sitzung läuft bald ab" });
    expect(await dialog.count()).toBe(0);
    await page.clock.fastForward("58:30");
    await dialog.waitFor();
    await dialog.getByText("Ihre Sitzung endet in 2 Minuten", { exact: false }).waitFor();
    await expectAccessible(page);
    // The dialog's own extend button (the close button carries the same name).
    await dialog.locator("form").getByRole("button", { name: "Sitzung verlängern" }).click();
    await dialog.waitFor({ state: "detached" });
    // Still signed in: the server renewed the session.
    await page.getByRole("button", { name: "Abmelden" }).waitFor();
    await page.context().close();
  });

  it("renews the session in the background while someone types, so no warning interrupts them", async () => {
    const page = await newPage(browser);
    await page.clock.install();
    await signIn(page, "jonas.becker@homburg.example");
    await page.goto("/anforderungen/neu");
    await waitForHydration(page);
    await page.clock.fastForward("10:00");
    const renewed = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/sitzung") && r.request().method() === "POST");
    await page.getByLabel("Titel").pressSequentially("Bauhof");
    expect((await renewed).status()).toBe(200);
    const dialog = page.getByRole("dialog", { name: "Ihre Sitzung läuft bald ab" });
    // An hour after the page was opened, fifty minutes after the typing: no warning yet.
    await page.clock.fastForward("50:00");
    await page.getByRole("button", { name: "Abmelden" }).waitFor();
    expect(await dialog.count()).toBe(0);
    // Idle from then on, the warning comes an hour after the last contact.
    await page.clock.fastForward("09:00");
    await dialog.waitFor();
    await page.context().close();
  });

  it("keeps what was typed when the session ended before sending, and offers it after signing in again", async () => {
    const page = await newPage(browser);
    await signIn(page, "anna.schmidt@saarbruecken.example");
    await page.goto("/anforderungen/neu");
    await waitForHydration(page);
    const title = `Friedhofsverwaltung mit Grabstellenplan ${Date.now()}`;
    await page.getByLabel("Titel").fill(title);
    await page.getByLabel("Problembeschreibung (Ist-Zustand)").fill("Grabstellen werden in Karteikarten und einer Excel-Liste geführt.");
    await page.getByLabel("Gewünschtes Ergebnis (Soll-Zustand)").fill("Ein digitaler Grabstellenplan mit Fristen und Gebührenbescheiden.");
    await page.getByLabel("OZG-Themenfeld").selectOption("Engagement & Hobby");
    await page.getByLabel("Erwarteter Nutzen").fill("Auskünfte am Telefon ohne Suchen in Karteikarten.");
    await page.waitForFunction((t) => Object.keys(sessionStorage).some((k) => k.startsWith("buendel:draft:") && (sessionStorage.getItem(k) ?? "").includes(t)), title);

    // The session ends (here: its cookie is gone) before the form is sent.
    await page.context().clearCookies();
    await page.getByRole("button", { name: "Einreichen" }).click();
    await page.waitForURL((url) => url.pathname === "/anmelden");
    await waitForHydration(page);
    await page.getByLabel("E-Mail-Adresse").fill("anna.schmidt@saarbruecken.example");
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/anforderungen/neu");
    await waitForHydration(page);

    const offer = page.getByRole("status").filter({ hasText: "Nicht gesendete Eingaben" });
    await offer.waitFor();
    expect(await page.getByLabel("Titel").inputValue()).toBe("");
    await expectAccessible(page);
    await offer.getByRole("button", { name: "Eingaben wiederherstellen" }).click();
    await offer.waitFor({ state: "detached" });
    expect(await page.getByLabel("Titel").inputValue()).toBe(title);
    expect(await page.getByLabel("OZG-Themenfeld").inputValue()).toBe("Engagement & Hobby");
    expect(await page.getByLabel("Erwarteter Nutzen").inputValue()).toBe("Auskünfte am Telefon ohne Suchen in Karteikarten.");

    await page.getByRole("button", { name: "Einreichen" }).click();
    // Either it goes straight through, or the server first shows similar requirements once.
    const similar = page.getByRole("button", { name: "Trotzdem einreichen" });
    const filed = page.getByRole("heading", { level: 1, name: title });
    await filed.or(similar).waitFor();
    if (await similar.isVisible()) await similar.click();
    await filed.waitFor();
    expect(page.url()).toMatch(/\/anforderungen\/\d+$/);

    // Sent: the form no longer offers it.
    await page.goto("/anforderungen/neu");
    await waitForHydration(page);
    await page.getByLabel("Titel").waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Nicht gesendete Eingaben" }).count()).toBe(0);
    await page.context().close();
  });
});
