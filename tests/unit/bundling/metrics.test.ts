import { describe, expect, it } from "vitest";
import { adjustedRandIndex, bcubed, labelsFromClusters, normalizedMutualInfo } from "#app/modules/bundling/metrics";

describe("metrics", () => {
  const truth = [0, 0, 0, 1, 1, 1];

  it("give 1 for a perfect clustering (labels may be renamed)", () => {
    const pred = ["b", "b", "b", "a", "a", "a"];
    expect(adjustedRandIndex(truth, pred)).toBeCloseTo(1, 10);
    expect(normalizedMutualInfo(truth, pred)).toBeCloseTo(1, 10);
    const b = bcubed(truth, pred);
    expect(b.precision).toBe(1);
    expect(b.recall).toBe(1);
    expect(b.f1).toBe(1);
  });

  it("ARI matches a hand-computed example", () => {
    // sklearn: adjusted_rand_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.24242424...
    expect(adjustedRandIndex(truth, [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.2424242424, 8);
    // everything in one cluster: ARI 0
    expect(adjustedRandIndex(truth, [0, 0, 0, 0, 0, 0])).toBeCloseTo(0, 10);
  });

  it("NMI (arithmetic) matches a hand-computed example", () => {
    // sklearn: normalized_mutual_info_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.5158037429793889
    expect(normalizedMutualInfo(truth, [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.5158037429793889, 8);
    expect(normalizedMutualInfo(truth, [0, 0, 0, 0, 0, 0])).toBe(0);
  });

  it("B-cubed matches a hand-computed example", () => {
    // pred clusters {0,1}, {2,3}, {4,5}
    // precision: items 0,1: 1; items 2,3: 1/2; items 4,5: 1 → 5/6
    // recall: items 0,1: 2/3; item 2: 1/3; item 3: 1/3; items 4,5: 2/3 → (4/3+2/3+4/3)/6 = 5/9
    const b = bcubed(truth, [0, 0, 1, 1, 2, 2]);
    expect(b.precision).toBeCloseTo(5 / 6, 10);
    expect(b.recall).toBeCloseTo(5 / 9, 10);
    expect(b.f1).toBeCloseTo((2 * (5 / 6) * (5 / 9)) / (5 / 6 + 5 / 9), 10);
  });

  it("all singletons: B-cubed precision 1, recall 1/class size", () => {
    const b = bcubed(truth, [0, 1, 2, 3, 4, 5]);
    expect(b.precision).toBe(1);
    expect(b.recall).toBeCloseTo(1 / 3, 10);
  });

  it("labelsFromClusters turns unassigned items into singletons", () => {
    expect(labelsFromClusters(4, [[0, 2]])).toEqual([0, 1, 0, 2]);
  });

  it("rejects arrays of different length", () => {
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow();
  });
});
