/**
 * Snowball German stemmer (the classic "german" algorithm by Martin Porter),
 * implemented from the published algorithm description.
 *
 * Input: one lowercased word that may still contain ä, ö, ü and ß.
 * Output: an ASCII-ish stem; like the Snowball postlude, umlauts are mapped to
 * their base vowel (ä→a, ö→o, ü→u) so that "Haus"/"Häuser" conflate.
 */

const VOWELS = new Set(["a", "e", "i", "o", "u", "y", "ä", "ö", "ü"]);
const S_ENDING = new Set(["b", "d", "f", "g", "h", "k", "l", "m", "n", "r", "t"]);
const ST_ENDING = new Set(["b", "d", "f", "g", "h", "k", "l", "m", "n", "t"]);

/** Words longer than this are not stemmed (they are not real German words). */
const MAX_STEM_INPUT = 64;

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.has(ch);
}

/** Marks u and y between vowels as consonants (upper case U / Y), per Snowball prelude. */
function prelude(word: string): string[] {
  const chars = Array.from(word.replace(/ß/g, "ss"));
  for (let i = 1; i < chars.length - 1; i++) {
    const c = chars[i];
    if ((c === "u" || c === "y") && isVowel(chars[i - 1]) && isVowel(chars[i + 1])) {
      chars[i] = c === "u" ? "U" : "Y";
    }
  }
  return chars;
}

function markRegions(chars: string[]): { p1: number; p2: number } {
  const len = chars.length;
  let p1 = len;
  let p2 = len;
  if (len < 3) return { p1, p2 };
  let i = 0;
  // gopast vowel
  while (i < len && !isVowel(chars[i])) i++;
  if (i >= len) return { p1, p2 };
  i++;
  // gopast non-vowel
  while (i < len && isVowel(chars[i])) i++;
  if (i >= len) return { p1, p2 };
  i++;
  p1 = Math.max(i, 3);
  let j = i;
  while (j < len && !isVowel(chars[j])) j++;
  if (j >= len) return { p1, p2 };
  j++;
  while (j < len && isVowel(chars[j])) j++;
  if (j >= len) return { p1, p2 };
  p2 = j + 1;
  return { p1, p2 };
}

function endsWith(chars: string[], len: number, suffix: string): boolean {
  if (suffix.length > len) return false;
  for (let k = 0; k < suffix.length; k++) {
    if (chars[len - suffix.length + k] !== suffix[k]) return false;
  }
  return true;
}

/** Finds the longest suffix from the list that ends the word (of current length len). */
function longestSuffix(chars: string[], len: number, suffixes: readonly string[]): string | null {
  let best: string | null = null;
  for (const s of suffixes) {
    if ((best === null || s.length > best.length) && endsWith(chars, len, s)) best = s;
  }
  return best;
}

const STEP1 = ["em", "ern", "er", "e", "en", "es", "s"] as const;
const STEP2 = ["en", "er", "est", "st"] as const;
const STEP3 = ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"] as const;

/** Stems one lowercased German word. */
export function stemGerman(word: string): string {
  if (word.length < 3 || word.length > MAX_STEM_INPUT) {
    return postlude(Array.from(word.replace(/ß/g, "ss")), word.length);
  }
  const chars = prelude(word);
  const { p1, p2 } = markRegions(chars);
  let len = chars.length;

  // Step 1
  {
    const s = longestSuffix(chars, len, STEP1);
    if (s !== null && len - s.length >= p1) {
      if (s === "em" || s === "ern" || s === "er") {
        len -= s.length;
      } else if (s === "e" || s === "en" || s === "es") {
        len -= s.length;
        if (endsWith(chars, len, "niss")) len -= 1;
      } else if (s === "s") {
        if (len >= 2 && S_ENDING.has(chars[len - 2])) len -= 1;
      }
    }
  }

  // Step 2
  {
    const s = longestSuffix(chars, len, STEP2);
    if (s !== null && len - s.length >= p1) {
      if (s === "en" || s === "er" || s === "est") {
        len -= s.length;
      } else if (s === "st") {
        // preceded by a valid st-ending, itself preceded by at least 3 letters
        if (len - 3 >= 3 && ST_ENDING.has(chars[len - 3])) len -= 2;
      }
    }
  }

  // Step 3 (d-suffixes)
  {
    const s = longestSuffix(chars, len, STEP3);
    if (s !== null && len - s.length >= p2) {
      if (s === "end" || s === "ung") {
        len -= s.length;
        if (endsWith(chars, len, "ig") && len - 2 >= p2 && chars[len - 3] !== "e") len -= 2;
      } else if (s === "ig" || s === "ik" || s === "isch") {
        if (chars[len - s.length - 1] !== "e") len -= s.length;
      } else if (s === "lich" || s === "heit") {
        len -= s.length;
        if ((endsWith(chars, len, "er") || endsWith(chars, len, "en")) && len - 2 >= p1) len -= 2;
      } else if (s === "keit") {
        len -= s.length;
        if (endsWith(chars, len, "lich") && len - 4 >= p2) len -= 4;
        else if (endsWith(chars, len, "ig") && len - 2 >= p2) len -= 2;
      }
    }
  }

  return postlude(chars, len);
}

function postlude(chars: string[], len: number): string {
  let out = "";
  for (let i = 0; i < len && i < chars.length; i++) {
    const c = chars[i];
    switch (c) {
      case "U":
        out += "u";
        break;
      case "Y":
        out += "y";
        break;
      case "ä":
        out += "a";
        break;
      case "ö":
        out += "o";
        break;
      case "ü":
        out += "u";
        break;
      default:
        out += c;
    }
  }
  return out;
}
