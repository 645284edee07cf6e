import { afterAll, describe, expect, it } from "vitest";
import { closeLiveBus, getLiveBus, type LiveEvent } from "#app/modules/workshops/live.server";
import { isoToBerlinLocal } from "#app/utils/time";
import {
  cancelWorkshop,
  changeAgenda,
  getWorkshopState,
  listMyWorkshops,
  scheduleWorkshop,
  startWorkshop,
  submitScores,
} from "#app/modules/workshops/workshops.server";
import { AppError } from "#app/utils/errors.server";
import { createUser, formBody, requestAs } from "#tests/factories/index";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { action as pageAction } from "#app/routes/workshops.$id._index";
import { action as liveAction } from "#app/routes/workshops.$id.live";

// Changes to a scheduled workshop on its page (move, agenda and invitations, cancel), through the
// real route action, with the refusals a user relies on: wrong role, wrong status, bad input.

const { db } = setupTestDatabase();
afterAll(async () => {
  await closeLiveBus();
});

type Body = Record<string, string | string[]>;

async function call(fn: typeof pageAction | typeof liveAction, userId: number, url: string, id: number, body: Body): Promise<unknown> {
  const request = await requestAs(db(), userId, url, { method: "POST", body: formBody(body) });
  try {
    return await fn({ request, params: { id: String(id) }, context: {} });
  } catch (thrown) {
    return thrown;
  }
}
const post = (userId: number, id: number, body: Body) => call(pageAction, userId, `/workshops/${id}`, id, body);
const postLive = (userId: number, id: number, body: Body) => call(liveAction, userId, `/workshops/${id}/live`, id, body);
const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as { init?: { status?: number } | null }).init?.status ?? 200));
/** The reply's error keys per field ("" for the form), as conform's submission.reply() carries them. */
const errorsOf = (r: unknown) => ((r as { data?: { error?: Record<string, string[]> } }).data?.error ?? {}) as Record<string, string[]>;

const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${isoToBerlinLocal(d.toISOString()).slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
};

/** A team with `candidates` open candidates, the first `onAgenda` of them scheduled, and the first `invite` of its members invited. */
async function setup(opts: { candidates?: number; onAgenda?: number; members?: number; invite?: number } = {}) {
  const f = await workshopFixture(db(), { schedule: false, candidates: opts.candidates ?? 3, members: opts.members ?? 3 });
  const agenda = f.candidates.slice(0, opts.onAgenda ?? 2);
  const invited = f.members.slice(0, opts.invite ?? 2);
  const { id } = await scheduleWorkshop(db(), f.lead.actor, {
    teamId: f.teamId,
    title: `Priorisierung ${f.teamId}`,
    scheduledAt: inDays(7),
    location: "Rathaus, Raum 1",
    candidateIds: agenda.map((c) => c.id),
    participantIds: invited.map((m) => m.id),
  });
  return { ...f, workshopId: id };
}

async function workshopRow(id: number) {
  return db().selectFrom("workshops").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
async function statusOfCandidates(ids: number[]) {
  const rows = await db().selectFrom("candidates").select(["id", "status"]).where("id", "in", ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)?.status);
}
async function agendaOf(workshopId: number) {
  return db().selectFrom("workshop_items").select(["candidate_id", "position", "state"]).where("workshop_id", "=", workshopId).orderBy("position").execute();
}
async function invitedOf(workshopId: number) {
  const rows = await db().selectFrom("workshop_participants").select("user_id").where("workshop_id", "=", workshopId).orderBy("user_id").execute();
  return rows.map((r) => r.user_id);
}
async function notificationsOf(userId: number, key: string) {
  return db().selectFrom("notifications").selectAll().where("user_id", "=", userId).where("message_key", "=", key).execute();
}
async function eventsOf(candidateId: number) {
  const rows = await db().selectFrom("candidate_events").select(["kind", "detail"]).where("candidate_id", "=", candidateId).orderBy("id").execute();
  return rows.map((r) => ({ kind: r.kind, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {} }));
}
async function auditOf(workshopId: number, action: string) {
  return db().selectFrom("audit_log").selectAll().where("entity_type", "=", "workshop").where("entity_id", "=", String(workshopId)).where("action", "=", action).execute();
}
async function scoreAll(actor: Parameters<typeof submitScores>[1], workshopId: number, itemId: number) {
  const criteria = await db().selectFrom("workshop_criteria").select("id").where("workshop_id", "=", workshopId).execute();
  await submitScores(db(), actor, workshopId, { itemId, scores: criteria.map((c) => ({ criterionId: c.id, value: 3 })) });
}
/** Everything a change could touch, to show that a refused request changed nothing. */
async function snapshot(workshopId: number) {
  const [w, items, people, scores, candidates, notifications] = await Promise.all([
    workshopRow(workshopId),
    agendaOf(workshopId),
    invitedOf(workshopId),
    db().selectFrom("workshop_scores").select(["item_id", "user_id", "value"]).orderBy("id").execute(),
    db().selectFrom("candidates").select(["id", "status", "version"]).orderBy("id").execute(),
    db().selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return JSON.stringify({ w, items, people, scores, candidates, n: Number(notifications.n) });
}

describe(`changing a scheduled workshop (${dialectUnderTest})`, () => {
  it("moves it: a past or invalid date is refused at the field, a new date is saved, audited and sent to the invited", async () => {
    const f = await setup();
    const before = await snapshot(f.workshopId);

    const past = await post(f.lead.id, f.workshopId, { intent: "reschedule", scheduledAt: "2020-01-15T10:00", location: "", note: "" });
    expect(statusOf(past)).toBe(400);
    expect(errorsOf(past).scheduledAt).toEqual(["workshops:errors.datePast"]);
    const nonsense = await post(f.lead.id, f.workshopId, { intent: "reschedule", scheduledAt: "2030-13-01T10:00", location: "", note: "" });
    expect(statusOf(nonsense)).toBe(400);
    expect(errorsOf(nonsense).scheduledAt).toEqual(["workshops:errors.dateMissing"]);
    const missing = await post(f.lead.id, f.workshopId, { intent: "reschedule", location: "" });
    expect(errorsOf(missing).scheduledAt).toEqual(["workshops:errors.dateMissing"]);
    const same = await post(f.lead.id, f.workshopId, { intent: "reschedule", scheduledAt: inDays(7), location: "Rathaus, Raum 1" });
    expect(errorsOf(same).scheduledAt).toEqual(["workshops:errors.dateUnchanged"]);
    expect(await snapshot(f.workshopId)).toBe(before);

    const received: LiveEvent[] = [];
    const stop = getLiveBus().subscribe(f.workshopId, (e) => received.push(e));
    const moved = await post(f.manager.id, f.workshopId, { intent: "reschedule", scheduledAt: "2031-03-04T14:30", location: "Videokonferenz", note: "Der Raum ist belegt." });
    expect(statusOf(moved)).toBe(302);
    expect((moved as Response).headers.get("Location")).toBe(`/workshops/${f.workshopId}`);
    const w = await workshopRow(f.workshopId);
    expect(w).toMatchObject({ scheduled_at: "2031-03-04T13:30:00.000Z", location: "Videokonferenz", status: "scheduled" });
    // Everybody invited (members and the lead) is told the new time, in German time; the one who moved it is not.
    for (const user of [f.members[0], f.members[1], f.lead]) {
      const [n] = await notificationsOf(user.id, "workshops:notifications.rescheduledNote");
      expect(JSON.parse(n.params!)).toMatchObject({ date: "04.03.2031, 14:30", note: "Der Raum ist belegt." });
      expect(n.link).toBe(`/workshops/${f.workshopId}`);
    }
    expect(await notificationsOf(f.members[2].id, "workshops:notifications.rescheduledNote")).toEqual([]);
    expect(await notificationsOf(f.manager.id, "workshops:notifications.rescheduledNote")).toEqual([]);
    const [row] = await auditOf(f.workshopId, "workshop.reschedule");
    expect(JSON.parse(row.detail!)).toMatchObject({ to: "2031-03-04T13:30:00.000Z", note: "Der Raum ist belegt." });
    expect(row.actor_user_id).toBe(f.manager.id);

    // Without a note, the plain message.
    await post(f.lead.id, f.workshopId, { intent: "reschedule", scheduledAt: "2031-03-05T09:00", location: "Videokonferenz", note: "" });
    expect(await notificationsOf(f.members[0].id, "workshops:notifications.rescheduled")).toHaveLength(1);
    // Only the place changed: that is the news.
    expect(statusOf(await post(f.lead.id, f.workshopId, { intent: "reschedule", scheduledAt: "2031-03-05T09:00", location: "Rathaus, Saal", note: "" }))).toBe(302);
    const [relocated] = await notificationsOf(f.members[0].id, "workshops:notifications.relocated");
    expect(JSON.parse(relocated.params!)).toMatchObject({ date: "05.03.2031, 09:00", location: "Rathaus, Saal" });
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(received.map((e) => e.k)).toContain("changed");
  });

  it("changes the agenda: added candidates become scheduled, removed ones open again (timeline rows, advance scores dropped); the last one stays", async () => {
    const f = await setup({ candidates: 3, onAgenda: 2 });
    const [a, b, c] = f.candidates;
    const itemB = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", f.workshopId).where("candidate_id", "=", b.id).executeTakeFirstOrThrow();
    await scoreAll(f.members[0].actor, f.workshopId, itemB.id);
    const invited = (await invitedOf(f.workshopId)).map(String);

    const reply = await post(f.lead.id, f.workshopId, { intent: "agenda", candidateIds: [String(a.id), String(c.id)], participantIds: invited });
    expect(statusOf(reply)).toBe(302);
    expect(await statusOfCandidates([a.id, b.id, c.id])).toEqual(["scheduled", "open", "scheduled"]);
    expect(await agendaOf(f.workshopId)).toEqual([
      { candidate_id: a.id, position: 1, state: "pending" },
      { candidate_id: c.id, position: 2, state: "pending" },
    ]);
    expect(await db().selectFrom("workshop_scores").select("id").where("item_id", "=", itemB.id).execute()).toEqual([]);
    expect((await eventsOf(b.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(["workshop_scheduled", "workshop_removed"]));
    expect((await eventsOf(b.id)).at(-1)).toMatchObject({ kind: "workshop_removed", detail: { workshopId: f.workshopId } });
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({ kind: "workshop_scheduled", detail: { workshopId: f.workshopId } });
    const [row] = await auditOf(f.workshopId, "workshop.agenda");
    expect(JSON.parse(row.detail!)).toMatchObject({ addedCandidateIds: [c.id], removedCandidateIds: [b.id] });
    // The page lists the candidate taken off as one that may be added again.
    const state = await getWorkshopState(db(), f.lead.actor, f.workshopId, { withChangeOptions: true });
    expect(state.may.change).toBe(true);
    expect(state.changeOptions?.candidates.map((x) => x.id)).toEqual([b.id]);

    // Nothing ticked: refused at the field, nothing changed.
    const other = await workshopFixture(db(), { schedule: false, candidates: 1, members: 1 });
    const before = await snapshot(f.workshopId);
    const empty = await post(f.lead.id, f.workshopId, { intent: "agenda", participantIds: invited });
    expect(statusOf(empty)).toBe(400);
    expect(errorsOf(empty).candidateIds).toEqual(["workshops:errors.agendaLastItem"]);
    // A candidate of another team is refused, and with it the whole change.
    const foreign = await post(f.lead.id, f.workshopId, { intent: "agenda", candidateIds: [String(other.candidates[0].id)], participantIds: invited });
    expect(statusOf(foreign)).toBe(409);
    expect(errorsOf(foreign).candidateIds).toEqual(["workshops:errors.candidateUnavailable"]);
    expect(await snapshot(f.workshopId)).toBe(before);
    expect(await statusOfCandidates([other.candidates[0].id])).toEqual(["open"]);

    // The same agenda again changes nothing.
    expect(statusOf(await post(f.lead.id, f.workshopId, { intent: "agenda", candidateIds: [String(a.id), String(c.id)], participantIds: invited }))).toBe(302);
    expect(await snapshot(f.workshopId)).toBe(before);
  });

  it("changes the invitations: the newly invited and the uninvited are told, the uninvited's advance scores go, the lead stays, outsiders are refused", async () => {
    const f = await setup({ members: 3, invite: 2 });
    const [m0, m1, m2] = f.members;
    const item = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", f.workshopId).orderBy("position").executeTakeFirstOrThrow();
    await scoreAll(m1.actor, f.workshopId, item.id);
    const agenda = f.candidates.slice(0, 2).map((c) => String(c.id));
    const outsider = await createUser(db(), { organisation: "Perl", roles: ["team_member"] });

    const before = await snapshot(f.workshopId);
    const refused = await post(f.manager.id, f.workshopId, { intent: "agenda", candidateIds: agenda, participantIds: [String(m0.id), String(outsider.id)] });
    expect(statusOf(refused)).toBe(400);
    expect(errorsOf(refused).participantIds).toEqual(["workshops:errors.notTeamMember"]);
    expect(await snapshot(f.workshopId)).toBe(before);

    // The lead's box is not sent: the lead stays invited all the same.
    const reply = await post(f.manager.id, f.workshopId, { intent: "agenda", candidateIds: agenda, participantIds: [String(m0.id), String(m2.id)] });
    expect(statusOf(reply)).toBe(302);
    expect(await invitedOf(f.workshopId)).toEqual([f.lead.id, m0.id, m2.id].sort((x, y) => x - y));
    expect(await notificationsOf(m2.id, "workshops:notifications.invited")).toHaveLength(1);
    expect(await notificationsOf(m1.id, "workshops:notifications.uninvited")).toHaveLength(1);
    expect(await notificationsOf(m0.id, "workshops:notifications.uninvited")).toEqual([]);
    expect(await db().selectFrom("workshop_scores").select("id").where("user_id", "=", m1.id).execute()).toEqual([]);
    const [row] = await auditOf(f.workshopId, "workshop.agenda");
    expect(JSON.parse(row.detail!)).toMatchObject({ invitedUserIds: [m2.id], uninvitedUserIds: [m1.id], addedCandidateIds: [], removedCandidateIds: [] });
    // The newly invited may score in advance; the uninvited is no longer a participant.
    expect((await getWorkshopState(db(), m2.actor, f.workshopId)).me.score).toBe(true);
    expect((await getWorkshopState(db(), m1.actor, f.workshopId)).me.participant).toBe(false);
  });

  it("cancels with a required reason: candidates open again, the invited told why; afterwards nothing may start, score or change it", async () => {
    const f = await setup({ candidates: 2, onAgenda: 2 });
    const [a, b] = f.candidates;
    const before = await snapshot(f.workshopId);
    for (const reason of ["", "   "]) {
      const reply = await post(f.lead.id, f.workshopId, { intent: "cancel", reason });
      expect(statusOf(reply)).toBe(400);
      expect(errorsOf(reply).reason).toEqual(["workshops:errors.cancelReasonMissing"]);
    }
    expect(await snapshot(f.workshopId)).toBe(before);
    // It cannot be undone, so it asks first: without confirm=yes the server asks (the reason is kept), nothing changes.
    for (const confirm of [undefined, "", "no"]) {
      const reply = await post(f.lead.id, f.workshopId, { intent: "cancel", reason: "Die Teamleitung ist erkrankt.", ...(confirm === undefined ? {} : { confirm }) });
      expect(statusOf(reply)).toBe(400);
      expect(errorsOf(reply)).toEqual({ confirm: ["validation.confirmRequired"] });
    }
    expect(await snapshot(f.workshopId)).toBe(before);

    const received: LiveEvent[] = [];
    const stop = getLiveBus().subscribe(f.workshopId, (e) => received.push(e));
    const reply = await post(f.lead.id, f.workshopId, { intent: "cancel", reason: "Die Teamleitung ist erkrankt.", confirm: "yes" });
    expect(statusOf(reply)).toBe(302);
    expect((await workshopRow(f.workshopId)).status).toBe("cancelled");
    expect(await statusOfCandidates([a.id, b.id])).toEqual(["open", "open"]);
    expect((await agendaOf(f.workshopId)).map((i) => i.state)).toEqual(["skipped", "skipped"]);
    for (const c of [a, b]) {
      expect((await eventsOf(c.id)).at(-1)).toMatchObject({ kind: "workshop_cancelled", detail: { workshopId: f.workshopId, reason: "Die Teamleitung ist erkrankt." } });
    }
    for (const m of f.members.slice(0, 2)) {
      const [n] = await notificationsOf(m.id, "workshops:notifications.cancelled");
      expect(JSON.parse(n.params!)).toMatchObject({ reason: "Die Teamleitung ist erkrankt." });
    }
    expect(await notificationsOf(f.lead.id, "workshops:notifications.cancelled")).toEqual([]);
    const [row] = await auditOf(f.workshopId, "workshop.cancel");
    expect(JSON.parse(row.detail!)).toMatchObject({ reason: "Die Teamleitung ist erkrankt.", candidateIds: [a.id, b.id] });
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(received.map((e) => e.k)).toContain("cancelled");

    // The page shows why; "Meine Workshops" shows it as cancelled; nobody is offered changes.
    const state = await getWorkshopState(db(), f.members[0].actor, f.workshopId, { withChangeOptions: true });
    const lead = await db().selectFrom("users").select("name").where("id", "=", f.lead.id).executeTakeFirstOrThrow();
    expect(state.cancellation).toMatchObject({ reason: "Die Teamleitung ist erkrankt.", by: lead.name });
    expect((await getWorkshopState(db(), f.lead.actor, f.workshopId, { withChangeOptions: true })).may).toMatchObject({ change: false, start: false });
    expect((await listMyWorkshops(db(), f.members[0].actor)).workshops.find((w) => w.id === f.workshopId)?.status).toBe("cancelled");

    // Start, score, and every change are refused with the same German message; nothing changes.
    const after = await snapshot(f.workshopId);
    const start = await postLive(f.lead.id, f.workshopId, { intent: "start", confirm: "yes" });
    expect(statusOf(start)).toBe(409);
    expect(errorsOf(start)[""]).toEqual(["workshops:errors.cancelled"]);
    const item = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", f.workshopId).orderBy("position").executeTakeFirstOrThrow();
    const criteria = await db().selectFrom("workshop_criteria").select("id").where("workshop_id", "=", f.workshopId).execute();
    const score = await postLive(f.members[0].id, f.workshopId, {
      intent: "score",
      itemId: String(item.id),
      ...Object.fromEntries(criteria.flatMap((c, i) => [[`scores[${i}].criterionId`, String(c.id)], [`scores[${i}].value`, "3"]])),
    });
    expect(statusOf(score)).toBe(409);
    expect(errorsOf(score)[""]).toEqual(["workshops:errors.cancelled"]);
    for (const body of <Body[]>[
      { intent: "reschedule", scheduledAt: inDays(9), location: "" },
      { intent: "agenda", candidateIds: [String(a.id)], participantIds: [String(f.members[0].id)] },
      { intent: "cancel", reason: "Noch einmal", confirm: "yes" },
    ]) {
      const r = await post(f.lead.id, f.workshopId, body);
      expect(statusOf(r)).toBe(409);
      expect(errorsOf(r)[""]).toEqual(["workshops:errors.cancelled"]);
    }
    expect(await snapshot(f.workshopId)).toBe(after);
    // The candidates may go on another workshop's agenda.
    const next = await scheduleWorkshop(db(), f.lead.actor, { teamId: f.teamId, title: "Ersatztermin", scheduledAt: inDays(14), location: "", candidateIds: [a.id, b.id], participantIds: [f.members[0].id] });
    expect(next.id).toBeGreaterThan(f.workshopId);
  });

  it("starts only when the lead confirms: without confirm=yes it is refused and nothing changes", async () => {
    const f = await setup({ candidates: 2, onAgenda: 2 });
    const before = await snapshot(f.workshopId);
    const audits = () => db().selectFrom("audit_log").select("id").where("action", "=", "workshop.start").where("entity_id", "=", String(f.workshopId)).execute();
    for (const body of <Body[]>[{ intent: "start" }, { intent: "start", confirm: "" }, { intent: "start", confirm: "no" }]) {
      const r = await postLive(f.lead.id, f.workshopId, body);
      expect(statusOf(r)).toBe(400);
      expect(errorsOf(r).confirm).toEqual(["validation.confirmRequired"]);
    }
    expect(await snapshot(f.workshopId)).toBe(before);
    expect(await audits()).toHaveLength(0);
    // Planned a week ahead: the start question names the planned date (for the lead only).
    expect((await getWorkshopState(db(), f.lead.actor, f.workshopId)).may).toMatchObject({ start: true, startOffSchedule: true });
    expect((await getWorkshopState(db(), f.members[0].actor, f.workshopId)).may).toMatchObject({ start: false, startOffSchedule: false });
    // Confirmed, it goes live and the lead lands on the live view.
    const r = await postLive(f.lead.id, f.workshopId, { intent: "start", confirm: "yes" });
    expect(statusOf(r)).toBe(302);
    expect((r as Response).headers.get("Location")).toBe(`/workshops/${f.workshopId}/live`);
    expect((await workshopRow(f.workshopId)).status).toBe("live");
    expect(await audits()).toHaveLength(1);
    expect((await getWorkshopState(db(), f.lead.actor, f.workshopId)).may).toMatchObject({ start: false, startOffSchedule: false });
  });

  it("tells every invited person but the one who started it that the workshop has begun, with the live view's link", async () => {
    const f = await setup({ members: 3, invite: 2 });
    const colead = await createUser(db(), { organisation: "Merzig", roles: ["team_lead"], teamId: f.teamId });
    await changeAgenda(db(), f.manager.actor, f.workshopId, { candidateIds: f.candidates.slice(0, 2).map((c) => c.id), participantIds: [f.members[0].id, f.members[1].id] });
    const title = (await workshopRow(f.workshopId)).title;
    // The co-lead (invited as a lead of the team) starts it.
    expect(statusOf(await postLive(colead.id, f.workshopId, { intent: "start", confirm: "yes" }))).toBe(302);
    for (const user of [f.members[0], f.members[1], f.lead]) {
      const notices = await notificationsOf(user.id, "workshops:notifications.started");
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: "workshop", link: `/workshops/${f.workshopId}/live` });
      expect(JSON.parse(notices[0].params!)).toEqual({ title });
    }
    // Not the one who started it, not a team member who was not invited, not the requirements team.
    for (const user of [colead, f.members[2], f.manager, f.filer]) expect(await notificationsOf(user.id, "workshops:notifications.started"), String(user.id)).toEqual([]);
  });

  it("refuses a workshop that has started or ended", async () => {
    const f = await setup({ candidates: 2, onAgenda: 2 });
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    const before = await snapshot(f.workshopId);
    for (const body of <Body[]>[
      { intent: "reschedule", scheduledAt: inDays(9), location: "" },
      { intent: "agenda", candidateIds: [String(f.candidates[0].id)], participantIds: [String(f.members[0].id)] },
      { intent: "cancel", reason: "Zu spät", confirm: "yes" },
    ]) {
      const r = await post(f.lead.id, f.workshopId, body);
      expect(statusOf(r)).toBe(409);
      expect(errorsOf(r)[""]).toEqual(["workshops:errors.notChangeable"]);
    }
    expect(await snapshot(f.workshopId)).toBe(before);
    expect((await getWorkshopState(db(), f.lead.actor, f.workshopId, { withChangeOptions: true })).changeOptions).toBeNull();
  });

  it("lets only the requirements team, the team's lead and admins change it; others are refused and nothing changes", async () => {
    const f = await setup({ candidates: 2, onAgenda: 2 });
    const otherLead = (await workshopFixture(db(), { schedule: false, candidates: 0, members: 0 })).lead;
    const staff = await createUser(db(), { organisation: "Homburg" });
    const management = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const agenda = [String(f.candidates[0].id)];
    const bodies: Body[] = [
      { intent: "reschedule", scheduledAt: inDays(9), location: "", note: "" },
      { intent: "agenda", candidateIds: agenda, participantIds: [String(f.members[0].id)] },
      { intent: "cancel", reason: "Kein Bedarf", confirm: "yes" },
    ];
    const before = await snapshot(f.workshopId);
    // Invited member (sees it, may not change it) → 403; people who may not see it → 404.
    for (const [userId, expected] of [
      [f.members[0].id, 403],
      [f.members[2].id, 403],
      [otherLead.id, 404],
      [staff.id, 404],
      [management.id, 404],
    ] as const) {
      for (const body of bodies) expect(statusOf(await post(userId, f.workshopId, body)), `${userId} ${body.intent}`).toBe(expected);
    }
    // Anonymous: to the sign-in page.
    const request = new Request(`http://localhost/workshops/${f.workshopId}`, { method: "POST", headers: { Origin: "http://localhost" }, body: formBody(bodies[2]) });
    const anonymous = await pageAction({ request, params: { id: String(f.workshopId) }, context: {} }).catch((e: unknown) => e);
    expect((anonymous as Response).headers.get("Location")).toMatch(/^\/anmelden/);
    expect(await snapshot(f.workshopId)).toBe(before);
    expect((await getWorkshopState(db(), f.members[0].actor, f.workshopId, { withChangeOptions: true })).may.change).toBe(false);

    // The admin may (schedule:workshop for any team).
    expect(statusOf(await post(admin.id, f.workshopId, bodies[0]))).toBe(302);
    expect(statusOf(await post(admin.id, f.workshopId, bodies[1]))).toBe(302);
    expect(await agendaOf(f.workshopId)).toHaveLength(1);
  });

  it("refuses a direct call without a reason or an agenda item, whatever the form did", async () => {
    const f = await setup();
    const e1 = await cancelWorkshop(db(), f.lead.actor, f.workshopId, { reason: "  " }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(AppError);
    expect((e1 as AppError).messageKey).toBe("workshops:errors.cancelReasonMissing");
    const e2 = await changeAgenda(db(), f.lead.actor, f.workshopId, { candidateIds: [], participantIds: [] }).catch((e: unknown) => e);
    expect((e2 as AppError).messageKey).toBe("workshops:errors.agendaLastItem");
  });
});
