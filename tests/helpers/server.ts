import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll } from "vitest";
import fs from "node:fs";

// Helpers for tests that run the production server as a separate process.

/** The server runs the production build; CI builds before the tests, a developer may not have. */
export function ensureBuild() {
  if (!fs.existsSync("build/start.js") || !fs.existsSync("build/server/index.js")) execFileSync("npm", ["run", "build"], { stdio: "ignore", timeout: 300_000 });
}

export interface SseEvent {
  event: string;
  data: string;
}

/** A minimal event-stream client: collects events and lets a test wait for one. */
export function connectEventStream(url: string, cookie: string) {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  const done = (async () => {
    const res = await fetch(url, { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const e: SseEvent = { event: "message", data: "" };
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) e.event = line.slice(7);
          else if (line.startsWith("data: ")) e.data += line.slice(6);
        }
        events.push(e);
        for (const w of [...waiters]) {
          if (w.match(e)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(e);
          }
        }
      }
    }
  })().catch(() => {});
  return {
    events,
    waitFor(match: (data: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
      const test = (e: SseEvent) => e.event === "workshop" && match(JSON.parse(e.data) as Record<string, unknown>);
      const found = events.find(test);
      if (found) return Promise.resolve(JSON.parse(found.data));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("event did not arrive")), timeoutMs);
        waiters.push({ match: test, resolve: (e) => (clearTimeout(timer), resolve(JSON.parse(e.data))) });
      });
    },
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

/** Starts the production server (`node build/start.js`) and waits until it answers. */
export async function startInstance(port: number, databaseUrl: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["build/start.js"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} stopped:\n${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill("SIGKILL");
  throw new Error(`instance on ${port} did not start:\n${log}`);
}


/**
 * For a describe block: builds if needed, starts the production server on a free-ish port in
 * [from, from + spread) on this test file's database before its tests and kills it after them.
 * Returns the base address to fetch from.
 */
export function productionServerForSuite(from: number, spread: number): { base: string } {
  const port = from + Math.floor(Math.random() * spread);
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    ensureBuild();
    server = await startInstance(port, process.env.DATABASE_URL!);
  }, 360_000);
  afterAll(() => {
    server?.kill("SIGKILL");
  });
  return { base: `http://127.0.0.1:${port}` };
}
