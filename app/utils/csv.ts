// CSV for German spreadsheets: semicolon-separated, CRLF line ends, a byte-order mark so Excel reads
// UTF-8, and text that starts like a formula defused (CSV injection).

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
