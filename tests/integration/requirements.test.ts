import { describe, expect, it } from "vitest";
import { listNotifications, unreadCount } from "#app/modules/notifications/notifications.server";
import { findVisibleRequirement, getRequirementDetail, listRequirements } from "#app/modules/requirements/queries.server";
import {
  addComment,
  classifyRequirement,
  cosignRequirement,
  createRequirement,
  markDuplicate,
  rejectRequirement,
  releaseRequirement,
  returnRequirement,
  startReview,
  updateDraft,
  withdrawCosignature,
  withdrawRequirement,
} from "#app/modules/requirements/requirements.server";
import { listFilterSchema, readListFilter } from "#app/modules/requirements/schema";
import { createUser, organisationId } from "#tests/factories/index";
import { fileRequirement, requirementInput } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();
const filter = (f: Record<string, unknown> = {}) => listFilterSchema.parse(f);

describe(`visibility (${dialectUnderTest})`, () => {
  it("shows a draft to its own organisation only", async () => {
    const a = await createUser(db(), { organisation: "Saarbrücken" });
    const a2 = await createUser(db(), { organisation: "Saarbrücken" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const id = await fileRequirement(db(), a.actor, { title: "Entwurf Sichtbarkeit", submit: false });
    await expect(findVisibleRequirement(db(), a2.actor, id)).resolves.toBeTruthy();
    expect((await errorOf(findVisibleRequirement(db(), b.actor, id))).status).toBe(404);
    expect((await errorOf(findVisibleRequirement(db(), rm.actor, id))).status).toBe(404);
    const own = await listRequirements(db(), a.actor, filter(), "own");
    expect(own.items.map((r) => r.id)).toContain(id);
    const all = await listRequirements(db(), b.actor, filter(), "all");
    expect(all.items.map((r) => r.id)).not.toContain(id);
  });

  it("shows a confidential requirement to its organisation and association staff only", async () => {
    const a = await createUser(db(), { organisation: "Saarbrücken" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const board = await createUser(db(), { organisation: "Landkreis Saarlouis", roles: ["board"] });
    const mgmt = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const id = await fileRequirement(db(), a.actor, { title: "Vertraulicher Sicherheitsvorfall", confidential: true });
    await expect(findVisibleRequirement(db(), mgmt.actor, id)).resolves.toBeTruthy();
    expect((await errorOf(findVisibleRequirement(db(), b.actor, id))).status).toBe(404);
    expect((await errorOf(findVisibleRequirement(db(), board.actor, id))).status).toBe(404);
    const search = await listRequirements(db(), b.actor, filter({ q: "Sicherheitsvorfall" }), "all");
    expect(search.total).toBe(0);
    // Nor can another organisation co-sign or comment what it cannot see.
    expect((await errorOf(cosignRequirement(db(), b.actor, id, {}))).status).toBe(404);
    expect((await errorOf(addComment(db(), b.actor, id, "Hallo"))).status).toBe(404);
  });

  it("keeps a submission that waits for release inside its organisation until the lead releases it", async () => {
    const orgId = await organisationId(db(), "Merzig");
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", orgId).execute();
    const staff = await createUser(db(), { organisation: "Merzig" });
    const lead = await createUser(db(), { organisation: "Merzig", roles: ["member_lead"] });
    const otherLead = await createUser(db(), { organisation: "Homburg", roles: ["member_lead"] });
    const b = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), staff.actor, { title: "Freigabe nötig" });
    const r = await findVisibleRequirement(db(), staff.actor, id);
    expect(r.status).toBe("submitted");
    expect(r.awaiting_release).toBe(1);
    expect((await errorOf(findVisibleRequirement(db(), b.actor, id))).status).toBe(404);
    expect((await errorOf(releaseRequirement(db(), staff.actor, id))).status).toBe(403);
    expect((await errorOf(releaseRequirement(db(), otherLead.actor, id))).status).toBe(404);
    await releaseRequirement(db(), lead.actor, id);
    expect((await findVisibleRequirement(db(), b.actor, id)).status).toBe("released");
  });

  it("lets the lead return a submission to draft with a comment on the timeline", async () => {
    const orgId = await organisationId(db(), "Mettlach");
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", orgId).execute();
    const staff = await createUser(db(), { organisation: "Mettlach" });
    const lead = await createUser(db(), { organisation: "Mettlach", roles: ["member_lead"] });
    const id = await fileRequirement(db(), staff.actor);
    await returnRequirement(db(), lead.actor, id, "Bitte Rechtsgrundlage ergänzen.");
    const d = await getRequirementDetail(db(), staff.actor, id);
    expect(d.status).toBe("draft");
    expect(d.events.at(-1)).toMatchObject({ from_status: "submitted", to_status: "draft", reason: "Bitte Rechtsgrundlage ergänzen." });
    expect(await unreadCount(db(), staff.id)).toBeGreaterThan(0);
  });
});

describe(`German search (${dialectUnderTest})`, () => {
  it('finds "Hundesteuer" for "Hundesteuern" and compounds', async () => {
    const a = await createUser(db(), { organisation: "Eppelborn" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const id1 = await fileRequirement(db(), a.actor, { title: "Hundesteuer online abwickeln", problem: "Viel Papier." });
    const id2 = await fileRequirement(db(), a.actor, { title: "Hundesteueranmeldung digital", problem: "Formulare." });
    const found = await listRequirements(db(), b.actor, filter({ q: "Hundesteuern" }), "all");
    const ids = found.items.map((r) => r.id);
    expect(ids).toContain(id1);
    expect(ids).toContain(id2);
    const umlaut = await fileRequirement(db(), a.actor, { title: "Gebühren für Märkte" });
    const folded = await listRequirements(db(), b.actor, filter({ q: "gebuehren markt" }), "all");
    expect(folded.items.map((r) => r.id)).toContain(umlaut);
    const none = await listRequirements(db(), b.actor, filter({ q: "Hundesteuern Raumfahrt" }), "all");
    expect(none.items.map((r) => r.id)).not.toContain(id1);
  });

  it("finds a word inside a compound, short words too, and follows edits of the text", async () => {
    const a = await createUser(db(), { organisation: "Losheim am See" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const ids = async (q: string) => (await listRequirements(db(), b.actor, filter({ q }), "all")).items.map((r) => r.id);
    const compound = await fileRequirement(db(), a.actor, { title: "Zweitwohnungsteuerbescheid elektronisch zustellen", problem: "Porto." });
    expect(await ids("Steuerbescheid")).toContain(compound);
    expect(await ids("Wohnung")).toContain(compound);
    const short = await fileRequirement(db(), a.actor, { title: "IT im Ratssaal", problem: "WLAN fehlt." });
    expect(await ids("IT")).toContain(short);
    // The search index follows a changed text: the old words no longer find it, the new ones do.
    const draftId = await fileRequirement(db(), a.actor, { title: "Glasfaserausbauplanung", problem: "Karten.", submit: false });
    await updateDraft(db(), a.actor, draftId, 1, { ...requirementInput({ title: "Friedhofsgebührensatzung", problem: "Karten." }), submit: true });
    expect(await ids("Friedhofsgebühren")).toContain(draftId);
    expect(await ids("Glasfaserausbauplanung")).not.toContain(draftId);
  });

  it("filters by topic field, organisation, district and deadline, and paginates", async () => {
    const a = await createUser(db(), { organisation: "Tholey" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), a.actor, { title: "Friedhofsverwaltung", themenfeld: "Umwelt", deadline: "2099-01-31" });
    const tholey = await organisationId(db(), "Tholey");
    const stWendel = await organisationId(db(), "Landkreis St. Wendel");
    const res = await listRequirements(
      db(),
      b.actor,
      filter({ themenfeld: "Umwelt", organisationId: tholey, districtId: stWendel, deadlineBefore: "2099-12-31" }),
      "all",
    );
    expect(res.items.map((r) => r.id)).toEqual([id]);
    const wrongDistrict = await listRequirements(db(), b.actor, filter({ organisationId: tholey, districtId: await organisationId(db(), "Saarpfalz-Kreis") }), "all");
    expect(wrongDistrict.total).toBe(0);
  });
});

describe(`what the list could not use (${dialectUnderTest})`, () => {
  it("searches with what is usable of the text and reports the rest, the start of a long text included", async () => {
    const a = await createUser(db(), { organisation: "Nohfelden" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const tree = await fileRequirement(db(), a.actor, { title: "Baumkataster für Straßenbäume", problem: "Listen auf Papier." });
    const other = await fileRequirement(db(), a.actor, { title: "Sitzungsdienst papierlos", problem: "Ausdrucke." });
    const res = await listRequirements(db(), b.actor, filter({ q: "der Baumkataster % 😀" }), "all");
    expect(res.items.map((r) => r.id)).toContain(tree);
    expect(res.items.map((r) => r.id)).not.toContain(other);
    expect(res.search).toMatchObject({ ignored: { specialChars: ["%"], emoji: ["😀"], stopWords: ["der"] }, truncated: false });
    // Longer than the field takes (from an address): the first 200 characters are searched, not none.
    const long = await listRequirements(db(), b.actor, filter({ q: `Baumkataster ${". ".repeat(150)}Sitzungsdienst` }), "all");
    expect(long.search?.truncated).toBe(true);
    expect(long.items.map((r) => r.id)).toContain(tree);
    expect(long.items.map((r) => r.id)).not.toContain(other);
  });

  it("says when nothing searchable remains, and the list is then not narrowed by text", async () => {
    const b = await createUser(db(), { organisation: "Homburg" });
    const all = await listRequirements(db(), b.actor, filter(), "all");
    const res = await listRequirements(db(), b.actor, filter({ q: "% _ der 😀" }), "all");
    expect(res.search?.stems).toEqual([]);
    expect(res.search?.ignored.specialChars).toEqual(["%", "_"]);
    expect(res.total).toBe(all.total);
  });

  it("names an impossible deadline date and leaves that filter out instead of comparing it as text", async () => {
    const a = await createUser(db(), { organisation: "Namborn" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), a.actor, { title: "Fristenkontrolle Namborn", deadline: "2099-01-31" });
    const { filter: read, unusable } = readListFilter(new URLSearchParams({ deadlineBefore: "2026-13-45", organisationId: String(await organisationId(db(), "Namborn")) }));
    expect(unusable).toEqual({ deadlineBefore: "2026-13-45" });
    expect(read.deadlineBefore).toBeUndefined();
    expect((await listRequirements(db(), b.actor, read, "all")).items.map((r) => r.id)).toContain(id);
    expect(readListFilter(new URLSearchParams({ deadlineBefore: "morgen" })).unusable).toEqual({ deadlineBefore: "morgen" });
    // A real date is used and nothing is said; an empty field is no filter at all.
    expect(readListFilter(new URLSearchParams({ deadlineBefore: "2099-12-31" }))).toMatchObject({ filter: { deadlineBefore: "2099-12-31" }, unusable: {} });
    expect(readListFilter(new URLSearchParams({ deadlineBefore: "" })).unusable).toEqual({});
  });
});

describe(`co-signing (${dialectUnderTest})`, () => {
  it("lets another organisation co-sign once and withdraw; refuses the filing organisation", async () => {
    const a = await createUser(db(), { organisation: "Völklingen" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const b2 = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), a.actor, { title: "E-Rechnung Eingang" });
    const own = await errorOf(cosignRequirement(db(), a.actor, id, {}));
    expect(own.messageKey).toBe("requirements:errors.cosignOwn");
    await cosignRequirement(db(), b.actor, id, { quantity: 3, quantityUnit: "workplaces", comment: "Wir auch" });
    expect((await errorOf(cosignRequirement(db(), b2.actor, id, {}))).messageKey).toBe("requirements:errors.alreadyCosigned");
    const d = await getRequirementDetail(db(), a.actor, id);
    expect(d.endorsements).toMatchObject([{ organisationName: "Homburg", quantity: 3, quantityUnit: "workplaces", comment: "Wir auch" }]);
    const notes = await listNotifications(db(), a.id);
    expect(notes[0]).toMatchObject({ message_key: "requirements:notifications.cosigned", link: `/anforderungen/${id}` });
    await withdrawCosignature(db(), b2.actor, id);
    expect((await getRequirementDetail(db(), a.actor, id)).endorsements).toEqual([]);
    expect((await errorOf(withdrawCosignature(db(), b.actor, id))).messageKey).toBe("requirements:errors.notCosigned");
  });

  it("notifies filing and co-signing organisations about comments and status changes, not the actor", async () => {
    const a = await createUser(db(), { organisation: "Blieskastel" });
    const b = await createUser(db(), { organisation: "Bexbach" });
    const c = await createUser(db(), { organisation: "Kirkel" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const id = await fileRequirement(db(), a.actor);
    await cosignRequirement(db(), b.actor, id, {});
    const before = await unreadCount(db(), b.id);
    await addComment(db(), c.actor, id, "<script>alert(1)</script> Wie ist der Stand?");
    await startReview(db(), rm.actor, id);
    expect(await unreadCount(db(), b.id)).toBe(before + 2);
    expect(await unreadCount(db(), c.id)).toBe(0);
    const d = await getRequirementDetail(db(), a.actor, id);
    // Stored exactly as typed; React renders it as text.
    expect(d.comments[0].body).toBe("<script>alert(1)</script> Wie ist der Stand?");
  });
});

describe(`workflow (${dialectUnderTest})`, () => {
  it("refuses an edit based on an old version and tells what changed", async () => {
    const a = await createUser(db(), { organisation: "Lebach" });
    const a2 = await createUser(db(), { organisation: "Lebach" });
    const id = await fileRequirement(db(), a.actor, { submit: false });
    await updateDraft(db(), a.actor, id, 1, { ...requirementInput({ title: "Neuer Titel von A" }), submit: false });
    const err = await errorOf(updateDraft(db(), a2.actor, id, 1, { ...requirementInput({ title: "Titel von B" }), submit: false }));
    expect(err.status).toBe(409);
    expect(err.details?.changed).toEqual([{ field: "title", value: "Neuer Titel von A" }]);
    expect((await findVisibleRequirement(db(), a.actor, id)).title).toBe("Neuer Titel von A");
  });

  it("creates one requirement for a double submit with the same key", async () => {
    const a = await createUser(db(), { organisation: "Wadern" });
    const input = { ...requirementInput({ title: "Doppelt abgeschickt" }), submit: true, clientKey: "key-abcdef-123" };
    const [r1, r2] = await Promise.all([createRequirement(db(), a.actor, input), createRequirement(db(), a.actor, input)]);
    expect(r1.id).toBe(r2.id);
    const n = await db().selectFrom("requirements").select((eb) => eb.fn.countAll<number>().as("n")).where("title", "=", "Doppelt abgeschickt").executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("lets only the requirements team triage; rejection needs the right status", async () => {
    const a = await createUser(db(), { organisation: "Losheim am See" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const id = await fileRequirement(db(), a.actor);
    expect((await errorOf(startReview(db(), a.actor, id))).status).toBe(403);
    await startReview(db(), rm.actor, id);
    const { version } = await getRequirementDetail(db(), rm.actor, id);
    await classifyRequirement(db(), rm.actor, id, version, { themenfeld: "Querschnittsleistungen", system: "Neues System" });
    const stale = await errorOf(classifyRequirement(db(), rm.actor, id, version, { themenfeld: "Umwelt" }));
    expect(stale.messageKey).toBe("requirements:errors.staleVersion");
    await rejectRequirement(db(), rm.actor, id, "Liegt nicht in der Zuständigkeit des Zweckverbands.");
    const d = await getRequirementDetail(db(), a.actor, id);
    expect(d.status).toBe("rejected");
    expect(d.themenfeld).toBe("Querschnittsleistungen");
    expect(d.events.map((e) => e.kind)).toEqual(["created", "status", "status", "classified", "status"]);
    expect((await errorOf(withdrawRequirement(db(), a.actor, id, "zu spät"))).messageKey).toBe("requirements:errors.wrongStatus");
  });

  it("moves co-signatures to the original when marking a duplicate, and refuses itself as target", async () => {
    const a = await createUser(db(), { organisation: "Perl" });
    const b = await createUser(db(), { organisation: "Beckingen" });
    const c = await createUser(db(), { organisation: "Mandelbachtal" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const original = await fileRequirement(db(), a.actor, { title: "Sperrmüll online anmelden" });
    const dup = await fileRequirement(db(), b.actor, { title: "Sperrmüllanmeldung digital" });
    await cosignRequirement(db(), c.actor, dup, { quantity: 2, quantityUnit: "workplaces" });
    await cosignRequirement(db(), a.actor, dup, {});
    expect((await errorOf(markDuplicate(db(), rm.actor, dup, dup, "x"))).field).toBe("targetId");
    await markDuplicate(db(), rm.actor, dup, original, "Gleicher Bedarf");
    const o = await getRequirementDetail(db(), a.actor, original);
    expect(o.endorsements.map((e) => e.organisationName).sort()).toEqual(["Beckingen", "Mandelbachtal"]);
    expect(o.duplicates.map((d) => d.id)).toEqual([dup]);
    const d = await getRequirementDetail(db(), c.actor, dup);
    expect(d.status).toBe("merged");
    expect(d.duplicateOf?.id).toBe(original);
    expect(d.title).toBe("Sperrmüllanmeldung digital");
  });
});
