import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "#app/modules/auth/session.server";
import { sqlitePath } from "#db/client.server";
import { createUser } from "#tests/factories/index";
import { liveItemFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { connectEventStream, ensureBuild, startInstance } from "#tests/helpers/server";

// One server with two serving threads (WEB_CONCURRENCY=2): live workshop events and rate limits hold
// whichever thread answers. The relay itself (turns, backpressure, a thread that dies is replaced) is
// tested in connection-relay.test.ts.

function workerPids(primary: number): number[] {
  return fs
    .readdirSync(`/proc/${primary}/task`)
    .flatMap((task) => fs.readFileSync(`/proc/${primary}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
}

/** A GET on a fresh TCP connection, so consecutive requests go to the threads in turn. */
function getOnNewConnection(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { Cookie: cookie, Connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
  });
}

describe(`server with two serving threads (${dialectUnderTest})`, () => {
  const { db } = setupTestDatabase();
  const port = 4900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess;

  beforeAll(async () => {
    ensureBuild();
    server = await startInstance(port, process.env.DATABASE_URL!, { WEB_CONCURRENCY: "2" });
  }, 360_000);

  afterAll(() => {
    // Open event streams keep a graceful stop waiting.
    server?.kill("SIGKILL");
  });

  it("runs as one process: its serving threads are threads, not worker processes", async () => {
    expect(workerPids(server.pid!)).toEqual([]);
    if (dialectUnderTest !== "sqlite") return;
    // Each serving thread opens its own database connection; the main thread opens none. After one
    // page on each of two new connections (one per thread), the process holds the file twice.
    const cookie = `bundel_session=${(await createSession(db(), (await createUser(db())).id)).token}`;
    for (let i = 0; i < 2; i++) expect(await getOnNewConnection(`${base}/anforderungen`, cookie)).toBe(200);
    const file = fs.realpathSync(sqlitePath(process.env.DATABASE_URL!));
    const opened = fs.readdirSync(`/proc/${server.pid}/fd`).filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/${server.pid}/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
    expect(opened).toHaveLength(2);
  });

  it("a score given through one thread reaches event streams on both", async () => {
    const f = await liveItemFixture(db());
    // New connections go to the threads in turn: of four streams, each thread holds two.
    const streams = [];
    for (let i = 0; i < 4; i++) {
      const s = connectEventStream(`${base}/workshops/${f.workshopId}/events`, f.leadCookie);
      await s.waitFor((e) => e.k === "hello");
      streams.push(s);
    }
    const res = await f.postScore(base);
    expect(res.status).toBe(200);
    for (const s of streams) expect(await s.waitFor((e) => e.k === "scored" && e.u === f.members[0].id)).toMatchObject({ i: f.itemId });
    await Promise.all(streams.map((s) => s.close()));
  }, 60_000);

  it("the search rate limit counts a user's searches on every thread", async () => {
    const user = await createUser(db(), { organisation: "Homburg" });
    const cookie = `bundel_session=${(await createSession(db(), user.id)).token}`;
    const statuses: number[] = [];
    for (let i = 0; i < 124; i++) statuses.push(await getOnNewConnection(`${base}/anforderungen?q=Hundesteuer`, cookie));
    // 120 searches a minute are allowed; alternating threads would each have seen only about 62.
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429]);
  }, 120_000);
});

describe("server whose serving threads cannot start", () => {
  it("stops with an error instead of replacing them forever", async () => {
    ensureBuild();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-nobuild-"));
    const child = spawn(process.execPath, ["build/start.js"], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${path.join(dir, "db.sqlite")}`, NODE_ENV: "production", WEB_CONCURRENCY: "2", BUILD_DIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stderr!.on("data", (d) => (log += d));
    child.stdout!.on("data", (d) => (log += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(log).toContain("beim Start");
  }, 60_000);
});
