import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "#app/modules/auth/session.server";
import { closeLiveBus } from "#app/modules/workshops/live.server";
import { openItem, startWorkshop } from "#app/modules/workshops/workshops.server";
import { formBody } from "#tests/factories/index";
import { workshopFixture } from "#tests/factories/workshops";
import { setupTestDatabase } from "#tests/helpers/db";

// Two production server instances on one PostgreSQL database: a score given through one reaches a
// client connected to the other (LISTEN/NOTIFY), and so does who is connected. PostgreSQL only.

const pgUrl = process.env.TEST_DATABASE_URL;

interface SseEvent {
  event: string;
  data: string;
}

/** A minimal event-stream client: collects events and lets a test wait for one. */
function connect(url: string, cookie: string) {
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

async function startInstance(port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, NODE_ENV: "production" },
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

describe.skipIf(!pgUrl)("live updates across two server instances (postgres)", () => {
  const { db } = setupTestDatabase();
  const instances: ChildProcess[] = [];
  const base = 4100 + Math.floor(Math.random() * 800);
  const [portA, portB] = [base, base + 1];

  beforeAll(async () => {
    // The instances serve the production build; CI builds before the tests, a developer may not have.
    if (!fs.existsSync("build/server/index.js")) execFileSync("npx", ["remix", "vite:build"], { stdio: "ignore", timeout: 300_000 });
    instances.push(await startInstance(portA, process.env.DATABASE_URL!), await startInstance(portB, process.env.DATABASE_URL!));
  }, 360_000);

  afterAll(async () => {
    // Open event streams keep a graceful close waiting: these test instances are simply stopped.
    for (const child of instances) child.kill("SIGKILL");
    await closeLiveBus();
  });

  it("a score given through instance A reaches a client of instance B; presence crosses too", async () => {
    const f = await workshopFixture(db(), { members: 2 });
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    const item = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", f.workshopId).executeTakeFirstOrThrow();
    await openItem(db(), f.lead.actor, f.workshopId, item.id);
    const cookie = async (userId: number) => `bundel_session=${(await createSession(db(), userId)).token}`;
    const [leadCookie, memberCookie] = await Promise.all([cookie(f.lead.id), cookie(f.members[0].id)]);

    const lead = connect(`http://127.0.0.1:${portB}/workshops/${f.workshopId}/events`, leadCookie);
    await lead.waitFor((e) => e.k === "hello");
    const member = connect(`http://127.0.0.1:${portA}/workshops/${f.workshopId}/events`, memberCookie);
    await member.waitFor((e) => e.k === "hello");

    // Instance B learns that the member is connected to A.
    await lead.waitFor((e) => e.k === "presence");
    // The page B renders counts the lead (on B) and the member (on A) as connected, of three invited.
    const page = await (await fetch(`http://127.0.0.1:${portB}/workshops/${f.workshopId}/live`, { headers: { Cookie: leadCookie } })).text();
    expect(page).toContain("Teilnehmende (2 von 3 verbunden)");

    const criteria = await db().selectFrom("workshop_criteria").select("id").where("workshop_id", "=", f.workshopId).orderBy("position").execute();
    const body = formBody({
      intent: "score",
      itemId: String(item.id),
      ...Object.fromEntries(criteria.flatMap((c, i) => [[`scores[${i}].criterionId`, String(c.id)], [`scores[${i}].value`, String((i % 5) + 1)]])),
    });
    // Single fetch: the action alone answers at the route's ".data" address.
    const res = await fetch(`http://127.0.0.1:${portA}/workshops/${f.workshopId}/live.data`, {
      method: "POST",
      headers: { Cookie: memberCookie, Origin: `http://127.0.0.1:${portA}`, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(200);
    const scored = await lead.waitFor((e) => e.k === "scored" && e.u === f.members[0].id);
    expect(scored).toMatchObject({ w: f.workshopId, i: item.id });
    // The member's own stream (instance A) has it as well.
    await member.waitFor((e) => e.k === "scored");

    // Leaving is seen across instances too.
    await member.close();
    await lead.waitFor((e) => e.k === "presence" && lead.events.filter((x) => x.data.includes('"presence"')).length >= 2);
    await lead.close();
  }, 60_000);
});
