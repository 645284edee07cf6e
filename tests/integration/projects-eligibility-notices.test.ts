import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { i18nConfig } from "#app/modules/i18n/config";
import { listNotifications, markRead } from "#app/modules/notifications/notifications.server";
import { addTeamMember, approveProject, changePhase, concludeResolution, findProject, proposeProject } from "#app/modules/projects/projects.server";
import { getProjectDetail } from "#app/modules/projects/queries.server";
import type { TeamRole } from "#app/modules/projects/workflow";
import { anonymiseUser } from "#app/modules/users/account.server";
import { addRole, removeRole, setUserActive } from "#app/modules/users/users.server";
import { createUser } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// A person who stops qualifying for project teams (board seat, no working role left, deactivated,
// anonymised) stays in the team; the project lead, or management for a lead, is told in the same
// transaction as the change.

const { db } = setupTestDatabase();

const OFFICE = "eGo-Saar Geschäftsstelle";
const MEMBER_KEY = "projects:notifications.memberIneligible";
const LEAD_KEY = "projects:notifications.leadIneligible";
type U = Awaited<ReturnType<typeof createUser>>;
let julia: U, stefan: U, admin: U, adminManager: U, filer: U;

beforeAll(async () => {
  julia = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  stefan = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
  adminManager = await createUser(db(), { organisation: OFFICE, roles: ["admin", "management"] });
  filer = await createUser(db(), { organisation: "Homburg" });
});

/** An approved project (in initiation) led by a new person, with the given people in its team. */
async function project(members: [U, TeamRole][] = [], options: { approve?: boolean; lead?: U } = {}) {
  const lead = options.lead ?? (await createUser(db(), { organisation: "Völklingen", name: "Lena Leitner" }));
  const c = await prioritisedCandidate(db(), [filer.actor]);
  const { id } = await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id));
  if (options.approve !== false) {
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
  }
  for (const [u, role] of members) await addTeamMember(db(), julia.actor, id, u.id, role);
  return { id, lead, title: (await findProject(db(), id)).title };
}

const member = (name = "Sabine Brück", organisation = "Saarbrücken") => createUser(db(), { organisation, name });
const noticesAbout = async (u: U, id: number) =>
  (await listNotifications(db(), u.id)).filter((n) => n.link === `/projekte/${id}` && (n.message_key === MEMBER_KEY || n.message_key === LEAD_KEY)).sort((a, b) => a.id - b.id);
const roleId = async (u: U, role: string) =>
  (await db().selectFrom("role_assignments").select("id").where("user_id", "=", u.id).where("role", "=", role).executeTakeFirstOrThrow()).id;

async function texts(n: { message_key: string; params: Record<string, string> }) {
  const i18n = i18next.createInstance();
  await i18n.init({ ...i18nConfig, lng: "de" });
  return [i18n.getFixedT("de")(n.message_key, n.params), i18n.getFixedT("en")(n.message_key, n.params)];
}

describe(`a team member stops qualifying for project teams (${dialectUnderTest})`, () => {
  it("a board seat: the project lead is told, naming project, person and reason, in German and English, linking to the project", async () => {
    const sabine = await member();
    const { id, lead, title } = await project([[sabine, "specialist"]]);
    await addRole(db(), admin.actor, sabine.id, "board");

    const notices = await noticesAbout(lead, id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "project",
      message_key: MEMBER_KEY,
      link: `/projekte/${id}`,
      read_at: null,
      params: { project: title, name: "Sabine Brück", reason: "board", personId: String(sabine.id) },
    });
    expect(await texts(notices[0])).toEqual([
      `Sabine Brück erfüllt die Regel für Projektteams nicht mehr (Mitglied des Aufsichtsrats) und steht weiter im Team von „${title}“. Bitte prüfen Sie, ob eine andere Person die Aufgabe übernehmen soll.`,
      `Sabine Brück no longer meets the rule for project teams (supervisory board member) and is still in the team of “${title}”. Please check whether someone else should take over the task.`,
    ]);
    // Nobody else: not management, not the admin who made the change, not the person.
    for (const u of [julia, stefan, admin, sabine]) expect(await noticesAbout(u, id)).toEqual([]);
    // The person stays in the team.
    const team = await db().selectFrom("project_members").select("user_id").where("project_id", "=", id).execute();
    expect(team.map((m) => m.user_id)).toContain(sabine.id);
  });

  it("losing the last working role: the project lead is told (no role left for project work)", async () => {
    const markus = await createUser(db(), { organisation: OFFICE, roles: ["requirements_manager", "admin"], name: "Markus Weber" });
    const { id, lead, title } = await project([[markus, "technical"]]);
    await removeRole(db(), admin.actor, markus.id, await roleId(markus, "requirements_manager"));

    const notices = await noticesAbout(lead, id);
    expect(notices.map((n) => [n.message_key, n.params])).toEqual([[MEMBER_KEY, { project: title, name: "Markus Weber", reason: "noRole", personId: String(markus.id) }]]);
    expect((await texts(notices[0]))[0]).toContain("(keine Rolle mehr für die Projektarbeit)");
  });

  it("deactivation: the project lead of every open project the person is in is told once per project", async () => {
    const tom = await member("Thomas Wagner", "Völklingen");
    const first = await project([
      [tom, "specialist"],
      [tom, "test"],
    ]);
    const second = await project([[tom, "technical"]]);
    await setUserActive(db(), admin.actor, tom.id, false);

    for (const p of [first, second]) {
      const notices = await noticesAbout(p.lead, p.id);
      expect(notices.map((n) => [n.message_key, n.params])).toEqual([[MEMBER_KEY, { project: p.title, name: "Thomas Wagner", reason: "inactive", personId: String(tom.id) }]]);
    }
    expect((await texts((await noticesAbout(first.lead, first.id))[0]))[1]).toContain("(account no longer active)");
  });

  it("anonymisation: the project lead is told under the neutral name; the real name appears in no notice", async () => {
    const anna = await member("Anna Schmidt");
    const { id, lead, title } = await project([[anna, "test"]]);
    await anonymiseUser(db(), admin.actor, anna.id);

    const notices = await noticesAbout(lead, id);
    expect(notices.map((n) => [n.message_key, n.params])).toEqual([
      [MEMBER_KEY, { project: title, name: `Ehemalige Person ${anna.id}`, reason: "inactive", personId: String(anna.id) }],
    ]);
    expect(JSON.stringify(await listNotifications(db(), lead.id))).not.toContain("Anna Schmidt");
  });

  it("anonymising someone deactivated earlier renames them in the earlier notice and sends no second one", async () => {
    const jonas = await member("Jonas Becker", "Homburg");
    const { id, lead } = await project([[jonas, "specialist"]]);
    await setUserActive(db(), admin.actor, jonas.id, false);
    expect((await noticesAbout(lead, id)).map((n) => n.params.name)).toEqual(["Jonas Becker"]);

    await anonymiseUser(db(), admin.actor, jonas.id);
    const notices = await noticesAbout(lead, id);
    expect(notices.map((n) => [n.params.name, n.params.reason])).toEqual([[`Ehemalige Person ${jonas.id}`, "inactive"]]);
    expect(JSON.stringify(await listNotifications(db(), lead.id))).not.toContain("Jonas Becker");
  });

  it("tells nobody while the person still qualifies, nor when someone who already did not qualify changes further", async () => {
    // Office staff: association roles are only given within the association's office.
    const petra = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["member_staff", "member_lead"], name: "Petra Klein" });
    const boardMember = await member("Klaus Zimmermann");
    const { id, lead } = await project([
      [petra, "specialist"],
      [boardMember, "test"],
    ]);
    // Still qualifying: another working role, one of two working roles removed, an admin role on top.
    await addRole(db(), admin.actor, petra.id, "requirements_manager");
    await removeRole(db(), admin.actor, petra.id, await roleId(petra, "member_lead"));
    await addRole(db(), admin.actor, petra.id, "admin");
    // Reactivating never ends eligibility; deactivating someone in no project tells nobody.
    const outsider = await member("Außenstehende Person");
    await setUserActive(db(), admin.actor, outsider.id, false);
    await setUserActive(db(), admin.actor, outsider.id, true);
    expect(await noticesAbout(lead, id)).toEqual([]);

    // A board seat ends eligibility once; deactivating, then anonymising, the same person afterwards tells nobody again.
    await addRole(db(), admin.actor, boardMember.id, "board");
    await setUserActive(db(), admin.actor, boardMember.id, false);
    await anonymiseUser(db(), admin.actor, boardMember.id);
    expect((await noticesAbout(lead, id)).map((n) => n.params.reason)).toEqual(["board"]);
  });

  it("tells nothing for closed, stopped or rejected projects", async () => {
    const eva = await member("Eva Roth");
    const closed = await project([[eva, "specialist"]]);
    for (const to of ["planning", "execution", "closed"] as const) await changePhase(db(), julia.actor, closed.id, to);
    const stopped = await project([[eva, "technical"]]);
    await changePhase(db(), julia.actor, stopped.id, "stopped", "Das Land stellt eine Lösung bereit.");
    // Above the board threshold, without votes until the deadline: the board rejects it, the lead stays.
    const rejectedLead = await member("Rita Ablehnung");
    const c = await prioritisedCandidate(db(), [filer.actor]);
    const { id: rejected } = await proposeProject(db(), julia.actor, proposalInput([c.id], rejectedLead.id, { budget: 900_000_000 }));
    await approveProject(db(), julia.actor, rejected);
    await approveProject(db(), stefan.actor, rejected);
    await concludeResolution(db(), julia.actor, rejected, "2999-01-01T00:00:00.000Z");
    expect((await findProject(db(), rejected)).status).toBe("rejected");

    await setUserActive(db(), admin.actor, eva.id, false);
    await addRole(db(), admin.actor, rejectedLead.id, "board");
    for (const p of [closed, stopped]) expect(await noticesAbout(p.lead, p.id)).toEqual([]);
    for (const u of [julia, stefan]) expect(await noticesAbout(u, rejected)).toEqual([]);
  });

  it("does not repeat a notice the lead has not read yet; once read, a new loss is news", async () => {
    const lara = await member("Lara Neu");
    const { id, lead } = await project([[lara, "test"]]);
    for (let i = 0; i < 3; i++) {
      await setUserActive(db(), admin.actor, lara.id, false);
      await setUserActive(db(), admin.actor, lara.id, true);
    }
    const [first] = await noticesAbout(lead, id);
    expect(await noticesAbout(lead, id)).toHaveLength(1);

    // Another reason is news even while the first is unread.
    await addRole(db(), admin.actor, lara.id, "board");
    expect((await noticesAbout(lead, id)).map((n) => n.params.reason).sort()).toEqual(["board", "inactive"]);

    await markRead(db(), lead.id, first.id);
    await removeRole(db(), admin.actor, lara.id, await roleId(lara, "board"));
    await setUserActive(db(), admin.actor, lara.id, false);
    expect((await noticesAbout(lead, id)).filter((n) => n.read_at === null).map((n) => n.params.reason).sort()).toEqual(["board", "inactive"]);
  });
});

describe(`a project lead stops qualifying (${dialectUnderTest})`, () => {
  it("management is told (not the lead, not whoever made the change), for pending and running projects", async () => {
    const running = await project();
    await addRole(db(), admin.actor, running.lead.id, "board");
    for (const u of [julia, stefan, adminManager]) {
      const notices = await noticesAbout(u, running.id);
      expect(notices.map((n) => [n.message_key, n.params])).toEqual([
        [LEAD_KEY, { project: running.title, name: "Lena Leitner", reason: "board", personId: String(running.lead.id) }],
      ]);
    }
    expect(await texts((await noticesAbout(julia, running.id))[0])).toEqual([
      `Lena Leitner erfüllt die Regel für Projektleitungen nicht mehr (Mitglied des Aufsichtsrats) und hat weiter die Projektleitung von „${running.title}“. Bitte prüfen Sie, ob die Leitung übergeben werden soll.`,
      `Lena Leitner no longer meets the rule for project leads (supervisory board member) and still leads “${running.title}”. Please check whether the lead should be handed over.`,
    ]);
    expect(await noticesAbout(running.lead, running.id)).toEqual([]);

    // A proposal still waiting for approval; the change made by an admin who also manages.
    const pending = await project([], { approve: false });
    await setUserActive(db(), adminManager.actor, pending.lead.id, false);
    for (const u of [julia, stefan]) expect((await noticesAbout(u, pending.id)).map((n) => [n.message_key, n.params.reason])).toEqual([[LEAD_KEY, "inactive"]]);
    expect(await noticesAbout(adminManager, pending.id)).toEqual([]);

    // A lead from management is not told of themselves; the other managers are.
    const managerLead = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
    const own = await project([], { lead: managerLead });
    await addRole(db(), admin.actor, managerLead.id, "board");
    for (const u of [julia, stefan, adminManager]) expect((await noticesAbout(u, own.id)).map((n) => n.message_key)).toEqual([LEAD_KEY]);
    expect(await noticesAbout(managerLead, own.id)).toEqual([]);
  });

  it("a member's loss goes to management while the project's lead is no longer active", async () => {
    const moritz = await member("Moritz Team");
    const { id, lead } = await project([[moritz, "technical"]]);
    await setUserActive(db(), admin.actor, lead.id, false);
    await addRole(db(), admin.actor, moritz.id, "board");
    for (const u of [julia, stefan]) {
      expect((await noticesAbout(u, id)).map((n) => [n.message_key, n.params.name, n.params.reason])).toEqual([
        [LEAD_KEY, "Lena Leitner", "inactive"],
        [MEMBER_KEY, "Moritz Team", "board"],
      ]);
    }
    expect(await noticesAbout(lead, id)).toEqual([]);
  });
});

describe(`the project page names a lead who no longer qualifies (${dialectUnderTest})`, () => {
  it("shows management the reason on a proposal and on a running project, and nobody who cannot hand the lead over", async () => {
    const proposal = await project([], { approve: false });
    const running = await project();
    expect((await getProjectDetail(db(), julia.actor, proposal.id)).lead).toMatchObject({ id: proposal.lead.id, ineligible: null });
    await addRole(db(), admin.actor, proposal.lead.id, "board");
    await setUserActive(db(), admin.actor, running.lead.id, false);
    expect((await getProjectDetail(db(), julia.actor, proposal.id)).lead).toMatchObject({ id: proposal.lead.id, ineligible: "board" });
    expect((await getProjectDetail(db(), stefan.actor, running.id)).lead).toMatchObject({ id: running.lead.id, ineligible: "inactive" });
    // Someone who only reads the page is not told about another person's account.
    expect((await getProjectDetail(db(), filer.actor, running.id)).lead?.ineligible).toBeNull();
  });
});
