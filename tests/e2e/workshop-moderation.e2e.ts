import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateForTeam, expectAccessible, launchBrowser, newPage, signIn, waitForHydration, resize } from "#tests/helpers/browser";

// The moderator's side of a live workshop: notes typed but not saved are kept, every step leaves the
// keyboard focus on what it brought, the agenda fits its card, the result reads on a phone.

const LEAD = "sabine.mueller@neunkirchen.example";
const MEMBER = "thomas.wagner@voelklingen.example";
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

/** The id (or, without one, the text) of the focused element, once the page has settled on one. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? "body" : el.id || (el.textContent ?? "").trim().slice(0, 60);
  });
}

async function expectFocusOn(page: Page, id: string) {
  await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(id);
}


/** Scores 3 on every criterion by keyboard: the radios are picked, then „Bewertung abgeben“ is pressed with Enter. */
async function scoreByKeyboard(page: Page) {
  const form = page.getByRole("region", { name: "Ihre Bewertung" });
  for (const name of CRITERIA) {
    await form.getByRole("radiogroup", { name: new RegExp(`^${name.replace(/[/]/g, "\\/")}`) }).getByRole("radio", { name: "3", exact: true }).check();
  }
  const submit = form.getByRole("button", { name: /Bewertung (abgeben|ändern)/ });
  await submit.focus();
  await page.keyboard.press("Enter");
  await form.getByText("Ihre Bewertung wurde gespeichert.").waitFor();
}

/** A workshop of the team with one candidate, planned, started and its item opened by the lead; the member has the live page open. */
async function openedItem(label: string) {
  const run = Date.now().toString(36);
  const candidate = `${label} (E2E ${run})`;
  await candidateForTeam(browser, candidate, TEAM);
  const lead = await newPage(browser);
  await signIn(lead, LEAD);
  await lead.goto("/workshops/neu");
  await waitForHydration(lead);
  await lead.getByLabel("Titel des Workshops").fill(`${label}stest (E2E ${run})`);
  await lead.getByLabel("Datum und Uhrzeit").fill(`${new Date().getFullYear() + 1}-06-15T10:00`);
  await lead.getByRole("checkbox", { name: new RegExp(`^${candidate.replace(/[()]/g, "\\$&")}`) }).check();
  await lead.getByRole("button", { name: "Workshop planen" }).click();
  await lead.waitForURL(/\/workshops\/\d+$/);
  const live = `${new URL(lead.url()).pathname}/live`;
  await lead.goto(live);
  await waitForHydration(lead);
  await lead.getByRole("button", { name: "Workshop starten" }).click();
  await lead.getByRole("dialog", { name: "Workshop starten" }).getByRole("button", { name: "Ja, Workshop starten" }).click();
  await lead.getByRole("region", { name: "Tagesordnung", exact: true }).getByRole("button", { name: "Öffnen" }).click();
  await lead.getByRole("heading", { level: 2, name: `Punkt 1: ${candidate}` }).waitFor();
  const member = await newPage(browser);
  await signIn(member, MEMBER);
  await member.goto(live);
  await waitForHydration(member);
  await member.getByRole("heading", { level: 2, name: `Punkt 1: ${candidate}` }).waitFor();
  return { lead, member, live, candidate };
}

describe("moderating a live workshop", () => {
  it("keeps unsaved notes through live updates and every step, moves the focus to each step's result, and reads on a phone", async () => {
    const run = Date.now().toString(36);
    const candidate = `Moderation (E2E ${run})`;
    await candidateForTeam(browser, candidate, TEAM);

    // Planning: the new workshop's heading takes the focus.
    const lead = await newPage(browser);
    await signIn(lead, LEAD);
    await lead.goto("/workshops/neu");
    await waitForHydration(lead);
    // The agenda hint promises no order the form cannot set.
    expect(await lead.getByText("in dieser Reihenfolge behandelt", { exact: false }).count()).toBe(0);
    const title = `Moderationstest (E2E ${run})`;
    await lead.getByLabel("Titel des Workshops").fill(title);
    await lead.getByLabel("Datum und Uhrzeit").fill(`${new Date().getFullYear() + 1}-06-15T10:00`);
    await lead.getByRole("checkbox", { name: new RegExp(`^${candidate.replace(/[()]/g, "\\$&")}`) }).check();
    await lead.getByRole("button", { name: "Workshop planen" }).focus();
    await lead.keyboard.press("Enter");
    await lead.waitForURL(/\/workshops\/\d+$/);
    await lead.getByRole("heading", { level: 1, name: title }).waitFor();
    await expectFocusOn(lead, "workshop-titel");
    const overview = new URL(lead.url()).pathname;
    const live = `${overview}/live`;

    const member = await newPage(browser);
    await signIn(member, MEMBER);
    await member.goto(live);
    await waitForHydration(member);
    await member.getByTestId("live-status").getByText("Warten auf den Beginn des Workshops.").waitFor();

    // Starting: the current item's heading takes the focus.
    await lead.goto(live);
    await waitForHydration(lead);
    await lead.getByRole("button", { name: "Workshop starten" }).click();
    await lead.getByRole("dialog", { name: "Workshop starten" }).getByRole("button", { name: "Ja, Workshop starten" }).click();
    await lead.getByRole("region", { name: "Tagesordnung", exact: true }).getByRole("button", { name: "Öffnen" }).waitFor();
    await expectFocusOn(lead, "aktueller-punkt-h");

    // The agenda's „Öffnen“ stays inside its card at 1280 px.
    const agenda = lead.getByRole("region", { name: "Tagesordnung", exact: true });
    const open = agenda.getByRole("button", { name: "Öffnen" });
    const [card, button] = await Promise.all([agenda.boundingBox(), open.boundingBox()]);
    expect(button!.x + button!.width).toBeLessThanOrEqual(card!.x + card!.width - 8);
    // Opened by keyboard: the item's heading takes the focus.
    await open.focus();
    await lead.keyboard.press("Enter");
    await lead.getByRole("heading", { level: 2, name: `Punkt 1: ${candidate}` }).waitFor();
    await expectFocusOn(lead, "aktueller-punkt-h");
    // The facts read as on the candidate's page.
    const current = lead.locator("#aktueller-punkt");
    // The organisations are folded: opened, they show how each is involved.
    await current.getByTestId("organisations-disclosure").locator("summary").click();
    await current.getByText("Anforderung gestellt").first().waitFor();
    expect(await current.getByText("Anforderung erfasst").count()).toBe(0);

    // The moderator types notes without saving; the member's score re-reads the page: the text stays, marked unsaved.
    const notes = lead.getByLabel("Notizen zur Diskussion");
    await notes.fill("Gute Erfahrungen in Homburg.");
    await lead.getByTestId("notes-status").getByText("Nicht gespeichert", { exact: false }).waitFor();
    const moderation = lead.getByRole("region", { name: "Moderation" });
    await scoreByKeyboard(member);
    // After „Bewertung abgeben“ by keyboard, the focus is on the score form's heading (the status says it is saved).
    const scoreHeading = await member.getByText(`Bewertung: ${candidate}`).getAttribute("id");
    await expectFocusOn(member, scoreHeading!);
    await moderation.getByText("1 von 1 hat bewertet.").waitFor();
    expect(await notes.inputValue()).toBe("Gute Erfahrungen in Homburg.");
    await lead.getByTestId("notes-status").getByText("Nicht gespeichert", { exact: false }).waitFor();
    // The member's update did not move the moderator's focus.
    await notes.focus();
    await notes.press("End");
    await notes.pressSequentially(" Fachverfahren bekannt.");
    expect(await focused(lead)).toBe(await notes.getAttribute("id"));

    // Revealing carries the notes along: saved, and the result's heading takes the focus.
    await moderation.getByRole("button", { name: "Bewertungen aufdecken" }).focus();
    await lead.keyboard.press("Enter");
    await lead.getByRole("region", { name: "Ergebnis der Bewertung" }).waitFor();
    await expectFocusOn(lead, "ergebnis-h");
    await expect.poll(() => lead.getByTestId("notes-status").textContent()).not.toMatch(/Nicht gespeichert/);
    expect(await notes.inputValue()).toBe("Gute Erfahrungen in Homburg. Fachverfahren bekannt.");
    await member.getByRole("region", { name: "Ergebnis der Bewertung" }).waitFor();
    await expectAccessible(lead);
    if (shots) {
      await lead.screenshot({ path: path.join(shots, "moderation-1280-lead-revealed.png"), fullPage: true });
      await member.screenshot({ path: path.join(shots, "moderation-1280-member-revealed.png"), fullPage: true });
    }

    // On a phone the result needs no sideways scrolling: mean and spread are in view, the caption too.
    for (const [who, page] of [["member", member], ["lead", lead]] as const) {
      await resize(page, { width: 375, height: 800 });
      const stacked = page.getByTestId("result-stacked");
      await stacked.waitFor();
      const first = stacked.getByRole("listitem").first();
      for (const label of ["Mittelwert", "Streuung"]) {
        const box = await first.getByText(label, { exact: true }).boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      }
      const caption = await stacked.getByText(`Verteilung der Bewertungen für „${candidate}“`).boundingBox();
      expect(caption!.x + caption!.width).toBeLessThanOrEqual(375);
      const { scrollWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(375);
      await expectAccessible(page);
      if (shots) await page.screenshot({ path: path.join(shots, `moderation-375-${who}-revealed.png`), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // A rank asked for while prioritising no longer stands once the choice is „Zurückstellen“.
    const decideFirst = lead.getByRole("form", { name: "Entscheidung festhalten" });
    const rankField = decideFirst.getByLabel("Rang (bei Priorisieren)");
    await decideFirst.getByRole("radio", { name: "Priorisieren" }).check();
    await decideFirst.getByLabel("Begründung").fill("Viele Kommunen brauchen es.");
    await decideFirst.getByRole("button", { name: "Entscheidung speichern" }).click();
    await decideFirst.getByText("Bitte geben Sie beim Priorisieren einen Rang von 1 bis 999 an.").waitFor();
    await decideFirst.getByRole("radio", { name: "Zurückstellen" }).check();
    await decideFirst.getByText("Bitte geben Sie beim Priorisieren einen Rang von 1 bis 999 an.").waitFor({ state: "detached" });
    expect(await rankField.getAttribute("aria-invalid")).not.toBe("true");

    // More notes, then the decision (by keyboard, confirmed): the notes go along, the decision takes the focus.
    await notes.fill("Gute Erfahrungen in Homburg. Fachverfahren bekannt. Start im Herbst.");
    const decide = lead.getByRole("form", { name: "Entscheidung festhalten" });
    await decide.getByRole("radio", { name: "Priorisieren" }).check();
    await decide.getByLabel("Rang (bei Priorisieren)").fill("1");
    await decide.getByLabel("Begründung").fill("Viele Kommunen brauchen es.");
    await decide.getByRole("button", { name: "Entscheidung speichern" }).click();
    await lead.getByRole("dialog").getByRole("button", { name: "Ja, Entscheidung festhalten" }).click();
    await lead.locator("#entscheidung").waitFor();
    await expectFocusOn(lead, "entscheidung");
    await expect.poll(() => lead.getByTestId("notes-status").textContent()).not.toMatch(/Nicht gespeichert/);

    // Last words typed, then ending: the dialog says they are kept; the minutes' heading takes the focus.
    await notes.fill("Gute Erfahrungen in Homburg. Fachverfahren bekannt. Start im Herbst. Nachtrag zum Schluss.");
    await lead.getByRole("button", { name: "Workshop beenden" }).click();
    const endDialog = lead.getByRole("dialog", { name: "Workshop beenden" });
    await endDialog.getByText("noch nicht gespeicherten Notizen zur Diskussion werden dabei gespeichert", { exact: false }).waitFor();
    await endDialog.getByRole("button", { name: "Ja, Workshop beenden" }).click();
    await lead.waitForURL((u) => u.pathname === `${overview}/protokoll`);
    await expectFocusOn(lead, "protokoll-titel");
    await lead.getByText("Nachtrag zum Schluss.", { exact: false }).waitFor();
    await expectAccessible(lead);

    // The overview no longer calls the lead's missing score „noch offen“.
    await lead.goto(overview);
    const row = lead.getByRole("table", { name: /Kandidat auf der Tagesordnung/ }).getByRole("row", { name: new RegExp(candidate.replace(/[()]/g, "\\$&")) });
    await row.getByText("nicht bewertet", { exact: true }).waitFor();
    expect(await row.getByText("noch offen").count()).toBe(0);
    if (shots) await lead.screenshot({ path: path.join(shots, "moderation-1280-lead-overview-finished.png"), fullPage: true });
    await Promise.all([lead, member].map((p) => p.context().close()));
  }, 240_000);

  it("keeps unsaved notes through a reload (restored, then forgotten once saved) and asks before a link leaves them", async () => {
    const { lead, member, live } = await openedItem("Notizen");
    const notes = lead.getByLabel("Notizen zur Diskussion");
    const status = lead.getByTestId("notes-status");
    // Typed by keyboard (the browser's question before unloading needs a user's gesture).
    await notes.click();
    await notes.pressSequentially("Erfahrungen aus Saarlouis");
    await status.getByText("Nicht gespeichert", { exact: false }).waitFor();

    // A link inside the app asks first; staying keeps the text.
    await lead.getByRole("link", { name: "Zur Übersicht des Workshops" }).click();
    const ask = lead.getByRole("dialog", { name: "Änderungen verwerfen?" });
    await ask.getByRole("button", { name: "Weiter bearbeiten" }).click();
    await ask.waitFor({ state: "hidden" });
    expect(new URL(lead.url()).pathname).toBe(live);
    expect(await notes.inputValue()).toBe("Erfahrungen aus Saarlouis");

    // A reload: the browser asks (accepted here), and the page offers the text again, marked restored and unsaved.
    const asked: string[] = [];
    lead.on("dialog", (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await lead.reload();
    await waitForHydration(lead);
    expect(asked).toEqual(["beforeunload"]);
    await expect.poll(() => notes.inputValue()).toBe("Erfahrungen aus Saarlouis");
    await status.getByText("Wiederhergestellt", { exact: false }).waitFor();
    await status.getByText("Nicht gespeichert", { exact: false }).waitFor();
    await expectAccessible(lead);

    // Saved: the mark goes, and a further reload shows the stored text without a restore.
    await lead.getByRole("button", { name: "Notizen speichern" }).click();
    await status.getByText("Notizen gespeichert.").waitFor();
    expect(await lead.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("buendel:workshop-notes:")))).toEqual([]);
    await lead.reload();
    await waitForHydration(lead);
    expect(await notes.inputValue()).toBe("Erfahrungen aus Saarlouis");
    expect(await status.textContent()).toBe("");
    expect(asked).toEqual(["beforeunload"]);
    await Promise.all([lead, member].map((p) => p.context().close()));
  }, 180_000);

  it("after a refused scoring, puts the focus on the first criterion in error and says nothing was saved", async () => {
    const { lead, member, candidate } = await openedItem("Bewertung");

    // The moderator's layout: „Moderation“ right after the item's facts, before the own scoring form;
    // the organisations folded; „Workshop beenden“ quieter than the next step.
    const moderationBox = await lead.getByRole("region", { name: "Moderation" }).boundingBox();
    const ownScoreBox = await lead.getByRole("region", { name: "Ihre Bewertung" }).boundingBox();
    expect(moderationBox!.y).toBeLessThan(ownScoreBox!.y);
    expect(moderationBox!.y).toBeLessThan(900);
    expect(await lead.getByRole("button", { name: "Workshop beenden" }).getAttribute("data-variant")).toBe("default");
    expect(await lead.getByRole("button", { name: "Bewertungen aufdecken" }).getAttribute("data-variant")).not.toBe("default");
    for (const page of [lead, member]) {
      const organisations = page.getByTestId("organisations-disclosure");
      await organisations.locator("summary").getByText(/^\d+ beteiligte Organisation(en)?$/).waitFor();
      expect(await organisations.getByRole("table").isVisible()).toBe(false);
    }
    await lead.getByTestId("organisations-disclosure").locator("summary").click();
    await lead.getByTestId("organisations-disclosure").getByRole("table").waitFor();
    await expectAccessible(lead);
    // The member's page has no moderation; the own scoring form follows the facts as before.
    expect(await member.getByRole("region", { name: "Moderation" }).count()).toBe(0);
    const form = member.getByRole("region", { name: "Ihre Bewertung" });
    const group = (name: string) => form.getByRole("radiogroup", { name: new RegExp(`^${name.replace(/[/]/g, "\\/")}`) });
    // Two of five criteria scored, sent by keyboard.
    for (const name of CRITERIA.slice(0, 2)) await group(name).getByRole("radio", { name: "4", exact: true }).check();
    await form.getByRole("button", { name: "Bewertung abgeben" }).focus();
    await member.keyboard.press("Enter");
    await form.getByText("Ihre Bewertung wurde nicht gespeichert.").waitFor();
    await form.getByText("Bitte bewerten Sie jedes Kriterium mit 1 bis 5.").first().waitFor();
    // The first criterion in error has the focus (its first radio), not the form's heading.
    const focusedGroup = () => member.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");
    await expect.poll(focusedGroup, { timeout: 10_000 }).toBe("scores[2].value");
    await expectAccessible(member);
    // The rest scored: saved, and the form's heading takes the focus as after any step.
    for (const name of CRITERIA.slice(2)) await group(name).getByRole("radio", { name: "2", exact: true }).check();
    await form.getByRole("button", { name: "Bewertung abgeben" }).click();
    await form.getByText("Ihre Bewertung wurde gespeichert.").waitFor();
    const scoreHeading = await member.getByText(`Bewertung: ${candidate}`).getAttribute("id");
    await expectFocusOn(member, scoreHeading!);
    await Promise.all([lead, member].map((p) => p.context().close()));
  }, 180_000);
});
