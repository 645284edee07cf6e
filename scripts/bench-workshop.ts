/**
 * Live-workshop benchmark: starts the production server (building it first if needed) on a fresh
 * database, connects 60 event-stream clients to one live workshop, lets 15 of them score (several
 * rounds, all 15 at once), and measures how long each score takes to reach every client.
 *
 *   npm run bench:workshop
 *   npm run bench:workshop -- --clients 60 --scorers 15 --rounds 5
 *   BENCH_DATABASE_URL=postgres://… npm run bench:workshop     # on PostgreSQL (a fresh database)
 *
 * Prints one JSON line on stdout:
 *   {"clients", "p50_ms", "p95_ms", "max_ms", "errors", "lost", …}
 * latency = from sending the score request to the arrival of its event at a client; errors =
 * failed requests or streams; lost = events that did not arrive within 5 s.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { closeDb, createDb, migrateToLatest, now, type DB } from "../db/client.server";
import { ensureReferenceData } from "../db/seed/reference";
import { createCandidate, assignTeam } from "../app/modules/bundling/candidates.server";
import { createSession, loadActor } from "../app/modules/auth/session.server";
import { createRequirement } from "../app/modules/requirements/requirements.server";
import { closeLiveBus } from "../app/modules/workshops/live.server";
import { isoToBerlinLocal } from "../app/utils/time";
import { teamNameKey } from "../app/modules/organisations/schema";
import { openItem, scheduleWorkshop, startWorkshop } from "../app/modules/workshops/workshops.server";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "60" },
    scorers: { type: "string", default: "15" },
    rounds: { type: "string", default: "5" },
    port: { type: "string", default: String(4900 + Math.floor(Math.random() * 90)) },
  },
});
const CLIENTS = Number(args.clients);
const SCORERS = Math.min(Number(args.scorers), CLIENTS);
const ROUNDS = Number(args.rounds);
const PORT = Number(args.port);
const ROUND_TIMEOUT_MS = 5_000;
const log = (...m: unknown[]) => console.error(...m);

function ensureBuild() {
  const built = "build/server/index.js";
  const fresh = fs.existsSync(built) && fs.readFileSync(built, "utf8").includes("routes/workshops.$id.events");
  if (fresh) return;
  log("Baue die Anwendung …");
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
}

async function freshDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const admin = process.env.BENCH_DATABASE_URL;
  if (admin) {
    const name = `buendel_bench_${process.pid}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      cleanup: async () => {
        const d = new pg.Client({ connectionString: admin });
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await d.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-bench-"));
  return { url: `file:${path.join(dir, "bench.sqlite")}`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A team of `CLIENTS` members and a lead, one open candidate, a live workshop with it opened. */
async function prepare(db: DB) {
  await migrateToLatest(db);
  await ensureReferenceData(db);
  const org = async (name: string) => (await db.selectFrom("organisations").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  const t = now();
  const team = await db.insertInto("teams").values({ name: "Kompetenzteam Benchmark", name_key: teamNameKey("Kompetenzteam Benchmark"), description: "", created_at: t }).returning("id").executeTakeFirstOrThrow();
  const user = async (email: string, organisationId: number, role: string, teamId: number | null) => {
    const u = await db
      .insertInto("users")
      .values({ email, name: email.split("@")[0], password_hash: null, organisation_id: organisationId, locale: null, created_at: t, updated_at: t })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("role_assignments").values({ user_id: u.id, role, organisation_id: teamId ? null : organisationId, team_id: teamId, created_at: t }).execute();
    return loadActor(db, u.id, organisationId);
  };
  const neunkirchen = await org("Neunkirchen");
  const lead = await user("lead@bench.example", neunkirchen, "team_lead", team.id);
  const members = [];
  for (let i = 0; i < CLIENTS; i++) members.push(await user(`member${i}@bench.example`, neunkirchen, "team_member", team.id));
  const manager = await user("rm@bench.example", await org("eGo-Saar Geschäftsstelle"), "requirements_manager", null);
  const filer = await user("staff@bench.example", await org("Homburg"), "member_staff", null);
  const requirement = await createRequirement(db, filer, {
    title: "Hundesteuer online anmelden",
    problem: "Hunde werden persönlich im Rathaus angemeldet.",
    desiredOutcome: "Online-Anmeldung mit Übernahme ins Steuerverfahren.",
    themenfeld: "Steuern & Zoll",
    system: undefined,
    legalBasis: undefined,
    deadline: undefined,
    benefit: "Weniger Publikumsverkehr.",
    urgency: "medium",
    confidential: false,
    submit: true,
  });
  const candidate = await createCandidate(db, manager, { requirementIds: [requirement.id], title: "Hundesteuer online" });
  await assignTeam(db, manager, candidate.id, team.id);
  const { id: workshopId } = await scheduleWorkshop(db, lead, {
    teamId: team.id,
    title: "Benchmark",
    scheduledAt: isoToBerlinLocal(new Date(Date.now() + 3_600_000).toISOString()),
    location: "",
    candidateIds: [candidate.id],
    participantIds: members.map((m) => m.userId),
  });
  await startWorkshop(db, lead, workshopId);
  const item = await db.selectFrom("workshop_items").select("id").where("workshop_id", "=", workshopId).executeTakeFirstOrThrow();
  await openItem(db, lead, workshopId, item.id);
  const criteria = await db.selectFrom("workshop_criteria").select("id").where("workshop_id", "=", workshopId).orderBy("position").execute();
  const cookies = [];
  for (const m of members) cookies.push(`bundel_session=${(await createSession(db, m.userId)).token}`);
  return { workshopId, itemId: item.id, criteria: criteria.map((c) => c.id), members: members.map((m) => m.userId), cookies };
}

async function startServer(url: string) {
  const child = spawn(process.execPath, ["build/start.js"], {
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: url, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server abgebrochen:\n${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("Server nicht erreichbar.");
}

interface Client {
  onEvent: (e: { k: string; u?: number; t: number }) => void;
  ready: Promise<void>;
  abort: () => void;
}

let errors = 0;

function connectClient(url: string, cookie: string, onEvent: Client["onEvent"]): Client {
  const controller = new AbortController();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  const client: Client = { onEvent, ready, abort: () => controller.abort() };
  (async () => {
    const res = await fetch(url, { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(String(res.status));
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!block.startsWith("event: workshop")) continue;
        const data = block.slice(block.indexOf("data: ") + 6);
        const event = JSON.parse(data) as { k: string; u?: number; t: number };
        if (event.k === "hello") markReady();
        client.onEvent(event);
      }
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) {
      errors++;
      log("Stream-Fehler:", error);
    }
  });
  return client;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

ensureBuild();
const database = await freshDatabase();
process.env.DATABASE_URL = database.url;
const db = createDb(database.url);
const fixture = await prepare(db);
await db.destroy();
await closeLiveBus();
await closeDb();
const server = await startServer(database.url);
const base = `http://127.0.0.1:${PORT}`;
const eventsUrl = `${base}/workshops/${fixture.workshopId}/events`;

const latencies: number[] = [];
let lost = 0;
// Per round: when each scorer sent its request, and how many clients have its event.
let sentAt = new Map<number, number>();
let roundStart = 0;
let received = 0;
let roundDone: () => void = () => {};

const clients = fixture.cookies.map((cookie) => {
  const seen = new Set<number>();
  const c = connectClient(eventsUrl, cookie, (e) => {
    if (e.k !== "scored" || e.u === undefined || e.t < roundStart) return;
    const t0 = sentAt.get(e.u);
    if (t0 === undefined || seen.has(e.u)) return;
    seen.add(e.u);
    latencies.push(performance.timeOrigin + performance.now() - t0);
    if (++received === CLIENTS * SCORERS) roundDone();
  });
  return { c, seen };
});
await Promise.all(clients.map((x) => x.c.ready));
log(`${CLIENTS} Clients verbunden; ${SCORERS} bewerten, ${ROUNDS} Runden.`);

for (let round = 0; round < ROUNDS; round++) {
  for (const x of clients) x.seen.clear();
  sentAt = new Map();
  received = 0;
  roundStart = Date.now() - 1;
  const finished = new Promise<void>((r) => (roundDone = r));
  await Promise.all(
    Array.from({ length: SCORERS }, async (_, i) => {
      const body = new URLSearchParams({ intent: "score", itemId: String(fixture.itemId) });
      fixture.criteria.forEach((id, j) => {
        body.set(`scores[${j}].criterionId`, String(id));
        body.set(`scores[${j}].value`, String(((i + j + round) % 5) + 1));
      });
      sentAt.set(fixture.members[i], performance.timeOrigin + performance.now());
      try {
        const res = await fetch(`${base}/workshops/${fixture.workshopId}/live.data`, {
          method: "POST",
          headers: { Cookie: fixture.cookies[i], Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
          body,
        });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
    }),
  );
  await Promise.race([finished, new Promise((r) => setTimeout(r, ROUND_TIMEOUT_MS))]);
  lost += CLIENTS * SCORERS - received;
}

for (const x of clients) x.c.abort();
server.kill("SIGTERM");
await new Promise((r) => setTimeout(r, 200));
if (server.exitCode === null) server.kill("SIGKILL");
await database.cleanup();

const sorted = latencies.sort((a, b) => a - b);
const round1 = (n: number) => Math.round(n * 10) / 10;
console.log(
  JSON.stringify({
    clients: CLIENTS,
    p50_ms: round1(percentile(sorted, 50)),
    p95_ms: round1(percentile(sorted, 95)),
    max_ms: round1(sorted[sorted.length - 1] ?? 0),
    errors,
    lost,
    scorers: SCORERS,
    rounds: ROUNDS,
    deliveries: sorted.length,
    dialect: database.url.startsWith("postgres") ? "postgres" : "sqlite",
  }),
);
process.exit(0);
