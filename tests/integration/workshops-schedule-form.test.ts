import { describe, expect, it } from "vitest";
import { action } from "#app/routes/workshops.neu";
import { isoToBerlinLocal } from "#app/utils/time";
import { changedTables, dbFingerprint } from "#tests/factories/access";
import { formBody, requestAs } from "#tests/factories/index";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// „Workshop planen“ refused: every field error the check finds comes at once (a date in the past
// too, not only after the agenda is fixed), nothing is saved, and the reply carries what was sent.

const { db } = setupTestDatabase();

interface Reply {
  status: number;
  error?: Record<string, string[] | null>;
  initialValue?: Record<string, unknown> | null;
}

async function postSchedule(userId: number, values: Record<string, string | string[]>): Promise<Reply> {
  const request = await requestAs(db(), userId, "/workshops/neu", { method: "POST", body: formBody(values) });
  const answer: unknown = await action({ request, params: {}, context: {} } as never);
  if (answer instanceof Response) return { status: answer.status };
  const result = answer as { data?: Omit<Reply, "status">; init?: ResponseInit | null };
  return { status: result.init?.status ?? 200, error: result.data?.error, initialValue: result.data?.initialValue };
}

const local = (msFromNow: number) => isoToBerlinLocal(new Date(Date.now() + msFromNow).toISOString());

describe(`planning a workshop: a refusal names every problem (${dialectUnderTest})`, () => {
  it("reports the missing agenda and the past date together, changes nothing and sends back what was sent", async () => {
    const f = await workshopFixture(db(), { schedule: false });
    const invited = [f.lead.id, ...f.members.map((m) => m.id)].map(String);
    const before = await dbFingerprint(db());
    const reply = await postSchedule(f.lead.id, { teamId: String(f.teamId), title: "Priorisierung Frühjahr", scheduledAt: local(-2 * 86_400_000), location: "Rathaus", participantIds: invited });
    expect(reply.status).toBe(400);
    expect(reply.error).toMatchObject({ candidateIds: ["workshops:errors.agendaEmpty"], scheduledAt: ["workshops:errors.datePast"] });
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
    // The form shows exactly this again: all invitees stay ticked.
    expect(reply.initialValue).toMatchObject({ title: "Priorisierung Frühjahr", location: "Rathaus", participantIds: invited });
  });

  it("reports a date that does not exist beside a missing title, once per field", async () => {
    const f = await workshopFixture(db(), { schedule: false });
    const before = await dbFingerprint(db());
    const reply = await postSchedule(f.lead.id, { teamId: String(f.teamId), title: "", scheduledAt: "2030-13-01T10:00", candidateIds: [String(f.candidates[0].id)], participantIds: [String(f.lead.id)] });
    expect(reply.status).toBe(400);
    expect(reply.error).toEqual({ title: ["validation.required"], scheduledAt: ["workshops:errors.dateMissing"] });
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
  });

  it("still plans a workshop an hour ago (the grace) and refuses one two hours ago", async () => {
    const f = await workshopFixture(db(), { candidates: 2, schedule: false });
    const base = { teamId: String(f.teamId), title: "Priorisierung", participantIds: [String(f.members[0].id)] };
    const past = await postSchedule(f.lead.id, { ...base, scheduledAt: local(-2 * 3_600_000), candidateIds: [String(f.candidates[0].id)] });
    expect(past).toMatchObject({ status: 400, error: { scheduledAt: ["workshops:errors.datePast"] } });
    const planned = await postSchedule(f.lead.id, { ...base, scheduledAt: local(-30 * 60_000), candidateIds: [String(f.candidates[1].id)] });
    expect(planned.status).toBe(302);
  });
});
