import { describe, expect, it } from "vitest";
import { aggregate, effectiveValue, hasScoredAll, isValidScore, scoringProgress } from "#app/modules/workshops/scoring";
import { allowedItemActions, areScoresVisible, isChangeable, isOffSchedule, isScorable, nextItemState, nextWorkshopStatus, ownScoreState, rankedOrder, weightShare } from "#app/modules/workshops/workflow";
import { parseWithZod } from "@conform-to/zod";
import { decideFormSchema, liveActionSchema, publishSchema } from "#app/modules/workshops/schema";
import { berlinLocalToIso, isoToBerlinLocal } from "#app/utils/time";

const criteria = [
  { id: 1, weight: 30, inverse: false },
  { id: 2, weight: 20, inverse: false },
  { id: 3, weight: 50, inverse: true },
];
const s = (userId: number, criterionId: number, value: number) => ({ userId, criterionId, value });

describe("aggregation of scores", () => {
  it("counts the distribution per criterion and computes mean, standard deviation and range", () => {
    const r = aggregate(criteria, [s(1, 1, 4), s(2, 1, 4), s(3, 1, 1), s(1, 2, 3), s(2, 2, 3), s(3, 2, 3)]);
    const c1 = r.criteria[0];
    expect(c1.distribution).toEqual([1, 0, 0, 2, 0]);
    expect(c1.count).toBe(3);
    expect(c1.mean).toBe(3);
    expect(c1.stdDev).toBeCloseTo(Math.sqrt(2), 2);
    expect(c1.range).toBe(3);
    expect(c1.disagreement).toBe(true);
    expect(r.criteria[1]).toMatchObject({ distribution: [0, 0, 3, 0, 0], mean: 3, stdDev: 0, range: 0, disagreement: false });
    expect(r.criteria[2]).toMatchObject({ count: 0, mean: null, range: null, disagreement: false });
  });

  it("weights the criteria, flips inverse ones and skips criteria nobody scored", () => {
    // Effective: c1 = 5, c2 = 3, c3 = 6 − 1 = 5 → (30·5 + 20·3 + 50·5) / 100 = 4.6
    expect(aggregate(criteria, [s(1, 1, 5), s(1, 2, 3), s(1, 3, 1)]).weightedTotal).toBe(4.6);
    // Without c3: (30·5 + 20·3) / 50 = 4.2
    expect(aggregate(criteria, [s(1, 1, 5), s(1, 2, 3)]).weightedTotal).toBe(4.2);
    expect(aggregate(criteria, []).weightedTotal).toBeNull();
    expect(effectiveValue(2, true)).toBe(4);
    expect(effectiveValue(2, false)).toBe(2);
  });

  it("gives each participant's total and flags the item when the totals are far apart", () => {
    const agree = aggregate(criteria, [s(1, 1, 4), s(1, 2, 4), s(1, 3, 2), s(2, 1, 4), s(2, 2, 3), s(2, 3, 2)]);
    expect(agree.participantCount).toBe(2);
    expect(agree.participantTotals).toEqual([3.8, 4]);
    expect(agree.totalRange).toBe(0.2);
    expect(agree.disagreement).toBe(false);
    const apart = aggregate(criteria, [s(1, 1, 5), s(1, 2, 4), s(1, 3, 1), s(2, 1, 3), s(2, 2, 2), s(2, 3, 3)]);
    expect(apart.criteria.every((c) => !c.disagreement)).toBe(true);
    expect(apart.totalRange).toBeGreaterThanOrEqual(1.5);
    expect(apart.disagreement).toBe(true);
  });

  it("ignores values outside 1–5 and scores on unknown criteria", () => {
    const r = aggregate(criteria, [s(1, 1, 0), s(1, 1, 6), s(1, 99, 3), s(2, 1, 2)]);
    expect(r.criteria[0].distribution).toEqual([0, 1, 0, 0, 0]);
    expect(r.participantCount).toBe(1);
    expect([0, 6, 2.5, Number.NaN, "3"].some((v) => isValidScore(v))).toBe(false);
    expect([1, 3, 5].every((v) => isValidScore(v))).toBe(true);
  });

  it("knows when a participant has scored every criterion", () => {
    expect(hasScoredAll(criteria, [{ criterionId: 1 }, { criterionId: 2 }, { criterionId: 3 }])).toBe(true);
    expect(hasScoredAll(criteria, [{ criterionId: 1 }, { criterionId: 2 }])).toBe(false);
    expect(hasScoredAll([], [])).toBe(false);
  });
});

describe("scoring progress before the reveal", () => {
  // 1 moderates; 2 and 3 are present; 4 is absent; 5 is present but no longer holds a scoring role.
  const people = [
    { id: 1, mayScore: true, attended: true },
    { id: 2, mayScore: true, attended: true },
    { id: 3, mayScore: true, attended: true },
    { id: 4, mayScore: true, attended: false },
    { id: 5, mayScore: false, attended: true },
  ];

  it("waits for those present who may score, not for the absent, nor for the moderator", () => {
    expect(scoringProgress(people, [], 1)).toEqual({ scored: 0, expected: 2, complete: false });
    expect(scoringProgress(people, [2], 1)).toEqual({ scored: 1, expected: 2, complete: false });
    expect(scoringProgress(people, [2, 3], 1)).toEqual({ scored: 2, expected: 2, complete: true });
  });

  it("counts whoever scored: in advance while absent, and the moderator once they scored", () => {
    expect(scoringProgress(people, [4], 1)).toEqual({ scored: 1, expected: 3, complete: false });
    expect(scoringProgress(people, [2, 3, 4], 1)).toEqual({ scored: 3, expected: 3, complete: true });
    expect(scoringProgress(people, [1, 2], 1)).toEqual({ scored: 2, expected: 3, complete: false });
    // Without a moderator (not started by anyone of them), every present scorer is waited for.
    expect(scoringProgress(people, [2, 3], null)).toEqual({ scored: 2, expected: 3, complete: false });
  });

  it("is never complete without a score, even when nobody is expected", () => {
    expect(scoringProgress([{ id: 1, mayScore: true, attended: true }], [], 1)).toEqual({ scored: 0, expected: 0, complete: false });
    expect(scoringProgress([], [], null).complete).toBe(false);
  });

  it("ignores scores of people who are not invited", () => {
    expect(scoringProgress(people, [2, 3, 99], 1)).toEqual({ scored: 2, expected: 2, complete: true });
  });
});

describe("state machine of an agenda item", () => {
  it("goes pending → scoring → revealed → decided, and back to scoring on reopen", () => {
    expect(nextItemState("pending", "open")).toBe("scoring");
    expect(nextItemState("scoring", "reveal")).toBe("revealed");
    expect(nextItemState("revealed", "reopen")).toBe("scoring");
    expect(nextItemState("revealed", "decide")).toBe("decided");
  });

  it("refuses steps out of order and anything after the decision", () => {
    expect(nextItemState("pending", "decide")).toBeNull();
    expect(nextItemState("scoring", "decide")).toBeNull();
    expect(nextItemState("pending", "reveal")).toBeNull();
    expect(nextItemState("scoring", "reopen")).toBeNull();
    expect(allowedItemActions("decided")).toEqual([]);
    expect(allowedItemActions("skipped")).toEqual([]);
    expect(nextItemState("revealed", "skip")).toBe("skipped");
  });

  it("takes scores in advance and while scoring is open, never after reveal or decision", () => {
    expect(isScorable("scheduled", "pending")).toBe(true);
    expect(isScorable("live", "pending")).toBe(true);
    expect(isScorable("live", "scoring")).toBe(true);
    expect(isScorable("live", "revealed")).toBe(false);
    expect(isScorable("live", "decided")).toBe(false);
    expect(isScorable("closed", "scoring")).toBe(false);
    expect(isScorable("published", "pending")).toBe(false);
  });

  it("shows scores only once revealed", () => {
    expect(areScoresVisible("pending")).toBe(false);
    expect(areScoresVisible("scoring")).toBe(false);
    expect(areScoresVisible("revealed")).toBe(true);
    expect(areScoresVisible("decided")).toBe(true);
  });

  it("runs a workshop scheduled → live → closed → published", () => {
    expect(nextWorkshopStatus("scheduled", "start")).toBe("live");
    expect(nextWorkshopStatus("live", "end")).toBe("closed");
    expect(nextWorkshopStatus("closed", "publish")).toBe("published");
    expect(nextWorkshopStatus("scheduled", "publish")).toBeNull();
    expect(nextWorkshopStatus("published", "start")).toBeNull();
  });
});

describe("workshop forms", () => {
  it("refuses a decision without rationale, a prioritisation without rank and a deferral without a future date", () => {
    const errors = (v: Record<string, unknown>) => {
      const r = liveActionSchema.safeParse(v);
      return r.success ? {} : r.error.flatten().fieldErrors;
    };
    const confirm = "yes";
    expect(errors({ intent: "decide", itemId: 1, decision: "reject", rationale: "  ", confirm })).toEqual({ rationale: ["workshops:errors.rationaleMissing"] });
    expect(errors({ intent: "decide", itemId: 1, decision: "prioritise", rationale: "Nutzen", confirm })).toEqual({ rank: ["workshops:errors.rank"] });
    expect(errors({ intent: "decide", itemId: 1, decision: "defer", rationale: "Später", deferredUntil: "2020-01-01", confirm })).toEqual({
      deferredUntil: ["workshops:errors.deferredPast"],
    });
    expect(errors({ intent: "decide", itemId: 1, decision: "prioritise", rank: 1000, rationale: "Nutzen", confirm })).toEqual({ rank: ["workshops:errors.rankMax"] });
    expect(errors({ intent: "decide", itemId: 1, decision: "prioritise", rank: 2, rationale: "Nutzen", confirm })).toEqual({});
  });

  it("checks the decision form in the browser before asking: the date or rank the choice needs, alongside the other fields", () => {
    const check = (values: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ intent: "decide", itemId: "1", confirm: "", ...values })) form.set(k, v);
      const submission = parseWithZod(form, { schema: decideFormSchema });
      return submission.status === "success" ? {} : submission.error;
    };
    // Missing rationale and missing date are both reported at once (the server reports the date only once confirmed).
    expect(check({ decision: "defer", rationale: "" })).toEqual({
      rationale: ["workshops:errors.rationaleMissing"],
      deferredUntil: ["workshops:errors.deferredUntil"],
    });
    expect(check({ decision: "defer", rationale: "Später", deferredUntil: "2020-01-01" })).toEqual({ deferredUntil: ["workshops:errors.deferredPast"] });
    expect(check({ decision: "prioritise", rationale: "Nutzen" })).toEqual({ rank: ["workshops:errors.rank"] });
    // Empty fields as the browser sends them.
    expect(check({ decision: "prioritise", rationale: "Nutzen", rank: "", deferredUntil: "" })).toEqual({ rank: ["workshops:errors.rank"] });
    expect(check({ decision: "defer", rationale: "Später", rank: "", deferredUntil: "" })).toEqual({ deferredUntil: ["workshops:errors.deferredUntil"] });
    expect(check({ decision: "prioritise", rationale: "Nutzen", rank: "zwei" })).toEqual({ rank: ["workshops:errors.rank"] });
    // Out of range: the message names the bound that was crossed and the range 1–999.
    expect(check({ decision: "prioritise", rationale: "Nutzen", rank: "1000" })).toEqual({ rank: ["workshops:errors.rankMax"] });
    expect(check({ decision: "prioritise", rationale: "Nutzen", rank: "0" })).toEqual({ rank: ["workshops:errors.rankMin"] });
    expect(check({ decision: "prioritise", rationale: "Nutzen", rank: "2.5" })).toEqual({ rank: ["workshops:errors.rankWhole"] });
    expect(check({ rationale: "" })).toEqual({ decision: ["workshops:errors.decisionMissing"], rationale: ["workshops:errors.rationaleMissing"] });
    // Complete: it goes on to the question (the confirmation is not checked here).
    expect(check({ decision: "defer", rationale: "Später", deferredUntil: "2099-06-30" })).toEqual({});
    expect(check({ decision: "prioritise", rationale: "Nutzen", rank: "2" })).toEqual({});
    expect(check({ decision: "reject", rationale: "Gelöst" })).toEqual({});
  });

  it("asks for a confirmation before a decision, ending a workshop and publishing its minutes", () => {
    const confirmError = (v: Record<string, unknown>) => {
      const r = liveActionSchema.safeParse(v);
      return r.success ? undefined : r.error.flatten().fieldErrors.confirm;
    };
    for (const v of [{ intent: "decide", itemId: 1, decision: "reject", rationale: "Nein" }, { intent: "end" }]) {
      expect(confirmError(v)).toEqual(["validation.confirmRequired"]);
      expect(confirmError({ ...v, confirm: "no" })).toEqual(["validation.confirmRequired"]);
      expect(liveActionSchema.safeParse({ ...v, confirm: "yes" }).success).toBe(true);
    }
    // Revealing asks only when not everyone has scored (the use case counts); a wrong answer is refused.
    expect(liveActionSchema.safeParse({ intent: "reveal", itemId: 1 }).success).toBe(true);
    expect(confirmError({ intent: "reveal", itemId: 1, confirm: "no" })).toEqual(["validation.confirmRequired"]);
    expect(publishSchema.safeParse({ intent: "publish" }).error?.flatten().fieldErrors.confirm).toEqual(["validation.confirmRequired"]);
    expect(publishSchema.safeParse({ intent: "publish", confirm: "yes" }).success).toBe(true);
  });

  it("refuses scores outside 1–5", () => {
    for (const value of [0, 6, 2.5]) {
      expect(liveActionSchema.safeParse({ intent: "score", itemId: 1, scores: [{ criterionId: 1, value }] }).success).toBe(false);
    }
    expect(liveActionSchema.safeParse({ intent: "score", itemId: 1, scores: [{ criterionId: 1, value: 5 }] }).success).toBe(true);
  });

  it("reads the date field as Berlin time and refuses dates that do not exist", () => {
    expect(berlinLocalToIso("2026-12-01T10:00")).toBe("2026-12-01T09:00:00.000Z");
    expect(berlinLocalToIso("2026-07-01T10:00")).toBe("2026-07-01T08:00:00.000Z");
    expect(berlinLocalToIso("2026-13-01T10:00")).toBeNull();
    expect(berlinLocalToIso("2026-03-29T02:30")).toBeNull();
    expect(isoToBerlinLocal("2026-12-01T09:00:00.000Z")).toBe("2026-12-01T10:00");
  });
});

describe("cancelling and changing a workshop", () => {
  it("cancels only a scheduled workshop, and a cancelled one goes nowhere", () => {
    expect(nextWorkshopStatus("scheduled", "cancel")).toBe("cancelled");
    for (const from of ["live", "closed", "published", "cancelled"] as const) expect(nextWorkshopStatus(from, "cancel")).toBeNull();
    for (const action of ["start", "end", "publish"] as const) expect(nextWorkshopStatus("cancelled", action)).toBeNull();
  });
  it("lets date, agenda and invitations change only before the start", () => {
    expect(isChangeable("scheduled")).toBe(true);
    for (const status of ["live", "closed", "published", "cancelled"] as const) expect(isChangeable(status)).toBe(false);
  });
});

describe("a team's ranked list", () => {
  it("orders by the decided rank, puts the newer of two decisions for the same rank first and says the rank was given twice", () => {
    const list = rankedOrder([
      { id: "Terminvereinbarung", rank: 1, decidedAt: "2026-10-01T10:00:00.000Z" },
      { id: "E-Akte", rank: 2, decidedAt: "2026-10-01T10:05:00.000Z" },
      { id: "Hundesteuer", rank: 1, decidedAt: "2026-11-15T09:00:00.000Z" },
      { id: "ohne Rang", rank: null, decidedAt: "2026-11-20T09:00:00.000Z" },
    ]);
    expect(list.map((e) => [e.place, e.id, e.rank, e.sharedRank])).toEqual([
      [1, "Hundesteuer", 1, true],
      [2, "Terminvereinbarung", 1, true],
      [3, "E-Akte", 2, false],
      [4, "ohne Rang", null, false],
    ]);
  });
});

describe("a participant's own score as the workshop page names it", () => {
  it("is open while it can still be given, and missed once nothing can be scored any more", () => {
    expect(ownScoreState("scheduled", "pending", false)).toBe("open");
    expect(ownScoreState("live", "scoring", false)).toBe("open");
    expect(ownScoreState("live", "revealed", false)).toBe("open");
    expect(ownScoreState("live", "decided", false)).toBe("missed");
    for (const status of ["closed", "published", "cancelled"] as const) {
      for (const item of ["pending", "scoring", "revealed", "decided", "skipped"] as const) expect(ownScoreState(status, item, false)).toBe("missed");
    }
    expect(ownScoreState("closed", "decided", true)).toBe("scored");
  });
});

describe("starting out of schedule", () => {
  // 2027-03-01 10:00 Berlin (winter time) is 09:00 UTC.
  const planned = "2027-03-01T09:00:00.000Z";
  it.each([
    ["a month ahead", "2027-02-01T09:00:00.000Z", true],
    ["the evening before, within a day", "2027-02-28T20:00:00.000Z", true],
    ["the same morning, two hours ahead", "2027-03-01T07:00:00.000Z", true],
    ["the same morning, an hour ahead", "2027-03-01T08:00:00.000Z", false],
    ["on time", planned, false],
    ["late the same day", "2027-03-01T15:00:00.000Z", false],
    ["a day late", "2027-03-02T09:00:00.000Z", true],
    // 00:30 Berlin on 2 March is still 1 March in UTC: the Berlin day counts.
    ["after midnight in Berlin", "2027-03-01T23:30:00.000Z", true],
  ])("%s: %s", (_label, now, expected) => {
    expect(isOffSchedule(planned, Date.parse(now))).toBe(expected);
  });
});

describe("criteria weights", () => {
  it("are relative: each active criterion's share of the total in whole percent, none for an inactive one", () => {
    expect(weightShare(40, true, 110)).toBe(36);
    expect(weightShare(30, true, 110)).toBe(27);
    expect(weightShare(25, true, 100)).toBe(25);
    expect(weightShare(40, false, 110)).toBeNull();
    expect(weightShare(0, true, 0)).toBeNull();
  });
});
