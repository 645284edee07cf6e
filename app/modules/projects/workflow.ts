// Project phases, team roles, health and rollout: the pure rules behind the project page.

export const PROJECT_STATUSES = ["requested", "board_vote", "approved", "rejected"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A proposal not yet decided: its candidates and requirements are assigned to it, but nothing is approved. */
export function awaitsApproval(status: string): boolean {
  return status === "requested" || status === "board_vote";
}

/** Who turned a proposal down: the board by its circular resolution, or management by declining it. */
export type Rejection = "board" | "management";
export function rejectedBy(status: string, boardResult: string | null): Rejection | null {
  if (status !== "rejected") return null;
  return boardResult === "rejected" ? "board" : "management";
}

export const PHASES = ["initiation", "planning", "execution", "closed"] as const;
export const PHASE_TARGETS = [...PHASES, "stopped"] as const;
export type Phase = (typeof PHASE_TARGETS)[number];

export type PhaseRefusal = "notApproved" | "finished" | "unchanged" | "skipForward" | "reasonRequired";

/**
 * Moves go one phase forward at a time, or back to any earlier phase with a reason; a project may
 * be stopped from any open phase (with a reason). Closed and stopped projects stay as they are.
 */
export function phaseRefusal(input: { status: string; from: Phase | null; to: Phase; reason: string | null | undefined }): PhaseRefusal | null {
  if (input.status !== "approved" || input.from === null) return "notApproved";
  if (input.from === "closed" || input.from === "stopped") return "finished";
  if (input.from === input.to) return "unchanged";
  const hasReason = !!input.reason && input.reason.trim().length > 0;
  if (input.to === "stopped") return hasReason ? null : "reasonRequired";
  const fromIndex = PHASES.indexOf(input.from);
  const toIndex = PHASES.indexOf(input.to);
  if (toIndex > fromIndex + 1) return "skipForward";
  if (toIndex < fromIndex && !hasReason) return "reasonRequired";
  return null;
}

export function isBackwards(from: Phase, to: Phase): boolean {
  return to !== "stopped" && PHASES.indexOf(to) < PHASES.indexOf(from as (typeof PHASES)[number]);
}

/** Moves that need a reason: stopping, and going back to an earlier phase. */
/** Final moves ask for a confirmation: closing marks every requirement behind the project done, and neither can be undone. */
export function phaseNeedsConfirmation(to: Phase): boolean {
  return to === "stopped" || to === "closed";
}

export function phaseNeedsReason(from: Phase | null, to: Phase): boolean {
  return to === "stopped" || (from !== null && isBackwards(from, to));
}

/** The phases a user may pick next from a given phase (the form offers exactly these). */
export function phaseChoices(from: Phase | null): Phase[] {
  if (from === null || from === "closed" || from === "stopped") return [];
  const i = PHASES.indexOf(from);
  return [...PHASES.slice(0, i), ...(i + 1 < PHASES.length ? [PHASES[i + 1]] : []), "stopped"];
}

export const TEAM_ROLES = ["project_lead", "specialist", "technical", "test"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
/** The roles the team form gives; the project lead changes only through the handover. */
export const ADDABLE_TEAM_ROLES = TEAM_ROLES.filter((r) => r !== "project_lead");

export const HEALTH = ["green", "amber", "red"] as const;
export type Health = (typeof HEALTH)[number];

export const ROLLOUT_STATUSES = ["interested", "planned", "introducing", "operating", "declined"] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** Milestones: the end may not lie before the start. Dates are YYYY-MM-DD. */
export function milestoneDatesValid(start: string, end: string): boolean {
  return end >= start;
}

/** A refused date: the field it belongs to and the message key. */
export type DateRefusal = { field: string; key: string };

/**
 * A date that is set or changed may not lie before today (Berlin); today itself is allowed. A date
 * kept as stored passes even when time has since overtaken it, so a running project stays editable.
 * `stored` is null when nothing is stored yet (a new project or milestone).
 */
export function pastDateRefusal(dates: Record<string, string>, stored: Record<string, string> | null, today: string): DateRefusal | null {
  for (const [field, date] of Object.entries(dates)) {
    if (stored?.[field] === date) continue;
    if (date < today) return { field, key: "projects:validation.dateInPast" };
  }
  return null;
}

/** Whether a milestone lies within the project's planned period (both ends included). Dates are YYYY-MM-DD. */
export function milestoneInPeriod(milestone: { startDate: string; endDate: string }, period: { start: string; end: string }): boolean {
  return milestone.startDate >= period.start && milestone.endDate <= period.end;
}

/**
 * The open milestones a planned period would leave outside, and the field that moved them out: the
 * start (they begin before it) first, else the end (they end after it). Reached milestones are
 * history and keep their dates whatever the plan.
 */
export function milestonesOutside<M extends { startDate: string; endDate: string; done: boolean }>(
  milestones: M[],
  period: { start: string; end: string },
): { field: "plannedStart" | "plannedEnd"; milestones: M[] } | null {
  const open = milestones.filter((m) => !m.done);
  const beforeStart = open.filter((m) => m.startDate < period.start);
  if (beforeStart.length > 0) return { field: "plannedStart", milestones: beforeStart };
  const afterEnd = open.filter((m) => m.endDate > period.end);
  if (afterEnd.length > 0) return { field: "plannedEnd", milestones: afterEnd };
  return null;
}

/** Projects that take rollout entries: approved and not stopped. */
export function rolloutOpen(status: string, phase: string | null): boolean {
  return status === "approved" && phase !== "stopped";
}

/**
 * Who may lead a project or work in its team, by role. The supervisory board votes on project
 * approvals, so its members (voting or not) neither lead a project nor sit in a project team,
 * whatever other roles they hold: a conflict of interest with the vote. Otherwise a person needs a
 * role that works on requirements and projects: a technical account holding only "admin" takes no
 * part. Applied in SQL by assignableUsersQuery (projects.server.ts), together with "active and able
 * to sign in".
 */
export const PROJECT_BARRING_ROLES = ["board"] as const;
export const PROJECT_QUALIFYING_ROLES = ["member_staff", "member_lead", "requirements_manager", "team_member", "team_lead", "management"] as const;

export type ProjectIneligibility = "inactive" | "board" | "noRole";

/**
 * Why a person may not (any longer) lead or work in a project, or null if they may: the same rule
 * as assignableUsersQuery, for people already in a team (they are shown with a hint, not removed).
 */
export function projectIneligibility(person: { active: boolean; canSignIn: boolean; roles: readonly string[] }): ProjectIneligibility | null {
  if (!person.active || !person.canSignIn) return "inactive";
  if (person.roles.some((r) => (PROJECT_BARRING_ROLES as readonly string[]).includes(r))) return "board";
  if (!person.roles.some((r) => (PROJECT_QUALIFYING_ROLES as readonly string[]).includes(r))) return "noRole";
  return null;
}

export type LeadChangeRefusal = "finished" | "unchanged";

/**
 * The lead may be handed over while the project is pending or running; a rejected, closed or
 * stopped project keeps the lead it ended with (its history stays as it was).
 */
export function leadChangeOpen(status: string, phase: string | null): boolean {
  return status !== "rejected" && phase !== "closed" && phase !== "stopped";
}

export function leadChangeRefusal(input: { status: string; phase: string | null; currentLeadId: number | null; newLeadId: number }): LeadChangeRefusal | null {
  if (!leadChangeOpen(input.status, input.phase)) return "finished";
  if (input.currentLeadId === input.newLeadId) return "unchanged";
  return null;
}

/** Phases in which the team, milestones and status reports are still kept. */
export function workOpen(status: string, phase: string | null): boolean {
  return status === "approved" && phase !== null && phase !== "closed" && phase !== "stopped";
}
