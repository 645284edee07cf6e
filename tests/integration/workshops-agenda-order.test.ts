import { afterAll, describe, expect, it } from "vitest";
import { closeLiveBus, getLiveBus, type LiveEvent } from "#app/modules/workshops/live.server";
import { cancelWorkshop, endWorkshop, getMinutes, getWorkshopState, scheduleWorkshop, startWorkshop } from "#app/modules/workshops/workshops.server";
import { isoToBerlinLocal } from "#app/utils/time";
import { callRoute, postAction } from "#tests/factories/access";
import { createUser, formBody, requestAs } from "#tests/factories/index";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import * as page from "#app/routes/workshops.$id._index";

// The order of a planned workshop's agenda („Nach oben“ / „Nach unten“ on its page), through the real
// route action: who may, until when, which item, how far; a refused move changes nothing.

const { db } = setupTestDatabase();
afterAll(async () => {
  await closeLiveBus();
});

/** A team with three open candidates, all on a workshop next week, in the order a, b, c. */
async function setup() {
  const f = await workshopFixture(db(), { schedule: false, candidates: 3, members: 2 });
  const { id } = await scheduleWorkshop(db(), f.lead.actor, {
    teamId: f.teamId,
    title: `Reihenfolge ${f.teamId}`,
    scheduledAt: isoToBerlinLocal(new Date(Date.now() + 7 * 86_400_000).toISOString()),
    location: "",
    candidateIds: f.candidates.map((c) => c.id),
    participantIds: f.members.map((m) => m.id),
  });
  const items = await db().selectFrom("workshop_items").select(["id", "candidate_id"]).where("workshop_id", "=", id).orderBy("position").execute();
  const [a, b, c] = items.map((i) => i.id);
  return { ...f, workshopId: id, a, b, c };
}

const move = (userId: number, workshopId: number, itemId: number | string, direction: string) =>
  postAction(db(), page, userId, `/workshops/${workshopId}`, { intent: "move", itemId: String(itemId), direction }, { id: String(workshopId) });

/** The item ids in agenda order, with their positions. */
async function orderOf(workshopId: number) {
  const rows = await db().selectFrom("workshop_items").select(["id", "position"]).where("workshop_id", "=", workshopId).orderBy("position").orderBy("id").execute();
  return rows.map((r) => `${r.id}@${r.position}`);
}
const expected = (...ids: number[]) => ids.map((id, i) => `${id}@${i + 1}`);

/** Everything a move could touch: the workshop row, its items, the audit rows about it. */
async function snapshot(workshopId: number) {
  const [w, items, audits] = await Promise.all([
    db().selectFrom("workshops").selectAll().where("id", "=", workshopId).executeTakeFirstOrThrow(),
    db().selectFrom("workshop_items").selectAll().where("workshop_id", "=", workshopId).orderBy("id").execute(),
    db().selectFrom("audit_log").select("action").where("entity_type", "=", "workshop").where("entity_id", "=", String(workshopId)).where("action", "=", "workshop.order").execute(),
  ]);
  return JSON.stringify({ w, items, audits });
}

describe(`the order of a planned workshop's agenda (${dialectUnderTest})`, () => {
  it("the moderator moves items up and down: the order persists, is audited, announced and followed by the live view and the minutes", async () => {
    const f = await setup();
    const received: LiveEvent[] = [];
    const stop = getLiveBus().subscribe(f.workshopId, (e) => received.push(e));
    const before = await db().selectFrom("workshops").select("updated_at").where("id", "=", f.workshopId).executeTakeFirstOrThrow();
    await new Promise((r) => setTimeout(r, 5));

    // c up: a, c, b. The fetcher's reply says where it went.
    const up = await move(f.lead.id, f.workshopId, f.c, "up");
    expect(up.status).toBe(200);
    expect(up.error).toBeNull();
    expect(await orderOf(f.workshopId)).toEqual(expected(f.a, f.c, f.b));
    const [row] = await db().selectFrom("audit_log").selectAll().where("entity_type", "=", "workshop").where("entity_id", "=", String(f.workshopId)).where("action", "=", "workshop.order").execute();
    expect(JSON.parse(row.detail!)).toEqual({ candidateId: f.candidates[2].id, from: 3, to: 2 });
    expect(row.actor_user_id).toBe(f.lead.id);
    const after = await db().selectFrom("workshops").select("updated_at").where("id", "=", f.workshopId).executeTakeFirstOrThrow();
    expect(after.updated_at > before.updated_at).toBe(true);

    // a down, as a plain form post without JavaScript: back to the agenda with the confirmation.
    const request = await requestAs(db(), f.lead.id, `/workshops/${f.workshopId}`, { method: "POST", body: formBody({ intent: "move", itemId: String(f.a), direction: "down" }), headers: { Accept: "text/html" } });
    const plain = await callRoute(page.action, { request, params: { id: String(f.workshopId) }, context: {} });
    expect(plain).toMatchObject({ status: 302, location: `/workshops/${f.workshopId}#tagesordnung` });
    expect(await orderOf(f.workshopId)).toEqual(expected(f.c, f.a, f.b));

    // The requirements team plans too: b up.
    expect((await move(f.manager.id, f.workshopId, f.b, "up")).status).toBe(200);
    expect(await orderOf(f.workshopId)).toEqual(expected(f.c, f.b, f.a));
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(received.filter((e) => e.k === "changed")).toHaveLength(3);

    // The page, the live view and the minutes follow the new order.
    const state = await getWorkshopState(db(), f.lead.actor, f.workshopId);
    expect(state.items.map((i) => [i.id, i.position])).toEqual([[f.c, 1], [f.b, 2], [f.a, 3]]);
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    expect((await getWorkshopState(db(), f.members[0].actor, f.workshopId)).items.map((i) => i.id)).toEqual([f.c, f.b, f.a]);
    await endWorkshop(db(), f.lead.actor, f.workshopId);
    expect((await getMinutes(db(), f.lead.actor, f.workshopId)).items.map((i) => [i.id, i.position])).toEqual([[f.c, 1], [f.b, 2], [f.a, 3]]);
  });

  it("only those who may plan the workshop move items: a team member gets 403, an outsider 404, and nothing changes", async () => {
    const f = await setup();
    const before = await snapshot(f.workshopId);
    // Invited and scoring in the team, but not planning its workshops.
    const member = await move(f.members[0].id, f.workshopId, f.b, "up");
    expect(member.status).toBe(403);
    const outsider = await createUser(db(), { organisation: "Homburg" });
    expect((await move(outsider.id, f.workshopId, f.b, "up")).status).toBe(404);
    const otherLead = await workshopFixture(db(), { schedule: false, candidates: 0, members: 0 });
    expect((await move(otherLead.lead.id, f.workshopId, f.b, "up")).status).toBe(404);
    expect(await snapshot(f.workshopId)).toBe(before);
    expect(await orderOf(f.workshopId)).toEqual(expected(f.a, f.b, f.c));
  });

  it("a workshop that has started, ended or been cancelled keeps its order: 409 with the German reason", async () => {
    const started = await setup();
    await startWorkshop(db(), started.lead.actor, started.workshopId);
    const before = await snapshot(started.workshopId);
    const live = await move(started.lead.id, started.workshopId, started.b, "up");
    expect(live.status).toBe(409);
    expect(live.error?.[""]).toEqual(["workshops:errors.notChangeable"]);
    expect(await snapshot(started.workshopId)).toBe(before);
    expect(await orderOf(started.workshopId)).toEqual(expected(started.a, started.b, started.c));

    await endWorkshop(db(), started.lead.actor, started.workshopId);
    expect((await move(started.lead.id, started.workshopId, started.b, "up")).status).toBe(409);
    expect(await orderOf(started.workshopId)).toEqual(expected(started.a, started.b, started.c));

    const cancelled = await setup();
    await cancelWorkshop(db(), cancelled.lead.actor, cancelled.workshopId, { reason: "Verhindert." });
    const refused = await move(cancelled.lead.id, cancelled.workshopId, cancelled.b, "up");
    expect(refused.status).toBe(409);
    expect(refused.error?.[""]).toEqual(["workshops:errors.cancelled"]);
    expect(await orderOf(cancelled.workshopId)).toEqual(expected(cancelled.a, cancelled.b, cancelled.c));
  });

  it("an item of another workshop, an unknown one or a made-up direction is refused at the field, and nothing changes", async () => {
    const f = await setup();
    const other = await setup();
    const before = await snapshot(f.workshopId);
    const beforeOther = await snapshot(other.workshopId);

    const foreign = await move(f.lead.id, f.workshopId, other.b, "up");
    expect(foreign.status).toBe(400);
    expect(foreign.error?.itemId).toEqual(["workshops:errors.itemUnknown"]);
    // The other workshop's own lead may plan that workshop, but not through this one.
    expect((await move(other.lead.id, f.workshopId, other.b, "up")).status).toBe(404);
    const unknown = await move(f.lead.id, f.workshopId, 987_654, "down");
    expect(unknown.error?.itemId).toEqual(["workshops:errors.itemUnknown"]);
    const nonsense = await move(f.lead.id, f.workshopId, "zwei", "down");
    expect(nonsense.status).toBe(400);
    expect(nonsense.error?.itemId).toEqual(["workshops:errors.invalidId"]);
    const sideways = await move(f.lead.id, f.workshopId, f.b, "left");
    expect(sideways.status).toBe(400);
    expect(sideways.error?.direction).toEqual(["workshops:errors.moveDirection"]);

    expect(await snapshot(f.workshopId)).toBe(before);
    expect(await snapshot(other.workshopId)).toBe(beforeOther);
  });

  it("the first item cannot move up nor the last down: refused at the field, nothing changes", async () => {
    const f = await setup();
    const before = await snapshot(f.workshopId);
    const first = await move(f.lead.id, f.workshopId, f.a, "up");
    expect(first.status).toBe(400);
    expect(first.error?.itemId).toEqual(["workshops:errors.moveFirst"]);
    const last = await move(f.lead.id, f.workshopId, f.c, "down");
    expect(last.status).toBe(400);
    expect(last.error?.itemId).toEqual(["workshops:errors.moveLast"]);
    expect(await snapshot(f.workshopId)).toBe(before);
    expect(await orderOf(f.workshopId)).toEqual(expected(f.a, f.b, f.c));
  });
});
