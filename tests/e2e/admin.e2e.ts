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

describe("administration", () => {
  it("admin creates a user who sets a password with the one-time link and signs in", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    await admin.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Verwaltung" }).click();
    await admin.getByRole("heading", { level: 1, name: "Verwaltung" }).waitFor();
    await expectAccessible(admin);
    for (const tab of ["Organisationen", "Kompetenzteams", "Benutzer", "Protokoll"]) {
      await admin.getByRole("navigation", { name: "Verwaltung" }).getByRole("link", { name: tab, exact: true }).click();
      await admin.waitForURL(/\/verwaltung\//);
      await admin.getByRole("table").first().waitFor();
      await expectAccessible(admin);
    }
    // The audit log names events in words, not by their stored codes; choosing one lists just that one.
    await admin.getByLabel("Vorgang").selectOption({ label: "Anmeldung" });
    await admin.getByRole("button", { name: "Filtern" }).click();
    await admin.waitForURL((u) => u.searchParams.get("action") === "auth.sign_in");
    await admin.getByRole("cell", { name: "Anmeldung", exact: true }).first().waitFor();
    // The address changes before React has shown the filtered rows: wait for them, not for a moment.
    await expect.poll(() => admin.getByRole("cell", { name: "Anmeldung fehlgeschlagen" }).count()).toBe(0);
    expect(await admin.getByRole("cell", { name: "auth.sign_in" }).count()).toBe(0);
    await expectAccessible(admin);
    await admin.goto("/verwaltung/benutzer/neu");
    await waitForHydration(admin);
    // Bad input first: the message appears at the field and nothing is created.
    await admin.getByRole("button", { name: "Benutzer anlegen" }).click();
    await admin.getByText("Bitte füllen Sie dieses Feld aus.").first().waitFor();
    await expectAccessible(admin);

    const email = `neu.${Date.now()}@tholey.example`;
    await admin.getByLabel("Name").fill("Nina Neumann");
    await admin.getByLabel("E-Mail-Adresse").fill(email);
    await admin.getByLabel("Organisation").selectOption({ label: "Tholey" });
    await admin.getByLabel("Rolle").selectOption({ label: "Sachbearbeitung (Kommune)" });
    await admin.getByRole("button", { name: "Benutzer anlegen" }).click();
    const linkField = admin.getByLabel("Einrichtungslink");
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/passwort-setzen\/[a-z2-7]+\.[a-z2-7]+$/);
    await expectAccessible(admin);

    const user = await newPage(browser);
    await user.goto(new URL(link).pathname);
    await waitForHydration(user);
    await user.getByRole("heading", { level: 1, name: "Passwort festlegen" }).waitFor();
    await expectAccessible(user);
    await user.getByLabel("Neues Passwort").fill("kurz");
    await user.getByLabel("Passwort wiederholen").fill("kurz");
    await user.getByRole("button", { name: "Passwort speichern" }).click();
    await user.getByText("Das Passwort muss mindestens 12 Zeichen lang sein.").waitFor();
    await user.getByLabel("Neues Passwort").fill("ein-langes-passwort-2026");
    await user.getByLabel("Passwort wiederholen").fill("ein-langes-passwort-2026");
    await user.getByRole("button", { name: "Passwort speichern" }).click();
    await user.waitForURL(/\/anmelden/);
    await user.getByText("Ihr Passwort wurde gespeichert.").waitFor();
    await signIn(user, email, "ein-langes-passwort-2026");
    await user.getByRole("heading", { level: 1, name: "Willkommen, Nina Neumann" }).waitFor();

    // The link works only once.
    const again = await newPage(browser);
    await again.goto(new URL(link).pathname);
    await again.getByText("Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.").waitFor();
    await Promise.all([admin.context().close(), user.context().close(), again.context().close()]);
  });

  it("shows an accessibility feedback message to the admin", async () => {
    const visitor = await newPage(browser);
    await visitor.goto("/barrierefreiheit");
    await waitForHydration(visitor);
    const message = `Kontrast im Kopfbereich ${Date.now()}`;
    await visitor.getByLabel("Beschreibung der Barriere").fill(message);
    await visitor.getByRole("button", { name: "Rückmeldung senden" }).click();
    await visitor.getByText("Vielen Dank.").waitFor();
    await expectAccessible(visitor);
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    await admin.goto("/verwaltung/rueckmeldungen");
    await admin.getByText(message).waitFor();
    await expectAccessible(admin);
    // Handled: marked done with a note, it leaves the open ones and stands under „Erledigt“.
    await waitForHydration(admin);
    const row = admin.getByRole("row").filter({ hasText: message });
    await row.getByText("Als erledigt markieren").click();
    await row.getByLabel("Vermerk (optional)").fill("Kontrast im Kopfbereich auf 7:1 erhöht.");
    await row.getByRole("button", { name: "Erledigt speichern" }).click();
    await admin.getByText("Die Rückmeldung ist als erledigt markiert.").waitFor();
    await expect.poll(() => admin.getByText(message).count()).toBe(0);
    await admin.getByRole("link", { name: /^Erledigt \(/ }).click();
    await admin.getByText(message).waitFor();
    await admin.getByText("Kontrast im Kopfbereich auf 7:1 erhöht.").waitFor();
    await expectAccessible(admin);
    await Promise.all([visitor.context().close(), admin.context().close()]);
  });
});

describe("own account", () => {
  it("shows the account page, offers the data export and refuses a wrong current password at the field", async () => {
    const page = await newPage(browser);
    await signIn(page, "thomas.wagner@voelklingen.example");
    await page.getByRole("link", { name: "Mein Konto (Thomas Wagner)" }).click();
    await page.getByRole("heading", { level: 1, name: "Mein Konto" }).waitFor();
    await waitForHydration(page);
    await expectAccessible(page);
    const download = await page.request.get("/konto/daten");
    expect(download.status()).toBe(200);
    expect((await download.json()).user.email).toBe("thomas.wagner@voelklingen.example");
    await page.getByLabel("Aktuelles Passwort").fill("nicht-das-richtige");
    await page.getByLabel("Neues Passwort").fill("ein-neues-passwort-2026");
    await page.getByLabel("Passwort wiederholen").fill("ein-neues-passwort-2026");
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    await page.getByText("Das aktuelle Passwort ist nicht korrekt.").waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("organisations", () => {
  it("admin enters an Einwohnerzahl with German thousands grouping and sees it so again", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    await admin.goto("/verwaltung/organisationen");
    await admin.getByRole("link", { name: "Tholey", exact: true }).click();
    await admin.getByRole("heading", { name: "Organisation bearbeiten: Tholey" }).waitFor();
    await waitForHydration(admin);
    const population = admin.getByLabel("Einwohnerzahl");
    await population.fill("12345");
    await population.blur();
    await expect.poll(() => population.inputValue()).toBe("12.345");
    await population.fill("12.346");
    await admin.getByRole("button", { name: "Speichern" }).click();
    await admin.getByText("Die Organisation „Tholey“ wurde gespeichert.").waitFor();
    await admin.getByRole("link", { name: "Tholey", exact: true }).click();
    await admin.getByRole("heading", { name: "Organisation bearbeiten: Tholey" }).waitFor();
    expect(await admin.getByLabel("Einwohnerzahl").inputValue()).toBe("12.346");
    await expectAccessible(admin);
    await admin.context().close();
  });
});

describe("settings", () => {
  it("a number typed or pasted is sent as typed: „1e9“ and „3,5“ are refused at the field, never saved as 19 or 35", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    await admin.goto("/verwaltung/einstellungen");
    await admin.getByRole("heading", { level: 2, name: "Einstellungen" }).waitFor();
    await waitForHydration(admin);
    const threshold = admin.getByLabel("Budgetschwelle für den Aufsichtsrat (Euro)");
    const days = admin.getByLabel("Frist für das Umlaufverfahren (Tage)");
    const [thresholdBefore, daysBefore] = [await threshold.inputValue(), await days.inputValue()];

    await threshold.fill("");
    await threshold.pressSequentially("1e9");
    await days.fill("");
    await days.pressSequentially("3,5");
    await days.blur();
    // Nothing typed is dropped or changed, neither while typing nor on leaving the field.
    expect(await threshold.inputValue()).toBe("1e9");
    expect(await days.inputValue()).toBe("3,5");
    await admin.getByRole("button", { name: "Einstellungen speichern" }).click();
    await admin.getByText("Bitte geben Sie eine ganze Zahl in Euro an (0 bis 1 Milliarde).").waitFor();
    await admin.getByText("Bitte geben Sie eine ganze Zahl von 1 bis 90 an.").waitFor();
    expect(await threshold.getAttribute("aria-invalid")).toBe("true");
    expect(await days.getAttribute("aria-invalid")).toBe("true");
    expect(await threshold.inputValue()).toBe("1e9");
    expect(await days.inputValue()).toBe("3,5");
    await expectAccessible(admin);

    // Pasted text with a decimal part is refused the same way.
    await threshold.fill("12,50");
    await admin.getByRole("button", { name: "Einstellungen speichern" }).click();
    await admin.getByText("Bitte geben Sie eine ganze Zahl in Euro an (0 bis 1 Milliarde).").waitFor();
    expect(await threshold.inputValue()).toBe("12,50");

    await admin.goto("/verwaltung/einstellungen");
    await admin.getByRole("heading", { level: 2, name: "Einstellungen" }).waitFor();
    expect(await admin.getByLabel("Budgetschwelle für den Aufsichtsrat (Euro)").inputValue()).toBe(thresholdBefore);
    expect(await admin.getByLabel("Frist für das Umlaufverfahren (Tage)").inputValue()).toBe(daysBefore);
    await admin.context().close();
  });
});
