import type { DB } from "#db/client.server";
import { createCandidate, assignTeam } from "#app/modules/bundling/candidates.server";
import { cosignRequirement } from "#app/modules/requirements/requirements.server";
import { isoToBerlinLocal } from "#app/utils/time";
import { endWorkshop, openItem, publishMinutes, scheduleWorkshop, startWorkshop } from "#app/modules/workshops/workshops.server";
import { createSession, loadActor } from "#app/modules/auth/session.server";
import { createTeam, createUser, formBody } from "./index";
import { fileRequirement } from "./requirements";

let counter = 0;

/**
 * A Kompetenzteam with a lead and members, open candidates assigned to it (each from one requirement
 * of Homburg, co-signed by Merzig) and, unless `schedule: false`, a workshop with all of them.
 */
export async function workshopFixture(db: DB, opts: { members?: number; candidates?: number; schedule?: boolean } = {}) {
  const n = ++counter;
  const teamId = await createTeam(db, { name: `Kompetenzteam Test ${Date.now().toString(36)}-${n}` });
  const lead = await createUser(db, { organisation: "Neunkirchen", roles: ["team_lead"], teamId });
  const members = [];
  for (let i = 0; i < (opts.members ?? 2); i++) members.push(await createUser(db, { organisation: "Völklingen", roles: ["team_member"], teamId }));
  const manager = await createUser(db, { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
  const filer = await createUser(db, { organisation: "Homburg" });
  const cosigner = await createUser(db, { organisation: "Merzig" });
  const candidates: { id: number; requirementId: number; title: string }[] = [];
  for (let i = 0; i < (opts.candidates ?? 1); i++) {
    const title = `Workshop-Kandidat ${n}.${i + 1}`;
    const requirementId = await fileRequirement(db, filer.actor, { title: `Anforderung zu ${title}` });
    await cosignRequirement(db, cosigner.actor, requirementId, {});
    const c = await createCandidate(db, manager.actor, { requirementIds: [requirementId], title });
    await assignTeam(db, manager.actor, c.id, teamId);
    candidates.push({ id: c.id, requirementId, title });
  }
  let workshopId = 0;
  if (opts.schedule !== false) {
    const tomorrow = isoToBerlinLocal(new Date(Date.now() + 86_400_000).toISOString());
    workshopId = (
      await scheduleWorkshop(db, lead.actor, {
        teamId,
        title: `Priorisierung ${n}`,
        scheduledAt: tomorrow,
        location: "",
        candidateIds: candidates.map((c) => c.id),
        participantIds: members.map((m) => m.id),
      })
    ).id;
  }
  return { teamId, lead, members, manager, filer, cosigner, candidates, workshopId };
}

/**
 * For the route table: in the team of the given lead, a workshop with published minutes and a
 * scheduled one (with the same candidate, back to open after the first ended undecided).
 */
export async function workshopRouteFixtures(db: DB, leadUserId: number) {
  const lead = await db.selectFrom("users").select(["id", "organisation_id"]).where("id", "=", leadUserId).executeTakeFirstOrThrow();
  const actor = await loadActor(db, lead.id, lead.organisation_id);
  const leadTeamId = actor.roles.find((r) => r.role === "team_lead")!.teamId!;
  const manager = await createUser(db, { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
  const filer = await createUser(db, { organisation: "Homburg" });
  const requirementId = await fileRequirement(db, filer.actor, { title: "Sperrmüll online anmelden (Workshop)" });
  const candidate = await createCandidate(db, manager.actor, { requirementIds: [requirementId], title: "Sperrmüll online" });
  await assignTeam(db, manager.actor, candidate.id, leadTeamId);
  const input = {
    teamId: leadTeamId,
    title: "Priorisierung",
    scheduledAt: isoToBerlinLocal(new Date(Date.now() + 86_400_000).toISOString()),
    location: "",
    candidateIds: [candidate.id],
    participantIds: [lead.id],
  };
  const published = await scheduleWorkshop(db, actor, input);
  await startWorkshop(db, actor, published.id);
  await endWorkshop(db, actor, published.id);
  await publishMinutes(db, actor, published.id);
  const scheduled = await scheduleWorkshop(db, actor, input);
  return { leadTeamId, workshopId: scheduled.id, publishedWorkshopId: published.id };
}

/** A started workshop with its first item open for scoring, and session cookies for lead and first member. */
export async function liveItemFixture(db: DB) {
  const f = await workshopFixture(db, { members: 2 });
  await startWorkshop(db, f.lead.actor, f.workshopId);
  const item = await db.selectFrom("workshop_items").select("id").where("workshop_id", "=", f.workshopId).executeTakeFirstOrThrow();
  await openItem(db, f.lead.actor, f.workshopId, item.id);
  const cookie = async (userId: number) => `bundel_session=${(await createSession(db, userId)).token}`;
  const [leadCookie, memberCookie] = await Promise.all([cookie(f.lead.id), cookie(f.members[0].id)]);
  const criteria = await db.selectFrom("workshop_criteria").select("id").where("workshop_id", "=", f.workshopId).orderBy("position").execute();
  /** Posts the member's scores to the live page's action on the given server (single fetch: ".data"). */
  const postScore = (base: string) =>
    fetch(`${base}/workshops/${f.workshopId}/live.data`, {
      method: "POST",
      headers: { Cookie: memberCookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: formBody({
        intent: "score",
        itemId: String(item.id),
        ...Object.fromEntries(criteria.flatMap((c, i) => [[`scores[${i}].criterionId`, String(c.id)], [`scores[${i}].value`, String((i % 5) + 1)]])),
      }),
    });
  return { ...f, itemId: item.id, leadCookie, memberCookie, postScore };
}
