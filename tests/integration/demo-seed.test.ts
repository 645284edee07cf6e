import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "#app/modules/auth/session.server";
import { getDashboard } from "#app/modules/projects/dashboard.server";
import { atTime, now } from "#db/client.server";
import { seedDemo } from "#db/seed/demo";
import { setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();
const DAY = 86_400_000;
// A fixed "today", so the test does not depend on the day it runs.
const TODAY = Date.parse("2026-12-06T09:00:00Z");

describe("atTime", () => {
  it("pins now() for everything inside, across awaits, and only there", async () => {
    const pinned = Date.parse("2025-03-01T10:00:00Z");
    const seen = await atTime(pinned, async () => {
      const first = now();
      await new Promise((r) => setTimeout(r, 5));
      await db().selectFrom("organisations").select("id").limit(1).execute();
      return [first, now()];
    });
    expect(seen).toEqual(["2025-03-01T10:00:00.000Z", "2025-03-01T10:00:00.000Z"]);
    expect(Date.parse(now())).toBeGreaterThan(Date.parse("2026-01-01"));
  });
});

describe("demo data history", () => {
  beforeAll(async () => {
    await seedDemo(db(), TODAY);
  }, 60_000);

  it("tells each requirement's story in order, and nothing after today", async () => {
    const events = await db().selectFrom("requirement_events").select(["requirement_id", "at", "kind", "to_status"]).orderBy("requirement_id").orderBy("id").execute();
    expect(events.length).toBeGreaterThan(100);
    for (let i = 1; i < events.length; i++) {
      const [a, b] = [events[i - 1], events[i]];
      if (a.requirement_id === b.requirement_id) expect(Date.parse(b.at), `${b.kind} ${b.to_status} of requirement ${b.requirement_id}`).toBeGreaterThanOrEqual(Date.parse(a.at));
    }
    for (const e of events) expect(Date.parse(e.at)).toBeLessThanOrEqual(TODAY);
    const projectEvents = await db().selectFrom("project_events").select("at").execute();
    expect(projectEvents.length).toBeGreaterThan(5);
    for (const e of projectEvents) expect(Date.parse(e.at)).toBeLessThan(TODAY);
  });

  it("spreads bundling, prioritisation and the projects over days, so the cockpit shows real stays", async () => {
    const julia = await db().selectFrom("users").select(["id", "organisation_id"]).where("email", "=", "julia.hoffmann@ego-saar.example").executeTakeFirstOrThrow();
    const dashboard = await getDashboard(db(), await loadActor(db(), julia.id, julia.organisation_id), new Date(TODAY).toISOString());
    const stay = (stage: string) => dashboard.leadTimes.find((l) => l.stage === stage)!;
    for (const stage of ["bundled", "prioritised", "requested", "initiation", "planning"]) {
      expect(stay(stage).count, stage).toBeGreaterThan(0);
      expect(stay(stage).medianDays, stage).toBeGreaterThanOrEqual(1);
    }
    // Rejected requirements are named beside the stages instead of vanishing from the figures.
    expect(dashboard.outsidePipeline.find((o) => o.status === "rejected")?.count).toBeGreaterThan(0);
    expect(dashboard.requirementStages.map((s) => s.stage)).not.toContain("rejected");
    // The board vote opened a few days ago and is still running; one milestone is overdue, as the
    // project's latest status report says.
    const [vote] = dashboard.waiting.votes;
    expect(Date.parse(vote.deadline!)).toBeGreaterThan(TODAY);
    expect(vote.overdue).toBe(false);
    expect(dashboard.waiting.milestones.map((m) => m.title)).toEqual(["Musteraktenplan abgestimmt"]);
    const done = await db().selectFrom("milestones").select(["done_at", "end_date"]).where("title", "=", "Rahmenvertrag geschlossen").executeTakeFirstOrThrow();
    expect(Date.parse(done.done_at!)).toBeLessThan(TODAY - 7 * DAY);
    expect(done.done_at!.slice(0, 10) <= done.end_date).toBe(true);
  });

  it("does nothing more when seeded again", async () => {
    const count = async () => Number((await db().selectFrom("project_events").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    await seedDemo(db(), TODAY + DAY);
    expect(await count()).toBe(before);
  });
});
