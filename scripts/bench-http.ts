// npm run bench:http: builds, seeds a large installation (20,000 requirements, 60 organisations, 300
// users), starts the production server (`node build/start.js`, WEB_CONCURRENCY serving threads:
// BENCH_WORKERS, default 1) and drives it with autocannon at 10 and 50 connections per page, next to a minimal static
// server sending the same bytes (the floor). One JSON line per run.
//
// The requests are made as 120 signed-in municipal users in turn (as many people using the portal at
// once, each within their own rate limits): autocannon starts a connection's request sequence afresh
// after every response, so each request takes the next user. Search, which counts against a user's
// search limit, is asked as all 225 municipal users of the seed. The dashboard is driven by the two
// management users. Each page gets a
// short warm-up at the same concurrency first (discarded), so a cold JIT does not count as latency;
// each run starts only once the server has finished the requests the one before left in flight.
// rss_mb is the peak resident memory of the whole server (its process and any child processes, each
// counting shared pages in full); pss_mb is the same with shared pages divided among the processes.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createCandidate } from "#app/modules/bundling/candidates.server";
import { createSession, loadActor } from "#app/modules/auth/session.server";
import { closeDb, getDb, migrateToLatest } from "#db/client.server";
import { seedBench } from "#db/seed/bench";
import { seedDemo } from "#db/seed/demo";
import { ensureReferenceData } from "#db/seed/reference";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_S = 2;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const CONNECTIONS = [10, 50];
const port = 3700 + Math.floor(Math.random() * 100);
const base = `http://127.0.0.1:${port}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      children = children.concat(
        fs
          .readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
          .split(" ")
          .filter(Boolean)
          .map(Number),
      );
    }
  } catch {
    // gone
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * Memory of a process and all its descendants (the cluster's workers), in MB: resident (RSS, each
 * process counting the pages it shares with the others, such as Node's own code, in full) and
 * proportional (PSS, shared pages divided among the processes sharing them: what the server as a
 * whole occupies).
 */
function memoryMb(pid: number): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  for (const p of processTree(pid)) {
    try {
      const rollup = fs.readFileSync(`/proc/${p}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

/**
 * Each request gets the next cookie of the list: autocannon clears the context whenever a connection's
 * request sequence (here one request) starts again, so the users take turns across all connections.
 */
function perConnection(cookies: string[]) {
  let next = 0;
  return [
    {
      setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
        context.cookie ??= cookies[next++ % cookies.length];
        return { ...req, headers: { ...(req.headers as object), Cookie: context.cookie as string } };
      },
    },
  ];
}

async function run(url: string, connections: number, cookies: string[], pid: number | null, duration = DURATION_S) {
  const latencies: number[] = [];
  const peak = { rss: 0, pss: 0 };
  const sample = () => {
    const now = memoryMb(pid!);
    peak.rss = Math.max(peak.rss, now.rss);
    peak.pss = Math.max(peak.pss, now.pss);
  };
  if (pid) sample();
  const sampler = pid ? setInterval(sample, 250) : null;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options = { url, connections, duration, ...(cookies.length ? { requests: perConnection(cookies) } : {}) };
    const instance = autocannon(options as autocannon.Options, (error, res) => (error ? reject(error) : resolve(res)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  if (sampler) clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx,
    rss: Math.round(peak.rss),
    pss: Math.round(peak.pss),
  };
}

/**
 * Waits until the server has finished the requests a run left behind: autocannon closes its
 * connections at the end of a run, but the server still works through the requests in flight, and
 * the next run's first requests would queue behind them.
 */
async function settle() {
  for (let quick = 0, i = 0; quick < 2 && i < 600; i++) {
    const started = performance.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    quick = performance.now() - started < 50 ? quick + 1 : 0;
  }
}

function rotate<T>(list: T[], by: number): T[] {
  return [...list.slice(by), ...list.slice(0, by)];
}

async function main() {
  spawnSync("npm", ["run", "build"], { stdio: "ignore" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-bench-"));
  const url = `file:${path.join(dir, "bench.sqlite")}`;
  process.env.DATABASE_URL = url;
  const db = getDb();
  await migrateToLatest(db);
  await ensureReferenceData(db);
  await seedDemo(db);
  await seedBench(db, { requirements: 20_000, users: 300 });
  const rm = await db.selectFrom("users").select(["id", "organisation_id"]).where("email", "=", "markus.weber@ego-saar.example").executeTakeFirstOrThrow();
  const someIds = (await db.selectFrom("requirements").select("id").where("status", "=", "in_review").orderBy("id").limit(8).execute()).map((r) => r.id);
  const candidate = await createCandidate(db, await loadActor(db, rm.id, rm.organisation_id), { requirementIds: someIds, title: "Lasttest-Kandidat" });
  const requirementId = (await db.selectFrom("requirements").select("id").where("status", "=", "submitted").orderBy("id", "desc").executeTakeFirstOrThrow()).id;
  // Sessions made the way sign-in makes them (sign-in itself is throttled per address, as it should be).
  const allStaff = await db.selectFrom("users").select("id").where("email", "like", "last%@bench.example").orderBy("id").execute();
  const staff = allStaff.slice(0, 120);
  const managers = await db.selectFrom("users").select("id").where("email", "in", ["julia.hoffmann@ego-saar.example", "stefan.schaefer@ego-saar.example"]).execute();
  const cookieOf = async (userId: number) => `bundel_session=${(await createSession(db, userId)).token}`;
  const staffCookies = await Promise.all(staff.map((u) => cookieOf(u.id)));
  // Search counts against each user's search limit (120 a minute): the search page's four runs ask
  // up to about 16,000 times within a minute, so it is asked as every municipal user of the seed.
  const searchCookies = [...staffCookies, ...(await Promise.all(allStaff.slice(120).map((u) => cookieOf(u.id))))];
  const managementCookies = await Promise.all(managers.map((u) => cookieOf(u.id)));
  await closeDb();

  const server = spawn(process.execPath, ["build/start.js"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, NODE_ENV: "production", WEB_CONCURRENCY: String(WORKERS) },
    stdio: "ignore",
  });
  try {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const pages: [string, string, string[]][] = [
      ["requirement_list", "/anforderungen", staffCookies],
      ["requirement_page", `/anforderungen/${requirementId}`, staffCookies],
      ["search", "/anforderungen?q=Hundesteuern", searchCookies],
      ["candidate_page", `/kandidaten/${candidate.id}`, staffCookies],
      ["dashboard", process.env.BENCH_DASHBOARD_PATH ?? "/cockpit", managementCookies],
      // For reference: the imprint is little more than the signed-in page frame (session, header,
      // navigation, footer), so it shows what Remix and React cost per page before any page content.
      ["imprint", "/impressum", staffCookies],
    ];
    // BENCH_PAGES=requirement_list,requirement_page measures only those pages.
    const only = process.env.BENCH_PAGES?.split(",").map((p) => p.trim()).filter(Boolean);
    let round = 0;
    for (const [name, pathname, cookies] of pages) {
      if (only && !only.includes(name)) continue;
      const probe = await fetch(`${base}${pathname}`, { headers: { Cookie: cookies[0] } });
      if (probe.status !== 200) {
        console.log(JSON.stringify({ page: name, skipped: `status ${probe.status}` }));
        continue;
      }
      const bytes = Buffer.from(await probe.arrayBuffer());
      const floor = http.createServer((_req, res) => {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": bytes.length });
        res.end(bytes);
      });
      await new Promise<void>((r) => floor.listen(0, "127.0.0.1", r));
      const floorUrl = `http://127.0.0.1:${(floor.address() as { port: number }).port}/`;
      for (const connections of CONNECTIONS) {
        // Different users for each run, so one run's requests do not count against the next run's limits.
        const users = cookies.length > connections ? rotate(cookies, (round++ * connections) % cookies.length) : cookies;
        await run(`${base}${pathname}`, connections, users, null, WARMUP_S);
        await settle();
        const app = await run(`${base}${pathname}`, connections, users, server.pid ?? null);
        await settle();
        const f = await run(floorUrl, connections, [], null);
        console.log(
          JSON.stringify({
            page: name,
            connections,
            workers: WORKERS,
            rps: app.rps,
            p50_ms: app.p50,
            p95_ms: app.p95,
            p99_ms: app.p99,
            errors: app.errors,
            rss_mb: app.rss,
            pss_mb: app.pss,
            floor_rps: f.rps,
            ratio: f.rps ? Math.round((app.rps / f.rps) * 1000) / 1000 : null,
          }),
        );
      }
      await new Promise((r) => floor.close(r));
    }
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
