/**
 * TF-IDF vector space with an inverted index (no n×n matrix).
 *
 * Every document is represented by two blocks of features that are normalised
 * separately and then blended, so that cosine(a, b) =
 *   WORD_SHARE · cos_words(a, b) + (1 − WORD_SHARE) · cos_ngrams(a, b):
 * - word features: Snowball stems of content words;
 * - character 3–5-grams of those stems (compound parts match).
 * Title words count TITLE_WEIGHT times as much as description words; generic
 * administrative act words (Erteilung, Antrag, …) count GENERIC_WEIGHT.
 */
import { PARAMS } from "./params";
import { analyzeText, charNgrams, isGenericAdminStem } from "./normalize";
import { stemGerman } from "./stemmer";
import { compareIds, idKey, type BundlingDocument, type DocId } from "./types";


/** A content word of a document: stem and the first surface form seen. */
export interface DocWord {
  stem: string;
  surface: string;
}

export interface StemEntry {
  wordFeature: number;
  gramFeatures: Int32Array;
  /** Word features of the parts of a compound (see splitCompound), weighted COMPOUND_PART_WEIGHT. */
  partFeatures: Int32Array;
}

const FUGEN = ["es", "s", "en", "n", "e"] as const;
const MIN_PART = 4;

/**
 * Splits a compound stem into two parts that both occur as words of their own
 * in the corpus ("hundesteueranmeld" → "hundesteu" + "anmeld"), handling the
 * German linking elements (Fugen-s, -es, -n, -en, -e). Prefers the most
 * balanced split. Returns null if no split is found.
 */
export function splitCompound(stem: string, known: ReadonlySet<string>): [string, string] | null {
  if (stem.length < 2 * MIN_PART) return null;
  let best: [string, string] | null = null;
  let bestScore = 0;
  for (let i = MIN_PART; i <= stem.length - MIN_PART; i++) {
    const right = stem.slice(i);
    if (!known.has(right)) continue;
    const raw = stem.slice(0, i);
    const candidates = [raw, stemGerman(raw)];
    for (const f of FUGEN) if (raw.endsWith(f) && raw.length - f.length >= MIN_PART) candidates.push(raw.slice(0, -f.length));
    const left = candidates.find((c) => c.length >= MIN_PART && c !== stem && known.has(c));
    if (left === undefined) continue;
    const score = Math.min(left.length, right.length);
    if (score > bestScore) {
      bestScore = score;
      best = [left, right];
    }
  }
  return best;
}

/** Reusable per-document analysis (so an index can be rebuilt cheaply). */
export interface AnalyzedDoc {
  doc: BundlingDocument;
  /** Content words with their field weight (title/description) and generic factor applied. */
  stems: string[];
  weights: Float32Array;
  /** Distinct stems with a surface form, in text order (for explanations/highlighting). */
  words: DocWord[];
  /** How many of `stems` come from the title (they come first). */
  titleStems: number;
}

export interface BundlingIndex {
  /** Documents in canonical (id) order; internal index = position. */
  readonly docs: readonly BundlingDocument[];
  readonly analyzed: readonly AnalyzedDoc[];
  readonly idToIdx: ReadonlyMap<string, number>;
  readonly vocab: Vocabulary;
  readonly vocabSize: number;
  readonly idf: Float32Array;
  readonly df: Int32Array;
  /** Document vectors (CSR), entries sorted by weight descending. */
  readonly docPtr: Int32Array;
  readonly docFeat: Int32Array;
  readonly docW: Float32Array;
  /** Inverted index (CSR by feature), postings sorted by weight descending (impact order). */
  readonly postPtr: Int32Array;
  readonly postDoc: Int32Array;
  readonly postW: Float32Array;
  /** Structured fields as small integer codes (−1 = unknown). */
  readonly themenfeldCode: Int32Array;
  readonly systemCode: Int32Array;
  readonly themenfeldCodes: ReadonlyMap<string, number>;
  readonly systemCodes: ReadonlyMap<string, number>;
}

/** Feature vocabulary: words and character n-grams, with a per-stem cache. */
export class Vocabulary {
  readonly words = new Map<string, number>();
  readonly grams = new Map<string, number>();
  readonly isWord: number[] = [];
  readonly keys: string[] = [];
  private readonly stemCache = new Map<string, StemEntry>();
  /** Stems that occur as words of their own (for compound splitting). */
  knownStems: ReadonlySet<string> = new Set<string>();

  get size(): number {
    return this.keys.length;
  }

  private add(key: string, isWord: boolean): number {
    const id = this.keys.length;
    this.keys.push(key);
    this.isWord.push(isWord ? 1 : 0);
    return id;
  }

  /** Feature ids of a stem, registering new features. */
  register(stem: string): StemEntry {
    let e = this.stemCache.get(stem);
    if (e) return e;
    let wf = this.words.get(stem);
    if (wf === undefined) {
      wf = this.add(stem, true);
      this.words.set(stem, wf);
    }
    const grams = charNgrams(stem);
    const ids = new Int32Array(grams.length);
    for (let i = 0; i < grams.length; i++) {
      let g = this.grams.get(grams[i]);
      if (g === undefined) {
        g = this.add(grams[i], false);
        this.grams.set(grams[i], g);
      }
      ids[i] = g;
    }
    const parts = PARAMS.COMPOUND_PART_WEIGHT > 0 ? splitCompound(stem, this.knownStems) : null;
    const partIds = new Int32Array(parts ? parts.length : 0);
    if (parts) {
      for (let i = 0; i < parts.length; i++) {
        let pf = this.words.get(parts[i]);
        if (pf === undefined) {
          pf = this.add(parts[i], true);
          this.words.set(parts[i], pf);
        }
        partIds[i] = pf;
      }
    }
    e = { wordFeature: wf, gramFeatures: ids, partFeatures: partIds };
    this.stemCache.set(stem, e);
    return e;
  }

  /** Feature ids of a stem without registering; unknown features are −1. */
  lookup(stem: string): StemEntry {
    const cached = this.stemCache.get(stem);
    if (cached) return cached;
    const wf = this.words.get(stem) ?? -1;
    const grams = charNgrams(stem);
    const ids = new Int32Array(grams.length);
    for (let i = 0; i < grams.length; i++) ids[i] = this.grams.get(grams[i]) ?? -1;
    const parts = PARAMS.COMPOUND_PART_WEIGHT > 0 ? splitCompound(stem, this.knownStems) : null;
    const partIds = Int32Array.from(parts ?? [], (p) => this.words.get(p) ?? -1);
    return { wordFeature: wf, gramFeatures: ids, partFeatures: partIds };
  }
}

export function analyzeDocument(doc: BundlingDocument): AnalyzedDoc {
  const stems: string[] = [];
  const weights: number[] = [];
  const words: DocWord[] = [];
  const seen = new Set<string>();
  const addField = (text: string, fieldWeight: number) => {
    for (const w of analyzeText(typeof text === "string" ? text : "")) {
      stems.push(w.stem);
      weights.push(fieldWeight * (isGenericAdminStem(w.stem) ? PARAMS.GENERIC_WEIGHT : 1));
      if (!seen.has(w.stem)) {
        seen.add(w.stem);
        words.push({ stem: w.stem, surface: w.surface });
      }
    }
  };
  addField(doc.title, PARAMS.TITLE_WEIGHT);
  const titleStems = stems.length;
  addField(doc.description, PARAMS.DESCRIPTION_WEIGHT);
  return { doc, stems, weights: Float32Array.from(weights), words, titleStems };
}

/** Sublinear term frequency that also works for fractional (weighted) counts. */
function sublinear(tf: number): number {
  return tf > 1 ? 1 + Math.log(tf) : tf;
}

function smoothIdf(n: number, df: number): number {
  return Math.log((1 + n) / (1 + df)) + 1;
}

function codeOf(value: string | null, codes: Map<string, number>): number {
  if (value === null || value === undefined) return -1;
  const key = value.trim().toLowerCase();
  if (!key) return -1;
  let c = codes.get(key);
  if (c === undefined) {
    c = codes.size;
    codes.set(key, c);
  }
  return c;
}

/**
 * Accumulates raw (weighted, not yet sublinear) term frequencies of the stems
 * into `acc` (dense, by feature id) and records touched features.
 */
function accumulateTf(
  entries: readonly StemEntry[],
  weights: ArrayLike<number>,
  acc: Float64Array,
  touched: number[],
): void {
  for (let t = 0; t < entries.length; t++) {
    const e = entries[t];
    const w = weights[t];
    if (e.wordFeature >= 0) {
      if (acc[e.wordFeature] === 0) touched.push(e.wordFeature);
      acc[e.wordFeature] += w;
    }
    const pw = w * PARAMS.COMPOUND_PART_WEIGHT;
    for (let i = 0; i < e.partFeatures.length; i++) {
      const f = e.partFeatures[i];
      if (f < 0) continue;
      if (acc[f] === 0) touched.push(f);
      acc[f] += pw;
    }
    const g = e.gramFeatures;
    for (let i = 0; i < g.length; i++) {
      const f = g[i];
      if (f < 0) continue;
      if (acc[f] === 0) touched.push(f);
      acc[f] += w;
    }
  }
}

/**
 * Turns raw tf into a blended, normalised tf-idf vector, pruned to
 * MAX_FEATURES_PER_DOC entries; returns entries sorted by weight descending
 * (ties by feature id). Clears `acc` for the touched features.
 */
export function finishVector(
  touched: number[],
  acc: Float64Array,
  idf: Float32Array,
  isWord: ArrayLike<number>,
  maxFeatures: number,
): { feat: Int32Array; w: Float32Array } {
  let normW = 0;
  let normG = 0;
  const vals = new Float64Array(touched.length);
  for (let i = 0; i < touched.length; i++) {
    const f = touched[i];
    const v = sublinear(acc[f]) * (f < idf.length ? idf[f] : 0);
    acc[f] = 0;
    vals[i] = v;
    if (isWord[f]) normW += v * v;
    else normG += v * v;
  }
  const hasW = normW > 0;
  const hasG = normG > 0;
  // If one block is empty the other takes the full weight.
  const shareW = hasW && hasG ? PARAMS.WORD_SHARE : hasW ? 1 : 0;
  const shareG = hasW && hasG ? 1 - PARAMS.WORD_SHARE : hasG ? 1 : 0;
  const scaleW = hasW ? Math.sqrt(shareW) / Math.sqrt(normW) : 0;
  const scaleG = hasG ? Math.sqrt(shareG) / Math.sqrt(normG) : 0;
  const order: number[] = [];
  for (let i = 0; i < touched.length; i++) {
    if (vals[i] > 0) {
      vals[i] *= isWord[touched[i]] ? scaleW : scaleG;
      order.push(i);
    }
  }
  order.sort((a, b) => vals[b] - vals[a] || touched[a] - touched[b]);
  const keep = Math.min(order.length, maxFeatures);
  let norm = 0;
  for (let i = 0; i < keep; i++) norm += vals[order[i]] * vals[order[i]];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const feat = new Int32Array(keep);
  const w = new Float32Array(keep);
  for (let i = 0; i < keep; i++) {
    feat[i] = touched[order[i]];
    w[i] = vals[order[i]] * scale;
  }
  return { feat, w };
}

const Q_BITS = 2 ** 20;
const DOC_BITS = 2 ** 26;

/** Builds the index from analysed documents (any order; canonicalised by id). */
export function buildFromAnalyzed(analyzedInput: readonly AnalyzedDoc[]): BundlingIndex {
  // Canonical order and de-duplication (the last occurrence of an id wins).
  const byKey = new Map<string, AnalyzedDoc>();
  for (const a of analyzedInput) byKey.set(idKey(a.doc.id), a);
  const analyzed = [...byKey.values()].sort((a, b) => compareIds(a.doc.id, b.doc.id));
  const n = analyzed.length;
  if (n >= DOC_BITS) throw new Error("too many documents for one bundling index");

  const vocab = new Vocabulary();
  const known = new Set<string>();
  for (const a of analyzed) for (const st of a.stems) known.add(st);
  vocab.knownStems = known;
  const docEntries: StemEntry[][] = analyzed.map((a) => a.stems.map((s) => vocab.register(s)));
  const V = vocab.size;

  // Raw tf per document and document frequencies.
  const acc = new Float64Array(V);
  const df = new Int32Array(V);
  const rawFeat: Int32Array[] = new Array<Int32Array>(n);
  const rawTf: Float64Array[] = new Array<Float64Array>(n);
  for (let d = 0; d < n; d++) {
    const touched: number[] = [];
    accumulateTf(docEntries[d], analyzed[d].weights, acc, touched);
    const f = Int32Array.from(touched);
    const t = new Float64Array(touched.length);
    for (let i = 0; i < touched.length; i++) {
      t[i] = acc[touched[i]];
      df[touched[i]]++;
    }
    rawFeat[d] = f;
    rawTf[d] = t;
    // acc is reset below when the vector is finished
    for (let i = 0; i < touched.length; i++) acc[touched[i]] = 0;
  }
  const idf = new Float32Array(V);
  for (let f = 0; f < V; f++) idf[f] = smoothIdf(n, df[f]);

  // Final vectors.
  const isWord = vocab.isWord;
  const docPtr = new Int32Array(n + 1);
  const feats: Int32Array[] = new Array<Int32Array>(n);
  const ws: Float32Array[] = new Array<Float32Array>(n);
  for (let d = 0; d < n; d++) {
    const touched = Array.from(rawFeat[d]);
    for (let i = 0; i < touched.length; i++) acc[touched[i]] = rawTf[d][i];
    const v = finishVector(touched, acc, idf, isWord, PARAMS.MAX_FEATURES_PER_DOC);
    feats[d] = v.feat;
    ws[d] = v.w;
    docPtr[d + 1] = docPtr[d] + v.feat.length;
  }
  const nnz = docPtr[n];
  const docFeat = new Int32Array(nnz);
  const docW = new Float32Array(nnz);
  for (let d = 0; d < n; d++) {
    docFeat.set(feats[d], docPtr[d]);
    docW.set(ws[d], docPtr[d]);
  }

  // Inverted index, impact-ordered (weight descending, ties by doc index).
  const postPtr = new Int32Array(V + 1);
  for (let i = 0; i < nnz; i++) postPtr[docFeat[i] + 1]++;
  for (let f = 0; f < V; f++) postPtr[f + 1] += postPtr[f];
  const keys = new Float64Array(nnz);
  const fill = postPtr.slice(0, V);
  for (let d = 0; d < n; d++) {
    for (let i = docPtr[d]; i < docPtr[d + 1]; i++) {
      const q = Math.min(Q_BITS - 1, Math.round((1 - docW[i]) * Q_BITS));
      keys[fill[docFeat[i]]++] = q * DOC_BITS + d;
    }
  }
  const postDoc = new Int32Array(nnz);
  const postW = new Float32Array(nnz);
  for (let f = 0; f < V; f++) {
    const a = postPtr[f];
    const b = postPtr[f + 1];
    if (b - a > 1) keys.subarray(a, b).sort();
    for (let i = a; i < b; i++) {
      const k = keys[i];
      const d = k % DOC_BITS;
      const q = (k - d) / DOC_BITS;
      postDoc[i] = d;
      postW[i] = 1 - q / Q_BITS;
    }
  }

  const themenfeldCodes = new Map<string, number>();
  const systemCodes = new Map<string, number>();
  const themenfeldCode = new Int32Array(n);
  const systemCode = new Int32Array(n);
  const idToIdx = new Map<string, number>();
  for (let d = 0; d < n; d++) {
    const doc = analyzed[d].doc;
    themenfeldCode[d] = codeOf(doc.themenfeld, themenfeldCodes);
    systemCode[d] = codeOf(doc.system, systemCodes);
    idToIdx.set(idKey(doc.id), d);
  }

  return {
    docs: analyzed.map((a) => a.doc),
    analyzed,
    idToIdx,
    vocab,
    vocabSize: V,
    idf,
    df,
    docPtr,
    docFeat,
    docW,
    postPtr,
    postDoc,
    postW,
    themenfeldCode,
    systemCode,
    themenfeldCodes,
    systemCodes,
  };
}

/** Vectorises a text that is not in the index (query), using the index's vocabulary and idf. */
export function vectorizeQuery(
  index: BundlingIndex,
  title: string,
  description: string,
): { feat: Int32Array; w: Float32Array; words: DocWord[] } {
  const a = analyzeDocument({ id: -1, title, description, themenfeld: null, system: null });
  const entries = a.stems.map((s) => index.vocab.lookup(s));
  const acc = new Float64Array(index.vocabSize);
  const touched: number[] = [];
  accumulateTf(entries, a.weights, acc, touched);
  const v = finishVector(touched, acc, index.idf, index.vocab.isWord, PARAMS.MAX_FEATURES_PER_DOC);
  return { ...v, words: a.words };
}

export function docIdOf(index: BundlingIndex, idx: number): DocId {
  return index.docs[idx].id;
}

/**
 * What the clustering needs besides the document vectors to tell a link resting on one word (see
 * singleWordLink in similarity.ts): each document vector's word features on their own (stems and
 * compound parts, CSR) and its title-only vector (same features and idf). Built on first use and kept
 * with the index: the live suggestions, whose index every server process holds, never need them.
 */
export interface LinkFeatures {
  readonly wordPtr: Int32Array;
  readonly wordFeat: Int32Array;
  readonly wordW: Float32Array;
  readonly titlePtr: Int32Array;
  readonly titleFeat: Int32Array;
  readonly titleW: Float32Array;
}

const linkFeatureCache = new WeakMap<BundlingIndex, LinkFeatures>();

export function linkFeatures(index: BundlingIndex): LinkFeatures {
  const cached = linkFeatureCache.get(index);
  if (cached) return cached;
  const { docPtr, docFeat, docW, analyzed, idf, vocab } = index;
  const n = analyzed.length;
  const isWord = vocab.isWord;

  const wordPtr = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) {
    let c = 0;
    for (let i = docPtr[d]; i < docPtr[d + 1]; i++) c += isWord[docFeat[i]];
    wordPtr[d + 1] = wordPtr[d] + c;
  }
  const wordFeat = new Int32Array(wordPtr[n]);
  const wordW = new Float32Array(wordPtr[n]);
  for (let d = 0, k = 0; d < n; d++) {
    for (let i = docPtr[d]; i < docPtr[d + 1]; i++) {
      if (!isWord[docFeat[i]]) continue;
      wordFeat[k] = docFeat[i];
      wordW[k++] = docW[i];
    }
  }

  // Title vectors: what each requirement says it is about. Every stem is in the vocabulary already.
  const acc = new Float64Array(index.vocabSize);
  const titlePtr = new Int32Array(n + 1);
  const titleFeats: Int32Array[] = new Array<Int32Array>(n);
  const titleWs: Float32Array[] = new Array<Float32Array>(n);
  for (let d = 0; d < n; d++) {
    const a = analyzed[d];
    const k = a.titleStems;
    const touched: number[] = [];
    accumulateTf(
      a.stems.slice(0, k).map((s) => vocab.lookup(s)),
      a.weights.subarray(0, k),
      acc,
      touched,
    );
    const v = finishVector(touched, acc, idf, isWord, PARAMS.MAX_FEATURES_PER_DOC);
    titleFeats[d] = v.feat;
    titleWs[d] = v.w;
    titlePtr[d + 1] = titlePtr[d] + v.feat.length;
  }
  const titleFeat = new Int32Array(titlePtr[n]);
  const titleW = new Float32Array(titlePtr[n]);
  for (let d = 0; d < n; d++) {
    titleFeat.set(titleFeats[d], titlePtr[d]);
    titleW.set(titleWs[d], titlePtr[d]);
  }
  const features = { wordPtr, wordFeat, wordW, titlePtr, titleFeat, titleW };
  linkFeatureCache.set(index, features);
  return features;
}
