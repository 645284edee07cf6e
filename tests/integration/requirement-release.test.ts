import { describe, expect, it } from "vitest";
import { getOverview } from "#app/modules/home/overview.server";
import { AWAITING_RELEASE_NOTICE, listNotifications } from "#app/modules/notifications/notifications.server";
import { noticeText } from "#app/modules/notifications/notices";
import { listRequirements, openReturnOf } from "#app/modules/requirements/queries.server";
import { clarifyRequirement, releaseRequirement, returnRequirement, submitRequirement, updateDraft, withdrawRequirement } from "#app/modules/requirements/requirements.server";
import { listFilterSchema } from "#app/modules/requirements/schema";
import * as detailRoute from "#app/routes/anforderungen.$id._index";
import * as editRoute from "#app/routes/anforderungen.$id.bearbeiten";
import { readToast } from "#app/utils/toast.server";
import { postAction } from "#tests/factories/access";
import { createUser, organisationId, requestAs } from "#tests/factories/index";
import { fileRequirement, requirementInput } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();
const REASON = "Bitte ergänzen Sie die Fallzahlen und das betroffene Fachverfahren.";

async function requireRelease(organisation: string) {
  const id = await organisationId(db(), organisation);
  await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", id).execute();
}

/** An organisation that requires release, with a clerk, two leads, an inactive lead and a lead elsewhere. */
async function releasingOrganisation(organisation: string) {
  await requireRelease(organisation);
  return {
    staff: await createUser(db(), { organisation, name: "Katharina Jung" }),
    colleague: await createUser(db(), { organisation }),
    lead: await createUser(db(), { organisation, roles: ["member_lead"], name: "Rainer Theis" }),
    secondLead: await createUser(db(), { organisation, roles: ["member_lead"] }),
    inactiveLead: await createUser(db(), { organisation, roles: ["member_lead"], active: false }),
    otherLead: await createUser(db(), { organisation: "Homburg", roles: ["member_lead"] }),
  };
}

async function releaseNotices(userId: number, requirementId: number) {
  return (await listNotifications(db(), userId)).filter((n) => n.message_key === AWAITING_RELEASE_NOTICE && n.requirement_id === requirementId);
}

async function toastOf(reply: { headers: Headers }) {
  const cookie = reply.headers.get("Set-Cookie")!.split(";")[0];
  return (await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast;
}

const t = (key: string, o?: Record<string, unknown>) => `${key}|${JSON.stringify(o)}`;

describe(`the lead's release (Freigabe) (${dialectUnderTest})`, () => {
  it("asks every active lead of the organisation, not the submitter, colleagues, inactive leads or leads elsewhere; done once released", async () => {
    const o = await releasingOrganisation("Ottweiler");
    const id = await fileRequirement(db(), o.staff.actor, { title: "Ehrenamtskarte online" });
    for (const lead of [o.lead, o.secondLead]) {
      const [notice] = await releaseNotices(lead.id, id);
      expect(notice).toMatchObject({ kind: "release", link: `/anforderungen/${id}`, read_at: null, params: { title: "Ehrenamtskarte online", author: "Katharina Jung" } });
      expect(noticeText(t, notice)).toContain("requirements:notifications.awaitingRelease");
    }
    for (const u of [o.staff, o.colleague, o.inactiveLead, o.otherLead]) expect(await releaseNotices(u.id, id)).toEqual([]);
    // Waiting for release is no news for the organisation's followers yet: no status notice goes out.
    expect((await listNotifications(db(), o.colleague.id)).filter((n) => n.requirement_id === id)).toEqual([]);

    await releaseRequirement(db(), o.lead.actor, id);
    for (const lead of [o.lead, o.secondLead]) expect((await releaseNotices(lead.id, id))[0].read_at).not.toBeNull();
  });

  it("asks the other leads, not herself, when a lead submits; a submission that needs no release asks nobody", async () => {
    const o = await releasingOrganisation("Schiffweiler");
    const id = await fileRequirement(db(), o.lead.actor);
    expect(await releaseNotices(o.lead.id, id)).toEqual([]);
    expect(await releaseNotices(o.secondLead.id, id)).toHaveLength(1);

    const lead = await createUser(db(), { organisation: "Bexbach", roles: ["member_lead"] });
    const staff = await createUser(db(), { organisation: "Bexbach" });
    const direct = await fileRequirement(db(), staff.actor);
    expect(await releaseNotices(lead.id, direct)).toEqual([]);
  });

  it("asks again when a returned draft is submitted from its edit form or its page, and says it waits for release", async () => {
    const o = await releasingOrganisation("Illingen");
    const id = await fileRequirement(db(), o.staff.actor);
    await returnRequirement(db(), o.lead.actor, id, REASON);
    expect((await releaseNotices(o.lead.id, id))[0].read_at).not.toBeNull();

    const draft = await db().selectFrom("requirements").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    // Sent as „Trotzdem einreichen“: the similarity step has its own tests (requirement-drafts).
    const edit = await postAction(db(), editRoute, o.staff.id, `/anforderungen/${id}/bearbeiten`, { ...formOf(), intent: "submit", similarChecked: "1", version: String(draft.version) }, { id: String(id) });
    expect(edit.status).toBe(302);
    expect(await toastOf(edit)).toMatchObject({ messageKey: "requirements:form.submittedAwaitingRelease" });
    expect((await releaseNotices(o.secondLead.id, id)).filter((n) => n.read_at === null)).toHaveLength(1);

    await returnRequirement(db(), o.lead.actor, id, REASON);
    const again = await db().selectFrom("requirements").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    const page = await postAction(db(), detailRoute, o.staff.id, `/anforderungen/${id}`, { intent: "submit", similarChecked: "1", version: String(again.version) }, { id: String(id) });
    expect(await toastOf(page)).toMatchObject({ messageKey: "requirements:form.submittedAwaitingRelease" });
    expect((await releaseNotices(o.lead.id, id)).filter((n) => n.read_at === null)).toHaveLength(1);

    // Where no release is needed, both still say only „eingereicht“.
    const direct = await createUser(db(), { organisation: "Eppelborn" });
    const d = await fileRequirement(db(), direct.actor, { submit: false });
    expect(await updateDraft(db(), direct.actor, d, 1, { ...requirementInput(), submit: true })).toEqual({ awaitingRelease: false });
  });

  it("resolves the leads' request when the submission is withdrawn", async () => {
    const o = await releasingOrganisation("Kirkel");
    const id = await fileRequirement(db(), o.staff.actor);
    await withdrawRequirement(db(), o.staff.actor, id, "Doppelt erfasst.");
    expect((await releaseNotices(o.lead.id, id))[0].read_at).not.toBeNull();
  });

  it("tells the author who returned it and why, and the draft's page and edit form show it until it is submitted again", async () => {
    const o = await releasingOrganisation("Nohfelden");
    const id = await fileRequirement(db(), o.staff.actor, { title: "Grabstellen online verlängern" });
    await returnRequirement(db(), o.lead.actor, id, REASON);

    for (const u of [o.staff, o.colleague]) {
      const [notice] = (await listNotifications(db(), u.id)).filter((n) => n.requirement_id === id);
      expect(notice).toMatchObject({ message_key: "requirements:returned.notice", params: { title: "Grabstellen online verlängern", name: "Rainer Theis", reason: REASON } });
    }
    const shown = { by: "lead", reason: REASON, actorName: "Rainer Theis", actorOrganisation: "Nohfelden" };
    expect(await openReturnOf(db(), id, "draft")).toMatchObject(shown);
    expect((await pageOf(o.staff.id, id)).clarification).toMatchObject(shown);
    expect((await editFormOf(o.staff.id, id)).returned).toMatchObject(shown);

    const { version } = await db().selectFrom("requirements").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    expect(await submitRequirement(db(), o.staff.actor, id, version)).toEqual({ awaitingRelease: true });
    expect(await openReturnOf(db(), id, "submitted")).toBeNull();
    expect((await pageOf(o.staff.id, id)).clarification).toBeNull();
  });

  it("shows the requirements team's question as before, marked as theirs", async () => {
    const staff = await createUser(db(), { organisation: "Mettlach" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const id = await fileRequirement(db(), staff.actor);
    await clarifyRequirement(db(), rm.actor, id, "Welche Fachverfahren?");
    expect((await editFormOf(staff.id, id)).returned).toMatchObject({ by: "requirements_team", reason: "Welche Fachverfahren?" });
  });

  it("tells the lead on the page that it waits for her release; others read that it waits for the lead", async () => {
    const o = await releasingOrganisation("Tholey");
    const id = await fileRequirement(db(), o.staff.actor);
    expect((await pageOf(o.lead.id, id)).may.release).toBe(true);
    expect((await pageOf(o.staff.id, id)).may.release).toBe(false);
  });

  it("asks before releasing: without the confirmation nothing changes; confirmed, it goes out", async () => {
    const o = await releasingOrganisation("Nonnweiler");
    const id = await fileRequirement(db(), o.staff.actor);
    const state = () => db().selectFrom("requirements").select(["status", "awaiting_release"]).where("id", "=", id).executeTakeFirstOrThrow();
    const unconfirmed = await postAction(db(), detailRoute, o.lead.id, `/anforderungen/${id}`, { intent: "release" }, { id: String(id) });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.error?.confirm).toEqual(["validation.confirmRequired"]);
    expect(await state()).toEqual({ status: "submitted", awaiting_release: 1 });
    const confirmed = await postAction(db(), detailRoute, o.lead.id, `/anforderungen/${id}`, { intent: "release", confirm: "yes" }, { id: String(id) });
    expect(confirmed.status).toBe(302);
    expect(await toastOf(confirmed)).toMatchObject({ messageKey: "requirements:detail.toast.released" });
    expect(await state()).toMatchObject({ awaiting_release: 0 });
  });

  it("counts a submission awaiting release as that on the start page, and the own list filters by it", async () => {
    const o = await releasingOrganisation("Perl");
    const waiting = await fileRequirement(db(), o.staff.actor);
    await requireReleaseOff("Perl");
    const out = await fileRequirement(db(), o.staff.actor);
    const states = (await getOverview(db(), o.lead.actor)).ownStates!;
    expect(states).toEqual([
      { status: "awaiting_release", count: 1 },
      { status: "submitted", count: 1 },
    ]);
    const list = async (status: string) => (await listRequirements(db(), o.lead.actor, listFilterSchema.parse({ status }), "own")).items.map((r) => r.id);
    expect(await list("awaiting_release")).toEqual([waiting]);
    expect(await list("submitted")).toEqual([out]);
  });
});

async function requireReleaseOff(organisation: string) {
  await db().updateTable("organisations").set({ requires_release: 0 }).where("id", "=", await organisationId(db(), organisation)).execute();
}

function formOf(): Record<string, string> {
  const i = requirementInput();
  return { title: i.title, problem: i.problem, desiredOutcome: i.desiredOutcome, themenfeld: i.themenfeld!, benefit: i.benefit, urgency: i.urgency! };
}

async function pageOf(userId: number, id: number) {
  const request = await requestAs(db(), userId, `/anforderungen/${id}`);
  return (await detailRoute.loader({ request, params: { id: String(id) }, context: {} })) as unknown as { may: { release: boolean }; clarification: unknown };
}

async function editFormOf(userId: number, id: number) {
  const request = await requestAs(db(), userId, `/anforderungen/${id}/bearbeiten`);
  return (await editRoute.loader({ request, params: { id: String(id) }, context: {} })) as unknown as { returned: unknown };
}
