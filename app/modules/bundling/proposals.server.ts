import { type ExpressionBuilder } from "kysely";
import { isUniqueViolation, now, type DB, type DbOrTx } from "#db/client.server";
import type { Database } from "#db/schema";
import { can, type Actor } from "#app/modules/auth/permissions";
import { visibleTo } from "#app/modules/requirements/queries.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { AppError, forbidden } from "#app/utils/errors.server";
import { DISMISSED_SHORT_LIST } from "./schema";
import { buildIndex, cannotLinkFromRemoval, cluster, compareIds, suggest, type BundlingDocument, type DocId } from "./engine/index";

// The engine's proposals are computed on demand over everything still unbundled and never stored:
// only what a person confirmed (candidates, removals, dismissed proposals, team assignments) lives in the database, so a
// re-run cannot undo it.

/** Statuses from which a requirement may go into a candidate. */
export const BUNDLEABLE_STATUSES = ["submitted", "released", "in_review"] as const;

/** A requirement of the pool needs a fit of at least this mean similarity to a candidate's members. */
const FIT_MIN_SCORE = 0.2;
const FIT_PER_CANDIDATE = 5;
const FIT_NEIGHBOURS_PER_MEMBER = 25;

export function inNoCandidate(eb: ExpressionBuilder<Database, "requirements">) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom("candidate_requirements")
        .select("candidate_requirements.requirement_id")
        .whereRef("candidate_requirements.requirement_id", "=", "requirements.id"),
    ),
  );
}

export function requireCurator(actor: Actor) {
  if (!can(actor, "manage:candidates")) throw forbidden();
}

/** Every requirement the actor may see that is out, unbundled and in no candidate, with its organisation. */
export async function loadPool(db: DbOrTx, actor: Actor) {
  const rows = await db
    .selectFrom("requirements")
    .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
    .select((eb) => [
      "requirements.id",
      "requirements.title",
      "requirements.problem",
      "requirements.desired_outcome",
      "requirements.themenfeld",
      "requirements.system",
      "requirements.confidential",
      "requirements.organisation_id",
      "organisations.name as organisationName",
      eb
        .selectFrom("endorsements")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("endorsements.requirement_id", "=", "requirements.id")
        .as("cosignatures"),
    ])
    .where(visibleTo(actor))
    .where("requirements.status", "in", [...BUNDLEABLE_STATUSES])
    .where("requirements.awaiting_release", "=", 0)
    .where(inNoCandidate)
    .orderBy("requirements.id")
    .execute();
  return rows.map((r) => ({ ...r, confidential: !!r.confidential, cosignatures: Number(r.cosignatures ?? 0) }));
}
type PoolRow = Awaited<ReturnType<typeof loadPool>>[number];

export function toDocument(r: { id: number; title: string; problem: string; desired_outcome: string; themenfeld: string; system: string | null }): BundlingDocument {
  return { id: r.id, title: r.title, description: `${r.problem}\n${r.desired_outcome}`, themenfeld: r.themenfeld, system: r.system };
}

function memberView(r: PoolRow) {
  return {
    id: r.id,
    title: r.title,
    organisationId: r.organisation_id,
    organisationName: r.organisationName,
    themenfeld: r.themenfeld,
    system: r.system,
    confidential: r.confidential,
    cosignatures: r.cosignatures,
  };
}

/** The member title that carries most of the shared terms; ties: the shorter, then the older one. */
function suggestTitle(members: PoolRow[], sharedTerms: string[]): string {
  const terms = sharedTerms.map((t) => t.toLowerCase());
  let best = members[0];
  let bestHits = -1;
  for (const m of members) {
    const title = m.title.toLowerCase();
    const hits = terms.filter((t) => title.includes(t)).length;
    if (hits > bestHits || (hits === bestHits && m.title.length < best.title.length)) {
      best = m;
      bestHits = hits;
    }
  }
  return best.title;
}

/** A proposal's identity: its requirement ids, ascending, joined by "-" (also how a dismissal is stored). */
export function proposalKey(ids: number[]): string {
  return [...ids].sort((a, b) => a - b).join("-");
}

/**
 * Proposed candidates over all unbundled requirements: the engine clusters them, respecting what
 * people decided (members of candidates are locked; a removed requirement never goes back together
 * with that candidate's members; a dismissed proposal is not shown again).
 */
export async function proposeCandidates(db: DbOrTx, actor: Actor) {
  requireCurator(actor);
  const pool = await loadPool(db, actor);
  const [memberRows, exclusionRows, dismissedRows] = await Promise.all([
    db.selectFrom("candidate_requirements").select(["candidate_id", "requirement_id"]).execute(),
    db.selectFrom("candidate_exclusions").select(["candidate_id", "requirement_id"]).execute(),
    db.selectFrom("dismissed_proposals").select("requirement_key").execute(),
  ]);
  const dismissed = new Set(dismissedRows.map((d) => d.requirement_key));
  const membersOf = new Map<number, number[]>();
  for (const m of memberRows) membersOf.set(m.candidate_id, [...(membersOf.get(m.candidate_id) ?? []), m.requirement_id]);
  const cannotLink: Array<[DocId, DocId]> = [];
  for (const e of exclusionRows) cannotLink.push(...cannotLinkFromRemoval(e.requirement_id, membersOf.get(e.candidate_id) ?? []));

  const byId = new Map(pool.map((r) => [r.id, r]));
  const cosignersOf = await poolCosigners(db, actor);
  const clusters = cluster(buildIndex(pool.map(toDocument)), { locked: memberRows.map((m) => m.requirement_id), cannotLink });
  // A dismissal hides exactly the set that was judged: once a requirement joins or leaves the cluster
  // (new filings, a member bundled elsewhere) the engine proposes a different set, and the team judges
  // that afresh. Pairwise "never together" constraints would also break up every later, better cluster.
  const shown = clusters.filter((c) => !dismissed.has(proposalKey(c.memberIds as number[])));
  return shown.map((c) => {
    const members = c.memberIds.map((id) => byId.get(id as number)!).filter(Boolean);
    // Filing and co-signing organisations, as the candidate page counts them once it is accepted.
    const organisations = new Map<number, { id: number; name: string; requirements: number; cosigned: number }>();
    const involve = (id: number, name: string) => {
      let o = organisations.get(id);
      if (!o) organisations.set(id, (o = { id, name, requirements: 0, cosigned: 0 }));
      return o;
    };
    for (const m of members) {
      involve(m.organisation_id, m.organisationName).requirements += 1;
      for (const e of cosignersOf.get(m.id) ?? []) involve(e.organisationId, e.organisationName).cosigned += 1;
    }
    return {
      key: proposalKey(members.map((m) => m.id)),
      suggestedTitle: suggestTitle(members, c.sharedTerms),
      confidence: c.confidence,
      sharedTerms: c.sharedTerms,
      commonThemenfeld: c.commonThemenfeld,
      commonSystem: c.commonSystem,
      requirements: members.map(memberView),
      organisations: [...organisations.values()].sort((a, b) => a.name.localeCompare(b.name, "de")),
      cosignatures: members.reduce((n, m) => n + m.cosignatures, 0),
    };
  });
}
export type Proposal = Awaited<ReturnType<typeof proposeCandidates>>[number];

/** The proposal with this key as the engine computes it now, or 409 when it is gone or has changed. */
export async function currentProposal(db: DbOrTx, actor: Actor, key: string): Promise<Proposal> {
  const found = (await proposeCandidates(db, actor)).find((p) => p.key === key);
  if (!found) throw new AppError("conflict", 409, "bundling:errors.proposalStale");
  return found;
}

/**
 * „Verwerfen“: the team judged that these requirements do not form a candidate. The set is remembered
 * (see proposeCandidates for how that meets later changes) and the step is audited. Returns the title
 * the proposal was shown with.
 */
export async function dismissProposal(db: DB, actor: Actor, key: string): Promise<string> {
  requireCurator(actor);
  const proposal = await currentProposal(db, actor, key);
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("dismissed_proposals")
        .values({ requirement_key: proposal.key, dismissed_by: actor.userId, dismissed_at: now() })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorUserId: actor.userId,
        action: "proposal.dismissed",
        entityType: "proposal",
        entityId: row.id,
        detail: { requirementIds: proposal.requirements.map((r) => r.id) },
      });
    });
  } catch (error) {
    // Dismissed at the same moment in another tab: the outcome the user wanted.
    if (!isUniqueViolation(error, "dismissed_proposals", "requirement_key")) throw error;
  }
  return proposal.suggestedTitle;
}

/**
 * The dismissed sets, latest first (all, or the first DISMISSED_SHORT_LIST): who dismissed them when,
 * and their requirements as the actor may see them now. A requirement the actor may no longer see (back
 * to a draft of its organisation, or deleted) is only counted.
 */
export async function listDismissedProposals(db: DbOrTx, actor: Actor, options: { all: boolean }) {
  requireCurator(actor);
  let query = db
    .selectFrom("dismissed_proposals")
    .leftJoin("users", "users.id", "dismissed_proposals.dismissed_by")
    .select(["dismissed_proposals.id", "dismissed_proposals.requirement_key", "dismissed_proposals.dismissed_at", "users.name as dismissedBy"])
    .orderBy("dismissed_proposals.dismissed_at", "desc")
    .orderBy("dismissed_proposals.id", "desc");
  if (!options.all) query = query.limit(DISMISSED_SHORT_LIST);
  const [rows, total] = await Promise.all([
    query.execute(),
    db.selectFrom("dismissed_proposals").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const idsOf = (key: string) => key.split("-").map(Number);
  const allIds = [...new Set(rows.flatMap((r) => idsOf(r.requirement_key)))];
  const visible =
    allIds.length === 0
      ? []
      : await db
          .selectFrom("requirements")
          .select(["requirements.id", "requirements.title", "requirements.confidential"])
          .where("requirements.id", "in", allIds)
          .where(visibleTo(actor))
          .execute();
  const byId = new Map(visible.map((r) => [r.id, { id: r.id, title: r.title, confidential: !!r.confidential }]));
  const entries = rows.map((r) => {
    const ids = idsOf(r.requirement_key);
    const requirements = ids.flatMap((id) => byId.get(id) ?? []);
    return { id: r.id, dismissedAt: r.dismissed_at, dismissedBy: r.dismissedBy, requirements, hidden: ids.length - requirements.length };
  });
  return { total: Number(total.n), entries };
}
export type DismissedProposal = Awaited<ReturnType<typeof listDismissedProposals>>["entries"][number];

/**
 * „Wiederherstellen“: the stored set is forgotten, so the engine may propose it again (if it still forms
 * it), and the step is audited like the dismissal. 409 when the entry is gone (restored in another tab).
 */
export async function restoreDismissedProposal(db: DB, actor: Actor, dismissalId: number): Promise<void> {
  requireCurator(actor);
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom("dismissed_proposals")
      .where("id", "=", dismissalId)
      .returning(["id", "requirement_key", "dismissed_at"])
      .executeTakeFirst();
    if (!row) throw new AppError("conflict", 409, "bundling:errors.dismissalGone");
    await recordAudit(trx, {
      actorUserId: actor.userId,
      action: "proposal.restored",
      entityType: "proposal",
      entityId: row.id,
      detail: { requirementIds: row.requirement_key.split("-").map(Number), dismissedAt: row.dismissed_at },
    });
  });
}

/** The organisations that co-signed each requirement of the pool (same conditions as loadPool), by requirement. */
async function poolCosigners(db: DbOrTx, actor: Actor) {
  const rows = await db
    .selectFrom("endorsements")
    .innerJoin("requirements", "requirements.id", "endorsements.requirement_id")
    .innerJoin("organisations", "organisations.id", "endorsements.organisation_id")
    .select(["endorsements.requirement_id as requirementId", "endorsements.organisation_id as organisationId", "organisations.name as organisationName"])
    .where(visibleTo(actor))
    .where("requirements.status", "in", [...BUNDLEABLE_STATUSES])
    .where("requirements.awaiting_release", "=", 0)
    .where(inNoCandidate)
    .execute();
  const byRequirement = new Map<number, typeof rows>();
  for (const r of rows) byRequirement.set(r.requirementId, [...(byRequirement.get(r.requirementId) ?? []), r]);
  return byRequirement;
}

/**
 * For each open candidate, the unbundled requirements that fit it: similar (on average) to its
 * members, and never one the requirements manager already removed from it.
 */
export async function suggestForCandidates(db: DbOrTx, actor: Actor) {
  requireCurator(actor);
  const candidates = await db.selectFrom("candidates").select(["id", "title", "version"]).where("status", "=", "open").orderBy("id").execute();
  if (candidates.length === 0) return [];
  const pool = await loadPool(db, actor);
  const ids = candidates.map((c) => c.id);
  const [members, exclusions] = await Promise.all([
    db
      .selectFrom("candidate_requirements")
      .innerJoin("requirements", "requirements.id", "candidate_requirements.requirement_id")
      .select([
        "candidate_requirements.candidate_id",
        "requirements.id",
        "requirements.title",
        "requirements.problem",
        "requirements.desired_outcome",
        "requirements.themenfeld",
        "requirements.system",
      ])
      .where("candidate_requirements.candidate_id", "in", ids)
      .orderBy("requirements.id")
      .execute(),
    db.selectFrom("candidate_exclusions").select(["candidate_id", "requirement_id"]).where("candidate_id", "in", ids).execute(),
  ]);
  const index = pool.length > 0 ? buildIndex(pool.map(toDocument)) : null;
  const byId = new Map(pool.map((r) => [r.id, r]));
  return candidates.map((c) => {
    const own = members.filter((m) => m.candidate_id === c.id);
    const excluded = new Set(exclusions.filter((e) => e.candidate_id === c.id).map((e) => e.requirement_id));
    const fits = new Map<number, { sum: number; terms: Set<string> }>();
    if (index && own.length > 0) {
      for (const m of own) {
        const doc = toDocument(m);
        const hits = suggest(index, doc, { limit: FIT_NEIGHBOURS_PER_MEMBER, excludeIds: excluded });
        for (const h of hits) {
          const f = fits.get(h.id as number) ?? { sum: 0, terms: new Set<string>() };
          f.sum += h.score;
          for (const t of h.sharedTerms) f.terms.add(t);
          fits.set(h.id as number, f);
        }
      }
    }
    const suggestions = [...fits.entries()]
      .map(([id, f]) => ({ id, score: Math.round((f.sum / own.length) * 10_000) / 10_000, sharedTerms: [...f.terms].slice(0, 8) }))
      .filter((s) => s.score >= FIT_MIN_SCORE && !excluded.has(s.id) && byId.has(s.id))
      .sort((a, b) => b.score - a.score || compareIds(a.id, b.id))
      .slice(0, FIT_PER_CANDIDATE)
      .map((s) => ({ ...memberView(byId.get(s.id)!), score: s.score, sharedTerms: s.sharedTerms }));
    return { candidate: { id: c.id, title: c.title, requirementCount: own.length }, suggestions };
  });
}
export type CandidateSuggestions = Awaited<ReturnType<typeof suggestForCandidates>>[number];

/**
 * Everything the "Bündelung" page shows: proposals, per open candidate new requirements that fit, and
 * the dismissed proposals (the latest few unless `allDismissed`).
 */
export async function getWorkbench(db: DbOrTx, actor: Actor, options: { allDismissed?: boolean } = {}) {
  requireCurator(actor);
  const [proposals, candidates, dismissed] = await Promise.all([
    proposeCandidates(db, actor),
    suggestForCandidates(db, actor),
    listDismissedProposals(db, actor, { all: options.allDismissed ?? false }),
  ]);
  return { proposals, candidates, dismissed };
}
