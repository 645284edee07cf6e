import { beforeAll, describe, expect, it } from "vitest";
import { atTime } from "#db/client.server";
import { auditLogPage } from "#app/modules/audit/audit.server";
import { addMilestone, approveProject, changePlannedPeriod, completeMilestone, findProject, proposeProject } from "#app/modules/projects/projects.server";
import type { AppError } from "#app/utils/errors.server";
import * as projectRoute from "#app/routes/projekte.$id";
import * as proposeRoute from "#app/routes/projekte.neu";
import { postAction } from "#tests/factories/access";
import { createUser } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

// Planned dates of projects and milestones (the clock pinned, so "today" is a known Berlin day).
const { db } = setupTestDatabase();

/** Runs fn at 10:00 UTC on the given day (11:00 or 12:00 in Berlin: the same calendar day). */
const on = <T>(day: string, fn: () => Promise<T>) => atTime(Date.parse(`${day}T10:00:00Z`), fn);

const refusal = (e: AppError) => [e.status, e.messageKey, e.field];

type U = Awaited<ReturnType<typeof createUser>>;
let julia: U, stefan: U, lead: U, filer: U, outsider: U;

beforeAll(async () => {
  julia = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
  stefan = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
  lead = await createUser(db(), { organisation: "Völklingen" });
  filer = await createUser(db(), { organisation: "Saarbrücken" });
  outsider = await createUser(db(), { organisation: "Homburg" });
});

/** A project proposed and approved on `day`, planned for the given period. */
async function approvedOn(day: string, plannedStart: string, plannedEnd: string) {
  return on(day, async () => {
    const c = await prioritisedCandidate(db(), [filer.actor]);
    const { id } = await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id, { plannedStart, plannedEnd }));
    await approveProject(db(), julia.actor, id);
    await approveProject(db(), stefan.actor, id);
    return id;
  });
}

const period = async (id: number) => {
  const p = await findProject(db(), id);
  return [p.planned_start, p.planned_end];
};
const milestoneCount = async (id: number) => (await db().selectFrom("milestones").select("id").where("project_id", "=", id).execute()).length;
const periodAudit = async (id: number) =>
  db().selectFrom("audit_log").select(["actor_user_id", "entity_type", "detail"]).where("action", "=", "project.period").where("entity_id", "=", String(id)).orderBy("id").execute();
const periodEvents = async (id: number) => db().selectFrom("project_events").select(["actor_user_id", "detail"]).where("project_id", "=", id).where("kind", "=", "period_changed").execute();

/** The form of /projekte/:id (or, without an id, of /projekte/neu) sent by the given user at 10:00 UTC on `day`. */
const post = (user: U, id: number | null, day: string, values: Record<string, string>) =>
  on(day, () =>
    id === null ? postAction(db(), proposeRoute, user.id, "/projekte/neu", values) : postAction(db(), projectRoute, user.id, `/projekte/${id}`, values, { id: String(id) }),
  );

describe(`planned dates of a new project (${dialectUnderTest})`, () => {
  it("refuses a planned start before today at the field, nothing is created; today itself is allowed", async () => {
    const c = await prioritisedCandidate(db(), [filer.actor]);
    const before = await db().selectFrom("projects").select("id").execute();
    const e = await errorOf(on("2030-03-10", () => proposeProject(db(), julia.actor, proposalInput([c.id], lead.id, { plannedStart: "2030-03-09", plannedEnd: "2030-12-31" }))));
    expect(refusal(e)).toEqual([400, "projects:validation.dateInPast", "plannedStart"]);
    expect(await db().selectFrom("projects").select("id").execute()).toHaveLength(before.length);
    // The candidate is still free for the proposal on today's date.
    const { id } = await on("2030-03-10", () => proposeProject(db(), julia.actor, proposalInput([c.id], lead.id, { plannedStart: "2030-03-10", plannedEnd: "2030-03-10" })));
    expect(await period(id)).toEqual(["2030-03-10", "2030-03-10"]);
  });

  it("answers the proposal form with the message at „Geplanter Beginn“", async () => {
    const c = await prioritisedCandidate(db(), [filer.actor]);
    const values = { candidateIds: String(c.id), title: "E-Akte", goal: "Ziel.", scope: "Umfang.", budget: "50000", plannedStart: "2030-03-01", plannedEnd: "2030-06-30", leadUserId: String(lead.id) };
    const r = await post(julia, null, "2030-03-10", values);
    expect([r.status, r.error?.plannedStart]).toEqual([400, ["projects:validation.dateInPast"]]);
    // The end before the start is still refused at the end, as before.
    const swapped = await post(julia, null, "2030-03-10", { ...values, plannedStart: "2030-07-01" });
    expect([swapped.status, swapped.error?.plannedEnd]).toEqual([400, ["projects:validation.endBeforeStart"]]);
    // A budget with cents (whole euros only) and the end before the start: both at once, not one per round.
    const both = await post(julia, null, "2030-03-10", { ...values, budget: "250.000,50", plannedStart: "2030-07-01" });
    expect([both.status, both.error?.budget, both.error?.plannedEnd]).toEqual([400, ["projects:validation.wholeEuros"], ["projects:validation.endBeforeStart"]]);
    // A budget that is no amount at all, with the same wrong dates.
    const letters = await post(julia, null, "2030-03-10", { ...values, budget: "zweihunderttausend", plannedStart: "2030-07-01" });
    expect([letters.status, letters.error?.budget, letters.error?.plannedEnd]).toEqual([400, ["projects:validation.budget"], ["projects:validation.endBeforeStart"]]);
  });

  it("counts today as the calendar day in Berlin, not in UTC", async () => {
    const c = await prioritisedCandidate(db(), [filer.actor]);
    // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin: 1 March has passed there.
    const lateEvening = Date.parse("2030-03-01T23:30:00Z");
    const e = await errorOf(atTime(lateEvening, () => proposeProject(db(), julia.actor, proposalInput([c.id], lead.id, { plannedStart: "2030-03-01", plannedEnd: "2030-12-31" }))));
    expect(refusal(e)).toEqual([400, "projects:validation.dateInPast", "plannedStart"]);
    await atTime(lateEvening, () => proposeProject(db(), julia.actor, proposalInput([c.id], lead.id, { plannedStart: "2030-03-02", plannedEnd: "2030-12-31" })));
  });
});

describe(`milestone dates (${dialectUnderTest})`, () => {
  it("refuses a milestone that starts before today, at its start; nothing is stored", async () => {
    const id = await approvedOn("2030-01-15", "2030-02-01", "2030-11-30");
    const e = await errorOf(on("2030-04-10", () => addMilestone(db(), lead.actor, id, { title: "Ausschreibung", startDate: "2030-04-09", endDate: "2030-05-31" })));
    expect(refusal(e)).toEqual([400, "projects:validation.dateInPast", "startDate"]);
    expect(await milestoneCount(id)).toBe(0);
    await on("2030-04-10", () => addMilestone(db(), lead.actor, id, { title: "Ausschreibung", startDate: "2030-04-10", endDate: "2030-04-10" }));
    expect(await milestoneCount(id)).toBe(1);
  });

  it("refuses a milestone outside the planned period at the date that leaves it, naming the period", async () => {
    const id = await approvedOn("2030-01-15", "2030-03-01", "2030-11-30");
    const early = await errorOf(on("2030-01-20", () => addMilestone(db(), lead.actor, id, { title: "Vorlauf", startDate: "2030-02-28", endDate: "2030-03-15" })));
    expect(refusal(early)).toEqual([400, "projects:validation.milestoneOutsidePeriod", "startDate"]);
    expect(early.details).toEqual({ period: { start: "2030-03-01", end: "2030-11-30" } });
    const late = await errorOf(on("2030-01-20", () => addMilestone(db(), lead.actor, id, { title: "Nachlauf", startDate: "2030-11-01", endDate: "2030-12-01" })));
    expect(refusal(late)).toEqual([400, "projects:validation.milestoneOutsidePeriod", "endDate"]);
    expect(await milestoneCount(id)).toBe(0);
    // Both ends of the period belong to it.
    await on("2030-01-20", () => addMilestone(db(), lead.actor, id, { title: "Gesamtlaufzeit", startDate: "2030-03-01", endDate: "2030-11-30" }));
    expect(await milestoneCount(id)).toBe(1);
    // The form gets the message at the field, with the period to name.
    const r = await post(lead, id, "2030-01-20", { intent: "milestone", title: "Nachlauf", startDate: "2030-11-01", endDate: "2030-12-01" });
    expect([r.status, r.error?.endDate, r.details]).toEqual([400, ["projects:validation.milestoneOutsidePeriod"], { period: { start: "2030-03-01", end: "2030-11-30" } }]);
  });

  it("marks a milestone reached after its dates have passed", async () => {
    const id = await approvedOn("2030-01-15", "2030-02-01", "2030-11-30");
    await on("2030-01-20", () => addMilestone(db(), lead.actor, id, { title: "Rahmenvertrag", startDate: "2030-02-01", endDate: "2030-03-31" }));
    const m = await db().selectFrom("milestones").select("id").where("project_id", "=", id).executeTakeFirstOrThrow();
    await on("2030-06-01", () => completeMilestone(db(), lead.actor, id, m.id));
    expect((await db().selectFrom("milestones").select("done_at").where("id", "=", m.id).executeTakeFirstOrThrow()).done_at).toMatch(/^2030-06-01T/);
  });
});

describe(`changing the planned period (${dialectUnderTest})`, () => {
  it("keeps a start that has passed when only the end moves, and records the change", async () => {
    const id = await approvedOn("2030-01-15", "2030-02-01", "2030-11-30");
    await on("2030-06-01", () => changePlannedPeriod(db(), lead.actor, id, { plannedStart: "2030-02-01", plannedEnd: "2031-03-31" }));
    expect(await period(id)).toEqual(["2030-02-01", "2031-03-31"]);
    const events = await periodEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0].actor_user_id).toBe(lead.id);
    expect(JSON.parse(events[0].detail!)).toEqual({ fromStart: "2030-02-01", fromEnd: "2030-11-30", toStart: "2030-02-01", toEnd: "2031-03-31" });
    // Through the form too (management this time): the unchanged past start does not block it.
    const r = await post(julia, id, "2030-06-01", { intent: "period", plannedStart: "2030-02-01", plannedEnd: "2031-06-30" });
    expect(r.status).toBe(302);
    expect(await period(id)).toEqual(["2030-02-01", "2031-06-30"]);
    // Both changes are in the append-only audit log as well, with the period before and after.
    expect(await periodAudit(id)).toEqual([
      { actor_user_id: lead.id, entity_type: "project", detail: JSON.stringify({ from: { start: "2030-02-01", end: "2030-11-30" }, to: { start: "2030-02-01", end: "2031-03-31" } }) },
      { actor_user_id: julia.id, entity_type: "project", detail: JSON.stringify({ from: { start: "2030-02-01", end: "2031-03-31" }, to: { start: "2030-02-01", end: "2031-06-30" } }) },
    ]);
    // The admin's log offers the code in its filter and shows the entry under it, in words.
    const admin = await createUser(db(), { roles: ["admin"] });
    const log = await auditLogPage(db(), admin.actor, new URLSearchParams({ action: "project.period" }));
    expect(log.problems).toEqual({});
    expect(log.actions).toContain("project.period");
    const mine = log.rows.filter((row) => row.entity_id === String(id));
    expect(mine.map((row) => row.action)).toEqual(["project.period", "project.period"]);
    expect(mine[0].details[0].label).toEqual({ key: "admin:audit.detailLabels.period" });
  });

  it("refuses a changed date before today at its field; nothing changes", async () => {
    const id = await approvedOn("2030-01-15", "2030-02-01", "2030-11-30");
    const start = await errorOf(on("2030-06-01", () => changePlannedPeriod(db(), lead.actor, id, { plannedStart: "2030-01-15", plannedEnd: "2030-11-30" })));
    expect(refusal(start)).toEqual([400, "projects:validation.dateInPast", "plannedStart"]);
    const end = await errorOf(on("2030-06-01", () => changePlannedPeriod(db(), lead.actor, id, { plannedStart: "2030-02-01", plannedEnd: "2030-05-31" })));
    expect(refusal(end)).toEqual([400, "projects:validation.dateInPast", "plannedEnd"]);
    const swapped = await errorOf(on("2030-06-01", () => changePlannedPeriod(db(), lead.actor, id, { plannedStart: "2030-12-01", plannedEnd: "2030-11-30" })));
    expect(refusal(swapped)).toEqual([400, "projects:validation.endBeforeStart", "plannedEnd"]);
    const same = await errorOf(on("2030-06-01", () => changePlannedPeriod(db(), lead.actor, id, { plannedStart: "2030-02-01", plannedEnd: "2030-11-30" })));
    expect([same.status, same.messageKey]).toEqual([409, "projects:errors.periodUnchanged"]);
    const r = await post(lead, id, "2030-06-01", { intent: "period", plannedStart: "2030-02-01", plannedEnd: "2030-05-31" });
    expect([r.status, r.error?.plannedEnd]).toEqual([400, ["projects:validation.dateInPast"]]);
    expect(await period(id)).toEqual(["2030-02-01", "2030-11-30"]);
    expect(await periodEvents(id)).toHaveLength(0);
    expect(await periodAudit(id)).toEqual([]);
  });

  it("refuses a period that would leave an open milestone outside, naming it; reached milestones do not count", async () => {
    const id = await approvedOn("2030-01-15", "2030-02-01", "2030-11-30");
    await on("2030-01-20", async () => {
      await addMilestone(db(), lead.actor, id, { title: "Rahmenvertrag", startDate: "2030-02-01", endDate: "2030-03-31" });
      await addMilestone(db(), lead.actor, id, { title: "Pilotbetrieb", startDate: "2030-09-01", endDate: "2030-11-15" });
    });
    const shorter = await errorOf(on("2030-01-25", () => changePlannedPeriod(db(), lead.actor, id, { plannedStart: "2030-02-01", plannedEnd: "2030-10-31" })));
    expect(refusal(shorter)).toEqual([400, "projects:validation.periodLeavesMilestones", "plannedEnd"]);
    expect(shorter.details).toEqual({ milestones: [{ title: "Pilotbetrieb", startDate: "2030-09-01", endDate: "2030-11-15" }] });
    const later = await errorOf(on("2030-01-25", () => changePlannedPeriod(db(), lead.actor, id, { plannedStart: "2030-03-01", plannedEnd: "2030-11-30" })));
    expect(refusal(later)).toEqual([400, "projects:validation.periodLeavesMilestones", "plannedStart"]);
    expect(later.details).toEqual({ milestones: [{ title: "Rahmenvertrag", startDate: "2030-02-01", endDate: "2030-03-31" }] });
    expect(await period(id)).toEqual(["2030-02-01", "2030-11-30"]);
    // The form gets it at the field, with the milestones to name.
    const r = await post(lead, id, "2030-01-25", { intent: "period", plannedStart: "2030-02-01", plannedEnd: "2030-10-31" });
    expect([r.status, r.error?.plannedEnd]).toEqual([400, ["projects:validation.periodLeavesMilestones"]]);
    expect(r.details).toEqual({ milestones: [{ title: "Pilotbetrieb", startDate: "2030-09-01", endDate: "2030-11-15" }] });
    // Once the first milestone is reached, the period may begin after it.
    const first = await db().selectFrom("milestones").select("id").where("project_id", "=", id).where("title", "=", "Rahmenvertrag").executeTakeFirstOrThrow();
    await on("2030-01-25", () => completeMilestone(db(), lead.actor, id, first.id));
    await on("2030-01-25", () => changePlannedPeriod(db(), lead.actor, id, { plannedStart: "2030-03-01", plannedEnd: "2030-11-30" }));
    expect(await period(id)).toEqual(["2030-03-01", "2030-11-30"]);
  });

  it("is for management and the project's lead, while the project runs", async () => {
    const id = await approvedOn("2030-01-15", "2030-02-01", "2030-11-30");
    expect((await errorOf(on("2030-01-20", () => changePlannedPeriod(db(), outsider.actor, id, { plannedStart: "2030-02-01", plannedEnd: "2030-12-31" })))).status).toBe(403);
    const pending = await on("2030-01-15", async () => {
      const c = await prioritisedCandidate(db(), [filer.actor]);
      return (await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id, { plannedStart: "2030-02-01", plannedEnd: "2030-11-30" }))).id;
    });
    const e = await errorOf(on("2030-01-20", () => changePlannedPeriod(db(), julia.actor, pending, { plannedStart: "2030-02-01", plannedEnd: "2030-12-31" })));
    expect([e.status, e.messageKey]).toEqual([409, "projects:errors.workClosed"]);
    expect(await period(id)).toEqual(["2030-02-01", "2030-11-30"]);
  });
});
