// Pure figures for the dashboard: medians, time spent per status, month buckets.

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * From status entries (sorted by key, then time) the duration of every completed stay in a status:
 * the time from entering it until the next entry of the same record. Open stays are not counted.
 */
export function stayDurations(entries: { key: number; at: string; status: string }[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i + 1 < entries.length; i++) {
    const a = entries[i];
    const b = entries[i + 1];
    if (a.key !== b.key || a.status === b.status) continue;
    const ms = Date.parse(b.at) - Date.parse(a.at);
    if (!(ms >= 0)) continue;
    out.set(a.status, [...(out.get(a.status) ?? []), ms]);
  }
  return out;
}

/** The last `n` months as YYYY-MM, oldest first, ending with the month of `at`. */
export function monthsBack(at: string, n: number): string[] {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return Array.from({ length: n }, (_, i) => {
    const x = new Date(Date.UTC(y, m - (n - 1 - i), 1));
    return `${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}
