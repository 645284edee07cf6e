// The requirement state machine (DESIGN.md): which action leads from which status to which.

export const REQUIREMENT_STATUSES = [
  "draft",
  "submitted",
  "released",
  "in_review",
  "bundled",
  "prioritised",
  "deferred",
  "rejected",
  "in_project",
  "done",
  "withdrawn",
  "merged",
] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

export type RequirementAction = "submit" | "release" | "return" | "review" | "reject" | "merge" | "withdraw" | "clarify";

const TRANSITIONS: Record<RequirementAction, { from: RequirementStatus[]; to: RequirementStatus | "by_release" }> = {
  // Where the organisation requires release, a submission waits for its lead; otherwise it is out.
  submit: { from: ["draft"], to: "submitted" },
  release: { from: ["submitted"], to: "released" },
  return: { from: ["submitted"], to: "draft" },
  review: { from: ["submitted", "released"], to: "in_review" },
  reject: { from: ["submitted", "released", "in_review"], to: "rejected" },
  merge: { from: ["submitted", "released", "in_review"], to: "merged" },
  // An organisation may withdraw its requirement until it is bundled.
  withdraw: { from: ["submitted", "released", "in_review"], to: "withdrawn" },
  // The requirements team sends an unclear requirement back to its organisation with a question.
  clarify: { from: ["submitted", "released", "in_review"], to: "draft" },
};

export function nextStatus(from: RequirementStatus, action: RequirementAction): RequirementStatus | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(from)) return null;
  return t.to === "by_release" ? null : t.to;
}

export function allowedActions(from: RequirementStatus): RequirementAction[] {
  return (Object.keys(TRANSITIONS) as RequirementAction[]).filter((a) => TRANSITIONS[a].from.includes(from));
}

/** Statuses in which other organisations may still co-sign. */
export const COSIGNABLE: RequirementStatus[] = ["submitted", "released", "in_review", "bundled", "prioritised", "deferred", "in_project"];

/** Statuses in which the requirements team may still correct the classification. */
/** Statuses that cannot take a duplicate: not yet filed, or no longer worked on. */
export const NO_DUPLICATE_TARGET: RequirementStatus[] = ["draft", "withdrawn", "merged", "rejected"];

export const CLASSIFIABLE: RequirementStatus[] = ["submitted", "released", "in_review", "bundled"];

export function isOpenForComments(status: RequirementStatus): boolean {
  return status !== "withdrawn" && status !== "merged";
}

/** What the timeline of a requirement holds that tells whether a question of the requirements team is open. */
export interface StatusEventLike {
  kind: string;
  to_status: string | null;
  detail: Record<string, unknown> | null;
}

/** Who sent a draft back: the requirements team with a question, or the organisation's lead during release. */
export type ReturnedBy = "requirements_team" | "lead";

/**
 * Why a draft is a draft again, while it is one: the latest status change, when it was a return —
 * the requirements team's for clarification (detail.clarify) or the lead's during release (any other
 * change back to draft). None once the draft was submitted again, or for a draft never sent out.
 */
export function openReturn<E extends StatusEventLike>(status: RequirementStatus, events: readonly E[]): { event: E; by: ReturnedBy } | null {
  if (status !== "draft") return null;
  const last = events.findLast((e) => e.kind === "status");
  if (!last || last.to_status !== "draft") return null;
  return { event: last, by: last.detail?.clarify === true ? "requirements_team" : "lead" };
}

/**
 * May this draft be deleted for good? Only one that never left its organisation: never submitted, so
 * no status change on its timeline. A draft returned by the lead or for clarification has a history
 * (others may have seen and answered it): it stays, and leaves only by being withdrawn once resubmitted.
 */
export function isDeletableDraft(status: RequirementStatus, submittedAt: string | null, events: readonly { kind: string }[]): boolean {
  return status === "draft" && submittedAt === null && !events.some((e) => e.kind === "status");
}
