import { afterAll, describe, expect, it } from "vitest";
import { closeLiveBus } from "#app/modules/workshops/live.server";
import { getMinutes, openItem, revealItem, startWorkshop } from "#app/modules/workshops/workshops.server";
import { postAction } from "#tests/factories/access";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import * as liveRoute from "#app/routes/workshops.$id.live";

// Discussion notes typed but not saved travel with the step that moves the session on (open, reveal,
// decide, end) and are kept in its transaction: nothing the moderator typed is lost.

const { db } = setupTestDatabase();
afterAll(async () => {
  await closeLiveBus();
});

describe(`unsaved discussion notes travel with the next step (${dialectUnderTest})`, () => {
  async function setup() {
    const f = await workshopFixture(db(), { candidates: 3 });
    const items = await db().selectFrom("workshop_items").select(["id", "position"]).where("workshop_id", "=", f.workshopId).orderBy("position").execute();
    const post = (userId: number, values: Record<string, string>) => postAction(db(), liveRoute, userId, `/workshops/${f.workshopId}/live`, values, { id: String(f.workshopId) });
    const statusOf = (r: { status: number }) => r.status;
    const notesOf = async (itemId: number) => (await db().selectFrom("workshop_items").select("notes").where("id", "=", itemId).executeTakeFirstOrThrow()).notes;
    const noteAudits = async () =>
      (await db().selectFrom("audit_log").select("id").where("action", "=", "workshop.item.notes").where("entity_id", "=", String(f.workshopId)).execute()).length;
    return { f, items, post, statusOf, notesOf, noteAudits };
  }

  it("reveal, decision and end save the notes sent along; the minutes carry them", async () => {
    const { f, items, post, statusOf, notesOf, noteAudits } = await setup();
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    await openItem(db(), f.lead.actor, f.workshopId, items[0].id);

    // Revealing (confirmed: nobody scored) with notes typed but not saved.
    const reveal = await post(f.lead.id, { intent: "reveal", itemId: String(items[0].id), confirm: "yes", notesItemId: String(items[0].id), notes: "  Fachverfahren ist bekannt.  " });
    expect(statusOf(reveal)).toBe(200);
    expect(await notesOf(items[0].id)).toBe("Fachverfahren ist bekannt.");
    expect(await noteAudits()).toBe(1);

    // The decision carries a longer text; the same text again changes nothing and writes no audit row.
    const decide = await post(f.lead.id, {
      intent: "decide",
      itemId: String(items[0].id),
      decision: "prioritise",
      rank: "1",
      rationale: "Hoher Nutzen.",
      confirm: "yes",
      notesItemId: String(items[0].id),
      notes: "Fachverfahren ist bekannt. Zwei Kommunen haben es schon.",
    });
    expect(statusOf(decide)).toBe(200);
    expect(await notesOf(items[0].id)).toBe("Fachverfahren ist bekannt. Zwei Kommunen haben es schon.");
    expect(await noteAudits()).toBe(2);

    // Opening the next item keeps the previous item's notes typed meanwhile.
    expect(statusOf(await post(f.lead.id, { intent: "open", itemId: String(items[1].id), notesItemId: String(items[0].id), notes: "Fachverfahren ist bekannt. Zwei Kommunen haben es schon." }))).toBe(200);
    expect(await noteAudits()).toBe(2);
    await revealItem(db(), f.lead.actor, f.workshopId, items[1].id, { confirmed: true });

    // Ending: the current item's notes are kept although it stays undecided (skipped).
    const end = await post(f.lead.id, { intent: "end", confirm: "yes", notesItemId: String(items[1].id), notes: "Kein Konsens, nächstes Mal wieder." });
    expect(statusOf(end)).toBe(302);
    expect(await notesOf(items[1].id)).toBe("Kein Konsens, nächstes Mal wieder.");
    const minutes = await getMinutes(db(), f.lead.actor, f.workshopId);
    expect(minutes.items.map((i) => i.notes)).toEqual(["Fachverfahren ist bekannt. Zwei Kommunen haben es schon.", "Kein Konsens, nächstes Mal wieder.", ""]);
  });

  it("refuses notes for an item of another workshop or beyond the limit, and a member's notes: the step does not happen", async () => {
    const { f, items, post, statusOf, notesOf } = await setup();
    const other = await workshopFixture(db());
    const foreign = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", other.workshopId).executeTakeFirstOrThrow();
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    await openItem(db(), f.lead.actor, f.workshopId, items[0].id);

    const stateOf = async (id: number) => (await db().selectFrom("workshop_items").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state;
    const foreignReveal = await post(f.lead.id, { intent: "reveal", itemId: String(items[0].id), confirm: "yes", notesItemId: String(foreign.id), notes: "fremd" });
    expect(statusOf(foreignReveal)).toBe(400);
    expect(await stateOf(items[0].id)).toBe("scoring");
    expect(await notesOf(foreign.id)).toBe("");

    const tooLong = await post(f.lead.id, { intent: "reveal", itemId: String(items[0].id), confirm: "yes", notesItemId: String(items[0].id), notes: "x".repeat(10_001) });
    expect(statusOf(tooLong)).toBe(400);
    expect(await stateOf(items[0].id)).toBe("scoring");
    expect(await notesOf(items[0].id)).toBe("");

    // A member cannot reveal, so cannot write notes this way either.
    expect(statusOf(await post(f.members[0].id, { intent: "reveal", itemId: String(items[0].id), confirm: "yes", notesItemId: String(items[0].id), notes: "von mir" }))).toBe(403);
    expect(await notesOf(items[0].id)).toBe("");
    // The workshop is still live: an end carrying a foreign item's notes is refused and changes nothing.
    expect(statusOf(await post(f.lead.id, { intent: "end", confirm: "yes", notesItemId: String(foreign.id), notes: "fremd" }))).toBe(400);
    expect((await db().selectFrom("workshops").select("status").where("id", "=", f.workshopId).executeTakeFirstOrThrow()).status).toBe("live");
  });
});
