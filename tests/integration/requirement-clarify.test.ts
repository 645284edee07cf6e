import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Role } from "#app/modules/auth/permissions";
import { createCandidate } from "#app/modules/bundling/candidates.server";
import { loadPool } from "#app/modules/bundling/proposals.server";
import { addAttachments } from "#app/modules/requirements/attachments.server";
import { getRequirementDetail } from "#app/modules/requirements/queries.server";
import {
  addComment,
  clarifyRequirement,
  cosignRequirement,
  markDuplicate,
  rejectRequirement,
  releaseRequirement,
  returnRequirement,
  startReview,
  submitRequirement,
  updateDraft,
  withdrawRequirement,
} from "#app/modules/requirements/requirements.server";
import { openReturn } from "#app/modules/requirements/workflow";
import { anonymiseUser } from "#app/modules/users/account.server";
import * as detailRoute from "#app/routes/anforderungen.$id._index";
import { AppError } from "#app/utils/errors.server";
import { readToast } from "#app/utils/toast.server";
import { postAction } from "#tests/factories/access";
import { createUser, organisationId, requestAs } from "#tests/factories/index";
import { fileRequirement, requirementInput } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();
process.env.ATTACHMENTS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-att-"));
const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n");
const QUESTION = "Welche Fachverfahren sind betroffen, und gibt es schon eine Schnittstelle?";
const GS = "eGo-Saar Geschäftsstelle";

const post = (userId: number, id: number, values: Record<string, string>) => postAction(db(), detailRoute, userId, `/anforderungen/${id}`, values, { id: String(id) });
const clarify = (question = QUESTION) => ({ intent: "clarify", question, confirm: "yes" });

async function loaderAs(userId: number, id: number) {
  const request = await requestAs(db(), userId, `/anforderungen/${id}`);
  return (await detailRoute.loader({ request, params: { id: String(id) }, context: {} })) as unknown as {
    may: { clarify: boolean };
    clarification: { reason: string | null; actorName: string | null; actorOrganisation: string | null; at: string } | null;
  };
}

/** Everything a refused step must leave as it was. */
async function state(id: number) {
  const r = await db().selectFrom("requirements").select(["status", "version", "submitted_at", "awaiting_release"]).where("id", "=", id).executeTakeFirstOrThrow();
  const count = async (table: "requirement_events" | "notifications" | "endorsements") =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as("n")).where("requirement_id", "=", id).executeTakeFirstOrThrow()).n);
  const audit = await db().selectFrom("audit_log").select("id").where("entity_type", "=", "requirement").where("entity_id", "=", String(id)).execute();
  return { ...r, events: await count("requirement_events"), notices: await count("notifications"), endorsements: await count("endorsements"), audit: audit.length };
}

async function people(town: string) {
  const filer = await createUser(db(), { organisation: town });
  const colleague = await createUser(db(), { organisation: town });
  const rm = await createUser(db(), { organisation: GS, roles: ["requirements_manager"], name: `Anforderungsteam ${town}` });
  return { filer, colleague, rm };
}

describe(`„Zur Klärung zurückgeben“ (${dialectUnderTest})`, () => {
  it("lets the requirements team return a submitted, released or reviewed requirement with its question: event, audit, notice", async () => {
    const { filer, colleague, rm } = await people("Tholey");
    // Released: an organisation that releases first.
    const releasing = await createUser(db(), { organisation: "Wadgassen" });
    const lead = await createUser(db(), { organisation: "Wadgassen", roles: ["member_lead"] });
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", await organisationId(db(), "Wadgassen")).execute();
    const released = await fileRequirement(db(), releasing.actor, { title: "Freigegebene Anforderung" });
    await releaseRequirement(db(), lead.actor, released);
    const submitted = await fileRequirement(db(), filer.actor, { title: "Eingereichte Anforderung" });
    const reviewed = await fileRequirement(db(), filer.actor, { title: "Geprüfte Anforderung" });
    await startReview(db(), rm.actor, reviewed);

    for (const [id, from, followers] of [
      [submitted, "submitted", [filer.id, colleague.id]],
      [released, "released", [releasing.id, lead.id]],
      [reviewed, "in_review", [filer.id, colleague.id]],
    ] as const) {
      expect((await loaderAs(rm.id, id)).may.clarify).toBe(true);
      const before = await state(id);
      const response = await post(rm.id, id, clarify(`  ${QUESTION}  `));
      expect(response.status).toBe(302);
      // The draft is its organisation's alone: the requirements team goes back to its inbox.
      expect(response.location).toBe("/eingang");
      const cookie = response.headers.get("Set-Cookie")!.split(";")[0];
      expect((await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast).toMatchObject({ messageKey: "requirements:clarify.done" });

      const after = await state(id);
      expect(after).toMatchObject({ status: "draft", version: before.version + 1, submitted_at: null, awaiting_release: 0, events: before.events + 1, audit: before.audit + 1 });
      const event = await db().selectFrom("requirement_events").selectAll().where("requirement_id", "=", id).orderBy("id", "desc").executeTakeFirstOrThrow();
      expect(event).toMatchObject({ kind: "status", from_status: from, to_status: "draft", actor_user_id: rm.id, reason: QUESTION });
      expect(JSON.parse(event.detail!)).toEqual({ clarify: true });
      const audit = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", String(id)).orderBy("id", "desc").executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: "requirement.clarify", entity_type: "requirement", actor_user_id: rm.id });
      // The organisation's people are told, with the question; not the requirements team.
      const notices = await db().selectFrom("notifications").selectAll().where("requirement_id", "=", id).where("message_key", "=", "requirements:clarify.notice").execute();
      expect(notices.map((n) => n.user_id).sort((a, b) => a - b)).toEqual([...followers].sort((a, b) => a - b));
      expect(JSON.parse(notices[0].params!)).toMatchObject({ question: QUESTION });
      expect(notices[0].link).toBe(`/anforderungen/${id}`);
      // It left the requirements team's view with the inbox: a draft is its organisation's alone.
      expect((await errorOf(getRequirementDetail(db(), rm.actor, id))).status).toBe(404);
    }
  });

  it("shows the filer the question, who asked and when, keeps content, comments and attachments, and lets her resubmit", async () => {
    const { filer, rm } = await people("Überherrn");
    const id = await fileRequirement(db(), filer.actor, { title: "Unklare Anforderung" });
    await addAttachments(db(), filer.actor, id, [{ name: "Konzept.pdf", bytes: pdf }]);
    await addComment(db(), rm.actor, id, "Eine erste Anmerkung.");
    expect((await loaderAs(filer.id, id)).may.clarify).toBe(false);
    await clarifyRequirement(db(), rm.actor, id, QUESTION);

    const page = await loaderAs(filer.id, id);
    expect(page.clarification).toMatchObject({ reason: QUESTION, actorName: "Anforderungsteam Überherrn", actorOrganisation: GS });
    expect(page.may.clarify).toBe(false);
    const d = await getRequirementDetail(db(), filer.actor, id);
    expect(d).toMatchObject({ status: "draft", title: "Unklare Anforderung", problem: requirementInput().problem });
    expect(d.attachments.map((a) => a.original_name)).toEqual(["Konzept.pdf"]);
    expect(d.comments.map((c) => c.body)).toEqual(["Eine erste Anmerkung."]);

    // Once the person who asked is anonymised, the page names them as the rest of the portal does.
    const admin = await createUser(db(), { organisation: GS, roles: ["admin"] });
    await anonymiseUser(db(), admin.actor, rm.id);
    expect((await loaderAs(filer.id, id)).clarification).toMatchObject({ actorName: `Ehemalige Person ${rm.id}`, reason: QUESTION });
    expect(JSON.stringify(await loaderAs(filer.id, id))).not.toContain("Anforderungsteam Überherrn");

    // She edits the draft; the question stays until it is out again.
    await updateDraft(db(), filer.actor, id, d.version, { ...requirementInput({ title: "Klarere Anforderung", system: "OK.FIS, Schnittstelle XHundesteuer" }), submit: false });
    expect((await loaderAs(filer.id, id)).clarification?.reason).toBe(QUESTION);
    const edited = await getRequirementDetail(db(), filer.actor, id);
    await submitRequirement(db(), filer.actor, id, edited.version);
    const out = await getRequirementDetail(db(), rm.actor, id);
    expect(out).toMatchObject({ status: "submitted", title: "Klarere Anforderung" });
    expect(out.submittedAt).not.toBeNull();
    expect(openReturn(out.status, out.events)).toBeNull();
    expect((await loaderAs(filer.id, id)).clarification).toBeNull();
    // The history keeps the question.
    expect(out.events.filter((e) => e.detail?.clarify).map((e) => e.reason)).toEqual([QUESTION]);
  });

  it("sends a resubmission of an organisation that releases first to its lead again", async () => {
    const filer = await createUser(db(), { organisation: "Nohfelden" });
    const lead = await createUser(db(), { organisation: "Nohfelden", roles: ["member_lead"] });
    const rm = await createUser(db(), { organisation: GS, roles: ["requirements_manager"] });
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", await organisationId(db(), "Nohfelden")).execute();
    const id = await fileRequirement(db(), filer.actor);
    await releaseRequirement(db(), lead.actor, id);
    await clarifyRequirement(db(), rm.actor, id, QUESTION);
    const d = await getRequirementDetail(db(), filer.actor, id);
    await submitRequirement(db(), filer.actor, id, d.version);
    expect(await state(id)).toMatchObject({ status: "submitted", awaiting_release: 1 });
    // Waiting for release, it is hidden from the requirements team again until the lead releases it.
    expect((await errorOf(getRequirementDetail(db(), rm.actor, id))).status).toBe(404);
    await releaseRequirement(db(), lead.actor, id);
    expect((await getRequirementDetail(db(), rm.actor, id)).status).toBe("released");
  });

  it("refuses everybody but the requirements team with 403, and changes nothing", async () => {
    const filer = await createUser(db(), { organisation: "Eppelborn" });
    const id = await fileRequirement(db(), filer.actor);
    const subjects: [string, Role[]][] = [
      ["Eppelborn", ["member_staff"]],
      ["Eppelborn", ["member_lead"]],
      ["Homburg", ["member_staff"]],
      ["Homburg", ["member_lead"]],
      [GS, ["management"]],
      ["Saarbrücken", ["team_lead"]],
      ["Saarbrücken", ["team_member"]],
      ["Saarlouis", ["board"]],
      [GS, ["admin"]],
    ];
    const before = await state(id);
    for (const [organisation, roles] of subjects) {
      const u = await createUser(db(), { organisation, roles });
      expect((await errorOf(clarifyRequirement(db(), u.actor, id, QUESTION))).status, roles.join()).toBe(403);
      expect((await post(u.id, id, clarify())).status, roles.join()).toBe(403);
      expect((await loaderAs(u.id, id)).may.clarify).toBe(false);
    }
    expect(await state(id)).toEqual(before);
  });

  it("refuses other statuses with 409 (a foreign draft stays hidden: 404), and changes nothing", async () => {
    const { filer, rm } = await people("Illingen");
    const other = await createUser(db(), { organisation: "Marpingen" });
    const withdrawn = await fileRequirement(db(), filer.actor);
    await withdrawRequirement(db(), filer.actor, withdrawn, "Nicht mehr nötig.");
    const rejected = await fileRequirement(db(), filer.actor);
    await rejectRequirement(db(), rm.actor, rejected, "Nicht zuständig.");
    const target = await fileRequirement(db(), other.actor);
    const merged = await fileRequirement(db(), filer.actor);
    await markDuplicate(db(), rm.actor, merged, target, "Gleicher Bedarf.");
    const bundled = await fileRequirement(db(), filer.actor);
    await createCandidate(db(), rm.actor, { requirementIds: [bundled], title: "Kandidat Illingen" });
    for (const id of [withdrawn, rejected, merged, bundled]) {
      const before = await state(id);
      expect((await loaderAs(rm.id, id)).may.clarify).toBe(false);
      const err = await errorOf(clarifyRequirement(db(), rm.actor, id, QUESTION));
      expect(err).toMatchObject({ status: 409, messageKey: "requirements:errors.wrongStatus" });
      const reply = await post(rm.id, id, clarify());
      expect(reply.status).toBe(409);
      expect(reply.error?.[""]).toEqual(["requirements:errors.wrongStatus"]);
      expect(await state(id)).toEqual(before);
    }
    // A draft of another organisation does not exist for the requirements team.
    const draft = await fileRequirement(db(), filer.actor, { submit: false });
    expect((await errorOf(clarifyRequirement(db(), rm.actor, draft, QUESTION))).status).toBe(404);
    // One it may see (its own organisation's) is refused for its status.
    const both = await createUser(db(), { organisation: GS, roles: ["requirements_manager", "member_staff"] });
    const ownDraft = await fileRequirement(db(), both.actor, { submit: false });
    expect(await errorOf(clarifyRequirement(db(), both.actor, ownDraft, QUESTION))).toMatchObject({ status: 409, messageKey: "requirements:errors.wrongStatus" });
    expect((await state(ownDraft)).status).toBe("draft");
  });

  it("refuses a blank question at the field and a post without confirmation, changing nothing", async () => {
    const { filer, rm } = await people("Kirkel");
    const id = await fileRequirement(db(), filer.actor);
    const before = await state(id);
    for (const question of ["", "   \n\t "]) {
      const reply = await post(rm.id, id, clarify(question));
      expect(reply.status).toBe(400);
      expect(reply.error?.question).toEqual(["validation.required"]);
    }
    for (const confirm of [undefined, ""]) {
      const values: Record<string, string> = { intent: "clarify", question: QUESTION };
      if (confirm !== undefined) values.confirm = confirm;
      const reply = await post(rm.id, id, values);
      expect(reply.status).toBe(400);
      expect(reply.error?.confirm).toEqual(["validation.confirmRequired"]);
    }
    expect(await state(id)).toEqual(before);
  });

  it("refuses while another organisation co-signs, telling the team to ask in a comment, and changes nothing", async () => {
    const { filer, rm } = await people("Schiffweiler");
    const cosigner = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), filer.actor);
    await cosignRequirement(db(), cosigner.actor, id, { quantity: 3, quantityUnit: "workplaces", comment: "Brauchen wir auch." });
    const before = await state(id);
    const reply = await post(rm.id, id, clarify());
    expect(reply.status).toBe(409);
    expect(reply.error?.[""]).toEqual(["requirements:clarify.errors.cosigned"]);
    expect(await errorOf(clarifyRequirement(db(), rm.actor, id, QUESTION))).toMatchObject({ status: 409, messageKey: "requirements:clarify.errors.cosigned" });
    expect(await state(id)).toEqual(before);
    expect((await getRequirementDetail(db(), cosigner.actor, id)).endorsements.map((e) => e.own)).toEqual([true]);
  });

  it("refuses a requirement in a candidate; an engine proposal simply loses it", async () => {
    const { filer, rm } = await people("Marpingen");
    // A confirmed candidate's member, even should its status not say so.
    const member = await fileRequirement(db(), filer.actor, { title: "Im Kandidaten" });
    await createCandidate(db(), rm.actor, { requirementIds: [member], title: "Kandidat Marpingen" });
    await db().updateTable("requirements").set({ status: "in_review" }).where("id", "=", member).execute();
    const before = await state(member);
    expect(await errorOf(clarifyRequirement(db(), rm.actor, member, QUESTION))).toMatchObject({ status: 409, messageKey: "requirements:clarify.errors.inCandidate" });
    expect(await state(member)).toEqual(before);

    // Proposals are computed from the pool of unbundled requirements and never stored.
    const a = await fileRequirement(db(), filer.actor, { title: "Hundesteuer online anmelden" });
    const b = await fileRequirement(db(), filer.actor, { title: "Hundesteuer digital anmelden" });
    expect((await loadPool(db(), rm.actor)).map((r) => r.id)).toEqual(expect.arrayContaining([a, b]));
    await clarifyRequirement(db(), rm.actor, a, QUESTION);
    const pool = (await loadPool(db(), rm.actor)).map((r) => r.id);
    expect(pool).toContain(b);
    expect(pool).not.toContain(a);
    // A proposal accepted from a page loaded before is refused, not bundled with the draft.
    expect(await errorOf(createCandidate(db(), rm.actor, { requirementIds: [a, b], title: "Veralteter Vorschlag" }))).toMatchObject({ status: 409 });
    expect((await state(a)).status).toBe("draft");
    expect((await state(b)).status).toBe("submitted");
  });

  it("takes the step once when two attempts race, and refuses a stale one", async () => {
    const { filer, rm } = await people("Perl");
    const rm2 = await createUser(db(), { organisation: GS, roles: ["requirements_manager"] });
    const id = await fileRequirement(db(), filer.actor);
    const before = await state(id);
    const results = await Promise.allSettled([clarifyRequirement(db(), rm.actor, id, "Erste Frage?"), clarifyRequirement(db(), rm2.actor, id, "Zweite Frage?")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect([404, 409]).toContain((refused.reason as AppError).status);
    const after = await state(id);
    expect(after).toMatchObject({ status: "draft", version: before.version + 1, events: before.events + 1, audit: before.audit + 1 });
    // Later, from a page loaded before: the draft is hidden, and nothing changes.
    expect((await post(rm2.id, id, clarify())).status).toBe(404);
    expect(await state(id)).toEqual(after);
  });

  it("never leaves another municipality's co-signature on a returned draft when the two steps race", async () => {
    const { filer, rm } = await people("Perl");
    const cosigner = await createUser(db(), { organisation: "Merzig" });
    for (let i = 0; i < 6; i++) {
      const id = await fileRequirement(db(), filer.actor, { title: `Wettlauf ${i}` });
      // Alternate who starts first; either one step wins and the other is refused, or both fail.
      const steps = [() => cosignRequirement(db(), cosigner.actor, id, {}), () => clarifyRequirement(db(), rm.actor, id, "Welche Schnittstelle?")];
      if (i % 2) steps.reverse();
      const results = await Promise.allSettled(steps.map((s) => s()));
      for (const r of results) if (r.status === "rejected") expect(r.reason, String(r.reason)).toBeInstanceOf(AppError);
      const { status } = await db().selectFrom("requirements").select("status").where("id", "=", id).executeTakeFirstOrThrow();
      const foreign = await db().selectFrom("endorsements").select("id").where("requirement_id", "=", id).execute();
      expect([status, foreign.length > 0], `round ${i}`).not.toEqual(["draft", true]);
      expect(results.filter((r) => r.status === "fulfilled").length, `round ${i}`).toBeGreaterThanOrEqual(1);
    }
  });

  it("leaves the lead's return during release as it was", async () => {
    const filer = await createUser(db(), { organisation: "Mettlach" });
    const lead = await createUser(db(), { organisation: "Mettlach", roles: ["member_lead"] });
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", await organisationId(db(), "Mettlach")).execute();
    const id = await fileRequirement(db(), filer.actor);
    await returnRequirement(db(), lead.actor, id, "Bitte ergänzen.");
    expect(await state(id)).toMatchObject({ status: "draft" });
    const d = await getRequirementDetail(db(), filer.actor, id);
    // Returned by the lead: no question of the requirements team.
    expect(openReturn(d.status, d.events)?.by).toBe("lead");
    expect((await db().selectFrom("audit_log").select("action").where("entity_id", "=", String(id)).execute()).map((a) => a.action)).toEqual(["requirement.return"]);
  });
});
