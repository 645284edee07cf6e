/**
 * Which words may stand in an explanation ("Gemeinsame Begriffe"). Display only: the clustering and
 * the similarity never look at this, so leaving a word out here changes no proposal.
 */

/** Filler words that carry no topic but are not in the stop word list the engine uses (adverbs, conjunctions, „neu“). */
const FILLER = new Set(
  `
obwohl etwa neu neue neuem neuen neuer neues bereits bisher bislang derzeit aktuell jedoch daher dabei deshalb sowohl
ebenfalls insbesondere beispielsweise zudem außerdem hierfür dafür hierbei zusätzlich künftig zukünftig möglichst
möglich einfach gibt immer häufig oft mehr müssen sollen dürfen stets bitte rund fast ganz wäre wären gerne gern
`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words shorter than this say too little on their own („Amt“ stays out, „Hund“ stays in). */
const MIN_LENGTH = 4;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A part of an elided compound („Gewerbean-, -um- und -abmeldungen“): the token ends in a dash
 * before a non-letter, or starts with one after a non-letter. „Online-Anmeldung“ is whole.
 */
function onlyAsFragment(form: string, texts: readonly string[]): boolean {
  // Most forms never touch a dash: a plain substring test spares the regular expressions.
  if (!texts.some((text) => text.includes(`${form}-`) || text.includes(`-${form}`))) return false;
  const e = escape(form);
  const any = new RegExp(`(?<![\\p{L}\\p{N}])${e}(?![\\p{L}\\p{N}])`, "gu");
  const fragment = new RegExp(`(?<![\\p{L}\\p{N}])(?:${e}-(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])-${e}(?![\\p{L}\\p{N}]))`, "gu");
  let whole = 0;
  let parts = 0;
  for (const text of texts) {
    whole += text.match(any)?.length ?? 0;
    parts += text.match(fragment)?.length ?? 0;
  }
  return whole > 0 && parts >= whole;
}

/** Whether a surface form, as found in the given texts, is fit to be shown as a shared term. */
export function isExplanationTerm(form: string, texts: readonly string[] = []): boolean {
  if (Array.from(form).length < MIN_LENGTH) return false;
  if (/^\d+$/.test(form)) return false;
  if (FILLER.has(form.toLowerCase())) return false;
  return !onlyAsFragment(form, texts);
}
