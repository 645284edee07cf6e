import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { getCandidateDetail } from "#app/modules/bundling/candidates.server";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { noticeText } from "#app/modules/notifications/notices";
import { listNotifications } from "#app/modules/notifications/notifications.server";
import { getDashboard } from "#app/modules/projects/dashboard.server";
import { approveProject, findProject, proposeProject } from "#app/modules/projects/projects.server";
import { requirementOutcome } from "#app/modules/projects/outcome.server";
import { getProjectDetail, listProjects } from "#app/modules/projects/queries.server";
import { getRequirementDetail } from "#app/modules/requirements/queries.server";
import { cosignRequirement } from "#app/modules/requirements/requirements.server";
import { getProjectSettings } from "#app/modules/settings/settings.server";
import * as projectRoute from "#app/routes/projekte.$id";
import { ApprovalSection } from "#app/components/projects/ApprovalSection";
import { ProjectNote, ProjectStageBadge } from "#app/components/projects/ProjectBits";
import { TimelineTitle } from "#app/components/requirements/TimelineTitle";
import { dbFingerprint, postAction } from "#tests/factories/access";
import { createUser } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { renderRoute } from "#tests/helpers/render";

// „Vorschlag ablehnen“: management declines a proposal that waits for its approvals, through the
// project page's real action. The proposal's candidates and requirements go back to prioritised.

const { db } = setupTestDatabase();

const OFFICE = "eGo-Saar Geschäftsstelle";
const APPROVAL = "projects:notifications.approvalNeeded";
const DECLINED = "projects:notifications.declined";
const REASON = "Das Land stellt ab 2027 ein eigenes Verfahren bereit.";
type U = Awaited<ReturnType<typeof createUser>>;
let julia: U, stefan: U, ulla: U, rm: U, teamLead: U, board: U, admin: U, sbStaff: U, sbLead: U, homburgStaff: U, merzigStaff: U, lead: U;

beforeAll(async () => {
  julia = await createUser(db(), { organisation: OFFICE, roles: ["management"], name: "Julia Hoffmann" });
  stefan = await createUser(db(), { organisation: OFFICE, roles: ["management"], name: "Stefan Schäfer" });
  ulla = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  rm = await createUser(db(), { organisation: OFFICE, roles: ["requirements_manager"] });
  teamLead = await createUser(db(), { organisation: "Neunkirchen", roles: ["member_staff", "team_lead"] });
  board = await createUser(db(), { organisation: "Landkreis Saarlouis", roles: ["board"] });
  admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
  sbStaff = await createUser(db(), { organisation: "Saarbrücken" });
  sbLead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
  homburgStaff = await createUser(db(), { organisation: "Homburg" });
  merzigStaff = await createUser(db(), { organisation: "Merzig" });
  lead = await createUser(db(), { organisation: "Völklingen" });
});

/** A proposal behind requirements of Saarbrücken and Homburg (co-signed by Merzig), proposed by `creator`, led by `lead`. */
async function proposed(overrides: Parameters<typeof proposalInput>[2] = {}, creator: U = stefan) {
  const c = await prioritisedCandidate(db(), [sbStaff.actor, homburgStaff.actor]);
  await cosignRequirement(db(), merzigStaff.actor, c.requirementIds[1], {});
  const { id } = await proposeProject(db(), creator.actor, proposalInput([c.id], lead.id, overrides));
  return { id, candidate: c };
}

const post = (user: U, id: number, values: Record<string, string>) => postAction(db(), projectRoute, user.id, `/projekte/${id}`, values, { id: String(id) });

const decline = (reason = REASON) => ({ intent: "decline", reason, confirm: "yes" });
const statusOf = async (table: "candidates" | "requirements", ids: number[]) =>
  (await db().selectFrom(table).select("status").where("id", "in", ids).execute()).map((r) => r.status);
const noticesOf = async (u: U, messageKey: string, id: number) =>
  (await listNotifications(db(), u.id)).filter((n) => n.message_key === messageKey && n.link === `/projekte/${id}`);

describe(`declining a project proposal (${dialectUnderTest})`, () => {
  it("hands candidates and requirements back as prioritised, with history, audit and the declined state on the page", async () => {
    const { id, candidate } = await proposed();
    const rejectedBefore = (await getDashboard(db(), julia.actor)).projectStages.find((s) => s.stage === "rejected")!.count;
    expect((await getProjectDetail(db(), julia.actor, id)).may.decline).toBe(true);

    const r = await post(julia, id, decline(`  ${REASON}  `));
    expect([r.status, r.location]).toEqual([302, `/projekte/${id}#freigabe`]);

    expect((await findProject(db(), id)).status).toBe("rejected");
    expect(await statusOf("candidates", [candidate.id])).toEqual(["prioritised"]);
    expect(await statusOf("requirements", candidate.requirementIds)).toEqual(["prioritised", "prioritised"]);

    const event = await db().selectFrom("project_events").selectAll().where("project_id", "=", id).where("kind", "=", "declined").executeTakeFirstOrThrow();
    expect([event.actor_user_id, event.from_value, event.to_value, event.reason]).toEqual([julia.id, "requested", "rejected", REASON]);
    const cEvent = await db().selectFrom("candidate_events").selectAll().where("candidate_id", "=", candidate.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect([cEvent.kind, cEvent.actor_user_id, JSON.parse(cEvent.detail!)]).toEqual(["project_declined", julia.id, { projectId: id }]);
    const rEvents = await db()
      .selectFrom("requirement_events")
      .selectAll()
      .where("requirement_id", "in", candidate.requirementIds)
      .where("to_status", "=", "prioritised")
      .where("from_status", "=", "in_project")
      .execute();
    expect(rEvents).toHaveLength(2);
    for (const e of rEvents) {
      expect([e.actor_user_id, e.reason, JSON.parse(e.detail!)]).toEqual([julia.id, REASON, { projectId: id, declined: true }]);
    }
    const audit = await db().selectFrom("audit_log").select(["actor_user_id", "entity_type", "detail"]).where("action", "=", "project.declined").where("entity_id", "=", String(id)).execute();
    expect(audit.map((a) => [a.actor_user_id, a.entity_type, JSON.parse(a.detail!)])).toEqual([[julia.id, "project", { reason: REASON }]]);

    // The page: declined by whom, when and why; no approval or decline form any more.
    const detail = await getProjectDetail(db(), julia.actor, id);
    expect(detail.declined).toEqual({ name: "Julia Hoffmann", at: event.at, reason: REASON });
    expect([detail.may.approve, detail.may.decline]).toEqual([false, false]);
    const html = await renderRoute(`/projekte/${id}`, () => createElement(ApprovalSection, { p: detail }), {});
    expect(html).toContain("Abgelehnt");
    expect(html).toContain("Von Julia Hoffmann (Geschäftsführung) am");
    expect(html).toContain(`Begründung: ${REASON}`);
    expect(html).not.toContain("Projekt freigeben");
    expect(html).not.toContain("Vorschlag ablehnen");
    // Lists, the requirement's outcome and the candidate page say management turned it down.
    expect((await listProjects(db(), sbStaff.actor)).find((x) => x.id === id)?.rejectedBy).toBe("management");
    expect(detail.rejectedBy).toBe("management");
    const outcome = await requirementOutcome(db(), sbStaff.actor, candidate.requirementIds[0]);
    expect(outcome?.project?.rejectedBy).toBe("management");
    expect(await renderRoute(`/anforderungen/1`, () => createElement(ProjectNote, { project: outcome!.project! }), {})).toContain("von der Geschäftsführung abgelehnt");
    expect(await renderRoute("/projekte", () => createElement(ProjectStageBadge, { status: "rejected", phase: null, rejectedBy: "management" }), {})).toContain(
      "Abgelehnt (Geschäftsführung)",
    );
    // The cockpit counts it as rejected.
    expect((await getDashboard(db(), julia.actor)).projectStages.find((s) => s.stage === "rejected")!.count).toBe(rejectedBefore + 1);

    // The requirement's and the candidate's history say what happened, in German.
    const requirement = await getRequirementDetail(db(), sbStaff.actor, candidate.requirementIds[0]);
    const entry = requirement.events.find((e) => e.kind === "status" && e.to_status === "prioritised" && e.from_status === "in_project")!;
    expect(entry.reason).toBe(REASON);
    expect(await renderRoute(`/anforderungen/${entry.id}`, () => createElement(TimelineTitle, { event: entry }), {})).toContain(
      "Projektvorschlag von der Geschäftsführung abgelehnt; Status: Im Projekt → Priorisiert",
    );
    const cDetail = await getCandidateDetail(db(), sbStaff.actor, candidate.id);
    expect(cDetail.events.some((e) => e.kind === "project_declined")).toBe(true);
    const t = await i18nServer.getFixedT("de", "bundling");
    expect(t("events.project_declined")).toBe("Projektvorschlag von der Geschäftsführung abgelehnt; der Kandidat ist wieder priorisiert.");
  });

  it("is possible after one approval; resolves the open approval requests and tells proposer, lead, organisations and the other managers why", async () => {
    // Stefan proposes (Julia and Ulla are asked), Julia approves, Ulla declines.
    const { id } = await proposed({ title: "Hundesteuer online" }, stefan);
    await approveProject(db(), julia.actor, id);
    expect((await noticesOf(ulla, APPROVAL, id)).map((n) => n.read_at !== null)).toEqual([false]);

    expect((await post(ulla, id, decline())).status).toBe(302);
    expect((await findProject(db(), id)).status).toBe("rejected");
    const unread = await db().selectFrom("notifications").select("id").where("message_key", "=", APPROVAL).where("link", "=", `/projekte/${id}`).where("read_at", "is", null).execute();
    expect(unread).toEqual([]);

    for (const u of [stefan, julia, lead, sbStaff, sbLead, homburgStaff, merzigStaff]) {
      const notices = await noticesOf(u, DECLINED, id);
      expect(notices.map((n) => [n.read_at, n.params])).toEqual([[null, { project: "Hundesteuer online", reason: REASON }]]);
    }
    // Not the one who declined, nor people with no part in it.
    for (const u of [ulla, board, rm, teamLead]) expect(await noticesOf(u, DECLINED, id)).toEqual([]);

    const t = await i18nServer.getFixedT("de", "projects");
    const [notice] = await noticesOf(sbStaff, DECLINED, id);
    expect(noticeText((key, options) => t(key, options) as string, notice)).toBe(
      `Die Geschäftsführung hat den Projektvorschlag „Hundesteuer online“ abgelehnt; die Kandidaten sind wieder priorisiert. Begründung: ${REASON}`,
    );
    const en = await i18nServer.getFixedT("en", "projects");
    expect(noticeText((key, options) => en(key, options) as string, notice)).toContain("Management declined the project proposal");
  });

  it("lets the candidate be proposed again", async () => {
    const { id, candidate } = await proposed();
    expect((await post(julia, id, decline())).status).toBe(302);
    const again = await proposeProject(db(), julia.actor, proposalInput([candidate.id], lead.id));
    expect(again.id).not.toBe(id);
    expect((await findProject(db(), again.id)).status).toBe("requested");
    expect(await statusOf("candidates", [candidate.id])).toEqual(["promoted"]);
    expect(await statusOf("requirements", candidate.requirementIds)).toEqual(["in_project", "in_project"]);
    // The declined one keeps its history.
    expect((await findProject(db(), id)).status).toBe("rejected");
  });

  it("refuses everyone but management on the server (requirements team, team lead, staff, member lead, board, admin); nothing changes", async () => {
    const { id } = await proposed();
    const before = await dbFingerprint(db());
    for (const u of [rm, teamLead, sbStaff, sbLead, board, admin, lead]) {
      expect((await post(u, id, decline())).status).toBe(403);
      expect((await getProjectDetail(db(), u.actor, id)).may.decline).toBe(false);
    }
    expect(await dbFingerprint(db())).toEqual(before);
    expect((await findProject(db(), id)).status).toBe("requested");
  });

  it("refuses while the board votes, once approved, and once declined (a second submit), with German messages above the form", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const voting = (await proposed({ budget: boardThreshold + 1 })).id;
    await approveProject(db(), julia.actor, voting);
    await approveProject(db(), ulla.actor, voting);
    const approved = (await proposed()).id;
    await approveProject(db(), julia.actor, approved);
    await approveProject(db(), ulla.actor, approved);
    const declined = (await proposed()).id;
    expect((await post(julia, declined, decline())).status).toBe(302);

    const before = await dbFingerprint(db());
    const cases: [number, string, string][] = [
      [voting, "board_vote", "projects:errors.decline_boardDecides"],
      [approved, "approved", "projects:errors.decline_alreadyApproved"],
      [declined, "rejected", "projects:errors.decline_alreadyRejected"],
    ];
    for (const [id, status, message] of cases) {
      const r = await post(stefan, id, decline());
      expect([r.status, r.error?.[""]]).toEqual([409, [message]]);
      expect((await findProject(db(), id)).status).toBe(status);
      expect((await getProjectDetail(db(), stefan.actor, id)).may.decline).toBe(false);
    }
    expect(await dbFingerprint(db())).toEqual(before);
    const t = await i18nServer.getFixedT("de", "projects");
    expect(t("errors.decline_boardDecides")).toMatch(/^Über diesen Vorschlag entscheidet jetzt der Aufsichtsrat/);
  });

  it("requires a reason at the field and the confirmation; nothing changes", async () => {
    const { id, candidate } = await proposed();
    const before = await dbFingerprint(db());
    for (const reason of ["", "   "]) {
      const r = await post(julia, id, decline(reason));
      expect([r.status, r.error?.reason]).toEqual([400, ["projects:validation.declineReason"]]);
    }
    const noReason = await post(julia, id, { intent: "decline", confirm: "yes" });
    expect([noReason.status, noReason.error?.reason]).toEqual([400, ["projects:validation.declineReason"]]);
    // The first click asks: without confirm=yes the server asks too and changes nothing.
    for (const confirm of [undefined, ""]) {
      const r = await post(julia, id, { intent: "decline", reason: REASON, ...(confirm === undefined ? {} : { confirm }) });
      expect([r.status, r.error?.confirm]).toEqual([400, ["projects:errors.confirmRequired"]]);
    }
    expect(await dbFingerprint(db())).toEqual(before);
    expect((await findProject(db(), id)).status).toBe("requested");
    expect(await statusOf("requirements", candidate.requirementIds)).toEqual(["in_project", "in_project"]);
    const t = await i18nServer.getFixedT("de", "projects");
    expect(t("validation.declineReason")).toBe("Bitte begründen Sie, warum der Vorschlag abgelehnt wird.");
  });
});
