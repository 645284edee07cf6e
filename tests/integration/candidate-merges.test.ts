import { describe, expect, it } from "vitest";
import {
  createCandidate,
  assignTeam,
  findMergedCandidate,
  getCandidateDetail,
  mergeCandidates,
} from "#app/modules/bundling/candidates.server";
import { decideItem, revealItem } from "#app/modules/workshops/workshops.server";
import { readToast } from "#app/utils/toast.server";
import { createTeam, createUser, formBody, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { liveItemFixture, workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

/** Runs the candidate page's loader as the given user; a redirect or refusal comes back as the thrown response. */
async function openPage(userId: number, id: number): Promise<Response | unknown> {
  const mod = await import("../../app/routes/kandidaten.$id");
  try {
    return await mod.loader({ request: await requestAs(db(), userId, `/kandidaten/${id}`), params: { id: String(id) }, context: {} });
  } catch (e) {
    return e;
  }
}

/** The status of a loader's answer: a Response, or Remix's data() with its init. */
const statusOf = (r: unknown) => (r as { init?: ResponseInit }).init?.status ?? (r as Response).status;

async function noticesOf(userId: number, messageKey: string) {
  return db().selectFrom("notifications").selectAll().where("user_id", "=", userId).where("message_key", "=", messageKey).execute();
}

describe(`a merged candidate's address (${dialectUnderTest})`, () => {
  it("forwards the old address to the candidate it went into, with the day, also after a further merge", async () => {
    const f = await workshopFixture(db(), { candidates: 3, schedule: false });
    const [a, b, c] = f.candidates;
    const reader = await createUser(db(), { organisation: "Saarbrücken" });

    await mergeCandidates(db(), f.manager.actor, a.id, b.id);
    const res = (await openPage(reader.id, b.id)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/kandidaten/${a.id}`);
    // The toast that the target page shows names the old candidate, the new one and the day.
    const { toast } = await readToast(new Request("http://localhost/", { headers: { Cookie: (res.headers.get("Set-Cookie") ?? "").split(";")[0] } }));
    expect(toast).toMatchObject({ type: "info", messageKey: "bundling:toast.mergedAway", values: { title: b.title, into: a.title } });
    expect(toast?.values?.date).toMatch(/\d{4}/);

    // A merges further into C: B's old address now leads straight to C, and so does A's.
    await mergeCandidates(db(), f.manager.actor, c.id, a.id);
    for (const old of [a.id, b.id]) {
      const again = (await openPage(reader.id, old)) as Response;
      expect(again.status).toBe(302);
      expect(again.headers.get("Location")).toBe(`/kandidaten/${c.id}`);
    }
    expect(await findMergedCandidate(db(), reader.actor, b.id)).toMatchObject({ intoId: c.id, intoTitle: c.title, title: b.title });

    // An id that never existed stays „not found“.
    expect(statusOf(await openPage(reader.id, 99_999_999))).toBe(404);
  });

  it("forwards only for those who may see candidates", async () => {
    const f = await workshopFixture(db(), { candidates: 2, schedule: false });
    await mergeCandidates(db(), f.manager.actor, f.candidates[0].id, f.candidates[1].id);
    const nobody = await createUser(db(), { organisation: "Saarbrücken", roles: [] });
    expect((await errorOf(findMergedCandidate(db(), nobody.actor, f.candidates[1].id))).status).toBe(403);
    expect(statusOf(await openPage(nobody.id, f.candidates[1].id))).toBe(403);
  });

  it("tells the organisations whose requirements moved and the leads of the merged candidate's team", async () => {
    const f = await workshopFixture(db(), { candidates: 2, schedule: false });
    const [into, gone] = f.candidates;
    await mergeCandidates(db(), f.manager.actor, into.id, gone.id);
    for (const follower of [f.filer, f.cosigner]) {
      const notes = await noticesOf(follower.id, "bundling:notifications.mergedRequirement");
      expect(notes).toHaveLength(1);
      expect(notes[0].link).toBe(`/anforderungen/${gone.requirementId}`);
      expect(JSON.parse(notes[0].params ?? "{}")).toMatchObject({ candidate: into.title, from: gone.title });
    }
    const lead = await noticesOf(f.lead.id, "bundling:notifications.mergedTeam");
    expect(lead).toHaveLength(1);
    expect(lead[0].link).toBe(`/kandidaten/${into.id}`);
    // Team members who do not lead and the manager who merged are not told.
    expect(await noticesOf(f.members[0].id, "bundling:notifications.mergedTeam")).toHaveLength(0);
    expect(await noticesOf(f.manager.id, "bundling:notifications.mergedTeam")).toHaveLength(0);
  });
});

describe(`a deactivated Kompetenzteam stays assigned (${dialectUnderTest})`, () => {
  it("shows the current inactive team in the form, keeps it when saved unchanged and refuses it for another candidate", async () => {
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const filer = await createUser(db(), { organisation: "Homburg" });
    const teamId = await createTeam(db());
    const mine = await createCandidate(db(), rm.actor, { requirementIds: [await fileRequirement(db(), filer.actor, { title: "Wohngeld online" })], title: "Wohngeld" });
    const other = await createCandidate(db(), rm.actor, { requirementIds: [await fileRequirement(db(), filer.actor, { title: "Elterngeld online" })], title: "Elterngeld" });
    await assignTeam(db(), rm.actor, mine.id, teamId);
    await db().updateTable("teams").set({ active: 0 }).where("id", "=", teamId).execute();

    const detail = await getCandidateDetail(db(), rm.actor, mine.id);
    expect(detail.curation?.teams).toContainEqual(expect.objectContaining({ id: teamId, active: false }));
    // Another candidate's form offers active teams only.
    expect((await getCandidateDetail(db(), rm.actor, other.id)).curation?.teams.map((t) => t.id)).not.toContain(teamId);

    // Saving the form unchanged (through the route) keeps the assignment.
    const mod = await import("../../app/routes/kandidaten.$id");
    const request = await requestAs(db(), rm.id, `/kandidaten/${mine.id}`, {
      method: "POST",
      body: formBody({ intent: "team", teamId: String(teamId), version: String(detail.version) }),
    });
    const res = (await mod.action({ request, params: { id: String(mine.id) }, context: {} })) as Response;
    expect(res.status).toBe(302);
    expect((await getCandidateDetail(db(), rm.actor, mine.id)).teamId).toBe(teamId);

    expect(await errorOf(assignTeam(db(), rm.actor, other.id, teamId))).toMatchObject({ status: 400, messageKey: "bundling:errors.teamInvalid", field: "teamId" });
    expect((await getCandidateDetail(db(), rm.actor, other.id)).teamId).toBeNull();
  });
});

describe(`the workshop's decision in the candidate's history (${dialectUnderTest})`, () => {
  it("carries the decision, the rank and the rationale", async () => {
    const f = await liveItemFixture(db());
    await revealItem(db(), f.lead.actor, f.workshopId, f.itemId, { confirmed: true });
    await decideItem(db(), f.lead.actor, f.workshopId, { itemId: f.itemId, decision: "prioritise", rank: 2, rationale: "Hoher Nutzen für alle Kommunen." });
    const item = await db().selectFrom("workshop_items").select("candidate_id").where("id", "=", f.itemId).executeTakeFirstOrThrow();
    const detail = await getCandidateDetail(db(), f.filer.actor, item.candidate_id);
    expect(detail.events.find((e) => e.kind === "workshop_decided")).toMatchObject({
      decision: "prioritise",
      rank: 2,
      deferredUntil: null,
      rationale: "Hoher Nutzen für alle Kommunen.",
    });
  });
});
