// The production entry (scripts/start.ts, scripts/demo.ts): prepares the database, then serves in
// one process or, with WEB_CONCURRENCY > 1, in several worker processes. The primary of a cluster
// only passes messages and replaces workers; it loads neither the app nor the database code
// (preparation runs in a short-lived child), which keeps its memory small.
import cluster from "node:cluster";
import v8 from "node:v8";
import { isEnvelope } from "#app/utils/cluster.server";

const PREPARE_ROLE = "prepare";

// V8 lets the heap grow far ahead of what is live while requests are in flight (a server process
// reached 280 MB under load with ~60 MB live). A small growing factor makes it collect sooner. On the
// list page at 50 connections (README, Performance): V8's own 47–48 pages/s at 250 MB, 25 % 44–47
// at 170–180 MB, 10 % 40–42 at 167 MB; 25 % keeps most of the throughput at a third less memory.
// It is no limit: a large bundling run still gets the memory it needs. 0 keeps V8's own factor.
const heapGrowingPercent = Number(process.env.SERVER_HEAP_GROWING_PERCENT ?? 25);
if (heapGrowingPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);

/**
 * WEB_CONCURRENCY > 1 runs that many worker processes on one port (node:cluster), so a server uses
 * more than one core. The database is prepared once before the workers start; the primary passes
 * messages between workers (live workshop events, rate-limit counts: app/utils/cluster.server.ts);
 * a worker that dies is replaced. Default: one process.
 */
export async function startServer({ demo }: { demo: boolean }) {
  const workers = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1);
  const port = Number(process.env.PORT ?? 3000);
  const origin = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  if (cluster.isWorker && process.env.BUENDEL_ROLE === PREPARE_ROLE) {
    const { prepareDatabase, closeDb } = await import("./prepare");
    await prepareDatabase({ demo, origin });
    await closeDb();
    process.exit(0);
  }
  if (cluster.isPrimary && workers > 1) {
    await prepareInChild();
    runPrimary(workers, origin);
    return null;
  }
  // Before anything loads Remix: the router's own route matching is remembered too (route-matching.server.ts).
  (await import("#app/utils/route-matching.server")).hookRouterMatching();
  if (cluster.isPrimary) {
    const { prepareDatabase } = await import("./prepare");
    await prepareDatabase({ demo, origin });
  }
  const { serve } = await import("./serve");
  return serve({ port, origin });
}

/** Runs the preparation in a child process and waits for it; a failure stops the start. */
function prepareInChild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = cluster.fork({ BUENDEL_ROLE: PREPARE_ROLE });
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`Vorbereitung der Datenbank fehlgeschlagen (${signal ?? code}).`));
    });
  });
}

function runPrimary(workers: number, origin: string) {
  let stopping = false;
  let listening = 0;
  // Workers that die before they ever listened (a broken build, a port in use): replacing them
  // again and again would only loop; after a few in a row the server stops with an error.
  const served = new WeakSet<object>();
  let failedStarts = 0;
  cluster.on("message", (_worker, message: unknown) => {
    if (!isEnvelope(message)) return;
    for (const w of Object.values(cluster.workers ?? {})) if (w?.isConnected()) w.send(message);
  });
  cluster.on("listening", (worker) => {
    served.add(worker);
    failedStarts = 0;
    if (++listening === workers) console.log(`\nBündel läuft auf ${origin} (${workers} Prozesse)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!served.has(worker) && ++failedStarts >= 3) {
      console.error(`Prozess ${worker.process.pid} beendet (${signal ?? code}) beim Start, zum ${failedStarts}. Mal in Folge: Server wird beendet.`);
      process.exit(1);
    }
    console.error(`Prozess ${worker.process.pid} beendet (${signal ?? code}), wird neu gestartet.`);
    cluster.fork();
  });
  // A worker's young generation at 8 MB instead of V8's 16 MB: about 20 MB less per worker under
  // load at the same throughput (a smaller one cost throughput). SERVER_SEMI_SPACE_MB overrides.
  const semiSpaceMb = Number(process.env.SERVER_SEMI_SPACE_MB ?? 8);
  if (semiSpaceMb > 0 && !process.execArgv.some((a) => a.startsWith("--max-semi-space-size"))) {
    cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-semi-space-size=${semiSpaceMb}`] });
  }
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
