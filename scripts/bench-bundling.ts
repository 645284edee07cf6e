/**
 * Benchmarks the bundling engine on synthetic German requirement corpora.
 *
 *   npm run bench:bundling                 # sizes 1,000 / 10,000 / 50,000
 *   npm run bench:bundling -- --sizes 1000,5000
 *
 * Every size runs in its own child process (single-threaded) so that peak RSS
 * is measured cleanly. One JSON line per size:
 *   {"n", "index_seconds", "suggest_p50_ms", "suggest_p95_ms", "cluster_seconds", "peak_rss_mb"}
 * A suggestion is one query as while typing (the first few words of a title,
 * the last one possibly cut off); clustering is a full run over all n.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { buildIndex, cluster, suggest, type BundlingDocument } from "../app/modules/bundling/engine/index";

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THEMENFELDER = [
  "Arbeit & Ruhestand",
  "Bauen & Wohnen",
  "Bildung",
  "Ein- & Auswanderung",
  "Engagement & Hobby",
  "Familie & Kind",
  "Forschung & Förderung",
  "Gesundheit",
  "Mobilität & Reisen",
  "Querschnitt",
  "Recht & Ordnung",
  "Steuern & Zoll",
  "Umwelt",
  "Unternehmensführung & -entwicklung",
];

const SYSTEMS = [
  "VOIS|MESO",
  "OK.EWO",
  "AutiSta",
  "ProBauG",
  "KM-Kfz",
  "H&H Gewerbe",
  "OK.VORGANG",
  "Sopart",
  "LISSA",
  "KIRP",
  "SAP IS-PSCD",
  "infoma newsystem",
  "VOIS|GEWAN",
  "Allris",
  "d.velop",
  "OK.FIS",
  "MigraPro",
  "ADVIS",
  "Kita-Planer",
  "WinOWiG",
];

const MODIFIERS = [
  "Hunde", "Grund", "Gewerbe", "Bau", "Fahrzeug", "Wohn", "Kinder", "Eltern", "Melde", "Ausweis", "Reise", "Pass",
  "Führerschein", "Park", "Abfall", "Wasser", "Abwasser", "Friedhofs", "Bestattungs", "Sonder", "Sonntags",
  "Gaststätten", "Markt", "Veranstaltungs", "Sperr", "Wahl", "Steuer", "Vergnügungs", "Zweitwohnungs", "Spiel",
  "Jagd", "Fischerei", "Waffen", "Sprengstoff", "Lärm", "Baum", "Natur", "Denkmal", "Feuerwehr", "Katastrophen",
  "Schul", "Kita", "Jugend", "Senioren", "Pflege", "Sozial", "Wohngeld", "Unterhalts", "Einbürgerungs", "Aufenthalts",
  "Gesundheits", "Impf", "Trinkwasser", "Lebensmittel", "Tierhaltungs", "Straßen", "Sondernutzungs", "Schwerbehinderten",
  "Anwohner", "Bewohner", "Energie", "Solar", "Heizungs", "Breitband", "Vereins", "Sport", "Kultur", "Musikschul",
  "Bibliotheks", "Archiv", "Personenstands", "Geburts", "Ehe", "Sterbe", "Namens", "Gewässer", "Hochwasser", "Forst",
];

const HEADS = [
  "steuer", "genehmigung", "anmeldung", "abmeldung", "bescheinigung", "erlaubnis", "antrag", "gebühr", "register",
  "ausweis", "karte", "förderung", "zuschuss", "nachweis", "bescheid", "auskunft", "urkunde", "verzeichnis",
  "kataster", "plan", "vertrag", "beitrag", "berechtigung", "prüfung", "meldung", "schein", "platz", "zulassung",
];

const ACTS = [
  "Beantragung", "Erteilung", "Verlängerung", "Änderung", "Ausstellung", "Anzeige", "Abmeldung", "Anmeldung",
  "Befreiung", "Ermäßigung", "Erstattung", "Auskunft über", "Widerspruch gegen", "Kündigung", "Verwaltung",
];

const GROUPS = [
  "für Bürgerinnen und Bürger", "für Unternehmen", "für Vereine", "für Eltern", "für Studierende", "für Senioren",
  "für Menschen mit Behinderung", "für Landwirte", "für Gewerbetreibende", "für Eigentümer", "für Mieter",
  "für Geflüchtete", "für Schulen", "für Kommunen",
];

const NEEDS = [
  "Online-Antrag mit elektronischer Bezahlung",
  "Digitale Akteneinsicht",
  "Schnittstelle zum Fachverfahren",
  "Medienbruchfreie Bearbeitung",
  "Automatische Fristenüberwachung",
  "Elektronische Signatur",
  "Statusabfrage für Antragsteller",
  "Terminvereinbarung online",
  "Barrierefreies Formular",
  "Anbindung an das Servicekonto",
  "Digitaler Bescheidversand",
  "Mehrsprachige Ausfüllhilfe",
];

const SENTENCES = [
  "Die {obj} soll vollständig online beantragt werden können.",
  "Derzeit wird die {obj} auf Papier bearbeitet und manuell in {sys} erfasst.",
  "Es fehlt eine Schnittstelle zwischen dem Portal und {sys}.",
  "Bürgerinnen und Bürger müssen für die {obj} persönlich im Rathaus erscheinen.",
  "Die Gemeinde wünscht eine medienbruchfreie {act} der {obj}.",
  "Nachweise sollen hochgeladen und automatisch geprüft werden.",
  "Die Bearbeitungszeit der {obj} soll deutlich verkürzt werden.",
  "Gebühren sollen direkt bei der {act} online bezahlt werden.",
  "Die Sachbearbeitung benötigt eine Übersicht aller offenen Vorgänge zur {obj}.",
  "Rückfragen an Antragstellende sollen über das Postfach laufen.",
  "Das Onlinezugangsgesetz verpflichtet uns zur Digitalisierung dieser Leistung.",
  "Viele Kommunen im Landkreis haben denselben Bedarf bei der {obj}.",
];

function pick<T>(rnd: () => number, arr: readonly T[]): T {
  return arr[Math.floor(rnd() * arr.length)];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A deterministic synthetic corpus: latent needs (~8 requirements each) phrased in varying ways. */
export function syntheticCorpus(n: number, seed = 42): BundlingDocument[] {
  const rnd = prng(seed);
  const latentCount = Math.max(1, Math.round(n / 8));
  const latent = Array.from({ length: latentCount }, () => {
    const obj = `${pick(rnd, MODIFIERS)}${pick(rnd, HEADS)}`;
    return {
      obj,
      act: pick(rnd, ACTS),
      need: pick(rnd, NEEDS),
      group: pick(rnd, GROUPS),
      themenfeld: pick(rnd, THEMENFELDER),
      system: pick(rnd, SYSTEMS),
    };
  });
  const docs: BundlingDocument[] = [];
  for (let i = 0; i < n; i++) {
    const l = latent[Math.floor(rnd() * latentCount)];
    const act = rnd() < 0.7 ? l.act : pick(rnd, ACTS);
    const r = rnd();
    let title: string;
    if (r < 0.25) title = `${capitalize(l.obj)} ${act}`;
    else if (r < 0.5) title = `${act} ${capitalize(l.obj)} ${l.group}`;
    else if (r < 0.75) title = `${l.need}: ${capitalize(l.obj)}`;
    else title = `Digitalisierung der ${capitalize(l.obj)} – ${act}`;
    const sentences: string[] = [];
    const count = 1 + Math.floor(rnd() * 3);
    for (let s = 0; s < count; s++) {
      sentences.push(
        pick(rnd, SENTENCES)
          .replace(/\{obj\}/g, capitalize(l.obj))
          .replace(/\{sys\}/g, l.system)
          .replace(/\{act\}/g, act),
      );
    }
    docs.push({
      id: i + 1,
      title,
      description: sentences.join(" "),
      themenfeld: rnd() < 0.9 ? l.themenfeld : null,
      system: rnd() < 0.6 ? l.system : null,
    });
  }
  return docs;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i];
}

/** A query as typed: the first 2–4 words of a title, the last one possibly cut off. */
function typingQuery(rnd: () => number, title: string): string {
  const words = title.split(/\s+/).filter(Boolean);
  const k = Math.min(words.length, 2 + Math.floor(rnd() * 3));
  const part = words.slice(0, k);
  const last = part[part.length - 1] ?? "";
  if (last.length > 4 && rnd() < 0.5) part[part.length - 1] = last.slice(0, 3 + Math.floor(rnd() * (last.length - 3)));
  return part.join(" ");
}

function runSize(n: number): void {
  const docs = syntheticCorpus(n);
  const t0 = performance.now();
  const index = buildIndex(docs);
  const indexSeconds = (performance.now() - t0) / 1000;

  const rnd = prng(7);
  const queries = Array.from({ length: 300 }, () => typingQuery(rnd, docs[Math.floor(rnd() * n)].title));
  for (const q of queries.slice(0, 20)) suggest(index, q, { limit: 5 }); // warm-up
  const times: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    suggest(index, q, { limit: 5 });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);

  const t1 = performance.now();
  const clusters = cluster(index);
  const clusterSeconds = (performance.now() - t1) / 1000;
  void clusters;

  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({
      n,
      index_seconds: round4(indexSeconds),
      suggest_p50_ms: round4(percentile(times, 0.5)),
      suggest_p95_ms: round4(percentile(times, 0.95)),
      cluster_seconds: round4(clusterSeconds),
      peak_rss_mb: round4(peakRssMb),
    })}\n`,
  );
}

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

function main(): void {
  const single = argValue("--size");
  if (single !== undefined) {
    runSize(Number(single));
    return;
  }
  const sizes = (argValue("--sizes") ?? "1000,10000,50000").split(",").map((s) => Number(s.trim()));
  const self = fileURLToPath(import.meta.url);
  for (const n of sizes) {
    const child = spawnSync(process.execPath, [...process.execArgv, self, "--size", String(n)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`benchmark for n=${n} failed (exit ${child.status})`);
    const lines = child.stdout.trim().split("\n");
    process.stdout.write(`${lines[lines.length - 1]}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
