import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeLiveBus } from "#app/modules/workshops/live.server";
import { liveItemFixture } from "#tests/factories/workshops";
import { setupTestDatabase } from "#tests/helpers/db";
import { connectEventStream as connect, ensureBuild, startInstance } from "#tests/helpers/server";

// Two production server instances on one PostgreSQL database: a score given through one reaches a
// client connected to the other (LISTEN/NOTIFY), and so does who is connected. PostgreSQL only.

const pgUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!pgUrl)("live updates across two server instances (postgres)", () => {
  const { db } = setupTestDatabase();
  const instances: ChildProcess[] = [];
  const base = 4100 + Math.floor(Math.random() * 800);
  const [portA, portB] = [base, base + 1];

  beforeAll(async () => {
    // The instances serve the production build; CI builds before the tests, a developer may not have.
    ensureBuild();
    instances.push(await startInstance(portA, process.env.DATABASE_URL!), await startInstance(portB, process.env.DATABASE_URL!));
  }, 360_000);

  afterAll(async () => {
    // Open event streams keep a graceful close waiting: these test instances are simply stopped.
    for (const child of instances) child.kill("SIGKILL");
    await closeLiveBus();
  });

  it("a score given through instance A reaches a client of instance B; presence crosses too", async () => {
    const f = await liveItemFixture(db());
    const { leadCookie, memberCookie } = f;

    const lead = connect(`http://127.0.0.1:${portB}/workshops/${f.workshopId}/events`, leadCookie);
    await lead.waitFor((e) => e.k === "hello");
    const memberJoined = Date.now();
    const member = connect(`http://127.0.0.1:${portA}/workshops/${f.workshopId}/events`, memberCookie);
    await member.waitFor((e) => e.k === "hello");

    // Instance B learns that the member is connected to A (not the lead's own presence, which came
    // before the lead's "hello").
    await lead.waitFor((e) => e.k === "presence" && Number(e.t) >= memberJoined);
    // The page B renders counts the lead (on B) and the member (on A) as connected, of three invited.
    const page = await (await fetch(`http://127.0.0.1:${portB}/workshops/${f.workshopId}/live`, { headers: { Cookie: leadCookie } })).text();
    expect(page).toContain("Teilnehmende (2 von 3 verbunden)");

    const res = await f.postScore(`http://127.0.0.1:${portA}`);
    expect(res.status).toBe(200);
    const scored = await lead.waitFor((e) => e.k === "scored" && e.u === f.members[0].id);
    expect(scored).toMatchObject({ w: f.workshopId, i: f.itemId });
    // The member's own stream (instance A) has it as well.
    await member.waitFor((e) => e.k === "scored");

    // Leaving is seen across instances too.
    await member.close();
    await lead.waitFor((e) => e.k === "presence" && lead.events.filter((x) => x.data.includes('"presence"')).length >= 2);
    await lead.close();
  }, 60_000);
});
