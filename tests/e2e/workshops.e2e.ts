import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, candidateForTeam, expectAccessible, launchBrowser, newPage, signIn, waitForHydration } from "#tests/helpers/browser";

const LEAD = "sabine.mueller@neunkirchen.example";
const MEMBER_A = "thomas.wagner@voelklingen.example";
const MEMBER_B = "lena.fischer@st-ingbert.example";
// Seeded by db/seed/demo.ts: an open candidate of the Kompetenzteam Bürgerservice & Ordnung.
const CANDIDATE = "Hundesteuer online an- und abmelden";
const TEAM = "Kompetenzteam Bürgerservice & Ordnung";
const CRITERIA = ["Nutzen für Bürger und Verwaltung", "Dringlichkeit / gesetzliche Frist", "Anzahl betroffener Kommunen", "Umsetzungsaufwand", "Standardisierungspotenzial"];
const shots = process.env.E2E_SCREENSHOT_DIR;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until no CSS transition runs (the contrast check must not see a half-faded element). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

function liveStatus(page: Page) {
  return page.getByTestId("live-status");
}

async function score(page: Page, values: number[]) {
  const form = page.getByRole("region", { name: "Ihre Bewertung" });
  for (const [i, name] of CRITERIA.entries()) {
    await form.getByRole("radiogroup", { name: new RegExp(`^${name.replace(/[/]/g, "\\/")}`) }).getByRole("radio", { name: String(values[i]), exact: true }).check();
  }
  await form.getByRole("button", { name: /Bewertung (abgeben|ändern)/ }).click();
  await form.getByText("Ihre Bewertung wurde gespeichert.").waitFor();
}


/** „Workshop starten“ asks first (the step cannot be undone); the lead confirms in the dialog. */
async function startWorkshop(lead: Page) {
  await lead.getByRole("button", { name: "Workshop starten" }).click();
  const dialog = lead.getByRole("dialog", { name: "Workshop starten" });
  await dialog.getByText("Die Teilnehmenden bewerten dann live", { exact: false }).waitFor();
  await dialog.getByRole("button", { name: "Ja, Workshop starten" }).click();
}

/** The lead plans a workshop next year on the given day (MM-DD) with the candidates (in the form's order) and these invitees; the page stays on its overview. */
async function planWorkshop(candidateTitles: string | string[], title: string, day: string, invite: RegExp[] = []): Promise<Page> {
  const lead = await newPage(browser);
  await signIn(lead, LEAD);
  await lead.goto("/workshops/neu");
  await waitForHydration(lead);
  await lead.getByLabel("Titel des Workshops").fill(title);
  await lead.getByLabel("Datum und Uhrzeit").fill(`${new Date().getFullYear() + 1}-${day}T10:00`);
  for (const candidateTitle of ([] as string[]).concat(candidateTitles)) {
    await lead.getByRole("checkbox", { name: new RegExp(`^${candidateTitle.replace(/[()]/g, "\\$&")}`) }).check();
  }
  for (const name of invite) await lead.getByRole("checkbox", { name }).check();
  await lead.getByRole("button", { name: "Workshop planen" }).click();
  await lead.waitForURL(/\/workshops\/\d+$/);
  return lead;
}

/** The accessible name (aria-label or text) of the focused element. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? "body" : (el.getAttribute("aria-label") ?? (el.textContent ?? "").trim());
  });
}

/** The candidates' titles in the agenda table, top to bottom. */
async function rowTitles(agenda: Locator): Promise<string[]> {
  return agenda.locator("tbody th").allInnerTexts();
}

describe("prioritisation workshop, live with three people", () => {
  it("lead plans a workshop, moves it and cancels it with a reason; the candidate is open again", async () => {
    const lead = await newPage(browser);
    await signIn(lead, LEAD);
    await lead.goto(new URL("/workshops/neu", lead.url()).toString());
    await waitForHydration(lead);
    const title = `Abzusagender Workshop (E2E ${Date.now().toString(36)})`;
    await lead.getByLabel("Titel des Workshops").fill(title);
    await lead.getByLabel("Datum und Uhrzeit").fill(`${new Date().getFullYear() + 1}-02-10T10:00`);
    await lead.getByRole("checkbox", { name: new RegExp(`^${CANDIDATE}`) }).check();
    await lead.getByRole("button", { name: "Workshop planen" }).click();
    await lead.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(lead);

    // Move it: the page shows the new time and says the invitees were told.
    const year = new Date().getFullYear() + 1;
    await lead.getByText("Verschieben", { exact: true }).click();
    await lead.getByLabel("Datum und Uhrzeit").fill(`${year}-02-17T14:30`);
    await lead.getByRole("button", { name: "Neuen Termin speichern" }).click();
    await lead.getByText(`17.02.${year}, 14:30`).waitFor();
    // The confirmation stays although the page re-reads its data on the live event the change caused.
    await lead.getByRole("status").filter({ hasText: "wurde verschoben" }).waitFor();

    // Cancel: without a reason the step stays open with the message at the field; with one it is done.
    await lead.getByText("Absagen", { exact: true }).click();
    await lead.getByRole("button", { name: "Workshop absagen" }).click();
    await lead.getByText("Bitte geben Sie den Grund der Absage an.").waitFor();
    await expectAccessible(lead);
    await lead.getByLabel("Grund der Absage").fill("Die Teamleitung ist an diesem Tag verhindert.");
    // It cannot be undone, so it asks first; „Abbrechen“ (focused) leaves the workshop as planned.
    await lead.getByRole("button", { name: "Workshop absagen" }).click();
    const cancelDialog = lead.getByRole("dialog", { name: "Workshop absagen" });
    await cancelDialog.getByText("Workshop jetzt absagen?", { exact: false }).waitFor();
    await expect.poll(() => cancelDialog.getByRole("button", { name: "Abbrechen" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(lead);
    await cancelDialog.getByRole("button", { name: "Abbrechen" }).click();
    await cancelDialog.waitFor({ state: "detached" });
    await lead.getByRole("button", { name: "Workshop absagen" }).click();
    await cancelDialog.getByRole("button", { name: "Ja, Workshop absagen" }).click();
    await lead.getByText("Dieser Workshop wurde abgesagt.").waitFor();
    await lead.getByText("Grund: Die Teamleitung ist an diesem Tag verhindert.").waitFor();
    await expectAccessible(lead);

    // The candidate can be planned again.
    await lead.goto(new URL("/workshops/neu", lead.url()).toString());
    await lead.getByRole("checkbox", { name: new RegExp(`^${CANDIDATE}`) }).waitFor();
    await lead.context().close();
  });

  it("a refused plan keeps every field as sent, invitations included, and names all problems at once", async () => {
    const lead = await newPage(browser);
    await signIn(lead, LEAD);
    await lead.goto(new URL("/workshops/neu", lead.url()).toString());
    await waitForHydration(lead);
    const invitees = lead.getByRole("group", { name: "Eingeladene Mitglieder" }).getByRole("checkbox");
    const own = lead.getByRole("checkbox", { name: /^Sabine Müller .* – Moderation$/ });
    await expect(own.isChecked()).resolves.toBe(true);
    // One invitee taken off: after the refusal exactly what was sent is ticked.
    await lead.getByRole("checkbox", { name: /Thomas Wagner/ }).uncheck();
    const sent = await invitees.evaluateAll((boxes) => boxes.map((b) => `${(b as HTMLInputElement).value}:${(b as HTMLInputElement).checked}`));
    expect(sent.some((s) => s.endsWith(":true"))).toBe(true);
    expect(sent.some((s) => s.endsWith(":false"))).toBe(true);

    const title = `Abgelehnter Plan (E2E ${Date.now().toString(36)})`;
    await lead.getByLabel("Titel des Workshops").fill(title);
    await lead.getByLabel("Datum und Uhrzeit").fill(`${new Date().getFullYear() - 1}-03-10T10:00`);
    await lead.getByRole("button", { name: "Workshop planen" }).click();

    // Both messages at once: at the agenda and at the date.
    await lead.getByRole("group", { name: /^Tagesordnung/ }).getByText("Bitte wählen Sie mindestens einen Kandidaten für die Tagesordnung.").waitFor();
    await lead.getByText("Der Termin darf nicht in der Vergangenheit liegen.").waitFor();
    await expect(lead.getByLabel("Datum und Uhrzeit").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(lead.getByLabel("Titel des Workshops").inputValue()).resolves.toBe(title);
    await expect(invitees.evaluateAll((boxes) => boxes.map((b) => `${(b as HTMLInputElement).value}:${(b as HTMLInputElement).checked}`))).resolves.toEqual(sent);
    await expect(own.isChecked()).resolves.toBe(true);
    await expectAccessible(lead);
    await lead.context().close();
  });

  // The longest flow of the suite (three people through a whole workshop): twice the default time.
  it("lead schedules, opens an item; both members score; reveal shows both; the decision changes the candidate", async () => {
    const lead = await newPage(browser);
    await signIn(lead, LEAD);
    await lead.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Meine Workshops" }).click();
    await lead.getByRole("heading", { level: 1, name: "Meine Workshops" }).waitFor();
    await expectAccessible(lead);

    // Schedule: the seeded candidate on the agenda, both members invited (preselected).
    await lead.getByRole("link", { name: "Workshop planen" }).click();
    await lead.getByRole("heading", { level: 1, name: "Workshop planen" }).waitFor();
    await waitForHydration(lead);
    await expectAccessible(lead);
    await lead.getByRole("button", { name: "Workshop planen" }).click();
    await lead.getByText("Bitte wählen Sie mindestens einen Kandidaten für die Tagesordnung.").waitFor();
    const title = `Priorisierung Bürgerservice (E2E ${Date.now().toString(36)})`;
    await lead.getByLabel("Titel des Workshops").fill(title);
    await lead.getByLabel("Datum und Uhrzeit").fill(`${new Date().getFullYear() + 1}-03-10T10:00`);
    await lead.getByRole("checkbox", { name: new RegExp(`^${CANDIDATE}`) }).check();
    await lead.getByRole("checkbox", { name: /Thomas Wagner/ }).check();
    await lead.getByRole("checkbox", { name: /Lena Fischer/ }).check();
    await lead.getByRole("button", { name: "Workshop planen" }).click();
    await lead.waitForURL(/\/workshops\/\d+$/);
    await lead.getByRole("heading", { level: 1, name: title }).waitFor();
    await lead.getByRole("status").filter({ hasText: "wurde geplant" }).waitFor();
    await lead.getByRole("table", { name: /Kandidat auf der Tagesordnung/ }).getByText("Eingeplant").waitFor();
    await expectAccessible(lead);
    // A refused change of the agenda (nothing left on it) keeps the invitations as they were sent.
    await waitForHydration(lead);
    await lead.getByText("Tagesordnung und Einladungen ändern", { exact: true }).click();
    await lead.getByRole("group", { name: /^Tagesordnung: Kandidaten des Teams/ }).getByRole("checkbox", { name: new RegExp(`^${CANDIDATE}`) }).uncheck();
    await lead.getByRole("button", { name: "Änderungen speichern" }).click();
    await lead.getByText(/Bitte wählen Sie mindestens einen Kandidaten für die Tagesordnung\.|Mindestens ein Kandidat muss auf der Tagesordnung bleiben\./).first().waitFor();
    const invitees = lead.getByRole("group", { name: /^Eingeladen/ });
    for (const name of [/Thomas Wagner/, /Lena Fischer/]) expect(await invitees.getByRole("checkbox", { name }).isChecked()).toBe(true);
    await expectAccessible(lead);
    const overview = new URL(lead.url()).pathname;
    const live = `${overview}/live`;

    // Both members find it under "Meine Workshops" and wait in the live view.
    const members: Page[] = [];
    for (const email of [MEMBER_A, MEMBER_B]) {
      const m = await newPage(browser);
      await signIn(m, email);
      await m.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Meine Workshops" }).click();
      await m.getByRole("link", { name: title }).click();
      await m.getByRole("heading", { level: 1, name: title }).waitFor();
      await m.getByRole("link", { name: "Zur Live-Ansicht" }).click();
      await m.waitForURL((u) => u.pathname === live);
      await waitForHydration(m);
      await liveStatus(m).getByText("Warten auf den Beginn des Workshops.").waitFor();
      members.push(m);
    }
    const [a, b] = members;
    await expectAccessible(a);

    // Starting asks first, with the safe answer focused: „Abbrechen“ leaves the workshop as planned.
    await lead.getByRole("button", { name: "Workshop starten" }).click();
    const startDialog = lead.getByRole("dialog", { name: "Workshop starten" });
    await startDialog.getByText("Termin, Tagesordnung und Einladungen lassen sich danach nicht mehr ändern", { exact: false }).waitFor();
    // Planned for next year: the question names the planned date before it asks.
    await startDialog.getByText(new RegExp(`^Der Workshop ist für den \\d{2}\\.\\d{2}\\.${new Date().getFullYear() + 1}, 10:00 Uhr geplant\\. Trotzdem jetzt starten\\?`)).waitFor();
    await expect.poll(() => startDialog.getByRole("button", { name: "Abbrechen" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await settled(lead);
    await expectAccessible(lead);
    await startDialog.getByRole("button", { name: "Abbrechen" }).click();
    await startDialog.waitFor({ state: "detached" });
    expect(new URL(lead.url()).pathname).toBe(overview);
    await lead.getByText("Verschieben", { exact: true }).waitFor();

    // The lead starts and sees both members connected.
    await startWorkshop(lead);
    await lead.waitForURL((u) => u.pathname === live);
    await waitForHydration(lead);
    await lead.getByRole("heading", { level: 2, name: "Teilnehmende (3 von 3 verbunden)" }).waitFor();
    for (const m of members) await liveStatus(m).getByText("Der Workshop läuft. Noch kein Tagesordnungspunkt geöffnet.").waitFor();

    // Opening the item: every screen follows, with the facts next to it.
    await lead.getByRole("region", { name: "Tagesordnung" }).getByRole("button", { name: "Öffnen" }).click();
    for (const m of members) {
      await m.getByRole("heading", { level: 2, name: `Punkt 1: ${CANDIDATE}` }).waitFor();
      // The organisations are folded under their count; opened, they list who asked.
      const organisations = m.getByTestId("organisations-disclosure");
      await organisations.locator("summary").click();
      await organisations.getByRole("table", { name: /beteiligte Organisation/ }).getByText("Völklingen").waitFor();
    }
    // Counted are the two members present; the lead moderates and counts only once scoring.
    await liveStatus(a).getByText(/Bewertung läuft\. 0 von 2 haben bewertet\./).waitFor();
    await settled(a);
    await expectAccessible(a);

    // Revealing before anyone scored asks first (revealing cannot be undone); cancelling leaves it hidden.
    const moderation = lead.getByRole("region", { name: "Moderation" });
    const reveal = moderation.getByRole("button", { name: "Bewertungen aufdecken" });
    await reveal.click();
    const revealDialog = lead.getByRole("dialog", { name: "Bewertungen aufdecken" });
    await revealDialog.getByText("Noch niemand hat bewertet. Bewertungen trotzdem aufdecken?", { exact: false }).waitFor();
    await settled(lead);
    await expectAccessible(lead);
    await lead.keyboard.press("Escape");
    await revealDialog.waitFor({ state: "detached" });
    await lead.waitForFunction(() => document.activeElement?.textContent === "Bewertungen aufdecken");

    // Bad input: sending without choosing is refused at the fields.
    await a.getByRole("button", { name: "Bewertung abgeben" }).click();
    await a.getByText("Bitte bewerten Sie jedes Kriterium mit 1 bis 5.").first().waitFor();

    await score(a, [5, 4, 5, 2, 4]);
    await lead.getByText("hat bewertet").first().waitFor();
    expect(await lead.getByText("hat bewertet", { exact: true }).count()).toBe(1);
    // One of two: the question says so, by keyboard too; „Abbrechen“ keeps the scores hidden.
    await liveStatus(lead).getByText(/1 von 2 hat bewertet/).waitFor();
    await reveal.focus();
    await lead.keyboard.press("Enter");
    await revealDialog.getByText("Bisher hat 1 von 2 Teilnehmenden bewertet. Bewertungen trotzdem aufdecken?", { exact: false }).waitFor();
    // One score alone tells whose it is: the question says so.
    await revealDialog.getByText("Bei so wenigen Bewertungen lässt sich aus der Verteilung ablesen, wer wie bewertet hat.", { exact: false }).waitFor();
    await revealDialog.getByRole("button", { name: "Abbrechen" }).click();
    await revealDialog.waitFor({ state: "detached" });
    await score(b, [1, 4, 5, 2, 4]);
    await liveStatus(lead).getByText(/2 von 2 haben bewertet/).waitFor();
    expect(await lead.getByText("hat bewertet", { exact: true }).count()).toBe(2);
    // The lead sees who has scored, not what: no results before the reveal.
    expect(await lead.getByRole("heading", { name: "Ergebnis der Bewertung" }).count()).toBe(0);
    await settled(lead);
    await expectAccessible(lead);

    // Reveal, now without a question (everyone has scored): both scores on every screen; "Nutzen" (5 and 1) is flagged.
    await reveal.click();
    for (const p of [lead, a, b]) {
      const table = p.getByRole("table", { name: `Verteilung der Bewertungen für „${CANDIDATE}“` });
      const row = table.getByRole("row").filter({ has: p.getByRole("rowheader", { name: /^Nutzen für Bürger und Verwaltung/ }) });
      await row.waitFor();
      expect((await row.getByRole("cell").allTextContents()).slice(0, 5)).toEqual(["1", "0", "0", "0", "1"]);
      await row.getByText("Starke Uneinigkeit").waitFor();
      await table.getByText(/\(2 Bewertungen; Spanne/).waitFor();
    }
    expect(await revealDialog.count()).toBe(0);
    await settled(b);
    await expectAccessible(b);
    if (shots) await lead.screenshot({ path: path.join(shots, "workshop-live-lead.png"), fullPage: true });
    if (shots) await b.screenshot({ path: path.join(shots, "workshop-live-member.png"), fullPage: true });

    // Decision without rationale is refused; then recorded; the screens and the candidate follow.
    await lead.getByLabel("Notizen zur Diskussion").fill("Nutzen unterschiedlich eingeschätzt: Völklingen braucht die Schnittstelle zwingend.");
    await lead.getByRole("button", { name: "Notizen speichern" }).click();
    await lead.getByText("Notizen gespeichert.").waitFor();
    const decide = lead.getByRole("form", { name: "Entscheidung festhalten" });
    await decide.getByRole("radio", { name: "Priorisieren" }).check();
    // Before saving, the rank field names the team's candidate that already holds the rank (the
    // demo's own workshop of this team put „Online-Terminvereinbarung“ at 1); a free rank says nothing.
    const rankField = decide.getByLabel("Rang (bei Priorisieren)");
    const rankTaken = decide.getByTestId("rank-taken");
    expect(await rankTaken.getAttribute("aria-live")).toBe("polite");
    expect((await rankField.getAttribute("aria-describedby"))!.split(" ")).toContain(await rankTaken.evaluate((el) => el.parentElement!.id));
    // The ranks already given stand under the field before anything is typed.
    await decide.getByText(/^Schon vergeben: (Rang 1$|Ränge 1,)/).waitFor();
    await rankField.fill("1");
    await rankTaken.filter({ hasText: /^Rang 1 ist bereits an .*„Online-Terminvereinbarung“.* vergeben\. Speichern geht trotzdem/ }).waitFor();
    if (shots) await lead.screenshot({ path: path.join(shots, "workshop-rank-taken.png"), fullPage: true });
    await rankField.fill("998");
    await expect.poll(() => rankTaken.textContent()).toBe("");
    await rankField.fill("1");
    await rankTaken.filter({ hasText: "„Online-Terminvereinbarung“" }).waitFor();
    await decide.getByRole("button", { name: "Entscheidung speichern" }).click();
    await decide.getByText("Bitte begründen Sie die Entscheidung.").waitFor();
    await decide.getByLabel("Begründung").fill("Viele Kommunen betroffen, Schnittstelle zum Steuerverfahren vorhanden.");
    // A decision goes to every organisation involved: the lead confirms it in a dialog naming it.
    await decide.getByRole("button", { name: "Entscheidung speichern" }).click();
    const decideDialog = lead.getByRole("dialog", { name: "Entscheidung speichern" });
    await decideDialog.getByText(`Entscheidung „Priorisieren“ für „${CANDIDATE}“ festhalten?`, { exact: false }).waitFor();
    await settled(lead);
    await expectAccessible(lead);
    await decideDialog.getByRole("button", { name: "Ja, Entscheidung festhalten" }).click();
    // Saved all the same (a tie may be meant); the recorded decision says the rank is shared.
    await lead.getByText(/^Rang 1 ist auch an .*„Online-Terminvereinbarung“.* vergeben; die Rangliste zeigt ihn als mehrfach vergeben\.$/).waitFor();
    for (const p of [lead, a, b]) {
      await p.getByText("Priorisiert auf Rang 1").first().waitFor();
      await p.getByRole("region", { name: `Punkt 1: ${CANDIDATE}` }).getByText("Priorisiert", { exact: true }).waitFor();
    }
    await settled(a);
    await expectAccessible(a);

    const candidateHref = await lead.getByRole("link", { name: "Seite des Kandidaten" }).getAttribute("href");
    await a.goto(candidateHref!);
    await a.getByRole("heading", { level: 1, name: CANDIDATE }).waitFor();
    await a.getByText("Priorisiert", { exact: true }).first().waitFor();

    // End and publish: the minutes print cleanly and name attendees, scores, decision and rationale.
    await lead.getByRole("button", { name: "Workshop beenden" }).click();
    const endDialog = lead.getByRole("dialog", { name: "Workshop beenden" });
    await endDialog.getByText("Workshop jetzt beenden?", { exact: false }).waitFor();
    await endDialog.getByRole("button", { name: "Ja, Workshop beenden" }).click();
    await lead.waitForURL((u) => u.pathname === `${overview}/protokoll`);
    await lead.getByRole("heading", { level: 1, name: `Protokoll: ${title}` }).waitFor();
    await lead.getByText("Entwurf: Das Protokoll ist noch nicht veröffentlicht").waitFor();
    await waitForHydration(lead);
    await lead.getByRole("button", { name: "Protokoll veröffentlichen" }).click();
    const publishDialog = lead.getByRole("dialog", { name: "Protokoll veröffentlichen" });
    await publishDialog.getByText("kann nicht zurückgenommen werden", { exact: false }).waitFor();
    await expectAccessible(lead);
    await publishDialog.getByRole("button", { name: "Ja, veröffentlichen" }).click();
    await lead.getByRole("status").filter({ hasText: "Das Protokoll wurde veröffentlicht." }).waitFor();
    await lead.getByRole("heading", { level: 2, name: "Anwesend (3 Personen)" }).waitFor();
    await lead.getByText("Begründung: Viele Kommunen betroffen, Schnittstelle zum Steuerverfahren vorhanden.").waitFor();
    await lead.getByText("Nutzen unterschiedlich eingeschätzt").waitFor();
    await expectAccessible(lead);
    // A participant's live page, once the workshop is over, says who took part, not who is connected.
    await a.goto(`${overview}/live`);
    const present = a.getByRole("heading", { level: 2, name: "Teilnehmende (3 von 3 anwesend)" });
    await present.waitFor();
    expect(await a.getByText("verbunden", { exact: true }).count()).toBe(0);
    if (shots) {
      await lead.screenshot({ path: path.join(shots, "workshop-minutes.png"), fullPage: true });
      await lead.emulateMedia({ media: "print" });
      await lead.screenshot({ path: path.join(shots, "workshop-minutes-print.png"), fullPage: true });
      await lead.emulateMedia({ media: "screen" });
    }

    // Someone outside the workshop reads the published minutes; the way back leads to the team's
    // ranked list, not to the workshop page they may not open.
    const outsider = await newPage(browser);
    await signIn(outsider, "anna.schmidt@saarbruecken.example");
    await outsider.goto(lead.url());
    await outsider.getByRole("heading", { level: 1, name: `Protokoll: ${title}` }).waitFor();
    expect(await outsider.getByRole("link", { name: "Zur Übersicht des Workshops" }).count()).toBe(0);
    expect(await outsider.getByRole("button", { name: "Protokoll veröffentlichen" }).count()).toBe(0);
    await outsider.getByRole("link", { name: /^Zur Rangliste:/ }).click();
    await outsider.getByRole("heading", { level: 1, name: /^Rangliste:/ }).waitFor();
    await outsider.context().close();

    // The ranked list of the team shows the candidate on rank 1, next to the one the demo's own
    // workshop of this team prioritised.
    await lead.goto("/workshops");
    await lead.getByRole("link", { name: "Rangliste" }).first().click();
    const ranked = lead.getByRole("table", { name: /^\d+ priorisierte(r Kandidat| Kandidaten)$/ });
    await ranked.getByRole("row").filter({ hasText: CANDIDATE }).getByRole("cell", { name: "1", exact: true }).waitFor();
    await ranked.getByRole("row").filter({ hasText: "Online-Terminvereinbarung" }).getByRole("link", { name: "Priorisierung Bürgerservice & Ordnung" }).waitFor();
    // The team's pages belong to the workshops' section of the menu, which stays marked.
    const workshopsNav = lead.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Meine Workshops" });
    expect(await workshopsNav.getAttribute("data-section")).toBe("true");
    await expectAccessible(lead);

    // The lead keeps the team's criteria; a second criterion of the same name is refused at the field.
    await lead.goto("/workshops");
    await lead.getByRole("link", { name: "Kriterien und Gewichte" }).click();
    await lead.getByRole("heading", { level: 1, name: "Kriterien: Kompetenzteam Bürgerservice & Ordnung" }).waitFor();
    await waitForHydration(lead);
    await expectAccessible(lead);
    const newCriterion = lead.getByRole("region", { name: "Neues Kriterium" });
    await newCriterion.getByLabel("Bezeichnung").fill("Standardisierungspotenzial");
    await newCriterion.getByRole("button", { name: "Kriterium hinzufügen" }).click();
    await lead.getByText("Ein Kriterium mit dieser Bezeichnung gibt es in diesem Team schon.").waitFor();
    await expectAccessible(lead);

    await Promise.all([lead, a, b].map((p) => p.context().close()));
  }, 240_000);
  it("a deferral needs a date: missing, it is reported at the field without a question; given, the decision is confirmed and saved", async () => {
    const run = Date.now().toString(36);
    const title = `Zurückzustellender Bedarf (E2E ${run})`;
    await candidateForTeam(browser, title, TEAM);

    // The lead plans, starts and opens it, and scores alone: everyone expected has scored, so it reveals at once.
    const lead = await planWorkshop(title, `Zurückstellung (E2E ${run})`, "04-14");
    await startWorkshop(lead);
    await lead.waitForURL(/\/workshops\/\d+\/live$/);
    await waitForHydration(lead);
    await lead.getByRole("region", { name: "Tagesordnung" }).getByRole("button", { name: "Öffnen" }).click();
    await lead.getByRole("heading", { level: 2, name: `Punkt 1: ${title}` }).waitFor();
    await score(lead, [3, 3, 3, 3, 3]);
    const moderation = lead.getByRole("region", { name: "Moderation" });
    await moderation.getByText("1 von 1 hat bewertet.").waitFor();
    await moderation.getByRole("button", { name: "Bewertungen aufdecken" }).click();
    await lead.getByRole("region", { name: "Ergebnis der Bewertung" }).waitFor();
    expect(await lead.getByRole("dialog").count()).toBe(0);

    // „Zurückstellen“ without a date: the message is at the date field, tied to it; no question is asked.
    const decide = lead.getByRole("form", { name: "Entscheidung festhalten" });
    await decide.getByRole("radio", { name: "Zurückstellen" }).check();
    await decide.getByLabel("Begründung").fill("Erst nach der Novelle des Kommunalabgabengesetzes sinnvoll.");
    const until = decide.getByLabel("Zurückgestellt bis (bei Zurückstellen)");
    expect(await until.evaluate((e) => (e as HTMLInputElement).required)).toBe(true);
    await decide.getByRole("button", { name: "Entscheidung speichern" }).click();
    const message = decide.getByText("Bitte geben Sie beim Zurückstellen ein Datum an.");
    await message.waitFor();
    expect(await until.getAttribute("aria-invalid")).toBe("true");
    const messageId = await message.getAttribute("id");
    expect(messageId).toBeTruthy();
    expect((await until.getAttribute("aria-describedby"))?.split(" ")).toContain(messageId);
    expect(await lead.getByRole("dialog").count()).toBe(0);
    expect(await decide.getByText("festhalten?", { exact: false }).count()).toBe(0);
    await settled(lead);
    await expectAccessible(lead);

    // With the date: the question names the decision; confirmed, it is saved and shown.
    const year = new Date().getFullYear() + 1;
    await until.fill(`${year}-06-30`);
    await decide.getByRole("button", { name: "Entscheidung speichern" }).click();
    const dialog = lead.getByRole("dialog", { name: "Entscheidung speichern" });
    await dialog.getByText(`Entscheidung „Zurückstellen“ für „${title}“ festhalten?`, { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Ja, Entscheidung festhalten" }).click();
    await lead.getByText(`Zurückgestellt bis 30.06.${year}`).waitFor();
    await lead.getByRole("region", { name: `Punkt 1: ${title}` }).getByText("Zurückgestellt", { exact: true }).waitFor();
    await settled(lead);
    await expectAccessible(lead);
    await lead.context().close();
  });

  it("someone arrives after the moderator's page last heard: the server's refusal of the reveal asks inline, naming its numbers", async () => {
    const run = Date.now().toString(36);
    const title = `Später Zugang (E2E ${run})`;
    await candidateForTeam(browser, title, TEAM);

    // The lead plans it with both members; one of them waits in the live view.
    const lead = await planWorkshop(title, `Späte Ankunft (E2E ${run})`, "05-12", [/Thomas Wagner/, /Lena Fischer/]);
    const live = `${new URL(lead.url()).pathname}/live`;
    const a = await newPage(browser);
    await signIn(a, MEMBER_A);
    await a.goto(live);
    await waitForHydration(a);
    await liveStatus(a).getByText("Warten auf den Beginn des Workshops.").waitFor();

    // The moderator's page hears no live events (as after a dropped connection): it knows only what it loaded.
    await lead.route(/\/workshops\/\d+\/events/, (route) => route.abort());
    await startWorkshop(lead);
    await lead.waitForURL((u) => u.pathname === live);
    await waitForHydration(lead);
    await lead.getByRole("region", { name: "Tagesordnung" }).getByRole("button", { name: "Öffnen" }).click();
    await lead.getByRole("heading", { level: 2, name: `Punkt 1: ${title}` }).waitFor();
    await score(a, [4, 4, 3, 2, 5]);
    await liveStatus(a).getByText(/1 von 1 hat bewertet\./).waitFor();
    await lead.reload();
    await waitForHydration(lead);
    const moderation = lead.getByRole("region", { name: "Moderation" });
    await moderation.getByText("1 von 1 hat bewertet.").waitFor();

    // The second member arrives; the first member's page counts them, the moderator's page does not know.
    const b = await newPage(browser);
    await signIn(b, MEMBER_B);
    await b.goto(live);
    await waitForHydration(b);
    await liveStatus(a).getByText(/1 von 2 hat bewertet\./).waitFor();
    expect(await moderation.getByText("1 von 2 hat bewertet.").count()).toBe(0);

    // Revealing, the page expects no question; the server asks, with the numbers it counted. The page's
    // own re-read after the answer is held back meanwhile: the question stands on the answer alone.
    let releaseReRead!: () => void;
    const reReadReleased = new Promise<void>((resolve) => (releaseReRead = resolve));
    let reReadAsked!: () => void;
    const reReadHeld = new Promise<void>((resolve) => (reReadAsked = resolve));
    const pageData = /\/workshops\/\d+\/live\.data/;
    await lead.route(pageData, async (route) => {
      if (route.request().method() === "GET") {
        reReadAsked();
        await reReadReleased;
      }
      await route.continue();
    });
    await moderation.getByRole("button", { name: "Bewertungen aufdecken" }).click();
    const question = moderation.getByRole("alert").filter({ hasText: "Bisher hat 1 von 2 Teilnehmenden bewertet. Bewertungen trotzdem aufdecken?" });
    await question.waitFor();
    await reReadHeld;
    await moderation.getByText("1 von 1 hat bewertet.").waitFor();
    expect(await lead.getByRole("dialog").count()).toBe(0);
    expect(await lead.getByRole("region", { name: "Ergebnis der Bewertung" }).count()).toBe(0);
    await settled(lead);
    await expectAccessible(lead);
    if (shots) await lead.screenshot({ path: path.join(shots, "workshop-reveal-late-arrival.png"), fullPage: true });
    // Once the page has re-read, it counts the arrival too; the question stays.
    releaseReRead();
    await moderation.getByText("1 von 2 hat bewertet.").waitFor();
    await lead.unroute(pageData);
    await question.waitFor();

    // Confirmed there, the scores are revealed on every screen.
    await question.getByRole("button", { name: "Ja, aufdecken" }).click();
    for (const p of [lead, a, b]) await p.getByRole("region", { name: "Ergebnis der Bewertung" }).waitFor();
    await Promise.all([lead, a, b].map((p) => p.context().close()));
  }, 180_000);

  it("the lead moves an item up twice with the keyboard, keeps the focus on it, and the live view follows; without JavaScript a plain post moves it back", async () => {
    const run = Date.now().toString(36);
    const [a, b, c] = ["A", "B", "C"].map((x) => `Reihenfolge ${x} (E2E ${run})`);
    for (const title of [a, b, c]) await candidateForTeam(browser, title, TEAM);

    // Planned with the three candidates: they come in the order of the form's list.
    const title = `Reihenfolge (E2E ${run})`;
    const lead = await planWorkshop([a, b, c], title, "07-07");
    await lead.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(lead);
    const overview = new URL(lead.url()).pathname;

    const agenda = lead.getByRole("table", { name: "3 Kandidaten auf der Tagesordnung" });
    expect(await rowTitles(agenda)).toEqual([a, b, c]);
    // The first item has no „Nach oben“, the last no „Nach unten“.
    expect(await agenda.getByRole("button", { name: `„${a}“ nach oben verschieben` }).count()).toBe(0);
    expect(await agenda.getByRole("button", { name: `„${c}“ nach unten verschieben` }).count()).toBe(0);
    await expectAccessible(lead);

    // C up by keyboard: the page stays (no reload), says what happened, and the focus stays on C's button.
    await lead.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await agenda.getByRole("button", { name: `„${c}“ nach oben verschieben` }).focus();
    await lead.keyboard.press("Enter");
    await lead.getByRole("status").filter({ hasText: `Reihenfolge geändert: „${c}“ steht jetzt an Stelle 2.` }).waitFor();
    await expect.poll(() => rowTitles(agenda)).toEqual([a, c, b]);
    await expect.poll(() => focusedName(lead)).toBe(`„${c}“ nach oben verschieben`);

    // Enter again: C is first; its „Nach oben“ is gone, so the focus is on its „Nach unten“.
    await lead.keyboard.press("Enter");
    await lead.getByRole("status").filter({ hasText: `Reihenfolge geändert: „${c}“ steht jetzt an Stelle 1.` }).waitFor();
    await expect.poll(() => rowTitles(agenda)).toEqual([c, a, b]);
    await expect.poll(() => focusedName(lead)).toBe(`„${c}“ nach unten verschieben`);
    expect(await lead.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expectAccessible(lead);
    if (shots) await lead.screenshot({ path: path.join(shots, "workshop-agenda-order.png"), fullPage: true });

    // The order is stored: read afresh and in the live view.
    await lead.reload();
    await waitForHydration(lead);
    expect(await rowTitles(agenda)).toEqual([c, a, b]);
    await lead.goto(`${overview}/live`);
    await waitForHydration(lead);
    const liveAgenda = await lead.getByRole("region", { name: "Tagesordnung", exact: true }).innerText();
    const [atC, atA, atB] = [c, a, b].map((t) => liveAgenda.indexOf(t));
    expect(atC).toBeGreaterThanOrEqual(0);
    expect(atC < atA && atA < atB).toBe(true);

    // Without JavaScript the buttons are plain form posts: back at the agenda with the confirmation.
    const plain = await browser.newContext({ baseURL: baseUrl, locale: "de-DE", viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    await plain.addCookies(await lead.context().cookies());
    plain.setDefaultTimeout(15_000);
    const noScript = await plain.newPage();
    await noScript.goto(overview);
    await noScript.getByRole("button", { name: `„${c}“ nach unten verschieben` }).click();
    await noScript.waitForURL((u) => u.pathname === overview && u.hash === "#tagesordnung");
    await noScript.getByRole("status").filter({ hasText: `Reihenfolge geändert: „${c}“ steht jetzt an Stelle 2.` }).waitFor();
    expect(await rowTitles(noScript.getByRole("table", { name: "3 Kandidaten auf der Tagesordnung" }))).toEqual([a, c, b]);
    // (axe ran on this page with JavaScript above; it cannot run in a page without it.)
    await plain.close();
    await lead.context().close();
  }, 180_000);
});
