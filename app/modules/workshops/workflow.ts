// The workshop and agenda-item state machines (DESIGN.md, "Prioritisation workshops").
import { berlinToday } from "#app/utils/time";

export const WORKSHOP_STATUSES = ["scheduled", "live", "closed", "published", "cancelled"] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];
export type WorkshopAction = "start" | "end" | "publish" | "cancel";

const WORKSHOP_TRANSITIONS: Record<WorkshopAction, { from: WorkshopStatus[]; to: WorkshopStatus }> = {
  start: { from: ["scheduled"], to: "live" },
  end: { from: ["live"], to: "closed" },
  publish: { from: ["closed"], to: "published" },
  cancel: { from: ["scheduled"], to: "cancelled" },
};

export function nextWorkshopStatus(from: WorkshopStatus, action: WorkshopAction): WorkshopStatus | null {
  const t = WORKSHOP_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/**
 * Starting now is out of schedule when the planned start lies on another day than today (Berlin) or
 * more than an hour ahead: the start question names the planned date then.
 */
export function isOffSchedule(scheduledAt: string, at: number = Date.now()): boolean {
  return berlinToday(Date.parse(scheduledAt)) !== berlinToday(at) || Date.parse(scheduledAt) - at > 60 * 60_000;
}

/** Date, agenda and invitations may change only before the workshop has started; a cancelled one is final. */
export function isChangeable(status: WorkshopStatus): boolean {
  return status === "scheduled";
}

/**
 * An agenda item: pending (may be scored in advance) → scoring (opened by the lead) → revealed
 * (scores shown) → decided; reopening goes back to scoring; an item still undecided when the
 * workshop ends is skipped.
 */
export const ITEM_STATES = ["pending", "scoring", "revealed", "decided", "skipped"] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export type ItemAction = "open" | "reveal" | "reopen" | "decide" | "skip";

const ITEM_TRANSITIONS: Record<ItemAction, { from: ItemState[]; to: ItemState }> = {
  open: { from: ["pending"], to: "scoring" },
  reveal: { from: ["scoring"], to: "revealed" },
  reopen: { from: ["revealed"], to: "scoring" },
  decide: { from: ["revealed"], to: "decided" },
  skip: { from: ["pending", "scoring", "revealed"], to: "skipped" },
};

export function nextItemState(from: ItemState, action: ItemAction): ItemState | null {
  const t = ITEM_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

export function allowedItemActions(from: ItemState): ItemAction[] {
  return (Object.keys(ITEM_TRANSITIONS) as ItemAction[]).filter((a) => ITEM_TRANSITIONS[a].from.includes(from));
}

/** Scores are taken before the workshop (advance scoring) and while the lead has scoring open. */
export function isScorable(workshop: WorkshopStatus, item: ItemState): boolean {
  if (workshop === "scheduled") return item === "pending";
  if (workshop === "live") return item === "pending" || item === "scoring";
  return false;
}

/**
 * A participant's own score on an item as the workshop page names it: given, still to give (also
 * while revealed, as scoring may be reopened), or not given once nothing can be scored any more.
 */
export function ownScoreState(workshop: WorkshopStatus, item: ItemState, scored: boolean): "scored" | "open" | "missed" {
  if (scored) return "scored";
  if (isScorable(workshop, item) || (workshop === "live" && item === "revealed")) return "open";
  return "missed";
}

/** Scores stay hidden (anchoring) until the lead reveals them. */
export function areScoresVisible(item: ItemState): boolean {
  return item === "revealed" || item === "decided";
}

export const DECISIONS = ["prioritise", "defer", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];

/** What a decision makes of the candidate and of its requirements. */
export const DECISION_STATUS: Record<Decision, "prioritised" | "deferred" | "rejected"> = {
  prioritise: "prioritised",
  defer: "deferred",
  reject: "rejected",
};

/** Requirement statuses a workshop decision moves on (a deferred one may come back to a later workshop). */
export const DECIDABLE_REQUIREMENT_STATUSES = ["bundled", "deferred"];

/**
 * The order of a team's ranked list: by the rank a workshop decided, and where two decisions gave the
 * same rank (say, a later workshop put a new candidate at 1), the newer decision first: it was taken
 * knowing the list. Each entry gets its place in the list and whether its rank was given twice.
 */
export function rankedOrder<T extends { rank: number | null; decidedAt: string | null }>(entries: T[]): (T & { place: number; sharedRank: boolean })[] {
  const sorted = [...entries].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || (b.decidedAt ?? "").localeCompare(a.decidedAt ?? ""));
  return sorted.map((e, i) => ({ ...e, place: i + 1, sharedRank: e.rank !== null && sorted.some((o) => o !== e && o.rank === e.rank) }));
}

/**
 * A criterion's share of the weighted total in whole percent: weights are relative (they need not sum
 * to 100), so 40 of 110 counts 36 %. An inactive criterion, or a total of 0, has no share.
 */
export function weightShare(weight: number, active: boolean, totalActive: number): number | null {
  if (!active || totalActive <= 0) return null;
  return Math.round((weight / totalActive) * 100);
}
