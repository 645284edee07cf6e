/**
 * Clustering quality metrics (pure functions). Both arguments are label
 * arrays of equal length: `truth[i]` is the true group of item i, `pred[i]`
 * the predicted cluster. Singletons are ordinary clusters.
 */
export type Label = string | number;

interface Contingency {
  n: number;
  /** Non-zero cells: count n_ij with row i and column j. */
  cells: Array<{ i: number; j: number; count: number }>;
  /** Row sums (truth class sizes) and column sums (cluster sizes). */
  a: number[];
  b: number[];
}

function contingency(truth: readonly Label[], pred: readonly Label[]): Contingency {
  if (truth.length !== pred.length) throw new Error("label arrays differ in length");
  const ti = new Map<Label, number>();
  const pi = new Map<Label, number>();
  const a: number[] = [];
  const b: number[] = [];
  const cellMap = new Map<string, { i: number; j: number; count: number }>();
  for (let k = 0; k < truth.length; k++) {
    let i = ti.get(truth[k]);
    if (i === undefined) {
      i = a.length;
      ti.set(truth[k], i);
      a.push(0);
    }
    let j = pi.get(pred[k]);
    if (j === undefined) {
      j = b.length;
      pi.set(pred[k], j);
      b.push(0);
    }
    a[i]++;
    b[j]++;
    const key = `${i},${j}`;
    const c = cellMap.get(key);
    if (c) c.count++;
    else cellMap.set(key, { i, j, count: 1 });
  }
  return { n: truth.length, cells: [...cellMap.values()], a, b };
}

const comb2 = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie), as scikit-learn's adjusted_rand_score. */
export function adjustedRandIndex(truth: readonly Label[], pred: readonly Label[]): number {
  const { n, cells, a, b } = contingency(truth, pred);
  if (n < 2) return 1;
  const sumCells = cells.reduce((s, x) => s + comb2(x.count), 0);
  const sumA = a.reduce((s, x) => s + comb2(x), 0);
  const sumB = b.reduce((s, x) => s + comb2(x), 0);
  const expected = (sumA * sumB) / comb2(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
}

function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** Normalised mutual information with arithmetic-mean normalisation (scikit-learn's default). */
export function normalizedMutualInfo(truth: readonly Label[], pred: readonly Label[]): number {
  const { n, cells, a, b } = contingency(truth, pred);
  if (n === 0) return 1;
  if (a.length === 1 && b.length === 1) return 1;
  let mi = 0;
  for (const { i, j, count } of cells) mi += (count / n) * Math.log((n * count) / (a[i] * b[j]));
  if (mi <= 0) return 0;
  const norm = (entropy(a, n) + entropy(b, n)) / 2;
  return norm > 0 ? Math.min(1, mi / norm) : 1;
}

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** B-cubed precision, recall (item averages) and their harmonic mean (Amigó et al. 2009). */
export function bcubed(truth: readonly Label[], pred: readonly Label[]): BCubed {
  if (truth.length !== pred.length) throw new Error("label arrays differ in length");
  const n = truth.length;
  if (n === 0) return { precision: 1, recall: 1, f1: 1 };
  const classSize = new Map<Label, number>();
  const clusterSize = new Map<Label, number>();
  const both = new Map<string, number>();
  const key = (k: number) => `${typeof truth[k]}:${String(truth[k])}\u0000${typeof pred[k]}:${String(pred[k])}`;
  for (let k = 0; k < n; k++) {
    classSize.set(truth[k], (classSize.get(truth[k]) ?? 0) + 1);
    clusterSize.set(pred[k], (clusterSize.get(pred[k]) ?? 0) + 1);
    const kk = key(k);
    both.set(kk, (both.get(kk) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (let k = 0; k < n; k++) {
    const common = both.get(key(k)) ?? 0;
    p += common / (clusterSize.get(pred[k]) ?? 1);
    r += common / (classSize.get(truth[k]) ?? 1);
  }
  p /= n;
  r /= n;
  return { precision: p, recall: r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

/** Converts clusters (lists of item indices) into a label array of length n; unassigned items become singletons. */
export function labelsFromClusters(n: number, clusters: ReadonlyArray<readonly number[]>): number[] {
  const labels = new Array<number>(n).fill(-1);
  clusters.forEach((c, ci) => {
    for (const i of c) labels[i] = ci;
  });
  let next = clusters.length;
  for (let i = 0; i < n; i++) if (labels[i] === -1) labels[i] = next++;
  return labels;
}
