/**
 * Evaluates the bundling engine on a labelled CSV.
 *
 *   npm run eval:bundling -- --input ../shared/data/ozg-leika-dev.csv
 *
 * The CSV needs at least the columns text, themenfeld, group_id (others are
 * ignored). Each row becomes a requirement with the text as title, an empty
 * description and the themenfeld; the engine clusters all rows (singletons
 * count as clusters) and the clustering is compared with group_id.
 * The last line printed is one JSON object with the scores.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { buildIndex, cluster, type BundlingDocument } from "../app/modules/bundling/engine/index";
import { adjustedRandIndex, bcubed, normalizedMutualInfo } from "../app/modules/bundling/metrics";

/** RFC 4180 CSV parser (quoted fields, doubled quotes, CR/LF line ends, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < src.length) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      row.push(field);
      field = "";
      rows.push(row);
      row = [];
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function main(): void {
  const input = argValue("--input") ?? "../shared/data/ozg-leika-dev.csv";
  const rows = parseCsv(readFileSync(input, "utf8"));
  if (rows.length < 2) throw new Error(`no data rows in ${input}`);
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column "${name}" missing in ${input}`);
    return i;
  };
  const ti = col("text");
  const fi = col("themenfeld");
  const gi = col("group_id");

  const docs: BundlingDocument[] = [];
  const truth: string[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const tf = (row[fi] ?? "").trim();
    docs.push({ id: r, title: row[ti] ?? "", description: "", themenfeld: tf || null, system: null });
    truth.push((row[gi] ?? "").trim());
  }

  const t0 = performance.now();
  const index = buildIndex(docs);
  const clusters = cluster(index, { minSize: 1 });
  const seconds = (performance.now() - t0) / 1000;

  const pred = new Array<number>(docs.length).fill(-1);
  clusters.forEach((c, ci) => {
    for (const id of c.memberIds) pred[(id as number) - 1] = ci;
  });
  let next = clusters.length;
  for (let i = 0; i < pred.length; i++) if (pred[i] < 0) pred[i] = next++;

  const b3 = bcubed(truth, pred);
  const result = {
    n: docs.length,
    groups: new Set(truth).size,
    clusters: new Set(pred).size,
    ari: round4(adjustedRandIndex(truth, pred)),
    nmi: round4(normalizedMutualInfo(truth, pred)),
    bcubed_precision: round4(b3.precision),
    bcubed_recall: round4(b3.recall),
    bcubed_f1: round4(b3.f1),
    seconds: round4(seconds),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1]?.endsWith("eval-bundling.ts")) main();
