import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn, waitForHydration, resize } from "#tests/helpers/browser";

const JULIA = "julia.hoffmann@ego-saar.example";
const STEFAN = "stefan.schaefer@ego-saar.example";
const PETRA = "petra.klein@saarbruecken.example"; // lead of Saarbrücken
const ANNA = "anna.schmidt@saarbruecken.example"; // staff of Saarbrücken
const BOARD = "klaus.zimmermann@saarlouis.example";
const SSGT = "peter.schmitt@ssgt.example";
const ADMIN = "admin@ego-saar.example";
// Seeded by db/seed/demo.ts: a prioritised candidate with Saarbrücken's requirement, and a project in a circular resolution.
const CANDIDATE = "E-Rechnung: Eingang und digitaler Rechnungsworkflow";
const SB_REQUIREMENT = "XRechnung-Eingang mit digitalem Rechnungsworkflow";
const BOARD_PROJECT = "Online-Terminvereinbarung für Bürgerämter";
const title = `E-Rechnung gemeinsam einführen (E2E ${Date.now().toString(36)})`;
// Planned in the coming year: new planned dates may not lie in the past.
const YEAR = new Date().getFullYear() + 1;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Checks one section of a page with axe (the whole requirement page is checked in the first test). */
async function expectSectionAccessible(page: Page, selector: string) {
  const result = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Waits until no CSS transition runs (a dialog fading in would fail the contrast check half-way). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

async function approve(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Projekt freigeben" }).click();
  const dialog = page.getByRole("dialog", { name: "Projekt freigeben" });
  await dialog.waitFor();
  await settled(page);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Freigabe bestätigen" }).click();
}

describe("projects", () => {
  let projectUrl = "";

  it("management promotes a prioritised candidate, and two different managers approve it", async () => {
    const julia = await newPage(browser);
    await signIn(julia, JULIA);
    await julia.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Projekte" }).click();
    await julia.getByRole("heading", { level: 1, name: "Projekte" }).waitFor();
    await expectAccessible(julia);
    await julia.getByRole("link", { name: "Neuen Projektvorschlag anlegen" }).click();
    await julia.getByRole("heading", { level: 1, name: "Projektvorschlag anlegen" }).waitFor();
    await waitForHydration(julia);

    // Bad input first: nothing is saved and the messages stand at the fields.
    await julia.getByRole("button", { name: "Projekt vorschlagen" }).click();
    const noCandidate = julia.getByText("Bitte wählen Sie mindestens einen priorisierten Kandidaten.");
    await noCandidate.waitFor();
    // The message belongs to the group of checkboxes, which are marked invalid.
    const group = julia.getByRole("group", { name: "Priorisierte Standardisierungskandidaten" });
    expect((await group.getAttribute("aria-describedby"))?.split(" ")).toContain(await noCandidate.getAttribute("id"));
    expect(await julia.getByRole("checkbox", { name: CANDIDATE }).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(julia);

    await julia.getByRole("checkbox", { name: CANDIDATE }).check();
    await julia.getByLabel("Projekttitel").fill(title);
    await julia.getByLabel("Ziel").fill("Alle beteiligten Kommunen empfangen und bearbeiten E-Rechnungen digital.");
    await julia.getByLabel("Umfang").fill("Rechnungseingangsplattform, Workflow-Anbindung an die Finanzverfahren, Schulungen.");
    // Amounts are shown with German digit grouping once typed, and read back as such.
    await julia.getByLabel("Geschätztes Budget in Euro").pressSequentially("90000");
    await julia.getByLabel("Geschätztes Budget in Euro").blur();
    expect(await julia.getByLabel("Geschätztes Budget in Euro").inputValue()).toBe("90.000");
    await julia.getByLabel("Projektleitung").selectOption({ label: "Markus Weber (eGo-Saar Geschäftsstelle)" });
    await julia.getByLabel("Geplanter Beginn").fill(`${YEAR}-06-01`);
    await julia.getByLabel("Geplantes Ende").fill(`${YEAR}-01-01`);
    await julia.getByRole("button", { name: "Projekt vorschlagen" }).click();
    await julia.getByText("Das Ende darf nicht vor dem Beginn liegen.").waitFor();
    await julia.getByLabel("Geplantes Ende").fill(`${YEAR}-12-31`);
    await julia.getByRole("button", { name: "Projekt vorschlagen" }).click();
    await julia.waitForURL((url) => /^\/projekte\/\d+$/.test(url.pathname));
    projectUrl = new URL(julia.url()).pathname;
    await julia.getByRole("heading", { level: 1, name: title }).waitFor();
    await julia.getByRole("status").filter({ hasText: "Der Projektvorschlag wurde angelegt." }).waitFor();
    await julia.getByText("Freigabe offen").first().waitFor();
    await julia.getByText("90.000 €").first().waitFor();
    // The candidates and requirements behind it are „Im Projekt“, but the page says the proposal is undecided.
    const origin = julia.getByRole("region", { name: "Herkunft: Kandidaten und Anforderungen" });
    await origin.getByText("Stand des Vorschlags: beantragt, Freigabe durch die Geschäftsführung steht aus.", { exact: false }).waitFor();
    const sbRow = origin.getByRole("row", { name: new RegExp(SB_REQUIREMENT) });
    await sbRow.getByText("Im Projekt", { exact: true }).waitFor();
    await sbRow.getByText("vorläufig – Freigabe durch die Geschäftsführung steht aus", { exact: true }).waitFor();
    await expectAccessible(julia);

    // The requesting municipality sees its requirement "Im Projekt" at once, and next to it that the
    // project still awaits approval: a pending proposal does not read as decided.
    const anna = await newPage(browser);
    await signIn(anna, ANNA);
    await anna.goto(projectUrl);
    await anna.getByRole("link", { name: SB_REQUIREMENT }).click();
    await anna.getByRole("heading", { level: 1, name: SB_REQUIREMENT }).waitFor();
    const note = anna.getByText(/^Projekt „.*“ – beantragt, Freigabe durch die Geschäftsführung steht aus$/);
    await note.getByRole("link", { name: title }).waitFor();
    await anna.getByText("Im Projekt", { exact: true }).first().waitFor();
    const pendingChain = anna.getByRole("region", { name: "Was wurde aus unserer Anforderung?" });
    await pendingChain.getByText("Freigabe offen").waitFor();
    await pendingChain.getByText("Freigabe durch die Geschäftsführung steht aus", { exact: false }).waitFor();
    await expectAccessible(anna);
    const requirementUrl = new URL(anna.url()).pathname;

    // The creator gives the first approval; a second one by her is not offered.
    await approve(julia, projectUrl);
    await julia.getByRole("status").filter({ hasText: "Ihre Freigabe wurde gespeichert." }).waitFor();
    await julia.getByText("Sie haben bereits freigegeben.", { exact: false }).waitFor();
    // The dialog's button is gone: the focus goes to the approval section, where the result shows, not to <body>.
    await expect.poll(() => julia.evaluate(() => document.activeElement?.id)).toBe("freigabe-heading");
    expect(await julia.getByRole("button", { name: "Projekt freigeben" }).count()).toBe(0);

    const stefan = await newPage(browser);
    await signIn(stefan, STEFAN);
    // A second tab of his, loaded before he approves in the first.
    const staleTab = await stefan.context().newPage();
    await staleTab.goto(projectUrl);
    await staleTab.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(staleTab);
    await approve(stefan, projectUrl);
    await stefan.getByRole("status").filter({ hasText: "Das Projekt ist freigegeben und beginnt mit der Initiierung." }).waitFor();
    await stefan.getByText("Aktuelle Phase: Initiierung").waitFor();
    // The stale tab's approval is refused, and the tab then shows what holds now instead of the old offer.
    await staleTab.getByRole("button", { name: "Projekt freigeben" }).click();
    await staleTab.getByRole("dialog", { name: "Projekt freigeben" }).getByRole("button", { name: "Freigabe bestätigen" }).click();
    await staleTab.getByText("Aktuelle Phase: Initiierung").waitFor();
    expect(await staleTab.getByRole("button", { name: "Projekt freigeben" }).count()).toBe(0);
    await staleTab.close();
    // Approved: the requirements are in the project, with nothing pending beside them.
    const approvedOrigin = stefan.getByRole("region", { name: "Herkunft: Kandidaten und Anforderungen" });
    await approvedOrigin.getByRole("row", { name: new RegExp(SB_REQUIREMENT) }).getByText("Im Projekt", { exact: true }).waitFor();
    expect(await approvedOrigin.getByText("vorläufig", { exact: false }).count()).toBe(0);
    await expectAccessible(stefan);
    // Printed, the page keeps the project's facts and drops the forms and the print button itself.
    await stefan.emulateMedia({ media: "print" });
    expect(await stefan.getByRole("heading", { level: 1, name: title }).isVisible()).toBe(true);
    expect(await stefan.getByText("90.000 €").first().isVisible()).toBe(true);
    expect(await stefan.getByRole("button", { name: "Phase ändern" }).isVisible()).toBe(false);
    expect(await stefan.getByRole("button", { name: "Drucken" }).isVisible()).toBe(false);
    await stefan.emulateMedia({ media: "screen" });
    expect(await stefan.getByRole("button", { name: "Drucken" }).isVisible()).toBe(true);

    // Once approved, the requirement's page says so.
    await anna.goto(requirementUrl);
    await anna.getByText(/^Projekt „.*“ – freigegeben, Phase: Initiierung$/).getByRole("link", { name: title }).waitFor();
    await Promise.all([julia.context().close(), stefan.context().close(), anna.context().close()]);
  });

  it("shows the project on the requester's requirement page, and the municipal lead sets the rollout status", async () => {
    expect(projectUrl).not.toBe("");
    const anna = await newPage(browser);
    await signIn(anna, ANNA);
    await anna.goto(projectUrl);
    await anna.getByRole("heading", { level: 1, name: title }).waitFor();
    await anna.getByRole("link", { name: SB_REQUIREMENT }).click();
    await anna.getByRole("heading", { level: 1, name: SB_REQUIREMENT }).waitFor();
    const chain = anna.getByRole("region", { name: "Was wurde aus unserer Anforderung?" });
    await chain.getByRole("link", { name: CANDIDATE }).waitFor();
    await chain.getByText("Priorisiert").waitFor();
    await chain.getByRole("link", { name: title }).waitFor();
    await chain.getByText("Initiierung").waitFor();
    await chain.getByText("Interessiert").waitFor();
    const requirementUrl = new URL(anna.url()).pathname;
    await expectSectionAccessible(anna, "#ergebnis");
    // Anna (staff) may not keep the rollout: no form for her.
    await anna.goto(projectUrl);
    await anna.getByRole("heading", { level: 2, name: "Einführung in den Kommunen" }).waitFor();
    expect(await anna.getByLabel("Einführungsstand für Saarbrücken", { exact: true }).count()).toBe(0);

    const petra = await newPage(browser);
    await signIn(petra, PETRA);
    await petra.goto(projectUrl);
    await petra.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(petra);
    // Only her own organisation's row can be changed.
    expect(await petra.getByLabel("Einführungsstand für Homburg", { exact: true }).count()).toBe(0);
    await petra.getByLabel("Einführungsstand für Saarbrücken", { exact: true }).selectOption({ label: "Geplant" });
    await petra.getByRole("button", { name: "Einführungsstand für Saarbrücken speichern" }).click();
    await petra.getByRole("status").filter({ hasText: "Der Einführungsstand wurde gespeichert." }).waitFor();
    await petra.getByRole("row", { name: /Saarbrücken/ }).getByText("Geplant").first().waitFor();
    await expectAccessible(petra);

    await anna.goto(requirementUrl);
    await anna.getByRole("region", { name: "Was wurde aus unserer Anforderung?" }).getByText("Geplant").waitFor();
    await Promise.all([anna.context().close(), petra.context().close()]);
  });

  it("refuses a milestone date before today, and one after the planned end, at the field; the typed input stays", async () => {
    expect(projectUrl).not.toBe("");
    const julia = await newPage(browser);
    await signIn(julia, JULIA);
    await julia.goto(projectUrl);
    await julia.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(julia);
    const milestones = julia.getByRole("region", { name: "Meilensteine" });
    await milestones.getByText(`Ein Meilenstein muss im geplanten Projektzeitraum liegen (01.06.${YEAR} – 31.12.${YEAR})`, { exact: false }).waitFor();
    // Two days back is past in Berlin whatever the hour.
    const past = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await milestones.getByLabel(/^Meilenstein/).fill("Ausschreibung veröffentlicht");
    await milestones.getByLabel(/^Beginn/).fill(past);
    await milestones.getByLabel(/^Ende/).fill(`${YEAR}-07-31`);
    await milestones.getByRole("button", { name: "Meilenstein speichern" }).click();
    const message = milestones.getByText("Das Datum darf nicht in der Vergangenheit liegen (frühestens heute).");
    await message.waitFor();
    const start = milestones.getByLabel(/^Beginn/);
    expect(await start.getAttribute("aria-invalid")).toBe("true");
    expect((await start.getAttribute("aria-describedby"))?.split(" ")).toContain(await message.getAttribute("id"));
    expect(await start.inputValue()).toBe(past);
    expect(await milestones.getByLabel(/^Meilenstein/).inputValue()).toBe("Ausschreibung veröffentlicht");
    await expectAccessible(julia);
    // After the planned end: the message names the period, at the end.
    await start.fill(`${YEAR}-07-01`);
    await milestones.getByLabel(/^Ende/).fill(`${YEAR + 1}-01-31`);
    await milestones.getByRole("button", { name: "Meilenstein speichern" }).click();
    const outside = milestones.getByText(`Der Meilenstein muss im geplanten Projektzeitraum liegen (01.06.${YEAR} – 31.12.${YEAR}).`);
    await outside.waitFor();
    expect(await milestones.getByLabel(/^Ende/).getAttribute("aria-invalid")).toBe("true");
    await milestones.getByText("Noch keine Meilensteine.").waitFor();
    await expectAccessible(julia);
    await julia.context().close();
  });

  it("asks before closing a project, by keyboard, naming unreported rollouts: Escape keeps it running and returns to the button", async () => {
    expect(projectUrl).not.toBe("");
    const julia = await newPage(browser);
    await signIn(julia, JULIA);
    await julia.goto(projectUrl);
    await julia.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(julia);
    const phase = julia.getByRole("region", { name: "Projektphase", exact: true });
    // Forward to „Umsetzung“, one phase at a time (the project has no milestones).
    for (const next of ["Planung", "Umsetzung"]) {
      await phase.getByLabel("Neue Phase").selectOption({ label: next });
      await phase.getByRole("button", { name: "Phase ändern" }).click();
      await phase.getByText(`Aktuelle Phase: ${next}`).waitFor();
      await waitForHydration(julia);
    }
    expect(await phase.getByLabel("Neue Phase").inputValue()).toBe("closed");
    const button = phase.getByRole("button", { name: "Phase ändern" });
    await button.focus();
    await julia.keyboard.press("Enter");
    const dialog = julia.getByRole("dialog", { name: "Phase ändern" });
    await dialog.getByText("Möchten Sie das Projekt wirklich abschließen?", { exact: false }).waitFor();
    // It warns (without refusing) of organisations that reported neither operation nor declining.
    await dialog.getByText(/Hinweis: \d+ Organisationen? ha(t|ben) die Einführung noch nicht gemeldet/).waitFor();
    await settled(julia);
    // Focus starts on the safe answer.
    await expect.poll(() => dialog.getByRole("button", { name: "Abbrechen" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(julia);
    await julia.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => button.evaluate((el) => el === document.activeElement)).toBe(true);
    await julia.reload();
    await julia.getByRole("region", { name: "Projektphase", exact: true }).getByText("Aktuelle Phase: Umsetzung").waitFor();
    await julia.context().close();
  });

  it("names a missing reason for a stop at the field before asking, then stops after the confirmation", async () => {
    expect(projectUrl).not.toBe("");
    const julia = await newPage(browser);
    await signIn(julia, JULIA);
    await julia.goto(projectUrl);
    await julia.getByRole("heading", { level: 1, name: title }).waitFor();
    await waitForHydration(julia);
    const phase = julia.getByRole("region", { name: "Projektphase", exact: true });
    await phase.getByLabel("Neue Phase").selectOption({ label: "Gestoppt" });
    const reason = phase.getByLabel("Begründung");
    // Choosing the stop makes the reason a required field.
    await expect.poll(() => reason.evaluate((el) => (el as HTMLTextAreaElement).required)).toBe(true);
    await phase.getByRole("button", { name: "Phase ändern" }).click();
    // The message stands at the field, tied to it; no question about a stop that cannot happen yet.
    const message = phase.getByText("Bitte begründen Sie, warum das Projekt gestoppt wird.");
    await message.waitFor();
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    const messageId = await message.getAttribute("id");
    expect(messageId).toBeTruthy();
    expect((await reason.getAttribute("aria-describedby"))?.split(" ")).toContain(messageId);
    expect(await julia.getByRole("dialog").count()).toBe(0);
    expect(await julia.getByText("Möchten Sie das Projekt wirklich stoppen?", { exact: false }).count()).toBe(0);
    await expectAccessible(julia);

    // Only spaces are no reason: still the message at the field, no question.
    await reason.fill("   ");
    await phase.getByRole("button", { name: "Phase ändern" }).click();
    await message.waitFor();
    expect(await julia.getByRole("dialog").count()).toBe(0);

    // With a reason the message goes, and the stop asks first.
    await reason.fill("Das Land stellt eine landesweite Lösung bereit.");
    await message.waitFor({ state: "detached" });
    await phase.getByRole("button", { name: "Phase ändern" }).click();
    const dialog = julia.getByRole("dialog", { name: "Phase ändern" });
    await dialog.getByText("Möchten Sie das Projekt wirklich stoppen?", { exact: false }).waitFor();
    await settled(julia);
    await expectAccessible(julia);
    await dialog.getByRole("button", { name: "Projekt stoppen" }).click();
    await julia.getByRole("status").filter({ hasText: "Die Projektphase wurde geändert." }).waitFor();
    await julia.getByText("Aktuelle Phase: Gestoppt").waitFor();
    await julia.getByText("Das Land stellt eine landesweite Lösung bereit.", { exact: false }).first().waitFor();
    await julia.context().close();
  });

  it("refuses closing a project while milestones are open, at the phase field, without asking first", async () => {
    const julia = await newPage(browser);
    await signIn(julia, JULIA);
    await julia.goto("/projekte");
    await julia.getByRole("link", { name: "E-Akte für kleine und mittlere Kommunen" }).click();
    await waitForHydration(julia);
    const phase = julia.getByRole("region", { name: "Projektphase", exact: true });
    await phase.getByText("Aktuelle Phase: Umsetzung").waitFor();
    // From „Umsetzung“ the form offers „Abgeschlossen“ first.
    expect(await phase.getByLabel("Neue Phase").inputValue()).toBe("closed");
    await phase.getByRole("button", { name: "Phase ändern" }).click();
    const message = phase.getByText(
      "Noch offene Meilensteine: „Musteraktenplan abgestimmt“, „Pilotbetrieb in drei Kommunen“. Bitte markieren Sie sie als erreicht, bevor Sie das Projekt abschließen.",
    );
    await message.waitFor();
    const select = phase.getByLabel("Neue Phase");
    expect(await select.getAttribute("aria-invalid")).toBe("true");
    expect((await select.getAttribute("aria-describedby"))?.split(" ")).toContain(await message.getAttribute("id"));
    expect(await julia.getByRole("dialog").count()).toBe(0);
    await expectAccessible(julia);
    await julia.reload();
    await julia.getByRole("region", { name: "Projektphase", exact: true }).getByText("Aktuelle Phase: Umsetzung").waitFor();
    await julia.context().close();
  });

  it("lists milestones with the day they were reached, within a 1280 px wide screen", async () => {
    const julia = await newPage(browser);
    await julia.setViewportSize({ width: 1280, height: 800 });
    await signIn(julia, JULIA);
    await julia.goto("/projekte");
    await julia.getByRole("link", { name: "E-Akte für kleine und mittlere Kommunen" }).click();
    const milestones = julia.getByRole("region", { name: "Meilensteine", exact: true });
    const reached = milestones.getByRole("row").filter({ hasText: "Rahmenvertrag geschlossen" }).getByText(/^Erreicht am /);
    expect(await reached.textContent()).toMatch(/^Erreicht am \d{2}\.\d{2}\.\d{4}$/);
    // The state column ends inside the section instead of running past its edge.
    const [badge, section] = await Promise.all([reached.boundingBox(), milestones.boundingBox()]);
    expect(badge!.x + badge!.width).toBeLessThanOrEqual(section!.x + section!.width);
    await expectAccessible(julia);
    // A status report without its traffic light is refused at the field; once saved, the form is
    // empty again, so a second click cannot file the same report twice.
    await waitForHydration(julia);
    const reports = julia.getByRole("region", { name: "Statusberichte", exact: true });
    await reports.getByLabel("Bericht").fill("Schulungstermine für die Pilotkommunen stehen fest.");
    await reports.getByRole("button", { name: "Statusbericht speichern" }).click();
    await reports.getByText("Bitte wählen Sie Grün, Gelb oder Rot.").waitFor();
    await reports.getByLabel("Grün – im Plan").check();
    await reports.getByRole("button", { name: "Statusbericht speichern" }).click();
    await julia.getByRole("status").filter({ hasText: "Der Statusbericht wurde gespeichert." }).waitFor();
    await reports.getByText("Schulungstermine für die Pilotkommunen stehen fest.").waitFor();
    await expect.poll(() => reports.getByLabel("Bericht").inputValue()).toBe("");
    expect(await reports.getByText("Bitte wählen Sie Grün, Gelb oder Rot.").count()).toBe(0);
    expect(await reports.getByLabel("Grün – im Plan").isChecked()).toBe(false);
    await expectAccessible(julia);
    // Printed, the team and rollout tables drop their action columns instead of printing them empty.
    const teamTable = julia.getByRole("region", { name: "Projektteam", exact: true }).getByRole("table");
    const rolloutTable = julia.getByRole("region", { name: "Einführung in den Kommunen", exact: true }).getByRole("table");
    expect(await teamTable.getByRole("columnheader", { name: "Aktion" }).isVisible()).toBe(true);
    expect(await rolloutTable.getByRole("columnheader", { name: "Ändern" }).isVisible()).toBe(true);
    await julia.emulateMedia({ media: "print" });
    expect(await teamTable.getByRole("columnheader", { name: "Aktion" }).isVisible()).toBe(false);
    expect(await rolloutTable.getByRole("columnheader", { name: "Ändern" }).isVisible()).toBe(false);
    expect(await rolloutTable.getByRole("row", { name: /Homburg/ }).isVisible()).toBe(true);
    // On an A4 sheet (794 px at 96 dpi) nothing reaches past the paper's edge.
    await julia.setViewportSize({ width: 794, height: 1123 });
    expect(await julia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(794);
    await julia.context().close();
  });

  it("the team picker offers no board members or admin-only accounts; one posted anyway is refused at the field", async () => {
    // The board member's id, as the administration shows it.
    const admin = await newPage(browser);
    await signIn(admin, ADMIN);
    await admin.goto("/verwaltung/benutzer?q=Peter%20Schmitt");
    await admin.getByRole("link", { name: "Peter Schmitt" }).click();
    await admin.waitForURL((url) => /^\/verwaltung\/benutzer\/\d+$/.test(url.pathname));
    const boardId = new URL(admin.url()).pathname.split("/").pop()!;
    await admin.context().close();

    const julia = await newPage(browser);
    await signIn(julia, JULIA);
    await julia.goto("/projekte");
    await julia.getByRole("link", { name: "E-Akte für kleine und mittlere Kommunen" }).click();
    const team = julia.getByRole("region", { name: "Projektteam", exact: true });
    await team.getByRole("table").waitFor();
    await waitForHydration(julia);
    const person = team.getByLabel("Person", { exact: true });
    const offered = await person.locator("option").allTextContents();
    expect(offered).toContain("Anna Schmidt (Saarbrücken)");
    expect(offered).toContain("Julia Hoffmann (eGo-Saar Geschäftsstelle)");
    for (const name of ["Klaus Zimmermann", "Maria Lang", "Peter Schmitt", "Andrea Admin"]) {
      expect(offered.filter((o) => o.startsWith(name))).toEqual([]);
    }
    // One group per organisation, in German order, so a long list stays scannable.
    const groups = (await person.locator("optgroup").evaluateAll((gs) => gs.map((g) => g.getAttribute("label")!))) as string[];
    expect(groups.length).toBeGreaterThan(1);
    expect(groups).toEqual([...groups].sort((a, b) => a.localeCompare(b, "de")));
    expect(await person.locator('optgroup[label="Saarbrücken"] option').allTextContents()).toContain("Anna Schmidt (Saarbrücken)");
    await team.getByText("nicht Mitglieder des Aufsichtsrats", { exact: false }).waitFor();
    // The demo team has no one who no longer qualifies, so no hint either.
    expect(await team.getByText(/^Hinweis:/).count()).toBe(0);

    // A forged choice (an option the list does not offer) is refused by the server, at the field.
    const rows = await team.getByRole("row").count();
    await person.evaluate((select, id) => {
      const option = document.createElement("option");
      option.value = id;
      option.textContent = "Peter Schmitt";
      select.append(option);
    }, boardId);
    await person.selectOption(boardId);
    await team.getByLabel("Rolle", { exact: true }).selectOption({ label: "Test" });
    await team.getByRole("button", { name: "Zum Projektteam hinzufügen" }).click();
    const message = team.getByText("Diese Person kann nicht im Projektteam mitarbeiten", { exact: false });
    await message.waitFor();
    expect(await person.getAttribute("aria-invalid")).toBe("true");
    expect((await person.getAttribute("aria-describedby"))?.split(" ")).toContain(await message.getAttribute("id"));
    expect(await team.getByRole("row").count()).toBe(rows);
    expect(await team.getByRole("row", { name: /Peter Schmitt/ }).count()).toBe(0);
    await expectAccessible(julia);
    await julia.context().close();
  });

  it("the team form starts afresh after an add, with its default role, so a second add goes through", async () => {
    const julia = await newPage(browser);
    await signIn(julia, JULIA);
    await julia.goto("/projekte");
    await julia.getByRole("link", { name: "E-Akte für kleine und mittlere Kommunen" }).click();
    const team = julia.getByRole("region", { name: "Projektteam", exact: true });
    await team.getByRole("table").waitFor();
    await waitForHydration(julia);
    const person = team.getByLabel("Person", { exact: true });
    const role = team.getByLabel("Rolle", { exact: true });
    expect(await role.inputValue()).toBe("specialist");
    // Two people from the end of the list (the demo team holds none of them).
    const offered = (await person.locator("option").evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? ""]))).filter(([v]) => v);
    const [first, second] = offered.slice(-2);
    for (const [value, label] of [first, second]) {
      await person.selectOption(value);
      await team.getByRole("button", { name: "Zum Projektteam hinzufügen" }).click();
      const name = label.replace(/ \(.*\)$/, "");
      await team.getByRole("row", { name: new RegExp(name) }).waitFor();
      // Afresh: no person chosen, the default role chosen again, no message.
      await expect.poll(() => person.inputValue()).toBe("");
      expect(await role.inputValue()).toBe("specialist");
      expect(await team.getByText("Bitte wählen Sie eine Rolle", { exact: false }).count()).toBe(0);
    }
    // Leave the demo team as it was.
    for (const [, label] of [first, second]) {
      const name = label.replace(/ \(.*\)$/, "");
      await team.getByRole("button", { name: new RegExp(`^${name} \\(.*\\) aus dem Projektteam entfernen$`) }).click();
      await expect.poll(() => team.getByRole("row", { name: new RegExp(name) }).count()).toBe(0);
    }
    await julia.context().close();
  });

  it("board members see circular resolutions; only voting members vote; the dashboard and settings are accessible", async () => {
    const board = await newPage(browser);
    await signIn(board, BOARD);
    await board.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Umlaufverfahren" }).click();
    await board.getByRole("heading", { level: 1, name: "Umlaufverfahren" }).waitFor();
    await expectAccessible(board);
    await board.getByRole("link", { name: BOARD_PROJECT }).click();
    await board.getByRole("heading", { level: 1, name: BOARD_PROJECT }).waitFor();
    await waitForHydration(board);
    // Without a choice the button names the missing vote instead of asking.
    await board.getByRole("button", { name: "Stimme abgeben" }).click();
    await board.getByText("Bitte wählen Sie Ja, Nein oder Enthaltung.", { exact: false }).first().waitFor();
    await board.getByRole("radio", { name: "Ja" }).check();
    await board.getByRole("button", { name: "Stimme abgeben" }).click();
    // The vote is final: a dialog names it, and cancelling records nothing.
    const dialog = board.getByRole("dialog", { name: "Stimme abgeben" });
    await dialog.getByText("Ihre Stimme „Ja“ verbindlich abgeben?").waitFor();
    await settled(board);
    await expectAccessible(board);
    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await board.getByText("Ihre Stimme: Ja").count()).toBe(0);
    await board.getByRole("button", { name: "Stimme abgeben" }).click();
    await dialog.getByRole("button", { name: "Verbindlich abstimmen" }).click();
    await board.getByRole("status").filter({ hasText: "Ihre Stimme wurde gespeichert." }).waitFor();
    await board.getByText("Ihre Stimme: Ja").waitFor();
    await expect.poll(() => board.evaluate(() => document.activeElement?.id)).toBe("umlaufverfahren-heading");
    expect(await board.getByRole("button", { name: "Stimme abgeben" }).count()).toBe(0);
    await expectAccessible(board);
    // At 1280 px the section is a narrow card: the list of votes fits it whole, caption and time column included.
    const votes = board.getByRole("table", { name: /Rückmeldung/ });
    const fits = await votes.evaluate((table) => {
      const region = table.closest(".scroll-table")!;
      const caption = table.querySelector("caption")!;
      return { region: region.scrollWidth <= region.clientWidth, caption: caption.getBoundingClientRect().right <= region.getBoundingClientRect().right };
    });
    expect(fits).toEqual({ region: true, caption: true });
    // On a phone the list of votes stacks (member, then vote and time after their columns' names).
    await resize(board, { width: 375, height: 740 });
    const vote = votes.locator("tbody td").first();
    expect(await vote.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Stimme: "');
    const box = (await vote.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await board.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(board);
    await board.setViewportSize({ width: 1280, height: 900 });

    await board.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Cockpit" }).click();
    await board.getByRole("heading", { level: 1, name: "Cockpit der Geschäftsführung" }).waitFor();
    await waitForHydration(board);
    await board.getByRole("table", { name: "Anforderungen nach Stufe" }).waitFor();
    await board.locator(".recharts-surface").first().waitFor();
    await expectAccessible(board);
    // For a board meeting the cockpit prints its figures without the buttons.
    await board.emulateMedia({ media: "print" });
    expect(await board.getByRole("table", { name: "Anforderungen nach Stufe" }).isVisible()).toBe(true);
    expect(await board.getByRole("button", { name: "Drucken" }).isVisible()).toBe(false);
    await board.emulateMedia({ media: "screen" });
    expect(await board.getByRole("button", { name: "Drucken" }).isVisible()).toBe(true);
    const csv = await board.request.get("/cockpit/daten.csv");
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("Auswertung;Kategorie;Kennzahl;Wert");

    const ssgt = await newPage(browser);
    await signIn(ssgt, SSGT);
    await ssgt.goto("/umlaufverfahren");
    await ssgt.getByText("Sie sind nicht stimmberechtigt.", { exact: false }).waitFor();
    await ssgt.getByRole("link", { name: BOARD_PROJECT }).click();
    await ssgt.getByRole("heading", { level: 1, name: BOARD_PROJECT }).waitFor();
    await ssgt.getByLabel("Kommentar zum Umlaufverfahren").waitFor();
    expect(await ssgt.getByRole("button", { name: "Stimme abgeben" }).count()).toBe(0);

    const admin = await newPage(browser);
    await signIn(admin, ADMIN);
    await admin.goto("/verwaltung/einstellungen");
    await admin.getByRole("heading", { level: 2, name: "Einstellungen" }).waitFor();
    await expectAccessible(admin);
    // A period out of range is refused at the field, not quietly changed to the nearest allowed value.
    await waitForHydration(admin);
    const days = admin.getByLabel("Frist für das Umlaufverfahren (Tage)");
    const before = await days.inputValue();
    await days.fill("0");
    await days.blur();
    expect(await days.inputValue()).toBe("0");
    await admin.getByRole("button", { name: "Einstellungen speichern" }).click();
    await admin.getByText("Bitte geben Sie eine ganze Zahl von 1 bis 90 an.").waitFor();
    await admin.goto("/verwaltung/einstellungen");
    expect(await admin.getByLabel("Frist für das Umlaufverfahren (Tage)").inputValue()).toBe(before);
    await Promise.all([board.context().close(), ssgt.context().close(), admin.context().close()]);
  });
});
