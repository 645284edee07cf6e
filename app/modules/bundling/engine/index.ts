/**
 * Bündel bundling engine — public API.
 *
 *   const index = buildIndex(requirements);
 *   suggest(index, "Anmeldung Hundest", { limit: 5 });      // while typing
 *   cluster(index, { locked, cannotLink });                  // proposed candidates
 *
 * Text similarity is tf-idf over German word stems and character 3–5-grams of
 * the stems (see tfidf.ts, normalize.ts); Themenfeld and system add to it (see
 * similarity.ts). Neighbour search runs on an inverted index; clustering is
 * average linkage on the sparse kNN graph (see cluster.ts). Everything is
 * deterministic and independent of input order (documents are ordered by id).
 */
import {
  clusterConfidence,
  clusterIndices,
  commonValue,
  sharedTermsOf,
  type ClusterOptions,
  type ProposedCluster,
} from "./cluster";
import { isExplanationTerm } from "./explain";
import { searchVector, SearchScratch } from "./similarity";
import {
  analyzeDocument,
  buildFromAnalyzed,
  vectorizeQuery,
  type BundlingIndex,
  type DocWord,
} from "./tfidf";
import { compareIds, idKey, type BundlingDocument, type DocId } from "./types";

export type { BundlingDocument, DocId } from "./types";
export type { BundlingIndex } from "./tfidf";
export type { ClusterConstraints, ClusterOptions, ProposedCluster } from "./cluster";
export { cannotLinkFromRemoval } from "./cluster";
export { compareIds } from "./types";

/** Builds a search/clustering index. Duplicate ids: the last occurrence wins. */
export function buildIndex(docs: Iterable<BundlingDocument>): BundlingIndex {
  const analyzed = [];
  for (const d of docs) analyzed.push(analyzeDocument(sanitizeDoc(d)));
  return buildFromAnalyzed(analyzed);
}

/**
 * Returns a new index that also contains `doc` (replacing a document with the
 * same id). Cheap rebuild: the text analysis of the other documents is reused,
 * idf and postings are recomputed. The old index stays valid.
 */
export function addDocument(index: BundlingIndex, doc: BundlingDocument): BundlingIndex {
  return buildFromAnalyzed([...index.analyzed, analyzeDocument(sanitizeDoc(doc))]);
}

/** Adds or replaces several documents at once (one rebuild). */
export function addDocuments(index: BundlingIndex, docs: Iterable<BundlingDocument>): BundlingIndex {
  const extra = [];
  for (const d of docs) extra.push(analyzeDocument(sanitizeDoc(d)));
  return buildFromAnalyzed([...index.analyzed, ...extra]);
}

/** Returns a new index without the document(s) with the given id(s). */
export function removeDocument(index: BundlingIndex, id: DocId | Iterable<DocId>): BundlingIndex {
  const drop = new Set<string>();
  if (typeof id === "string" || typeof id === "number") drop.add(idKey(id));
  else for (const x of id) drop.add(idKey(x));
  return buildFromAnalyzed(index.analyzed.filter((a) => !drop.has(idKey(a.doc.id))));
}

export function hasDocument(index: BundlingIndex, id: DocId): boolean {
  return index.idToIdx.has(idKey(id));
}

/** What the user is typing: a title (possibly partial) and optionally more fields. */
export interface SuggestQuery {
  title: string;
  description?: string;
  themenfeld?: string | null;
  system?: string | null;
}

export interface SuggestOptions {
  /** Number of suggestions (default 5). */
  limit?: number;
  /** Minimum score (default 0.1). */
  minScore?: number;
  /** Ids never to suggest (e.g. the requirement being edited). */
  excludeIds?: Iterable<DocId>;
}

export interface Suggestion {
  id: DocId;
  /** Similarity, roughly 0..1 (text cosine plus structured-field bonus). */
  score: number;
  /** Words of the suggested requirement that the query shares (as written there, for highlighting). */
  sharedTerms: string[];
}

const SUGGEST_DEFAULT_LIMIT = 5;
const SUGGEST_MIN_SCORE = 0.1;
const SUGGEST_POSTINGS_PER_FEATURE = 2000;
const SUGGEST_RESCORE = 200;
/** Stems at least this long also match as parts of compounds (and as typed prefixes). */
const PART_MATCH_MIN = 4;

const scratchCache = new WeakMap<BundlingIndex, SearchScratch>();
function scratchFor(index: BundlingIndex): SearchScratch {
  let s = scratchCache.get(index);
  if (!s) {
    s = new SearchScratch(index.docs.length, index.vocabSize);
    scratchCache.set(index, s);
  }
  return s;
}

function codeFor(value: string | null | undefined, codes: ReadonlyMap<string, number>): number {
  if (value === null || value === undefined) return -1;
  const key = value.trim().toLowerCase();
  if (!key) return -1;
  // an unknown value still differs from every known one
  return codes.get(key) ?? codes.size + 1_000_000;
}

/** Surface words of `docWords` that share a stem (or a compound part) with the query words. */
export function sharedSurfaceTerms(queryWords: readonly DocWord[], docWords: readonly DocWord[], max = 8, docTexts: readonly string[] = []): string[] {
  const qStems = new Set(queryWords.map((w) => w.stem));
  const qLong = [...qStems].filter((s) => s.length >= PART_MATCH_MIN);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const w of docWords) {
    let match = qStems.has(w.stem);
    if (!match && w.stem.length >= PART_MATCH_MIN) {
      for (const q of qLong) {
        if (w.stem.includes(q) || q.includes(w.stem)) {
          match = true;
          break;
        }
      }
    }
    // Shown to people (and highlighted): no filler words, short words or parts of elided compounds.
    if (match && !seen.has(w.surface.toLowerCase()) && isExplanationTerm(w.surface, docTexts)) {
      seen.add(w.surface.toLowerCase());
      out.push(w.surface);
      if (out.length >= max) break;
    }
  }
  return out;
}

/** The most similar indexed requirements for a (partial) text, best first (ties by id). */
export function suggest(
  index: BundlingIndex,
  query: string | SuggestQuery,
  options: SuggestOptions = {},
): Suggestion[] {
  const q: SuggestQuery = typeof query === "string" ? { title: query } : query;
  const limit = Math.max(0, Math.floor(options.limit ?? SUGGEST_DEFAULT_LIMIT));
  if (limit === 0 || index.docs.length === 0) return [];
  const title = typeof q.title === "string" ? q.title : "";
  const description = typeof q.description === "string" ? q.description : "";
  const vec = vectorizeQuery(index, title, description);
  if (vec.feat.length === 0) return [];
  const excluded = new Set<number>();
  for (const id of options.excludeIds ?? []) {
    const i = index.idToIdx.get(idKey(id));
    if (i !== undefined) excluded.add(i);
  }
  const hits = searchVector(index, scratchFor(index), vec.feat, vec.w, {
    k: limit,
    minSim: options.minScore ?? SUGGEST_MIN_SCORE,
    exclude: excluded.size > 0 ? (d) => excluded.has(d) : undefined,
    themenfeld: codeFor(q.themenfeld, index.themenfeldCodes),
    system: codeFor(q.system, index.systemCodes),
    postingsPerFeature: SUGGEST_POSTINGS_PER_FEATURE,
    rescore: Math.max(SUGGEST_RESCORE, limit * 4),
  });
  return hits.map((h) => ({
    id: index.docs[h.idx].id,
    score: round4(h.sim),
    sharedTerms: sharedSurfaceTerms(vec.words, index.analyzed[h.idx].words, undefined, [index.analyzed[h.idx].doc.title, index.analyzed[h.idx].doc.description]),
  }));
}

/**
 * Proposes candidates (clusters) over all documents of the index (or the given
 * documents) except `locked` ones, respecting `cannotLink` pairs. Clusters are
 * returned by confidence (descending), ties by first member id. Unknown ids in
 * the constraints are ignored.
 */
export function cluster(
  input: BundlingIndex | readonly BundlingDocument[],
  options: ClusterOptions = {},
): ProposedCluster[] {
  const index = isIndex(input) ? input : buildIndex(input);
  const n = index.docs.length;
  const active = new Uint8Array(n).fill(1);
  for (const id of options.locked ?? []) {
    const i = index.idToIdx.get(idKey(id));
    if (i !== undefined) active[i] = 0;
  }
  const pairs: Array<[number, number]> = [];
  for (const [x, y] of options.cannotLink ?? []) {
    const i = index.idToIdx.get(idKey(x));
    const j = index.idToIdx.get(idKey(y));
    if (i !== undefined && j !== undefined && i !== j) pairs.push([i, j]);
  }
  const minSize = Math.max(1, Math.floor(options.minSize ?? 2));
  const groups = clusterIndices(index, active, pairs).filter((g) => g.length >= minSize);
  const dense = new Float32Array(index.vocabSize);
  const out: ProposedCluster[] = groups.map((g) => ({
    memberIds: g.map((d) => index.docs[d].id),
    confidence: round4(clusterConfidence(index, g, dense)),
    sharedTerms: sharedTermsOf(index, g),
    commonThemenfeld: commonValue(g.map((d) => index.docs[d].themenfeld)),
    commonSystem: commonValue(g.map((d) => index.docs[d].system)),
  }));
  out.sort((a, b) => b.confidence - a.confidence || compareIds(a.memberIds[0], b.memberIds[0]));
  return out;
}

function isIndex(x: BundlingIndex | readonly BundlingDocument[]): x is BundlingIndex {
  return !Array.isArray(x) && typeof (x as BundlingIndex).docPtr === "object";
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function sanitizeDoc(d: BundlingDocument): BundlingDocument {
  return {
    id: d.id,
    title: typeof d.title === "string" ? d.title : "",
    description: typeof d.description === "string" ? d.description : "",
    themenfeld: typeof d.themenfeld === "string" ? d.themenfeld : null,
    system: typeof d.system === "string" ? d.system : null,
  };
}
