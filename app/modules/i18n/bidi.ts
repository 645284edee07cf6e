// Text typed by people (names, titles) set into a German sentence: right-to-left letters or bidi
// control characters in it (U+202E RIGHT-TO-LEFT OVERRIDE and friends) would reorder the rest of the
// sentence on screen. Isolated, the text keeps its own direction and the sentence reads as written.

const FSI = "\u2068"; // FIRST STRONG ISOLATE
const PDI = "\u2069"; // POP DIRECTIONAL ISOLATE
const WORD_JOINER = "\u2060";

/**
 * Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko … and their presentation forms,
 * historic right-to-left scripts, Adlam) and the bidi controls: LRM, RLM, the embeddings and
 * overrides (U+202A–U+202E) and the isolates (U+2066–U+2069). ALM (U+061C) is in the Arabic block.
 */
const NEEDS_ISOLATION = /[\u0590-\u08FF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFC]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const ISOLATE_CONTROLS = /[\u2066-\u2069]/g;

/**
 * The text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, only when it holds right-to-left
 * letters or bidi controls: anything else comes back unchanged. Embeddings and overrides left open in
 * the text end at the closing PDI; isolates left open get their own PDI. A PDI in the text that closes
 * nothing of its own would close the wrapper instead: it is shown as a word joiner (invisible and
 * without direction, as that PDI is in the text on its own). Replacing it rather than adding a second
 * FSI keeps the text at its place: i18next resumes its search for placeholders after as many
 * characters as the value had, so nothing may be added in front but the one FSI.
 */
export function isolateBidi(text: string): string {
  if (!NEEDS_ISOLATION.test(text)) return text;
  let open = 0;
  const shown = text.replace(ISOLATE_CONTROLS, (control) => {
    if (control !== PDI) {
      open += 1;
      return control;
    }
    if (open === 0) return WORD_JOINER;
    open -= 1;
    return control;
  });
  return `${FSI}${shown}${PDI.repeat(open + 1)}`;
}
