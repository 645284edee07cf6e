import { analyzeText, isStopWord, tokenize } from "#app/modules/bundling/engine/normalize";
import { MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS } from "./schema";

/** Each kind of ignored input names at most this many examples. */
const MAX_NAMED = 10;

/**
 * Search keys: German stems with umlaut spellings folded (the stemmer maps "ü" to "u", a typed "ue"
 * must meet it), so "Hundesteuern" finds "Hundesteuer" on SQLite and PostgreSQL alike.
 */
export function searchKeys(text: string): string[] {
  return analyzeText(text).map((w) => foldStem(w.stem));
}

const foldStem = (stem: string) => stem.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");

/** What a search did not use, by kind, each in the order typed and without repeats ("…" after the tenth). */
export interface IgnoredSearchInput {
  /** Characters other than letters, digits and ordinary punctuation (%, _, *, &, § …). */
  specialChars: string[];
  emoji: string[];
  /** Words too common to tell requirements apart („und“, „der“). */
  stopWords: string[];
  /** Single characters and numbers of one or two digits. */
  tooShort: string[];
  /** Words after the MAX_SEARCH_WORDS-th. */
  beyondWordLimit: string[];
}

export interface SearchReport {
  /** The search keys the list is narrowed by; none (and no number) means the text could not narrow it. */
  stems: string[];
  /** A search that is only a requirement number („14“, „Nr. 14“, „#14“) also finds that requirement. */
  number: number | null;
  ignored: IgnoredSearchInput;
  /** The text was longer than MAX_SEARCH_LENGTH characters; the rest was not read. */
  truncated: boolean;
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
// Spaces and the punctuation of ordinary sentences only separate words; nobody expects them to match.
const SEPARATOR = /^[\s.,;:!?"'()[\]{}\-‐–—/„“”‚‘’«»‹›…]+$/u;
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
// The whole search is a number, as requirements are named on their pages and in lists: „Nr. 14“, „#14“ (English „No. 14“).
const REQUIREMENT_NUMBER = /^(?:nr\.?|no\.?|#)?\s*(\d{1,10})$/iu;
/** Requirement ids are 32-bit integers on PostgreSQL; a larger number cannot be one (and must not reach the query). */
const MAX_ID = 2_147_483_647;

/** The requirement number a search consists of, or null. */
export function requirementNumberOf(text: string): number | null {
  const match = REQUIREMENT_NUMBER.exec(text.trim());
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 && n <= MAX_ID ? n : null;
}

/**
 * Reads a typed search as the list uses it (the first MAX_SEARCH_LENGTH characters, their first
 * MAX_SEARCH_WORDS distinct search keys) and reports all that was left out, so the page can say so.
 */
export function parseSearch(raw: string): SearchReport {
  const chars = Array.from(raw.trim());
  const truncated = chars.length > MAX_SEARCH_LENGTH;
  const text = chars.slice(0, MAX_SEARCH_LENGTH).join("");
  const ignored: IgnoredSearchInput = { specialChars: [], emoji: [], stopWords: [], tooShort: [], beyondWordLimit: [] };
  // A number also matches the text (a year, a paragraph), as before; its digits and „Nr.“ are not "left out".
  const number = requirementNumberOf(text);
  if (number !== null) return { stems: searchKeys(String(number)), number, ignored, truncated };
  const note = (list: string[], item: string) => {
    if (!list.includes(item)) list.push(item);
  };

  const stems: string[] = [];
  for (const token of tokenize(text)) {
    // Whether a word counts is analyzeText's decision, the same as for the stored search text.
    const [word] = analyzeText(token.surface);
    if (!word) {
      note(isStopWord(token) ? ignored.stopWords : ignored.tooShort, token.surface);
      continue;
    }
    const stem = foldStem(word.stem);
    if (stems.includes(stem)) continue;
    if (stems.length < MAX_SEARCH_WORDS) stems.push(stem);
    else note(ignored.beyondWordLimit, token.surface);
  }

  const between = text.replace(TOKEN, " ");
  for (const { segment } of new Intl.Segmenter("de", { granularity: "grapheme" }).segment(between)) {
    if (SEPARATOR.test(segment)) continue;
    note(EMOJI.test(segment) ? ignored.emoji : ignored.specialChars, segment);
  }

  for (const key of Object.keys(ignored) as (keyof IgnoredSearchInput)[]) {
    if (ignored[key].length > MAX_NAMED) ignored[key] = [...ignored[key].slice(0, MAX_NAMED), "…"];
  }
  return { stems, number: null, ignored, truncated };
}
