// Pure governance rules for project approval (DESIGN.md: four-eyes principle, board circular resolution).

export const REQUIRED_APPROVALS = 2;

export type ApprovalRefusal = "alreadyApproved" | "notPending";

/**
 * May this manager approve now? Reading of "nor approve a proposal they created alone": creating is
 * not approving; the creator may give one of the two approvals, the other must come from someone else.
 */
export function approvalRefusal(input: { status: string; approverIds: number[]; userId: number }): ApprovalRefusal | null {
  if (input.status !== "requested") return "notPending";
  if (input.approverIds.includes(input.userId)) return "alreadyApproved";
  return null;
}

export type DeclineRefusal = "boardDecides" | "alreadyApproved" | "alreadyRejected";

/**
 * May management decline this proposal now? Only while it waits for the managers' approvals (also
 * after one of them): once the board votes it decides, and an approved project is stopped, not declined.
 */
export function declineRefusal(status: string): DeclineRefusal | null {
  if (status === "requested") return null;
  if (status === "board_vote") return "boardDecides";
  if (status === "approved") return "alreadyApproved";
  return "alreadyRejected";
}

/** Four eyes: two approvals from two different people. */
export function fourEyesMet(approverIds: number[]): boolean {
  return new Set(approverIds).size >= REQUIRED_APPROVALS;
}

/** Above (strictly) the threshold the supervisory board decides as well. */
export function needsBoard(budget: number, threshold: number): boolean {
  return budget > threshold;
}

export const VOTES = ["yes", "no", "abstain"] as const;
export type Vote = (typeof VOTES)[number];

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  cast: number;
}

/** Abstentions are recorded but are not votes cast for the majority (common German board practice). */
export function tally(votes: Vote[]): Tally {
  const t = { yes: 0, no: 0, abstain: 0, cast: 0 };
  for (const v of votes) t[v]++;
  t.cast = t.yes + t.no;
  return t;
}

/** Simple majority of the votes cast: more yes than no. A tie, or no vote cast at all, is not adopted. */
export function isAdopted(t: Pick<Tally, "yes" | "no">): boolean {
  return t.yes > t.no;
}

/**
 * How a concluded resolution reads. Not adopted is not adopted, but without a single yes or no vote
 * (everyone abstained, or nobody voted) nobody voted it down either: it reads „keine Mehrheit“.
 */
export type ResolutionReading = "adopted" | "rejected" | "noMajority";
export function resolutionReading(result: string, t: Pick<Tally, "yes" | "no">): ResolutionReading {
  if (result === "adopted") return "adopted";
  return t.yes + t.no === 0 ? "noMajority" : "rejected";
}

export type VoteRefusal = "notVoting" | "involved" | "notOpen" | "deadlinePassed" | "alreadyVoted";

/**
 * May this board member vote now? `voting`: a voting member of the board; `involved`: part of this
 * project (proposed, approved, leads or works in it), so not voting on it.
 */
export function voteRefusal(input: {
  status: string;
  deadline: string | null;
  now: string;
  voting: boolean;
  involved: boolean;
  alreadyVoted: boolean;
}): VoteRefusal | null {
  if (!input.voting) return "notVoting";
  if (input.involved) return "involved";
  if (input.status !== "board_vote") return "notOpen";
  if (input.deadline !== null && input.now > input.deadline) return "deadlinePassed";
  if (input.alreadyVoted) return "alreadyVoted";
  return null;
}

/**
 * The resolution is over when every voting member has voted, or when the deadline has passed.
 * (An early end once the outcome is certain would cut off members still entitled to vote.)
 */
export function resolutionDue(input: { deadline: string | null; now: string; votesReceived: number; votingMembers: number }): boolean {
  if (input.votingMembers > 0 && input.votesReceived >= input.votingMembers) return true;
  return input.deadline !== null && input.now > input.deadline;
}

/** Spitzenverbände (SSGT, LKT) sit on the board without a vote. */
export function isVotingOrganisationKind(kind: string): boolean {
  return kind !== "spitzenverband";
}
