import { now, type DB, type DbOrTx, type Tx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { can, OFFICE_KIND, type Actor } from "#app/modules/auth/permissions";
import { notifyUsers, organisationMemberIds, resolveNotices } from "#app/modules/notifications/notifications.server";
import { getProjectSettings } from "#app/modules/settings/settings.server";
import { AppError, forbidden, notFound } from "#app/utils/errors.server";
import { berlinToday, endOfBerlinDay } from "#app/utils/time";
import { approvalRefusal, declineRefusal, fourEyesMet, isAdopted, isVotingOrganisationKind, needsBoard, resolutionDue, resolutionReading, tally, voteRefusal, type Tally, type Vote } from "./approval";
import { openMilestonesMessage, type ProposalInput } from "./schema";
import { leadChangeRefusal, milestoneDatesValid, milestoneInPeriod, milestonesOutside, pastDateRefusal, phaseRefusal, PROJECT_BARRING_ROLES, PROJECT_QUALIFYING_ROLES, rolloutOpen, workOpen, type Health, type Phase, type RolloutStatus, type TeamRole } from "./workflow";

export const projectLink = (id: number) => `/projekte/${id}`;
/** The managers' request „… wartet auf Ihre Freigabe“: a task, resolved by approving (see approveProject). */
const APPROVAL_NEEDED = "projects:notifications.approvalNeeded";
/** The voters' request „Bitte stimmen Sie bis … ab“: resolved by voting, for all once the resolution is over. */
const BOARD_OPENED = "projects:notifications.boardOpenedUntil";
/** The same request as written before it named the deadline: resolved alike. */
const BOARD_OPENED_BEFORE = "projects:notifications.boardOpened";
const DAY_MS = 86_400_000;

type Detail = Record<string, unknown>;

/** Today in Berlin by the clock the use cases write with (`now()`, which the demo's replay pins to its days). */
const today = () => berlinToday(Date.parse(now()));

function refuseDate(refusal: { field: string; key: string } | null) {
  if (refusal) throw new AppError("invalid", 400, refusal.key, refusal.field);
}

export async function addProjectEvent(
  db: DbOrTx,
  projectId: number,
  actorUserId: number | null,
  kind: string,
  e: { from?: string | null; to?: string | null; reason?: string | null; detail?: Detail | null; at?: string } = {},
) {
  await db
    .insertInto("project_events")
    .values({
      project_id: projectId,
      at: e.at ?? now(),
      actor_user_id: actorUserId,
      kind,
      from_value: e.from ?? null,
      to_value: e.to ?? null,
      reason: e.reason ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}

export async function findProject(db: DbOrTx, id: number) {
  const row = await db.selectFrom("projects").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return { ...row, phase: row.phase as Phase | null };
}
type ProjectRow = Awaited<ReturnType<typeof findProject>>;

/**
 * Locks the project row for the rest of the transaction (PostgreSQL row lock through the update;
 * SQLite serialises writers anyway), guarded by the status the caller expects.
 */
async function lockProject(trx: Tx, id: number, status: string): Promise<boolean> {
  const res = await trx
    .updateTable("projects")
    .set((eb) => ({ version: eb("version", "+", 1), updated_at: now() }))
    .where("id", "=", id)
    .where("status", "=", status)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function isProjectLead(project: { lead_user_id: number | null }, actor: Actor): boolean {
  return project.lead_user_id === actor.userId;
}

/** Management, or the project's own lead, keep phases, team, milestones and status reports. */
export function mayRunProject(project: { lead_user_id: number | null }, actor: Actor): boolean {
  return can(actor, "manage:projects") || isProjectLead(project, actor);
}

function requireRunner(project: ProjectRow, actor: Actor) {
  if (!mayRunProject(project, actor)) throw forbidden();
  if (!workOpen(project.status, project.phase)) throw new AppError("conflict", 409, "projects:errors.workClosed");
}

/** Requirement ids behind a project (through its candidates). */
export async function projectRequirementIds(db: DbOrTx, projectId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("project_candidates")
    .innerJoin("candidate_requirements", "candidate_requirements.candidate_id", "project_candidates.candidate_id")
    .select("candidate_requirements.requirement_id")
    .where("project_candidates.project_id", "=", projectId)
    .execute();
  return rows.map((r) => r.requirement_id);
}

/** Every organisation that filed or co-signed a requirement behind the project. */
export async function projectOrganisationIds(db: DbOrTx, projectId: number): Promise<number[]> {
  const ids = await projectRequirementIds(db, projectId);
  if (ids.length === 0) return [];
  const [filers, cosigners] = await Promise.all([
    db.selectFrom("requirements").select("organisation_id").where("id", "in", ids).where("status", "not in", ["draft", "withdrawn", "merged"]).execute(),
    db.selectFrom("endorsements").select("organisation_id").where("requirement_id", "in", ids).execute(),
  ]);
  return [...new Set([...filers, ...cosigners].map((r) => r.organisation_id))];
}

/** Staff and leads of every organisation behind the project, except the person who caused it. */
async function notifyProjectFollowers(db: DbOrTx, projectId: number, actorUserId: number | null, messageKey: string, params: Record<string, string>) {
  const users = await organisationMemberIds(db, await projectOrganisationIds(db, projectId));
  await notifyUsers(
    db,
    users.filter((id) => id !== actorUserId),
    { kind: "project", requirementId: null, messageKey, params, link: projectLink(projectId) },
  );
}

export async function usersWithRole(db: DbOrTx, role: string): Promise<{ id: number; kind: string }[]> {
  return db
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "organisations.kind"])
    .distinct()
    .where("role_assignments.role", "=", role)
    .where("users.active", "=", 1)
    .execute();
}

/** Board members with a vote: active board users whose organisation is not a Spitzenverband. */
export async function votingBoardMemberIds(db: DbOrTx): Promise<number[]> {
  return (await usersWithRole(db, "board")).filter((u) => isVotingOrganisationKind(u.kind)).map((u) => u.id);
}

/**
 * The people involved in each project, who do not vote on it in the board (Mitwirkungsverbot wegen
 * Befangenheit): whoever proposed it, approved it for management, leads it or works in its team.
 * Board members can be none of these today, but a seat can come to someone who already was.
 */
export async function involvedUserIds(db: DbOrTx, projectIds: number[]): Promise<Map<number, Set<number>>> {
  const involved = new Map(projectIds.map((id) => [id, new Set<number>()]));
  if (projectIds.length === 0) return involved;
  const [projects, approvals, members] = await Promise.all([
    db.selectFrom("projects").select(["id", "created_by", "lead_user_id"]).where("id", "in", projectIds).execute(),
    db.selectFrom("project_approvals").select(["project_id", "user_id"]).where("project_id", "in", projectIds).execute(),
    db.selectFrom("project_members").select(["project_id", "user_id"]).where("project_id", "in", projectIds).execute(),
  ]);
  const add = (projectId: number, userId: number | null) => userId !== null && involved.get(projectId)?.add(userId);
  for (const p of projects) {
    add(p.id, p.created_by);
    add(p.id, p.lead_user_id);
  }
  for (const row of [...approvals, ...members]) add(row.project_id, row.user_id);
  return involved;
}

/** The board members who vote on one project (the voting members not involved in it) and those who would but are involved. */
export async function projectVoterIds(db: DbOrTx, projectId: number): Promise<{ voters: number[]; excluded: number[] }> {
  const [all, involved] = await Promise.all([votingBoardMemberIds(db), involvedUserIds(db, [projectId])]);
  const mine = involved.get(projectId) ?? new Set<number>();
  return { voters: all.filter((id) => !mine.has(id)), excluded: all.filter((id) => mine.has(id)) };
}

async function setRequirementStatuses(trx: Tx, actor: Actor, ids: number[], from: string[], to: string, detail: Detail) {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom("requirements").select(["id", "status"]).where("id", "in", ids).where("status", "in", from).execute();
  const t = now();
  for (const r of rows) {
    await trx
      .updateTable("requirements")
      .set((eb) => ({ status: to, updated_at: t, version: eb("version", "+", 1) }))
      .where("id", "=", r.id)
      .where("status", "=", r.status)
      .execute();
    await trx
      .insertInto("requirement_events")
      .values({ requirement_id: r.id, at: t, actor_user_id: actor.userId, kind: "status", from_status: r.status, to_status: to, reason: null, detail: JSON.stringify(detail) })
      .execute();
  }
  return rows.map((r) => r.id);
}

async function candidateEvent(trx: Tx, candidateId: number, actor: Actor, kind: string, detail: Detail) {
  await trx.insertInto("candidate_events").values({ candidate_id: candidateId, at: now(), actor_user_id: actor.userId, kind, detail: JSON.stringify(detail) }).execute();
}

// ── Proposal ──────────────────────────────────────────────────────────────────────────────

/**
 * Promotes prioritised candidates to a project proposal: the candidates become "promoted", their
 * requirements "in_project" (with timeline entries), and every organisation behind them is told.
 */
export async function proposeProject(db: DB, actor: Actor, input: ProposalInput): Promise<{ id: number }> {
  if (!can(actor, "manage:projects")) throw forbidden();
  if (input.plannedEnd < input.plannedStart) throw new AppError("invalid", 400, "projects:validation.endBeforeStart", "plannedEnd");
  refuseDate(pastDateRefusal({ plannedStart: input.plannedStart, plannedEnd: input.plannedEnd }, null, today()));
  const lead = await assignableUsersQuery(db).where("users.id", "=", input.leadUserId).executeTakeFirst();
  if (!lead) throw new AppError("invalid", 400, "projects:validation.leadIneligible", "leadUserId");
  const candidateIds = [...new Set(input.candidateIds)];
  const stale = () => new AppError("conflict", 409, "projects:errors.candidatesNotPrioritised", "candidateIds");
  const id = await db.transaction().execute(async (trx) => {
    const candidates = await trx.selectFrom("candidates").select(["id", "title"]).where("id", "in", candidateIds).where("status", "=", "prioritised").execute();
    if (candidates.length !== candidateIds.length) throw stale();
    const t = now();
    const row = await trx
      .insertInto("projects")
      .values({
        title: input.title,
        goal: input.goal,
        scope: input.scope,
        budget_estimate: input.budget,
        planned_start: input.plannedStart,
        planned_end: input.plannedEnd,
        lead_user_id: lead.id,
        status: "requested",
        phase: null,
        health: null,
        board_threshold: null,
        board_opened_at: null,
        board_deadline: null,
        board_result: null,
        board_result_at: null,
        board_noted_at: null,
        approved_at: null,
        closed_at: null,
        created_by: actor.userId,
        created_at: t,
        updated_at: t,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const c of candidates) {
      // Guarded by the status read above: a concurrent proposal with the same candidate loses here.
      const res = await trx
        .updateTable("candidates")
        .set((eb) => ({ status: "promoted", updated_at: t, version: eb("version", "+", 1) }))
        .where("id", "=", c.id)
        .where("status", "=", "prioritised")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw stale();
      await trx.insertInto("project_candidates").values({ project_id: row.id, candidate_id: c.id }).execute();
      await candidateEvent(trx, c.id, actor, "promoted", { projectId: row.id, title: input.title });
    }
    await trx.insertInto("project_members").values({ project_id: row.id, user_id: lead.id, role: "project_lead", created_at: t }).execute();
    const requirementIds = await projectRequirementIds(trx, row.id);
    await setRequirementStatuses(trx, actor, requirementIds, ["bundled", "prioritised", "deferred"], "in_project", { projectId: row.id });
    await addProjectEvent(trx, row.id, actor.userId, "proposed", { to: "requested", detail: { candidateIds } });
    await recordAudit(trx, { actorUserId: actor.userId, action: "project.proposed", entityType: "project", entityId: row.id, detail: { candidateIds } });
    return row.id;
  });
  await notifyProjectFollowers(db, id, actor.userId, "projects:notifications.proposed", { project: input.title });
  const managers = (await usersWithRole(db, "management")).map((u) => u.id).filter((u) => u !== actor.userId);
  await notifyUsers(db, managers, { kind: "project", requirementId: null, messageKey: APPROVAL_NEEDED, params: { project: input.title }, link: projectLink(id) });
  if (lead.id !== actor.userId) {
    await notifyUsers(db, [lead.id], { kind: "project", requirementId: null, messageKey: "projects:notifications.lead", params: { project: input.title }, link: projectLink(id) });
  }
  return { id };
}

// ── Approval (four eyes) and board circular resolution ─────────────────────────────────────

async function approvedInTx(trx: Tx, project: ProjectRow, actorUserId: number | null, at: string, detail: Detail | null = null) {
  await trx
    .updateTable("projects")
    .set({ status: "approved", phase: "initiation", approved_at: at, updated_at: at })
    .where("id", "=", project.id)
    .execute();
  await addProjectEvent(trx, project.id, actorUserId, "approved", { from: project.status, to: "approved", at, detail });
  await addProjectEvent(trx, project.id, actorUserId, "phase", { from: null, to: "initiation", at });
}

/**
 * One management approval. The second approval by a different manager approves the project, or,
 * above the board threshold, opens the supervisory board's circular resolution.
 */
export async function approveProject(db: DB, actor: Actor, id: number): Promise<{ outcome: "pending" | "approved" | "board" }> {
  if (!can(actor, "approve:project")) throw forbidden();
  const project = await findProject(db, id);
  const settings = await getProjectSettings(db);
  const alreadyApproved = () => new AppError("conflict", 409, "projects:errors.alreadyApproved");
  let outcome = "pending" as "pending" | "approved" | "board";
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await lockProject(trx, id, "requested"))) throw new AppError("conflict", 409, "projects:errors.notPending");
      const approverIds = (await trx.selectFrom("project_approvals").select("user_id").where("project_id", "=", id).execute()).map((a) => a.user_id);
      const refusal = approvalRefusal({ status: "requested", approverIds, userId: actor.userId });
      if (refusal === "alreadyApproved") throw alreadyApproved();
      const t = now();
      await trx.insertInto("project_approvals").values({ project_id: id, user_id: actor.userId, created_at: t }).execute();
      await addProjectEvent(trx, id, actor.userId, "approval", { at: t, detail: { count: approverIds.length + 1 } });
      await recordAudit(trx, { actorUserId: actor.userId, action: "project.approval", entityType: "project", entityId: id });
      if (!fourEyesMet([...approverIds, actor.userId])) return;
      if (needsBoard(project.budget_estimate, settings.boardThreshold)) {
        // To the end of the day, in Berlin, `voteDays` days on: not to the minute of the second approval.
        const deadline = endOfBerlinDay(berlinToday(Date.parse(t) + settings.voteDays * DAY_MS));
        await trx
          .updateTable("projects")
          .set({ status: "board_vote", board_required: 1, board_threshold: settings.boardThreshold, board_opened_at: t, board_deadline: deadline, updated_at: t })
          .where("id", "=", id)
          .execute();
        await addProjectEvent(trx, id, actor.userId, "board_opened", { from: "requested", to: "board_vote", at: t, detail: { deadline, threshold: settings.boardThreshold } });
        outcome = "board";
      } else {
        await trx.updateTable("projects").set({ board_threshold: settings.boardThreshold }).where("id", "=", id).execute();
        await approvedInTx(trx, project, actor.userId, t);
        outcome = "approved";
      }
    });
  } catch (error) {
    // A double submit that raced past the check loses on the unique constraint.
    if (!(error instanceof AppError)) {
      const mine = await db.selectFrom("project_approvals").select("id").where("project_id", "=", id).where("user_id", "=", actor.userId).executeTakeFirst();
      if (mine) throw alreadyApproved();
    }
    throw error;
  }
  // Her approval is given: her request is done; once the project no longer waits, everyone's is.
  await resolveNotices(db, { messageKey: APPROVAL_NEEDED, link: projectLink(id), userIds: outcome === "pending" ? [actor.userId] : undefined });
  if (outcome === "approved") await afterApproval(db, id, actor.userId, project.title);
  if (outcome === "board") await notifyBoardOpened(db, id, actor.userId, project.title);
  if (outcome === "board") await afterBoardOpened(db, id, actor.userId, project.title);
  return { outcome };
}

/**
 * Management declines a proposal that waits for its approvals (also after one was given): one manager
 * suffices, since declining is reversible (the candidates are prioritised again and may be proposed
 * anew). Refused once the board votes (it decides then) or the project is approved or rejected.
 */
export async function declineProject(db: DB, actor: Actor, id: number, input: { reason: string }) {
  if (!can(actor, "approve:project")) throw new AppError("forbidden", 403, "projects:errors.notManagement");
  const reason = input.reason.trim();
  if (!reason) throw new AppError("invalid", 400, "projects:validation.declineReason", "reason");
  const project = await findProject(db, id);
  await db.transaction().execute(async (trx) => {
    if (!(await lockProject(trx, id, "requested"))) {
      // Read under the transaction: a second submit of the same form finds the proposal already declined.
      const refusal = declineRefusal((await findProject(trx, id)).status) ?? "alreadyRejected";
      throw new AppError("conflict", 409, `projects:errors.decline_${refusal}`);
    }
    const at = now();
    await addProjectEvent(trx, id, actor.userId, "declined", { from: "requested", to: "rejected", reason, at });
    await handBackInTx(trx, id, actor.userId, at, { candidateEvent: "project_declined", requirementDetail: { declined: true }, reason });
    await recordAudit(trx, { actorUserId: actor.userId, action: "project.declined", entityType: "project", entityId: id, detail: { reason } });
  });
  // Nobody is asked for an approval any more; whoever followed the proposal hears why it was declined.
  await resolveNotices(db, { messageKey: APPROVAL_NEEDED, link: projectLink(id) });
  const [followers, managers] = await Promise.all([organisationMemberIds(db, await projectOrganisationIds(db, id)), usersWithRole(db, "management")]);
  const told = new Set([...followers, ...managers.map((u) => u.id), project.created_by, project.lead_user_id]);
  told.delete(actor.userId);
  await notifyUsers(db, [...told].filter((u): u is number => u !== null), {
    kind: "project",
    requirementId: null,
    messageKey: "projects:notifications.declined",
    params: { project: project.title, reason },
    link: projectLink(id),
  });
}

/**
 * The resolution is open. The project's voters are asked for their vote; the other board members
 * are told it runs, without a request they could not meet: the advisory members (Spitzenverbände)
 * advise and may comment, the involved ones do not vote on this project. All of them hear the result.
 */
async function notifyBoardOpened(db: DbOrTx, id: number, actorUserId: number, title: string) {
  const [board, { voters, excluded }] = await Promise.all([usersWithRole(db, "board"), projectVoterIds(db, id)]);
  const { board_deadline } = await findProject(db, id);
  const params = { project: title, deadline: deadlineText(board_deadline) };
  const n = (messageKey: string) => ({ kind: "project", requirementId: null, messageKey, params, link: projectLink(id) });
  const others = (ids: number[]) => [...new Set(ids)].filter((u) => u !== actorUserId);
  await notifyUsers(db, voters, n(BOARD_OPENED));
  await notifyUsers(db, others(excluded), n("projects:notifications.boardOpenedInvolved"));
  await notifyUsers(db, others(board.filter((u) => !isVotingOrganisationKind(u.kind)).map((u) => u.id)), n("projects:notifications.boardOpenedAdvisory"));
}

/** The Berlin day a resolution runs to, as the notices name it („21.12.2030“). */
function deadlineText(deadline: string | null): string {
  return deadline ? berlinToday(Date.parse(deadline)).split("-").reverse().join(".") : "–";
}

/**
 * Management's approvals are in and the board decides: whoever follows the proposal (the organisations
 * behind it, the intended lead) hears that it is approved for management and by when the board decides.
 */
async function afterBoardOpened(db: DbOrTx, id: number, actorUserId: number, title: string) {
  const p = await findProject(db, id);
  const params = { project: title, deadline: deadlineText(p.board_deadline) };
  await notifyProjectFollowers(db, id, actorUserId, "projects:notifications.boardPending", params);
  if (p.lead_user_id && p.lead_user_id !== actorUserId) {
    await notifyUsers(db, [p.lead_user_id], { kind: "project", requirementId: null, messageKey: "projects:notifications.boardPending", params, link: projectLink(id) });
  }
}

async function afterApproval(db: DbOrTx, id: number, actorUserId: number | null, title: string) {
  await notifyProjectFollowers(db, id, actorUserId, "projects:notifications.approved", { project: title });
  const p = await findProject(db, id);
  if (p.lead_user_id && p.lead_user_id !== actorUserId) {
    await notifyUsers(db, [p.lead_user_id], { kind: "project", requirementId: null, messageKey: "projects:notifications.approved", params: { project: title }, link: projectLink(id) });
  }
}

/**
 * A rejected proposal (by the board, or declined by management) hands back what it held: the project
 * is "rejected", its candidates prioritised again (so they may be proposed anew) and their
 * requirements from "in_project" back to "prioritised", each with an entry in its history.
 */
async function handBackInTx(
  trx: Tx,
  projectId: number,
  actorId: number | null,
  at: string,
  how: { candidateEvent: "project_rejected" | "project_declined"; requirementDetail: Detail; reason: string | null },
) {
  await trx.updateTable("projects").set({ status: "rejected", updated_at: at }).where("id", "=", projectId).execute();
  const candidateIds = (await trx.selectFrom("project_candidates").select("candidate_id").where("project_id", "=", projectId).execute()).map((c) => c.candidate_id);
  if (candidateIds.length) {
    await trx
      .updateTable("candidates")
      .set((eb) => ({ status: "prioritised", updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "in", candidateIds)
      .where("status", "=", "promoted")
      .execute();
    for (const c of candidateIds) {
      await trx.insertInto("candidate_events").values({ candidate_id: c, at, actor_user_id: actorId, kind: how.candidateEvent, detail: JSON.stringify({ projectId }) }).execute();
    }
  }
  const requirementIds = await projectRequirementIds(trx, projectId);
  if (requirementIds.length) {
    const rows = await trx.selectFrom("requirements").select("id").where("id", "in", requirementIds).where("status", "=", "in_project").execute();
    for (const r of rows) {
      await trx
        .updateTable("requirements")
        .set((eb) => ({ status: "prioritised", updated_at: at, version: eb("version", "+", 1) }))
        .where("id", "=", r.id)
        .where("status", "=", "in_project")
        .execute();
      await trx
        .insertInto("requirement_events")
        .values({
          requirement_id: r.id,
          at,
          actor_user_id: actorId,
          kind: "status",
          from_status: "in_project",
          to_status: "prioritised",
          reason: how.reason,
          detail: JSON.stringify({ projectId, ...how.requirementDetail }),
        })
        .execute();
    }
  }
}

type Conclusion = { result: "adopted" | "rejected"; tally: Tally };

/** Records the result of the circular resolution; a rejection hands the candidates back as prioritised. */
async function concludeInTx(trx: Tx, actor: Actor | null, project: ProjectRow, at: string): Promise<Conclusion> {
  const votes = (await trx.selectFrom("board_votes").select("vote").where("project_id", "=", project.id).execute()).map((v) => v.vote as Vote);
  const t = tally(votes);
  const result = isAdopted(t) ? "adopted" : "rejected";
  const actorId = actor?.userId ?? null;
  await trx.updateTable("projects").set({ board_result: result, board_result_at: at, updated_at: at }).where("id", "=", project.id).execute();
  await addProjectEvent(trx, project.id, actorId, "board_result", { to: result, at, detail: { yes: t.yes, no: t.no, abstain: t.abstain } });
  if (result === "adopted") {
    await approvedInTx(trx, project, actorId, at, { board: true });
  } else {
    await addProjectEvent(trx, project.id, actorId, "rejected", { from: "board_vote", to: "rejected", at });
    await handBackInTx(trx, project.id, actorId, at, { candidateEvent: "project_rejected", requirementDetail: { board: "rejected" }, reason: null });
  }
  await recordAudit(trx, { actorUserId: actorId, action: `project.board_${result}`, entityType: "project", entityId: project.id, detail: { ...t } });
  return { result, tally: t };
}

/**
 * Everyone concerned hears the result. A rejection says what it leaves (the candidates prioritised
 * again, to be proposed anew) and the count, as management's decline says its reason.
 */
async function afterConclusion(db: DbOrTx, project: ProjectRow, actorUserId: number | null, { result, tally: t }: Conclusion) {
  const params: Record<string, string> = result === "adopted" ? { project: project.title } : { project: project.title, yes: String(t.yes), no: String(t.no), abstain: String(t.abstain) };
  const rejectedKey = resolutionReading(result, t) === "noMajority" ? "projects:notifications.boardNoMajority" : "projects:notifications.boardRejectedVotes";
  if (result === "adopted") {
    await afterApproval(db, project.id, actorUserId, project.title);
  } else {
    await notifyProjectFollowers(db, project.id, actorUserId, rejectedKey, params);
  }
  const people = [...(await usersWithRole(db, "management")), ...(await usersWithRole(db, "board"))].map((u) => u.id).filter((u) => u !== actorUserId);
  await notifyUsers(db, [...new Set(people)], {
    kind: "project",
    requirementId: null,
    messageKey: result === "adopted" ? "projects:notifications.boardAdopted" : rejectedKey,
    params,
    link: projectLink(project.id),
  });
}

/**
 * One board member's vote (yes, no, abstain), once, before the deadline. The last outstanding vote
 * concludes the resolution.
 */
export async function voteOnResolution(db: DB, actor: Actor, id: number, vote: Vote, at: string = now()) {
  if (!can(actor, "vote:board")) throw new AppError("forbidden", 403, "projects:errors.notBoard");
  const project = await findProject(db, id);
  const alreadyVoted = () => new AppError("conflict", 409, "projects:errors.alreadyVoted");
  let result = null as Conclusion | null;
  try {
    await db.transaction().execute(async (trx) => {
      const locked = await lockProject(trx, id, "board_vote");
      const current = await findProject(trx, id);
      const { voters, excluded } = await projectVoterIds(trx, id);
      const mine = await trx.selectFrom("board_votes").select("id").where("project_id", "=", id).where("user_id", "=", actor.userId).executeTakeFirst();
      const refusal = voteRefusal({
        status: locked ? "board_vote" : current.status,
        deadline: current.board_deadline,
        now: at,
        voting: voters.includes(actor.userId) || excluded.includes(actor.userId),
        involved: excluded.includes(actor.userId),
        alreadyVoted: !!mine,
      });
      if (refusal) throw new AppError("conflict", 409, `projects:errors.${refusal}`, refusal === "notVoting" || refusal === "involved" ? undefined : "vote");
      await trx.insertInto("board_votes").values({ project_id: id, user_id: actor.userId, vote, created_at: at }).execute();
      await addProjectEvent(trx, id, actor.userId, "vote", { at });
      await recordAudit(trx, { actorUserId: actor.userId, action: "project.vote", entityType: "project", entityId: id, detail: { vote } });
      const received = (await trx.selectFrom("board_votes").select("user_id").where("project_id", "=", id).execute()).filter((v) => voters.includes(v.user_id)).length;
      if (resolutionDue({ deadline: current.board_deadline, now: at, votesReceived: received, votingMembers: voters.length })) {
        result = await concludeInTx(trx, null, current, at);
      }
    });
  } catch (error) {
    if (!(error instanceof AppError)) {
      const mine = await db.selectFrom("board_votes").select("id").where("project_id", "=", id).where("user_id", "=", actor.userId).executeTakeFirst();
      if (mine) throw alreadyVoted();
    }
    throw error;
  }
  // The vote is cast: the request to vote is done; once the resolution is over, everyone's is.
  for (const messageKey of [BOARD_OPENED, BOARD_OPENED_BEFORE]) {
    await resolveNotices(db, { messageKey, link: projectLink(id), userIds: result ? undefined : [actor.userId] });
  }
  if (result) await afterConclusion(db, project, actor.userId, result);
  return { concluded: result?.result ?? null };
}

/** After the deadline, management records the result from the votes cast. */
export async function concludeResolution(db: DB, actor: Actor, id: number, at: string = now()) {
  if (!can(actor, "approve:project")) throw forbidden();
  const project = await findProject(db, id);
  let result = null as Conclusion | null;
  await db.transaction().execute(async (trx) => {
    if (!(await lockProject(trx, id, "board_vote"))) throw new AppError("conflict", 409, "projects:errors.notOpen");
    const current = await findProject(trx, id);
    const { voters } = await projectVoterIds(trx, id);
    const received = (await trx.selectFrom("board_votes").select("user_id").where("project_id", "=", id).execute()).filter((v) => voters.includes(v.user_id)).length;
    if (!resolutionDue({ deadline: current.board_deadline, now: at, votesReceived: received, votingMembers: voters.length })) {
      throw new AppError("conflict", 409, "projects:errors.resolutionRunning");
    }
    result = await concludeInTx(trx, actor, current, at);
  });
  for (const messageKey of [BOARD_OPENED, BOARD_OPENED_BEFORE]) await resolveNotices(db, { messageKey, link: projectLink(id) });
  await afterConclusion(db, project, actor.userId, result!);
  return { result: result!.result };
}

/** Board members (voting or not) and management may comment while the resolution runs. */
export async function commentOnResolution(db: DB, actor: Actor, id: number, body: string) {
  if (!can(actor, "vote:board") && !can(actor, "approve:project")) throw new AppError("forbidden", 403, "projects:errors.notBoard");
  const project = await findProject(db, id);
  if (project.status !== "board_vote") throw new AppError("conflict", 409, "projects:errors.notOpen");
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("board_comments").values({ project_id: id, user_id: actor.userId, organisation_id: actor.organisationId, body, created_at: now() }).execute();
  });
}

/** The result was reported to the board meeting: it leaves the list "for the next meeting". */
export async function markResolutionNoted(db: DB, actor: Actor, id: number) {
  if (!can(actor, "approve:project")) throw forbidden();
  await findProject(db, id);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("projects")
      .set({ board_noted_at: now(), updated_at: now() })
      .where("id", "=", id)
      .where("board_result", "is not", null)
      .where("board_noted_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "projects:errors.nothingToNote");
    await addProjectEvent(trx, id, actor.userId, "board_noted");
    await recordAudit(trx, { actorUserId: actor.userId, action: "project.board_noted", entityType: "project", entityId: id });
  });
}

// ── Running an approved project ───────────────────────────────────────────────────────────

export async function changePhase(db: DB, actor: Actor, id: number, to: Phase, reason?: string | null) {
  const project = await findProject(db, id);
  if (!mayRunProject(project, actor)) throw forbidden();
  const refusal = phaseRefusal({ status: project.status, from: project.phase, to, reason });
  if (refusal) throw new AppError(refusal === "reasonRequired" ? "invalid" : "conflict", refusal === "reasonRequired" ? 400 : 409, `projects:errors.phase_${refusal}`, refusal === "reasonRequired" ? "reason" : "to");
  await db.transaction().execute(async (trx) => {
    const t = now();
    const res = await trx
      .updateTable("projects")
      .set((eb) => ({ phase: to, updated_at: t, version: eb("version", "+", 1), ...(to === "closed" || to === "stopped" ? { closed_at: t } : {}) }))
      .where("id", "=", id)
      .where("phase", "=", project.phase!)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "projects:errors.staleProject");
    if (to === "closed") {
      // Read under the project's row (taken by the update above; adding a milestone takes it too): a
      // project closes only once every milestone is reached, and the refusal names those still open.
      const open = await trx.selectFrom("milestones").select("title").where("project_id", "=", id).where("done_at", "is", null).orderBy("end_date").orderBy("id").execute();
      if (open.length > 0) throw new AppError("conflict", 409, openMilestonesMessage(open.map((m) => m.title)), "to");
    }
    await addProjectEvent(trx, id, actor.userId, "phase", { from: project.phase, to, reason: reason?.trim() || null, at: t });
    if (to === "closed") await setRequirementStatuses(trx, actor, await projectRequirementIds(trx, id), ["in_project"], "done", { projectId: id });
    await recordAudit(trx, { actorUserId: actor.userId, action: "project.phase", entityType: "project", entityId: id, detail: { from: project.phase, to } });
  });
  // A closed project is no phase one is „in“: its notice says it is closed.
  if (to === "closed") await notifyProjectFollowers(db, id, actor.userId, "projects:notifications.closed", { project: project.title });
  else await notifyProjectFollowers(db, id, actor.userId, "projects:notifications.phase", { project: project.title, phase: to });
}

export async function addTeamMember(db: DB, actor: Actor, id: number, userId: number, role: TeamRole) {
  const project = await findProject(db, id);
  requireRunner(project, actor);
  // The team picker offers exactly these; a posted id outside them (board, admin-only, inactive) is refused.
  const user = await assignableUsersQuery(db).where("users.id", "=", userId).executeTakeFirst();
  if (!user) throw new AppError("invalid", 400, "projects:validation.memberIneligible", "userId");
  // The project has one lead, changed only by the handover (changeProjectLead), which also updates the project.
  if (role === "project_lead") throw new AppError("invalid", 400, "projects:validation.teamRoleLead", "role");
  const exists = await db.selectFrom("project_members").select("id").where("project_id", "=", id).where("user_id", "=", userId).where("role", "=", role).executeTakeFirst();
  if (exists) throw new AppError("conflict", 409, "projects:errors.alreadyMember", "userId");
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("project_members").values({ project_id: id, user_id: userId, role, created_at: now() }).execute();
      // The name is read when the history is shown (an anonymised person shows under the neutral name).
      await addProjectEvent(trx, id, actor.userId, "member_added", { detail: { userId, role } });
    });
  } catch (error) {
    throw error instanceof AppError ? error : new AppError("conflict", 409, "projects:errors.alreadyMember", "userId");
  }
  if (userId !== actor.userId) {
    await notifyUsers(db, [userId], { kind: "project", requirementId: null, messageKey: "projects:notifications.teamAdded", params: { project: project.title, role }, link: projectLink(id) });
  }
}

export async function removeTeamMember(db: DB, actor: Actor, id: number, memberId: number) {
  const project = await findProject(db, id);
  requireRunner(project, actor);
  const member = await db
    .selectFrom("project_members")
    .select(["id", "user_id", "role"])
    .where("id", "=", memberId)
    .where("project_id", "=", id)
    .executeTakeFirst();
  if (!member) throw new AppError("invalid", 400, "projects:errors.notMember");
  if (member.role === "project_lead" && member.user_id === project.lead_user_id) throw new AppError("conflict", 409, "projects:errors.leadStays");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("project_members").where("id", "=", memberId).execute();
    await addProjectEvent(trx, id, actor.userId, "member_removed", { detail: { userId: member.user_id, role: member.role } });
  });
}

// ── Who may take part in a project; the project lead ─────────────────────────────────────

/** Active users who can sign in, with their organisation. */
function signInUsersQuery(db: DbOrTx) {
  return db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.name", "organisations.name as organisationName"])
    .where("users.active", "=", 1)
    .where("users.password_hash", "is not", null);
}

/**
 * Whom a project may be given to lead, or who may join its team (see PROJECT_BARRING_ROLES): active
 * users who can sign in, with a qualifying role and no board seat. The proposal form and the team
 * picker offer exactly these; proposing and adding a team member check the chosen id against it.
 */
export function assignableUsersQuery(db: DbOrTx) {
  return signInUsersQuery(db).where((eb) => {
    const withRole = (roles: readonly string[]) =>
      eb.selectFrom("role_assignments").select("role_assignments.id").whereRef("role_assignments.user_id", "=", "users.id").where("role_assignments.role", "in", roles);
    return eb.and([eb.exists(withRole(PROJECT_QUALIFYING_ROLES)), eb.not(eb.exists(withRole(PROJECT_BARRING_ROLES)))]);
  });
}

/**
 * Who may take over a project's lead: eligible leads in the association office, in an organisation
 * behind the project, or already in its team. Bounded by the project, so the form can offer it as one
 * native select; the use case checks the chosen id against the same query.
 */
export function leadCandidatesQuery(db: DbOrTx, projectId: number, behindIds: number[]) {
  return assignableUsersQuery(db).where((eb) =>
    eb.or([
      eb("organisations.kind", "=", OFFICE_KIND),
      ...(behindIds.length ? [eb("users.organisation_id", "in", behindIds)] : []),
      eb("users.id", "in", eb.selectFrom("project_members").select("project_members.user_id").where("project_members.project_id", "=", projectId)),
    ]),
  );
}

/**
 * Management hands the project lead to another person, with a reason, while the project is pending
 * or running. Recorded as a project event (old → new lead by user id, so an anonymised person is not
 * kept by name in the history), audited, and both leads are told (not the actor).
 */
export async function changeProjectLead(db: DB, actor: Actor, id: number, input: { leadUserId: number; reason: string }) {
  if (!can(actor, "manage:projects")) throw forbidden();
  const project = await findProject(db, id);
  const refusal = leadChangeRefusal({ status: project.status, phase: project.phase, currentLeadId: project.lead_user_id, newLeadId: input.leadUserId });
  if (refusal === "finished") throw new AppError("conflict", 409, "projects:errors.lead_finished");
  const reason = input.reason.trim();
  if (!reason) throw new AppError("invalid", 400, "projects:validation.leadReason", "reason");
  const behind = await projectOrganisationIds(db, id);
  const next = await leadCandidatesQuery(db, id, behind).where("users.id", "=", input.leadUserId).executeTakeFirst();
  if (!next) throw new AppError("invalid", 400, "projects:validation.newLead", "leadUserId");
  if (refusal === "unchanged") throw new AppError("conflict", 409, "projects:errors.lead_unchanged", "leadUserId");
  const from = project.lead_user_id;
  await db.transaction().execute(async (trx) => {
    const t = now();
    // Guarded by the lead and phase read above: a concurrent handover or closing wins, this one reloads.
    const res = await trx
      .updateTable("projects")
      .set((eb) => ({ lead_user_id: next.id, updated_at: t, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .where("status", "!=", "rejected")
      .where((eb) => eb.or([eb("phase", "is", null), eb("phase", "not in", ["closed", "stopped"])]))
      .where((eb) => (from === null ? eb("lead_user_id", "is", null) : eb("lead_user_id", "=", from)))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "projects:errors.staleProject");
    // The team lists the lead as "Projektleitung": that entry moves from the old to the new lead, so the
    // team never shows a former lead as lead. The old lead's other roles in the team stay; if the new
    // lead already held a Projektleitung entry (say, as deputy), the old lead's entry is dropped instead.
    const newHas = await trx.selectFrom("project_members").select("id").where("project_id", "=", id).where("user_id", "=", next.id).where("role", "=", "project_lead").executeTakeFirst();
    const oldEntry =
      from === null
        ? undefined
        : await trx.selectFrom("project_members").select("id").where("project_id", "=", id).where("user_id", "=", from).where("role", "=", "project_lead").executeTakeFirst();
    if (oldEntry && newHas) await trx.deleteFrom("project_members").where("id", "=", oldEntry.id).execute();
    else if (oldEntry) await trx.updateTable("project_members").set({ user_id: next.id, created_at: t }).where("id", "=", oldEntry.id).execute();
    else if (!newHas) await trx.insertInto("project_members").values({ project_id: id, user_id: next.id, role: "project_lead", created_at: t }).execute();
    await addProjectEvent(trx, id, actor.userId, "lead_changed", { from: from === null ? null : String(from), to: String(next.id), reason, at: t });
    await recordAudit(trx, { actorUserId: actor.userId, action: "project.lead", entityType: "project", entityId: id, detail: { from, to: next.id } });
  });
  const link = projectLink(id);
  if (next.id !== actor.userId) {
    await notifyUsers(db, [next.id], { kind: "project", requirementId: null, messageKey: "projects:notifications.leadTaken", params: { project: project.title }, link });
  }
  if (from !== null && from !== actor.userId) {
    await notifyUsers(db, [from], { kind: "project", requirementId: null, messageKey: "projects:notifications.leadHandedOver", params: { project: project.title, name: next.name, personId: String(next.id) }, link });
  }
}

/**
 * A new milestone: dated from today on, and within the project's planned period. The period is read
 * under the project's row lock, so a concurrent change of the period cannot leave it outside.
 */
export async function addMilestone(db: DB, actor: Actor, id: number, input: { title: string; startDate: string; endDate: string }) {
  const project = await findProject(db, id);
  requireRunner(project, actor);
  if (!milestoneDatesValid(input.startDate, input.endDate)) throw new AppError("invalid", 400, "projects:validation.milestoneEndBeforeStart", "endDate");
  refuseDate(pastDateRefusal({ startDate: input.startDate, endDate: input.endDate }, null, today()));
  await db.transaction().execute(async (trx) => {
    const period = await lockPeriod(trx, project);
    if (!milestoneInPeriod(input, period)) {
      const field = input.startDate < period.start ? "startDate" : "endDate";
      throw new AppError("invalid", 400, "projects:validation.milestoneOutsidePeriod", field, { details: { period } });
    }
    await trx
      .insertInto("milestones")
      .values({ project_id: id, title: input.title, start_date: input.startDate, end_date: input.endDate, done_at: null, created_by: actor.userId, created_at: now() })
      .execute();
    await addProjectEvent(trx, id, actor.userId, "milestone_added", { detail: { title: input.title, endDate: input.endDate } });
  });
}

/**
 * Takes the project's row (PostgreSQL row lock through the update; SQLite serialises writers anyway)
 * while its planned period is still the one read before, and returns that period.
 */
async function lockPeriod(trx: Tx, project: ProjectRow): Promise<{ start: string; end: string }> {
  const res = await trx
    .updateTable("projects")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", project.id)
    .where("planned_start", "=", project.planned_start)
    .where("planned_end", "=", project.planned_end)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "projects:errors.staleProject");
  return { start: project.planned_start, end: project.planned_end };
}

/**
 * Management or the project's lead re-plan the project's period while it runs. A date changed may not
 * lie before today; a date kept as stored may (a project under way began in the past). No open
 * milestone may fall outside the new period; reached ones are history and do not count.
 */
export async function changePlannedPeriod(db: DB, actor: Actor, id: number, input: { plannedStart: string; plannedEnd: string }) {
  const project = await findProject(db, id);
  requireRunner(project, actor);
  const from = { plannedStart: project.planned_start, plannedEnd: project.planned_end };
  if (input.plannedEnd < input.plannedStart) throw new AppError("invalid", 400, "projects:validation.endBeforeStart", "plannedEnd");
  if (input.plannedStart === from.plannedStart && input.plannedEnd === from.plannedEnd) throw new AppError("conflict", 409, "projects:errors.periodUnchanged");
  refuseDate(pastDateRefusal(input, from, today()));
  await db.transaction().execute(async (trx) => {
    await lockPeriod(trx, project);
    const milestones = await trx.selectFrom("milestones").select(["title", "start_date", "end_date", "done_at"]).where("project_id", "=", id).orderBy("start_date").orderBy("id").execute();
    const outside = milestonesOutside(
      milestones.map((m) => ({ title: m.title, startDate: m.start_date, endDate: m.end_date, done: m.done_at !== null })),
      { start: input.plannedStart, end: input.plannedEnd },
    );
    if (outside) {
      const details = { milestones: outside.milestones.map(({ title, startDate, endDate }) => ({ title, startDate, endDate })) };
      throw new AppError("invalid", 400, "projects:validation.periodLeavesMilestones", outside.field, { details });
    }
    const t = now();
    await trx.updateTable("projects").set({ planned_start: input.plannedStart, planned_end: input.plannedEnd, updated_at: t }).where("id", "=", id).execute();
    await addProjectEvent(trx, id, actor.userId, "period_changed", {
      at: t,
      detail: { fromStart: from.plannedStart, fromEnd: from.plannedEnd, toStart: input.plannedStart, toEnd: input.plannedEnd },
    });
    await recordAudit(trx, { actorUserId: actor.userId, action: "project.period", entityType: "project", entityId: id, detail: { from: { start: from.plannedStart, end: from.plannedEnd }, to: { start: input.plannedStart, end: input.plannedEnd } } });
  });
}

export async function completeMilestone(db: DB, actor: Actor, id: number, milestoneId: number) {
  const project = await findProject(db, id);
  requireRunner(project, actor);
  const m = await db.selectFrom("milestones").select(["id", "title"]).where("id", "=", milestoneId).where("project_id", "=", id).executeTakeFirst();
  if (!m) throw new AppError("invalid", 400, "projects:errors.noMilestone");
  await db.transaction().execute(async (trx) => {
    const res = await trx.updateTable("milestones").set({ done_at: now() }).where("id", "=", milestoneId).where("done_at", "is", null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "projects:errors.milestoneDone");
    await addProjectEvent(trx, id, actor.userId, "milestone_done", { detail: { title: m.title } });
  });
}

export async function addStatusReport(db: DB, actor: Actor, id: number, input: { health: Health; note: string }) {
  const project = await findProject(db, id);
  requireRunner(project, actor);
  await db.transaction().execute(async (trx) => {
    const t = now();
    await trx.insertInto("status_reports").values({ project_id: id, health: input.health, note: input.note, author_user_id: actor.userId, created_at: t }).execute();
    await trx.updateTable("projects").set({ health: input.health, updated_at: t }).where("id", "=", id).execute();
    await addProjectEvent(trx, id, actor.userId, "status_report", { from: project.health, to: input.health, at: t });
  });
}

/** Rollout status of one organisation behind the project: kept by that organisation's lead or the project lead. */
export async function setRollout(db: DB, actor: Actor, id: number, organisationId: number, status: RolloutStatus) {
  const project = await findProject(db, id);
  if (!isProjectLead(project, actor) && !can(actor, "update:rollout", { organisationId })) throw forbidden();
  if (!rolloutOpen(project.status, project.phase)) throw new AppError("conflict", 409, "projects:errors.rolloutClosed");
  const behind = await projectOrganisationIds(db, id);
  if (!behind.includes(organisationId)) throw new AppError("invalid", 400, "projects:errors.notBehind", "organisationId");
  const org = await db.selectFrom("organisations").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("rollouts").select("status").where("project_id", "=", id).where("organisation_id", "=", organisationId).executeTakeFirst();
    const from = current?.status ?? "interested";
    if (from === status) throw new AppError("conflict", 409, "projects:errors.rolloutUnchanged", "status");
    const t = now();
    if (current) {
      const res = await trx
        .updateTable("rollouts")
        .set({ status, updated_by: actor.userId, updated_at: t })
        .where("project_id", "=", id)
        .where("organisation_id", "=", organisationId)
        .where("status", "=", from)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "projects:errors.staleProject");
    } else {
      await trx.insertInto("rollouts").values({ project_id: id, organisation_id: organisationId, status, updated_by: actor.userId, updated_at: t }).execute();
    }
    await addProjectEvent(trx, id, actor.userId, "rollout", { from, to: status, at: t, detail: { organisationId, organisation: org.name } });
    await recordAudit(trx, { actorUserId: actor.userId, action: "project.rollout", entityType: "project", entityId: id, detail: { organisationId, from, to: status } });
  });
  const lead = project.lead_user_id;
  // Not "status": the notifications page reads a "status" param as a requirement status.
  const params = { project: project.title, organisation: org.name, rolloutStatus: status };
  if (lead && lead !== actor.userId) {
    await notifyUsers(db, [lead], { kind: "project", requirementId: null, messageKey: "projects:notifications.rollout", params, link: projectLink(id) });
  }
  // The organisation's own staff and leads hear of their new status; the project lead (told above) not twice.
  const members = (await organisationMemberIds(db, [organisationId])).filter((u) => u !== actor.userId && u !== lead);
  await notifyUsers(db, members, { kind: "project", requirementId: null, messageKey: "projects:notifications.rolloutOwn", params, link: projectLink(id) });
}
