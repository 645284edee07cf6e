import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed/demo-users";

// Starts its own production server on its own database, kills it with SIGKILL while writers are
// busy, restarts it, and checks that every acknowledged write survived.
const CYCLES = 20;
const WRITERS = 4;
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-crash-"));
const dbFile = path.join(dir, "crash.sqlite");
let server: ChildProcess | null = null;

function start(): Promise<void> {
  server = spawn(process.execPath, ["build/demo.js"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${dbFile}`, NODE_ENV: "production" },
    stdio: "ignore",
  });
  return (async () => {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("server did not start");
  })();
}

async function kill(): Promise<void> {
  const s = server;
  if (!s || s.exitCode !== null || s.signalCode !== null) return;
  const exited = new Promise((r) => s.once("exit", r));
  s.kill("SIGKILL");
  await exited;
}

afterAll(async () => {
  await kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(): Promise<string> {
  const res = await fetch(`${base}/anmelden`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "anna.schmidt@saarbruecken.example", password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

describe("crash safety", () => {
  it(`keeps every acknowledged write through ${CYCLES} SIGKILLs`, async () => {
    const acknowledged: string[] = [];
    let counter = 0;
    await start();
    const cookie = await signIn();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      if (cycle > 0) await start();
      let running = true;
      const writer = async (w: number) => {
        while (running) {
          const title = `Absturztest ${cycle}-${w}-${counter++}`;
          try {
            const res = await fetch(`${base}/anforderungen/neu`, {
              method: "POST",
              redirect: "manual",
              headers: { Origin: base, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams({
                title,
                problem: "Schreiblast während eines Absturzes.",
                desiredOutcome: "Nichts geht verloren.",
                themenfeld: "Querschnittsleistungen",
                benefit: "Vertrauen.",
                urgency: "low",
                intent: "save",
                clientKey: `crash-${cycle}-${w}-${counter}`,
              }),
            });
            if (res.status >= 200 && res.status < 400) acknowledged.push(title);
            else if (res.status >= 500) throw new Error(`server answered ${res.status}`);
          } catch (error) {
            if ((error as Error).message.startsWith("server answered")) throw error;
            return; // the server is gone: this writer waits for the next cycle
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await new Promise((r) => setTimeout(r, 200 + Math.floor(Math.random() * 800)));
      await kill();
      running = false;
      await Promise.all(writers);
    }
    expect(acknowledged.length).toBeGreaterThan(CYCLES);
    const db = new SQLite(dbFile);
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const stored = new Set((db.prepare("select title from requirements where title like 'Absturztest %'").all() as { title: string }[]).map((r) => r.title));
      const lost = acknowledged.filter((t) => !stored.has(t));
      expect(lost).toEqual([]);
    } finally {
      db.close();
    }
  }, 600_000);
});
