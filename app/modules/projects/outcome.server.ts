import type { DbOrTx } from "#db/client.server";
import type { Actor } from "#app/modules/auth/permissions";
import { visibleTo } from "#app/modules/requirements/queries.server";
import { DECISION_STATUS, type Decision } from "#app/modules/workshops/workflow";
import { projectOrganisationIds } from "./projects.server";
import { tally, type Vote } from "./approval";
import { rejectedBy, type Phase, type RolloutStatus } from "./workflow";

/**
 * "Was wurde aus unserer Anforderung?": candidate → decision → project → phase → rollout status of
 * the viewer's organisation, and whether it is the viewer's organisation's own (filed or co-signed). Null when the requirement is in no candidate or not visible.
 */
export async function requirementOutcome(db: DbOrTx, actor: Actor, requirementId: number) {
  const visible = await db.selectFrom("requirements").select(["id", "organisation_id"]).where("id", "=", requirementId).where(visibleTo(actor)).executeTakeFirst();
  if (!visible) return null;
  const candidate = await db
    .selectFrom("candidate_requirements")
    .innerJoin("candidates", "candidates.id", "candidate_requirements.candidate_id")
    .leftJoin("teams", "teams.id", "candidates.team_id")
    .select(["candidates.id", "candidates.title", "candidates.status", "teams.name as teamName"])
    .where("candidate_requirements.requirement_id", "=", requirementId)
    .executeTakeFirst();
  if (!candidate) return null;

  // The workshop's decision, where one was recorded; otherwise the candidate's status tells it.
  const decision = await db
    .selectFrom("workshop_items")
    .select(["decision", "rationale", "decided_at", "deferred_until"])
    .where("candidate_id", "=", candidate.id)
    .where("decision", "is not", null)
    .orderBy("decided_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();

  const project = await latestCandidateProject(db, candidate.id);

  let rollout: { status: RolloutStatus; involved: boolean } | null = null;
  if (project) {
    const involved = (await projectOrganisationIds(db, project.id)).includes(actor.organisationId);
    const row = await db
      .selectFrom("rollouts")
      .select("status")
      .where("project_id", "=", project.id)
      .where("organisation_id", "=", actor.organisationId)
      .executeTakeFirst();
    rollout = { status: (row?.status ?? "interested") as RolloutStatus, involved };
  }

  // "Unsere Anforderung" only for an organisation that filed or co-signed it; anyone else reads "diese".
  const ours =
    visible.organisation_id === actor.organisationId ||
    !!(await db
      .selectFrom("endorsements")
      .select("id")
      .where("requirement_id", "=", requirementId)
      .where("organisation_id", "=", actor.organisationId)
      .executeTakeFirst());
  const decided = ["prioritised", "deferred", "rejected", "promoted"].includes(candidate.status);
  return {
    candidate: { id: candidate.id, title: candidate.title, status: candidate.status, teamName: candidate.teamName },
    decision: decision
      ? {
          value: DECISION_STATUS[decision.decision as Decision] ?? (decision.decision as string),
          rationale: decision.rationale,
          at: decision.decided_at,
          until: decision.deferred_until,
        }
      : decided
        ? { value: candidate.status === "promoted" ? "prioritised" : candidate.status, rationale: null, at: null, until: null }
        : null,
    project,
    rollout,
    ours,
  };
}

/** The latest project of a candidate (a rejection hands the candidate back, so there may be several). Projects are open to every member. */
export async function latestCandidateProject(db: DbOrTx, candidateId: number) {
  const p = await db
    .selectFrom("project_candidates")
    .innerJoin("projects", "projects.id", "project_candidates.project_id")
    .select(["projects.id", "projects.title", "projects.status", "projects.phase", "projects.health", "projects.planned_end", "projects.board_result"])
    .where("project_candidates.candidate_id", "=", candidateId)
    .orderBy("projects.id", "desc")
    .executeTakeFirst();
  if (!p) return null;
  const by = rejectedBy(p.status, p.board_result);
  // A decided resolution's count is open to all who see the project (the names are not).
  const boardTally = by === "board" ? tally((await db.selectFrom("board_votes").select("vote").where("project_id", "=", p.id).execute()).map((v) => v.vote as Vote)) : null;
  return { id: p.id, title: p.title, status: p.status, rejectedBy: by, boardTally, phase: p.phase as Phase | null, health: p.health, plannedEnd: p.planned_end };
}
export type RequirementOutcome = Awaited<ReturnType<typeof requirementOutcome>>;
