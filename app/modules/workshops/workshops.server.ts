import { now, type DB, type DbOrTx, type Tx } from "#db/client.server";
import { type AuditActionsOf } from "#app/modules/audit/actions";
import { recordAudit } from "#app/modules/audit/audit.server";
import { can, TEAM_ROLES, type Actor } from "#app/modules/auth/permissions";
import { getCandidateDetail } from "#app/modules/bundling/candidates.server";
import { notifyUsers } from "#app/modules/notifications/notifications.server";
import { sortGerman } from "#app/modules/organisations/order";
import { AppError, forbidden, notFound } from "#app/utils/errors.server";
import { ensureCriteria, listCriteria } from "./criteria.server";
import { getLiveBus, type LiveEvent, type LiveKind } from "./live.server";
import { LIMITS, scheduledAtProblem, type AgendaInput, type CarriedNotes, type LiveAction, type MoveDirection, type RescheduleInput, type ScheduleInput, type ScoreInput } from "./schema";
import { aggregate, hasScoredAll, isValidScore, scoringProgress, type ItemResult } from "./scoring";
import { berlinLocalToIso, isoToBerlinLocal, isoToBerlinText } from "#app/utils/time";
import {
  areScoresVisible,
  DECIDABLE_REQUIREMENT_STATUSES,
  DECISION_STATUS,
  isChangeable,
  isOffSchedule,
  isScorable,
  nextItemState,
  nextWorkshopStatus,
  rankedOrder,
  type Decision,
  type ItemAction,
  type ItemState,
  type WorkshopAction,
  type WorkshopStatus,
} from "./workflow";

export const workshopLink = (id: number) => `/workshops/${id}`;
const candidateLink = (id: number) => `/kandidaten/${id}`;

// ——— access ———

interface WorkshopRow {
  id: number;
  team_id: number;
  title: string;
  status: WorkshopStatus;
  scheduled_at: string;
  location: string;
  current_item_id: number | null;
  moderator_user_id: number | null;
  started_at: string | null;
  ended_at: string | null;
  published_at: string | null;
}

export interface WorkshopAccess {
  view: boolean;
  participant: boolean;
  score: boolean;
  moderate: boolean;
}

function inTeam(actor: Actor, teamId: number): boolean {
  return actor.roles.some((r) => TEAM_ROLES.includes(r.role) && r.teamId === teamId);
}

/** Pure: what the actor may do in this workshop, given whether they were invited. */
export function accessTo(actor: Actor, teamId: number, participant: boolean): WorkshopAccess {
  const scope = { teamId };
  const moderate = can(actor, "moderate:workshop", scope);
  const score = participant && can(actor, "score:workshop", scope);
  const view = participant || moderate || inTeam(actor, teamId) || can(actor, "schedule:workshop", scope);
  return { view, participant, score, moderate };
}

async function findWorkshop(db: DbOrTx, id: number): Promise<WorkshopRow | undefined> {
  const row = await db
    .selectFrom("workshops")
    .select(["id", "team_id", "title", "status", "scheduled_at", "location", "current_item_id", "moderator_user_id", "started_at", "ended_at", "published_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ...row, status: row.status as WorkshopStatus } : undefined;
}

/** The workshop as the actor may see it: not found when it does not exist or is none of theirs. */
async function loadVisible(db: DbOrTx, actor: Actor, id: number) {
  const [w, p] = await Promise.all([
    findWorkshop(db, id),
    db.selectFrom("workshop_participants").select(["role", "attended"]).where("workshop_id", "=", id).where("user_id", "=", actor.userId).executeTakeFirst(),
  ]);
  if (!w) throw notFound();
  const access = accessTo(actor, w.team_id, !!p);
  if (!access.view) throw notFound();
  return { w, access, attended: !!p?.attended };
}

async function loadForModeration(db: DbOrTx, actor: Actor, id: number) {
  const loaded = await loadVisible(db, actor, id);
  if (!loaded.access.moderate) throw forbidden();
  return loaded;
}

async function findItem(db: DbOrTx, workshopId: number, itemId: number) {
  const item = await db.selectFrom("workshop_items").selectAll().where("id", "=", itemId).where("workshop_id", "=", workshopId).executeTakeFirst();
  if (!item) throw new AppError("invalid", 400, "workshops:errors.itemUnknown");
  return { ...item, state: item.state as ItemState };
}

async function publish(workshopId: number, k: LiveKind, extra: Partial<LiveEvent> = {}) {
  await getLiveBus().publish({ w: workshopId, k, ...extra });
}

async function audit(db: DbOrTx, actor: Actor, action: AuditActionsOf<"workshop">, workshopId: number, detail: Record<string, unknown> | null = null) {
  await recordAudit(db, { actorUserId: actor.userId, action: `workshop.${action}`, entityType: "workshop", entityId: workshopId, detail });
}

async function teamMembers(db: DbOrTx, teamId: number) {
  const rows = await db
    .selectFrom("role_assignments")
    .innerJoin("users", "users.id", "role_assignments.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.name", "organisations.name as organisationName", "role_assignments.role"])
    .where("role_assignments.team_id", "=", teamId)
    .where("role_assignments.role", "in", TEAM_ROLES)
    .where("users.active", "=", 1)
    .orderBy("users.id")
    .execute()
    .then((r) => sortGerman(r, (x) => x.name));
  const byUser = new Map<number, { id: number; name: string; organisationName: string; lead: boolean }>();
  for (const r of rows) {
    const prev = byUser.get(r.id);
    byUser.set(r.id, { id: r.id, name: r.name, organisationName: r.organisationName, lead: (prev?.lead ?? false) || r.role === "team_lead" });
  }
  return [...byUser.values()];
}

// ——— scheduling ———

/** Teams the actor may schedule workshops for. */
export async function schedulableTeams(db: DbOrTx, actor: Actor) {
  const teams = sortGerman(await db.selectFrom("teams").select(["id", "name"]).where("active", "=", 1).orderBy("id").execute(), (t) => t.name);
  return teams.filter((t) => can(actor, "schedule:workshop", { teamId: t.id }));
}

export function maySchedule(actor: Actor): boolean {
  return can(actor, "schedule:workshop") || actor.roles.some((r) => r.teamId !== null && can(actor, "schedule:workshop", { teamId: r.teamId }));
}

/** The scheduling form: teams to choose from and, for the chosen team, its open candidates and members. */
export async function getScheduleOptions(db: DbOrTx, actor: Actor, teamId: number | undefined) {
  if (!maySchedule(actor)) throw forbidden();
  const teams = await schedulableTeams(db, actor);
  const team = teams.find((t) => t.id === teamId) ?? (teams.length === 1 ? teams[0] : undefined);
  if (!team) return { teams, team: null, candidates: [], members: [] };
  const [candidates, members] = await Promise.all([
    db.selectFrom("candidates").select(["id", "title", "themenfeld"]).where("team_id", "=", team.id).where("status", "=", "open").orderBy("id").execute().then((r) => sortGerman(r, (c) => c.title)),
    teamMembers(db, team.id),
  ]);
  return { teams, team, candidates, members };
}

/**
 * The datetime-local value as ISO UTC; refused (at the field) when invalid or in the past (an hour's
 * grace). "Past" is by the use case's clock, so the demo's replayed history can plan on its own day.
 */
function futureDate(local: string): string {
  const problem = scheduledAtProblem(local, now());
  const iso = berlinLocalToIso(local);
  if (problem || !iso) throw new AppError("invalid", 400, problem ?? "workshops:errors.dateMissing", "scheduledAt");
  return iso;
}

export async function scheduleWorkshop(db: DB, actor: Actor, input: ScheduleInput): Promise<{ id: number }> {
  const team = await db.selectFrom("teams").select(["id", "name"]).where("id", "=", input.teamId).where("active", "=", 1).executeTakeFirst();
  if (!team) throw new AppError("invalid", 400, "workshops:errors.teamInvalid", "teamId");
  if (!can(actor, "schedule:workshop", { teamId: team.id })) throw forbidden();
  const scheduledAt = futureDate(input.scheduledAt);
  const candidateIds = [...new Set(input.candidateIds)];
  const members = await teamMembers(db, team.id);
  const invited = [...new Set(input.participantIds)];
  if (!invited.every((u) => members.some((m) => m.id === u))) throw new AppError("invalid", 400, "workshops:errors.notTeamMember", "participantIds");
  await ensureCriteria(db, team.id);
  const criteria = await listCriteria(db, team.id, { activeOnly: true });
  if (criteria.length === 0) throw new AppError("conflict", 409, "workshops:errors.noCriteria");
  const leads = members.filter((m) => m.lead).map((m) => m.id);

  const id = await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("candidates")
      .select(["id", "title"])
      .where("id", "in", candidateIds)
      .where("team_id", "=", team.id)
      .where("status", "=", "open")
      .execute();
    if (open.length !== candidateIds.length) throw new AppError("conflict", 409, "workshops:errors.candidateUnavailable", "candidateIds");
    const t = now();
    const w = await trx
      .insertInto("workshops")
      .values({ team_id: team.id, title: input.title, scheduled_at: scheduledAt, location: input.location, status: "scheduled", current_item_id: null, moderator_user_id: null, created_by: actor.userId, created_at: t, updated_at: t, started_at: null, ended_at: null, published_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("workshop_criteria")
      .values(criteria.map((c, i) => ({ workshop_id: w.id, criterion_id: c.id, name: c.name, description: c.description, weight: c.weight, inverse: c.inverse ? 1 : 0, position: i + 1 })))
      .execute();
    await trx
      .insertInto("workshop_items")
      .values(candidateIds.map((candidateId, i) => ({ workshop_id: w.id, candidate_id: candidateId, position: i + 1, state: "pending" })))
      .execute();
    const participants = new Map<number, string>();
    for (const u of invited) participants.set(u, leads.includes(u) ? "lead" : "member");
    for (const u of leads) participants.set(u, "lead");
    await trx
      .insertInto("workshop_participants")
      .values([...participants].map(([user_id, role]) => ({ workshop_id: w.id, user_id, role, invited_at: t })))
      .execute();
    for (const c of open) {
      const res = await trx
        .updateTable("candidates")
        .set((eb) => ({ status: "scheduled", updated_at: t, version: eb("version", "+", 1) }))
        .where("id", "=", c.id)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "workshops:errors.candidateUnavailable", "candidateIds");
      await trx
        .insertInto("candidate_events")
        .values({ candidate_id: c.id, at: t, actor_user_id: actor.userId, kind: "workshop_scheduled", detail: JSON.stringify({ workshopId: w.id, title: input.title, scheduledAt }) })
        .execute();
    }
    await audit(trx, actor, "scheduled", w.id, { teamId: team.id, candidateIds, participantIds: [...participants.keys()] });
    return w.id;
  });
  await notifyUsers(
    db,
    [...new Set([...invited, ...leads])].filter((u) => u !== actor.userId),
    { kind: "workshop", requirementId: null, messageKey: "workshops:notifications.invited", params: { title: input.title, team: team.name }, link: workshopLink(id) },
  );
  return { id };
}

// ——— changes before the workshop: move, agenda and invitations, cancellation ———

function assertChangeable(status: WorkshopStatus) {
  if (status === "cancelled") throw new AppError("conflict", 409, "workshops:errors.cancelled");
  if (!isChangeable(status)) throw new AppError("conflict", 409, "workshops:errors.notChangeable");
}

/** A workshop not yet started, for those who may schedule its team's workshops. */
async function loadForPlanning(db: DbOrTx, actor: Actor, id: number) {
  const loaded = await loadVisible(db, actor, id);
  if (!can(actor, "schedule:workshop", { teamId: loaded.w.team_id })) throw forbidden();
  assertChangeable(loaded.w.status);
  return loaded;
}

/** First step of every change's transaction: still scheduled? Serialises against a concurrent start or cancellation. */
async function touchScheduled(trx: Tx, workshopId: number, set: { scheduled_at?: string; location?: string; status?: WorkshopStatus } = {}) {
  const res = await trx
    .updateTable("workshops")
    .set({ updated_at: now(), ...set })
    .where("id", "=", workshopId)
    .where("status", "=", "scheduled")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "workshops:errors.notChangeable");
}

async function invitedUsers(db: DbOrTx, workshopId: number): Promise<number[]> {
  const rows = await db.selectFrom("workshop_participants").select("user_id").where("workshop_id", "=", workshopId).execute();
  return rows.map((r) => r.user_id);
}

/** Moves the workshop to another date (and place); the invited are told the new time. */
export async function rescheduleWorkshop(db: DB, actor: Actor, workshopId: number, input: RescheduleInput) {
  const { w } = await loadForPlanning(db, actor, workshopId);
  const scheduledAt = futureDate(input.scheduledAt);
  const location = input.location.trim();
  const note = input.note.trim();
  if (scheduledAt === w.scheduled_at && location === w.location) throw new AppError("invalid", 400, "workshops:errors.dateUnchanged", "scheduledAt");
  await db.transaction().execute(async (trx) => {
    await touchScheduled(trx, workshopId, { scheduled_at: scheduledAt, location });
    await audit(trx, actor, "reschedule", workshopId, { from: w.scheduled_at, to: scheduledAt, fromLocation: w.location, location, note: note || null });
  });
  // A new date is the news; when only the place changed, the place is.
  const what = scheduledAt !== w.scheduled_at ? "rescheduled" : "relocated";
  await notifyUsers(
    db,
    (await invitedUsers(db, workshopId)).filter((u) => u !== actor.userId),
    {
      kind: "workshop",
      requirementId: null,
      messageKey: `workshops:notifications.${what}${note ? "Note" : ""}`,
      params: { title: w.title, date: isoToBerlinText(scheduledAt), location: location || "–", note },
      link: workshopLink(workshopId),
    },
  );
  await publish(workshopId, "changed");
}

/**
 * Sets the agenda and the invitations to what the form lists. Candidates taken off go back to "open"
 * (their advance scores go too), added ones must be open candidates of the team and become
 * "scheduled"; the team's leads stay invited; the newly invited and the uninvited are told.
 */
export async function changeAgenda(db: DB, actor: Actor, workshopId: number, input: AgendaInput): Promise<{ changed: boolean }> {
  const { w } = await loadForPlanning(db, actor, workshopId);
  const wanted = [...new Set(input.candidateIds)];
  if (wanted.length === 0) throw new AppError("invalid", 400, "workshops:errors.agendaLastItem", "candidateIds");
  if (wanted.length > LIMITS.agenda) throw new AppError("invalid", 400, "workshops:errors.agendaTooLong", "candidateIds");
  const [items, invited, members, team] = await Promise.all([
    db.selectFrom("workshop_items").select(["id", "candidate_id", "position", "state"]).where("workshop_id", "=", workshopId).orderBy("position").execute(),
    invitedUsers(db, workshopId),
    teamMembers(db, w.team_id),
    db.selectFrom("teams").select("name").where("id", "=", w.team_id).executeTakeFirstOrThrow(),
  ]);
  const removed = items.filter((i) => !wanted.includes(i.candidate_id));
  const kept = items.filter((i) => wanted.includes(i.candidate_id));
  const added = wanted.filter((c) => !items.some((i) => i.candidate_id === c));
  const leads = members.filter((m) => m.lead).map((m) => m.id);
  const wantedUsers = new Set([...input.participantIds, ...leads]);
  if (wantedUsers.size === 0 || wantedUsers.size > LIMITS.participants) throw new AppError("invalid", 400, "workshops:errors.participantsEmpty", "participantIds");
  const invite = [...wantedUsers].filter((u) => !invited.includes(u));
  if (!invite.every((u) => members.some((m) => m.id === u))) throw new AppError("invalid", 400, "workshops:errors.notTeamMember", "participantIds");
  const uninvite = invited.filter((u) => !wantedUsers.has(u));
  if (removed.length === 0 && added.length === 0 && invite.length === 0 && uninvite.length === 0) return { changed: false };

  await db.transaction().execute(async (trx) => {
    await touchScheduled(trx, workshopId);
    const t = now();
    if (added.length > 0) {
      const open = await trx.selectFrom("candidates").select("id").where("id", "in", added).where("team_id", "=", w.team_id).where("status", "=", "open").execute();
      if (open.length !== added.length) throw new AppError("conflict", 409, "workshops:errors.candidateUnavailable", "candidateIds");
    }
    for (const item of removed) {
      await trx.deleteFrom("workshop_scores").where("item_id", "=", item.id).execute();
      await trx.deleteFrom("workshop_items").where("id", "=", item.id).execute();
      await reopenCandidate(trx, actor, item.candidate_id, t, "workshop_removed", { workshopId, title: w.title });
    }
    // Kept items close up in their order; added ones follow in the order chosen.
    for (const [i, item] of kept.entries()) {
      if (item.position !== i + 1) await trx.updateTable("workshop_items").set({ position: i + 1 }).where("id", "=", item.id).execute();
    }
    for (const [i, candidateId] of added.entries()) {
      await trx.insertInto("workshop_items").values({ workshop_id: workshopId, candidate_id: candidateId, position: kept.length + i + 1, state: "pending" }).execute();
      const res = await trx
        .updateTable("candidates")
        .set((eb) => ({ status: "scheduled", updated_at: t, version: eb("version", "+", 1) }))
        .where("id", "=", candidateId)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "workshops:errors.candidateUnavailable", "candidateIds");
      await trx
        .insertInto("candidate_events")
        .values({ candidate_id: candidateId, at: t, actor_user_id: actor.userId, kind: "workshop_scheduled", detail: JSON.stringify({ workshopId, title: w.title, scheduledAt: w.scheduled_at }) })
        .execute();
    }
    if (invite.length > 0) {
      await trx
        .insertInto("workshop_participants")
        .values(invite.map((user_id) => ({ workshop_id: workshopId, user_id, role: leads.includes(user_id) ? "lead" : "member", invited_at: t })))
        .execute();
    }
    if (uninvite.length > 0) {
      // Advance scores of people no longer invited would otherwise count in the result.
      await trx
        .deleteFrom("workshop_scores")
        .where("user_id", "in", uninvite)
        .where("item_id", "in", (eb) => eb.selectFrom("workshop_items").select("id").where("workshop_id", "=", workshopId))
        .execute();
      await trx.deleteFrom("workshop_participants").where("workshop_id", "=", workshopId).where("user_id", "in", uninvite).execute();
    }
    await audit(trx, actor, "agenda", workshopId, {
      addedCandidateIds: added,
      removedCandidateIds: removed.map((i) => i.candidate_id),
      invitedUserIds: invite,
      uninvitedUserIds: uninvite,
    });
  });
  const link = workshopLink(workshopId);
  await notifyUsers(
    db,
    invite.filter((u) => u !== actor.userId),
    { kind: "workshop", requirementId: null, messageKey: "workshops:notifications.invited", params: { title: w.title, team: team.name }, link },
  );
  await notifyUsers(
    db,
    uninvite.filter((u) => u !== actor.userId),
    { kind: "workshop", requirementId: null, messageKey: "workshops:notifications.uninvited", params: { title: w.title, team: team.name }, link },
  );
  await publish(workshopId, "changed");
  return { changed: true };
}

/**
 * Moves one agenda item one place up or down, for those who may change the agenda, until the workshop
 * starts. The agenda is numbered 1…n afresh in the same transaction (there is no unique index on the
 * position, so no temporary number is needed); the live view and the minutes follow the position.
 */
export async function moveAgendaItem(db: DB, actor: Actor, workshopId: number, itemId: number, direction: MoveDirection): Promise<{ position: number; candidateTitle: string }> {
  await loadForPlanning(db, actor, workshopId);
  const moved = await db.transaction().execute(async (trx) => {
    // First: still scheduled? Serialises against a concurrent start, cancellation or agenda change.
    await touchScheduled(trx, workshopId);
    const items = await trx
      .selectFrom("workshop_items")
      .innerJoin("candidates", "candidates.id", "workshop_items.candidate_id")
      .select(["workshop_items.id", "workshop_items.candidate_id", "workshop_items.position", "candidates.title"])
      .where("workshop_items.workshop_id", "=", workshopId)
      .orderBy("workshop_items.position")
      .orderBy("workshop_items.id")
      .execute();
    const from = items.findIndex((i) => i.id === itemId);
    if (from < 0) throw new AppError("invalid", 400, "workshops:errors.itemUnknown", "itemId");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0) throw new AppError("invalid", 400, "workshops:errors.moveFirst", "itemId");
    if (to >= items.length) throw new AppError("invalid", 400, "workshops:errors.moveLast", "itemId");
    const order = [...items];
    [order[from], order[to]] = [order[to], order[from]];
    for (const [i, item] of order.entries()) {
      if (item.position !== i + 1) await trx.updateTable("workshop_items").set({ position: i + 1 }).where("id", "=", item.id).execute();
    }
    await audit(trx, actor, "order", workshopId, { candidateId: items[from].candidate_id, from: from + 1, to: to + 1 });
    return { position: to + 1, candidateTitle: items[from].title };
  });
  await publish(workshopId, "changed");
  return moved;
}

/** A scheduled candidate taken off an agenda is open again, with a row in its timeline saying why. */
async function reopenCandidate(trx: DbOrTx, actor: Actor, candidateId: number, at: string, kind: "workshop_removed" | "workshop_cancelled", detail: Record<string, unknown>) {
  const res = await trx
    .updateTable("candidates")
    .set((eb) => ({ status: "open", updated_at: at, version: eb("version", "+", 1) }))
    .where("id", "=", candidateId)
    .where("status", "=", "scheduled")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) {
    await trx.insertInto("candidate_events").values({ candidate_id: candidateId, at, actor_user_id: actor.userId, kind, detail: JSON.stringify(detail) }).execute();
  }
}

/** Cancels a workshop not yet started: its candidates go back to "open"; the invited are told why. */
export async function cancelWorkshop(db: DB, actor: Actor, workshopId: number, input: { reason: string }) {
  const { w } = await loadForPlanning(db, actor, workshopId);
  const reason = input.reason.trim();
  if (!reason) throw new AppError("invalid", 400, "workshops:errors.cancelReasonMissing", "reason");
  const to = nextWorkshopStatus(w.status, "cancel");
  if (!to) throw new AppError("conflict", 409, "workshops:errors.notChangeable");
  await db.transaction().execute(async (trx) => {
    await touchScheduled(trx, workshopId, { status: to });
    const t = now();
    const items = await trx.selectFrom("workshop_items").select(["id", "candidate_id", "state"]).where("workshop_id", "=", workshopId).execute();
    for (const item of items) {
      if (nextItemState(item.state as ItemState, "skip")) await trx.updateTable("workshop_items").set((eb) => ({ state: "skipped", version: eb("version", "+", 1) })).where("id", "=", item.id).execute();
      await reopenCandidate(trx, actor, item.candidate_id, t, "workshop_cancelled", { workshopId, title: w.title, reason });
    }
    await audit(trx, actor, "cancel", workshopId, { reason, scheduledAt: w.scheduled_at, candidateIds: items.map((i) => i.candidate_id) });
  });
  await notifyUsers(
    db,
    (await invitedUsers(db, workshopId)).filter((u) => u !== actor.userId),
    { kind: "workshop", requirementId: null, messageKey: "workshops:notifications.cancelled", params: { title: w.title, date: isoToBerlinText(w.scheduled_at), reason }, link: workshopLink(workshopId) },
  );
  await publish(workshopId, "cancelled");
}

/** When, by whom and why a cancelled workshop was cancelled: the audit row of that step is its record. */
async function cancellationOf(db: DbOrTx, workshopId: number) {
  const row = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["audit_log.at", "audit_log.detail", "users.name"])
    .where("audit_log.entity_type", "=", "workshop")
    .where("audit_log.entity_id", "=", String(workshopId))
    .where("audit_log.action", "=", "workshop.cancel")
    .orderBy("audit_log.id", "desc")
    .executeTakeFirst();
  if (!row) return null;
  const detail = (row.detail ? JSON.parse(row.detail) : {}) as { reason?: string };
  return { at: row.at, by: row.name ?? null, reason: detail.reason ?? "" };
}

// ——— lists ———

/** "Meine Workshops": those the actor was invited to, of their teams, or (schedulers) all they may schedule. */
/**
 * Whether „Meine Workshops“ offers the team's criteria and ranked list to the actor: a member of the
 * team, or someone who may manage its criteria or plan its workshops. The ranked list's way back
 * leads there only then (else to the candidates).
 */
export function workshopsListOffersTeam(actor: Actor, teamId: number): boolean {
  return actor.roles.some((r) => r.teamId === teamId) || can(actor, "manage:criteria", { teamId }) || can(actor, "schedule:workshop", { teamId });
}

export async function listMyWorkshops(db: DbOrTx, actor: Actor) {
  const rows = await db
    .selectFrom("workshops")
    .innerJoin("teams", "teams.id", "workshops.team_id")
    .leftJoin("workshop_participants as me", (j) => j.onRef("me.workshop_id", "=", "workshops.id").on("me.user_id", "=", actor.userId))
    .select(["workshops.id", "workshops.title", "workshops.status", "workshops.scheduled_at", "workshops.team_id", "teams.name as teamName", "me.role as myRole"])
    .orderBy("workshops.scheduled_at", "desc")
    .orderBy("workshops.id", "desc")
    .limit(500)
    .execute();
  const visible = rows.filter((r) => accessTo(actor, r.team_id, r.myRole !== null).view);
  const ids = visible.map((r) => r.id);
  const counts = ids.length
    ? await db.selectFrom("workshop_items").select(["workshop_id"]).select((eb) => eb.fn.countAll<number>().as("n")).where("workshop_id", "in", ids).groupBy("workshop_id").execute()
    : [];
  const teams = sortGerman(await db.selectFrom("teams").select(["id", "name"]).where("active", "=", 1).orderBy("id").execute(), (t) => t.name);
  const offered = teams.filter((t) => workshopsListOffersTeam(actor, t.id));
  return {
    workshops: visible.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status as WorkshopStatus,
      scheduledAt: r.scheduled_at,
      teamId: r.team_id,
      teamName: r.teamName,
      invited: r.myRole !== null,
      /** Invited as the team's lead, who moderates. */
      moderates: r.myRole === "lead",
      itemCount: Number(counts.find((c) => c.workshop_id === r.id)?.n ?? 0),
    })),
    maySchedule: maySchedule(actor),
    /** Teams whose criteria and ranked list the actor is offered links to. */
    teams: offered.map((t) => ({ ...t, manageCriteria: can(actor, "manage:criteria", { teamId: t.id }) })),
    /** True when the actor belongs to every team offered ("Ihre Kompetenzteams"); a requirements manager sees teams not their own. */
    ownTeams: offered.every((t) => actor.roles.some((r) => r.teamId === t.id)),
  };
}

// ——— the workshop's state (overview and live view) ———

async function workshopCriteria(db: DbOrTx, workshopId: number) {
  const rows = await db.selectFrom("workshop_criteria").selectAll().where("workshop_id", "=", workshopId).orderBy("position").execute();
  return rows.map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight, inverse: !!c.inverse }));
}

async function scoresOf(db: DbOrTx, itemIds: number[]) {
  if (itemIds.length === 0) return [];
  return db.selectFrom("workshop_scores").select(["item_id", "user_id", "criterion_id", "value", "in_advance"]).where("item_id", "in", itemIds).execute();
}

/** The invited, with whether they were present and whether they (still) hold a scoring role in the team. */
async function participantsOf(db: DbOrTx, workshopId: number, teamId: number) {
  const rows = await db
    .selectFrom("workshop_participants")
    .innerJoin("users", "users.id", "workshop_participants.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select((eb) => [
      "users.id",
      "users.name",
      "users.active",
      "organisations.name as organisationName",
      "workshop_participants.role",
      "workshop_participants.attended",
      eb
        .exists(
          eb
            .selectFrom("role_assignments")
            .select("role_assignments.id")
            .whereRef("role_assignments.user_id", "=", "users.id")
            .where("role_assignments.team_id", "=", teamId)
            .where("role_assignments.role", "in", TEAM_ROLES),
        )
        .as("teamRole"),
    ])
    .where("workshop_participants.workshop_id", "=", workshopId)
    .orderBy("workshop_participants.role")
    .orderBy("users.id")
    .execute()
    .then((r) => sortGerman(r, (x) => x.role, (x) => x.name));
  return rows.map(({ active, teamRole, attended, ...p }) => ({ ...p, attended: !!attended, mayScore: !!active && !!teamRole }));
}

/** Who has given a score for every criterion of each item. */
function fullScorers(criteria: { id: number }[], scores: { item_id: number; user_id: number; criterion_id: number }[]): Map<number, number[]> {
  const given = new Map<number, Map<number, { criterionId: number }[]>>();
  for (const s of scores) {
    const byUser = given.get(s.item_id) ?? new Map<number, { criterionId: number }[]>();
    given.set(s.item_id, byUser);
    byUser.set(s.user_id, [...(byUser.get(s.user_id) ?? []), { criterionId: s.criterion_id }]);
  }
  return new Map([...given].map(([itemId, byUser]) => [itemId, [...byUser].filter(([, mine]) => hasScoredAll(criteria, mine)).map(([u]) => u)]));
}

/**
 * Everything the overview and the live view show. Other participants' scores leave the server only
 * once the lead has revealed the item; before, the actor gets their own scores and who has scored.
 */
export async function getWorkshopState(db: DbOrTx, actor: Actor, id: number, opts: { presence?: number[]; withFacts?: boolean; withChangeOptions?: boolean } = {}) {
  const { w, access } = await loadVisible(db, actor, id);
  const mayChange = isChangeable(w.status) && can(actor, "schedule:workshop", { teamId: w.team_id });
  const [team, criteria, items, participants] = await Promise.all([
    db.selectFrom("teams").select(["id", "name"]).where("id", "=", w.team_id).executeTakeFirstOrThrow(),
    workshopCriteria(db, id),
    db
      .selectFrom("workshop_items")
      .innerJoin("candidates", "candidates.id", "workshop_items.candidate_id")
      .select([
        "workshop_items.id",
        "workshop_items.position",
        "workshop_items.state",
        "workshop_items.round",
        "workshop_items.notes",
        "workshop_items.decision",
        "workshop_items.decision_rank",
        "workshop_items.deferred_until",
        "workshop_items.rationale",
        "workshop_items.version",
        "candidates.id as candidateId",
        "candidates.title as candidateTitle",
        "candidates.status as candidateStatus",
      ])
      .where("workshop_items.workshop_id", "=", id)
      .orderBy("workshop_items.position")
      .execute(),
    participantsOf(db, id, w.team_id),
  ]);
  const scores = await scoresOf(
    db,
    items.map((i) => i.id),
  );
  const presence = new Set(opts.presence ?? []);
  const scorers = fullScorers(criteria, scores);
  const itemViews = items.map((i) => {
    const state = i.state as ItemState;
    const mine = scores.filter((s) => s.item_id === i.id && s.user_id === actor.userId);
    const visible = areScoresVisible(state);
    const scored = scorers.get(i.id) ?? [];
    const progress = scoringProgress(participants, scored, w.moderator_user_id);
    return {
      id: i.id,
      position: i.position,
      state,
      round: i.round,
      notes: i.notes,
      decision: i.decision as Decision | null,
      rank: i.decision_rank,
      deferredUntil: i.deferred_until,
      rationale: i.rationale,
      version: i.version,
      candidateId: i.candidateId,
      candidateTitle: i.candidateTitle,
      candidateStatus: i.candidateStatus,
      scorable: access.score && isScorable(w.status, state),
      myScores: Object.fromEntries(mine.map((s) => [s.criterion_id, s.value])) as Record<number, number>,
      iScored: scored.includes(actor.userId),
      /** Scored by the participants, out of those expected to (see scoringProgress). */
      scoredCount: progress.scored,
      expectedCount: progress.expected,
      scoringComplete: progress.complete,
      scoredUserIds: scored,
      result: visible
        ? aggregate(
            criteria,
            scores.filter((s) => s.item_id === i.id).map((s) => ({ userId: s.user_id, criterionId: s.criterion_id, value: s.value })),
          )
        : null,
    };
  });
  const current = itemViews.find((i) => i.id === w.current_item_id) ?? null;
  let facts = null;
  if (opts.withFacts && current) {
    const c = await getCandidateDetail(db, actor, current.candidateId);
    facts = {
      title: c.title,
      summary: c.summary,
      themenfeld: c.themenfeld,
      requirementCount: c.requirementCount,
      facts: c.facts,
      organisations: c.organisations.map((o) => ({ id: o.id, name: o.name, districtName: o.districtName, filed: o.filed, cosigned: o.cosigned })),
      districts: c.districts,
    };
  }
  // For the change forms: the team's open candidates to add and its members to invite.
  const [changeOptions, cancellation] = await Promise.all([
    opts.withChangeOptions && mayChange
      ? Promise.all([
          db.selectFrom("candidates").select(["id", "title", "themenfeld"]).where("team_id", "=", w.team_id).where("status", "=", "open").orderBy("id").execute().then((r) => sortGerman(r, (c) => c.title)),
          teamMembers(db, w.team_id),
        ]).then(([candidates, members]) => ({ candidates, members }))
      : Promise.resolve(null),
    w.status === "cancelled" ? cancellationOf(db, id) : Promise.resolve(null),
  ]);
  return {
    workshop: {
      id: w.id,
      title: w.title,
      status: w.status,
      scheduledAt: w.scheduled_at,
      /** The date as the datetime-local field of the "move" form shows it. */
      scheduledAtLocal: isoToBerlinLocal(w.scheduled_at),
      location: w.location,
      teamId: team.id,
      teamName: team.name,
      currentItemId: w.current_item_id,
      startedAt: w.started_at,
      endedAt: w.ended_at,
      publishedAt: w.published_at,
    },
    me: { userId: actor.userId, ...access },
    may: {
      start: access.moderate && nextWorkshopStatus(w.status, "start") !== null,
      /** Starting now would be out of schedule: the start question names the planned date. */
      startOffSchedule: access.moderate && nextWorkshopStatus(w.status, "start") !== null && isOffSchedule(w.scheduled_at),
      end: access.moderate && nextWorkshopStatus(w.status, "end") !== null,
      publish: access.moderate && nextWorkshopStatus(w.status, "publish") !== null,
      minutes: w.status === "closed" || w.status === "published",
      change: mayChange,
    },
    changeOptions,
    cancellation,
    /** For the moderator's decision form while live: which candidate already holds a rank. */
    ranksTaken: access.moderate && w.status === "live" ? await ranksTaken(db, w.team_id) : [],
    criteria,
    items: itemViews.map((i) => ({ ...i, scoredUserIds: access.moderate ? i.scoredUserIds : [] })),
    current: current ? { ...current, facts } : null,
    participants: participants.map((p) => ({
      id: p.id,
      name: p.name,
      organisationName: p.organisationName,
      role: p.role as "lead" | "member",
      attended: p.attended,
      connected: presence.has(p.id),
      // The lead sees who has scored the current item, never what.
      scoredCurrent: current ? current.scoredUserIds.includes(p.id) : false,
    })),
    connectedCount: participants.filter((p) => presence.has(p.id)).length,
  };
}
export type WorkshopState = Awaited<ReturnType<typeof getWorkshopState>>;

/**
 * The ranks the team's prioritised candidates hold, for the decision form's hint („Rang 2 ist bereits
 * an „…“ vergeben.“): per candidate its latest decision in any of the team's workshops, this one and
 * those whose minutes are not yet published included (their ranks join the ranked list then), while
 * the candidate still stands prioritised or became a project — as the ranked list counts them.
 */
export async function ranksTaken(db: DbOrTx, teamId: number) {
  const rows = await db
    .selectFrom("workshop_items")
    .innerJoin("workshops", "workshops.id", "workshop_items.workshop_id")
    .innerJoin("candidates", "candidates.id", "workshop_items.candidate_id")
    .select(["workshop_items.decision", "workshop_items.decision_rank", "candidates.id as candidateId", "candidates.title as candidateTitle", "candidates.status as candidateStatus"])
    .where("workshops.team_id", "=", teamId)
    .where("workshop_items.state", "=", "decided")
    .orderBy("workshop_items.decided_at", "desc")
    .orderBy("workshop_items.id", "desc")
    .execute();
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.candidateId)) latest.set(r.candidateId, r);
  return [...latest.values()]
    .filter((r) => r.decision === "prioritise" && r.decision_rank !== null && ["prioritised", "promoted"].includes(r.candidateStatus))
    .map((r) => ({ rank: r.decision_rank!, candidateId: r.candidateId, candidateTitle: r.candidateTitle }))
    .sort((a, b) => a.rank - b.rank || a.candidateTitle.localeCompare(b.candidateTitle, "de"));
}

/**
 * For the event stream: may the actor follow this workshop? A participant connecting while it is live
 * counts as present, stored before the connection is announced: whoever re-reads on the presence
 * event then counts the arrival too (among those a reveal waits for).
 */
export async function startFollowing(db: DbOrTx, actor: Actor, id: number) {
  const { w, access } = await loadVisible(db, actor, id);
  if (w.status === "live") await markAttended(db, id, [actor.userId]);
  return { status: w.status, participant: access.participant };
}

/** A participant connected while the workshop is live counts as present in the minutes. */
export async function markAttended(db: DbOrTx, workshopId: number, userIds: number[]) {
  if (userIds.length === 0) return;
  await db
    .updateTable("workshop_participants")
    .set({ attended: 1 })
    .where("workshop_id", "=", workshopId)
    .where("user_id", "in", userIds)
    .where("attended", "=", 0)
    .execute();
}

/**
 * One event-stream connection: registers presence, forwards the workshop's events and greets with
 * "hello" (on every reconnect too, so the client re-reads the state it may have missed).
 */
export function followWorkshop(workshopId: number, userId: number, send: (event: LiveEvent) => void): () => void {
  const bus = getLiveBus();
  const unsubscribe = bus.subscribe(workshopId, send);
  const leave = bus.join(workshopId, userId);
  send({ w: workshopId, k: "hello", t: Date.now() });
  return () => {
    unsubscribe();
    leave();
  };
}

export function presenceOf(workshopId: number): number[] {
  return getLiveBus().presence(workshopId);
}

// ——— scoring ———

/** A participant's scores for one item, all criteria at once; a second submission replaces the first. */
export async function submitScores(db: DB, actor: Actor, workshopId: number, input: Pick<ScoreInput, "itemId" | "scores">) {
  const { w, access, attended } = await loadVisible(db, actor, workshopId);
  if (!access.score) throw new AppError("forbidden", 403, "workshops:errors.notParticipant");
  if (w.status === "cancelled") throw new AppError("conflict", 409, "workshops:errors.cancelled");
  const [item, criteria] = await Promise.all([findItem(db, workshopId, input.itemId), workshopCriteria(db, workshopId)]);
  if (!isScorable(w.status, item.state)) throw new AppError("conflict", 409, "workshops:errors.itemClosed");
  const given = new Map<number, number>();
  for (const s of input.scores) {
    if (!isValidScore(s.value)) throw new AppError("invalid", 400, "workshops:errors.scoreRange");
    if (!criteria.some((c) => c.id === s.criterionId)) throw new AppError("invalid", 400, "workshops:errors.scoreMissing");
    given.set(s.criterionId, s.value);
  }
  if (!hasScoredAll(criteria, [...given.keys()].map((criterionId) => ({ criterionId })))) {
    throw new AppError("invalid", 400, "workshops:errors.scoreMissing");
  }
  const inAdvance = item.state === "pending" ? 1 : 0;
  await db.transaction().execute(async (trx) => {
    // Touching the item in its scorable state serialises against a concurrent reveal or decision.
    const res = await trx
      .updateTable("workshop_items")
      .set({ state: item.state })
      .where("id", "=", item.id)
      .where("state", "=", item.state)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "workshops:errors.itemClosed");
    const t = now();
    await trx
      .insertInto("workshop_scores")
      .values([...given].map(([criterion_id, value]) => ({ item_id: item.id, user_id: actor.userId, criterion_id, value, in_advance: inAdvance, created_at: t, updated_at: t })))
      .onConflict((oc) =>
        oc.columns(["item_id", "user_id", "criterion_id"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          in_advance: eb.ref("excluded.in_advance"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
    if (w.status === "live" && !attended) await markAttended(trx, workshopId, [actor.userId]);
  });
  await publish(workshopId, "scored", { i: item.id, u: actor.userId });
}

// ——— moderation ———

async function moveItem(
  db: DB,
  actor: Actor,
  workshopId: number,
  itemId: number,
  action: Extract<ItemAction, AuditActionsOf<"workshop.item">>,
  kind: LiveKind,
  /** a further condition, checked after the item is locked in its from-state; throwing rolls back */
  check?: (trx: Tx, w: WorkshopRow) => Promise<void>,
  carried?: CarriedNotes,
) {
  const { w } = await loadForModeration(db, actor, workshopId);
  if (w.status !== "live") throw new AppError("conflict", 409, "workshops:errors.notLive");
  const item = await findItem(db, workshopId, itemId);
  const to = nextItemState(item.state, action);
  if (!to) throw new AppError("conflict", 409, "workshops:errors.itemState");
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("workshop_items")
      .set((eb) => ({ state: to, version: eb("version", "+", 1), ...(action === "reopen" ? { round: eb("round", "+", 1) } : {}) }))
      .where("id", "=", item.id)
      .where("state", "=", item.state)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "workshops:errors.itemState");
    await check?.(trx, w);
    await keepNotes(trx, actor, workshopId, carried);
    if (action === "open") await trx.updateTable("workshops").set({ current_item_id: item.id, updated_at: now() }).where("id", "=", workshopId).execute();
    await audit(trx, actor, `item.${action}`, workshopId, { itemId: item.id });
  });
  await publish(workshopId, kind, { i: item.id });
}

/**
 * Keeps the discussion notes a step carried along (typed, not saved) in that step's transaction, when
 * they differ from what is stored: moving on must not lose what the moderator typed. True if saved.
 */
async function keepNotes(trx: Tx, actor: Actor, workshopId: number, carried: CarriedNotes | undefined): Promise<boolean> {
  if (carried?.notesItemId === undefined || carried.notes === undefined) return false;
  const item = await findItem(trx, workshopId, carried.notesItemId);
  if (item.notes === carried.notes) return false;
  await trx.updateTable("workshop_items").set((eb) => ({ notes: carried.notes, version: eb("version", "+", 1) })).where("id", "=", item.id).execute();
  await audit(trx, actor, "item.notes", workshopId, { itemId: item.id });
  return true;
}

/** Opens an agenda item for everybody; a pending item starts its scoring, any other is just shown. */
export async function openItem(db: DB, actor: Actor, workshopId: number, itemId: number, carried?: CarriedNotes) {
  const { w } = await loadForModeration(db, actor, workshopId);
  if (w.status !== "live") throw new AppError("conflict", 409, "workshops:errors.notLive");
  const item = await findItem(db, workshopId, itemId);
  if (item.state === "pending") return moveItem(db, actor, workshopId, itemId, "open", "opened", undefined, carried);
  await db.transaction().execute(async (trx) => {
    await keepNotes(trx, actor, workshopId, carried);
    await trx.updateTable("workshops").set({ current_item_id: item.id, updated_at: now() }).where("id", "=", workshopId).execute();
  });
  await publish(workshopId, "opened", { i: item.id });
}

/**
 * Shows the item's scores to everyone, which cannot be taken back (the point of hiding them is to
 * avoid anchoring). Until everyone expected has scored, and always without any score, the moderator
 * has to confirm it: the check runs in the reveal's transaction, so a late score or arrival counts.
 */
export const revealItem = (db: DB, actor: Actor, workshopId: number, itemId: number, input: { confirmed?: boolean } & CarriedNotes = {}) =>
  moveItem(db, actor, workshopId, itemId, "reveal", "revealed", async (trx, w) => {
    if (input.confirmed) return;
    // One query after the other: a transaction holds a single connection.
    const criteria = await workshopCriteria(trx, workshopId);
    const scores = await scoresOf(trx, [itemId]);
    const participants = await participantsOf(trx, workshopId, w.team_id);
    const progress = scoringProgress(participants, fullScorers(criteria, scores).get(itemId) ?? [], w.moderator_user_id);
    // The numbers go with the refusal: the page may have counted fewer (someone arrived meanwhile).
    if (!progress.complete) {
      throw new AppError("invalid", 400, "validation.confirmRequired", "confirm", { details: { scored: progress.scored, expected: progress.expected } });
    }
  }, input);
export const reopenItem = (db: DB, actor: Actor, workshopId: number, itemId: number) => moveItem(db, actor, workshopId, itemId, "reopen", "reopened");

/** The lead's notes of the discussion; editable until the minutes are published. */
export async function saveNotes(db: DB, actor: Actor, workshopId: number, itemId: number, notes: string) {
  const { w } = await loadForModeration(db, actor, workshopId);
  if (w.status !== "live" && w.status !== "closed") throw new AppError("conflict", 409, "workshops:errors.notLive");
  const item = await findItem(db, workshopId, itemId);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("workshop_items").set((eb) => ({ notes, version: eb("version", "+", 1) })).where("id", "=", item.id).execute();
    await audit(trx, actor, "item.notes", workshopId, { itemId: item.id });
  });
  await publish(workshopId, "noted", { i: item.id });
}

type DecideInput = Extract<LiveAction, { intent: "decide" }>;

/**
 * Records the decision on a revealed item: the candidate and its requirements take the decision's
 * status (requirement timeline rows with the rationale), and every organisation that filed or
 * co-signed one of them is notified with the rationale.
 */
export async function decideItem(db: DB, actor: Actor, workshopId: number, input: Omit<DecideInput, "intent" | "confirm">) {
  const { w } = await loadForModeration(db, actor, workshopId);
  if (w.status !== "live") throw new AppError("conflict", 409, "workshops:errors.notLive");
  const rationale = input.rationale.trim();
  if (!rationale) throw new AppError("invalid", 400, "workshops:errors.rationaleMissing", "rationale");
  if (input.decision === "prioritise" && !(input.rank && input.rank >= 1)) throw new AppError("invalid", 400, "workshops:errors.rank", "rank");
  if (input.decision === "defer" && !input.deferredUntil) throw new AppError("invalid", 400, "workshops:errors.deferredUntil", "deferredUntil");
  const item = await findItem(db, workshopId, input.itemId);
  if (!nextItemState(item.state, "decide")) {
    throw new AppError("conflict", 409, item.state === "decided" ? "workshops:errors.alreadyDecided" : "workshops:errors.revealFirst");
  }
  const candidate = await db.selectFrom("candidates").select(["id", "title", "status"]).where("id", "=", item.candidate_id).executeTakeFirstOrThrow();
  if (candidate.status !== "scheduled") throw new AppError("conflict", 409, "workshops:errors.candidateChanged");
  const status = DECISION_STATUS[input.decision];
  const rank = input.decision === "prioritise" ? (input.rank ?? null) : null;
  const until = input.decision === "defer" ? (input.deferredUntil ?? null) : null;

  await db.transaction().execute(async (trx: Tx) => {
    const t = now();
    const res = await trx
      .updateTable("workshop_items")
      .set((eb) => ({ state: "decided", decision: input.decision, decision_rank: rank, deferred_until: until, rationale, decided_by: actor.userId, decided_at: t, version: eb("version", "+", 1) }))
      .where("id", "=", item.id)
      .where("state", "=", "revealed")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "workshops:errors.alreadyDecided");
    const c = await trx
      .updateTable("candidates")
      .set((eb) => ({ status, updated_at: t, version: eb("version", "+", 1) }))
      .where("id", "=", candidate.id)
      .where("status", "=", "scheduled")
      .executeTakeFirst();
    if (Number(c.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "workshops:errors.candidateChanged");
    await trx
      .insertInto("candidate_events")
      .values({ candidate_id: candidate.id, at: t, actor_user_id: actor.userId, kind: "workshop_decided", detail: JSON.stringify({ workshopId, decision: input.decision, rank, deferredUntil: until, rationale }) })
      .execute();
    const requirements = await trx
      .selectFrom("candidate_requirements")
      .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
      .select(["requirements.id", "requirements.status"])
      .where("candidate_requirements.candidate_id", "=", candidate.id)
      .where("requirements.status", "in", DECIDABLE_REQUIREMENT_STATUSES)
      .execute();
    for (const r of requirements) {
      await trx
        .updateTable("requirements")
        .set((eb) => ({ status, updated_at: t, version: eb("version", "+", 1), ...(status === "rejected" ? { reject_reason: rationale } : {}) }))
        .where("id", "=", r.id)
        .where("status", "=", r.status)
        .execute();
      await trx
        .insertInto("requirement_events")
        .values({ requirement_id: r.id, at: t, actor_user_id: actor.userId, kind: "status", from_status: r.status, to_status: status, reason: rationale, detail: JSON.stringify({ candidateId: candidate.id, workshopId }) })
        .execute();
    }
    await audit(trx, actor, "item.decide", workshopId, { itemId: item.id, candidateId: candidate.id, decision: input.decision, rank, deferredUntil: until });
    await keepNotes(trx, actor, workshopId, input);
  });

  const team = await db.selectFrom("teams").select("name").where("id", "=", w.team_id).executeTakeFirstOrThrow();
  await notifyDecision(db, actor, candidate, { decision: input.decision, rationale, rank, until, team: team.name });
  await publish(workshopId, "decided", { i: item.id });
}

/** One notification per person of every organisation that filed or co-signed a requirement of the candidate. */
async function notifyDecision(db: DB, actor: Actor, candidate: { id: number; title: string }, d: { decision: Decision; rationale: string; rank: number | null; until: string | null; team: string }) {
  const [filers, cosigners] = await Promise.all([
    db
      .selectFrom("candidate_requirements")
      .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
      .select("requirements.organisation_id")
      .where("candidate_requirements.candidate_id", "=", candidate.id)
      .execute(),
    db
      .selectFrom("candidate_requirements")
      .innerJoin("endorsements", "endorsements.requirement_id", "candidate_requirements.requirement_id")
      .select("endorsements.organisation_id")
      .where("candidate_requirements.candidate_id", "=", candidate.id)
      .execute(),
  ]);
  const orgIds = [...new Set([...filers, ...cosigners].map((r) => r.organisation_id))];
  if (orgIds.length === 0) return;
  const users = await db
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .select("users.id")
    .distinct()
    .where("users.organisation_id", "in", orgIds)
    .where("users.active", "=", 1)
    .where("role_assignments.role", "in", ["member_staff", "member_lead"])
    .execute();
  await notifyUsers(
    db,
    users.map((u) => u.id).filter((u) => u !== actor.userId),
    {
      kind: "decision",
      requirementId: null,
      // Naming the deciding team; notices stored before they carried the team keep the key without it.
      messageKey: `workshops:notifications.${d.decision}ByTeam`,
      // Notification texts are stored with their parameters: the date goes in as German users read it.
      params: { candidate: candidate.title, team: d.team, rationale: d.rationale, rank: d.rank ? String(d.rank) : "", until: d.until ? d.until.split("-").reverse().join(".") : "" },
      link: candidateLink(candidate.id),
    },
  );
}

// ——— the workshop's own course ———

async function moveWorkshop(db: DB, actor: Actor, workshopId: number, action: WorkshopAction, extra: (trx: Tx, w: WorkshopRow) => Promise<void>) {
  const { w } = await loadForModeration(db, actor, workshopId);
  const to = nextWorkshopStatus(w.status, action);
  if (!to) throw new AppError("conflict", 409, w.status === "cancelled" ? "workshops:errors.cancelled" : "workshops:errors.workshopState");
  await db.transaction().execute(async (trx) => {
    const t = now();
    const stamp = action === "start" ? { started_at: t, moderator_user_id: actor.userId } : action === "end" ? { ended_at: t } : { published_at: t };
    const res = await trx
      .updateTable("workshops")
      .set({ status: to, updated_at: t, ...stamp })
      .where("id", "=", workshopId)
      .where("status", "=", w.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("conflict", 409, "workshops:errors.workshopState");
    await extra(trx, w);
    await audit(trx, actor, action, workshopId);
  });
  return w;
}

/** Starts the live session; everybody already connected counts as present; the other invited are told it began. */
export async function startWorkshop(db: DB, actor: Actor, workshopId: number) {
  const w = await moveWorkshop(db, actor, workshopId, "start", async (trx) => {
    await markAttended(trx, workshopId, [actor.userId, ...presenceOf(workshopId)]);
  });
  await publish(workshopId, "started");
  await notifyUsers(
    db,
    (await invitedUsers(db, workshopId)).filter((u) => u !== actor.userId),
    { kind: "workshop", requirementId: null, messageKey: "workshops:notifications.started", params: { title: w.title }, link: `${workshopLink(workshopId)}/live` },
  );
}

/** Ends the session: undecided items are skipped and their candidates go back to "open". */
export async function endWorkshop(db: DB, actor: Actor, workshopId: number, carried?: CarriedNotes) {
  await moveWorkshop(db, actor, workshopId, "end", async (trx) => {
    await keepNotes(trx, actor, workshopId, carried);
    const open = await trx.selectFrom("workshop_items").select(["id", "candidate_id"]).where("workshop_id", "=", workshopId).where("state", "in", ["pending", "scoring", "revealed"]).execute();
    const t = now();
    for (const item of open) {
      await trx.updateTable("workshop_items").set((eb) => ({ state: "skipped", version: eb("version", "+", 1) })).where("id", "=", item.id).execute();
      const res = await trx
        .updateTable("candidates")
        .set((eb) => ({ status: "open", updated_at: t, version: eb("version", "+", 1) }))
        .where("id", "=", item.candidate_id)
        .where("status", "=", "scheduled")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) {
        await trx
          .insertInto("candidate_events")
          .values({ candidate_id: item.candidate_id, at: t, actor_user_id: actor.userId, kind: "workshop_skipped", detail: JSON.stringify({ workshopId }) })
          .execute();
      }
    }
    await trx.updateTable("workshops").set({ current_item_id: null }).where("id", "=", workshopId).execute();
  });
  await publish(workshopId, "ended");
}

/** Publishes minutes and ranked list; the team and the participants are told. */
export async function publishMinutes(db: DB, actor: Actor, workshopId: number) {
  const w = await moveWorkshop(db, actor, workshopId, "publish", async () => {});
  const team = await teamMembers(db, w.team_id);
  const participants = await db.selectFrom("workshop_participants").select("user_id").where("workshop_id", "=", workshopId).execute();
  await notifyUsers(
    db,
    [...new Set([...team.map((m) => m.id), ...participants.map((p) => p.user_id)])].filter((u) => u !== actor.userId),
    { kind: "workshop", requirementId: null, messageKey: "workshops:notifications.published", params: { title: w.title }, link: `${workshopLink(workshopId)}/protokoll` },
  );
  await publish(workshopId, "published");
}

// ——— minutes and ranked list ———

/** Minutes: for the workshop's people as a draft once it has ended; for every signed-in user once published. */
export async function getMinutes(db: DbOrTx, actor: Actor, id: number) {
  const w = await findWorkshop(db, id);
  if (!w) throw notFound();
  const published = w.status === "published";
  // Published minutes are open to everyone in the portal; the workshop's own pages stay with its team
  // and participants, so the minutes link back to them only for those who may open them.
  let mayViewWorkshop = true;
  if (!published) {
    const { access } = await loadVisible(db, actor, id);
    if (!access.view) throw notFound();
    // Before the workshop has ended there are no minutes to show.
    if (w.status !== "closed") throw notFound("workshops:errors.minutesNotYet");
  } else if (!can(actor, "view:portal")) {
    throw forbidden();
  } else {
    const participant = await db.selectFrom("workshop_participants").select("user_id").where("workshop_id", "=", id).where("user_id", "=", actor.userId).executeTakeFirst();
    mayViewWorkshop = accessTo(actor, w.team_id, !!participant).view;
  }
  const [team, criteria, items, participants, moderator] = await Promise.all([
    db.selectFrom("teams").select(["id", "name"]).where("id", "=", w.team_id).executeTakeFirstOrThrow(),
    workshopCriteria(db, id),
    db
      .selectFrom("workshop_items")
      .innerJoin("candidates", "candidates.id", "workshop_items.candidate_id")
      .select([
        "workshop_items.id",
        "workshop_items.position",
        "workshop_items.state",
        "workshop_items.notes",
        "workshop_items.decision",
        "workshop_items.decision_rank",
        "workshop_items.deferred_until",
        "workshop_items.rationale",
        "workshop_items.decided_at",
        "candidates.id as candidateId",
        "candidates.title as candidateTitle",
      ])
      .where("workshop_items.workshop_id", "=", id)
      .orderBy("workshop_items.position")
      .execute(),
    db
      .selectFrom("workshop_participants")
      .innerJoin("users", "users.id", "workshop_participants.user_id")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select(["users.id", "users.name", "organisations.name as organisationName", "workshop_participants.role", "workshop_participants.attended"])
      .where("workshop_participants.workshop_id", "=", id)
      .orderBy("users.id")
      .execute()
      .then((r) => sortGerman(r, (x) => x.name)),
    w.moderator_user_id ? db.selectFrom("users").select("name").where("id", "=", w.moderator_user_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const scores = await scoresOf(
    db,
    items.map((i) => i.id),
  );
  const advance = new Set(scores.filter((s) => s.in_advance).map((s) => s.user_id));
  return {
    workshop: { id: w.id, title: w.title, status: w.status, scheduledAt: w.scheduled_at, location: w.location, startedAt: w.started_at, endedAt: w.ended_at, publishedAt: w.published_at, teamId: team.id, teamName: team.name, moderatorName: moderator?.name ?? null },
    published,
    mayViewWorkshop,
    mayPublish: !published && can(actor, "moderate:workshop", { teamId: w.team_id }),
    criteria,
    attendees: participants.filter((p) => p.attended).map((p) => ({ name: p.name, organisationName: p.organisationName, role: p.role })),
    absent: participants.filter((p) => !p.attended).map((p) => ({ name: p.name, organisationName: p.organisationName, role: p.role, scoredInAdvance: advance.has(p.id) })),
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      state: i.state as ItemState,
      candidateId: i.candidateId,
      candidateTitle: i.candidateTitle,
      notes: i.notes,
      decision: i.decision as Decision | null,
      rank: i.decision_rank,
      deferredUntil: i.deferred_until,
      rationale: i.rationale,
      decidedAt: i.decided_at,
      result: aggregate(
        criteria,
        scores.filter((s) => s.item_id === i.id).map((s) => ({ userId: s.user_id, criterionId: s.criterion_id, value: s.value })),
      ) as ItemResult,
    })),
  };
}
export type Minutes = Awaited<ReturnType<typeof getMinutes>>;

/** The team's ranked list: decisions of published workshops whose candidate still holds that status. */
export async function getRankedList(db: DbOrTx, actor: Actor, teamId: number) {
  if (!can(actor, "view:portal")) throw forbidden();
  const team = await db.selectFrom("teams").select(["id", "name"]).where("id", "=", teamId).executeTakeFirst();
  if (!team) throw notFound();
  const rows = await db
    .selectFrom("workshop_items")
    .innerJoin("workshops", "workshops.id", "workshop_items.workshop_id")
    .innerJoin("candidates", "candidates.id", "workshop_items.candidate_id")
    .select([
      "workshop_items.id",
      "workshop_items.decision",
      "workshop_items.decision_rank",
      "workshop_items.deferred_until",
      "workshop_items.rationale",
      "workshop_items.decided_at",
      "workshops.id as workshopId",
      "workshops.title as workshopTitle",
      "candidates.id as candidateId",
      "candidates.title as candidateTitle",
      "candidates.status as candidateStatus",
    ])
    .where("workshops.team_id", "=", teamId)
    .where("workshops.status", "=", "published")
    .where("workshop_items.state", "=", "decided")
    .orderBy("workshop_items.decided_at", "desc")
    .execute();
  // The latest decision per candidate counts.
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.candidateId)) latest.set(r.candidateId, r);
  const decided = [...latest.values()];
  const itemIds = decided.map((r) => r.id);
  const [scores, criteria] = await Promise.all([
    scoresOf(db, itemIds),
    itemIds.length ? db.selectFrom("workshop_criteria").selectAll().where("workshop_id", "in", [...new Set(decided.map((r) => r.workshopId))]).execute() : Promise.resolve([]),
  ]);
  const totalOf = (r: (typeof rows)[number]) =>
    aggregate(
      criteria.filter((c) => c.workshop_id === r.workshopId).map((c) => ({ id: c.id, weight: c.weight, inverse: !!c.inverse })),
      scores.filter((s) => s.item_id === r.id).map((s) => ({ userId: s.user_id, criterionId: s.criterion_id, value: s.value })),
    ).weightedTotal;
  const view = (r: (typeof rows)[number]) => ({
    candidateId: r.candidateId,
    candidateTitle: r.candidateTitle,
    candidateStatus: r.candidateStatus,
    rank: r.decision_rank,
    deferredUntil: r.deferred_until,
    rationale: r.rationale,
    decidedAt: r.decided_at,
    workshopId: r.workshopId,
    workshopTitle: r.workshopTitle,
    weightedTotal: totalOf(r),
  });
  const prioritised = rankedOrder(decided.filter((r) => r.decision === "prioritise" && ["prioritised", "promoted"].includes(r.candidateStatus)).map(view));
  const deferred = decided.filter((r) => r.decision === "defer" && r.candidateStatus === "deferred").map(view);
  return { team, prioritised, deferred };
}
