export type DocId = string | number;

/** One requirement as seen by the bundling engine. */
export interface BundlingDocument {
  id: DocId;
  title: string;
  description: string;
  /** OZG topic field ("Themenfeld"), if known. */
  themenfeld: string | null;
  /** Affected system ("Fachverfahren"), if known. */
  system: string | null;
}

/** Canonical total order on ids: numbers (ascending) before strings (code-unit order). */
export function compareIds(a: DocId, b: DocId): number {
  const an = typeof a === "number";
  const bn = typeof b === "number";
  if (an && bn) return (a as number) - (b as number);
  if (an !== bn) return an ? -1 : 1;
  const as = a as string;
  const bs = b as string;
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** Map key for an id (numbers and strings never collide). */
export function idKey(id: DocId): string {
  return typeof id === "number" ? `n${id}` : `s${id}`;
}
