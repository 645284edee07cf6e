import { describe, expect, it } from "vitest";
import { findVisibleRequirement } from "#app/modules/requirements/queries.server";
import { createRequirement, submitRequirement, updateDraft } from "#app/modules/requirements/requirements.server";
import { requirementFormSchema } from "#app/modules/requirements/schema";
import { action as detailAction, loader as detailLoader } from "#app/routes/anforderungen.$id._index";
import { action as editAction } from "#app/routes/anforderungen.$id.bearbeiten";
import { action as newAction } from "#app/routes/anforderungen.neu";
import { createUser, formBody, requestAs } from "#tests/factories/index";
import { fileRequirement, requirementInput } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

const EMPTY = { problem: "", desiredOutcome: "", themenfeld: "", urgency: "", benefit: "", system: "", legalBasis: "", deadline: "" };

/** A route action's answer: thrown or returned, a redirect (Response) or data(). */
async function run(fn: (args: never) => Promise<unknown>, args: unknown) {
  let result: unknown;
  try {
    result = await fn(args as never);
  } catch (e) {
    result = e;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), data: null as unknown };
  const d = result as { data: unknown; init?: { status?: number } | null };
  return { status: d.init?.status ?? 200, location: null, data: d.data };
}

function multipart(values: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  return form;
}

describe(`drafts need only a title; submitting needs every required field (${dialectUnderTest})`, () => {
  it("saves a title-only draft, refuses to submit it naming the missing fields, and submits once completed", async () => {
    const a = await createUser(db(), { organisation: "Lebach" });
    const title = `Nur ein Titel ${Date.now()}`;
    // The form of /anforderungen/neu with only a title, saved as a draft.
    const created = await run(newAction, {
      request: await requestAs(db(), a.id, "/anforderungen/neu", { method: "POST", body: multipart({ title, ...EMPTY, intent: "save" }) }),
      params: {},
      context: {},
    });
    expect(created.data).toBeNull();
    expect(created.status).toBe(302);
    const id = Number(created.location?.match(/\/anforderungen\/(\d+)$/)?.[1]);
    const draft = await findVisibleRequirement(db(), a.actor, id);
    expect(draft).toMatchObject({ title, status: "draft", problem: "", desired_outcome: "", themenfeld: "", urgency: "", benefit: "", system: null, deadline: null });

    // „Einreichen“ on the requirement page: refused, naming what is missing; nothing changes.
    const before = await db().selectFrom("requirements").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const refused = await run(detailAction, {
      request: await requestAs(db(), a.id, `/anforderungen/${id}`, { method: "POST", body: formBody({ intent: "submit", version: String(draft.version) }) }),
      params: { id: String(id) },
      context: {},
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      error: { "": ["requirements:errors.incomplete"] },
      details: { missing: ["problem", "desiredOutcome", "themenfeld", "urgency", "benefit"] },
    });
    expect(await db().selectFrom("requirements").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
    const events = await db().selectFrom("requirement_events").select("kind").where("requirement_id", "=", id).execute();
    expect(events.map((e) => e.kind)).toEqual(["created"]);

    // The edit form's „Einreichen“ with fields still empty: every missing one at its field at once.
    const stillMissing = await run(editAction, {
      request: await requestAs(db(), a.id, `/anforderungen/${id}/bearbeiten`, {
        method: "POST",
        body: formBody({ title, ...EMPTY, problem: "Papierakten.", urgency: "medium", intent: "submit", version: String(draft.version) }),
      }),
      params: { id: String(id) },
      context: {},
    });
    expect(stillMissing.status).toBe(400);
    expect(Object.keys((stillMissing.data as { result: { error: Record<string, string[]> } }).result.error).sort()).toEqual(["benefit", "desiredOutcome", "themenfeld"]);
    expect((await findVisibleRequirement(db(), a.actor, id)).status).toBe("draft");

    // Completed via the edit form and saved, then submitted from the page.
    const saved = await run(editAction, {
      request: await requestAs(db(), a.id, `/anforderungen/${id}/bearbeiten`, {
        method: "POST",
        body: formBody({
          title,
          problem: "Papierakten.",
          desiredOutcome: "Digitale Akte.",
          themenfeld: "Bauen & Wohnen",
          urgency: "high",
          benefit: "Schneller.",
          intent: "save",
          version: String(draft.version),
        }),
      }),
      params: { id: String(id) },
      context: {},
    });
    expect(saved.status).toBe(302);
    const complete = await findVisibleRequirement(db(), a.actor, id);
    const submitted = await run(detailAction, {
      request: await requestAs(db(), a.id, `/anforderungen/${id}`, { method: "POST", body: formBody({ intent: "submit", version: String(complete.version) }) }),
      params: { id: String(id) },
      context: {},
    });
    expect(submitted.status).toBe(302);
    expect((await findVisibleRequirement(db(), a.actor, id)).status).toBe("submitted");
  });

  it("refuses submitting an incomplete draft in the use cases too, and keeps format checks on a draft", async () => {
    const a = await createUser(db(), { organisation: "Lebach" });
    const draftInput = requirementFormSchema.parse({ title: "Halber Entwurf", ...EMPTY, problem: "Nur das Problem." });
    const { id } = await createRequirement(db(), a.actor, { ...draftInput, submit: false });
    const r = await findVisibleRequirement(db(), a.actor, id);
    const err = await errorOf(submitRequirement(db(), a.actor, id, r.version));
    expect(err.messageKey).toBe("requirements:errors.incomplete");
    expect(err.details?.missing).toEqual(["desiredOutcome", "themenfeld", "urgency", "benefit"]);
    expect((await findVisibleRequirement(db(), a.actor, id)).status).toBe("draft");
    // Creating or updating with submit set is refused the same way, and creates nothing.
    const createErr = await errorOf(createRequirement(db(), a.actor, { ...draftInput, title: "Gleich einreichen", submit: true }));
    expect(createErr.details?.missing).toEqual(["desiredOutcome", "themenfeld", "urgency", "benefit"]);
    expect(await db().selectFrom("requirements").select("id").where("title", "=", "Gleich einreichen").execute()).toEqual([]);
    await errorOf(updateDraft(db(), a.actor, id, r.version, { ...draftInput, submit: true }));
    expect((await findVisibleRequirement(db(), a.actor, id)).version).toBe(r.version);
    // Completed, it goes through.
    await updateDraft(db(), a.actor, id, r.version, { ...requirementInput({ title: "Halber Entwurf" }), submit: true });
    expect((await findVisibleRequirement(db(), a.actor, id)).status).toBe("submitted");
    // A draft keeps the format checks of what was filled.
    const bad = requirementFormSchema.safeParse({ title: "T", ...EMPTY, deadline: "2001-01-01", intent: "save" });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["deadline"]);
  });
});

describe(`a draft's page shows what others filed meanwhile before it goes out (${dialectUnderTest})`, () => {
  it("lists similar submitted requirements of other municipalities to the draft's organisation, not its own draft, and nothing once submitted", async () => {
    const other = await createUser(db(), { organisation: "Homburg" });
    const theirs = await fileRequirement(db(), other.actor, { title: "Schülerbeförderung online beantragen", problem: "Anträge auf Schülerbeförderung kommen auf Papier." });
    const a = await createUser(db(), { organisation: "Lebach" });
    const { id } = await createRequirement(db(), a.actor, { ...requirementInput({ title: "Schülerbeförderung digital", problem: "Schülerbeförderung wird auf Papier beantragt." }), submit: false });
    const page = async (userId: number) => {
      const result = await detailLoader({ request: await requestAs(db(), userId, `/anforderungen/${id}`), params: { id: String(id) }, context: {} } as never);
      return (result as { similar: { id: number }[] }).similar.map((s) => s.id);
    };
    const shown = await page(a.id);
    expect(shown).toContain(theirs);
    expect(shown).not.toContain(id);
    const r = await findVisibleRequirement(db(), a.actor, id);
    await submitRequirement(db(), a.actor, id, r.version);
    expect(await page(a.id)).toEqual([]);
  });
});


describe(`submitting a saved draft runs the same similarity step as a new requirement (${dialectUnderTest})`, () => {
  const complete = (title: string) => ({
    title,
    problem: "Hundesteuer wird auf Papier angemeldet.",
    desiredOutcome: "Online anmelden.",
    themenfeld: "Steuern & Zoll",
    urgency: "medium",
    benefit: "Weniger Papier.",
    system: "",
    legalBasis: "",
    deadline: "",
  });

  async function setup() {
    const other = await createUser(db(), { organisation: "Homburg" });
    const theirs = await fileRequirement(db(), other.actor, { title: "Hundesteuer online anmelden", problem: "Die Anmeldung zur Hundesteuer kommt auf Papier." });
    const a = await createUser(db(), { organisation: "Lebach" });
    // Saved as a draft first: „Speichern“ never asks about similar requirements.
    const created = await run(newAction, {
      request: await requestAs(db(), a.id, "/anforderungen/neu", { method: "POST", body: multipart({ ...complete("Hundesteuer digital anmelden"), intent: "save" }) }),
      params: {},
      context: {},
    });
    expect(created.status).toBe(302);
    const id = Number(created.location?.match(/\/anforderungen\/(\d+)$/)?.[1]);
    return { a, theirs, id };
  }
  const statusOf = async (id: number) => (await db().selectFrom("requirements").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
  const eventsOf = async (id: number) => (await db().selectFrom("requirement_events").select("kind").where("requirement_id", "=", id).execute()).map((e) => e.kind);

  it("on the draft's page: „Einreichen“ is refused while similar requirements exist; „Trotzdem einreichen“ submits", async () => {
    const { a, id } = await setup();
    const version = String((await findVisibleRequirement(db(), a.actor, id)).version);
    const post = async (body: Record<string, string>) =>
      run(detailAction, { request: await requestAs(db(), a.id, `/anforderungen/${id}`, { method: "POST", body: formBody(body) }), params: { id: String(id) }, context: {} });

    const refused = await post({ intent: "submit", version });
    expect(refused.status).toBe(200);
    expect(refused.data).toMatchObject({ similarFound: true, initialValue: { intent: "submit" } });
    expect(await statusOf(id)).toBe("draft");
    expect(await eventsOf(id)).toEqual(["created"]);

    const confirmed = await post({ intent: "submit", version, similarChecked: "1" });
    expect(confirmed.status).toBe(302);
    expect(await statusOf(id)).toBe("submitted");
  });

  it("on the edit form: „Einreichen“ is refused with the similar requirements and the text kept; „Trotzdem einreichen“ submits", async () => {
    const { a, theirs, id } = await setup();
    const version = String((await findVisibleRequirement(db(), a.actor, id)).version);
    const post = async (extra: Record<string, string>) =>
      run(editAction, {
        request: await requestAs(db(), a.id, `/anforderungen/${id}/bearbeiten`, {
          method: "POST",
          body: formBody({ ...complete("Hundesteuer digital anmelden, geändert"), intent: "submit", version, ...extra }),
        }),
        params: { id: String(id) },
        context: {},
      });

    const refused = await post({});
    expect(refused.status).toBe(200);
    const body = refused.data as { similar: { id: number }[] | null; result: { initialValue: Record<string, string> } };
    expect(body.similar?.map((s) => s.id)).toContain(theirs);
    expect(body.similar?.map((s) => s.id)).not.toContain(id);
    expect(body.result.initialValue.title).toBe("Hundesteuer digital anmelden, geändert");
    expect(await statusOf(id)).toBe("draft");
    expect((await findVisibleRequirement(db(), a.actor, id)).title).toBe("Hundesteuer digital anmelden");

    const confirmed = await post({ similarChecked: "1" });
    expect(confirmed.status).toBe(302);
    expect(await statusOf(id)).toBe("submitted");
  });

  it("asks nothing when nothing similar exists, and leaves another organisation's draft not found", async () => {
    const a = await createUser(db(), { organisation: "Lebach" });
    const { id } = await createRequirement(db(), a.actor, { ...requirementInput({ title: "Grabstellenplan Zqxw", problem: "Vrlkp Qzzt Wmbx.", themenfeld: "Arbeit & Ruhestand", system: undefined, legalBasis: undefined }), submit: false });
    const version = String((await findVisibleRequirement(db(), a.actor, id)).version);
    const stranger = await createUser(db(), { organisation: "Homburg" });
    const foreign = await run(editAction, {
      request: await requestAs(db(), stranger.id, `/anforderungen/${id}/bearbeiten`, {
        method: "POST",
        body: formBody({ ...complete("Hundesteuer online anmelden"), intent: "submit", version }),
      }),
      params: { id: String(id) },
      context: {},
    });
    expect(foreign.status).toBe(404);
    const submitted = await run(detailAction, {
      request: await requestAs(db(), a.id, `/anforderungen/${id}`, { method: "POST", body: formBody({ intent: "submit", version }) }),
      params: { id: String(id) },
      context: {},
    });
    expect(submitted.status).toBe(302);
    expect(await statusOf(id)).toBe("submitted");
  });
});
