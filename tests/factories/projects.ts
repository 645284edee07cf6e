import type { DB } from "#db/client.server";
import type { Actor } from "#app/modules/auth/permissions";
import { createCandidate } from "#app/modules/bundling/candidates.server";
import { proposeProject } from "#app/modules/projects/projects.server";
import type { ProposalInput } from "#app/modules/projects/schema";
import { berlinToday } from "#app/utils/time";
import { createUser } from "./index";
import { fileRequirement } from "./requirements";

let counter = 0;

/** Next calendar year: planned dates in it lie ahead whenever the tests run (new dates may not lie in the past). */
export const PLAN_YEAR = Number(berlinToday().slice(0, 4)) + 1;
/** A date in PLAN_YEAR, e.g. planned("05-01"). */
export const planned = (monthDay: string) => `${PLAN_YEAR}-${monthDay}`;

/**
 * A candidate in status "prioritised" (as a workshop would leave it) with one submitted requirement
 * per given filer; the status is set directly so these tests do not depend on the workshop flow.
 */
export async function prioritisedCandidate(db: DB, filers: Actor[], title = `Priorisierter Kandidat ${++counter}`) {
  const rm = await createUser(db, { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
  const requirementIds: number[] = [];
  for (const [i, filer] of filers.entries()) requirementIds.push(await fileRequirement(db, filer, { title: `${title} – Anforderung ${i + 1}` }));
  const { id } = await createCandidate(db, rm.actor, { requirementIds, title });
  await db.updateTable("candidates").set({ status: "prioritised" }).where("id", "=", id).execute();
  return { id, requirementIds };
}

export function proposalInput(candidateIds: number[], leadUserId: number, overrides: Partial<ProposalInput> = {}): ProposalInput {
  return {
    candidateIds,
    title: `Projekt ${++counter}`,
    goal: "Ein gemeinsames Online-Verfahren für alle beteiligten Kommunen.",
    scope: "Beschaffung, Einführung und Schulung.",
    budget: 50_000,
    plannedStart: planned("01-01"),
    plannedEnd: planned("12-31"),
    leadUserId,
    ...overrides,
  };
}

/** Fixtures for the route × role table: a proposed project behind a Homburg requirement. */
export async function projectRouteFixtures(db: DB): Promise<{ projectId: number }> {
  const filer = await createUser(db, { organisation: "Homburg" });
  const manager = await createUser(db, { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
  const candidate = await prioritisedCandidate(db, [filer.actor], "Kandidat für die Routentabelle");
  const { id } = await proposeProject(db, manager.actor, proposalInput([candidate.id], manager.id));
  return { projectId: id };
}
