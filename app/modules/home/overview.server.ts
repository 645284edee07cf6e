// The start page after sign-in ("Übersicht"): what waits for this person, by their roles, and what
// happened lately to the requirements their organisation filed or co-signed. Every list here is a
// shortcut to a page that applies the same rules again; the queries below apply them already, so
// the start page never shows a title its reader could not open.
import { type DbOrTx } from "#db/client.server";
import { can, type Actor } from "#app/modules/auth/permissions";
import { isVotingOrganisationKind } from "#app/modules/projects/approval";
import { listResolutions } from "#app/modules/projects/queries.server";
import { workOpen } from "#app/modules/projects/workflow";
import { countFeedback } from "#app/modules/organisations/organisations.server";
import { creditWorkshopTeams, visibleTo } from "#app/modules/requirements/queries.server";
import { NEW_TRIAGE_STATUSES, type ListStatus } from "#app/modules/requirements/schema";
import { COSIGNABLE, openReturn } from "#app/modules/requirements/workflow";
import { berlinToday } from "#app/utils/time";

/** How many entries a task shows before "Alle anzeigen". */
export const TASK_ITEMS = 5;
/** How far back "Neues zu Ihren Anforderungen" looks, and how many entries it shows. */
export const NEWS_DAYS = 30;
export const NEWS_ITEMS = 8;
/** How many recent requirements of other organisations the start page offers for co-signing. */
export const COSIGN_ITEMS = 5;
const DAY_MS = 86_400_000;

export const TASK_KEYS = ["clarify", "drafts", "release", "triage", "unassigned", "toSchedule", "workshops", "approvals", "promote", "votes", "milestones", "feedback"] as const;
export type TaskKey = (typeof TASK_KEYS)[number];

export interface TaskItem {
  id: number;
  title: string;
  to: string;
  /** A date (ISO timestamp or YYYY-MM-DD) the entry is about: since, when, due. */
  at: string | null;
  /** Which wording the date gets, where a task's entries differ (home.tasks.<key>.at_<variant>). */
  atVariant?: string;
}

export interface Task {
  key: TaskKey;
  count: number;
  /** The page listing all of them. */
  to: string;
  items: TaskItem[];
}

/** Requirement states shown in "Unsere Anforderungen", in pipeline order (a submission waiting for release apart, as its badge says). */
const OWN_STATES: ListStatus[] = ["draft", "awaiting_release", "submitted", "released", "in_review", "bundled", "prioritised", "deferred", "in_project", "done", "rejected"];

function task(key: TaskKey, to: string, count: number, items: TaskItem[]): Task[] {
  return count > 0 ? [{ key, to, count, items: items.slice(0, TASK_ITEMS) }] : [];
}

/** The person's own drafts; those returned with a question or a reason are listed under "clarify" instead. */
async function draftTasks(db: DbOrTx, actor: Actor, returned: Promise<TaskItem[]>): Promise<Task[]> {
  if (!can(actor, "create:requirement", { organisationId: actor.organisationId })) return [];
  const rows = await db
    .selectFrom("requirements")
    .select(["id", "title", "updated_at"])
    .where("organisation_id", "=", actor.organisationId)
    .where("created_by", "=", actor.userId)
    .where("status", "=", "draft")
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const listed = new Set((await returned).map((r) => r.id));
  const own = rows.filter((r) => !listed.has(r.id));
  return task("drafts", "/anforderungen/unsere?status=draft", own.length, own.map((r) => ({ id: r.id, title: r.title, to: `/anforderungen/${r.id}`, at: r.updated_at })));
}

/**
 * Drafts of the organisation sent back with a question or a reason, whoever filed them: by the
 * requirements team for clarification, or by the organisation's own lead instead of releasing them.
 */
async function returnedDrafts(db: DbOrTx, actor: Actor): Promise<TaskItem[]> {
  if (!can(actor, "edit:requirement", { organisationId: actor.organisationId })) return [];
  const drafts = await db
    .selectFrom("requirements")
    .select(["id", "title"])
    .where("organisation_id", "=", actor.organisationId)
    .where("status", "=", "draft")
    .execute();
  if (drafts.length === 0) return [];
  const events = await db
    .selectFrom("requirement_events")
    .select(["requirement_id", "kind", "to_status", "detail", "at", "actor_user_id"])
    .where("requirement_id", "in", drafts.map((d) => d.id))
    .where("kind", "=", "status")
    .orderBy("at")
    .orderBy("id")
    .execute();
  const items = drafts
    .flatMap((d) => {
      const own = events.filter((e) => e.requirement_id === d.id).map((e) => ({ ...e, detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null }));
      const open = openReturn("draft", own);
      if (!open) return [];
      // The lead who returned it reads „von Ihnen zurückgegeben“, not „von Ihrer Leitung“.
      const atVariant = open.by === "lead" && open.event.actor_user_id === actor.userId ? "self" : open.by;
      return [{ id: d.id, title: d.title, to: `/anforderungen/${d.id}`, at: open.event.at, atVariant }];
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  return items;
}

async function releaseTasks(db: DbOrTx, actor: Actor): Promise<Task[]> {
  if (!can(actor, "release:requirement", { organisationId: actor.organisationId })) return [];
  const rows = await db
    .selectFrom("requirements")
    .select(["id", "title", "submitted_at"])
    .where("organisation_id", "=", actor.organisationId)
    .where("status", "=", "submitted")
    .where("awaiting_release", "=", 1)
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
  return task("release", "/freigaben", rows.length, rows.map((r) => ({ id: r.id, title: r.title, to: `/anforderungen/${r.id}`, at: r.submitted_at })));
}

/** New arrivals the requirements team has not taken into review yet, oldest first. */
async function triageTasks(db: DbOrTx, actor: Actor): Promise<Task[]> {
  if (!can(actor, "triage:requirement")) return [];
  const base = db.selectFrom("requirements").where(visibleTo(actor)).where("status", "in", [...NEW_TRIAGE_STATUSES]).where("awaiting_release", "=", 0);
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    base.select(["id", "title", "submitted_at"]).orderBy("submitted_at").orderBy("id").limit(TASK_ITEMS).execute(),
  ]);
  // The inbox filtered to the same states, so its count is the card's.
  return task("triage", "/eingang?status=new", Number(n), rows.map((r) => ({ id: r.id, title: r.title, to: `/anforderungen/${r.id}`, at: r.submitted_at })));
}

/** Open candidates: without a team for the requirements team; of their own team for team leads. */
async function candidateTasks(db: DbOrTx, actor: Actor): Promise<Task[]> {
  const tasks: Task[] = [];
  const open = () => db.selectFrom("candidates").select(["id", "title", "created_at", "team_id"]).where("status", "=", "open").orderBy("created_at").orderBy("id");
  if (can(actor, "manage:candidates")) {
    const rows = await open().where("team_id", "is", null).execute();
    tasks.push(...task("unassigned", "/kandidaten?status=open", rows.length, rows.map((r) => ({ id: r.id, title: r.title, to: `/kandidaten/${r.id}`, at: r.created_at }))));
  }
  const leadTeams = [...new Set(actor.roles.filter((r) => r.role === "team_lead" && r.teamId !== null).map((r) => r.teamId!))];
  if (leadTeams.length > 0) {
    const rows = await open().where("team_id", "in", leadTeams).execute();
    const to = leadTeams.length === 1 ? `/workshops/neu?team=${leadTeams[0]}` : "/workshops/neu";
    tasks.push(...task("toSchedule", to, rows.length, rows.map((r) => ({ id: r.id, title: r.title, to: `/kandidaten/${r.id}`, at: r.created_at }))));
  }
  return tasks;
}

/** Workshops the person is invited to that have not ended: scheduled or running now. */
async function workshopTasks(db: DbOrTx, actor: Actor): Promise<Task[]> {
  const rows = await db
    .selectFrom("workshops")
    .innerJoin("workshop_participants as me", (j) => j.onRef("me.workshop_id", "=", "workshops.id").on("me.user_id", "=", actor.userId))
    .select(["workshops.id", "workshops.title", "workshops.scheduled_at", "workshops.status"])
    .where("workshops.status", "in", ["scheduled", "live"])
    .orderBy("workshops.scheduled_at")
    .orderBy("workshops.id")
    .execute();
  return task("workshops", "/workshops", rows.length, rows.map((r) => ({ id: r.id, title: r.title, to: r.status === "live" ? `/workshops/${r.id}/live` : `/workshops/${r.id}`, at: r.scheduled_at })));
}

async function managementTasks(db: DbOrTx, actor: Actor): Promise<Task[]> {
  const tasks: Task[] = [];
  if (can(actor, "approve:project")) {
    // Proposals this person has not approved yet (the second approval must come from someone else).
    const rows = await db
      .selectFrom("projects")
      .select(["id", "title", "created_at"])
      .where("status", "=", "requested")
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("project_approvals").select("project_approvals.project_id").whereRef("project_approvals.project_id", "=", "projects.id").where("project_approvals.user_id", "=", actor.userId))),
      )
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    tasks.push(...task("approvals", "/projekte", rows.length, rows.map((r) => ({ id: r.id, title: r.title, to: `/projekte/${r.id}`, at: r.created_at }))));
  }
  if (can(actor, "manage:projects")) {
    const rows = await db.selectFrom("candidates").select(["id", "title"]).where("status", "=", "prioritised").orderBy("updated_at").orderBy("id").execute();
    const proposal = (id: number) => `/projekte/neu?kandidaten=${id}`;
    // One candidate waiting: „Projekt vorschlagen“ starts the proposal with it chosen, as its own line does.
    tasks.push(...task("promote", rows.length === 1 ? proposal(rows[0].id) : "/projekte/neu", rows.length, rows.map((r) => ({ id: r.id, title: r.title, to: proposal(r.id), at: null }))));
  }
  return tasks;
}

async function voteTasks(db: DbOrTx, actor: Actor, at: string): Promise<Task[]> {
  if (!can(actor, "vote:board")) return [];
  const { votingMember, open } = await listResolutions(db, actor, at);
  if (!votingMember) return [];
  const missing = open.filter((r) => r.myVote === null && !r.involved);
  return task("votes", "/umlaufverfahren", missing.length, missing.map((r) => ({ id: r.id, title: r.title, to: "/umlaufverfahren", at: r.deadline })));
}

/** Overdue milestones of running projects this person leads (management sees them in the cockpit). */
async function milestoneTasks(db: DbOrTx, actor: Actor, at: string): Promise<Task[]> {
  // Overdue counts by the Berlin calendar date: a milestone due yesterday is overdue from midnight in Berlin.
  const today = berlinToday(Date.parse(at));
  const rows = await db
    .selectFrom("milestones")
    .innerJoin("projects", "projects.id", "milestones.project_id")
    .select(["milestones.id", "milestones.title", "milestones.end_date", "projects.id as projectId", "projects.title as projectTitle", "projects.status", "projects.phase"])
    .where("projects.lead_user_id", "=", actor.userId)
    .where("milestones.done_at", "is", null)
    .where("milestones.end_date", "<", today)
    .orderBy("milestones.end_date")
    .orderBy("milestones.id")
    .execute();
  const overdue = rows.filter((r) => workOpen(r.status, r.phase));
  const to = overdue.length > 0 && overdue.every((r) => r.projectId === overdue[0].projectId) ? `/projekte/${overdue[0].projectId}` : "/projekte";
  return task("milestones", to, overdue.length, overdue.map((r) => ({ id: r.id, title: `${r.projectTitle}: ${r.title}`, to: `/projekte/${r.projectId}`, at: r.end_date })));
}

/**
 * The person's seat on the supervisory board: with a vote, or advisory (the Spitzenverbände SSGT and
 * LKT), so the start page promises a vote only to those who have one.
 */
async function boardSeat(db: DbOrTx, actor: Actor): Promise<"voting" | "advisory" | null> {
  if (!can(actor, "vote:board")) return null;
  const org = await db.selectFrom("organisations").select("kind").where("id", "=", actor.organisationId).executeTakeFirst();
  return isVotingOrganisationKind(org?.kind ?? "") ? "voting" : "advisory";
}

async function feedbackTasks(db: DbOrTx, actor: Actor): Promise<Task[]> {
  if (!can(actor, "admin:feedback")) return [];
  const { open } = await countFeedback(db, actor);
  return task("feedback", "/verwaltung/rueckmeldungen", open, []);
}

/** The organisation's requirements by state (drafts included: they are its own). */
async function ownStates(db: DbOrTx, actor: Actor) {
  if (!can(actor, "create:requirement", { organisationId: actor.organisationId })) return null;
  const rows = await db
    .selectFrom("requirements")
    .select(["status", "awaiting_release"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organisation_id", "=", actor.organisationId)
    .groupBy(["status", "awaiting_release"])
    .execute();
  const stateOf = (r: { status: string; awaiting_release: number }) => (r.status === "submitted" && r.awaiting_release ? "awaiting_release" : r.status);
  const count = (status: ListStatus) => rows.filter((r) => stateOf(r) === status).reduce((n, r) => n + Number(r.n), 0);
  return OWN_STATES.map((status) => ({ status, count: count(status) })).filter((s) => s.count > 0);
}

/**
 * What others did lately to requirements the organisation filed or co-signed: state changes,
 * co-signatures, merged duplicates. The person's own steps are left out (they know them).
 */
async function news(db: DbOrTx, actor: Actor, at: string) {
  if (!can(actor, "create:requirement", { organisationId: actor.organisationId }) && !can(actor, "release:requirement", { organisationId: actor.organisationId })) return [];
  const since = new Date(Date.parse(at) - NEWS_DAYS * DAY_MS).toISOString();
  const rows = await db
    .selectFrom("requirement_events")
    .innerJoin("requirements", "requirements.id", "requirement_events.requirement_id")
    .leftJoin("users", "users.id", "requirement_events.actor_user_id")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "requirement_events.id",
      "requirement_events.at",
      "requirement_events.kind",
      "requirement_events.from_status",
      "requirement_events.to_status",
      "requirement_events.detail",
      "requirements.id as requirementId",
      "requirements.title as requirementTitle",
      "requirements.organisation_id as requirementOrganisationId",
      "organisations.name as actorOrganisation",
    ])
    .where(visibleTo(actor))
    .where((eb) =>
      eb.or([
        eb("requirements.organisation_id", "=", actor.organisationId),
        eb.exists(eb.selectFrom("endorsements").select("endorsements.requirement_id").whereRef("endorsements.requirement_id", "=", "requirements.id").where("endorsements.organisation_id", "=", actor.organisationId)),
      ]),
    )
    .where("requirement_events.kind", "in", ["status", "cosigned", "cosign_withdrawn", "merged_in"])
    .where("requirement_events.at", ">=", since)
    .where("requirement_events.at", "<=", at)
    .where((eb) => eb.or([eb("requirement_events.actor_user_id", "is", null), eb("requirement_events.actor_user_id", "!=", actor.userId)]))
    .orderBy("requirement_events.at", "desc")
    .orderBy("requirement_events.id", "desc")
    .limit(NEWS_ITEMS)
    .execute();
  const entries = await creditWorkshopTeams(
    db,
    rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null })),
  );
  return entries.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind,
    from_status: r.from_status,
    to_status: r.to_status,
    detail: r.detail,
    requirementId: r.requirementId,
    requirementTitle: r.requirementTitle,
    /** Filed by the reader's organisation (otherwise co-signed by it). */
    own: r.requirementOrganisationId === actor.organisationId,
    /** Who did it: the deciding Kompetenzteam, else the acting person's organisation (null: the application). */
    actorOrganisation: r.actorOrganisation,
  }));
}

/**
 * Requirements other organisations filed in the last NEWS_DAYS days that the reader's organisation
 * has not co-signed yet, newest first, those in a Themenfeld the organisation has filed in itself
 * first: co-signing instead of filing the same need again is what bundling lives on.
 */
async function toCosign(db: DbOrTx, actor: Actor, at: string) {
  if (!can(actor, "cosign:requirement")) return [];
  const since = new Date(Date.parse(at) - NEWS_DAYS * DAY_MS).toISOString();
  const ownTopics = (await db.selectFrom("requirements").select("themenfeld").distinct().where("organisation_id", "=", actor.organisationId).execute()).map((r) => r.themenfeld);
  let q = db
    .selectFrom("requirements")
    .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
    .select(["requirements.id", "requirements.title", "requirements.themenfeld", "requirements.submitted_at", "organisations.name as organisationName"])
    .where(visibleTo(actor))
    .where("requirements.organisation_id", "!=", actor.organisationId)
    .where("requirements.status", "in", COSIGNABLE)
    .where("requirements.submitted_at", ">=", since)
    .where("requirements.submitted_at", "<=", at)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("endorsements").select("endorsements.requirement_id").whereRef("endorsements.requirement_id", "=", "requirements.id").where("endorsements.organisation_id", "=", actor.organisationId))),
    );
  if (ownTopics.length > 0) q = q.orderBy((eb) => eb.case().when("requirements.themenfeld", "in", ownTopics).then(0).else(1).end());
  const rows = await q.orderBy("requirements.submitted_at", "desc").orderBy("requirements.id", "desc").limit(COSIGN_ITEMS).execute();
  return rows.map((r) => ({ ...r, sameTopic: ownTopics.includes(r.themenfeld) }));
}

export async function getOverview(db: DbOrTx, actor: Actor, at: string = new Date().toISOString()) {
  const returned = returnedDrafts(db, actor);
  const [tasks, states, latest, cosign, seat] = await Promise.all([
    Promise.all([
      returned.then((items) => task("clarify", "/anforderungen/unsere?status=draft", items.length, items)),
      draftTasks(db, actor, returned),
      releaseTasks(db, actor),
      triageTasks(db, actor),
      candidateTasks(db, actor),
      workshopTasks(db, actor),
      managementTasks(db, actor),
      voteTasks(db, actor, at),
      milestoneTasks(db, actor, at),
      feedbackTasks(db, actor),
    ]).then((lists) => lists.flat()),
    ownStates(db, actor),
    news(db, actor, at),
    toCosign(db, actor, at),
    boardSeat(db, actor),
  ]);
  return { tasks, ownStates: states, news: latest, toCosign: cosign, newsDays: NEWS_DAYS, boardSeat: seat };
}
export type Overview = Awaited<ReturnType<typeof getOverview>>;
