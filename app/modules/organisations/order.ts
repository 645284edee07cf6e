// SQL's ORDER BY compares bytes (SQLite) or depends on the server's collation (PostgreSQL): "Überherrn"
// and "eGo-Saar Geschäftsstelle" would end up after "Weiskirchen". Lists of organisations are sorted
// here instead, in German alphabetical order, the same on both databases.
const collator = new Intl.Collator("de");

/** Compares two names as a German reader expects: Ü with U, lower and upper case together. */
export function compareGerman(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * A sorted copy of `rows` by the given names in German order, the first key first (e.g. organisation,
 * then person). Stable: rows with equal names keep the order they came in.
 */
export function sortGerman<T>(rows: readonly T[], ...keys: ((row: T) => string | null | undefined)[]): T[] {
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const c = collator.compare(key(a) ?? "", key(b) ?? "");
      if (c !== 0) return c;
    }
    return 0;
  });
}
