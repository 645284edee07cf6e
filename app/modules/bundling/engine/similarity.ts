/**
 * Similarity between indexed documents and neighbour search over the inverted
 * index. Similarity = text cosine (tf-idf, see tfidf.ts) + bonuses for the
 * structured fields: the same Themenfeld / the same system adds, a different
 * (known) Themenfeld subtracts.
 */
import { PARAMS } from "./params";
import { linkFeatures, type BundlingIndex, type LinkFeatures } from "./tfidf";



export function structuredBonus(
  tfA: number,
  tfB: number,
  sysA: number,
  sysB: number,
): number {
  let b = 0;
  if (tfA >= 0 && tfB >= 0) b += tfA === tfB ? PARAMS.SAME_THEMENFELD_BONUS : -PARAMS.DIFFERENT_THEMENFELD_PENALTY;
  if (sysA >= 0 && sysB >= 0 && sysA === sysB) b += PARAMS.SAME_SYSTEM_BONUS;
  return b;
}

/** Scratch buffers reused across searches on one index. */
export class SearchScratch {
  readonly acc: Float64Array;
  readonly mark: Uint8Array;
  readonly dense: Float32Array;
  private titleBuf: Float32Array | null = null;
  touched: Int32Array;
  touchedLen = 0;

  constructor(n: number, vocabSize: number) {
    this.acc = new Float64Array(n);
    this.mark = new Uint8Array(n);
    this.dense = new Float32Array(vocabSize);
    this.touched = new Int32Array(Math.max(16, Math.min(n, 1024)));
  }

  /** The title vector of the document whose neighbours are searched (clustering only; allocated on first use). */
  get titleDense(): Float32Array {
    return (this.titleBuf ??= new Float32Array(this.dense.length));
  }

  touch(d: number): void {
    if (this.touchedLen === this.touched.length) {
      const t = new Int32Array(Math.min(this.acc.length, this.touched.length * 2));
      t.set(this.touched);
      this.touched = t;
    }
    this.touched[this.touchedLen++] = d;
  }

  reset(): void {
    for (let i = 0; i < this.touchedLen; i++) {
      const d = this.touched[i];
      this.acc[d] = 0;
      this.mark[d] = 0;
    }
    this.touchedLen = 0;
  }
}

export interface Hit {
  idx: number;
  sim: number;
}

/** Keeps the best `cap` (score, idx) pairs; ties prefer the smaller idx. */
class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  size = 0;
  constructor(private readonly cap: number) {
    this.scores = new Float64Array(cap);
    this.ids = new Int32Array(cap);
  }
  /** true if (sa, ia) ranks below (sb, ib) */
  private static worse(sa: number, ia: number, sb: number, ib: number): boolean {
    return sa < sb || (sa === sb && ia > ib);
  }
  push(score: number, id: number): void {
    if (this.cap === 0) return;
    if (this.size < this.cap) {
      let i = this.size++;
      this.scores[i] = score;
      this.ids[i] = id;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (TopK.worse(this.scores[i], this.ids[i], this.scores[p], this.ids[p])) {
          this.swap(i, p);
          i = p;
        } else break;
      }
      return;
    }
    if (!TopK.worse(this.scores[0], this.ids[0], score, id)) return;
    this.scores[0] = score;
    this.ids[0] = id;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && TopK.worse(this.scores[l], this.ids[l], this.scores[m], this.ids[m])) m = l;
      if (r < this.size && TopK.worse(this.scores[r], this.ids[r], this.scores[m], this.ids[m])) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
  private swap(a: number, b: number): void {
    const s = this.scores[a];
    this.scores[a] = this.scores[b];
    this.scores[b] = s;
    const t = this.ids[a];
    this.ids[a] = this.ids[b];
    this.ids[b] = t;
  }
  /** Best first. */
  sorted(): Hit[] {
    const out: Hit[] = [];
    for (let i = 0; i < this.size; i++) out.push({ idx: this.ids[i], sim: this.scores[i] });
    out.sort((a, b) => b.sim - a.sim || a.idx - b.idx);
    return out;
  }
}

export interface SearchOptions {
  k: number;
  minSim: number;
  /** Documents to skip (e.g. the query itself, locked documents). */
  exclude?: (idx: number) => boolean;
  themenfeld: number;
  system: number;
  queryFeatures?: number;
  postingsPerFeature?: number;
  rescore?: number;
  /**
   * The indexed document the vector belongs to (clustering): a link resting on one shared word
   * between two requirements whose titles have little in common is weakened (see singleWordLink).
   */
  ofDoc?: number;
}

/**
 * The text similarity `dot` of an indexed document (its vector spread in `dense`, its title vector in
 * `titleDense`) and document `d` as the clustering counts it. A title says what a requirement is
 * about. If the words the two texts share are essentially one (the largest single word carries at
 * least SINGLE_WORD_DOMINANCE of the shared word weight) and the two titles have little in common
 * (their cosine is below TITLE_SHARE_MIN of `dot`), one requirement only mentions what the other is
 * about — a council information system that should be accessible, an accessible website — and the
 * link counts SINGLE_WORD_LINK_WEIGHT. Links with several shared words, or between related titles,
 * count fully; for a document without description the title is the text, so nothing changes there.
 */
export function singleWordLink(features: LinkFeatures, dense: Float32Array, titleDense: Float32Array, d: number, dot: number): number {
  const { wordPtr, wordFeat, wordW, titlePtr, titleFeat, titleW } = features;
  let shared = 0;
  let top = 0;
  for (let p = wordPtr[d]; p < wordPtr[d + 1]; p++) {
    const x = dense[wordFeat[p]] * wordW[p];
    shared += x;
    if (x > top) top = x;
  }
  if (shared <= 0 || top < PARAMS.SINGLE_WORD_DOMINANCE * shared) return dot;
  let t = 0;
  for (let p = titlePtr[d]; p < titlePtr[d + 1]; p++) t += titleDense[titleFeat[p]] * titleW[p];
  return t >= PARAMS.TITLE_SHARE_MIN * dot ? dot : dot * PARAMS.SINGLE_WORD_LINK_WEIGHT;
}

/**
 * Nearest neighbours of a vector: accumulate partial dot products over the
 * (impact-ordered, truncated) posting lists of the query's strongest features,
 * then rescore the best candidates exactly and add structured bonuses.
 */
export function searchVector(
  index: BundlingIndex,
  scratch: SearchScratch,
  feat: Int32Array,
  w: Float32Array,
  opts: SearchOptions,
): Hit[] {
  const { postPtr, postDoc, postW, docPtr, docFeat, docW } = index;
  const qf = Math.min(feat.length, opts.queryFeatures ?? PARAMS.QUERY_FEATURES);
  const L = opts.postingsPerFeature ?? PARAMS.POSTINGS_PER_FEATURE;
  const { acc, mark, dense } = scratch;
  for (let i = 0; i < qf; i++) {
    const f = feat[i];
    if (f < 0 || f >= index.vocabSize) continue;
    const qw = w[i];
    const a = postPtr[f];
    const b = Math.min(postPtr[f + 1], a + L);
    for (let p = a; p < b; p++) {
      const d = postDoc[p];
      if (mark[d] === 0) {
        mark[d] = 1;
        scratch.touch(d);
      }
      acc[d] += qw * postW[p];
    }
  }
  const cand = new TopK(opts.rescore ?? PARAMS.RESCORE_CANDIDATES);
  for (let i = 0; i < scratch.touchedLen; i++) {
    const d = scratch.touched[i];
    if (opts.exclude && opts.exclude(d)) continue;
    cand.push(acc[d], d);
  }
  scratch.reset();

  for (let i = 0; i < feat.length; i++) if (feat[i] >= 0 && feat[i] < dense.length) dense[feat[i]] = w[i];
  const best = new TopK(opts.k);
  const ofDoc = opts.ofDoc ?? -1;
  const links = ofDoc >= 0 ? linkFeatures(index) : null;
  const titleDense = links ? scratch.titleDense : null;
  if (links && titleDense) for (let p = links.titlePtr[ofDoc]; p < links.titlePtr[ofDoc + 1]; p++) titleDense[links.titleFeat[p]] = links.titleW[p];
  for (const c of cand.sorted()) {
    const d = c.idx;
    let dot = 0;
    for (let p = docPtr[d]; p < docPtr[d + 1]; p++) dot += dense[docFeat[p]] * docW[p];
    if (links && titleDense && dot > 0) dot = singleWordLink(links, dense, titleDense, d, dot);
    const sim = dot + structuredBonus(opts.themenfeld, index.themenfeldCode[d], opts.system, index.systemCode[d]);
    if (sim >= opts.minSim) best.push(sim, d);
  }
  for (let i = 0; i < feat.length; i++) if (feat[i] >= 0 && feat[i] < dense.length) dense[feat[i]] = 0;
  if (links && titleDense) for (let p = links.titlePtr[ofDoc]; p < links.titlePtr[ofDoc + 1]; p++) titleDense[links.titleFeat[p]] = 0;
  return best.sorted();
}

/** Exact similarity of two indexed documents (text cosine + structured bonus). */
export function docSimilarity(index: BundlingIndex, a: number, b: number): number {
  const { docPtr, docFeat, docW } = index;
  // both vectors are short; merge by lookup in a small map of the shorter one
  const la = docPtr[a + 1] - docPtr[a];
  const lb = docPtr[b + 1] - docPtr[b];
  const [s, t] = la <= lb ? [a, b] : [b, a];
  const m = new Map<number, number>();
  for (let p = docPtr[s]; p < docPtr[s + 1]; p++) m.set(docFeat[p], docW[p]);
  let dot = 0;
  for (let p = docPtr[t]; p < docPtr[t + 1]; p++) {
    const v = m.get(docFeat[p]);
    if (v !== undefined) dot += v * docW[p];
  }
  return (
    dot +
    structuredBonus(index.themenfeldCode[a], index.themenfeldCode[b], index.systemCode[a], index.systemCode[b])
  );
}
