import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "#db/client.server";
import { loadActor } from "#app/modules/auth/session.server";
import { createCandidate } from "#app/modules/bundling/candidates.server";
import { proposeProject } from "#app/modules/projects/projects.server";
import { createRequirement } from "#app/modules/requirements/requirements.server";
import { expectAccessible, launchBrowser, newPage, signIn, waitForHydration } from "#tests/helpers/browser";

// „Vorschlag ablehnen“: a manager declines a pending proposal with a reason through the dialog; the
// project page then says „Abgelehnt“ with who and why, and the requirement's history says what happened.
// The proposal is this file's own: a requirement of Homburg bundled into a fresh candidate, set to
// prioritised directly (as the integration factories do, without the workshop flow), and proposed.

const STEFAN = "stefan.schaefer@ego-saar.example";
const JONAS = "jonas.becker@homburg.example";
const stamp = Date.now().toString(36);
const TITLE = `Digitale Sitzungsgeldabrechnung (E2E ${stamp})`;
const REQUIREMENT = `Sitzungsgelder digital abrechnen (E2E ${stamp})`;
const REASON = "Das Land stellt ab dem kommenden Jahr ein landesweites Verfahren bereit.";

let browser: Browser;
let db: DB;
let projectId = 0;
let requirementId = 0;

async function actorOf(email: string) {
  const u = await db.selectFrom("users").select(["id", "organisation_id"]).where("email", "=", email).executeTakeFirstOrThrow();
  return loadActor(db, u.id, u.organisation_id);
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The server started by tests/e2e/run.ts keeps its database next to its log.
  db = createDb(`file:${path.join(path.dirname(process.env.E2E_SERVER_LOG ?? ""), "e2e.sqlite")}`);
  const [jonas, markus, julia] = await Promise.all([actorOf(JONAS), actorOf("markus.weber@ego-saar.example"), actorOf("julia.hoffmann@ego-saar.example")]);
  const { id: rid } = await createRequirement(db, jonas, {
    title: REQUIREMENT,
    problem: "Sitzungsgelder der Ratsmitglieder werden auf Papier erfasst und von Hand überwiesen.",
    desiredOutcome: "Sitzungsgelder werden aus dem Ratsinformationssystem heraus digital abgerechnet.",
    themenfeld: "Steuern & Zoll",
    system: "",
    legalBasis: "",
    deadline: undefined,
    benefit: "Weniger Aufwand in der Finanzverwaltung.",
    urgency: "medium",
    confidential: false,
    submit: true,
  });
  requirementId = rid;
  const candidate = await createCandidate(db, markus, { requirementIds: [rid], title: `Sitzungsgeld digital (E2E ${stamp})` });
  await db.updateTable("candidates").set({ status: "prioritised" }).where("id", "=", candidate.id).execute();
  const year = new Date().getFullYear() + 1;
  ({ id: projectId } = await proposeProject(db, julia, {
    candidateIds: [candidate.id],
    title: TITLE,
    goal: "Sitzungsgelder in allen beteiligten Kommunen digital abrechnen.",
    scope: "Schnittstelle zwischen Ratsinformationssystem und Finanzverfahren.",
    budget: 40_000,
    plannedStart: `${year}-03-01`,
    plannedEnd: `${year}-12-31`,
    leadUserId: markus.userId,
  }));
});
afterAll(async () => {
  await browser?.close();
  await db?.destroy();
});

describe("declining a project proposal", () => {
  it("a manager declines with a reason through the dialog and sees „Abgelehnt“, who and why", async () => {
    const page = await newPage(browser);
    await signIn(page, STEFAN);
    await page.goto(`/projekte/${projectId}`);
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await waitForHydration(page);
    await expectAccessible(page);

    const section = page.locator("#freigabe");
    // Without a reason the field says so, and no dialog asks.
    await section.getByRole("button", { name: "Vorschlag ablehnen" }).click();
    await section.getByText("Bitte begründen Sie, warum der Vorschlag abgelehnt wird.").waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
    await expectAccessible(page);
    // Only spaces are no reason either: the field says so, and still no dialog asks.
    await section.getByLabel("Begründung der Ablehnung").fill("   ");
    await section.getByRole("button", { name: "Vorschlag ablehnen" }).click();
    await section.getByText("Bitte begründen Sie, warum der Vorschlag abgelehnt wird.").waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);

    await section.getByLabel("Begründung der Ablehnung").fill(REASON);
    await section.getByRole("button", { name: "Vorschlag ablehnen" }).click();
    const dialog = page.getByRole("dialog", { name: "Vorschlag ablehnen" });
    await dialog.getByText(`Möchten Sie den Projektvorschlag „${TITLE}“ ablehnen?`, { exact: false }).waitFor();
    await expectAccessible(page);
    // The focus starts on „Abbrechen“: an Enter out of habit takes no step.
    expect(await dialog.getByRole("button", { name: "Abbrechen" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await dialog.getByRole("button", { name: "Ablehnung bestätigen" }).click();

    await section.getByText("Von Stefan Schäfer (Geschäftsführung) am", { exact: false }).waitFor();
    await section.getByText(`Begründung: ${REASON}`).waitFor();
    await page.getByText("Abgelehnt", { exact: true }).first().waitFor();
    expect(await page.getByRole("button", { name: "Projekt freigeben" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Vorschlag ablehnen" }).count()).toBe(0);
    await page.locator("#verlauf").getByText("Vorschlag von der Geschäftsführung abgelehnt", { exact: false }).waitFor();
    await expectAccessible(page);
    await page.close();
  });

  it("the requirement's history says the proposal was declined, and why", async () => {
    const page = await newPage(browser);
    await signIn(page, JONAS);
    await page.goto(`/anforderungen/${requirementId}`);
    await page.getByRole("heading", { level: 1, name: REQUIREMENT }).waitFor();
    await page.getByText("Projektvorschlag von der Geschäftsführung abgelehnt; Status: Im Projekt → Priorisiert").waitFor();
    await page.getByText(`Begründung: ${REASON}`).first().waitFor();
    await expectAccessible(page);
    await page.close();
  });
});
