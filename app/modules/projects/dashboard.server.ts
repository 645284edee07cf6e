import { sql } from "kysely";
import { cacheWhileUnchanged, type DbOrTx } from "#db/client.server";
import { can, OFFICE_KIND, type Actor } from "#app/modules/auth/permissions";
import { sortGerman } from "#app/modules/organisations/order";
import { seesConfidential } from "#app/modules/requirements/queries.server";
import { forbidden } from "#app/utils/errors.server";
import { involvedUserIds, votingBoardMemberIds } from "./projects.server";
import { median, monthsBack, stayDurations } from "./metrics";
import { workOpen } from "./workflow";
import { berlinToday } from "#app/utils/time";
import { toCsv, type CsvCell } from "#app/utils/csv";

// The management dashboard: the pipeline from requirement to closed project, in figures.

export const REQUIREMENT_STAGES = ["submitted", "in_review", "bundled", "prioritised", "in_project", "done"] as const;
export const PROJECT_STAGES = ["requested", "board_vote", "initiation", "planning", "execution", "closed", "stopped", "rejected"] as const;
export const LEAD_TIME_STAGES = ["submitted", "in_review", "bundled", "prioritised", "requested", "board_vote", "initiation", "planning", "execution"] as const;
export const CANDIDATE_SERIES = ["open", "scheduled", "prioritised", "promoted", "deferred", "rejected"] as const;
export const HEALTH_SERIES = ["green", "amber", "red", "none"] as const;

const REQUIREMENT_STAGE_OF: Record<string, (typeof REQUIREMENT_STAGES)[number]> = {
  submitted: "submitted",
  released: "submitted",
  in_review: "in_review",
  bundled: "bundled",
  prioritised: "prioritised",
  in_project: "in_project",
  done: "done",
};

const DAY_MS = 86_400_000;

export async function getDashboard(db: DbOrTx, actor: Actor, at: string = new Date().toISOString()) {
  if (!can(actor, "view:dashboard")) throw forbidden();
  // Overdue and days overdue count by the Berlin calendar date, as the people reading it do.
  const today = berlinToday(Date.parse(at));
  const staff = seesConfidential(actor);

  const [requirements, reqEvents, projects, projEvents, candidates, teams, projectCandidates, organisations, endorsements, rollouts, approvals, votes, milestones, voters] =
    await Promise.all([
      // Counted in the database: with tens of thousands of requirements, fetching each row cost more
      // than everything else on this page.
      // Kept until requirements change, like the co-signature counts below until co-signatures do.
      cacheWhileUnchanged(db, "dashboard.requirements", () =>
        db
          .selectFrom("requirements")
          .select((eb) => [
            "organisation_id",
            "status",
            "confidential",
            "awaiting_release",
            sql<string | null>`substr(submitted_at, 1, 7)`.as("month"),
            eb.fn.countAll<number | string>().as("n"),
          ])
          .where("status", "!=", "draft")
          .groupBy(["organisation_id", "status", "confidential", "awaiting_release", sql`substr(submitted_at, 1, 7)`])
          .execute()
          .then((rows) => rows.map((r) => ({ ...r, n: Number(r.n) }))),
      ),
      db
        .selectFrom("requirement_events")
        .select(["requirement_id", "at", "to_status"])
        .where("kind", "in", ["created", "status"])
        .where("to_status", "is not", null)
        .orderBy("requirement_id")
        .orderBy("at")
        .orderBy("id")
        .execute(),
      db.selectFrom("projects").select(["id", "title", "status", "phase", "health", "created_at", "approved_at", "board_deadline"]).execute(),
      db
        .selectFrom("project_events")
        .select(["project_id", "at", "kind", "to_value"])
        .where("kind", "in", ["proposed", "board_opened", "rejected", "declined", "phase"])
        .orderBy("project_id")
        .orderBy("at")
        .orderBy("id")
        .execute(),
      db.selectFrom("candidates").select(["id", "team_id", "status"]).execute(),
      db.selectFrom("teams").select(["id", "name"]).orderBy("id").execute().then((r) => sortGerman(r, (t) => t.name)),
      db.selectFrom("project_candidates").select(["project_id", "candidate_id"]).execute(),
      db.selectFrom("organisations").select(["id", "name", "kind"]).where("active", "=", 1).orderBy("id").execute().then((r) => sortGerman(r, (o) => o.name)),
      cacheWhileUnchanged(db, "dashboard.endorsements", () =>
        db
          .selectFrom("endorsements")
          .innerJoin("requirements", "requirements.id", "endorsements.requirement_id")
          .select((eb) => ["endorsements.organisation_id", "requirements.confidential", eb.fn.countAll<number | string>().as("n")])
          .groupBy(["endorsements.organisation_id", "requirements.confidential"])
          .execute()
          .then((rows) => rows.map((r) => ({ ...r, n: Number(r.n) }))),
      ),
      db.selectFrom("rollouts").select(["project_id", "organisation_id", "status"]).execute(),
      db.selectFrom("project_approvals").select(["project_id", "user_id"]).execute(),
      db.selectFrom("board_votes").select(["project_id", "user_id"]).execute(),
      db
        .selectFrom("milestones")
        .innerJoin("projects", "projects.id", "milestones.project_id")
        .select(["milestones.id", "milestones.title", "milestones.end_date", "projects.id as projectId", "projects.title as projectTitle", "projects.status", "projects.phase"])
        .where("milestones.done_at", "is", null)
        .where("milestones.end_date", "<", today)
        .orderBy("milestones.end_date")
        .execute(),
      votingBoardMemberIds(db),
    ]);

  // 1. Counts per stage.
  const sum = <T extends { n: number }>(rows: T[]) => rows.reduce((total, r) => total + r.n, 0);
  const outOnes = requirements.filter((r) => !r.awaiting_release);
  const requirementStages = REQUIREMENT_STAGES.map((stage) => ({
    stage,
    count: sum(outOnes.filter((r) => REQUIREMENT_STAGE_OF[r.status] === stage)),
  }));
  // Out of the pipeline, so in none of the stages above; the cockpit names them instead of leaving them out silently.
  const outsidePipeline = (["deferred", "rejected", "withdrawn", "merged"] as const)
    .map((status) => ({ status, count: sum(outOnes.filter((r) => r.status === status)) }))
    .filter((o) => o.count > 0);
  const projectStageOf = (p: (typeof projects)[number]) => (p.status === "approved" ? (p.phase ?? "initiation") : p.status);
  const projectStages = PROJECT_STAGES.map((stage) => ({ stage, count: projects.filter((p) => projectStageOf(p) === stage).length }));

  // 2. Median days spent in each stage (completed stays only).
  const reqStays = stayDurations(reqEvents.map((e) => ({ key: e.requirement_id, at: e.at, status: REQUIREMENT_STAGE_OF[e.to_status!] ?? e.to_status! })));
  const projStays = stayDurations(projEvents.map((e) => ({ key: e.project_id, at: e.at, status: e.to_value ?? "" })));
  const stays = new Map<string, number[]>();
  for (const [k, v] of [...reqStays, ...projStays]) stays.set(k, [...(stays.get(k) ?? []), ...v]);
  const leadTimes = LEAD_TIME_STAGES.map((stage) => {
    const days = (stays.get(stage) ?? []).map((ms) => ms / DAY_MS);
    const m = median(days);
    return { stage, medianDays: m === null ? null : Math.round(m * 10) / 10, count: days.length };
  });

  // 3. Throughput per month (last 12 months).
  const months = monthsBack(at, 12);
  const closedAt = new Map<number, string>();
  for (const e of projEvents) if (e.kind === "phase" && e.to_value === "closed") closedAt.set(e.project_id, e.at);
  const throughput = months.map((month) => ({
    month,
    submitted: sum(requirements.filter((r) => r.month === month)),
    approved: projects.filter((p) => p.approved_at?.startsWith(month)).length,
    closed: [...closedAt.values()].filter((a) => a.startsWith(month)).length,
  }));

  // 4. Per Kompetenzteam: candidates by status, and projects that grew out of them.
  const projectsOfCandidate = new Map<number, Set<number>>();
  for (const pc of projectCandidates) projectsOfCandidate.set(pc.candidate_id, new Set([...(projectsOfCandidate.get(pc.candidate_id) ?? []), pc.project_id]));
  const teamRows = [...teams.map((t) => ({ id: t.id as number | null, name: t.name })), { id: null, name: "" }]
    .map((team) => {
      const mine = candidates.filter((c) => c.team_id === team.id);
      const row = Object.fromEntries(CANDIDATE_SERIES.map((s) => [s, mine.filter((c) => c.status === s).length])) as Record<(typeof CANDIDATE_SERIES)[number], number>;
      const projectIds = new Set(mine.flatMap((c) => [...(projectsOfCandidate.get(c.id) ?? [])]));
      return { team: team.name, unassigned: team.id === null, ...row, projects: projectIds.size, total: mine.length };
    })
    .filter((r) => r.total > 0 || !r.unassigned);

  // 5. Per organisation: filed, co-signed, adopted (in operation); members that never took part.
  const countable = (confidential: number) => staff || !confidential;
  const members = organisations.filter((o) => o.kind !== OFFICE_KIND);
  const perOrganisation = members.map((o) => ({
    organisation: o.name,
    filed: sum(requirements.filter((r) => r.organisation_id === o.id && countable(r.confidential))),
    cosigned: sum(endorsements.filter((e) => e.organisation_id === o.id && countable(e.confidential))),
    adopted: rollouts.filter((r) => r.organisation_id === o.id && r.status === "operating").length,
  }));
  const participating = perOrganisation.filter((o) => o.filed + o.cosigned + o.adopted > 0).sort((a, b) => b.filed + b.cosigned - (a.filed + a.cosigned) || a.organisation.localeCompare(b.organisation, "de"));
  const neverTookPart = perOrganisation.filter((o) => o.filed + o.cosigned === 0).map((o) => o.organisation);

  // 6. Running projects by health.
  const running = projects.filter((p) => workOpen(p.status, p.phase));
  const health = HEALTH_SERIES.map((h) => ({ health: h, count: running.filter((p) => (p.health ?? "none") === h).length }));

  // 7. What waits for a decision.
  const waitingApprovals = projects
    .filter((p) => p.status === "requested")
    .map((p) => ({
      id: p.id,
      title: p.title,
      since: p.created_at,
      // Calendar days in Berlin: proposed yesterday evening reads „seit 1 Tag“ this morning, not „seit heute“.
      days: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${berlinToday(Date.parse(p.created_at))}T00:00:00Z`)) / DAY_MS),
      approvals: approvals.filter((a) => a.project_id === p.id).length,
    }));
  const inVote = projects.filter((p) => p.status === "board_vote");
  // Board members involved in a project do not vote on it.
  const involved = await involvedUserIds(db, inVote.map((p) => p.id));
  const waitingVotes = inVote.map((p) => {
    const projectVoters = voters.filter((id) => !involved.get(p.id)?.has(id));
    return {
      id: p.id,
      title: p.title,
      deadline: p.board_deadline,
      overdue: !!p.board_deadline && at > p.board_deadline,
      votes: votes.filter((v) => v.project_id === p.id && projectVoters.includes(v.user_id)).length,
      voters: projectVoters.length,
    };
  });
  const overdueMilestones = milestones
    .filter((m) => workOpen(m.status, m.phase))
    .map((m) => ({
      id: m.id,
      title: m.title,
      endDate: m.end_date,
      projectId: m.projectId,
      projectTitle: m.projectTitle,
      daysOverdue: Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${m.end_date}T00:00:00Z`)) / DAY_MS),
    }));

  return {
    at,
    requirementStages,
    outsidePipeline,
    projectStages,
    leadTimes,
    throughput,
    teams: teamRows,
    organisations: participating,
    neverTookPart,
    memberCount: members.length,
    health,
    waiting: { approvals: waitingApprovals, votes: waitingVotes, milestones: overdueMilestones },
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

type T = (key: string, options?: Record<string, unknown>) => string;

/** The dashboard's figures as CSV rows: section; category; measure; value (semicolon-separated, as German spreadsheets expect). */
export function dashboardCsv(d: Dashboard, t: T): string {
  const rows: CsvCell[][] = [[t("csv.section"), t("csv.category"), t("csv.measure"), t("csv.value")]];
  const section = (key: string) => t(`dashboard.${key}.title`);
  for (const r of d.requirementStages) rows.push([section("requirementStages"), t(`dashboard.requirementStage.${r.stage}`), t("dashboard.count"), r.count]);
  for (const r of d.projectStages) rows.push([section("projectStages"), t(`dashboard.projectStage.${r.stage}`), t("dashboard.count"), r.count]);
  for (const r of d.leadTimes) {
    rows.push([section("leadTimes"), t(`dashboard.leadStage.${r.stage}`), t("dashboard.medianDays"), r.medianDays === null ? "" : String(r.medianDays).replace(".", ",")]);
    rows.push([section("leadTimes"), t(`dashboard.leadStage.${r.stage}`), t("dashboard.stays"), r.count]);
  }
  for (const r of d.throughput) for (const k of ["submitted", "approved", "closed"] as const) rows.push([section("throughput"), r.month, t(`dashboard.throughputSeries.${k}`), r[k]]);
  for (const r of d.teams) {
    const name = r.unassigned ? t("dashboard.noTeam") : r.team;
    for (const s of ["open", "scheduled", "prioritised", "promoted", "deferred", "rejected"] as const) rows.push([section("teams"), name, t(`dashboard.candidateStatus.${s}`), r[s]]);
    rows.push([section("teams"), name, t("dashboard.projectsColumn"), r.projects]);
  }
  for (const r of d.organisations) for (const k of ["filed", "cosigned", "adopted"] as const) rows.push([section("organisations"), r.organisation, t(`dashboard.orgSeries.${k}`), r[k]]);
  for (const name of d.neverTookPart) rows.push([t("dashboard.neverTookPart.title"), name, t("dashboard.neverTookPart.measure"), 0]);
  for (const r of d.health) rows.push([section("health"), t(`health.${r.health}`), t("dashboard.count"), r.count]);
  for (const r of d.waiting.approvals) rows.push([t("dashboard.waiting.approvals"), r.title, t("dashboard.waiting.approvalsGiven"), r.approvals]);
  for (const r of d.waiting.votes) rows.push([t("dashboard.waiting.votes"), r.title, t("dashboard.waiting.votesCast"), r.votes]);
  for (const r of d.waiting.milestones) rows.push([t("dashboard.waiting.milestones"), `${r.projectTitle}: ${r.title}`, t("dashboard.waiting.daysOverdue"), r.daysOverdue]);
  return toCsv(rows);
}
