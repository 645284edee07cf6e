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

describe("roles", () => {
  it("a lead cannot take her own only role; removing a role asks first, with focus on „Abbrechen“", async () => {
    const lead = await newPage(browser);
    await signIn(lead, "petra.klein@saarbruecken.example");
    await lead.goto("/verwaltung/benutzer?q=petra.klein");
    await lead.getByRole("table").getByRole("link", { name: "Petra Klein", exact: true }).click();
    const roles = lead.getByRole("table", { name: "Rollen von Petra Klein" });
    await roles.getByRole("rowheader", { name: "Leitung (Kommune)" }).waitFor();
    // Her only role, and her own lead role: nothing to remove, and the page says why.
    expect(await roles.getByRole("button").count()).toBe(0);
    await lead.getByText("Ihre einzige Rolle lässt sich nicht entfernen", { exact: false }).waitFor();
    await expectAccessible(lead);

    // A colleague of hers, created for this run, with a second role to take away.
    const email = `rolle.${Date.now()}@saarbruecken.example`;
    await lead.goto("/verwaltung/benutzer/neu");
    await waitForHydration(lead);
    await lead.getByLabel("Name").fill("Rolf Rollenwechsel");
    await lead.getByLabel("E-Mail-Adresse").fill(email);
    await lead.getByLabel("Rolle").selectOption({ label: "Sachbearbeitung (Kommune)" });
    await lead.getByRole("button", { name: "Benutzer anlegen" }).click();
    await lead.getByLabel("Einrichtungslink").waitFor();
    await lead.goto(`/verwaltung/benutzer?q=${encodeURIComponent(email)}`);
    await lead.getByRole("table").getByRole("link", { name: "Rolf Rollenwechsel", exact: true }).click();
    await waitForHydration(lead);
    await lead.getByRole("combobox", { name: "Rolle" }).selectOption({ label: "Leitung (Kommune)" });
    await lead.getByRole("button", { name: "Rolle hinzufügen" }).click();
    const colleague = lead.getByRole("table", { name: "Rollen von Rolf Rollenwechsel" });
    await colleague.getByRole("rowheader", { name: "Leitung (Kommune)" }).waitFor();

    const remove = colleague.getByRole("button", { name: "Entfernen: Leitung (Kommune)" });
    const dialog = lead.getByRole("dialog", { name: "Entfernen: Leitung (Kommune)" });
    await remove.click();
    await dialog.getByText("Die Rolle „Leitung (Kommune)“ von Rolf Rollenwechsel entfernen?", { exact: false }).waitFor();
    // An Enter pressed out of habit must not take the role: focus starts on „Abbrechen“.
    await expect.poll(() => dialog.getByRole("button", { name: "Abbrechen" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(lead);
    await lead.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await colleague.getByRole("rowheader", { name: "Leitung (Kommune)" }).waitFor();

    await remove.click();
    await dialog.getByRole("button", { name: "Rolle entfernen" }).click();
    await lead.getByRole("status").filter({ hasText: "Die Rolle wurde entfernt." }).waitFor();
    await colleague.getByRole("rowheader", { name: "Leitung (Kommune)" }).waitFor({ state: "detached" });
    // The remaining role is the last one: no button, the hint instead.
    expect(await colleague.getByRole("button").count()).toBe(0);
    await lead.getByText("Die einzige Rolle lässt sich nicht entfernen", { exact: false }).waitFor();
    await expectAccessible(lead);

    // Deactivating asks the same way: focus on „Abbrechen“, and only the dialog's button takes the step.
    const deactivate = lead.getByRole("dialog", { name: "Rolf Rollenwechsel deaktivieren?" });
    await lead.getByRole("button", { name: "Benutzer deaktivieren …" }).click();
    await expect.poll(() => deactivate.getByRole("button", { name: "Abbrechen" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(lead);
    await deactivate.getByRole("button", { name: "Ja, deaktivieren" }).click();
    await lead.getByRole("status").filter({ hasText: "Rolf Rollenwechsel wurde deaktiviert." }).waitFor();
    await lead.getByRole("button", { name: "Benutzer wieder aktivieren" }).waitFor();
    await lead.context().close();
  });
});

describe("anonymisation", () => {
  it("a refusal of one form goes once another form is sent; the export is offered; an anonymised person's page offers nothing to change", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    const email = `anonym.${Date.now()}@tholey.example`;
    await admin.goto("/verwaltung/benutzer/neu");
    await waitForHydration(admin);
    await admin.getByLabel("Name").fill("Anton Anonym");
    await admin.getByLabel("E-Mail-Adresse").fill(email);
    await admin.getByLabel("Organisation").selectOption({ label: "Tholey" });
    await admin.getByLabel("Rolle").selectOption({ label: "Sachbearbeitung (Kommune)" });
    await admin.getByRole("button", { name: "Benutzer anlegen" }).click();
    await admin.getByLabel("Einrichtungslink").waitFor();
    await admin.goto(`/verwaltung/benutzer?q=${encodeURIComponent(email)}`);
    await admin.getByRole("table").getByRole("link", { name: "Anton Anonym", exact: true }).click();
    await admin.getByRole("heading", { level: 2, name: /Anton Anonym/ }).waitFor();
    await waitForHydration(admin);
    const userUrl = new URL(admin.url()).pathname;

    // „Rolle hinzufügen“ without a team is refused at the field …
    await admin.getByRole("combobox", { name: "Rolle" }).selectOption({ label: "Mitglied Kompetenzteam" });
    await admin.getByRole("button", { name: "Rolle hinzufügen" }).click();
    await admin.getByText("Bitte wählen Sie ein Kompetenzteam.").waitFor();
    // … and that message goes once another form of the page was sent.
    await admin.getByRole("button", { name: "Benutzer deaktivieren …" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Ja, deaktivieren" }).click();
    await admin.getByRole("status").filter({ hasText: "Anton Anonym wurde deaktiviert." }).waitFor();
    await admin.getByText("Bitte wählen Sie ein Kompetenzteam.").waitFor({ state: "detached" });

    // The administration can hand the deactivated person their data.
    const exportLink = admin.getByRole("link", { name: "Daten dieser Person herunterladen" });
    const download = await admin.request.get(new URL((await exportLink.getAttribute("href"))!, admin.url()).toString());
    expect(download.status()).toBe(200);
    expect((await download.json()).user.email).toBe(email);
    await expectAccessible(admin);

    // A second tab, opened before: it still shows the person and her forms.
    const stale = await admin.context().newPage();
    await stale.goto(userUrl);
    await stale.getByRole("heading", { level: 2, name: /Anton Anonym/ }).waitFor();
    await waitForHydration(stale);

    await admin.getByRole("button", { name: "Personenbezogene Daten löschen (anonymisieren) …" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Ja, endgültig anonymisieren" }).click();
    await admin.getByRole("status").filter({ hasText: "Die Person wurde anonymisiert." }).waitFor();

    // Saving there is refused, and that tab re-reads the page: the name and address are gone from it too.
    await stale.getByRole("button", { name: "Speichern" }).click();
    await stale.getByText(/^Anonymisiert am /).waitFor();
    expect(await stale.getByText(email).count()).toBe(0);
    expect(await stale.getByRole("textbox").count()).toBe(0);
    await stale.close();

    await admin.goto(userUrl);
    await admin.getByRole("heading", { level: 2, name: /Ehemalige Person/ }).waitFor();
    await admin.getByText(/^Anonymisiert am /).waitFor();
    // Final: nothing to reactivate, rename, give roles or a link; only the export stays.
    for (const name of ["Benutzer wieder aktivieren", "Speichern", "Rolle hinzufügen", "Neuen Einrichtungslink erzeugen"]) {
      expect(await admin.getByRole("button", { name }).count(), name).toBe(0);
    }
    expect(await admin.getByRole("textbox").count()).toBe(0);
    await admin.getByRole("link", { name: "Daten dieser Person herunterladen" }).waitFor();
    await expectAccessible(admin);
    await admin.context().close();
  });

  it("the admin team page links to the team's criteria", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    await admin.goto("/verwaltung/teams");
    await admin.getByRole("link", { name: /Bürgerservice/ }).first().click();
    await admin.getByRole("heading", { level: 2, name: /Bürgerservice/ }).waitFor();
    await admin.getByRole("link", { name: "Kriterien dieses Teams" }).click();
    await admin.waitForURL(/\/kompetenzteams\/\d+\/kriterien$/);
    await expectAccessible(admin);
    await admin.context().close();
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

/** The admin's edit page behind a link of a list, open in two tabs of one session, both loaded before either saves. */
async function twoTabs(list: string, link: string) {
  const a = await newPage(browser);
  await signIn(a, "admin@ego-saar.example");
  await a.goto(list);
  await a.getByRole("link", { name: link, exact: true }).click();
  await a.waitForURL((url) => url.pathname !== list);
  const b = await a.context().newPage();
  await b.goto(a.url());
  await waitForHydration(a);
  await waitForHydration(b);
  return [a, b] as const;
}

describe("edits from a stale tab", () => {
  it("a stale tab's save of an organisation is refused with a message and keeps its input", async () => {
    const [a, b] = await twoTabs("/verwaltung/organisationen", "Freisen");
    const population = await b.getByLabel("Einwohnerzahl").inputValue();
    const release = b.getByLabel("Freigabe erforderlich");
    const wasChecked = await release.isChecked();

    await a.getByLabel("Einwohnerzahl").fill("181.959");
    await a.getByRole("button", { name: "Speichern" }).click();
    await a.getByText("Die Organisation „Freisen“ wurde gespeichert.").waitFor();

    await release.setChecked(!wasChecked);
    await b.getByRole("button", { name: "Speichern" }).click();
    await b.getByText("Die Organisation wurde inzwischen geändert.", { exact: false }).waitFor();
    expect(await b.getByLabel("Freigabe erforderlich").isChecked()).toBe(!wasChecked);
    expect(await b.getByLabel("Einwohnerzahl").inputValue()).toBe(population);
    await expectAccessible(b);

    // Saving leads back to the list; the stale tab's page shows what the other tab saved once reloaded.
    await b.reload();
    expect(await b.getByLabel("Einwohnerzahl").inputValue()).toBe("181.959");
    expect(await b.getByLabel("Freigabe erforderlich").isChecked()).toBe(wasChecked);
    await a.context().close();
  });

  it("a stale tab's save of a person's details is refused and keeps its input", async () => {
    const [a, b] = await twoTabs("/verwaltung/benutzer", "Nicole Schwarz");

    await a.getByLabel("Name").fill("Nicole Schwarz-Berg");
    await a.getByRole("button", { name: "Speichern" }).click();
    await a.getByText("Die Daten von Nicole Schwarz-Berg wurden gespeichert.").waitFor();

    await b.getByLabel("E-Mail-Adresse").fill("n.schwarz@homburg.example");
    await b.getByRole("button", { name: "Speichern" }).click();
    await b.getByText("Die Daten der Person wurden inzwischen geändert.", { exact: false }).waitFor();
    expect(await b.getByLabel("E-Mail-Adresse").inputValue()).toBe("n.schwarz@homburg.example");
    await expectAccessible(b);

    await a.reload();
    expect(await a.getByLabel("Name").inputValue()).toBe("Nicole Schwarz-Berg");
    expect(await a.getByLabel("E-Mail-Adresse").inputValue()).toBe("nicole.schwarz@homburg.example");
    await a.context().close();
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

    // Pasted text with cents is refused too, saying that the amount is in whole euros.
    await threshold.fill("12,50");
    await admin.getByRole("button", { name: "Einstellungen speichern" }).click();
    await admin.getByText("Bitte geben Sie den Betrag in vollen Euro an, ohne Cent (z. B. 1.200.000).").waitFor();
    expect(await threshold.getAttribute("aria-invalid")).toBe("true");
    expect(await threshold.inputValue()).toBe("12,50");

    await admin.goto("/verwaltung/einstellungen");
    await admin.getByRole("heading", { level: 2, name: "Einstellungen" }).waitFor();
    expect(await admin.getByLabel("Budgetschwelle für den Aufsichtsrat (Euro)").inputValue()).toBe(thresholdBefore);
    expect(await admin.getByLabel("Frist für das Umlaufverfahren (Tage)").inputValue()).toBe(daysBefore);
    await admin.context().close();
  });
});

describe("admin pages name what they refuse", () => {
  it("the audit log names filters from the address it did not apply, and says when nothing is found", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    await admin.goto("/verwaltung/protokoll?from=2026-02-30&action=foo.bar&entityType=%3Cscript%3E");
    await admin.getByText("Bitte geben Sie ein gültiges Datum ein („2026-02-30“ ist keines).", { exact: false }).waitFor();
    await admin.getByText("Einen Vorgang „foo.bar“ gibt es im Protokoll nicht.", { exact: false }).waitFor();
    await admin.getByText("Eine Objektart „<script>“ gibt es nicht.", { exact: false }).waitFor();
    expect(await admin.getByLabel("Von").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(admin);
    await admin.goto("/verwaltung/protokoll?from=2026-03-02&to=2026-03-01&actor=niemand-hier-xyz");
    await admin.getByText("Das Enddatum (01.03.2026) liegt vor dem Anfangsdatum (02.03.2026).", { exact: false }).waitFor();
    await admin.getByRole("cell", { name: "Keine Einträge für diese Filter." }).waitFor();
    await expectAccessible(admin);
  });

  it("the organisation form offers a Landkreis only where one belongs", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    await admin.goto("/verwaltung/organisationen/neu");
    await waitForHydration(admin);
    const district = admin.getByLabel("Landkreis / Regionalverband");
    await admin.getByLabel("Art").selectOption({ label: "Landkreis" });
    await expect.poll(() => district.locator("option").allTextContents()).toEqual(["Keiner"]);
    await admin.getByLabel("Art").selectOption({ label: "Gemeinde" });
    await expect.poll(async () => (await district.locator("option").allTextContents()).includes("Landkreis St. Wendel")).toBe(true);
    expect(await district.locator("option").allTextContents()).not.toContain("Keiner");
    await expectAccessible(admin);
  });

  it("deactivating a Kompetenzteam with open candidates asks first, naming them", async () => {
    const admin = await newPage(browser);
    await signIn(admin, "admin@ego-saar.example");
    await admin.goto("/verwaltung/teams");
    await admin.getByRole("link", { name: /Bürgerservice/ }).first().click();
    await admin.getByRole("heading", { level: 2, name: /Bürgerservice/ }).waitFor();
    await waitForHydration(admin);
    await admin.getByLabel("Aktiv").uncheck();
    await admin.getByRole("button", { name: "Speichern" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByText(/offene[n]? Kandidaten/).waitFor();
    await expectAccessible(admin);
    // Cancelled: the team stays active for the other tests.
    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    await dialog.waitFor({ state: "hidden" });
  });
});

describe("cockpit layout", () => {
  it("shows every column of the members' table at desktop width, and fits the teams' table on paper", async () => {
    const manager = await newPage(browser);
    await signIn(manager, "julia.hoffmann@ego-saar.example");
    await manager.goto("/cockpit");
    const members = manager.locator("#organisationen table");
    await members.getByRole("columnheader", { name: "In Betrieb genommen" }).waitFor();
    const fits = (table: typeof members) =>
      table.evaluate((t) => {
        const box = t.closest(".scroll-table")!.getBoundingClientRect();
        return t.getBoundingClientRect().right <= box.right + 1;
      });
    expect(await fits(members)).toBe(true);
    await expectAccessible(manager);
    await manager.setViewportSize({ width: 718, height: 1000 });
    await manager.emulateMedia({ media: "print" });
    expect(await fits(manager.locator("#kompetenzteams table"))).toBe(true);
  });
});
