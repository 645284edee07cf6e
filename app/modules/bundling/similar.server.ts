import { sql } from "kysely";
import type { DbOrTx } from "#db/client.server";
import type { Actor } from "#app/modules/auth/permissions";
import { findVisibleRequirement, seesConfidential } from "#app/modules/requirements/queries.server";
import { LIMITS, missingForSubmit } from "#app/modules/requirements/schema";
import { buildIndex, suggest, type BundlingIndex } from "./engine/index";
import { isGenericTerm } from "./engine/normalize";

// Requirements that others can find and co-sign: out, not withdrawn or merged.
const SEARCHABLE = ["submitted", "released", "in_review", "bundled", "prioritised", "deferred", "in_project"];

interface Cached {
  fingerprint: string;
  index: BundlingIndex;
  meta: Map<number, { organisationId: number; confidential: boolean }>;
}
let cache: Cached | null = null;

/**
 * The engine's index over all searchable requirements, rebuilt when they change. The fingerprint is
 * read from the database, so several app instances on one PostgreSQL stay in step.
 */
async function currentIndex(db: DbOrTx): Promise<Cached> {
  const fp = await db
    .selectFrom("requirements")
    .select([sql<number>`count(*)`.as("n"), sql<string | null>`max(updated_at)`.as("latest"), sql<number | null>`max(id)`.as("maxId")])
    .where("status", "in", SEARCHABLE)
    .where("awaiting_release", "=", 0)
    .executeTakeFirstOrThrow();
  const fingerprint = `${Number(fp.n)}|${fp.latest}|${fp.maxId}`;
  if (cache?.fingerprint === fingerprint) return cache;
  const rows = await db
    .selectFrom("requirements")
    .select(["id", "title", "problem", "desired_outcome", "themenfeld", "system", "organisation_id", "confidential"])
    .where("status", "in", SEARCHABLE)
    .where("awaiting_release", "=", 0)
    .execute();
  const index = buildIndex(
    rows.map((r) => ({ id: r.id, title: r.title, description: `${r.problem}\n${r.desired_outcome}`, themenfeld: r.themenfeld, system: r.system })),
  );
  cache = {
    fingerprint,
    index,
    meta: new Map(rows.map((r) => [r.id, { organisationId: r.organisation_id, confidential: !!r.confidential }])),
  };
  return cache;
}

export interface SimilarQuery {
  title: string;
  description?: string;
  themenfeld?: string | null;
  system?: string | null;
  excludeId?: number;
}

/**
 * A hint whose shared words are all generic (Anforderung, digital, Verwaltung, Antrag) only looks
 * similar. A hint with no shared word at all stays: it matched on parts of words (a typo, a compound)
 * or on the Themenfeld.
 */
function onlyGenericWords(sharedTerms: readonly string[]): boolean {
  return sharedTerms.length > 0 && sharedTerms.every(isGenericTerm);
}

/** The most similar requirements the actor may see, with the words they share. */
export async function findSimilarRequirements(db: DbOrTx, actor: Actor, query: SimilarQuery, limit = 5) {
  if (query.title.trim().length + (query.description?.trim().length ?? 0) < 3) return [];
  const { index, meta } = await currentIndex(db);
  const staff = seesConfidential(actor);
  const hits = suggest(
    index,
    { title: query.title, description: query.description ?? "", themenfeld: query.themenfeld ?? null, system: query.system ?? null },
    { limit: limit * 4, excludeIds: query.excludeId ? [query.excludeId] : [] },
  ).filter((h) => {
    const m = meta.get(Number(h.id));
    return m && (!m.confidential || staff || m.organisationId === actor.organisationId) && !onlyGenericWords(h.sharedTerms);
  });
  const top = hits.slice(0, limit);
  if (top.length === 0) return [];
  const rows = await db
    .selectFrom("requirements")
    .innerJoin("organisations", "organisations.id", "requirements.organisation_id")
    .select([
      "requirements.id",
      "requirements.title",
      "requirements.status",
      "requirements.organisation_id",
      "organisations.name as organisationName",
      (eb) =>
        eb.selectFrom("endorsements").select(eb.fn.countAll<number>().as("n")).whereRef("endorsements.requirement_id", "=", "requirements.id").as("cosignatures"),
    ])
    .where(
      "requirements.id",
      "in",
      top.map((h) => Number(h.id)),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return top.flatMap((h) => {
    const r = byId.get(Number(h.id));
    if (!r) return [];
    return [
      {
        id: r.id,
        title: r.title,
        status: r.status,
        organisationName: r.organisationName,
        own: r.organisation_id === actor.organisationId,
        cosignatures: Number(r.cosignatures ?? 0),
        score: Math.round(h.score * 100) / 100,
        sharedTerms: h.sharedTerms,
      },
    ];
  });
}

/** What a requirement about to be submitted is checked with: its text as typed or as saved. */
export interface SubmitText {
  title: string;
  problem: string;
  themenfeld: string | null;
  system: string | null;
}

/** The text of a sent requirement form, as typed (checked before the form's own checks passed). */
export function submitTextOf(formData: FormData): SubmitText {
  const text = (name: string) => String(formData.get(name) ?? "");
  return { title: text("title"), problem: text("problem"), themenfeld: text("themenfeld"), system: text("system") || null };
}

/**
 * The similarity step before „Einreichen“, the same for a new requirement and a saved draft: what
 * others filed that looks alike, unless the user has seen it and submits anyway (`confirmed`).
 * Nothing found (or confirmed, or no title yet): the submit may go ahead.
 */
export async function similarBeforeSubmit(db: DbOrTx, actor: Actor, text: SubmitText, opts: { confirmed: boolean; excludeId?: number }) {
  const title = text.title.trim();
  if (opts.confirmed || !title) return [];
  return findSimilarRequirements(db, actor, {
    title: title.slice(0, LIMITS.title),
    description: text.problem.slice(0, LIMITS.problem),
    themenfeld: text.themenfeld ?? "",
    system: text.system?.slice(0, LIMITS.system) || null,
    excludeId: opts.excludeId,
  });
}

/**
 * The similarity step for a saved draft submitted from its page, on the text as saved. Only for the
 * organisation's own complete draft: any other refusal (not visible, not a draft, fields missing)
 * is the submit's own and comes first.
 */
export async function similarBeforeSubmittingDraft(db: DbOrTx, actor: Actor, id: number, opts: { confirmed: boolean }) {
  if (opts.confirmed) return [];
  const r = await findVisibleRequirement(db, actor, id);
  if (r.status !== "draft" || r.organisation_id !== actor.organisationId) return [];
  if (missingForSubmit({ ...r, desiredOutcome: r.desired_outcome }).length > 0) return [];
  return similarBeforeSubmit(db, actor, { title: r.title, problem: r.problem, themenfeld: r.themenfeld, system: r.system }, { confirmed: false, excludeId: id });
}
