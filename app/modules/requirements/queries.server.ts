import { type ExpressionBuilder, sql } from "kysely";
import { cacheWhileUnchanged, requirementTextContainsAll, type DbOrTx } from "#db/client.server";
import type { Database } from "#db/schema";
import { can, type Actor } from "#app/modules/auth/permissions";
import { sortGerman } from "#app/modules/organisations/order";
import { notFound } from "#app/utils/errors.server";
import { NEW_TRIAGE_STATUSES, TRIAGE_STATUSES, type ListFilter, type TriageQuery } from "./schema";
import { parseSearch, searchKeys, type SearchReport } from "./search";
import { openReturn, type RequirementStatus, type StatusEventLike } from "./workflow";

export const PAGE_SIZE = 25;
export const TRIAGE_PAGE_SIZE = 50;

/** The page to show: the one asked for, or the last one when the list has become shorter. */
function pageWithin(requested: number, total: number, pageSize: number): number {
  return Math.min(requested, Math.max(1, Math.ceil(total / pageSize)));
}

/** Association staff (requirements team, management, admins) also see confidential requirements. */
export function seesConfidential(actor: Actor): boolean {
  return can(actor, "read:confidential");
}

/**
 * The visibility rule of DESIGN.md as a WHERE clause: own organisation sees everything it filed;
 * everybody else only what is out (not a draft, not waiting for release) and, unless association
 * staff, not confidential.
 */
export function visibleTo(actor: Actor) {
  const staff = seesConfidential(actor);
  return (eb: ExpressionBuilder<Database, "requirements">) =>
    eb.or([
      eb("requirements.organisation_id", "=", actor.organisationId),
      eb.and([
        eb("requirements.status", "!=", "draft"),
        eb("requirements.awaiting_release", "=", 0),
        ...(staff ? [] : [eb("requirements.confidential", "=", 0)]),
      ]),
    ]);
}

/** Space-padded search keys stored with each requirement. */
export function searchTextOf(parts: (string | null | undefined)[]): string {
  return ` ${searchKeys(parts.filter(Boolean).join(" \n ")).join(" ")} `;
}


/** How a list reads its search text (null without one); the page names what it left out. */
function searchOf(filter: ListFilter): SearchReport | null {
  return filter.q ? parseSearch(filter.q) : null;
}

/** The requirements of a list (all visible ones, or the own organisation's), narrowed by its filters. */
function filteredRequirements(db: DbOrTx, actor: Actor, filter: ListFilter, scope: "all" | "own") {
  let q = db.selectFrom("requirements");
  if (scope === "own") {
    q = q.where("requirements.organisation_id", "=", actor.organisationId);
  } else {
    q = q.where(visibleTo(actor)).where("requirements.status", "!=", "draft").where("requirements.awaiting_release", "=", 0);
  }
  const search = searchOf(filter);
  const stems = search?.stems ?? [];
  const number = search?.number ?? null;
  // A number finds the requirement of that number (within what the actor may see, as above) and
  // the requirements whose text holds it.
  if (number !== null) {
    const byNumber = number;
    q = q.where((eb) => eb.or([eb("requirements.id", "=", byNumber), ...(stems.length ? [requirementTextContainsAll(db, stems)] : [])]));
  } else if (stems.length) q = q.where(requirementTextContainsAll(db, stems));
  if (filter.cosigned === "own") {
    q = q.where("requirements.id", "in", (eb) => eb.selectFrom("endorsements").select("endorsements.requirement_id").where("endorsements.organisation_id", "=", actor.organisationId));
  }
  if (filter.themenfeld) q = q.where("requirements.themenfeld", "=", filter.themenfeld);
  // A submission waiting for release counts as that, not as „Eingereicht“ (as its badge says).
  if (filter.status === "awaiting_release") q = q.where("requirements.status", "=", "submitted").where("requirements.awaiting_release", "=", 1);
  else if (filter.status) q = q.where("requirements.status", "=", filter.status);
  if (filter.status === "submitted") q = q.where("requirements.awaiting_release", "=", 0);
  if (filter.organisationId) q = q.where("requirements.organisation_id", "=", filter.organisationId);
  if (filter.districtId) {
    const d = filter.districtId;
    q = q.where("requirements.organisation_id", "in", (eb) =>
      eb.selectFrom("organisations").select("organisations.id").where((w) => w.or([w("organisations.district_id", "=", d), w("organisations.id", "=", d)])),
    );
  }
  if (filter.deadlineBefore) q = q.where("requirements.deadline", "is not", null).where("requirements.deadline", "<=", filter.deadlineBefore);
  return q;
}

const cosignCount = (eb: ExpressionBuilder<Database, "requirements">) =>
  eb.selectFrom("endorsements").select(eb.fn.countAll<number>().as("n")).whereRef("endorsements.requirement_id", "=", "requirements.id");

/** A list's rows with organisation and district, in the list's order (the id last, so pages never overlap). */
function orderedRows(q: ReturnType<typeof filteredRequirements>, filter: ListFilter, scope: "all" | "own") {
  let rows = q
    .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
    .leftJoin("organisations as district", "district.id", "organisations.district_id")
    .select([
      "requirements.id",
      "requirements.title",
      "requirements.status",
      "requirements.themenfeld",
      "requirements.deadline",
      "requirements.urgency",
      "requirements.confidential",
      "requirements.awaiting_release",
      "requirements.submitted_at",
      "requirements.updated_at",
      "organisations.name as organisationName",
      "district.name as districtName",
    ]);
  // Every order is total and the same on SQLite and PostgreSQL, which place NULLs apart (SQLite
  // first, PostgreSQL last ascending): no order key below may be NULL, and the id decides ties.
  switch (filter.sort) {
    case "oldest":
      // The reverse of "newest": a draft (no submission date) by its last change, so the own list's
      // drafts, usually the latest work, come at the end rather than wherever NULLs sort.
      rows = rows.orderBy(sql`COALESCE(requirements.submitted_at, requirements.updated_at)`, "asc").orderBy("requirements.id", "asc");
      break;
    case "deadline":
      rows = rows.orderBy(sql`CASE WHEN requirements.deadline IS NULL THEN 1 ELSE 0 END`).orderBy("requirements.deadline", "asc");
      break;
    case "cosignatures":
      rows = rows.orderBy((eb) => cosignCount(eb), "desc");
      break;
    case "title":
      // German order alike on both databases (title-order.ts); equal keys („abfall“, „Abfall“) by number.
      rows = rows.orderBy("requirements.title_sort", "asc").orderBy("requirements.id", "asc");
      break;
    default:
      // Everything in "all" has a submission time, so its index gives the order without sorting;
      // drafts (own list only) sort by their last change.
      rows =
        scope === "all"
          ? rows.orderBy("requirements.submitted_at", "desc")
          : rows.orderBy(sql`COALESCE(requirements.submitted_at, requirements.updated_at)`, "desc");
  }
  // Ties: the later number first ("oldest" and "title" have their own, ascending, above; a second key is then inert).
  return rows.orderBy("requirements.id", "desc");
}

/** List pages (rows of one page for one visibility and filter) each serving thread remembers while nothing changes. */
const LIST_PAGES_KEPT = 100;

export async function listRequirements(db: DbOrTx, actor: Actor, filter: ListFilter, scope: "all" | "own") {
  // Filters work on the requirements table alone, so the count needs no joins (on 20,000
  // requirements the joined count cost several times the page query).
  // Built only when a count or a page is not remembered.
  let built: ReturnType<typeof filteredRequirements> | undefined;
  const q = () => (built ??= filteredRequirements(db, actor, filter, scope));
  // The count depends on the database, the filters and what the actor may see: their organisation
  // (own list, and their own confidential requirements) and whether they see all confidential ones.
  // Every filter but order and page, so a filter added later cannot share a count with another.
  // The search as searched (its keys), not as typed: an address may carry any length of text.
  const search = searchOf(filter);
  const { sort: _sort, page: _page, q: _q, ...countFilter } = filter;
  const countKey = JSON.stringify(["requirements.count", scope, actor.organisationId, scope === "all" && seesConfidential(actor), { ...countFilter, q: search?.stems, number: search?.number }]);
  const total = await cacheWhileUnchanged(db, countKey, async () => Number((await q().select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n));
  const page = pageWithin(filter.page, total, PAGE_SIZE);
  // The page's rows and co-signature counts depend on the same as the count, plus order and page,
  // and only on requirements, organisations and co-signatures (the counted tables): remembered like
  // the count, at most LIST_PAGES_KEPT of them (about 10 KB each), already in the form the page
  // shows them, so that every request that reads an unchanged page shares the same rows (which
  // must not be modified). Whether a row's project is still pending depends on projects, which are
  // not counted: asked below every time.
  const { rows } = await cacheWhileUnchanged(
    db,
    JSON.stringify([countKey, filter.sort, page]),
    async () => {
      const found = await orderedRows(q(), filter, scope)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .execute();
      // Co-signature counts for the page's rows only.
      const counts = new Map<number, number>();
      if (found.length > 0) {
        const rowsWithCounts = await db
          .selectFrom("endorsements")
          .select(["requirement_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where(
            "requirement_id",
            "in",
            found.map((r) => r.id),
          )
          .groupBy("requirement_id")
          .execute();
        for (const r of rowsWithCounts) counts.set(r.requirement_id, Number(r.n));
      }
      return {
        rows: found.map((r) => ({
          ...r,
          status: r.status as RequirementStatus,
          confidential: !!r.confidential,
          awaitingRelease: !!r.awaiting_release,
          cosignatures: counts.get(r.id) ?? 0,
          /**
           * „Im Projekt“, but the project still waits for approval (and may yet be rejected): who decides
           * next, management ("requested") or the supervisory board ("board_vote"); null otherwise.
           */
          projectPending: null as PendingProjectStage | null,
        })),
      };
    },
    { group: "requirements.page", limit: LIST_PAGES_KEPT },
  );
  const pending = await inPendingProject(
    db,
    rows.filter((r) => r.status === "in_project").map((r) => r.id),
  );
  return {
    total,
    page,
    pageSize: PAGE_SIZE,
    search,
    // Only rows whose project is pending get a copy of their own.
    items:
      pending.size === 0
        ? rows
        : rows.map((r) => {
            const stage = pending.get(r.id);
            return stage ? { ...r, projectPending: stage } : r;
          }),
  };
}

/** The stages in which a project still waits for a decision: management's approval, the board's vote. */
export type PendingProjectStage = "requested" | "board_vote";
const PENDING_PROJECT_STAGES: PendingProjectStage[] = ["requested", "board_vote"];

/**
 * Of two pending projects of one requirement (a requirement may reach projects through two
 * candidates), the one that waits longest: management's approval comes before the board's vote.
 */
function earlierStage(a: PendingProjectStage | undefined, b: PendingProjectStage): PendingProjectStage {
  return a === "requested" || b === "requested" ? "requested" : "board_vote";
}

/**
 * Of the given requirements (in status in_project), those whose project still waits for approval,
 * with who decides next: management ("requested") or the board's vote ("board_vote"). Asked only for
 * the rows of a page that are in a project.
 */
async function inPendingProject(db: DbOrTx, requirementIds: number[]): Promise<Map<number, PendingProjectStage>> {
  const stages = new Map<number, PendingProjectStage>();
  if (requirementIds.length === 0) return stages;
  const rows = await db
    .selectFrom("candidate_requirements")
    .innerJoin("project_candidates", "project_candidates.candidate_id", "candidate_requirements.candidate_id")
    .innerJoin("projects", "projects.id", "project_candidates.project_id")
    .select(["candidate_requirements.requirement_id", "projects.status"])
    .where("candidate_requirements.requirement_id", "in", requirementIds)
    .where("projects.status", "in", PENDING_PROJECT_STAGES)
    .execute();
  for (const r of rows) stages.set(r.requirement_id, earlierStage(stages.get(r.requirement_id), r.status as PendingProjectStage));
  return stages;
}

/**
 * What a form shows below a typed requirement number before it is sent (the duplicate's target, a
 * requirement to add to a candidate): the requirement as the person may see it, or the message the
 * step would refuse it with.
 */
export type RequirementPreview =
  | { ok: true; target: { id: number; title: string; organisationName: string; status: RequirementStatus } }
  | { ok: false; message: string };

/** The preview of a requirement the step would take (found through findVisibleRequirement). */
export function previewOf(r: { id: number; title: string; organisationName: string; status: RequirementStatus }): RequirementPreview {
  return { ok: true, target: { id: r.id, title: r.title, organisationName: r.organisationName, status: r.status } };
}

/** Loads one requirement the actor may see; a hidden one is indistinguishable from a missing one. */
export async function findVisibleRequirement(db: DbOrTx, actor: Actor, id: number) {
  const row = await db
    .selectFrom("requirements")
    .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
    .selectAll("requirements")
    .select(["organisations.name as organisationName", "organisations.requires_release"])
    .where("requirements.id", "=", id)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  return { ...row, status: row.status as RequirementStatus };
}

/**
 * Why a draft is a draft again (see openReturn): who sent it back, when and why, for its page and
 * its edit form; null for any other requirement. Only for a requirement the caller has already loaded visibly.
 */
export async function openReturnOf(db: DbOrTx, id: number, status: RequirementStatus) {
  if (status !== "draft") return null;
  const events = await db
    .selectFrom("requirement_events")
    .leftJoin("users", "users.id", "requirement_events.actor_user_id")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["requirement_events.kind", "requirement_events.to_status", "requirement_events.detail", "requirement_events.at", "requirement_events.reason", "users.name as actorName", "organisations.name as actorOrganisation"])
    .where("requirement_events.requirement_id", "=", id)
    .where("requirement_events.kind", "=", "status")
    .orderBy("requirement_events.at")
    .orderBy("requirement_events.id")
    .execute();
  return returnNoticeOf(status, events.map((e) => ({ ...e, detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null })));
}

/** The open return of a draft from its status events, as the notice on its page and edit form shows it. */
export function returnNoticeOf(
  status: RequirementStatus,
  events: readonly (StatusEventLike & { at: string; reason: string | null; actorName: string | null; actorOrganisation: string | null })[],
) {
  const open = openReturn(status, events);
  return open && { by: open.by, at: open.event.at, reason: open.event.reason, actorName: open.event.actorName, actorOrganisation: open.event.actorOrganisation };
}

export async function getRequirementDetail(db: DbOrTx, actor: Actor, id: number) {
  const r = await findVisibleRequirement(db, actor, id);
  const [endorsements, comments, attachments, events, author, duplicateOf, duplicates] = await Promise.all([
    db
      .selectFrom("endorsements")
      .innerJoin("organisations", "organisations.id", "endorsements.organisation_id")
      .select(["endorsements.id", "endorsements.organisation_id", "endorsements.quantity", "endorsements.quantity_unit as quantityUnit", "endorsements.comment", "endorsements.created_at", "organisations.name as organisationName"])
      .where("endorsements.requirement_id", "=", id)
      .orderBy("endorsements.created_at")
      .orderBy("endorsements.id")
      .execute(),
    db
      .selectFrom("comments")
      .innerJoin("organisations", "organisations.id", "comments.organisation_id")
      .leftJoin("users", "users.id", "comments.user_id")
      .select(["comments.id", "comments.body", "comments.created_at", "users.name as authorName", "organisations.name as organisationName"])
      .where("comments.requirement_id", "=", id)
      .orderBy("comments.created_at")
      .orderBy("comments.id")
      .execute(),
    db
      .selectFrom("attachments")
      .select(["id", "original_name", "mime_type", "size_bytes", "created_at"])
      .where("requirement_id", "=", id)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("requirement_events")
      .leftJoin("users", "users.id", "requirement_events.actor_user_id")
      .leftJoin("organisations", "organisations.id", "users.organisation_id")
      .select([
        "requirement_events.id",
        "requirement_events.at",
        "requirement_events.kind",
        "requirement_events.from_status",
        "requirement_events.to_status",
        "requirement_events.reason",
        "requirement_events.detail",
        "users.name as actorName",
        "organisations.name as actorOrganisation",
      ])
      .where("requirement_events.requirement_id", "=", id)
      .orderBy("requirement_events.at")
      .orderBy("requirement_events.id")
      .execute(),
    r.created_by ? db.selectFrom("users").select("name").where("id", "=", r.created_by).executeTakeFirst() : undefined,
    r.duplicate_of_id
      ? db.selectFrom("requirements").select(["id", "title"]).where("id", "=", r.duplicate_of_id).where(visibleTo(actor)).executeTakeFirst()
      : undefined,
    db.selectFrom("requirements").select(["id", "title"]).where("duplicate_of_id", "=", id).where(visibleTo(actor)).execute(),
  ]);
  return {
    id: r.id,
    title: r.title,
    problem: r.problem,
    desiredOutcome: r.desired_outcome,
    themenfeld: r.themenfeld,
    system: r.system,
    legalBasis: r.legal_basis,
    deadline: r.deadline,
    benefit: r.benefit,
    urgency: r.urgency,
    confidential: !!r.confidential,
    status: r.status,
    awaitingRelease: !!r.awaiting_release,
    version: r.version,
    rejectReason: r.reject_reason,
    organisationId: r.organisation_id,
    organisationName: r.organisationName,
    authorName: author?.name ?? null,
    submittedAt: r.submitted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    duplicateOf: duplicateOf ?? null,
    duplicates,
    endorsements: endorsements.map((e) => ({ ...e, own: e.organisation_id === actor.organisationId })),
    comments,
    attachments,
    events: await creditWorkshopTeams(
      db,
      events.map((e) => ({ ...e, detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null })),
    ),
  };
}
export type RequirementDetail = Awaited<ReturnType<typeof getRequirementDetail>>;

/**
 * A workshop's decision is the Kompetenzteam's, not the organisation of the lead who recorded it:
 * requirement events whose detail names a workshop are credited to that workshop's team.
 */
export async function creditWorkshopTeams<E extends { detail: Record<string, unknown> | null; actorOrganisation: string | null }>(db: DbOrTx, events: E[]): Promise<E[]> {
  const workshopIds = [...new Set(events.map((e) => e.detail?.workshopId).filter((id): id is number => typeof id === "number"))];
  if (workshopIds.length === 0) return events;
  const rows = await db.selectFrom("workshops").innerJoin("teams", "teams.id", "workshops.team_id").select(["workshops.id", "teams.name"]).where("workshops.id", "in", workshopIds).execute();
  const teams = new Map(rows.map((r) => [r.id, r.name]));
  return events.map((e) => ({ ...e, actorOrganisation: teams.get(e.detail?.workshopId as number) ?? e.actorOrganisation }));
}

/** The organisation's submissions waiting for its lead's release. */
export async function listAwaitingRelease(db: DbOrTx, actor: Actor) {
  return db
    .selectFrom("requirements")
    .leftJoin("users", "users.id", "requirements.created_by")
    .select(["requirements.id", "requirements.title", "requirements.submitted_at", "requirements.themenfeld", "users.name as authorName"])
    .where("requirements.organisation_id", "=", actor.organisationId)
    .where("requirements.status", "=", "submitted")
    .where("requirements.awaiting_release", "=", 1)
    .orderBy("requirements.submitted_at")
    .execute();
}

/** The requirements team's inbox, oldest submission first, one page at a time. */
export async function listTriageQueue(db: DbOrTx, actor: Actor, query: Partial<TriageQuery> = {}) {
  const { themenfeld, status, organisationId } = query;
  let q = db
    .selectFrom("requirements")
    .where(visibleTo(actor))
    .where("requirements.status", "in", status === "new" ? [...NEW_TRIAGE_STATUSES] : status ? [status] : [...TRIAGE_STATUSES])
    .where("requirements.awaiting_release", "=", 0);
  if (themenfeld) q = q.where("requirements.themenfeld", "=", themenfeld);
  if (organisationId) q = q.where("requirements.organisation_id", "=", organisationId);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const page = pageWithin(query.page ?? 1, total, TRIAGE_PAGE_SIZE);
  const items = await q
    .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
    .select([
      "requirements.id",
      "requirements.title",
      "requirements.status",
      "requirements.themenfeld",
      "requirements.submitted_at",
      "requirements.confidential",
      "organisations.name as organisationName",
    ])
    .orderBy("requirements.submitted_at")
    .orderBy("requirements.id")
    .limit(TRIAGE_PAGE_SIZE)
    .offset((page - 1) * TRIAGE_PAGE_SIZE)
    .execute();
  return { items, total, page, pageSize: TRIAGE_PAGE_SIZE };
}

export async function listDistricts(db: DbOrTx) {
  return cacheWhileUnchanged(db, "organisations.districts", async () =>
    sortGerman(await db.selectFrom("organisations").select(["id", "name"]).where("kind", "in", ["landkreis", "regionalverband"]).execute(), (o) => o.name),
  );
}

export async function listOrganisationOptions(db: DbOrTx) {
  return cacheWhileUnchanged(db, "organisations.options", async () =>
    sortGerman(await db.selectFrom("organisations").select(["id", "name"]).where("active", "=", 1).execute(), (o) => o.name),
  );
}

/**
 * Every row of a list (not just one page), for the CSV download: the same visibility rule, filters
 * and order as the list, with co-signature counts and whether an "in project" requirement's project
 * still waits for approval.
 */
export async function exportRequirements(db: DbOrTx, actor: Actor, filter: ListFilter, scope: "all" | "own") {
  const inProjectWith = (eb: ExpressionBuilder<Database, "requirements">, stage: PendingProjectStage) =>
    eb.exists(
      eb
        .selectFrom("candidate_requirements")
        .innerJoin("project_candidates", "project_candidates.candidate_id", "candidate_requirements.candidate_id")
        .innerJoin("projects", "projects.id", "project_candidates.project_id")
        .select(sql`1`.as("one"))
        .whereRef("candidate_requirements.requirement_id", "=", "requirements.id")
        .where("projects.status", "=", stage),
    );
  const rows = await orderedRows(filteredRequirements(db, actor, filter, scope), filter, scope)
    .select((eb) => [cosignCount(eb).as("cosignatures"), inProjectWith(eb, "requested").as("inRequestedProject"), inProjectWith(eb, "board_vote").as("inBoardVoteProject")])
    .execute();
  return rows.map(({ inRequestedProject, inBoardVoteProject, ...r }) => ({
    ...r,
    status: r.status as RequirementStatus,
    confidential: !!r.confidential,
    awaitingRelease: !!r.awaiting_release,
    cosignatures: Number(r.cosignatures),
    projectPending: (r.status !== "in_project" ? null : Number(inRequestedProject) ? "requested" : Number(inBoardVoteProject) ? "board_vote" : null) as PendingProjectStage | null,
  }));
}
export type ExportedRequirement = Awaited<ReturnType<typeof exportRequirements>>[number];
