import { afterAll, describe, expect, it } from "vitest";
import { closeLiveBus } from "#app/modules/workshops/live.server";
import { decideItem, endWorkshop, getRankedList, getWorkshopState, openItem, publishMinutes, revealItem, scheduleWorkshop, startWorkshop } from "#app/modules/workshops/workshops.server";
import { isoToBerlinLocal } from "#app/utils/time";
import { loader as rankingLoader } from "#app/routes/kompetenzteams.$id.rangliste";
import { createUser, requestAs } from "#tests/factories/index";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();
afterAll(async () => {
  await closeLiveBus();
});

type Fixture = Awaited<ReturnType<typeof workshopFixture>>;

async function itemOf(f: Fixture, candidateId: number) {
  return db().selectFrom("workshop_items").select("id").where("workshop_id", "=", f.workshopId).where("candidate_id", "=", candidateId).executeTakeFirstOrThrow();
}

/** Opens, reveals (without scores, confirmed) and decides the candidate's item. */
async function decide(f: Fixture, candidateId: number, decision: { decision: "prioritise"; rank: number } | { decision: "reject" }) {
  const item = await itemOf(f, candidateId);
  await openItem(db(), f.lead.actor, f.workshopId, item.id);
  await revealItem(db(), f.lead.actor, f.workshopId, item.id, { confirmed: true });
  await decideItem(db(), f.lead.actor, f.workshopId, { itemId: item.id, rationale: "Begründung", ...decision });
}

async function reveal(f: Fixture, candidateId: number) {
  const item = await itemOf(f, candidateId);
  await openItem(db(), f.lead.actor, f.workshopId, item.id);
  await revealItem(db(), f.lead.actor, f.workshopId, item.id, { confirmed: true });
}

describe(`the ranks a decision may give twice (${dialectUnderTest})`, () => {
  it("tells the moderator which candidate of the team holds a rank, from this and earlier workshops, and still saves a second one", async () => {
    const f = await workshopFixture(db(), { candidates: 4 });
    const [a, b, c, d] = f.candidates;
    const other = await workshopFixture(db(), { candidates: 1 });
    await startWorkshop(db(), other.lead.actor, other.workshopId);
    await decide(other, other.candidates[0].id, { decision: "prioritise", rank: 2 });

    await startWorkshop(db(), f.lead.actor, f.workshopId);
    expect((await getWorkshopState(db(), f.lead.actor, f.workshopId)).ranksTaken).toEqual([]);
    await decide(f, a.id, { decision: "prioritise", rank: 2 });
    await decide(f, b.id, { decision: "reject" });
    await reveal(f, c.id);
    // Only the team's own ranks; a rejected candidate holds none; members get no list.
    const lead = await getWorkshopState(db(), f.lead.actor, f.workshopId);
    expect(lead.ranksTaken).toEqual([{ rank: 2, candidateId: a.id, candidateTitle: a.title }]);
    expect((await getWorkshopState(db(), f.members[0].actor, f.workshopId)).ranksTaken).toEqual([]);

    // Saving the same rank goes through: a tie may be intended.
    await decideItem(db(), f.lead.actor, f.workshopId, { itemId: (await itemOf(f, c.id)).id, decision: "prioritise", rank: 2, rationale: "Gleich wichtig" });
    expect((await getWorkshopState(db(), f.lead.actor, f.workshopId)).ranksTaken).toEqual(
      [
        { rank: 2, candidateId: a.id, candidateTitle: a.title },
        { rank: 2, candidateId: c.id, candidateTitle: c.title },
      ].sort((x, y) => x.candidateTitle.localeCompare(y.candidateTitle, "de")),
    );
    await endWorkshop(db(), f.lead.actor, f.workshopId);
    // Once ended, the form is gone and so is the list.
    expect((await getWorkshopState(db(), f.lead.actor, f.workshopId)).ranksTaken).toEqual([]);
    await publishMinutes(db(), f.lead.actor, f.workshopId);
    const ranked = await getRankedList(db(), f.lead.actor, f.teamId);
    expect(ranked.prioritised.map((r) => [r.candidateId, r.rank, r.sharedRank]).sort()).toEqual(
      [
        [a.id, 2, true],
        [c.id, 2, true],
      ].sort(),
    );

    // The next workshop of the team (with the candidate left undecided) is told about the published ranks.
    const next = await scheduleWorkshop(db(), f.lead.actor, {
      teamId: f.teamId,
      title: "Zweite Runde",
      scheduledAt: isoToBerlinLocal(new Date(Date.now() + 86_400_000).toISOString()),
      location: "",
      candidateIds: [d.id],
      participantIds: f.members.map((m) => m.id),
    });
    await startWorkshop(db(), f.lead.actor, next.id);
    await reveal({ ...f, workshopId: next.id }, d.id);
    expect((await getWorkshopState(db(), f.lead.actor, next.id)).ranksTaken.map((r) => [r.rank, r.candidateId]).sort()).toEqual(
      [
        [2, a.id],
        [2, c.id],
      ].sort(),
    );
  });
});

describe(`the ranked list's way back (${dialectUnderTest})`, () => {
  it("leads to „Meine Workshops“ only for those whose list there offers the team, else to the candidates", async () => {
    const f = await workshopFixture(db(), { candidates: 1 });
    const otherLead = (await workshopFixture(db(), { candidates: 1 })).lead;
    const clerk = await createUser(db(), { organisation: "Homburg" });
    const backFor = async (userId: number) => {
      const request = await requestAs(db(), userId, `/kompetenzteams/${f.teamId}/rangliste`);
      return ((await rankingLoader({ request, params: { id: String(f.teamId) }, context: {} } as never)) as { backTo: string }).backTo;
    };
    expect(await backFor(f.lead.id)).toBe("/workshops");
    expect(await backFor(f.members[0].id)).toBe("/workshops");
    // The lead of another team has „Meine Workshops“ in the menu, but this team is not listed there.
    expect(await backFor(otherLead.id)).toBe("/kandidaten");
    expect(await backFor(clerk.id)).toBe("/kandidaten");
  });
});
