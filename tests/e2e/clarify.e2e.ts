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

const FILER = "jonas.becker@homburg.example";
const REQUIREMENTS_TEAM = "markus.weber@ego-saar.example";

describe("Zur Klärung zurückgeben", () => {
  it("the requirements team returns a fresh requirement with a question; the filer sees it on the draft, reworks and submits again", async () => {
    // A requirement of its own, so no other e2e file's steps interfere.
    const filer = await newPage(browser);
    await signIn(filer, FILER);
    await filer.goto("/anforderungen/neu");
    await filer.getByRole("heading", { level: 1, name: "Neue Anforderung erfassen" }).waitFor();
    await waitForHydration(filer);
    const title = `Rückfragentest Zaunkönigzählung ${Date.now()}`;
    await filer.getByLabel("Titel").fill(title);
    await filer.getByLabel("Problembeschreibung (Ist-Zustand)").fill("Es ist unklar, was gezählt wird.");
    await filer.getByLabel("Gewünschtes Ergebnis (Soll-Zustand)").fill("Ein digitales Verfahren.");
    await filer.getByLabel("OZG-Themenfeld").selectOption("Umwelt");
    await filer.getByLabel("Erwarteter Nutzen").fill("Weniger Papier.");
    await filer.getByRole("button", { name: /^(Trotzdem e|E)inreichen$/ }).click();
    await filer.waitForURL(/\/anforderungen\/\d+$/);
    const url = new URL(filer.url()).pathname;
    await filer.getByText("Eingereicht von Homburg").waitFor();

    // The requirements team asks; a blank or over-long question is named at the field without asking first.
    const rm = await newPage(browser);
    await signIn(rm, REQUIREMENTS_TEAM);
    await rm.goto(url);
    await rm.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(rm);
    await rm.getByText("Zur Klärung zurückgeben", { exact: true }).click();
    const question = rm.getByLabel("Rückfrage an Homburg");
    await question.waitFor();
    await expectAccessible(rm);
    await question.fill("   ");
    await rm.getByRole("button", { name: "Zurückgeben", exact: true }).click();
    await rm.getByText("Bitte füllen Sie dieses Feld aus.").waitFor();
    expect(await question.getAttribute("aria-invalid")).toBe("true");
    expect(await rm.getByRole("dialog").count()).toBe(0);
    await expectAccessible(rm);

    // An over-long question would be refused: no „wirklich …?“ first, the length is named at the field.
    await question.fill("Welche Vogelarten? ".repeat(600).slice(0, 10_000));
    await rm.getByText("10.000 / 2.000 Zeichen – 8.000 zu viel").waitFor();
    await rm.getByRole("button", { name: "Zurückgeben", exact: true }).click();
    await rm.getByText("Dieser Text ist zu lang (höchstens 2.000 Zeichen).").waitFor();
    expect(await question.getAttribute("aria-invalid")).toBe("true");
    expect(await rm.getByRole("dialog").count()).toBe(0);
    await expectAccessible(rm);

    const text = "Welche Vogelarten sollen gezählt werden, und wer meldet die Zahlen?";
    await question.fill(text);
    await rm.getByRole("button", { name: "Zurückgeben", exact: true }).click();
    const dialog = rm.getByRole("dialog", { name: "Zur Klärung zurückgeben?" });
    await dialog.waitFor();
    await dialog.getByText(`„${title}“ mit Ihrer Rückfrage an Homburg zurückgeben?`, { exact: false }).waitFor();
    // Focus starts on „Abbrechen“: an Enter out of habit takes no step.
    await expect.poll(() => rm.evaluate(() => document.activeElement?.textContent)).toBe("Abbrechen");
    await expectAccessible(rm);
    await dialog.getByRole("button", { name: "Ja, zurückgeben" }).click();
    await rm.waitForURL((u) => u.pathname === "/eingang");
    await rm.getByText(`„${title}“ wurde zur Klärung an Homburg zurückgegeben.`).waitFor();
    await expectAccessible(rm);

    // The filer is told, and the draft says who asked what, at the top.
    await filer.goto("/benachrichtigungen");
    await filer.getByText(`„${title}“ wurde vom Anforderungsmanagement zur Klärung zurückgegeben. Rückfrage: ${text}`).first().waitFor();
    await expectAccessible(filer);
    await filer.goto(url);
    const notice = filer.getByRole("alert").filter({ hasText: "Zur Klärung zurückgegeben" });
    await notice.waitFor();
    await notice.getByText(text).waitFor();
    await notice.getByText("vom Anforderungsmanagement hat diese Anforderung am", { exact: false }).waitFor();
    await filer.getByText("Entwurf – nur Ihre Organisation sieht ihn.").waitFor();
    await expectAccessible(filer);

    await waitForHydration(filer);
    await filer.getByRole("link", { name: "Bearbeiten" }).click();
    await filer.waitForURL(`${url}/bearbeiten`);
    await waitForHydration(filer);
    await filer.getByLabel("Problembeschreibung (Ist-Zustand)").fill("Gezählt werden Zaunkönige in Gärten; die Zahlen meldet das Umweltamt.");
    await expectAccessible(filer);
    await filer.getByRole("button", { name: "Entwurf speichern" }).last().click();
    await filer.waitForURL((u) => u.pathname === url);
    // The question stays until the draft is out again.
    await notice.waitFor();
    await filer.getByText("Gezählt werden Zaunkönige in Gärten; die Zahlen meldet das Umweltamt.").waitFor();
    await waitForHydration(filer);
    await filer.getByRole("button", { name: "Einreichen", exact: true }).click();
    await filer.getByText("Die Anforderung wurde eingereicht.").waitFor();
    await filer.getByText("Eingereicht von Homburg").waitFor();
    expect(await filer.getByRole("alert").filter({ hasText: "Zur Klärung zurückgegeben" }).count()).toBe(0);
    // The timeline keeps the question.
    await filer.getByText(`Rückfrage: ${text}`).waitFor();
    await expectAccessible(filer);

    // Out again, the requirements team sees it once more.
    await rm.goto(url);
    await rm.getByRole("heading", { level: 1, name: title }).waitFor();
    await rm.getByText("Gezählt werden Zaunkönige in Gärten; die Zahlen meldet das Umweltamt.").waitFor();
    await expectAccessible(rm);
  }, 180_000);
});
