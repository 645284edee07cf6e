/**
 * Clustering of requirements into proposed candidates.
 *
 * 1. Sparse neighbour graph: every document's KNN_K nearest neighbours (via
 *    the inverted index) with similarity ≥ EDGE_MIN_SIM. A link that rests on
 *    one shared word between requirements whose titles have little in common
 *    counts less (see singleWordLink in similarity.ts). Each edge weight is
 *    blended with the similarity of the two documents' neighbourhoods
 *    (second-order similarity, SECOND_ORDER_WEIGHT).
 * 2. Average-linkage-style agglomeration on that graph: the linkage of two
 *    clusters is (mean edge weight between them) · (edge coverage of all member
 *    pairs)^LINKAGE_COVERAGE_EXPONENT; the best pair is merged while its
 *    linkage is ≥ MERGE_THRESHOLD. No number of clusters is given.
 *
 * All constants (params.ts) were chosen once on the development data and are
 * not adapted to the input. Output is deterministic: documents are processed
 * in id order and all ties are broken by that order.
 */
import { isExplanationTerm } from "./explain";
import { PARAMS } from "./params";
import { searchVector, SearchScratch, structuredBonus } from "./similarity";
import type { BundlingIndex } from "./tfidf";
import { idKey, type DocId } from "./types";

/** Clusters with more members use a deterministic sample of pairs for the confidence. */
const CONFIDENCE_EXACT_MAX = 40;
const SHARED_TERMS_MAX = 6;

/**
 * Decisions of people that a re-run must respect ("people's decisions win"):
 * - `locked`: ids already in confirmed candidates; they are never proposed.
 * - `cannotLink`: pairs of ids that must never end up in the same proposal,
 *   e.g. when a requirements manager removed requirement R from candidate X,
 *   pass [R, m] for every member m of X (see `cannotLinkFromRemoval`).
 */
export interface ClusterConstraints {
  locked?: Iterable<DocId>;
  cannotLink?: Iterable<readonly [DocId, DocId]>;
}

export interface ClusterOptions extends ClusterConstraints {
  /** Smallest cluster to return (default 2; 1 also returns singletons). */
  minSize?: number;
}

export interface ProposedCluster {
  /** Member ids in canonical id order. */
  memberIds: DocId[];
  /** 0..1: mean pairwise similarity of the members. */
  confidence: number;
  /** Top shared key terms (surface words as written by the users). */
  sharedTerms: string[];
  /** The Themenfeld all members (that have one) share, else null. */
  commonThemenfeld: string | null;
  /** The system all members (that have one) share, else null. */
  commonSystem: string | null;
}

/** Cannot-link pairs for "requirement `removedId` was removed from a candidate with these members". */
export function cannotLinkFromRemoval(removedId: DocId, memberIds: Iterable<DocId>): Array<[DocId, DocId]> {
  const out: Array<[DocId, DocId]> = [];
  for (const m of memberIds) if (idKey(m) !== idKey(removedId)) out.push([removedId, m]);
  return out;
}

/** Max-heap of candidate merges, ties by (a, b) ascending. */
class MergeHeap {
  private s: number[] = [];
  private a: number[] = [];
  private b: number[] = [];
  private va: number[] = [];
  private vb: number[] = [];

  get size(): number {
    return this.s.length;
  }

  private better(i: number, j: number): boolean {
    const s = this.s;
    if (s[i] !== s[j]) return s[i] > s[j];
    if (this.a[i] !== this.a[j]) return this.a[i] < this.a[j];
    return this.b[i] < this.b[j];
  }

  private swap(i: number, j: number): void {
    let t = this.s[i];
    this.s[i] = this.s[j];
    this.s[j] = t;
    t = this.a[i];
    this.a[i] = this.a[j];
    this.a[j] = t;
    t = this.b[i];
    this.b[i] = this.b[j];
    this.b[j] = t;
    t = this.va[i];
    this.va[i] = this.va[j];
    this.va[j] = t;
    t = this.vb[i];
    this.vb[i] = this.vb[j];
    this.vb[j] = t;
  }

  push(score: number, x: number, y: number, vx: number, vy: number): void {
    const [a, b, va, vb] = x < y ? [x, y, vx, vy] : [y, x, vy, vx];
    this.s.push(score);
    this.a.push(a);
    this.b.push(b);
    this.va.push(va);
    this.vb.push(vb);
    let i = this.s.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.better(i, p)) {
        this.swap(i, p);
        i = p;
      } else break;
    }
  }

  pop(): { s: number; a: number; b: number; va: number; vb: number } | null {
    const n = this.s.length;
    if (n === 0) return null;
    const top = { s: this.s[0], a: this.a[0], b: this.b[0], va: this.va[0], vb: this.vb[0] };
    const last = n - 1;
    if (last > 0) this.swap(0, last);
    this.s.pop();
    this.a.pop();
    this.b.pop();
    this.va.pop();
    this.vb.pop();
    let i = 0;
    const m = this.s.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < m && this.better(l, best)) best = l;
      if (r < m && this.better(r, best)) best = r;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }
}

/** Symmetric kNN graph over the active documents: edge key a*n+b (a<b) → similarity. */
export function buildNeighbourGraph(index: BundlingIndex, active: Uint8Array): Map<number, number> {
  const n = index.docs.length;
  const scratch = new SearchScratch(n, index.vocabSize);
  const edges = new Map<number, number>();
  const { docPtr, docFeat, docW } = index;
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    const feat = docFeat.subarray(docPtr[i], docPtr[i + 1]);
    const w = docW.subarray(docPtr[i], docPtr[i + 1]);
    if (feat.length === 0) continue;
    const hits = searchVector(index, scratch, feat, w, {
      k: PARAMS.KNN_K,
      minSim: PARAMS.EDGE_MIN_SIM,
      exclude: (d) => d === i || !active[d],
      themenfeld: index.themenfeldCode[i],
      system: index.systemCode[i],
      ofDoc: i,
    });
    for (const h of hits) {
      const a = Math.min(i, h.idx);
      const b = Math.max(i, h.idx);
      edges.set(a * n + b, h.sim);
    }
  }
  return edges;
}

/**
 * Blends every edge similarity with the cosine of the two documents'
 * neighbourhood profiles (each document's vector of edge similarities, itself
 * with 1). Documents of one topic share neighbours; accidental look-alikes do not.
 */
function reweightSecondOrder(edges: Map<number, number>, keys: readonly number[], n: number): void {
  const prof = new Map<number, Map<number, number>>();
  const get = (i: number): Map<number, number> => {
    let m = prof.get(i);
    if (!m) {
      m = new Map([[i, 1]]);
      prof.set(i, m);
    }
    return m;
  };
  for (const key of keys) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    const s = edges.get(key) ?? 0;
    if (s <= 0) continue;
    get(a).set(b, s);
    get(b).set(a, s);
  }
  const norm = new Map<number, number>();
  for (const [i, m] of prof) {
    let t = 0;
    for (const v of m.values()) t += v * v;
    norm.set(i, Math.sqrt(t));
  }
  const alpha = PARAMS.SECOND_ORDER_WEIGHT;
  for (const key of keys) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    const s = edges.get(key) ?? 0;
    const pa = prof.get(a);
    const pb = prof.get(b);
    let c = 0;
    if (pa && pb) {
      const [x, y] = pa.size <= pb.size ? [pa, pb] : [pb, pa];
      let dot = 0;
      for (const [j, v] of x) {
        const u = y.get(j);
        if (u !== undefined) dot += u * v;
      }
      c = dot / ((norm.get(a) ?? 1) * (norm.get(b) ?? 1));
    }
    edges.set(key, (1 - alpha) * s + alpha * c);
  }
}

/**
 * Linkage of two clusters from the sum `w` of their `e` edge similarities and
 * the number of member pairs `pairs`: (w / e) · (e / pairs)^LINKAGE_COVERAGE_EXPONENT.
 * Exponent 1 is plain average linkage with missing edges counted as 0.
 */
function linkage(w: number, e: number, pairs: number): number {
  const g = PARAMS.LINKAGE_COVERAGE_EXPONENT;
  if (g === 1) return w / pairs;
  return (w / e) * Math.pow(e / pairs, g);
}

/** Runs the clustering; returns groups of internal document indices (each sorted), in no particular order. */
export function clusterIndices(
  index: BundlingIndex,
  active: Uint8Array,
  cannotLink: ReadonlyArray<readonly [number, number]>,
): number[][] {
  const n = index.docs.length;
  const edges = buildNeighbourGraph(index, active);

  const nbr: Array<Map<number, number>> = new Array<Map<number, number>>(n);
  const cnt: Array<Map<number, number>> = new Array<Map<number, number>>(n);
  const members: number[][] = new Array<number[]>(n);
  const version = new Int32Array(n);
  const alive = new Uint8Array(n);
  const forbidden: Array<Set<number> | null> = new Array<Set<number> | null>(n).fill(null);
  for (let i = 0; i < n; i++) {
    nbr[i] = new Map();
    cnt[i] = new Map();
    members[i] = [i];
    alive[i] = active[i];
  }
  for (const [x, y] of cannotLink) {
    if (x === y) continue;
    (forbidden[x] ??= new Set()).add(y);
    (forbidden[y] ??= new Set()).add(x);
  }
  // Insert edges in key order for determinism.
  const keys = [...edges.keys()].sort((p, q) => p - q);
  if (PARAMS.SECOND_ORDER_WEIGHT > 0) reweightSecondOrder(edges, keys, n);
  const heap = new MergeHeap();
  for (const key of keys) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    const s = edges.get(key) ?? 0;
    nbr[a].set(b, s);
    nbr[b].set(a, s);
    cnt[a].set(b, 1);
    cnt[b].set(a, 1);
    heap.push(s, a, b, 0, 0);
  }

  const conflicts = (x: number, y: number): boolean => {
    const fx = forbidden[x];
    const fy = forbidden[y];
    if (!fx && !fy) return false;
    if (fx && (!fy || fx.size <= fy.size * 4)) {
      for (const m of members[y]) if (fx.has(m)) return true;
      return false;
    }
    if (fy) for (const m of members[x]) if (fy.has(m)) return true;
    return false;
  };

  while (heap.size > 0) {
    const top = heap.pop();
    if (!top) break;
    if (top.s < PARAMS.MERGE_THRESHOLD) break;
    const { a, b } = top;
    if (!alive[a] || !alive[b] || version[a] !== top.va || version[b] !== top.vb) continue;
    if (conflicts(a, b)) {
      nbr[a].delete(b);
      nbr[b].delete(a);
      cnt[a].delete(b);
      cnt[b].delete(a);
      continue;
    }
    // Keep the cluster with the larger neighbour map (cheaper merge); ties: smaller index.
    const [keep, gone] =
      nbr[a].size > nbr[b].size || (nbr[a].size === nbr[b].size && a < b) ? [a, b] : [b, a];
    const mk = nbr[keep];
    const ck = cnt[keep];
    const cg = cnt[gone];
    for (const [d, wgt] of nbr[gone]) {
      if (d === keep) continue;
      const c = cg.get(d) ?? 0;
      mk.set(d, (mk.get(d) ?? 0) + wgt);
      ck.set(d, (ck.get(d) ?? 0) + c);
      const md = nbr[d];
      md.set(keep, (md.get(keep) ?? 0) + wgt);
      md.delete(gone);
      const cd = cnt[d];
      cd.set(keep, (cd.get(keep) ?? 0) + c);
      cd.delete(gone);
    }
    mk.delete(gone);
    ck.delete(gone);
    nbr[gone] = new Map();
    cnt[gone] = new Map();
    for (const m of members[gone]) members[keep].push(m);
    members[gone] = [];
    const fg = forbidden[gone];
    if (fg) {
      const fk = (forbidden[keep] ??= new Set());
      for (const x of fg) fk.add(x);
      forbidden[gone] = null;
    }
    alive[gone] = 0;
    version[keep]++;
    version[gone]++;
    const sk = members[keep].length;
    for (const [d, wgt] of mk) {
      heap.push(linkage(wgt, ck.get(d) ?? 1, sk * members[d].length), keep, d, version[keep], version[d]);
    }
  }

  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (alive[i] && active[i]) out.push([...members[i]].sort((p, q) => p - q));
  }
  return out;
}

/** Mean pairwise similarity (exact for small clusters, a fixed sample of pairs for large ones), clamped to 0..1. */
export function clusterConfidence(index: BundlingIndex, group: readonly number[], dense?: Float32Array): number {
  const m = group.length;
  if (m < 2) return 0;
  const buf = dense ?? new Float32Array(index.vocabSize);
  const { docPtr, docFeat, docW } = index;
  // For large clusters only the first CONFIDENCE_EXACT_MAX members (in a fixed stride) are compared.
  const stride = m <= CONFIDENCE_EXACT_MAX ? 1 : m / CONFIDENCE_EXACT_MAX;
  const sample: number[] = [];
  for (let t = 0; t < Math.min(m, CONFIDENCE_EXACT_MAX); t++) sample.push(group[Math.floor(t * stride)]);
  let sum = 0;
  let cnt = 0;
  for (let x = 0; x < sample.length; x++) {
    const a = sample[x];
    for (let p = docPtr[a]; p < docPtr[a + 1]; p++) buf[docFeat[p]] = docW[p];
    for (let y = x + 1; y < sample.length; y++) {
      const b = sample[y];
      let dot = 0;
      for (let p = docPtr[b]; p < docPtr[b + 1]; p++) dot += buf[docFeat[p]] * docW[p];
      sum +=
        dot +
        structuredBonus(index.themenfeldCode[a], index.themenfeldCode[b], index.systemCode[a], index.systemCode[b]);
      cnt++;
    }
    for (let p = docPtr[a]; p < docPtr[a + 1]; p++) buf[docFeat[p]] = 0;
  }
  return Math.max(0, Math.min(1, sum / cnt));
}

/** Top key terms shared by members (by in-cluster frequency × idf), as surface words. */
export function sharedTermsOf(index: BundlingIndex, group: readonly number[], max = SHARED_TERMS_MAX): string[] {
  if (group.length === 0) return [];
  const count = new Map<string, number>();
  const surfaces = new Map<string, Map<string, number>>();
  for (const d of group) {
    for (const w of index.analyzed[d].words) {
      count.set(w.stem, (count.get(w.stem) ?? 0) + 1);
      let s = surfaces.get(w.stem);
      if (!s) surfaces.set(w.stem, (s = new Map()));
      s.set(w.surface, (s.get(w.surface) ?? 0) + 1);
    }
  }
  const minCount = group.length === 1 ? 1 : 2;
  const scored: Array<{ stem: string; score: number }> = [];
  for (const [stem, c] of count) {
    if (c < minCount) continue;
    const f = index.vocab.words.get(stem);
    const idf = f === undefined ? 1 : index.idf[f];
    scored.push({ stem, score: c * idf });
  }
  scored.sort((x, y) => y.score - x.score || (x.stem < y.stem ? -1 : x.stem > y.stem ? 1 : 0));
  // Shown to people: filler words, short words and parts of elided compounds are passed over (the
  // next best term takes their place); among a stem's forms the capitalised (noun) one is preferred.
  const texts = group.map((d) => `${index.docs[d].title}\n${index.docs[d].description}`);
  const out: string[] = [];
  const shown = new Set<string>();
  for (const { stem } of scored) {
    if (out.length >= max) break;
    const forms = [...(surfaces.get(stem) ?? new Map<string, number>()).entries()];
    const capital = (form: string) => (form[0] !== form[0].toLowerCase() ? 0 : 1);
    forms.sort((x, y) => capital(x[0]) - capital(y[0]) || y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const form = forms.find(([f]) => isExplanationTerm(f, texts))?.[0];
    if (form && !shown.has(form.toLowerCase())) {
      shown.add(form.toLowerCase());
      out.push(form);
    }
  }
  return out;
}

/** The value of a structured field that all members having it share (and at least half have), else null. */
export function commonValue(values: ReadonlyArray<string | null>): string | null {
  let first: string | null = null;
  let firstKey = "";
  let known = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const key = v.trim().toLowerCase();
    if (!key) continue;
    if (first === null) {
      first = v;
      firstKey = key;
    } else if (key !== firstKey) return null;
    known++;
  }
  return known * 2 >= values.length ? first : null;
}
