/**
 * Engine constants. They were chosen once on the development data
 * (ozg-leika-dev.csv) and are never adapted to the input at run time; the
 * engine is never told the number of groups. Kept in one object so that the
 * evaluation tooling can document them in one place.
 */
export const PARAMS = {
  /** Title words count this many times as much as description words. */
  TITLE_WEIGHT: 2,
  DESCRIPTION_WEIGHT: 1,
  /** Weight factor for generic administrative act words (Erteilung, Antrag, …). */
  GENERIC_WEIGHT: 0.35,
  /** Share of the word-stem block in the cosine (rest: character n-grams). */
  WORD_SHARE: 0.4,
  /** Weight of the parts of a split compound as extra word features (0 = no splitting). */
  COMPOUND_PART_WEIGHT: 0.3,
  /** At most this many features (highest weight first) are kept per document vector. */
  MAX_FEATURES_PER_DOC: 256,
  /** Structured fields: added to / subtracted from the text cosine. */
  SAME_THEMENFELD_BONUS: 0.05,
  DIFFERENT_THEMENFELD_PENALTY: 0.3,
  SAME_SYSTEM_BONUS: 0.05,
  /** Candidate generation limits for neighbour search (only bind on large corpora). */
  QUERY_FEATURES: 48,
  POSTINGS_PER_FEATURE: 150,
  RESCORE_CANDIDATES: 40,
  /** Clustering: neighbours per document, minimum edge similarity, average-linkage threshold. */
  KNN_K: 10,
  EDGE_MIN_SIM: 0.02,
  MERGE_THRESHOLD: 0.18,
  /** Share of the neighbourhood-profile (second-order) similarity in edge weights. */
  SECOND_ORDER_WEIGHT: 0.3,
  /** How strongly missing edges between two clusters lower their linkage (1 = plain average linkage). */
  LINKAGE_COVERAGE_EXPONENT: 0.5,
  /**
   * Clustering: a link that rests on one word — it carries at least SINGLE_WORD_DOMINANCE of the
   * weight of the words the two texts share — between two requirements whose titles have little in
   * common (title cosine below TITLE_SHARE_MIN of the text cosine) counts SINGLE_WORD_LINK_WEIGHT of
   * its text similarity: one of them only mentions what the other is about.
   */
  SINGLE_WORD_DOMINANCE: 0.5,
  TITLE_SHARE_MIN: 0.25,
  SINGLE_WORD_LINK_WEIGHT: 0.5,
};
