// npm run bench:http: builds, seeds a large installation (20,000 requirements, 60 organisations, 300
// users), starts the production server and drives it with autocannon at 10 and 50 connections per
// page, next to a minimal static server sending the same bytes (the floor). One JSON line per run.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { acceptProposal } from "#app/modules/bundling/candidates.server";
import { loadActor } from "#app/modules/auth/session.server";
import { closeDb, getDb, migrateToLatest } from "#db/client.server";
import { seedBench } from "#db/seed/bench";
import { seedDemo } from "#db/seed/demo";
import { DEMO_PASSWORD } from "#db/seed/demo-users";
import { ensureReferenceData } from "#db/seed/reference";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = [10, 50];
const port = 3700 + Math.floor(Math.random() * 100);
const base = `http://127.0.0.1:${port}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

async function run(url: string, connections: number, headers: Record<string, string>, pid: number | null) {
  const latencies: number[] = [];
  let peakRss = pid ? rssMb(pid) : 0;
  const sampler = pid ? setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 250) : null;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: DURATION_S, headers }, (error, res) => (error ? reject(error) : resolve(res)));
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
    rss: Math.round(peakRss),
  };
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
  const candidate = await acceptProposal(db, await loadActor(db, rm.id, rm.organisation_id), { requirementIds: someIds, title: "Lasttest-Kandidat" });
  const requirementId = (await db.selectFrom("requirements").select("id").where("status", "=", "submitted").orderBy("id", "desc").executeTakeFirstOrThrow()).id;
  await closeDb();

  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, NODE_ENV: "production" },
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
    const signIn = await fetch(`${base}/anmelden`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "julia.hoffmann@ego-saar.example", password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
    const headers = { Cookie: cookie };
    const pages: [string, string][] = [
      ["requirement_list", "/anforderungen"],
      ["requirement_page", `/anforderungen/${requirementId}`],
      ["search", "/anforderungen?q=Hundesteuern"],
      ["candidate_page", `/kandidaten/${candidate.id}`],
      ["dashboard", process.env.BENCH_DASHBOARD_PATH ?? "/cockpit"],
    ];
    for (const [name, pathname] of pages) {
      const probe = await fetch(`${base}${pathname}`, { headers });
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
        const app = await run(`${base}${pathname}`, connections, headers, server.pid ?? null);
        const f = await run(floorUrl, connections, {}, null);
        console.log(
          JSON.stringify({
            page: name,
            connections,
            rps: app.rps,
            p50_ms: app.p50,
            p95_ms: app.p95,
            p99_ms: app.p99,
            errors: app.errors,
            rss_mb: app.rss,
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
