import type { DbOrTx } from "#db/client.server";
import { can, type Actor } from "#app/modules/auth/permissions";
import { sortGerman } from "#app/modules/organisations/order";
import { seesConfidential, visibleTo } from "#app/modules/requirements/queries.server";
import { getProjectSettings } from "#app/modules/settings/settings.server";
import { forbidden } from "#app/utils/errors.server";
import { declineRefusal, isVotingOrganisationKind, tally, voteRefusal, type Vote } from "./approval";
import { currentIneligibility } from "./eligibility.server";
import {
  assignableUsersQuery,
  findProject,
  involvedUserIds,
  isProjectLead,
  leadCandidatesQuery,
  mayRunProject,
  projectOrganisationIds,
  projectVoterIds,
  votingBoardMemberIds,
} from "./projects.server";
import { leadChangeOpen, phaseChoices, projectIneligibility, rejectedBy, rolloutOpen, workOpen, type Phase, type RolloutStatus } from "./workflow";
import { MAX_ID } from "#app/utils/ids";
import { berlinToday } from "#app/utils/time";

const isTeamEvent = (kind: string) => kind === "member_added" || kind === "member_removed";

/** An event's detail for display, with people named as they are called now. */
function eventDetail(e: { kind: string; from_value: string | null; to_value: string | null; detail: string | null }, names: Map<string, string>): Record<string, unknown> {
  if (e.kind === "lead_changed") return { from: (e.from_value && names.get(e.from_value)) || null, to: (e.to_value && names.get(e.to_value)) || null };
  const d = parse(e.detail);
  if (!isTeamEvent(e.kind)) return d;
  const { name: _stored, ...rest } = d;
  return { ...rest, name: names.get(String(d.userId)) ?? null };
}

function parse(detail: string | null): Record<string, unknown> {
  if (!detail) return {};
  try {
    return JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function listProjects(db: DbOrTx, actor: Actor) {
  if (!can(actor, "view:portal")) throw forbidden();
  const rows = await db
    .selectFrom("projects")
    .leftJoin("users", "users.id", "projects.lead_user_id")
    .select([
      "projects.id",
      "projects.title",
      "projects.status",
      "projects.phase",
      "projects.board_result",
      "projects.health",
      "projects.budget_estimate",
      "projects.planned_start",
      "projects.planned_end",
      "projects.updated_at",
      "users.name as leadName",
    ])
    .orderBy("projects.updated_at", "desc")
    .orderBy("projects.id", "desc")
    .limit(1000)
    .execute();
  // The count of each board rejection (open to all once decided), so a resolution without a majority reads so.
  const boardRejected = rows.filter((r) => rejectedBy(r.status, r.board_result) === "board").map((r) => r.id);
  const votes = boardRejected.length ? await db.selectFrom("board_votes").select(["project_id", "vote"]).where("project_id", "in", boardRejected).execute() : [];
  const tallies = new Map(boardRejected.map((id) => [id, tally(votes.filter((v) => v.project_id === id).map((v) => v.vote as Vote))]));
  return rows.map(({ board_result, ...r }) => ({
    ...r,
    phase: r.phase as Phase | null,
    rejectedBy: rejectedBy(r.status, board_result),
    boardTally: tallies.get(r.id) ?? null,
  }));
}

/** Prioritised candidates a manager may promote, with their requirement and organisation counts. */
export async function listPromotableCandidates(db: DbOrTx, actor: Actor) {
  if (!can(actor, "manage:projects")) throw forbidden();
  const candidates = await db
    .selectFrom("candidates")
    .leftJoin("teams", "teams.id", "candidates.team_id")
    .select(["candidates.id", "candidates.title", "candidates.themenfeld", "teams.name as teamName"])
    .where("candidates.status", "=", "prioritised")
    .orderBy("candidates.id")
    .execute()
    .then((rows) => sortGerman(rows, (c) => c.title));
  const ids = candidates.map((c) => c.id);
  const members = ids.length
    ? await db
        .selectFrom("candidate_requirements")
        .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
        .select(["candidate_requirements.candidate_id", "requirements.id as requirementId", "requirements.organisation_id"])
        .where("candidate_requirements.candidate_id", "in", ids)
        .execute()
    : [];
  // Organisations behind a candidate count as on its page: those that filed and those that co-signed.
  const cosigns = members.length
    ? await db
        .selectFrom("endorsements")
        .select(["requirement_id", "organisation_id"])
        .where("requirement_id", "in", members.map((m) => m.requirementId))
        .execute()
    : [];
  return candidates.map((c) => {
    const mine = members.filter((m) => m.candidate_id === c.id);
    const requirementIds = new Set(mine.map((m) => m.requirementId));
    const organisations = new Set([...mine.map((m) => m.organisation_id), ...cosigns.filter((e) => requirementIds.has(e.requirement_id)).map((e) => e.organisation_id)]);
    return { ...c, requirementCount: mine.length, organisationCount: organisations.size };
  });
}

/**
 * People to choose a project lead or team member from (no board members, no admin-only accounts,
 * no inactive people), grouped by organisation in German order.
 */
export async function listAssignableUsers(db: DbOrTx) {
  return sortGerman(await assignableUsersQuery(db).orderBy("users.id").execute(), (u) => u.organisationName, (u) => u.name);
}

export async function getProposalForm(db: DbOrTx, actor: Actor) {
  const [candidates, users, settings] = await Promise.all([listPromotableCandidates(db, actor), listAssignableUsers(db), getProjectSettings(db)]);
  return { candidates, users, boardThreshold: settings.boardThreshold };
}

async function actorOrganisationKind(db: DbOrTx, actor: Actor): Promise<string> {
  const row = await db.selectFrom("organisations").select("kind").where("id", "=", actor.organisationId).executeTakeFirst();
  return row?.kind ?? "";
}

/**
 * The project (not rejected, other than `projectId`) each candidate and requirement is in now: a
 * rejected project's candidates go back to „Priorisiert“ and may be proposed again.
 */
async function laterProjectsOf(db: DbOrTx, projectId: number, candidateIds: number[], requirementIds: number[]) {
  type Later = { id: number; title: string };
  const byCandidate = new Map<number, Later>();
  const byRequirement = new Map<number, Later>();
  const [candidateRows, requirementRows] = await Promise.all([
    candidateIds.length
      ? db
          .selectFrom("project_candidates")
          .innerJoin("projects", "projects.id", "project_candidates.project_id")
          .select(["project_candidates.candidate_id as key", "projects.id", "projects.title"])
          .where("project_candidates.candidate_id", "in", candidateIds)
          .where("projects.id", "<>", projectId)
          .where("projects.status", "<>", "rejected")
          .orderBy("projects.id")
          .execute()
      : [],
    requirementIds.length
      ? db
          .selectFrom("candidate_requirements")
          .innerJoin("project_candidates", "project_candidates.candidate_id", "candidate_requirements.candidate_id")
          .innerJoin("projects", "projects.id", "project_candidates.project_id")
          .select(["candidate_requirements.requirement_id as key", "projects.id", "projects.title"])
          .where("candidate_requirements.requirement_id", "in", requirementIds)
          .where("projects.id", "<>", projectId)
          .where("projects.status", "<>", "rejected")
          .orderBy("projects.id")
          .execute()
      : [],
  ]);
  // Ordered by id: the newest project wins should there ever be two.
  for (const r of candidateRows) byCandidate.set(r.key, { id: r.id, title: r.title });
  for (const r of requirementRows) byRequirement.set(r.key, { id: r.id, title: r.title });
  return { byCandidate, byRequirement };
}

/** Everything the project page shows; `may` tells the page which forms to offer (the server checks again). */
export async function getProjectDetail(db: DbOrTx, actor: Actor, id: number, at: string = new Date().toISOString()) {
  if (!can(actor, "view:portal")) throw forbidden();
  const p = await findProject(db, id);
  const isBoard = can(actor, "vote:board");
  // Who voted how is for the board, management and dashboard readers only: to everyone else a
  // running resolution shows no count and no voter (a name next to a count tells the vote).
  const seesVotes = isBoard || can(actor, "approve:project") || can(actor, "view:dashboard");
  const [leadUser, creator, candidates, approvals, votes, comments, members, milestones, reports, events, rolloutRows, behindIds, { voters, excluded }, kind] = await Promise.all([
    p.lead_user_id ? db.selectFrom("users").select(["id", "name"]).where("id", "=", p.lead_user_id).executeTakeFirst() : undefined,
    p.created_by ? db.selectFrom("users").select(["id", "name"]).where("id", "=", p.created_by).executeTakeFirst() : undefined,
    db
      .selectFrom("project_candidates")
      .innerJoin("candidates", "candidates.id", "project_candidates.candidate_id")
      .leftJoin("teams", "teams.id", "candidates.team_id")
      .select(["candidates.id", "candidates.title", "candidates.status", "teams.name as teamName"])
      .where("project_candidates.project_id", "=", id)
      .orderBy("candidates.id")
      .execute()
      .then((rows) => sortGerman(rows, (c) => c.title)),
    db
      .selectFrom("project_approvals")
      .innerJoin("users", "users.id", "project_approvals.user_id")
      .select(["project_approvals.user_id", "project_approvals.created_at", "users.name"])
      .where("project_approvals.project_id", "=", id)
      .orderBy("project_approvals.created_at")
      .execute(),
    db
      .selectFrom("board_votes")
      .innerJoin("users", "users.id", "board_votes.user_id")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select(["board_votes.user_id", "board_votes.vote", "board_votes.created_at", "users.name", "organisations.name as organisationName"])
      .where("board_votes.project_id", "=", id)
      .orderBy("board_votes.created_at")
      .execute(),
    db
      .selectFrom("board_comments")
      .innerJoin("organisations", "organisations.id", "board_comments.organisation_id")
      .leftJoin("users", "users.id", "board_comments.user_id")
      .select(["board_comments.id", "board_comments.body", "board_comments.created_at", "users.name as authorName", "organisations.name as organisationName"])
      .where("board_comments.project_id", "=", id)
      .orderBy("board_comments.created_at")
      .orderBy("board_comments.id")
      .execute(),
    db
      .selectFrom("project_members")
      .innerJoin("users", "users.id", "project_members.user_id")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select((eb) => [
        "project_members.id",
        "project_members.user_id",
        "project_members.role",
        "users.name",
        "users.active",
        eb("users.password_hash", "is not", null).as("canSignIn"),
        "organisations.name as organisationName",
      ])
      .where("project_members.project_id", "=", id)
      .orderBy("project_members.id")
      .execute(),
    db.selectFrom("milestones").selectAll().where("project_id", "=", id).orderBy("end_date").orderBy("id").execute(),
    db
      .selectFrom("status_reports")
      .leftJoin("users", "users.id", "status_reports.author_user_id")
      .select(["status_reports.id", "status_reports.health", "status_reports.note", "status_reports.created_at", "users.name as authorName"])
      .where("status_reports.project_id", "=", id)
      .orderBy("status_reports.created_at", "desc")
      .orderBy("status_reports.id", "desc")
      .execute(),
    db
      .selectFrom("project_events")
      .leftJoin("users", "users.id", "project_events.actor_user_id")
      .select([
        "project_events.id",
        "project_events.at",
        "project_events.kind",
        "project_events.from_value",
        "project_events.to_value",
        "project_events.reason",
        "project_events.detail",
        "users.name as actorName",
      ])
      .where("project_events.project_id", "=", id)
      .$if(!seesVotes, (q) => q.where("project_events.kind", "<>", "vote"))
      .orderBy("project_events.at")
      .orderBy("project_events.id")
      .execute(),
    db.selectFrom("rollouts").selectAll().where("project_id", "=", id).execute(),
    projectOrganisationIds(db, id),
    projectVoterIds(db, id),
    actorOrganisationKind(db, actor),
  ]);

  // Requirements behind the project, as far as the actor may see them (confidential ones stay a count).
  const candidateIds = candidates.map((c) => c.id);
  const [allRequirements, requirements] = candidateIds.length
    ? await Promise.all([
        db.selectFrom("candidate_requirements").select("requirement_id").where("candidate_id", "in", candidateIds).execute(),
        db
          .selectFrom("candidate_requirements")
          .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
          .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
          .select(["requirements.id", "requirements.title", "requirements.status", "requirements.organisation_id", "organisations.name as organisationName"])
          .where("candidate_requirements.candidate_id", "in", candidateIds)
          .where(visibleTo(actor))
          .orderBy("requirements.id")
          .execute()
          .then((rows) => sortGerman(rows, (r) => r.organisationName)),
      ])
    : [[], []];
  // A rejected project's candidates may since be in another project; its page names that project
  // (every portal reader sees every project) instead of reading „In Projekt überführt“ as its own.
  const laterProjects = p.status === "rejected" ? await laterProjectsOf(db, id, candidateIds, requirements.map((r) => r.id)) : null;
  const visibleIds = requirements.map((r) => r.id);
  const endorsers = visibleIds.length
    ? await db.selectFrom("endorsements").select(["organisation_id"]).where("requirement_id", "in", visibleIds).execute()
    : [];
  // Organisations shown in the rollout table: staff see all; others those behind visible requirements, and their own.
  const shownOrgIds = seesConfidential(actor)
    ? behindIds
    : behindIds.filter(
        (o) => o === actor.organisationId || requirements.some((r) => r.organisation_id === o) || endorsers.some((e) => e.organisation_id === o),
      );
  const orgs = shownOrgIds.length
    ? sortGerman(await db.selectFrom("organisations").select(["id", "name"]).where("id", "in", shownOrgIds).execute(), (o) => o.name)
    : [];
  const openRollout = rolloutOpen(p.status, p.phase);
  const actorIsLead = isProjectLead(p, actor);
  const rollout = orgs.map((o) => {
    const row = rolloutRows.find((r) => r.organisation_id === o.id);
    return {
      organisationId: o.id,
      organisationName: o.name,
      status: (row?.status ?? "interested") as RolloutStatus,
      updatedAt: row?.updated_at ?? null,
      own: o.id === actor.organisationId,
      editable: openRollout && (actorIsLead || can(actor, "update:rollout", { organisationId: o.id })),
    };
  });

  const voteList = votes.map((v) => ({ ...v, vote: v.vote as Vote }));
  const t = tally(voteList.filter((v) => voters.includes(v.user_id)).map((v) => v.vote));
  const myVote = voteList.find((v) => v.user_id === actor.userId)?.vote ?? null;
  const votingMember = isBoard && voters.includes(actor.userId) && isVotingOrganisationKind(kind);
  // A voting board member who is part of this project (proposed, approved, leads or works in it).
  const involved = isBoard && excluded.includes(actor.userId);
  const deadlinePassed = !!p.board_deadline && at > p.board_deadline;
  const runner = mayRunProject(p, actor);
  const open = workOpen(p.status, p.phase);
  // People already in the team stay there when they no longer qualify (say, they joined the board);
  // the page names the reason, and removing them is the project lead's or management's decision.
  const memberIds = runner && open ? [...new Set(members.map((m) => m.user_id))] : [];
  const memberRoles = memberIds.length ? await db.selectFrom("role_assignments").select(["user_id", "role"]).where("user_id", "in", memberIds).execute() : [];
  const ineligibility = new Map(
    memberIds.map((userId) => {
      const m = members.find((x) => x.user_id === userId)!;
      const roles = memberRoles.filter((r) => r.user_id === userId).map((r) => r.role);
      return [userId, projectIneligibility({ active: Number(m.active) === 1, canSignIn: !!m.canSignIn, roles })];
    }),
  );
  const mayChangeLead = can(actor, "manage:projects") && leadChangeOpen(p.status, p.phase);
  const leadCandidates = mayChangeLead
    ? sortGerman(await leadCandidatesQuery(db, id, behindIds).orderBy("users.id").execute(), (u) => u.organisationName, (u) => u.name).filter((u) => u.id !== p.lead_user_id)
    : [];
  // Handovers and team changes store user ids; names are read now (an anonymised person shows under
  // the neutral name).
  const personIds = events
    .flatMap((e) => (e.kind === "lead_changed" ? [e.from_value, e.to_value] : isTeamEvent(e.kind) ? [String(parse(e.detail).userId ?? "")] : []))
    .filter((v): v is string => !!v && /^\d{1,10}$/.test(v) && Number(v) <= MAX_ID)
    .map(Number);
  const names = new Map(
    personIds.length ? (await db.selectFrom("users").select(["id", "name"]).where("id", "in", [...new Set(personIds)]).execute()).map((u) => [String(u.id), u.name]) : [],
  );

  // Who declined the proposal, when and why (management; a board rejection shows in the board section).
  const declinedEvent = p.status === "rejected" ? events.findLast((e) => e.kind === "declined") : undefined;

  return {
    id: p.id,
    title: p.title,
    goal: p.goal,
    scope: p.scope,
    budget: p.budget_estimate,
    plannedStart: p.planned_start,
    plannedEnd: p.planned_end,
    status: p.status,
    rejectedBy: rejectedBy(p.status, p.board_result),
    phase: p.phase,
    health: p.health,
    createdAt: p.created_at,
    approvedAt: p.approved_at,
    closedAt: p.closed_at,
    // Those who may hand the lead over see why the present lead no longer qualifies (also on a proposal).
    lead: leadUser ? { ...leadUser, ineligible: mayChangeLead ? await currentIneligibility(db, leadUser.id) : null } : null,
    actorIsLead,
    creatorName: creator?.name ?? null,
    candidates: candidates.map((c) => ({ ...c, laterProject: laterProjects?.byCandidate.get(c.id) ?? null })),
    requirements: requirements.map((r) => ({ ...r, laterProject: laterProjects?.byRequirement.get(r.id) ?? null })),
    hiddenRequirements: seesConfidential(actor) ? 0 : allRequirements.length - requirements.length,
    approvals: approvals.map((a) => ({ name: a.name, at: a.created_at, own: a.user_id === actor.userId })),
    declined: declinedEvent ? { name: declinedEvent.actorName, at: declinedEvent.at, reason: declinedEvent.reason } : null,
    board: {
      required: !!p.board_required,
      threshold: p.board_threshold,
      openedAt: p.board_opened_at,
      deadline: p.board_deadline,
      deadlinePassed,
      result: p.board_result,
      resultAt: p.board_result_at,
      notedAt: p.board_noted_at,
      votingMembers: voters.length,
      // null: the resolution runs and the actor may not see its count (the result shows once it is in).
      tally: seesVotes || p.board_result ? t : null,
      votes: seesVotes ? voteList.map((v) => ({ name: v.name, organisationName: v.organisationName, vote: v.vote, at: v.created_at })) : [],
      myVote,
      votingMember,
      involved,
      comments: seesVotes ? comments : [],
    },
    team: members.map((m) => ({
      id: m.id,
      userId: m.user_id,
      name: m.name,
      organisationName: m.organisationName,
      role: m.role,
      isLead: m.role === "project_lead" && m.user_id === p.lead_user_id,
      // Only for those who keep the team, while it is kept: a hint to act on, not a label for everyone.
      ineligible: ineligibility.get(m.user_id) ?? null,
    })),
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, startDate: m.start_date, endDate: m.end_date, doneAt: m.done_at, overdue: !m.done_at && m.end_date < berlinToday(Date.parse(at)) })),
    reports,
    rollout,
    events: events.map((e) => ({
      ...e,
      detail: eventDetail(e, names),
    })),
    leadCandidates,
    phaseChoices: runner ? phaseChoices(p.phase) : [],
    // For the closing question: organisations behind the project that reported neither operation nor declining.
    unreportedRollouts: runner ? behindIds.filter((o) => !["operating", "declined"].includes(rolloutRows.find((r) => r.organisation_id === o)?.status ?? "interested")).length : 0,
    assignableUsers: runner && open ? await listAssignableUsers(db) : [],
    may: {
      approve: can(actor, "approve:project") && p.status === "requested" && !approvals.some((a) => a.user_id === actor.userId),
      decline: can(actor, "approve:project") && declineRefusal(p.status) === null,
      vote:
        voteRefusal({ status: p.status, deadline: p.board_deadline, now: at, voting: votingMember, involved, alreadyVoted: myVote !== null }) === null,
      comment: p.status === "board_vote" && (isBoard || can(actor, "approve:project")),
      conclude: can(actor, "approve:project") && p.status === "board_vote" && (deadlinePassed || (voters.length > 0 && t.yes + t.no + t.abstain >= voters.length)),
      noted: can(actor, "approve:project") && !!p.board_result && !p.board_noted_at,
      run: runner && open,
      phase: runner && phaseChoices(p.phase).length > 0,
      changeLead: mayChangeLead,
    },
  };
}
export type ProjectDetail = Awaited<ReturnType<typeof getProjectDetail>>;

/** Circular resolutions: open ones (with the actor's own vote) and results waiting for the next board meeting. */
export async function listResolutions(db: DbOrTx, actor: Actor, at: string = new Date().toISOString()) {
  if (!can(actor, "vote:board") && !can(actor, "approve:project")) throw forbidden();
  const [voters, kind] = await Promise.all([votingBoardMemberIds(db), actorOrganisationKind(db, actor)]);
  const rows = await db
    .selectFrom("projects")
    .select(["id", "title", "budget_estimate", "board_opened_at", "board_deadline", "board_result", "board_result_at", "board_noted_at", "status"])
    .where("board_required", "=", 1)
    .where((eb) => eb.or([eb("status", "=", "board_vote"), eb("board_noted_at", "is", null)]))
    .orderBy("board_deadline")
    .execute();
  const ids = rows.map((r) => r.id);
  const [votes, involvedIn] = await Promise.all([
    ids.length ? db.selectFrom("board_votes").select(["project_id", "user_id", "vote"]).where("project_id", "in", ids).execute() : [],
    involvedUserIds(db, ids),
  ]);
  const votingMember = can(actor, "vote:board") && voters.includes(actor.userId) && isVotingOrganisationKind(kind);
  const item = (r: (typeof rows)[number]) => {
    const mine = votes.filter((v) => v.project_id === r.id);
    const involved = involvedIn.get(r.id) ?? new Set<number>();
    const projectVoters = voters.filter((id) => !involved.has(id));
    return {
      id: r.id,
      title: r.title,
      budget: r.budget_estimate,
      openedAt: r.board_opened_at,
      deadline: r.board_deadline,
      deadlinePassed: !!r.board_deadline && at > r.board_deadline,
      result: r.board_result,
      resultAt: r.board_result_at,
      tally: tally(mine.filter((v) => projectVoters.includes(v.user_id)).map((v) => v.vote as Vote)),
      votingMembers: projectVoters.length,
      myVote: (mine.find((v) => v.user_id === actor.userId)?.vote ?? null) as Vote | null,
      // The actor is a voting member but part of this project, so does not vote on it.
      involved: votingMember && involved.has(actor.userId),
    };
  };
  return {
    votingMember,
    votingMembers: voters.length,
    open: rows.filter((r) => r.status === "board_vote").map(item),
    forMeeting: rows.filter((r) => r.board_result && !r.board_noted_at).map(item),
  };
}
