import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { useFieldError } from "#app/components/forms";
import { BoardSection } from "#app/components/projects/BoardSection";
import { ProjectNote, ProjectStageBadge, RequirementOutcomeSection } from "#app/components/projects/ProjectBits";
import { TimelineSection } from "#app/components/projects/TimelineSection";
import * as resolutionsPage from "#app/routes/umlaufverfahren";
import * as cockpitPage from "#app/routes/cockpit._index";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { noticeText } from "#app/modules/notifications/notices";
import { TimelineTitle } from "#app/components/requirements/TimelineTitle";
import { loadActor } from "#app/modules/auth/session.server";
import { listNotifications } from "#app/modules/notifications/notifications.server";
import { getOverview } from "#app/modules/home/overview.server";
import { dashboardCsv, getDashboard } from "#app/modules/projects/dashboard.server";
import { requirementOutcome } from "#app/modules/projects/outcome.server";
import {
  addMilestone,
  addStatusReport,
  addTeamMember,
  approveProject,
  changePhase,
  commentOnResolution,
  completeMilestone,
  concludeResolution,
  findProject,
  involvedUserIds,
  proposeProject,
  setRollout,
  voteOnResolution,
  votingBoardMemberIds,
} from "#app/modules/projects/projects.server";
import { getProjectDetail, listProjects, listPromotableCandidates, listResolutions } from "#app/modules/projects/queries.server";
import { exportRequirements, getRequirementDetail, listRequirements } from "#app/modules/requirements/queries.server";
import { cosignRequirement } from "#app/modules/requirements/requirements.server";
import { listFilterSchema } from "#app/modules/requirements/schema";
import { getProjectSettings, updateProjectSettings } from "#app/modules/settings/settings.server";
import type { AppError } from "#app/utils/errors.server";
import { loader as requirementLoader } from "#app/routes/anforderungen.$id._index";
import { loader as candidateLoader } from "#app/routes/kandidaten.$id";
import * as projectRoute from "#app/routes/projekte.$id";
import { loader as projectLoader } from "#app/routes/projekte.$id";
import { postAction } from "#tests/factories/access";
import { createUser, requestAs } from "#tests/factories/index";
import { planned, prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { atTime } from "#db/client.server";
import { berlinToday } from "#app/utils/time";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { renderRoute } from "#tests/helpers/render";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

/** A field message as the page shows it (key and values translated). */
function FieldMessage({ message }: { message: string }) {
  return createElement("p", null, useFieldError()([message]));
}

const OFFICE = "eGo-Saar Geschäftsstelle";
type U = Awaited<ReturnType<typeof createUser>>;
let julia: U, stefan: U, admin: U, sbStaff: U, sbLead: U, homburgStaff: U, homburgLead: U, merzigStaff: U, lead: U;

beforeAll(async () => {
  julia = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  stefan = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  admin = await createUser(db(), { organisation: OFFICE, roles: ["admin"] });
  sbStaff = await createUser(db(), { organisation: "Saarbrücken" });
  sbLead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
  homburgStaff = await createUser(db(), { organisation: "Homburg" });
  homburgLead = await createUser(db(), { organisation: "Homburg", roles: ["member_lead"] });
  merzigStaff = await createUser(db(), { organisation: "Merzig" });
  lead = await createUser(db(), { organisation: "Völklingen" });
});

async function rowCount(table: "project_approvals" | "board_votes" | "project_events" | "milestones" | "projects", projectId?: number) {
  let q = db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n"));
  if (projectId !== undefined) q = q.where(table === "projects" ? "id" : "project_id", "=", projectId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** A proposed project behind requirements of Saarbrücken and Homburg (co-signed by Merzig). */
async function proposed(overrides: Parameters<typeof proposalInput>[2] = {}, creator: U = julia) {
  const c = await prioritisedCandidate(db(), [sbStaff.actor, homburgStaff.actor]);
  await cosignRequirement(db(), merzigStaff.actor, c.requirementIds[1], {});
  const { id } = await proposeProject(db(), creator.actor, proposalInput([c.id], lead.id, overrides));
  return { id, candidate: c };
}

async function approvedProject(overrides: Parameters<typeof proposalInput>[2] = {}) {
  const p = await proposed(overrides);
  await approveProject(db(), julia.actor, p.id);
  await approveProject(db(), stefan.actor, p.id);
  return p;
}

describe(`proposal (${dialectUnderTest})`, () => {
  it("promotes prioritised candidates: candidate promoted, requirements in project with timeline rows, organisations notified", async () => {
    const { id, candidate } = await proposed({ title: "E-Rechnung gemeinsam" });
    const c = await db().selectFrom("candidates").select("status").where("id", "=", candidate.id).executeTakeFirstOrThrow();
    expect(c.status).toBe("promoted");
    const reqs = await db().selectFrom("requirements").select(["id", "status"]).where("id", "in", candidate.requirementIds).execute();
    expect(reqs.map((r) => r.status)).toEqual(["in_project", "in_project"]);
    const events = await db().selectFrom("requirement_events").select(["from_status", "to_status"]).where("requirement_id", "in", candidate.requirementIds).where("to_status", "=", "in_project").execute();
    expect(events).toHaveLength(2);
    expect(events[0].from_status).toBe("bundled");
    const p = await findProject(db(), id);
    expect(p.status).toBe("requested");
    expect(p.phase).toBeNull();
    // Filers, co-signers and the other manager hear of it; the creator does not notify herself.
    for (const u of [sbStaff, homburgLead, merzigStaff]) {
      expect((await listNotifications(db(), u.id)).some((n) => n.message_key === "projects:notifications.proposed" && n.link === `/projekte/${id}`)).toBe(true);
    }
    expect((await listNotifications(db(), stefan.id)).some((n) => n.message_key === "projects:notifications.approvalNeeded")).toBe(true);
    expect((await listNotifications(db(), lead.id)).some((n) => n.message_key === "projects:notifications.lead")).toBe(true);
    expect((await listNotifications(db(), julia.id)).some((n) => n.link === `/projekte/${id}`)).toBe(false);
  });

  it("refuses non-managers, candidates that are not prioritised, and an inactive lead; nothing is created", async () => {
    const before = await rowCount("projects");
    const c = await prioritisedCandidate(db(), [sbStaff.actor]);
    expect((await errorOf(proposeProject(db(), sbLead.actor, proposalInput([c.id], lead.id)))).status).toBe(403);
    expect((await errorOf(proposeProject(db(), admin.actor, proposalInput([c.id], lead.id)))).status).toBe(403);
    const open = await prioritisedCandidate(db(), [homburgStaff.actor]);
    await db().updateTable("candidates").set({ status: "open" }).where("id", "=", open.id).execute();
    const e = await errorOf(proposeProject(db(), julia.actor, proposalInput([c.id, open.id], lead.id)));
    expect([e.status, e.messageKey]).toEqual([409, "projects:errors.candidatesNotPrioritised"]);
    const inactive = await createUser(db(), { organisation: "Homburg", active: false });
    expect((await errorOf(proposeProject(db(), julia.actor, proposalInput([c.id], inactive.id)))).messageKey).toBe("projects:validation.leadIneligible");
    expect(await rowCount("projects")).toBe(before);
    // The first candidate was not half-promoted by the refused attempt.
    expect((await db().selectFrom("candidates").select("status").where("id", "=", c.id).executeTakeFirstOrThrow()).status).toBe("prioritised");
    // A candidate can become a project only once.
    await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id));
    expect((await errorOf(proposeProject(db(), stefan.actor, proposalInput([c.id], lead.id)))).status).toBe(409);
  });
});

describe(`four-eyes approval (${dialectUnderTest})`, () => {
  // Reading: creating is not approving; the creator may give one of the two approvals.
  it("lets the creator give one approval, refuses her second, and approves with a different manager", async () => {
    const { id } = await proposed({ budget: 10_000 });
    expect((await approveProject(db(), julia.actor, id)).outcome).toBe("pending");
    const twice = await errorOf(approveProject(db(), julia.actor, id));
    expect([twice.status, twice.messageKey]).toEqual([409, "projects:errors.alreadyApproved"]);
    expect(await rowCount("project_approvals", id)).toBe(1);
    expect((await findProject(db(), id)).status).toBe("requested");
    expect((await approveProject(db(), stefan.actor, id)).outcome).toBe("approved");
    const p = await findProject(db(), id);
    expect([p.status, p.phase]).toEqual(["approved", "initiation"]);
    expect(await rowCount("project_approvals", id)).toBe(2);
    const third = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
    expect((await errorOf(approveProject(db(), third.actor, id))).messageKey).toBe("projects:errors.notPending");
    expect((await listNotifications(db(), sbStaff.id)).some((n) => n.message_key === "projects:notifications.approved" && n.link === `/projekte/${id}`)).toBe(true);
  });

  it("refuses approval by anyone without the management role", async () => {
    const { id } = await proposed();
    for (const u of [sbLead, admin, await createUser(db(), { organisation: "Landkreis Saarlouis", roles: ["board"] })]) {
      expect((await errorOf(approveProject(db(), u.actor, id))).status).toBe(403);
    }
    expect(await rowCount("project_approvals", id)).toBe(0);
  });

  it("records a double-clicked approval once", async () => {
    const { id } = await proposed();
    const results = await Promise.allSettled([approveProject(db(), stefan.actor, id), approveProject(db(), stefan.actor, id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).messageKey).toBe("projects:errors.alreadyApproved");
    expect(await rowCount("project_approvals", id)).toBe(1);
  });
});

describe(`board circular resolution (${dialectUnderTest})`, () => {
  let voters: U[];
  let ssgt: U;
  beforeAll(async () => {
    voters = [];
    for (const org of ["Landkreis Saarlouis", "Saarpfalz-Kreis", "Landkreis Neunkirchen"]) voters.push(await createUser(db(), { organisation: org, roles: ["board"] }));
    ssgt = await createUser(db(), { organisation: "Saarländischer Städte- und Gemeindetag (SSGT)", roles: ["board"] });
  });

  /** Every voting board member in this database (other tests add some too). */
  async function allVoters() {
    const ids = await votingBoardMemberIds(db());
    return Promise.all(
      ids.map(async (id) => {
        const u = await db().selectFrom("users").select("organisation_id").where("id", "=", id).executeTakeFirstOrThrow();
        return loadActor(db(), id, u.organisation_id);
      }),
    );
  }

  it("opens above the threshold after both approvals, with a deadline", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const { id } = await proposed({ budget: boardThreshold + 1 });
    expect((await approveProject(db(), julia.actor, id)).outcome).toBe("pending");
    // The second approval at 02:31 at night, Berlin time: the vote runs to the end of the day 14 days on (settings), not to 02:31.
    expect((await atTime(Date.parse("2030-12-07T01:31:00Z"), () => approveProject(db(), stefan.actor, id))).outcome).toBe("board");
    const p = await findProject(db(), id);
    expect(p.status).toBe("board_vote");
    expect(p.board_required).toBe(1);
    expect(p.board_opened_at).toBe("2030-12-07T01:31:00.000Z");
    expect(p.board_deadline).toBe("2030-12-21T22:59:59.999Z");
    expect((await listNotifications(db(), voters[0].id)).some((n) => n.message_key === "projects:notifications.boardOpenedUntil")).toBe(true);
  });

  it("refuses a non-board user, a non-voting member, a second vote and a vote after the deadline; nothing is recorded twice", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const { id } = await proposed({ budget: boardThreshold + 50_000 });
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);

    const notBoard = await errorOf(voteOnResolution(db(), julia.actor, id, "yes"));
    expect([notBoard.status, notBoard.messageKey]).toEqual([403, "projects:errors.notBoard"]);
    expect((await errorOf(voteOnResolution(db(), sbLead.actor, id, "yes"))).status).toBe(403);
    const nonVoting = await errorOf(voteOnResolution(db(), ssgt.actor, id, "no"));
    expect([nonVoting.status, nonVoting.messageKey]).toEqual([409, "projects:errors.notVoting"]);
    // … but SSGT may comment, and sees the resolution.
    await commentOnResolution(db(), ssgt.actor, id, "Der SSGT unterstützt das Vorhaben.");
    expect((await listResolutions(db(), ssgt.actor)).open.map((r) => r.id)).toContain(id);
    expect((await listResolutions(db(), ssgt.actor)).votingMember).toBe(false);

    await voteOnResolution(db(), voters[0].actor, id, "yes");
    const again = await errorOf(voteOnResolution(db(), voters[0].actor, id, "no"));
    expect([again.status, again.messageKey]).toEqual([409, "projects:errors.alreadyVoted"]);
    expect(await rowCount("board_votes", id)).toBe(1);
    expect((await db().selectFrom("board_votes").select("vote").where("project_id", "=", id).executeTakeFirstOrThrow()).vote).toBe("yes");

    const p = await findProject(db(), id);
    const late = new Date(Date.parse(p.board_deadline!) + 1000).toISOString();
    const tooLate = await errorOf(voteOnResolution(db(), voters[1].actor, id, "no", late));
    expect([tooLate.status, tooLate.messageKey]).toEqual([409, "projects:errors.deadlinePassed"]);
    expect(await rowCount("board_votes", id)).toBe(1);

    // Management records the result after the deadline: 1 yes, 0 no → adopted.
    expect((await errorOf(concludeResolution(db(), julia.actor, id))).messageKey).toBe("projects:errors.resolutionRunning");
    expect((await concludeResolution(db(), julia.actor, id, late)).result).toBe("adopted");
    const after = await findProject(db(), id);
    expect([after.status, after.phase, after.board_result]).toEqual(["approved", "initiation", "adopted"]);
    expect((await listResolutions(db(), julia.actor)).forMeeting.map((r) => r.id)).toContain(id);
    expect((await errorOf(voteOnResolution(db(), voters[2].actor, id, "yes"))).messageKey).toBe("projects:errors.notOpen");
  });

  it("keeps a board member out of the vote on a project they approved: refused, not counted, not asked", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    // A manager who also holds a board seat approves the project for management.
    const marta = await createUser(db(), { organisation: OFFICE, roles: ["management", "board"] });
    const { id } = await proposed({ budget: boardThreshold + 10_000 });
    await approveProject(db(), marta.actor, id);
    expect((await approveProject(db(), julia.actor, id)).outcome).toBe("board");
    expect([...(await involvedUserIds(db(), [id])).get(id)!].sort((a, b) => a - b)).toEqual([julia.id, lead.id, marta.id].sort((a, b) => a - b));
    const everyone = await allVoters();
    expect(everyone.map((a) => a.userId)).toContain(marta.id);
    const others = everyone.filter((a) => a.userId !== marta.id);

    const refused = await errorOf(voteOnResolution(db(), marta.actor, id, "yes"));
    expect([refused.status, refused.messageKey]).toEqual([409, "projects:errors.involved"]);
    expect(await rowCount("board_votes", id)).toBe(0);
    const detail = await getProjectDetail(db(), marta.actor, id);
    expect([detail.may.vote, detail.board.involved, detail.board.votingMembers]).toEqual([false, true, others.length]);
    const mine = (await listResolutions(db(), marta.actor)).open.find((r) => r.id === id)!;
    expect([mine.involved, mine.votingMembers]).toEqual([true, others.length]);
    expect((await getOverview(db(), marta.actor)).tasks.find((t) => t.key === "votes")?.items.map((i) => i.id) ?? []).not.toContain(id);
    expect((await getDashboard(db(), julia.actor)).waiting.votes.find((v) => v.id === id)?.voters).toBe(others.length);
    // For the others nothing changes: they vote, and the last of them concludes the resolution.
    const theirs = (await listResolutions(db(), others[0])).open.find((r) => r.id === id)!;
    expect([theirs.involved, theirs.votingMembers]).toEqual([false, others.length]);
    let last: { concluded: string | null } = { concluded: null };
    for (const actor of others) last = await voteOnResolution(db(), actor, id, "yes");
    expect(last.concluded).toBe("adopted");
  });

  it("shows who voted how only to the board, management and dashboard readers: a requesting clerk sees neither count nor voter until the result", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const { id } = await proposed({ budget: boardThreshold + 20_000 });
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    const everyone = await allVoters();
    const [first, ...rest] = everyone;
    await voteOnResolution(db(), first, id, "no");
    const firstName = (await db().selectFrom("users").select("name").where("id", "=", first.userId).executeTakeFirstOrThrow()).name;
    /** The project page's loader data as the browser receives it. */
    const page = async (userId: number) => {
      const request = await requestAs(db(), userId, `/projekte/${id}`);
      return (await projectLoader({ request, params: { id: String(id) }, context: {} } as never)).project;
    };

    // The clerk of a requesting municipality: the resolution runs, nothing tells who voted or how.
    const clerk = await page(sbStaff.id);
    expect(clerk.status).toBe("board_vote");
    expect([clerk.board.tally, clerk.board.votes, clerk.board.result]).toEqual([null, [], null]);
    expect(clerk.events.map((e) => e.kind)).not.toContain("vote");
    expect(JSON.stringify(clerk)).not.toContain(firstName);
    // Board members, management and an admin with the dashboard keep the count, the names and the history.
    const board = everyone.find((a) => a.userId !== first.userId)!;
    for (const userId of [board.userId, julia.id, admin.id]) {
      const seen = await page(userId);
      expect(seen.board.tally).toMatchObject({ yes: 0, no: 1, abstain: 0 });
      expect(seen.board.votes.map((v) => [v.name, v.vote])).toEqual([[firstName, "no"]]);
      expect(seen.events.filter((e) => e.kind === "vote").map((e) => e.actorName)).toEqual([firstName]);
    }

    // Once the resolution has a result, the clerk sees it and its count, still without voters.
    for (const actor of rest) await voteOnResolution(db(), actor, id, "yes");
    const after = await page(sbStaff.id);
    expect(after.board.result).toBe("adopted");
    expect(after.board.tally).toMatchObject({ yes: rest.length, no: 1 });
    expect(after.events.map((e) => e.kind)).toContain("board_result");
    expect(after.events.map((e) => e.kind)).not.toContain("vote");
    expect(JSON.stringify(after)).not.toContain(firstName);
  });

  it("concludes with the last vote; a tie rejects and hands the candidate back as prioritised", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const { id, candidate } = await proposed({ budget: boardThreshold * 2 });
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    const everyone = await allVoters();
    // Half yes, half no (an odd member abstains): no majority.
    const half = Math.floor(everyone.length / 2);
    let last: { concluded: string | null } = { concluded: null };
    for (const [i, actor] of everyone.entries()) {
      const vote = i < half ? "yes" : i < 2 * half ? "no" : "abstain";
      last = await voteOnResolution(db(), actor, id, vote);
      if (i < everyone.length - 1) expect(last.concluded).toBeNull();
    }
    expect(last.concluded).toBe("rejected");
    const p = await findProject(db(), id);
    expect([p.status, p.board_result]).toEqual(["rejected", "rejected"]);
    expect((await db().selectFrom("candidates").select("status").where("id", "=", candidate.id).executeTakeFirstOrThrow()).status).toBe("prioritised");
    const reqs = await db().selectFrom("requirements").select("status").where("id", "in", candidate.requirementIds).execute();
    expect(reqs.every((r) => r.status === "prioritised")).toBe(true);
    // The organisations behind it hear the count and what the rejection leaves, as after management's decline.
    const t = await i18nServer.getFixedT("de", "projects");
    const title = (await findProject(db(), id)).title;
    const yes = half, no = half, abstain = everyone.length - 2 * half;
    const rejectedNotices = (await listNotifications(db(), homburgStaff.id)).filter((n) => n.link === `/projekte/${id}` && n.message_key.startsWith("projects:notifications.boardRejected"));
    expect(rejectedNotices.map((n) => noticeText((key, options) => t(key, options) as string, n))).toEqual([
      `Der Aufsichtsrat hat das Projekt „${title}“ im Umlaufverfahren abgelehnt (Ja: ${yes}, Nein: ${no}, Enthaltungen: ${abstain}). Die Kandidaten und ihre Anforderungen sind wieder priorisiert und können erneut vorgeschlagen werden.`,
    ]);

    // Everywhere it is shown, the rejection names the board (a declined proposal names management).
    expect((await listProjects(db(), homburgStaff.actor)).find((x) => x.id === id)?.rejectedBy).toBe("board");
    expect((await getProjectDetail(db(), homburgStaff.actor, id)).rejectedBy).toBe("board");
    const outcome = await requirementOutcome(db(), homburgStaff.actor, candidate.requirementIds[1]);
    expect(outcome?.project?.rejectedBy).toBe("board");
    // The requirement page's „Was wurde aus unserer Anforderung?“ says the same.
    const section = await renderRoute("/anforderungen/1", () => createElement(RequirementOutcomeSection, { outcome, organisationName: "Homburg" }), {});
    expect(section.replace(/<[^>]+>/g, "")).toContain(
      `Abgelehnt (Aufsichtsrat) – vom Aufsichtsrat im Umlaufverfahren abgelehnt (Ja: ${yes}, Nein: ${no}, Enthaltungen: ${abstain}). Die Kandidaten und ihre Anforderungen sind wieder priorisiert und können erneut vorgeschlagen werden.`,
    );
    const note = await renderRoute("/anforderungen/1", () => createElement(ProjectNote, { project: outcome!.project! }), {});
    expect(note).toContain("vom Aufsichtsrat abgelehnt");
    expect(await renderRoute("/projekte", () => createElement(ProjectStageBadge, { status: "rejected", phase: null, rejectedBy: "board" }), {})).toContain(
      "Abgelehnt (Aufsichtsrat)",
    );
    const detail = await getRequirementDetail(db(), homburgStaff.actor, candidate.requirementIds[1]);
    const entry = detail.events.find((e) => e.kind === "status" && e.from_status === "in_project" && e.to_status === "prioritised")!;
    expect(await renderRoute("/anforderungen/1", () => createElement(TimelineTitle, { event: entry }), {})).toContain(
      "Projekt vom Aufsichtsrat im Umlaufverfahren abgelehnt; Status: Im Projekt → Priorisiert",
    );
  });

  it("reads „Nicht freigegeben – keine Mehrheit“ when everyone abstains: on the project page, in its history, on /umlaufverfahren and in the notices", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const { id } = await proposed({ budget: boardThreshold * 3 });
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    const everyone = await allVoters();
    let last: { concluded: string | null } = { concluded: null };
    for (const actor of everyone) last = await voteOnResolution(db(), actor, id, "abstain");
    // Not adopted (the rule stays: a simple majority of the votes cast), but nobody voted it down.
    expect(last.concluded).toBe("rejected");
    expect((await findProject(db(), id)).status).toBe("rejected");
    const n = everyone.length;
    const plain = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

    const detail = await getProjectDetail(db(), homburgStaff.actor, id);
    const page = plain(await renderRoute(`/projekte/${id}`, () => createElement(BoardSection, { p: detail }), {}));
    expect(page).toContain("Ergebnis Nicht freigegeben – keine Mehrheit");
    expect(page).toContain(`Ja: 0, Nein: 0, Enthaltung: ${n}`);
    expect(page).not.toContain("Abgelehnt");
    const history = plain(await renderRoute(`/projekte/${id}`, () => createElement(TimelineSection, { p: detail }), {}));
    expect(history).toContain(`Ergebnis des Umlaufverfahrens: Nicht freigegeben – keine Mehrheit (Ja 0, Nein 0, Enthaltung ${n})`);

    const resolutions = await listResolutions(db(), julia.actor);
    const list = plain(await renderRoute("/umlaufverfahren", resolutionsPage.default, resolutions as never));
    expect(list).toContain("Nicht freigegeben – keine Mehrheit");

    const t = await i18nServer.getFixedT("de", "projects");
    const title = (await findProject(db(), id)).title;
    for (const u of [homburgStaff, julia]) {
      const notices = (await listNotifications(db(), u.id)).filter((x) => x.link === `/projekte/${id}` && /boardRejected|boardNoMajority/.test(x.message_key));
      expect(notices.map((x) => noticeText((key, options) => t(key, options) as string, x))).toEqual([
        `Das Projekt „${title}“ ist im Umlaufverfahren des Aufsichtsrats nicht freigegeben – keine Mehrheit (Ja: 0, Nein: 0, Enthaltungen: ${n}). Die Kandidaten und ihre Anforderungen sind wieder priorisiert und können erneut vorgeschlagen werden.`,
      ]);
    }

    // The project list's badge and the project page's say the same, not „Abgelehnt (Aufsichtsrat)“.
    const row = (await listProjects(db(), homburgStaff.actor)).find((x) => x.id === id)!;
    expect(row.boardTally).toMatchObject({ yes: 0, no: 0, abstain: n });
    for (const tally of [row.boardTally, detail.board!.tally]) {
      const badge = plain(await renderRoute("/projekte", () => createElement(ProjectStageBadge, { status: "rejected", phase: null, rejectedBy: "board", boardTally: tally }), {}));
      expect(badge.trim().endsWith(" Keine Mehrheit")).toBe(true);
      expect(badge).not.toContain("Abgelehnt");
    }
    const candidateIds = (await db().selectFrom("project_candidates").select("candidate_id").where("project_id", "=", id).execute()).map((r) => r.candidate_id);
    const requirementId = (await db().selectFrom("candidate_requirements").select("requirement_id").where("candidate_id", "in", candidateIds).executeTakeFirstOrThrow()).requirement_id;
    const outcome = await requirementOutcome(db(), julia.actor, requirementId);
    const section = plain(await renderRoute("/anforderungen/1", () => createElement(RequirementOutcomeSection, { outcome, organisationName: "Homburg" }), {}));
    expect(section).toContain("Keine Mehrheit – im Umlaufverfahren des Aufsichtsrats nicht freigegeben – keine Mehrheit");
  });
});

describe(`running a project (${dialectUnderTest})`, () => {
  it("records phase changes; going back needs a reason; skipping forward and outsiders are refused", async () => {
    const { id, candidate } = await approvedProject();
    const events = () => rowCount("project_events", id);
    const before = await events();
    expect((await errorOf(changePhase(db(), sbLead.actor, id, "planning"))).status).toBe(403);
    expect((await errorOf(changePhase(db(), lead.actor, id, "execution"))).messageKey).toBe("projects:errors.phase_skipForward");
    await changePhase(db(), lead.actor, id, "planning");
    await changePhase(db(), julia.actor, id, "execution");
    const back = await errorOf(changePhase(db(), lead.actor, id, "planning", "  "));
    expect([back.status, back.messageKey, back.field]).toEqual([400, "projects:errors.phase_reasonRequired", "reason"]);
    expect((await findProject(db(), id)).phase).toBe("execution");
    expect(await events()).toBe(before + 2);
    await changePhase(db(), lead.actor, id, "planning", "Die Ausschreibung muss wiederholt werden.");
    const row = await db().selectFrom("project_events").selectAll().where("project_id", "=", id).where("kind", "=", "phase").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect([row.from_value, row.to_value, row.reason]).toEqual(["execution", "planning", "Die Ausschreibung muss wiederholt werden."]);
    await changePhase(db(), lead.actor, id, "execution");
    await changePhase(db(), lead.actor, id, "closed");
    const closed = await findProject(db(), id);
    expect(closed.closed_at).not.toBeNull();
    const reqs = await db().selectFrom("requirements").select("status").where("id", "in", candidate.requirementIds).execute();
    expect(reqs.every((r) => r.status === "done")).toBe(true);
    expect((await errorOf(changePhase(db(), lead.actor, id, "execution", "x"))).messageKey).toBe("projects:errors.phase_finished");
    expect((await listNotifications(db(), sbStaff.id)).some((n) => n.message_key === "projects:notifications.closed" && n.link === `/projekte/${id}`)).toBe(true);
  });

  it("refuses closing while milestones are open and names them; nothing changes; the closing question counts unreported rollouts", async () => {
    const { id, candidate } = await approvedProject();
    await changePhase(db(), lead.actor, id, "planning");
    await changePhase(db(), lead.actor, id, "execution");
    await addMilestone(db(), lead.actor, id, { title: "Pilotbetrieb", startDate: planned("02-01"), endDate: planned("03-01") });
    await addMilestone(db(), lead.actor, id, { title: "Schulung", startDate: planned("03-01"), endDate: planned("04-01") });
    await setRollout(db(), sbLead.actor, id, sbLead.organisationId, "operating");
    // Saarbrücken reported, Homburg and Merzig (co-signer) did not.
    expect((await getProjectDetail(db(), lead.actor, id)).unreportedRollouts).toBe(2);
    const events = await rowCount("project_events", id);

    const refused = await errorOf(changePhase(db(), lead.actor, id, "closed"));
    expect([refused.status, refused.field]).toEqual([409, "to"]);
    expect(refused.messageKey).toBe("projects:errors.phase_openMilestones?milestones=%E2%80%9EPilotbetrieb%E2%80%9C%2C+%E2%80%9ESchulung%E2%80%9C");
    const p = await findProject(db(), id);
    expect([p.phase, p.closed_at]).toEqual(["execution", null]);
    expect(await rowCount("project_events", id)).toBe(events);
    const inProject = await db().selectFrom("requirements").select("status").where("id", "in", candidate.requirementIds).execute();
    expect(inProject.every((r) => r.status === "in_project")).toBe(true);

    // The page's phase form shows the refusal at the phase field, naming the open milestones.
    const reply = await postAction(db(), projectRoute, lead.id, `/projekte/${id}`, { intent: "phase", to: "closed", confirm: "yes" }, { id: String(id) });
    expect([reply.status, reply.error?.to]).toEqual([409, [refused.messageKey]]);
    const message = await renderRoute(`/projekte/${id}`, () => createElement(FieldMessage, { message: refused.messageKey }), {});
    expect(message).toContain("Noch offene Meilensteine: „Pilotbetrieb“, „Schulung“. Bitte markieren Sie sie als erreicht, bevor Sie das Projekt abschließen.");

    const milestones = await db().selectFrom("milestones").select("id").where("project_id", "=", id).orderBy("id").execute();
    await completeMilestone(db(), lead.actor, id, milestones[0].id);
    const one = await errorOf(changePhase(db(), lead.actor, id, "closed"));
    expect(one.messageKey).toBe("projects:errors.phase_openMilestone?milestones=%E2%80%9ESchulung%E2%80%9C");
    await completeMilestone(db(), lead.actor, id, milestones[1].id);
    await changePhase(db(), lead.actor, id, "closed");
    expect((await findProject(db(), id)).phase).toBe("closed");
    expect((await db().selectFrom("requirements").select("status").where("id", "in", candidate.requirementIds).execute()).every((r) => r.status === "done")).toBe(true);
  });

  it("keeps the requirements „Im Projekt“ when a project with open milestones is stopped", async () => {
    const { id, candidate } = await approvedProject();
    await addMilestone(db(), lead.actor, id, { title: "Pilotbetrieb", startDate: planned("02-01"), endDate: planned("03-01") });
    await changePhase(db(), julia.actor, id, "stopped", "Das Land stellt eine Lösung bereit.");
    expect((await findProject(db(), id)).phase).toBe("stopped");
    const reqs = await db().selectFrom("requirements").select("status").where("id", "in", candidate.requirementIds).execute();
    expect(reqs.every((r) => r.status === "in_project")).toBe(true);
  });

  it("stops only with a reason, and a stopped project takes no more work", async () => {
    const { id } = await approvedProject();
    expect((await errorOf(changePhase(db(), julia.actor, id, "stopped"))).messageKey).toBe("projects:errors.phase_reasonRequired");
    await changePhase(db(), julia.actor, id, "stopped", "Das Land stellt eine Lösung bereit.");
    expect((await errorOf(addMilestone(db(), lead.actor, id, { title: "x", startDate: planned("01-01"), endDate: planned("01-02") }))).messageKey).toBe(
      "projects:errors.workClosed",
    );
    expect((await errorOf(setRollout(db(), sbLead.actor, id, sbLead.organisationId, "planned"))).messageKey).toBe("projects:errors.rolloutClosed");
  });

  it("refuses a milestone that ends before it starts, and marks one reached once", async () => {
    const { id } = await approvedProject();
    const before = await rowCount("milestones", id);
    const e = await errorOf(addMilestone(db(), lead.actor, id, { title: "Pilotbetrieb", startDate: planned("05-01"), endDate: planned("04-30") }));
    expect([e.status, e.messageKey, e.field]).toEqual([400, "projects:validation.milestoneEndBeforeStart", "endDate"]);
    expect(await rowCount("milestones", id)).toBe(before);
    expect((await errorOf(addMilestone(db(), sbStaff.actor, id, { title: "x", startDate: planned("05-01"), endDate: planned("05-02") }))).status).toBe(403);
    await addMilestone(db(), lead.actor, id, { title: "Pilotbetrieb", startDate: planned("05-01"), endDate: planned("05-01") });
    const m = await db().selectFrom("milestones").select("id").where("project_id", "=", id).executeTakeFirstOrThrow();
    await completeMilestone(db(), julia.actor, id, m.id);
    expect((await errorOf(completeMilestone(db(), julia.actor, id, m.id))).messageKey).toBe("projects:errors.milestoneDone");
  });

  it("keeps a team with roles and a status report history", async () => {
    const { id } = await approvedProject();
    await addTeamMember(db(), lead.actor, id, homburgStaff.id, "specialist");
    expect((await errorOf(addTeamMember(db(), lead.actor, id, homburgStaff.id, "specialist"))).messageKey).toBe("projects:errors.alreadyMember");
    await addTeamMember(db(), lead.actor, id, homburgStaff.id, "test");
    await addStatusReport(db(), lead.actor, id, { health: "amber", note: "Lieferverzug beim Dienstleister." });
    await addStatusReport(db(), julia.actor, id, { health: "green", note: "Wieder im Plan." });
    const detail = await getProjectDetail(db(), homburgStaff.actor, id);
    expect(detail.team.map((m) => m.role).sort()).toEqual(["project_lead", "specialist", "test"]);
    expect(detail.reports.map((r) => r.health)).toEqual(["green", "amber"]);
    expect(detail.health).toBe("green");
    expect(detail.may.run).toBe(false);
    expect((await getProjectDetail(db(), lead.actor, id)).may.run).toBe(true);
  });
});

describe(`rollout per organisation (${dialectUnderTest})`, () => {
  it("is kept by the organisation's lead for its own organisation or by the project lead, for filers and co-signers", async () => {
    const { id } = await approvedProject();
    const detail = await getProjectDetail(db(), julia.actor, id);
    expect(detail.rollout.map((r) => r.organisationName)).toEqual(["Homburg", "Merzig", "Saarbrücken"]);
    expect(detail.rollout.every((r) => r.status === "interested")).toBe(true);

    await setRollout(db(), sbLead.actor, id, sbLead.organisationId, "planned");
    expect((await errorOf(setRollout(db(), homburgLead.actor, id, sbLead.organisationId, "declined"))).status).toBe(403);
    expect((await errorOf(setRollout(db(), sbStaff.actor, id, sbLead.organisationId, "operating"))).status).toBe(403);
    expect((await errorOf(setRollout(db(), julia.actor, id, sbLead.organisationId, "operating"))).status).toBe(403);
    expect((await errorOf(setRollout(db(), sbLead.actor, id, sbLead.organisationId, "planned"))).messageKey).toBe("projects:errors.rolloutUnchanged");
    const merzig = detail.rollout.find((r) => r.organisationName === "Merzig")!;
    await setRollout(db(), lead.actor, id, merzig.organisationId, "operating");
    const other = await createUser(db(), { organisation: "Perl", roles: ["member_lead"] });
    expect((await errorOf(setRollout(db(), other.actor, id, other.organisationId, "planned"))).messageKey).toBe("projects:errors.notBehind");

    const sbView = await getProjectDetail(db(), sbLead.actor, id);
    const own = sbView.rollout.find((r) => r.own)!;
    expect([own.status, own.editable]).toEqual(["planned", true]);
    expect(sbView.rollout.find((r) => r.organisationName === "Homburg")?.editable).toBe(false);
    expect((await listNotifications(db(), lead.id)).some((n) => n.message_key === "projects:notifications.rollout" && n.params.organisation === "Saarbrücken")).toBe(true);

    // The requester's chain: candidate → decision → project → phase → own rollout.
    const [sbRequirement] = await db()
      .selectFrom("requirements")
      .select("requirements.id")
      .innerJoin("candidate_requirements", "candidate_requirements.requirement_id", "requirements.id")
      .innerJoin("project_candidates", "project_candidates.candidate_id", "candidate_requirements.candidate_id")
      .where("project_candidates.project_id", "=", id)
      .where("requirements.organisation_id", "=", sbLead.organisationId)
      .execute();
    const outcome = await requirementOutcome(db(), sbStaff.actor, sbRequirement.id);
    expect(outcome?.decision?.value).toBe("prioritised");
    expect(outcome?.project).toMatchObject({ id, status: "approved", phase: "initiation" });
    expect(outcome?.rollout).toEqual({ status: "planned", involved: true });
    const outsider = await createUser(db(), { organisation: "Perl" });
    expect((await requirementOutcome(db(), outsider.actor, sbRequirement.id))?.rollout).toEqual({ status: "interested", involved: false });
    // „Unsere Anforderung“ for the filing and the co-signing organisations only.
    expect(outcome?.ours).toBe(true);
    expect((await requirementOutcome(db(), outsider.actor, sbRequirement.id))?.ours).toBe(false);
    await cosignRequirement(db(), outsider.actor, sbRequirement.id, {});
    expect((await requirementOutcome(db(), outsider.actor, sbRequirement.id))?.ours).toBe(true);
  });
});

describe(`the requester's view of a proposed project (${dialectUnderTest})`, () => {
  /** What the requirement page loads for the given user. */
  async function requirementPage(user: U, requirementId: number) {
    const request = await requestAs(db(), user.id, `/anforderungen/${requirementId}`);
    const data = await requirementLoader({ request, params: { id: String(requirementId) }, context: {} } as never);
    return { status: data.requirement.status, project: data.outcome?.project ?? null };
  }

  // The requirement is "in_project" from the proposal on; the project's own state tells whether it is decided.
  it("carries the project's own state next to the requirement's status, from the proposal through approval", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const { id, candidate } = await proposed({ title: "E-Akte im Umlaufverfahren", budget: boardThreshold + 1 });
    const [sbRequirement] = candidate.requirementIds;
    expect(await requirementPage(sbStaff, sbRequirement)).toMatchObject({ status: "in_project", project: { id, title: "E-Akte im Umlaufverfahren", status: "requested", phase: null } });
    await approveProject(db(), julia.actor, id);
    expect((await requirementPage(sbLead, sbRequirement)).project).toMatchObject({ id, status: "requested" });
    await approveProject(db(), stefan.actor, id);
    expect(await requirementPage(sbStaff, sbRequirement)).toMatchObject({ status: "in_project", project: { id, status: "board_vote", phase: null } });

    const small = await approvedProject({ title: "E-Akte ohne Umlaufverfahren" });
    expect(await requirementPage(sbStaff, small.candidate.requirementIds[0])).toMatchObject({ status: "in_project", project: { id: small.id, status: "approved", phase: "initiation" } });
  });

  it("counts the organisations behind a candidate in the proposal form as its page does: filing and co-signing", async () => {
    const c = await prioritisedCandidate(db(), [sbStaff.actor, homburgStaff.actor], "Kandidat mit Mitzeichnung");
    await cosignRequirement(db(), merzigStaff.actor, c.requirementIds[0], {});
    const listed = (await listPromotableCandidates(db(), julia.actor)).find((x) => x.id === c.id);
    expect(listed).toMatchObject({ requirementCount: 2, organisationCount: 3 });
    const request = await requestAs(db(), julia.id, `/kandidaten/${c.id}`);
    const page = (await candidateLoader({ request, params: { id: String(c.id) }, context: {} } as never)) as { candidate: { facts: { organisationCount: number } } };
    expect(page.candidate.facts.organisationCount).toBe(3);
  });

  it("names the project on the candidate's page, for every member, from the proposal on", async () => {
    const { id, candidate } = await proposed({ title: "Kandidat führt zum Projekt", budget: 10_000 });
    const candidatePage = async (user: U) => {
      const request = await requestAs(db(), user.id, `/kandidaten/${candidate.id}`);
      return (await candidateLoader({ request, params: { id: String(candidate.id) }, context: {} } as never)) as { project: { id: number; title: string; status: string } | null };
    };
    expect((await candidatePage(sbStaff)).project).toMatchObject({ id, title: "Kandidat führt zum Projekt", status: "requested" });
    const outsider = await createUser(db(), { organisation: "Perl" });
    expect((await candidatePage(outsider)).project).toMatchObject({ id, status: "requested" });
    const other = await prioritisedCandidate(db(), [sbStaff.actor], "Kandidat ohne Projekt");
    const request = await requestAs(db(), sbStaff.id, `/kandidaten/${other.id}`);
    expect(((await candidateLoader({ request, params: { id: String(other.id) }, context: {} } as never)) as { project: unknown }).project).toBeNull();
  });

  it("marks „Im Projekt“ in the requirement lists while the project waits for approval, and no longer once it is approved", async () => {
    const { id, candidate } = await proposed({ title: "Liste mit offener Freigabe", budget: 10_000 });
    const [sbRequirement, homburgRequirement] = candidate.requirementIds;
    const inList = async (user: U, requirementId: number, scope: "all" | "own") =>
      (await listRequirements(db(), user.actor, listFilterSchema.parse({ status: "in_project" }), scope)).items.find((r) => r.id === requirementId);
    expect(await inList(sbStaff, sbRequirement, "own")).toMatchObject({ status: "in_project", projectPending: "requested" });
    expect(await inList(merzigStaff, homburgRequirement, "all")).toMatchObject({ status: "in_project", projectPending: "requested" });
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    expect(await inList(sbStaff, sbRequirement, "own")).toMatchObject({ status: "in_project", projectPending: null });
    expect(await inList(merzigStaff, homburgRequirement, "all")).toMatchObject({ projectPending: null });
  });

  it("names who decides next in the list and its CSV: management first, then the board above the threshold", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const { id, candidate } = await proposed({ title: "Liste vor dem Umlaufverfahren", budget: boardThreshold + 1 });
    const [sbRequirement] = candidate.requirementIds;
    const filter = listFilterSchema.parse({ status: "in_project" });
    const stage = async () => (await listRequirements(db(), sbStaff.actor, filter, "own")).items.find((r) => r.id === sbRequirement)?.projectPending;
    const exported = async () => (await exportRequirements(db(), sbStaff.actor, filter, "own")).find((r) => r.id === sbRequirement)?.projectPending;
    expect(await stage()).toBe("requested");
    expect(await exported()).toBe("requested");
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    expect(await stage()).toBe("board_vote");
    expect(await exported()).toBe("board_vote");
  });
});

describe(`dashboard and settings (${dialectUnderTest})`, () => {
  it("counts the pipeline, lists what waits and exports CSV; only for management, board and admin", async () => {
    const waiting = await proposed({ title: "Wartet auf Freigabe" });
    const { id } = await approvedProject({ title: "Mit überfälligem Meilenstein" });
    // Overdue: stored long ago (a new milestone may not lie in the past any more).
    await db()
      .insertInto("milestones")
      .values({ project_id: id, title: "Konzept", start_date: "2020-01-01", end_date: "2020-02-01", done_at: null, created_by: lead.id, created_at: "2019-12-01T09:00:00.000Z" })
      .execute();
    await addStatusReport(db(), lead.actor, id, { health: "red", note: "Kritisch." });
    const d = await getDashboard(db(), julia.actor);
    expect(d.requirementStages.find((s) => s.stage === "in_project")!.count).toBeGreaterThan(0);
    expect(d.projectStages.find((s) => s.stage === "requested")!.count).toBeGreaterThan(0);
    expect(d.waiting.approvals.map((a) => a.id)).toContain(waiting.id);
    // The cockpit counts the days waited apart from the approvals: „seit heute“, „seit 1 Tag“, „seit N Tagen“.
    const oneDay = await proposed({ title: "Wartet seit gestern" });
    const fiveDays = await proposed({ title: "Wartet seit fünf Tagen" });
    await approveProject(db(), julia.actor, fiveDays.id);
    // Noon in Berlin, `days` calendar days back.
    const ago = (days: number) => new Date(Date.parse(`${berlinToday(Date.now() - days * 86_400_000)}T11:00:00Z`)).toISOString();
    await db().updateTable("projects").set({ created_at: ago(1) }).where("id", "=", oneDay.id).execute();
    await db().updateTable("projects").set({ created_at: ago(5) }).where("id", "=", fiveDays.id).execute();
    const cockpit = (await renderRoute("/cockpit", cockpitPage.default, { dashboard: await getDashboard(db(), julia.actor) })).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(cockpit).toContain("Wartet auf Freigabe – 0 von 2 Freigaben, seit heute");
    expect(cockpit).toContain("Wartet seit gestern – 0 von 2 Freigaben, seit 1 Tag");
    expect(cockpit).toContain("Wartet seit fünf Tagen – 1 von 2 Freigaben, seit 5 Tagen");
    expect(d.waiting.milestones.find((m) => m.projectId === id)?.daysOverdue).toBeGreaterThan(300);
    expect(d.health.find((h) => h.health === "red")!.count).toBeGreaterThan(0);
    expect(d.organisations.map((o) => o.organisation)).toContain("Saarbrücken");
    expect(d.neverTookPart).toContain("Tholey");
    expect(d.leadTimes.find((l) => l.stage === "requested")!.count).toBeGreaterThan(0);
    const csv = dashboardCsv(d, (k) => k);
    expect(csv.startsWith("\uFEFFcsv.section;csv.category;csv.measure;csv.value\r\n")).toBe(true);
    expect(csv).toContain("Mit überfälligem Meilenstein: Konzept");
    await getDashboard(db(), admin.actor);
    await getDashboard(db(), (await createUser(db(), { organisation: "Landkreis Saarlouis", roles: ["board"] })).actor);
    expect((await errorOf(getDashboard(db(), sbLead.actor))).status).toBe(403);
  });

  it("lets only admins change the board threshold, with an audit row", async () => {
    expect((await errorOf(updateProjectSettings(db(), julia.actor, { boardThreshold: 1, voteDays: 3 }))).status).toBe(403);
    await updateProjectSettings(db(), admin.actor, { boardThreshold: 250_000, voteDays: 10 });
    expect(await getProjectSettings(db())).toEqual({ boardThreshold: 250_000, voteDays: 10 });
    await updateProjectSettings(db(), admin.actor, { boardThreshold: 100_000, voteDays: 14 });
    const audit = await db().selectFrom("audit_log").select("action").where("action", "=", "settings.projects").execute();
    expect(audit).toHaveLength(2);
  });
});
