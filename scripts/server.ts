// The production entry (scripts/start.ts, scripts/demo.ts): prepares the database, then serves in
// one thread or, with WEB_CONCURRENCY > 1, in several serving threads of one process. The main
// thread of such a server accepts connections, relays each to a serving thread and replaces a thread
// that dies; it loads neither the app nor the database code (preparation runs in a short-lived
// thread), which keeps it small.
import v8 from "node:v8";
import { isMainThread, Worker, workerData } from "node:worker_threads";
import { inCluster, servingThreadData } from "#app/utils/cluster.server";
import { serveInThreads } from "#app/utils/connection-relay.server";

const PREPARE = "buendelPrepare";

// V8 lets the heap grow far ahead of what is live while requests are in flight (a server process
// reached 280 MB under load with ~60 MB live). A small growing factor makes it collect sooner. On the
// list page at 50 connections (README, Performance): V8's own 47–48 pages/s at 250 MB, 25 % 44–47
// at 170–180 MB, 10 % 40–42 at 167 MB; 25 % keeps most of the throughput at a third less memory.
// It is no limit: a large bundling run still gets the memory it needs. 0 keeps V8's own factor.
// V8's flags hold for the whole process, serving threads included.
const heapGrowingPercent = Number(process.env.SERVER_HEAP_GROWING_PERCENT ?? 25);
if (heapGrowingPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);

/**
 * WEB_CONCURRENCY > 1 runs that many serving threads on one port, so a server uses more than one
 * core. The database is prepared once before they start; they tell each other live workshop events
 * and rate-limit counts (app/utils/cluster.server.ts); a thread that dies is replaced. Default: one
 * thread, which serves by itself.
 */
export async function startServer({ demo }: { demo: boolean }) {
  const threads = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1);
  const port = Number(process.env.PORT ?? 3000);
  const origin = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  if (!isMainThread && (workerData as Record<string, unknown> | null)?.[PREPARE]) {
    const { prepareDatabase, closeDb } = await import("./prepare");
    await prepareDatabase({ demo, origin });
    await closeDb();
    // Ends this thread only, even if a timer or connection would keep it alive.
    process.exit(0);
  }
  if (isMainThread && threads > 1) {
    await prepareInThread();
    runMain(threads, port, origin);
    return null;
  }
  // Before anything loads Remix: the router's own route matching is remembered too (route-matching.server.ts).
  (await import("#app/utils/route-matching.server")).hookRouterMatching();
  if (!inCluster()) {
    const { prepareDatabase } = await import("./prepare");
    await prepareDatabase({ demo, origin });
  }
  const { serve } = await import("./serve");
  return serve({ port, origin });
}

/** This entry again, in a thread of this process (the same file the process was started with). */
function startThread(data: Record<string, unknown>, options: ConstructorParameters<typeof Worker>[1] = {}): Worker {
  return new Worker(process.argv[1]!, { ...options, workerData: data });
}

/** Runs the preparation in a thread and waits for it; a failure stops the start. */
function prepareInThread(): Promise<void> {
  return new Promise((resolve, reject) => {
    const thread = startThread({ [PREPARE]: true });
    let failure: Error | null = null;
    thread.on("error", (error) => (failure = error));
    thread.on("exit", (code) => {
      if (code === 0 && !failure) resolve();
      else reject(new Error(`Vorbereitung der Datenbank fehlgeschlagen (${failure?.message ?? code}).`));
    });
  });
}

function runMain(count: number, port: number, origin: string) {
  // A serving thread's young generation with 4 MB semi-spaces instead of V8's 16 MB. With the render
  // cache a page allocates little, and 4 MB gave the same throughput as 8 MB in alternating runs
  // (list 604 / 603 pages/s, requirement page 904 / 874) at 25–30 MB less for the server (README,
  // Performance). SERVER_SEMI_SPACE_MB overrides; V8's young generation is three semi-spaces.
  const semiSpaceMb = Number(process.env.SERVER_SEMI_SPACE_MB ?? 4);
  const server = serveInThreads({
    count,
    startThread: (index) => startThread(servingThreadData(index), { resourceLimits: semiSpaceMb > 0 ? { maxYoungGenerationSizeMb: 3 * semiSpaceMb } : undefined }),
    port,
    host: process.env.HOST ?? "0.0.0.0",
    onListening: () => console.log(`\nBündel läuft auf ${origin} (${count} Threads)`),
    onThreadEnded: (index, code, error) => console.error(`Thread ${index} beendet (${code}), wird neu gestartet.${error ? `\n${error.stack ?? error}` : ""}`),
    onGiveUp: (index, code, times, error) => {
      console.error(`Thread ${index} beendet (${code}) beim Start, zum ${times}. Mal in Folge: Server wird beendet.${error ? `\n${error.stack ?? error}` : ""}`);
      process.exit(1);
    },
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.stop().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
