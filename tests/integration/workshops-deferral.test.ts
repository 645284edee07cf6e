import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { requirementOutcome } from "#app/modules/projects/outcome.server";
import { revealItem } from "#app/modules/workshops/workshops.server";
import { action } from "#app/routes/workshops.$id.live";
import { berlinLocalToIso, berlinToday, firstDeferralDate } from "#app/utils/time";
import { formBody, requestAs } from "#tests/factories/index";
import { liveItemFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// The deferral date („Zurückstellen bis“) must lie after today in Berlin, also in the first hour(s)
// after midnight there, when the UTC date is still the day before. The live page's action checks it.

const { db } = setupTestDatabase();

interface Reply {
  status: number;
  error?: Record<string, string[] | null>;
}

async function postDecision(userId: number, workshopId: number, values: Record<string, string>): Promise<Reply> {
  const request = await requestAs(db(), userId, `/workshops/${workshopId}/live`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: formBody({ intent: "decide", decision: "defer", rationale: "Erst nach der Gesetzesnovelle.", confirm: "yes", ...values }),
  });
  const result = (await action({ request, params: { id: String(workshopId) }, context: {} } as never)) as { data?: { error?: Reply["error"] }; init?: ResponseInit | null };
  return { status: result.init?.status ?? 200, error: result.data?.error };
}

describe(`deferral date after Berlin midnight (${dialectUnderTest})`, () => {
  let f: Awaited<ReturnType<typeof liveItemFixture>>;
  beforeAll(async () => {
    f = await liveItemFixture(db());
    await revealItem(db(), f.lead.actor, f.workshopId, f.itemId, { confirmed: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("at 00:30 Berlin time refuses the new Berlin day (still tomorrow in UTC) and accepts the day after", async () => {
    // The coming night, half an hour after midnight in Berlin: in UTC it is still the evening before.
    const tomorrow = firstDeferralDate();
    const instant = Date.parse(berlinLocalToIso(`${tomorrow}T00:30`)!);
    vi.useFakeTimers({ toFake: ["Date"], now: instant });
    expect(new Date().toISOString().slice(0, 10) < tomorrow).toBe(true);
    expect(berlinToday()).toBe(tomorrow);

    const today = berlinToday();
    const refused = await postDecision(f.lead.id, f.workshopId, { itemId: String(f.itemId), deferredUntil: today });
    expect(refused).toMatchObject({ status: 400, error: { deferredUntil: ["workshops:errors.deferredPast"] } });
    const unchanged = await db().selectFrom("workshop_items").select(["state", "deferred_until"]).where("id", "=", f.itemId).executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ state: "revealed", deferred_until: null });

    const next = firstDeferralDate();
    expect(next > today).toBe(true);
    const saved = await postDecision(f.lead.id, f.workshopId, { itemId: String(f.itemId), deferredUntil: next });
    expect(saved.status).toBe(200);
    const decided = await db().selectFrom("workshop_items").select(["state", "decision", "deferred_until"]).where("id", "=", f.itemId).executeTakeFirstOrThrow();
    expect(decided).toEqual({ state: "decided", decision: "defer", deferred_until: next });
    // The municipality that asked reads on its requirement's page until when it is deferred.
    const outcome = await requirementOutcome(db(), f.filer.actor, f.candidates[0].requirementId);
    expect(outcome?.decision).toMatchObject({ value: "deferred", until: next });
  });
});
