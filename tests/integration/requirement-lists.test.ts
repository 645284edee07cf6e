import { describe, expect, it } from "vitest";
import { getOverview } from "#app/modules/home/overview.server";
import { exportRequirements, listRequirements, listTriageQueue } from "#app/modules/requirements/queries.server";
import { cosignRequirement, startReview, updateDraft } from "#app/modules/requirements/requirements.server";
import { readListFilter, triageQuerySchema } from "#app/modules/requirements/schema";
import { createUser } from "#tests/factories/index";
import { fileRequirement, requirementInput } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();
/** A list's filter as its address gives it. */
const filterOf = (query: string) => readListFilter(new URLSearchParams(query)).filter;
const idsOf = (list: { items: { id: number }[] }) => list.items.map((r) => r.id);

describe(`„Von uns mitgezeichnet“ (${dialectUnderTest})`, () => {
  it("lists what the organisation co-signed, and only what it may still see", async () => {
    const saarbruecken = await createUser(db(), { organisation: "Saarbrücken" });
    const colleague = await createUser(db(), { organisation: "Saarbrücken" });
    const homburg = await createUser(db(), { organisation: "Homburg" });
    const cosigned = await fileRequirement(db(), homburg.actor, { title: "Mitgezeichnete Schulanmeldung" });
    const later = await fileRequirement(db(), homburg.actor, { title: "Mitgezeichnete Parkausweise" });
    const notCosigned = await fileRequirement(db(), homburg.actor, { title: "Nicht mitgezeichnete Friedhofsverwaltung" });
    const ownFiling = await fileRequirement(db(), saarbruecken.actor, { title: "Eigene Anforderung" });
    const madeConfidential = await fileRequirement(db(), homburg.actor, { title: "Später vertrauliche Anforderung" });
    const returned = await fileRequirement(db(), homburg.actor, { title: "Wieder ein Entwurf" });
    for (const id of [cosigned, later, madeConfidential, returned]) await cosignRequirement(db(), saarbruecken.actor, id, {});
    // Another organisation's co-signature does not count as ours.
    await cosignRequirement(db(), (await createUser(db(), { organisation: "Merzig" })).actor, notCosigned, {});
    // After our co-signature, one became confidential and one a draft again (no step does either to a
    // co-signed requirement today; the list must not rely on that).
    await db().updateTable("requirements").set({ confidential: 1 }).where("id", "=", madeConfidential).execute();
    await db().updateTable("requirements").set({ status: "draft", submitted_at: null }).where("id", "=", returned).execute();

    const list = await listRequirements(db(), colleague.actor, filterOf("cosigned=own"), "all");
    expect(idsOf(list).sort()).toEqual([cosigned, later].sort());
    expect(list.total).toBe(2);
    expect(idsOf(list)).not.toContain(ownFiling);
    // Combines with the other filters, and the CSV download holds the same rows.
    expect(idsOf(await listRequirements(db(), colleague.actor, filterOf("cosigned=own&q=Parkausweise"), "all"))).toEqual([later]);
    expect((await exportRequirements(db(), colleague.actor, filterOf("cosigned=own"), "all")).map((r) => r.id).sort()).toEqual([cosigned, later].sort());
    // The same address for another organisation lists its own co-signatures, not ours.
    expect(idsOf(await listRequirements(db(), homburg.actor, filterOf("cosigned=own"), "all"))).toEqual([]);
    // Without the filter (or with an unknown value) the list is not narrowed.
    expect(filterOf("cosigned=yes").cosigned).toBeUndefined();
    expect((await listRequirements(db(), colleague.actor, filterOf("cosigned=yes"), "all")).total).toBeGreaterThan(2);
  });
});

describe(`„Älteste zuerst“ and the other orders with drafts (${dialectUnderTest})`, () => {
  it("puts drafts where their last change falls, the reverse of „Neueste zuerst“, on both databases", async () => {
    const town = await createUser(db(), { organisation: "Beckingen" });
    const submitted1 = await fileRequirement(db(), town.actor, { title: "Sortierung eins" });
    const draft = await fileRequirement(db(), town.actor, { title: "Sortierung Entwurf", submit: false });
    const submitted2 = await fileRequirement(db(), town.actor, { title: "Sortierung zwei" });
    const olderDraft = await fileRequirement(db(), town.actor, { title: "Sortierung alter Entwurf", submit: false });
    const set = (id: number, submittedAt: string | null, updatedAt: string) =>
      db().updateTable("requirements").set({ submitted_at: submittedAt, updated_at: updatedAt }).where("id", "=", id).execute();
    await set(olderDraft, null, "2026-01-01T08:00:00.000Z");
    await set(submitted1, "2026-02-01T08:00:00.000Z", "2026-02-01T08:00:00.000Z");
    await set(draft, null, "2026-03-01T08:00:00.000Z");
    await set(submitted2, "2026-04-01T08:00:00.000Z", "2026-04-01T08:00:00.000Z");

    const oldest = idsOf(await listRequirements(db(), town.actor, filterOf("sort=oldest"), "own"));
    expect(oldest).toEqual([olderDraft, submitted1, draft, submitted2]);
    const newest = idsOf(await listRequirements(db(), town.actor, filterOf("sort=newest"), "own"));
    expect(newest).toEqual([...oldest].reverse());
    expect((await exportRequirements(db(), town.actor, filterOf("sort=oldest"), "own")).map((r) => r.id)).toEqual(oldest);
    // Without a deadline, drafts and submissions come after those with one, the same on both databases.
    await db().updateTable("requirements").set({ deadline: "2027-01-31" }).where("id", "=", draft).execute();
    expect(idsOf(await listRequirements(db(), town.actor, filterOf("sort=deadline"), "own"))[0]).toBe(draft);
  });
});

describe(`search by requirement number (${dialectUnderTest})`, () => {
  it("finds a requirement by „14“, „Nr. 14“ and „#14“, only if the reader may see it", async () => {
    const a = await createUser(db(), { organisation: "Saarbrücken" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const open = await fileRequirement(db(), a.actor, { title: "Nummernsuche offen" });
    const secret = await fileRequirement(db(), a.actor, { title: "Nummernsuche vertraulich", confidential: true });
    const draft = await fileRequirement(db(), a.actor, { title: "Nummernsuche Entwurf", submit: false });

    // An unfiltered count first: a number search must not share its cached count.
    const unfiltered = await listRequirements(db(), b.actor, filterOf(""), "all");
    expect(unfiltered.total).toBeGreaterThan(1);
    for (const q of [`${open}`, `Nr. ${open}`, `Nr.${open}`, `nr ${open}`, `#${open}`, ` No. ${open} `]) {
      const list = await listRequirements(db(), b.actor, filterOf(`q=${encodeURIComponent(q)}`), "all");
      expect(idsOf(list), q).toEqual([open]);
      expect(list.total, q).toBe(1);
      expect(list.search).toMatchObject({ number: open, ignored: { tooShort: [], stopWords: [], specialChars: [] } });
    }
    // Another organisation's confidential requirement and draft: nothing, as if the number did not exist.
    expect((await listRequirements(db(), b.actor, filterOf(`q=Nr. ${secret}`), "all")).total).toBe(0);
    expect((await listRequirements(db(), b.actor, filterOf(`q=${draft}`), "all")).total).toBe(0);
    expect((await exportRequirements(db(), b.actor, filterOf(`q=${secret}`), "all")).length).toBe(0);
    // Those who may see them find them: association staff the confidential one, the organisation its draft.
    expect(idsOf(await listRequirements(db(), rm.actor, filterOf(`q=${secret}`), "all"))).toEqual([secret]);
    expect(idsOf(await listRequirements(db(), a.actor, filterOf(`q=${draft}`), "own"))).toEqual([draft]);
    // A number no requirement has finds nothing; one beyond any id does not break the query.
    expect((await listRequirements(db(), b.actor, filterOf("q=2000000000"), "all")).total).toBe(0);
    expect((await listRequirements(db(), b.actor, filterOf("q=99999999999"), "all")).total).toBe(0);
  });

  it("also finds a number of three or more digits in the text, as before", async () => {
    const a = await createUser(db(), { organisation: "Saarbrücken" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const withYear = await fileRequirement(db(), a.actor, { title: "Umsetzung der Grundsteuerreform 7302" });
    const list = await listRequirements(db(), b.actor, filterOf("q=7302"), "all");
    expect(idsOf(list)).toContain(withYear);
    // Words with a number are a text search, not a number search.
    expect((await listRequirements(db(), b.actor, filterOf(`q=Nr. ${withYear} Grundsteuerreform`), "all")).search?.number).toBeNull();
  });
});

describe(`„Neu im Eingang“ on the start page (${dialectUnderTest})`, () => {
  it("links to the inbox filtered to what it counts, so both show the same number", async () => {
    const town = await createUser(db(), { organisation: "Saarbrücken" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await fileRequirement(db(), town.actor, { title: `Eingang neu ${i}` }));
    await startReview(db(), rm.actor, ids[0]!);
    await startReview(db(), rm.actor, ids[1]!);

    const card = (await getOverview(db(), rm.actor)).tasks.find((t) => t.key === "triage");
    expect(card).toBeDefined();
    const url = new URL(card!.to, "http://localhost");
    expect(url.pathname).toBe("/eingang");
    const inbox = await listTriageQueue(db(), rm.actor, triageQuerySchema.parse(Object.fromEntries(url.searchParams)));
    expect(inbox.total).toBe(card!.count);
    expect(inbox.items.some((r) => r.status === "in_review")).toBe(false);
    // The whole inbox holds the two in review as well.
    expect((await listTriageQueue(db(), rm.actor, {})).total).toBe(card!.count + 2);
  });
});

describe(`„Titel A–Z“ in German order (${dialectUnderTest})`, () => {
  it("files Ä under A and Ü under U, ignores case, breaks ties by number, the same on both databases", async () => {
    const town = await createUser(db(), { organisation: "Nohfelden" });
    const reader = await createUser(db(), { organisation: "Homburg" });
    const file = (title: string, submit = true) => fileRequirement(db(), town.actor, { title, submit });
    const zulassung = await file("Zulassung");
    const aerztlich = await file("Ärztliche Bescheinigung");
    const abfall = await file("abfall");
    const baum = await file("Baumkataster");
    const uebergabe = await file("Übergabe");
    const baumAgain = await file("BAUMKATASTER");
    // Punctuation separates words, as a space does, on both databases (de_DE would ignore it: Bauakte first).
    const bauakte = await file("Bauakte");
    const bauamt = await file("Bau-Amt");
    const expected = [abfall, aerztlich, bauamt, bauakte, baum, baumAgain, uebergabe, zulassung];
    expect(idsOf(await listRequirements(db(), town.actor, filterOf("sort=title"), "own"))).toEqual(expected);
    // „Alle Anforderungen“ (narrowed to this town) and both CSV downloads hold the same order.
    const all = `sort=title&organisationId=${town.organisationId}`;
    expect(idsOf(await listRequirements(db(), reader.actor, filterOf(all), "all"))).toEqual(expected);
    expect((await exportRequirements(db(), reader.actor, filterOf(all), "all")).map((r) => r.id)).toEqual(expected);
    expect((await exportRequirements(db(), town.actor, filterOf("sort=title"), "own")).map((r) => r.id)).toEqual(expected);
  });

  it("re-sorts a draft whose title is edited", async () => {
    const town = await createUser(db(), { organisation: "Nonnweiler" });
    const first = await fileRequirement(db(), town.actor, { title: "Friedhofsverwaltung" });
    const draft = await fileRequirement(db(), town.actor, { title: "Zweitwohnungsteuer", submit: false });
    const last = await fileRequirement(db(), town.actor, { title: "Ordnungswidrigkeiten" });
    expect(idsOf(await listRequirements(db(), town.actor, filterOf("sort=title"), "own"))).toEqual([first, last, draft]);
    const { version } = await db().selectFrom("requirements").select("version").where("id", "=", draft).executeTakeFirstOrThrow();
    await updateDraft(db(), town.actor, draft, version, { ...requirementInput({ title: "Ämter-Übersicht" }), submit: false });
    expect(idsOf(await listRequirements(db(), town.actor, filterOf("sort=title"), "own"))).toEqual([draft, first, last]);
  });
});
