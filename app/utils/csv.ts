// CSV for German spreadsheets: semicolon-separated, CRLF line ends, a byte-order mark so Excel reads
// UTF-8, and text that starts like a formula defused (CSV injection).
import { formatDate } from "./format";

export type CsvCell = string | number | null;

function cell(v: CsvCell): string {
  const s = v === null ? "" : String(v);
  // Text typed by users may start with =, +, - or @: a spreadsheet would run it as a formula.
  const safe = typeof v === "string" && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: CsvCell[][]): string {
  return `\uFEFF${rows.map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}

/** The headers of a CSV download named `filename`; never cached (it shows what the user may see). */
export function csvHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
  };
}

const isoDay = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Europe/Berlin" });

/**
 * A day in a CSV cell, written so spreadsheets read it as a date, not as text: German (07.12.2026)
 * for German readers, ISO 8601 (2026-12-07) otherwise — "7 Dec 2026" stays text in a German Excel.
 * A timestamp counts by its day in Berlin; a calendar date (YYYY-MM-DD) as written.
 */
export function csvDate(iso: string, language: string): string {
  if (language === "de") return formatDate(iso, language);
  if (iso.length === 10) return iso;
  const part = (type: string) => isoDay.formatToParts(new Date(iso)).find((p) => p.type === type)?.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}
