import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn, waitForHydration, resize } from "#tests/helpers/browser";

const MANAGER = "markus.weber@ego-saar.example";
const TEAM = "Kompetenzteam Finanzen & Steuern";
// Titles unique per run, so that a rerun against the same server finds its own candidates.
const run = Date.now().toString(36);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until no CSS transition runs (a dialog fading in would fail the contrast check half-way). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

/** Opens "Bündelung" from the navigation and accepts the first proposal under the given title. */
async function acceptFirstProposal(page: Page, title: string): Promise<{ id: string; members: string[] }> {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Bündelung" }).click();
  await page.waitForURL((url) => url.pathname === "/buendelung");
  await page.getByRole("heading", { level: 1, name: "Bündelung" }).waitFor();
  await waitForHydration(page);
  const proposal = page.locator("section[aria-labelledby^='proposal-']").first();
  await proposal.waitFor();
  await proposal.getByText("Warum gebündelt:").waitFor();
  const members = await proposal.locator("tbody th a").allTextContents();
  expect(members.length).toBeGreaterThanOrEqual(2);
  await proposal.getByLabel("Titel des Kandidaten").fill(title);
  await proposal.getByRole("button", { name: "Übernehmen" }).click();
  await page.waitForURL((url) => /^\/kandidaten\/\d+$/.test(url.pathname));
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByRole("status").filter({ hasText: `Der Kandidat „${title}“ wurde angelegt.` }).waitFor();
  await waitForHydration(page);
  return { id: new URL(page.url()).pathname.split("/").pop()!, members };
}

describe("bundling by the requirements manager", () => {
  it("accepts a proposal, assigns it to a Kompetenzteam and finds it on the candidate page and in the list", async () => {
    const page = await newPage(browser);
    await signIn(page, MANAGER);
    const title = `Gebündelter Bedarf (E2E ${run})`;
    const { id, members } = await acceptFirstProposal(page, title);
    // The proposal page was checked on its way; check it once more with its current proposals.
    await expectAccessible(page);
    // A second tab, loaded before the first one assigns the team.
    const stale = await page.context().newPage();
    await stale.goto(page.url());
    await waitForHydration(stale);

    const requirements = page.getByRole("table", { name: /Anforderungen? dieses Kandidaten/ });
    for (const member of members) await requirements.getByRole("link", { name: member, exact: true }).waitFor();
    await page.getByText("Noch keinem Kompetenzteam zugewiesen").waitFor();

    await page.getByLabel("Kompetenzteam", { exact: true }).selectOption({ label: TEAM });
    await page.getByRole("button", { name: "Zuweisen" }).click();
    await page.getByRole("status").filter({ hasText: "Das Kompetenzteam wurde zugewiesen." }).waitFor();
    // The team's name says "Kompetenzteam" already: no "Kompetenzteam: Kompetenzteam …".
    await page.locator("p").filter({ hasText: new RegExp(`^${TEAM}$`) }).waitFor();
    expect(await page.getByText(`Kompetenzteam: ${TEAM}`).count()).toBe(0);
    await page.getByRole("listitem").filter({ hasText: `Zugewiesen an „${TEAM}“.` }).waitFor();
    await expectAccessible(page);

    // The stale tab's choice of another team is refused and stays chosen.
    const staleSelect = stale.getByLabel("Kompetenzteam", { exact: true });
    const other = (await staleSelect.locator("option").allTextContents()).find((o) => o !== TEAM && !o.startsWith("–"))!;
    await staleSelect.selectOption({ label: other });
    await stale.getByRole("button", { name: "Zuweisen" }).click();
    await stale.getByText("Der Kandidat wurde inzwischen geändert.", { exact: false }).waitFor();
    expect(await staleSelect.locator("option:checked").textContent()).toBe(other);
    await expectAccessible(stale);
    await stale.close();
    // Printed for a meeting, the candidate keeps its requirements and drops the forms and the print button.
    await page.emulateMedia({ media: "print" });
    expect(await requirements.isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Zuweisen" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Drucken" }).isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    expect(await page.getByRole("button", { name: "Drucken" }).isVisible()).toBe(true);

    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Standardisierungskandidaten" }).click();
    await page.waitForURL((url) => url.pathname === "/kandidaten");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
    await row.getByText(TEAM).waitFor();
    await expectAccessible(page);
    await row.getByRole("link", { name: title }).click();
    await page.waitForURL((url) => url.pathname === `/kandidaten/${id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.context().close();
  });

  it("merges two candidates, then removes and splits off requirements, each only after a confirmation that works with the keyboard", async () => {
    const page = await newPage(browser);
    await signIn(page, MANAGER);
    const first = await acceptFirstProposal(page, `Erster Kandidat (E2E ${run})`);
    const second = await acceptFirstProposal(page, `Zweiter Kandidat (E2E ${run})`);
    expect(second.id).not.toBe(first.id);

    const trigger = page.getByRole("button", { name: "Zusammenführen …" });
    // Nothing chosen yet: the field says so, instead of a question about a merge that cannot happen.
    await trigger.click();
    await page.getByText("Bitte wählen Sie einen anderen offenen Kandidaten.").waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await page.getByText("Den gewählten Kandidaten wirklich", { exact: false }).count()).toBe(0);
    await waitForHydration(page);
    await page.getByLabel("Kandidat, der übernommen wird").selectOption({ label: `Erster Kandidat (E2E ${run})` });
    await trigger.focus();
    await page.keyboard.press("Enter");
    // The dialog names the candidate that disappears and the one it goes into; no „…“ in its title.
    const dialog = page.getByRole("dialog", { name: `„Erster Kandidat (E2E ${run})“ in „Zweiter Kandidat (E2E ${run})“ übernehmen` });
    const focused = (name: string) => dialog.getByRole("button", { name, exact: true }).evaluate((el) => el === document.activeElement);
    await dialog.waitFor();
    await dialog.getByText(`„Erster Kandidat (E2E ${run})“ wirklich in „Zweiter Kandidat (E2E ${run})“ übernehmen? Der Kandidat „Erster Kandidat (E2E ${run})“ entfällt danach.`, { exact: false }).waitFor();
    await settled(page);
    // Merging cannot be undone: focus starts on „Abbrechen“, so a second Enter does not merge.
    await expect.poll(() => focused("Abbrechen")).toBe(true);
    await expectAccessible(page);
    // Escape closes the dialog without merging, and focus returns to the button that opened it.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => trigger.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Ja, zusammenführen" }).waitFor();
    await settled(page);
    await expect.poll(() => focused("Abbrechen")).toBe(true);
    // Tab moves on to the confirm button; Enter there merges.
    await page.keyboard.press("Tab");
    await expect.poll(() => focused("Ja, zusammenführen")).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Die Kandidaten wurden zusammengeführt." }).waitFor();
    await dialog.waitFor({ state: "detached" });
    await settled(page);
    const requirements = page.getByRole("table", { name: /Anforderungen dieses Kandidaten/ });
    for (const member of [...first.members, ...second.members]) await requirements.getByRole("link", { name: member, exact: true }).waitFor();
    await expectAccessible(page);

    // Removing: each row's button names its requirement, and so does the dialog it opens.
    const removed = second.members[0];
    const remove = page.getByRole("button", { name: `„${removed}“ aus dem Kandidaten entfernen` });
    const removeDialog = page.getByRole("dialog", { name: `„${removed}“ aus dem Kandidaten entfernen` });
    await remove.click();
    await removeDialog.getByText("wirklich aus dem Kandidaten entfernen?", { exact: false }).waitFor();
    await settled(page);
    await expectAccessible(page);
    await removeDialog.getByRole("button", { name: "Abbrechen" }).click();
    await removeDialog.waitFor({ state: "detached" });
    await requirements.getByRole("link", { name: removed, exact: true }).waitFor();
    await remove.click();
    await removeDialog.getByRole("button", { name: "Ja, entfernen" }).click();
    await page.getByRole("status").filter({ hasText: "Die Anforderung wurde entfernt" }).waitFor();
    await requirements.getByRole("link", { name: removed, exact: true }).waitFor({ state: "detached" });

    // Splitting: an incomplete form gets its messages at the fields, without a question first.
    const split = page.getByRole("button", { name: "Abspalten …" });
    const splitDialog = page.getByRole("dialog", { name: "Anforderungen abspalten" });
    await split.click();
    await page.getByText("Bitte wählen Sie mindestens eine Anforderung für den neuen Kandidaten.").waitFor();
    const splitTitle = page.getByLabel("Titel des neuen Kandidaten");
    expect(await splitTitle.getAttribute("aria-invalid")).toBe("true");
    expect(await splitDialog.count()).toBe(0);
    await waitForHydration(page);
    const splitOff = first.members[0];
    await page.getByRole("group", { name: "Anforderungen für den neuen Kandidaten" }).getByRole("checkbox", { name: splitOff, exact: true }).check();
    const newTitle = `Abgespaltener Kandidat (E2E ${run})`;
    await splitTitle.fill(newTitle);
    await split.click();
    await splitDialog.getByText(`1 Anforderung wirklich aus „Zweiter Kandidat (E2E ${run})“ in den neuen Kandidaten „${newTitle}“ abspalten?`, { exact: false }).waitFor();
    await splitDialog.getByRole("button", { name: "Ja, abspalten" }).click();
    await page.waitForURL((url) => /^\/kandidaten\/\d+$/.test(url.pathname) && url.pathname !== `/kandidaten/${second.id}`);
    await page.getByRole("heading", { level: 1, name: newTitle }).waitFor();
    await page.getByRole("status").filter({ hasText: `Der neue Kandidat „${newTitle}“ wurde abgespalten.` }).waitFor();
    const single = page.getByRole("table", { name: /Anforderung dieses Kandidaten/ });
    await single.getByRole("link", { name: splitOff, exact: true }).waitFor();
    // Its only requirement cannot be removed: no button that would be refused after the question, the reason instead.
    await single.getByText("Nicht möglich: letzte Anforderung des Kandidaten").waitFor();
    expect(await single.getByRole("button").count()).toBe(0);
    await expectAccessible(page);

    // A long unbroken word in a comment wraps, also on a phone.
    await resize(page, { width: 375, height: 800 });
    const word = `Onlinezugangsgesetzumsetzungsbegleitungsdokumentationsanforderung${run}`.repeat(2);
    await page.getByLabel("Ihr Kommentar").fill(`Siehe ${word} im Anhang.`);
    await page.getByRole("button", { name: "Kommentieren" }).click();
    await page.getByRole("status").filter({ hasText: "Ihr Kommentar wurde gespeichert." }).waitFor();
    const comment = page.locator("article").filter({ hasText: word });
    await comment.waitFor();
    expect(await comment.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The merged candidate's old address (notices link there) leads to the candidate it went into.
    await page.goto(`/kandidaten/${first.id}`);
    await page.waitForURL((url) => url.pathname === `/kandidaten/${second.id}`);
    await page.getByRole("heading", { level: 1, name: `Zweiter Kandidat (E2E ${run})` }).waitFor();
    await page
      .getByRole("status")
      .filter({ hasText: `Der aufgerufene Kandidat „Erster Kandidat (E2E ${run})“ wurde am` })
      .filter({ hasText: `in diesen Kandidaten „Zweiter Kandidat (E2E ${run})“ übernommen.` })
      .waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("candidates for members", () => {
  it("a member of staff sees the list and a candidate page, without curation tools", async () => {
    const page = await newPage(browser);
    await signIn(page, "anna.schmidt@saarbruecken.example");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Standardisierungskandidaten" }).click();
    await page.waitForURL((url) => url.pathname === "/kandidaten");
    await page.getByRole("heading", { level: 1, name: "Standardisierungskandidaten" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Bündelung" }).count()).toBe(0);
    await expectAccessible(page);
    await page.getByRole("table").getByRole("link").first().click();
    await page.waitForURL((url) => /^\/kandidaten\/\d+$/.test(url.pathname));
    await page.getByRole("heading", { level: 2, name: "Auf einen Blick" }).waitFor();
    expect(await page.getByRole("heading", { name: "Kandidat bearbeiten" }).count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe("comments on a candidate", () => {
  it("asks for a text at the field and, after a save, shows the comment with an empty form", async () => {
    const page = await newPage(browser);
    await signIn(page, "lena.fischer@st-ingbert.example");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Standardisierungskandidaten" }).click();
    await page.waitForURL((url) => url.pathname === "/kandidaten");
    await page.getByRole("table").getByRole("link").first().click();
    await page.waitForURL((url) => /^\/kandidaten\/\d+$/.test(url.pathname));
    await waitForHydration(page);
    const comments = page.getByRole("region", { name: "Kommentare", exact: true });
    const field = comments.getByLabel("Ihr Kommentar");
    const send = comments.getByRole("button", { name: "Kommentieren" });

    await send.click();
    await comments.getByText("Bitte füllen Sie dieses Feld aus.").waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    // A refused text stays for correcting.
    await field.fill("   ");
    await send.click();
    await comments.getByText("Bitte füllen Sie dieses Feld aus.").waitFor();
    expect(await field.inputValue()).toBe("   ");
    await expectAccessible(page);

    const text = `Das betrifft auch unsere Außenstellen (E2E ${run}).`;
    await field.fill(text);
    await send.click();
    await page.getByRole("status").filter({ hasText: "Ihr Kommentar wurde gespeichert." }).waitFor();
    await comments.getByRole("article").filter({ hasText: text }).waitFor();
    // The form starts afresh: nothing left to send twice, no message of the earlier tries.
    expect(await field.inputValue()).toBe("");
    expect(await field.getAttribute("aria-invalid")).not.toBe("true");
    expect(await comments.getByText("Bitte füllen Sie dieses Feld aus.").count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});
