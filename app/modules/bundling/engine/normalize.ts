/**
 * German text normalisation for the bundling engine: case and umlaut folding,
 * robust tokenisation, stop words, stemming and character n-grams.
 *
 * Two normal forms exist:
 * - the *folded* form (`foldGerman`): lowercase, ä→ae, ö→oe, ü→ue, ß→ss, other
 *   diacritics stripped — used for display-independent comparison;
 * - the *stem* (`stemToken`): Snowball German stem of the lowercased word. The
 *   stemmer sees the real umlauts and maps them to the base vowel at the end
 *   (Haus / Häuser → "haus"), which conflates more inflected forms than
 *   stemming the folded spelling would. Spelled-out umlauts ("ae") in the input
 *   are stemmed as written.
 */
import { stemGerman } from "./stemmer";
import { GENERIC_ADMIN_STEMS, GERMAN_STOP_WORDS, PORTAL_STEMS } from "./stopwords";

/** Tokens longer than this (e.g. unsegmented non-Latin scripts) are cut. */
export const MAX_TOKEN_LENGTH = 40;
/** At most this many tokens are read from one text (bounds work on huge inputs). */
export const MAX_TOKENS_PER_TEXT = 10_000;

export const NGRAM_MIN = 3;
export const NGRAM_MAX = 5;

const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const NON_ASCII_RE = /[^\p{ASCII}]/gu;
const MARKS_RE = /\p{M}/gu;

/** Strips diacritics except German umlauts and ß (lowercase input expected). */
function stripForeignDiacritics(lower: string): string {
  return lower.replace(NON_ASCII_RE, (c) => {
    if (c === "ä" || c === "ö" || c === "ü" || c === "ß") return c;
    return c.normalize("NFD").replace(MARKS_RE, "");
  });
}

/** Lowercases and folds German text: ä→ae, ö→oe, ü→ue, ß→ss, other diacritics removed. */
export function foldGerman(text: string): string {
  return stripForeignDiacritics(text.normalize("NFC").toLowerCase())
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss");
}

export interface Token {
  /** The word as written in the input (for highlighting). */
  surface: string;
  /** Lowercased, foreign diacritics stripped, umlauts kept. */
  lower: string;
  /** Folded form (ae/oe/ue/ss). */
  folded: string;
}

/**
 * Splits text into word tokens (letters and digits). Punctuation, emoji,
 * control characters and symbols separate tokens and are dropped.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  if (!text) return out;
  const src = text.normalize("NFC");
  TOKEN_RE.lastIndex = 0;
  for (const m of src.matchAll(TOKEN_RE)) {
    let surface = m[0];
    if (surface.length > MAX_TOKEN_LENGTH) surface = surface.slice(0, MAX_TOKEN_LENGTH);
    const lower = stripForeignDiacritics(surface.toLowerCase()).replace(MARKS_RE, "");
    if (!lower) continue;
    const folded = lower.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
    out.push({ surface, lower, folded });
    if (out.length >= MAX_TOKENS_PER_TEXT) break;
  }
  return out;
}

export function isStopWord(token: Pick<Token, "lower" | "folded">): boolean {
  return GERMAN_STOP_WORDS.has(token.lower) || GERMAN_STOP_WORDS.has(token.folded);
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** Snowball German stem of a lowercased word (cached). */
export function stemToken(lower: string): string {
  let s = stemCache.get(lower);
  if (s === undefined) {
    s = stemGerman(lower);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(lower, s);
  }
  return s;
}

/** True for generic administrative act words (Erteilung, Antrag, …) given as stems. */
export function isGenericAdminStem(stem: string): boolean {
  return GENERIC_ADMIN_STEMS.has(stem);
}

/**
 * True for a word that says nothing about what a requirement is about: a stop word, a generic
 * administrative act (Antrag, Erteilung) or the portal's everyday vocabulary (Anforderung, digital,
 * Verwaltung). Compounds count as specific (Friedhofsverwaltung is a subject; Verwaltung is not).
 */
export function isGenericTerm(surface: string): boolean {
  const [t] = tokenize(surface);
  if (!t || t.lower.length < 2 || isStopWord(t)) return true;
  const stem = stemToken(t.lower);
  return GENERIC_ADMIN_STEMS.has(stem) || PORTAL_STEMS.has(stem);
}

export interface AnalyzedWord {
  surface: string;
  stem: string;
}

/**
 * Content words of a text: tokens that are not stop words, not single
 * characters and not pure numbers of one or two digits, with their stems.
 */
export function analyzeText(text: string): AnalyzedWord[] {
  const out: AnalyzedWord[] = [];
  for (const t of tokenize(text)) {
    if (t.lower.length < 2) continue;
    if (isStopWord(t)) continue;
    if (/^\d{1,2}$/.test(t.lower)) continue;
    const stem = stemToken(t.lower);
    if (!stem) continue;
    out.push({ surface: t.surface, stem });
  }
  return out;
}

/**
 * Character n-grams (NGRAM_MIN..NGRAM_MAX) of one word/stem, padded with a
 * space on both sides so that word starts and ends form their own grams
 * (like scikit-learn's "char_wb"). Compounds share many inner grams with their
 * parts: "hundesteueranmeld" and "anmeld" share "anm", "anmel", "nmeld", ….
 */
export function charNgrams(word: string, min = NGRAM_MIN, max = NGRAM_MAX): string[] {
  const padded = ` ${word} `;
  const chars = Array.from(padded);
  const out: string[] = [];
  const seen = new Set<string>();
  for (let n = min; n <= max; n++) {
    if (chars.length < n) {
      if (n === min && !seen.has(padded)) {
        seen.add(padded);
        out.push(padded);
      }
      break;
    }
    for (let i = 0; i + n <= chars.length; i++) {
      const g = chars.slice(i, i + n).join("");
      if (!seen.has(g)) {
        seen.add(g);
        out.push(g);
      }
    }
  }
  return out;
}

/** Normalises a whole text to a space-separated string of stems (useful for debugging/tests). */
export function stemText(text: string): string {
  return analyzeText(text)
    .map((w) => w.stem)
    .join(" ");
}
