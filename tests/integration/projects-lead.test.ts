import i18next from "i18next";
import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { i18nConfig } from "#app/modules/i18n/config";
import { listNotifications } from "#app/modules/notifications/notifications.server";
import { addTeamMember, approveProject, changePhase, findProject, mayRunProject, proposeProject, removeTeamMember } from "#app/modules/projects/projects.server";
import { getProjectDetail, getProposalForm } from "#app/modules/projects/queries.server";
import { cosignRequirement } from "#app/modules/requirements/requirements.server";
import { anonymiseUser } from "#app/modules/users/account.server";
import { addRole, removeRole, setUserActive } from "#app/modules/users/users.server";
import * as projectRoute from "#app/routes/projekte.$id";
import * as proposeRoute from "#app/routes/projekte.neu";
import { TeamSection } from "#app/components/projects/TeamSection";
import { dbFingerprint, postAction } from "#tests/factories/access";
import { createUser } from "#tests/factories/index";
import { planned, prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { renderRoute } from "#tests/helpers/render";

// Who may lead or join a project team, handing over the project lead, stopping, and the rollout
// notifications, through the project pages' real actions.

const { db } = setupTestDatabase();

const OFFICE = "eGo-Saar Geschäftsstelle";
type U = Awaited<ReturnType<typeof createUser>>;
let julia: U, stefan: U, admin: U, board: U, sbStaff: U, sbStaff2: U, sbLead: U, homburgStaff: U, merzigStaff: U, lead: U, perl: U;

beforeAll(async () => {
  julia = await createUser(db(), { organisation: OFFICE, roles: ["management"], name: "Julia Hoffmann" });
  stefan = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
  board = await createUser(db(), { organisation: "Landkreis Saarlouis", roles: ["board"] });
  sbStaff = await createUser(db(), { organisation: "Saarbrücken", name: "Sabine Brück" });
  sbStaff2 = await createUser(db(), { organisation: "Saarbrücken" });
  sbLead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
  homburgStaff = await createUser(db(), { organisation: "Homburg" });
  merzigStaff = await createUser(db(), { organisation: "Merzig" });
  lead = await createUser(db(), { organisation: "Völklingen", name: "Lena Leitner" });
  perl = await createUser(db(), { organisation: "Perl" });
});

/** A project behind requirements of Saarbrücken and Homburg (co-signed by Merzig), led by `lead` of Völklingen. */
async function project(stage: "requested" | "approved" = "approved") {
  const c = await prioritisedCandidate(db(), [sbStaff.actor, homburgStaff.actor]);
  await cosignRequirement(db(), merzigStaff.actor, c.requirementIds[1], {});
  const { id } = await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id));
  if (stage === "approved") {
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
  }
  return id;
}

/** The form of /projekte/:id (or, without an id, of /projekte/neu) sent by the given user. */
const post = (user: U, id: number | null, values: Record<string, string | string[]>) =>
  id === null ? postAction(db(), proposeRoute, user.id, "/projekte/neu", values) : postAction(db(), projectRoute, user.id, `/projekte/${id}`, values, { id: String(id) });

const handOver = (to: U, reason = "Die bisherige Projektleitung wechselt in ein anderes Vorhaben.") => ({ intent: "changeLead", leadUserId: String(to.id), reason });
const notificationsOf = async (u: U, id: number) => (await listNotifications(db(), u.id)).filter((n) => n.link === `/projekte/${id}`);
const leadEntries = (id: number) =>
  db().selectFrom("project_members").select(["user_id", "role"]).where("project_id", "=", id).where("role", "=", "project_lead").execute();

describe(`handing over the project lead (${dialectUnderTest})`, () => {
  it("records the handover with reason in the history, moves the team's Projektleitung entry, audits and notifies both leads", async () => {
    const id = await project();
    // The old lead also tests: that role stays with them after the handover.
    await addTeamMember(db(), julia.actor, id, lead.id, "test");
    const before = await findProject(db(), id);

    const reply = await post(julia, id, handOver(sbStaff));
    expect([reply.status, reply.location]).toEqual([302, `/projekte/${id}#projektleitung`]);

    const after = await findProject(db(), id);
    expect(after.lead_user_id).toBe(sbStaff.id);
    expect(after.version).toBe(before.version + 1);
    const event = await db().selectFrom("project_events").selectAll().where("project_id", "=", id).where("kind", "=", "lead_changed").executeTakeFirstOrThrow();
    expect([event.from_value, event.to_value, event.actor_user_id, event.reason]).toEqual([
      String(lead.id),
      String(sbStaff.id),
      julia.id,
      "Die bisherige Projektleitung wechselt in ein anderes Vorhaben.",
    ]);
    expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000);
    const audit = await db().selectFrom("audit_log").select(["actor_user_id", "detail"]).where("action", "=", "project.lead").where("entity_id", "=", String(id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(julia.id);
    expect(JSON.parse(audit[0].detail!)).toEqual({ from: lead.id, to: sbStaff.id });

    // The team lists the new lead as Projektleitung; the old lead keeps only their other role.
    expect((await leadEntries(id)).map((m) => m.user_id)).toEqual([sbStaff.id]);
    const detail = await getProjectDetail(db(), homburgStaff.actor, id);
    expect(detail.lead?.id).toBe(sbStaff.id);
    expect(detail.team.filter((m) => m.isLead).map((m) => m.userId)).toEqual([sbStaff.id]);
    expect(detail.team.filter((m) => m.userId === lead.id).map((m) => m.role)).toEqual(["test"]);
    const shown = detail.events.find((e) => e.kind === "lead_changed")!;
    expect(shown.detail).toEqual({ from: "Lena Leitner", to: "Sabine Brück" });
    expect([shown.actorName, shown.reason]).toEqual(["Julia Hoffmann", "Die bisherige Projektleitung wechselt in ein anderes Vorhaben."]);

    // Both leads hear of it; the manager who did it does not.
    expect((await notificationsOf(sbStaff, id)).map((n) => n.message_key)).toContain("projects:notifications.leadTaken");
    const told = (await notificationsOf(lead, id)).find((n) => n.message_key === "projects:notifications.leadHandedOver");
    expect(told?.params).toEqual({ project: after.title, name: "Sabine Brück", personId: String(sbStaff.id) });
    expect((await notificationsOf(julia, id)).some((n) => n.message_key.startsWith("projects:notifications.lead"))).toBe(false);

    // The lead's rights go with the role.
    expect(mayRunProject(after, sbStaff.actor)).toBe(true);
    expect(mayRunProject(after, lead.actor)).toBe(false);
  });

  it("hands over to a deputy who already holds a Projektleitung entry without a duplicate, and works before approval", async () => {
    const id = await project();
    // A deputy entry from before the team form stopped giving the role.
    await db().insertInto("project_members").values({ project_id: id, user_id: perl.id, role: "project_lead", created_at: new Date().toISOString() }).execute();
    // Perl stands behind no requirement of the project, but sits in its team: a valid choice.
    expect((await post(stefan, id, handOver(perl))).status).toBe(302);
    expect((await leadEntries(id)).map((m) => m.user_id)).toEqual([perl.id]);
    expect((await findProject(db(), id)).lead_user_id).toBe(perl.id);

    const pending = await project("requested");
    expect((await getProjectDetail(db(), julia.actor, pending)).may.changeLead).toBe(true);
    expect((await post(julia, pending, handOver(stefan))).status).toBe(302);
    expect((await findProject(db(), pending)).lead_user_id).toBe(stefan.id);
    expect((await leadEntries(pending)).map((m) => m.user_id)).toEqual([stefan.id]);
  });

  it("requires a reason and a suitable new lead, at the field; nothing changes", async () => {
    const id = await project();
    const inactive = await createUser(db(), { organisation: "Saarbrücken", active: false });
    const before = await dbFingerprint(db());

    for (const reason of ["", "   "]) {
      const r = await post(julia, id, handOver(sbStaff, reason));
      expect([r.status, r.error?.reason]).toEqual([400, ["projects:validation.leadReason"]]);
    }
    const noReason = await post(julia, id, { intent: "changeLead", leadUserId: String(sbStaff.id) });
    expect([noReason.status, noReason.error?.reason]).toEqual([400, ["projects:validation.leadReason"]]);
    const noLead = await post(julia, id, { intent: "changeLead", leadUserId: "", reason: "Wechsel." });
    expect([noLead.status, noLead.error?.leadUserId]).toEqual([400, ["projects:validation.newLead"]]);
    // Not in the list: inactive, or of an organisation with no part in the project.
    for (const u of [inactive, perl]) {
      const r = await post(julia, id, handOver(u));
      expect([r.status, r.error?.leadUserId]).toEqual([400, ["projects:validation.newLead"]]);
    }
    const same = await post(julia, id, handOver(lead));
    expect([same.status, same.error?.leadUserId]).toEqual([409, ["projects:errors.lead_unchanged"]]);

    expect(await dbFingerprint(db())).toEqual(before);
    expect((await findProject(db(), id)).lead_user_id).toBe(lead.id);
    // The form lists exactly the suitable people: office, organisations behind the project, team; not the lead.
    const offered = (await getProjectDetail(db(), julia.actor, id)).leadCandidates.map((u) => u.id);
    expect(offered).toEqual(expect.arrayContaining([julia.id, stefan.id, sbStaff.id, sbLead.id, homburgStaff.id, merzigStaff.id]));
    // An admin-only account of the office is a technical account, not a project lead.
    expect(offered).not.toContain(admin.id);
    expect(offered).not.toContain(lead.id);
    expect(offered).not.toContain(perl.id);
    expect(offered).not.toContain(inactive.id);
  });

  it("is refused on stopped and closed projects, with the German message above the form", async () => {
    const stopped = await project();
    await changePhase(db(), julia.actor, stopped, "stopped", "Das Land stellt eine Lösung bereit.");
    const closed = await project();
    for (const phase of ["planning", "execution", "closed"] as const) await changePhase(db(), julia.actor, closed, phase);

    const before = await dbFingerprint(db());
    for (const id of [stopped, closed]) {
      const r = await post(julia, id, handOver(sbStaff));
      expect([r.status, r.error?.[""]]).toEqual([409, ["projects:errors.lead_finished"]]);
      const detail = await getProjectDetail(db(), julia.actor, id);
      expect([detail.may.changeLead, detail.leadCandidates]).toEqual([false, []]);
    }
    expect(await dbFingerprint(db())).toEqual(before);
  });

  it("refuses everyone but management on the server (admin, board, members, the lead themselves); nothing changes", async () => {
    const id = await project();
    const before = await dbFingerprint(db());
    for (const u of [admin, board, sbLead, sbStaff, lead]) {
      expect((await post(u, id, handOver(homburgStaff))).status).toBe(403);
      expect((await getProjectDetail(db(), u.actor, id)).may.changeLead).toBe(false);
    }
    expect(await dbFingerprint(db())).toEqual(before);
    expect((await findProject(db(), id)).lead_user_id).toBe(lead.id);
    expect((await getProjectDetail(db(), julia.actor, id)).may.changeLead).toBe(true);
  });
});

describe(`who may lead a project or join its team (${dialectUnderTest})`, () => {
  // The board votes on project approvals, so its members (voting or not, whatever else they hold) lead
  // none and sit in no project team; nor does an admin-only account, or anyone deactivated or anonymised.
  let sbBoard: U, sbBoardAndStaff: U, ssgtBoard: U, adminManager: U, officeRm: U, deactivated: U, anonymised: U;
  beforeAll(async () => {
    sbBoard = await createUser(db(), { organisation: "Saarbrücken", roles: ["board"] });
    sbBoardAndStaff = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_staff", "board"] });
    ssgtBoard = await createUser(db(), { organisation: "Saarländischer Städte- und Gemeindetag (SSGT)", roles: ["board"] });
    adminManager = await createUser(db(), { organisation: OFFICE, roles: ["admin", "management"] });
    officeRm = await createUser(db(), { organisation: OFFICE, roles: ["requirements_manager"] });
    deactivated = await createUser(db(), { organisation: "Saarbrücken", active: false });
    anonymised = await createUser(db(), { organisation: "Saarbrücken" });
    await anonymiseUser(db(), admin.actor, anonymised.id);
  });
  const ineligible = () => [board, sbBoard, sbBoardAndStaff, ssgtBoard, admin, deactivated, anonymised];

  it("the proposal form offers only eligible people as lead", async () => {
    const offered = (await getProposalForm(db(), julia.actor)).users.map((u) => u.id);
    expect(offered).toEqual(expect.arrayContaining([julia.id, stefan.id, adminManager.id, officeRm.id, sbStaff.id, sbLead.id, lead.id, perl.id]));
    for (const u of ineligible()) expect(offered).not.toContain(u.id);
  });

  it("refuses a posted ineligible lead at the field when proposing; nothing is created", async () => {
    const c = await prioritisedCandidate(db(), [sbStaff.actor]);
    const values = (leadUserId: number) => ({
      candidateIds: [String(c.id)],
      title: "E-Akte gemeinsam",
      goal: "Ein gemeinsames Verfahren.",
      scope: "Beschaffung und Einführung.",
      budget: "50000",
      plannedStart: planned("01-01"),
      plannedEnd: planned("12-31"),
      leadUserId: String(leadUserId),
    });
    const before = await dbFingerprint(db());
    for (const u of ineligible()) {
      const r = await post(julia, null, values(u.id));
      expect([r.status, r.error?.leadUserId]).toEqual([400, ["projects:validation.leadIneligible"]]);
    }
    const unknown = await post(julia, null, values(2_000_000_000));
    expect([unknown.status, unknown.error?.leadUserId]).toEqual([400, ["projects:validation.leadIneligible"]]);
    expect(await dbFingerprint(db())).toEqual(before);

    // An admin who also manages may lead; so may a member of a team or of the office.
    for (const u of [adminManager, officeRm]) {
      const next = await prioritisedCandidate(db(), [sbStaff.actor]);
      const r = await post(julia, null, { ...values(u.id), candidateIds: [String(next.id)] });
      expect(r.status).toBe(302);
      const id = Number(r.location!.split("/").pop());
      expect((await findProject(db(), id)).lead_user_id).toBe(u.id);
    }
  });

  it("the lead change neither offers nor accepts board members, admin-only accounts, deactivated or anonymised people", async () => {
    const id = await project();
    // All of them belong to the office or to Saarbrücken, which stands behind the project; one sits in
    // its team from before the team rule (written directly: adding them is refused now).
    await db().insertInto("project_members").values({ project_id: id, user_id: ssgtBoard.id, role: "specialist", created_at: new Date().toISOString() }).execute();
    const offered = (await getProjectDetail(db(), julia.actor, id)).leadCandidates.map((u) => u.id);
    expect(offered).toEqual(expect.arrayContaining([adminManager.id, officeRm.id, sbStaff.id]));
    for (const u of ineligible()) expect(offered).not.toContain(u.id);

    const before = await dbFingerprint(db());
    for (const u of ineligible()) {
      const r = await post(julia, id, handOver(u));
      expect([r.status, r.error?.leadUserId]).toEqual([400, ["projects:validation.newLead"]]);
    }
    expect(await dbFingerprint(db())).toEqual(before);
    expect((await findProject(db(), id)).lead_user_id).toBe(lead.id);
  });
  const addMember = (u: U, role = "technical") => ({ intent: "member", userId: String(u.id), role });
  const teamOf = (id: number) => db().selectFrom("project_members").select(["user_id", "role"]).where("project_id", "=", id).orderBy("id").execute();

  it("the team picker offers only eligible people", async () => {
    const id = await project();
    for (const runner of [julia, lead]) {
      const offered = (await getProjectDetail(db(), runner.actor, id)).assignableUsers.map((u) => u.id);
      expect(offered).toEqual(expect.arrayContaining([julia.id, adminManager.id, officeRm.id, sbStaff.id, sbLead.id, perl.id]));
      for (const u of ineligible()) expect(offered).not.toContain(u.id);
    }
  });

  it("refuses a posted ineligible team member at the field, in every team role; nothing changes", async () => {
    const id = await project();
    const team = await teamOf(id);
    const before = await dbFingerprint(db());
    // Management in every role (the deputy „Projektleitung“ too), and the project lead.
    const attempts = [
      ...["project_lead", "specialist", "technical", "test"].map((role) => [julia, role] as const),
      [lead, "specialist"] as const,
    ];
    for (const [runner, role] of attempts) {
      for (const u of ineligible()) {
        const r = await post(runner, id, addMember(u, role));
        expect([u.id, role, r.status, r.error?.userId]).toEqual([u.id, role, 400, ["projects:validation.memberIneligible"]]);
      }
    }
    const unknown = await post(julia, id, { intent: "member", userId: "2000000000", role: "test" });
    expect([unknown.status, unknown.error?.userId]).toEqual([400, ["projects:validation.memberIneligible"]]);
    expect(await dbFingerprint(db())).toEqual(before);
    expect(await teamOf(id)).toEqual(team);

    // Eligible people join, an admin who also manages among them, and the page shows them without a hint.
    for (const u of [adminManager, perl]) {
      const r = await post(lead, id, addMember(u));
      expect([r.status, r.location]).toEqual([302, `/projekte/${id}#team`]);
    }
    const detail = await getProjectDetail(db(), lead.actor, id);
    expect(detail.team.filter((m) => m.role === "technical").map((m) => [m.userId, m.ineligible])).toEqual([
      [adminManager.id, null],
      [perl.id, null],
    ]);
  });

  it("refuses „Projektleitung“ as a team role at the role field (the lead changes only by handover); nothing changes", async () => {
    const id = await project();
    const team = await teamOf(id);
    const before = await dbFingerprint(db());
    // A second person as lead, and the lead once more under the same role.
    for (const [runner, u] of [[julia, sbStaff], [julia, lead], [lead, perl]] as const) {
      const r = await post(runner, id, addMember(u, "project_lead"));
      expect([u.id, r.status, r.error?.role]).toEqual([u.id, 400, ["projects:validation.teamRoleLead"]]);
    }
    await expect(addTeamMember(db(), julia.actor, id, sbStaff.id, "project_lead")).rejects.toMatchObject({ status: 400, messageKey: "projects:validation.teamRoleLead" });
    expect(await dbFingerprint(db())).toEqual(before);
    expect(await teamOf(id)).toEqual(team);
    expect((await findProject(db(), id)).lead_user_id).toBe(lead.id);
    const i18n = i18next.createInstance();
    await i18n.init({ ...i18nConfig, lng: "de" });
    expect(i18n.t("projects:validation.teamRoleLead")).toContain("mit „Projektleitung übergeben“");

    // The form does not offer the role; the page counts people, not rows, when one holds two roles.
    const detail = await getProjectDetail(db(), julia.actor, id);
    const html = await renderRoute(`/projekte/${id}`, () => createElement(TeamSection, { p: detail }), {});
    expect(html).not.toContain('<option value="project_lead"');
    expect(html).toContain('<option value="specialist"');
    expect((await post(julia, id, addMember(lead, "test"))).status).toBe(302);
    expect((await post(julia, id, addMember(sbStaff, "specialist"))).status).toBe(302);
    const after = await getProjectDetail(db(), julia.actor, id);
    expect(after.team.map((m) => [m.userId, m.role])).toEqual([
      [lead.id, "project_lead"],
      [lead.id, "test"],
      [sbStaff.id, "specialist"],
    ]);
    expect(await renderRoute(`/projekte/${id}`, () => createElement(TeamSection, { p: after }), {})).toContain("2 Personen im Projektteam, in 3 Rollen");
  });

  it("keeps members who no longer qualify, with the reason for those who keep the team, until someone removes them", async () => {
    const id = await project();
    const joinsBoard = await createUser(db(), { organisation: "Saarbrücken" });
    const leavesOffice = await createUser(db(), { organisation: OFFICE, roles: ["requirements_manager"] });
    const deactivatedLater = await createUser(db(), { organisation: "Homburg" });
    const anonymisedLater = await createUser(db(), { organisation: "Homburg" });
    for (const [u, role] of [
      [joinsBoard, "specialist"],
      [leavesOffice, "technical"],
      [deactivatedLater, "test"],
      [anonymisedLater, "test"],
    ] as const) {
      expect((await post(julia, id, addMember(u, role))).status).toBe(302);
    }
    // Afterwards: a board seat, only the admin role left, deactivated, anonymised.
    await addRole(db(), admin.actor, joinsBoard.id, "board");
    await addRole(db(), admin.actor, leavesOffice.id, "admin");
    const rm = await db().selectFrom("role_assignments").select("id").where("user_id", "=", leavesOffice.id).where("role", "=", "requirements_manager").executeTakeFirstOrThrow();
    await removeRole(db(), admin.actor, leavesOffice.id, rm.id);
    await setUserActive(db(), admin.actor, deactivatedLater.id, false);
    await anonymiseUser(db(), admin.actor, anonymisedLater.id);

    // Nobody was removed; the project lead and management see why each no longer qualifies.
    const expected = [
      [lead.id, "project_lead", null],
      [joinsBoard.id, "specialist", "board"],
      [leavesOffice.id, "technical", "noRole"],
      [deactivatedLater.id, "test", "inactive"],
      [anonymisedLater.id, "test", "inactive"],
    ];
    for (const runner of [julia, lead]) {
      const detail = await getProjectDetail(db(), runner.actor, id);
      expect(detail.team.map((m) => [m.userId, m.role, m.ineligible])).toEqual(expected);
    }
    // Others see the team as it is, without the hints.
    for (const viewer of [sbStaff, board, admin]) {
      const detail = await getProjectDetail(db(), viewer.actor, id);
      expect(detail.team.map((m) => [m.userId, m.ineligible])).toEqual(expected.map(([u]) => [u, null]));
    }
    // Nor are they offered again; removing one is an ordinary removal.
    const offered = (await getProjectDetail(db(), julia.actor, id)).assignableUsers.map((u) => u.id);
    for (const u of [joinsBoard, leavesOffice, deactivatedLater, anonymisedLater]) expect(offered).not.toContain(u.id);
    const entry = (await getProjectDetail(db(), julia.actor, id)).team.find((m) => m.userId === joinsBoard.id)!;
    await removeTeamMember(db(), lead.actor, id, entry.id);
    expect((await teamOf(id)).map((m) => m.user_id)).toEqual([lead.id, leavesOffice.id, deactivatedLater.id, anonymisedLater.id]);

  });

  it("keeps a lead who took a board seat as lead, marked, until management hands the lead over", async () => {
    const boardLead = await createUser(db(), { organisation: "Homburg" });
    const c = await prioritisedCandidate(db(), [homburgStaff.actor]);
    const { id } = await proposeProject(db(), julia.actor, proposalInput([c.id], boardLead.id));
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    await addRole(db(), admin.actor, boardLead.id, "board");

    const marked = await getProjectDetail(db(), julia.actor, id);
    expect(marked.team.map((m) => [m.userId, m.isLead, m.ineligible])).toEqual([[boardLead.id, true, "board"]]);
    expect((await findProject(db(), id)).lead_user_id).toBe(boardLead.id);
    expect(marked.leadCandidates.map((u) => u.id)).not.toContain(boardLead.id);
    expect((await post(julia, id, handOver(homburgStaff))).status).toBe(302);
    expect((await getProjectDetail(db(), julia.actor, id)).team.map((m) => [m.userId, m.isLead, m.ineligible])).toEqual([[homburgStaff.id, true, null]]);
  });
});

describe(`stopping or closing a project (${dialectUnderTest})`, () => {
  it("needs a reason, named at the reason field whether or not the stop was confirmed; nothing changes", async () => {
    const id = await project();
    const before = await dbFingerprint(db());
    for (const values of [{}, { reason: "   " }, { confirm: "yes" }, { reason: "", confirm: "yes" }] as Record<string, string>[]) {
      const r = await post(julia, id, { intent: "phase", to: "stopped", ...values });
      expect([r.status, r.error?.reason]).toEqual([400, ["projects:validation.stopReason"]]);
    }
    expect(await dbFingerprint(db())).toEqual(before);
    expect((await findProject(db(), id)).phase).toBe("initiation");

    // With a reason, the unconfirmed stop asks for the confirmation; the confirmed one stops.
    const unconfirmed = await post(julia, id, { intent: "phase", to: "stopped", reason: "Das Land stellt eine Lösung bereit." });
    expect([unconfirmed.status, unconfirmed.error?.confirm, unconfirmed.error?.reason]).toEqual([400, ["projects:errors.confirmRequired"], undefined]);
    expect(await dbFingerprint(db())).toEqual(before);
    const confirmed = await post(julia, id, { intent: "phase", to: "stopped", reason: "Das Land stellt eine Lösung bereit.", confirm: "yes" });
    expect([confirmed.status, confirmed.location]).toEqual([302, `/projekte/${id}#phase`]);
    expect((await findProject(db(), id)).phase).toBe("stopped");
  });

  it("closes only after a confirmation: closing marks every requirement behind it done and cannot be undone", async () => {
    const id = await project();
    for (const to of ["planning", "execution"]) await changePhase(db(), julia.actor, id, to as "planning" | "execution");
    const before = await dbFingerprint(db());
    // The form offers „Abgeschlossen“ first from „Umsetzung“: one click on „Phase ändern“ must not close the project.
    const unconfirmed = await post(julia, id, { intent: "phase", to: "closed", reason: "" });
    expect([unconfirmed.status, unconfirmed.error?.confirm]).toEqual([400, ["projects:errors.confirmRequired"]]);
    expect(await dbFingerprint(db())).toEqual(before);
    const confirmed = await post(julia, id, { intent: "phase", to: "closed", reason: "", confirm: "yes" });
    expect([confirmed.status, confirmed.location]).toEqual([302, `/projekte/${id}#phase`]);
    expect((await findProject(db(), id)).phase).toBe("closed");
  });
});

describe(`rollout notifications (${dialectUnderTest})`, () => {
  it("tells the organisation's staff and leads and the project lead, not the person who changed it nor other organisations", async () => {
    const id = await project();
    const title = (await findProject(db(), id)).title;

    const r = await post(sbLead, id, { intent: "rollout", organisationId: String(sbLead.organisationId), status: "planned" });
    expect([r.status, r.location]).toEqual([302, `/projekte/${id}#einfuehrung`]);
    for (const u of [sbStaff, sbStaff2]) {
      const n = (await notificationsOf(u, id)).find((x) => x.message_key === "projects:notifications.rolloutOwn");
      expect(n?.params).toEqual({ project: title, organisation: "Saarbrücken", rolloutStatus: "planned" });
    }
    // The text names the project and the new status, in German and English.
    const i18n = i18next.createInstance();
    await i18n.init({ ...i18nConfig, lng: "de" });
    const sent = (await notificationsOf(sbStaff, id)).find((x) => x.message_key === "projects:notifications.rolloutOwn")!;
    expect(i18n.getFixedT("de")(sent.message_key, sent.params)).toBe(`Der Einführungsstand von Saarbrücken für „${title}“ ist jetzt: Geplant.`);
    expect(i18n.getFixedT("en")(sent.message_key, sent.params)).toBe(`The rollout state of Saarbrücken for “${title}” is now: Planned.`);
    expect((await notificationsOf(sbLead, id)).some((n) => n.message_key.startsWith("projects:notifications.rollout"))).toBe(false);
    expect((await notificationsOf(homburgStaff, id)).some((n) => n.message_key.startsWith("projects:notifications.rollout"))).toBe(false);
    expect((await notificationsOf(lead, id)).filter((n) => n.message_key === "projects:notifications.rollout")).toHaveLength(1);

    // The project lead sets Merzig (a co-signer) in operation: Merzig's staff hear of it, the lead not of their own change.
    const merzigId = merzigStaff.organisationId;
    expect((await post(lead, id, { intent: "rollout", organisationId: String(merzigId), status: "operating" })).status).toBe(302);
    const m = (await notificationsOf(merzigStaff, id)).find((x) => x.message_key === "projects:notifications.rolloutOwn");
    expect(m?.params).toEqual({ project: title, organisation: "Merzig", rolloutStatus: "operating" });
    expect((await notificationsOf(lead, id)).filter((n) => n.message_key.startsWith("projects:notifications.rollout"))).toHaveLength(1);
    expect((await notificationsOf(sbStaff, id)).filter((n) => n.message_key === "projects:notifications.rolloutOwn")).toHaveLength(1);
  });

  it("tells a project lead who belongs to the organisation once, with the lead's message", async () => {
    const id = await project();
    await post(julia, id, handOver(sbStaff));
    await post(sbLead, id, { intent: "rollout", organisationId: String(sbLead.organisationId), status: "introducing" });
    const mine = (await notificationsOf(sbStaff, id)).filter((n) => n.message_key.startsWith("projects:notifications.rollout"));
    expect(mine.map((n) => n.message_key)).toEqual(["projects:notifications.rollout"]);
    expect((await notificationsOf(sbStaff2, id)).map((n) => n.message_key)).toContain("projects:notifications.rolloutOwn");
  });
});

describe(`the printed project page (${dialectUnderTest})`, () => {
  it("carries the project's number and names its traffic light, on paper only; screen readers hear the light's name", async () => {
    const id = await project();
    const detail = await getProjectDetail(db(), julia.actor, id);
    const html = await renderRoute(`/projekte/${id}`, () => createElement(projectRoute.default), { project: detail });
    // Print-only (global.css hides .print-only on screen), above the title like a requirement's „Nr. …“.
    expect(html).toMatch(new RegExp(`<p[^>]*class="[^"]*print-only print-note[^"]*"[^>]*data-testid="project-number"[^>]*>Projekt Nr. ${id}</p>[\\s\\S]*<h1`));
    // Visually hidden on screen, printed as text (.print-label), right before the badge „Ohne Statusbericht“.
    expect(html).toMatch(/<span[^>]*class="[^"]*print-label[^"]*"[^>]*>Projektampel:<\/span><div[^>]*mantine-Badge-root[^>]*>[\s\S]*?Ohne Statusbericht/);
  });
});
