// „Titel A–Z“ in German dictionary order (DIN 5007, variant 1) on both databases: ä like a, ö like o,
// ü like u, ß like ss, upper and lower case together. SQLite compares bytes and PostgreSQL follows its
// collation (de_DE ignores punctuation, C does not), so neither can sort the title itself alike. Every
// requirement stores this key next to its title (`title_sort`), compared bytewise on both databases
// (PostgreSQL's column is COLLATE "C"). At the first letter it agrees with `compareGerman`
// (app/modules/organisations/order.ts), which sorts lists that are small enough to sort in JavaScript.

// Letters NFKD does not take apart but a German reader files under their base letters.
const BASE_LETTERS: Record<string, string> = { æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/**
 * The sort key of a title: compatibility-decomposed, accents dropped, lower case, ß as ss, any run of
 * punctuation, symbols or white space as one space (a leading „ or a hyphen does not move a title to
 * the end), trimmed. Bytewise order of keys is German alphabetical order.
 */
export function germanSortKey(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[æœøłđðþı]/g, (c) => BASE_LETTERS[c])
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A requirement's title with its sort key: what every insert and title change writes. */
export function titleColumns(title: string): { title: string; title_sort: string } {
  return { title, title_sort: germanSortKey(title) };
}
