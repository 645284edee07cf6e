// Aggregation of workshop scores: pure, so that unit tests pin down what the reveal shows.

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** Scores this far apart on one criterion (e.g. 1 and 4) are flagged for discussion. */
export const DISAGREEMENT_RANGE = 3;
/** Participants' weighted totals this far apart flag the whole item. */
export const DISAGREEMENT_TOTAL_RANGE = 1.5;

export interface CriterionWeight {
  id: number;
  weight: number;
  /** Higher score means less priority (e.g. effort): counted as 6 − score in the weighted total. */
  inverse: boolean;
}

export interface ScoreValue {
  userId: number;
  criterionId: number;
  value: number;
}

export interface CriterionResult {
  criterionId: number;
  /** How many gave 1, 2, 3, 4, 5 (index 0 is score 1). */
  distribution: number[];
  count: number;
  mean: number | null;
  /** Population standard deviation of the raw scores. */
  stdDev: number | null;
  min: number | null;
  max: number | null;
  range: number | null;
  disagreement: boolean;
}

export interface ItemResult {
  criteria: CriterionResult[];
  /** Weighted mean of the criteria (inverse ones flipped), on the 1–5 scale; null without scores. */
  weightedTotal: number | null;
  /** Each participant's own weighted total, sorted ascending (no names: scores stay anonymous). */
  participantTotals: number[];
  participantCount: number;
  totalRange: number | null;
  disagreement: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function effectiveValue(value: number, inverse: boolean): number {
  return inverse ? SCORE_MAX + SCORE_MIN - value : value;
}

export function isValidScore(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= SCORE_MIN && value <= SCORE_MAX;
}

function stats(values: number[]) {
  if (values.length === 0) return { mean: null, stdDev: null, min: null, max: null, range: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { mean: round2(mean), stdDev: round2(Math.sqrt(variance)), min, max, range: max - min };
}

/** Weighted mean over the criteria that have a value; weights of zero count for nothing. */
function weighted(criteria: CriterionWeight[], valueOf: (c: CriterionWeight) => number | null): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const v = valueOf(c);
    if (v === null || c.weight <= 0) continue;
    sum += c.weight * effectiveValue(v, c.inverse);
    weights += c.weight;
  }
  return weights > 0 ? round2(sum / weights) : null;
}

export function aggregate(criteria: CriterionWeight[], scores: ScoreValue[]): ItemResult {
  const valid = scores.filter((s) => isValidScore(s.value) && criteria.some((c) => c.id === s.criterionId));
  const perCriterion: CriterionResult[] = criteria.map((c) => {
    const values = valid.filter((s) => s.criterionId === c.id).map((s) => s.value);
    const distribution = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => values.filter((v) => v === i + SCORE_MIN).length);
    const s = stats(values);
    return { criterionId: c.id, distribution, count: values.length, ...s, disagreement: s.range !== null && s.range >= DISAGREEMENT_RANGE };
  });
  // The weighted total uses the unrounded means, so rounding does not compound.
  const rawMean = new Map<number, number>();
  for (const c of criteria) {
    const values = valid.filter((s) => s.criterionId === c.id).map((s) => s.value);
    if (values.length) rawMean.set(c.id, values.reduce((a, b) => a + b, 0) / values.length);
  }
  const weightedTotal = weighted(criteria, (c) => rawMean.get(c.id) ?? null);
  const users = [...new Set(valid.map((s) => s.userId))];
  const participantTotals = users
    .map((u) => {
      const mine = new Map(valid.filter((s) => s.userId === u).map((s) => [s.criterionId, s.value]));
      return weighted(criteria, (c) => mine.get(c.id) ?? null);
    })
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
  const totalRange = participantTotals.length ? round2(participantTotals[participantTotals.length - 1] - participantTotals[0]) : null;
  return {
    criteria: perCriterion,
    weightedTotal,
    participantTotals,
    participantCount: users.length,
    totalRange,
    disagreement: perCriterion.some((c) => c.disagreement) || (totalRange !== null && totalRange >= DISAGREEMENT_TOTAL_RANGE),
  };
}

/** A participant has scored an item when every criterion has a value from them. */
export function hasScoredAll(criteria: { id: number }[], scores: { criterionId: number }[]): boolean {
  const given = new Set(scores.map((s) => s.criterionId));
  return criteria.length > 0 && criteria.every((c) => given.has(c.id));
}

export interface ScoringParticipant {
  id: number;
  /** holds a scoring role in the team (team member or lead) and is active */
  mayScore: boolean;
  /** connected to or scored in the live session */
  attended: boolean;
}

export interface ScoringProgress {
  scored: number;
  /** present participants who may score, plus anyone who scored (in advance, too); the moderator only once they scored */
  expected: number;
  /** everyone expected has scored: revealing needs no confirmation */
  complete: boolean;
}

/**
 * How far the scoring of an item is, as the moderator weighs the reveal: people who are absent and
 * did not score in advance are not waited for, nor is the moderator, who usually only moderates.
 * Without any score the item is never complete.
 */
export function scoringProgress(participants: ScoringParticipant[], scoredUserIds: Iterable<number>, moderatorId: number | null): ScoringProgress {
  const scored = new Set(scoredUserIds);
  const expected = participants.filter((p) => scored.has(p.id) || (p.mayScore && p.attended && p.id !== moderatorId));
  const done = expected.filter((p) => scored.has(p.id)).length;
  return { scored: done, expected: expected.length, complete: done > 0 && done === expected.length };
}
