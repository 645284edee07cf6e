import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "#app/modules/auth/session.server";
import { getOverview } from "#app/modules/home/overview.server";
import { getDashboard } from "#app/modules/projects/dashboard.server";
import { AWAITING_RELEASE_NOTICE, listNotifications } from "#app/modules/notifications/notifications.server";
import { getRequirementDetail, listAwaitingRelease, openReturnOf } from "#app/modules/requirements/queries.server";
import { closeLiveBus } from "#app/modules/workshops/live.server";
import { getMinutes } from "#app/modules/workshops/workshops.server";
import { atTime, now } from "#db/client.server";
import { DEMO_RELEASE_ORGANISATION, seedDemo } from "#db/seed/demo";
import { demoTeams } from "#db/seed/demo-users";
import { setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();
const DAY = 86_400_000;
// A fixed "today", so the test does not depend on the day it runs.
const TODAY = Date.parse("2026-12-06T09:00:00Z");
afterAll(async () => {
  await closeLiveBus();
});

async function actorOf(email: string) {
  const u = await db().selectFrom("users").select(["id", "organisation_id"]).where("email", "=", email).executeTakeFirstOrThrow();
  return loadActor(db(), u.id, u.organisation_id);
}

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

  it("gives every Kompetenzteam an active lead who can sign in", async () => {
    const teams = await db().selectFrom("teams").select(["id", "name"]).execute();
    expect(teams.map((t) => t.name).sort()).toEqual(demoTeams.map((t) => t.name).sort());
    for (const team of teams) {
      const leads = await db()
        .selectFrom("role_assignments")
        .innerJoin("users", "users.id", "role_assignments.user_id")
        .select(["users.email", "users.password_hash"])
        .where("role_assignments.team_id", "=", team.id)
        .where("role_assignments.role", "=", "team_lead")
        .where("users.active", "=", 1)
        .execute();
      expect(leads.filter((l) => l.password_hash !== null).length, team.name).toBeGreaterThan(0);
    }
  });

  it("prioritises only in workshops of the candidate's Kompetenzteam, never „automatisch“, and the history and start page name the team", async () => {
    const decisions = await db()
      .selectFrom("requirement_events")
      .innerJoin("candidate_requirements", "candidate_requirements.requirement_id", "requirement_events.requirement_id")
      .innerJoin("candidates", "candidates.id", "candidate_requirements.candidate_id")
      .select(["requirement_events.requirement_id", "requirement_events.actor_user_id", "requirement_events.detail", "candidates.team_id"])
      .where("requirement_events.kind", "=", "status")
      .where("requirement_events.to_status", "=", "prioritised")
      .execute();
    // E-Rechnung, E-Akte and Online-Terminvereinbarung, six requirements each.
    expect(decisions.length).toBeGreaterThanOrEqual(15);
    const teamNames = new Map((await db().selectFrom("teams").select(["id", "name"]).execute()).map((t) => [t.id, t.name]));
    for (const d of decisions) {
      const workshopId = (JSON.parse(d.detail ?? "{}") as { workshopId?: number }).workshopId;
      expect(d.actor_user_id, `requirement ${d.requirement_id}`).not.toBeNull();
      expect(workshopId, `requirement ${d.requirement_id}`).toEqual(expect.any(Number));
      const w = await db().selectFrom("workshops").select(["team_id", "status"]).where("id", "=", workshopId!).executeTakeFirstOrThrow();
      expect(w).toEqual({ team_id: d.team_id, status: "published" });
      const lead = await db()
        .selectFrom("role_assignments")
        .select("id")
        .where("user_id", "=", d.actor_user_id!)
        .where("team_id", "=", d.team_id)
        .where("role", "=", "team_lead")
        .executeTakeFirst();
      expect(lead, `requirement ${d.requirement_id}`).toBeDefined();
    }
    // Saarbrücken filed the E-Rechnung requirement: its lead reads the decision as the team's, on the
    // requirement's history and among the start page's news.
    const petra = await actorOf("petra.klein@saarbruecken.example");
    const finance = "Kompetenzteam Finanzen & Steuern";
    const own = decisions.filter((d) => teamNames.get(d.team_id!) === finance);
    const histories = await Promise.all(own.map((d) => getRequirementDetail(db(), petra, d.requirement_id)));
    const saarbruecken = histories.find((h) => h.organisationName === "Saarbrücken");
    expect(saarbruecken?.events.find((e) => e.to_status === "prioritised")).toMatchObject({ actorName: "Claudia Braun", actorOrganisation: finance });
    const { news } = await getOverview(db(), petra, new Date(TODAY).toISOString());
    const decided = news.filter((n) => n.to_status === "prioritised");
    expect(decided.map((n) => n.requirementId)).toContain(saarbruecken!.id);
    const teamOf = new Map(decisions.map((d) => [d.requirement_id, teamNames.get(d.team_id!)]));
    for (const n of decided) expect(n.actorOrganisation, n.requirementTitle).toBe(teamOf.get(n.requirementId));
  });

  it("publishes the minutes of every seeded workshop: everyone invited present and scoring, the decision with its rationale", async () => {
    const workshops = await db().selectFrom("workshops").select(["id", "scheduled_at", "created_at"]).execute();
    expect(workshops).toHaveLength(3);
    const anna = await actorOf("anna.schmidt@saarbruecken.example");
    for (const w of workshops) {
      const minutes = await getMinutes(db(), anna, w.id);
      expect(minutes.published).toBe(true);
      expect(minutes.absent).toEqual([]);
      expect(minutes.attendees.length).toBeGreaterThanOrEqual(2);
      expect(minutes.workshop.moderatorName).toBe(minutes.attendees.find((a) => a.role === "lead")?.name);
      const { startedAt, endedAt, publishedAt } = minutes.workshop;
      const times = [w.created_at, w.scheduled_at, startedAt!, ...minutes.items.map((i) => i.decidedAt!), endedAt!, publishedAt!].map((t) => Date.parse(t));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)!).toBeLessThan(TODAY);
      for (const item of minutes.items) {
        expect(item).toMatchObject({ state: "decided", decision: "prioritise", rank: 1 });
        expect(item.rationale).toBeTruthy();
        expect(item.result.participantCount).toBe(minutes.attendees.length);
      }
    }
  });

  it("shows the release workflow in St. Wendel only: two submissions wait for its lead, who is asked; one draft came back with a reason", async () => {
    const releasing = await db().selectFrom("organisations").select("name").where("requires_release", "=", 1).execute();
    expect(releasing.map((o) => o.name)).toEqual([DEMO_RELEASE_ORGANISATION]);
    const katharina = await actorOf("katharina.jung@st-wendel.example");
    const rainer = await actorOf("rainer.theis@st-wendel.example");
    expect(rainer.roles.map((r) => r.role)).toEqual(["member_lead"]);
    const waiting = await listAwaitingRelease(db(), rainer);
    expect(waiting.map((r) => [r.title, r.authorName])).toEqual([
      ["Ehrenamtskarte online beantragen und verlängern", "Katharina Jung"],
      ["Sondernutzungserlaubnis für Außengastronomie digital", "Katharina Jung"],
    ]);
    const asked = (await listNotifications(db(), rainer.userId)).filter((n) => n.message_key === AWAITING_RELEASE_NOTICE && n.read_at === null);
    expect(asked.map((n) => n.requirement_id).sort()).toEqual(waiting.map((r) => r.id).sort());
    // Nobody outside St. Wendel sees them, not even the requirements team.
    const markus = await actorOf("markus.weber@ego-saar.example");
    for (const r of waiting) expect(await getRequirementDetail(db(), markus, r.id).catch((e: { status: number }) => e.status)).toBe(404);

    const returned = await db().selectFrom("requirements").select(["id", "status"]).where("title", "=", "Grabstellen online verlängern").executeTakeFirstOrThrow();
    expect(await openReturnOf(db(), returned.id, returned.status as "draft")).toMatchObject({ by: "lead", actorName: "Rainer Theis", reason: expect.stringContaining("Friedhofsverfahren") });
    const told = (await listNotifications(db(), katharina.userId)).filter((n) => n.requirement_id === returned.id);
    expect(told.map((n) => n.message_key)).toEqual(["requirements:returned.notice"]);
    // The other demo towns submit without release, as before.
    const petra = await actorOf("petra.klein@saarbruecken.example");
    expect(await listAwaitingRelease(db(), petra)).toEqual([]);
  });

  it("does nothing more when seeded again", async () => {
    const counts = () =>
      Promise.all(
        (["users", "project_events", "requirement_events", "workshops", "workshop_scores", "candidate_events", "notifications"] as const).map(async (table) =>
          Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n),
        ),
      );
    const before = await counts();
    await seedDemo(db(), TODAY + DAY);
    expect(await counts()).toEqual(before);
  });
});
