import { z } from "zod";
import { MAX_ID, queryId, requirementNumber } from "#app/utils/ids";
import { candidateFromRequirementSchema } from "#app/modules/bundling/schema";
import { readWholeNumber } from "#app/utils/numbers";
import { THEMENFELDER, URGENCIES } from "./topics";
import { REQUIREMENT_STATUSES } from "./workflow";
import { berlinToday } from "#app/utils/time";
import { tooLong } from "#app/utils/messages";

const required = (max: number) =>
  z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, tooLong(max));
const optional = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, tooLong(max)).optional());
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const LIMITS = { title: 200, problem: 10_000, desiredOutcome: 5_000, benefit: 5_000, system: 200, legalBasis: 300, comment: 5_000 };

/** Today as German users count it (the calendar date in Berlin, not in UTC): the earliest deadline a new requirement may name. */
export const today = () => berlinToday();

/** A day of the calendar written YYYY-MM-DD („2026-13-45“ is none). */
export const isCalendarDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

const deadline = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z
    .string()
    .refine(isCalendarDate, "requirements:validation.date")
    .refine((v) => v >= today(), "requirements:validation.deadlinePast")
    .optional(),
);

/** A text a draft may leave empty (then ""; conform sends an empty field as absent), checked for length when given. */
const draftText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(max))
    .optional()
    .transform((v) => v ?? "");
/** A choice a draft may leave open (an empty select is no choice); an unknown value is refused. */
const draftChoice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === "" || v == null ? undefined : v), z.enum(values, { errorMap: () => ({ message }) }).optional());

const themenfeld = z.enum(THEMENFELDER, { errorMap: () => ({ message: "requirements:validation.themenfeld" }) });

/** A draft needs only its title; the other fields are checked for length and format when filled. */
export const requirementFields = {
  title: required(LIMITS.title),
  problem: draftText(LIMITS.problem),
  desiredOutcome: draftText(LIMITS.desiredOutcome),
  themenfeld: draftChoice(THEMENFELDER, "requirements:validation.themenfeld"),
  system: optional(LIMITS.system),
  legalBasis: optional(LIMITS.legalBasis),
  deadline,
  benefit: draftText(LIMITS.benefit),
  urgency: draftChoice(URGENCIES, "requirements:validation.urgency"),
  confidential: checkbox,
};

/** What a requirement needs before it can be submitted, in the order of the form. */
export const SUBMIT_REQUIRED = ["title", "problem", "desiredOutcome", "themenfeld", "urgency", "benefit"] as const;
export type SubmitRequiredField = (typeof SUBMIT_REQUIRED)[number];

/** The fields still empty that submitting needs (none: it may be submitted). */
export function missingForSubmit(values: Partial<Record<SubmitRequiredField, string | null | undefined>>): SubmitRequiredField[] {
  return SUBMIT_REQUIRED.filter((k) => !(values[k] ?? "").trim());
}

const MISSING_MESSAGE: Record<SubmitRequiredField, string> = {
  title: "validation.required",
  problem: "validation.required",
  desiredOutcome: "validation.required",
  themenfeld: "requirements:validation.themenfeld",
  urgency: "requirements:validation.urgency",
  benefit: "validation.required",
};

export const requirementFormSchema = z.preprocess(
  // Submitting needs every required field: each missing one gets its message at once (the title's own
  // check already speaks), together with any other field's refusal (a text too long). Checked on the
  // form's values before the fields' own checks: a refinement after them would run only once every
  // field had passed, so a second submit would bring the next messages.
  (raw, ctx) => {
    const values = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    if (values.intent !== "submit") return raw;
    const text = (k: SubmitRequiredField) => (typeof values[k] === "string" ? (values[k] as string) : "");
    for (const field of missingForSubmit(Object.fromEntries(SUBMIT_REQUIRED.map((k) => [k, text(k)])))) {
      if (field !== "title") ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: MISSING_MESSAGE[field] });
    }
    return raw;
  },
  z.object({
    ...requirementFields,
    intent: z.enum(["save", "submit"]).default("save"),
    // Edits carry the version they were based on (optimistic locking); new ones a key against double submits.
    version: z.coerce.number().int().positive().max(MAX_ID).optional(),
    clientKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional(),
  }),
);
export type RequirementInput = z.infer<z.ZodObject<typeof requirementFields>>;

/** Reasons and questions of the steps (return, reject, withdraw, Rückfrage). */
export const REASON_LIMIT = 2_000;
export const reasonField = required(REASON_LIMIT);

/** What a co-signature's quantity counts; the column keeps NULL for co-signatures given before it was asked. */
export const QUANTITY_UNITS = ["workplaces", "cases_per_year"] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];
export const isQuantityUnit = (v: unknown): v is QuantityUnit => QUANTITY_UNITS.includes(v as QuantityUnit);

const cosignFields = z.object({
  intent: z.literal("cosign"),
  // "1.500" as typed with German grouping is 1500, not 1.5.
  quantity: z.preprocess(
    (v) => {
      const n = readWholeNumber(v);
      return n === "" || n == null ? undefined : n;
    },
    z.coerce
      .number({ invalid_type_error: "requirements:validation.quantity" })
      .int("requirements:validation.quantity")
      .min(1, "requirements:validation.quantity")
      .max(1_000_000, "requirements:validation.quantity")
      .optional(),
  ),
  quantityUnit: z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    z.enum(QUANTITY_UNITS, { errorMap: () => ({ message: "requirements:validation.quantityUnit" }) }).optional(),
  ),
  comment: optional(LIMITS.comment),
});

/** A number without its unit cannot be summed or compared: a quantity needs its unit, a unit its quantity. */
export function quantityUnitIssue(v: { quantity?: number; quantityUnit?: QuantityUnit }): { path: "quantity" | "quantityUnit"; message: string } | null {
  if (v.quantity !== undefined && v.quantityUnit === undefined) return { path: "quantityUnit", message: "requirements:validation.quantityUnit" };
  if (v.quantity === undefined && v.quantityUnit !== undefined) return { path: "quantity", message: "requirements:validation.quantityForUnit" };
  return null;
}

const refineQuantityUnit = (v: { quantity?: number; quantityUnit?: QuantityUnit }, ctx: z.RefinementCtx) => {
  const issue = quantityUnitIssue(v);
  if (issue) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [issue.path], message: issue.message });
};

export const cosignSchema = cosignFields.superRefine(refineQuantityUnit);

/** The requirements team's question to the organisation (Rückfrage); the step asks first. */
export const clarifySchema = z.object({
  intent: z.literal("clarify"),
  question: reasonField,
  confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirmRequired" }) }),
});
const TARGET_ID = "requirements:validation.targetId";
/** The number of the requirement a duplicate goes into, for the form and its preview alike. */
export const duplicateTargetField = requirementNumber(TARGET_ID);

export const detailActionSchema = z.discriminatedUnion("intent", [
  cosignFields,
  // Withdrawing deletes the organisation's quantity and comment: it asks first.
  z.object({ intent: z.literal("uncosign"), confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirmRequired" }) }) }),
  z.object({ intent: z.literal("comment"), body: required(LIMITS.comment) }),
  // Removing a file cannot be undone: it asks first. The id is checked against the requirement by the use case.
  z.object({
    intent: z.literal("removeAttachment"),
    attachmentId: z.string().regex(/^[a-z0-9]{1,64}$/),
    confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirmRequired" }) }),
  }),
  // Deleting a draft cannot be undone: it asks first.
  z.object({ intent: z.literal("deleteDraft"), confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirmRequired" }) }) }),
  z.object({ intent: z.literal("submit"), version: z.coerce.number().int().positive().max(MAX_ID), similarChecked: z.literal("1").optional() }),
  // Released, the requirement leaves its organisation for eGo-Saar (and, unless confidential, every member): it asks first.
  z.object({ intent: z.literal("release"), confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirmRequired" }) }) }),
  z.object({ intent: z.literal("return"), reason: reasonField }),
  clarifySchema,
  z.object({ intent: z.literal("withdraw"), reason: reasonField }),
  z.object({ intent: z.literal("review") }),
  z.object({ intent: z.literal("reject"), reason: reasonField }),
  z.object({
    intent: z.literal("merge"),
    targetId: duplicateTargetField,
    // The number whose preview the form showed; anything else reads as „not shown“.
    shownTarget: z.preprocess((v) => (typeof v === "string" && /^\d{1,10}$/.test(v) ? Number(v) : null), z.number().int().nullable()),
    reason: reasonField,
  }),
  // „Als Kandidat anlegen“ (requirements team): the rules live with the candidates.
  candidateFromRequirementSchema,
  z.object({
    intent: z.literal("classify"),
    version: z.coerce.number().int().positive().max(MAX_ID),
    themenfeld,
    system: requirementFields.system,
    legalBasis: requirementFields.legalBasis,
  }),
  // A discriminated union takes plain objects only: the co-sign rule across two fields runs on the whole.
]).superRefine((v, ctx) => {
  if (v.intent === "cosign") refineQuantityUnit(v, ctx);
});

/** The list search reads this many characters of what was typed (the field's maxlength; an address may carry more). */
export const MAX_SEARCH_LENGTH = 200;
/** The list search needs every one of at most this many words (each one more condition on the list). */
export const MAX_SEARCH_WORDS = 8;

export const SORTS = ["newest", "oldest", "deadline", "cosignatures", "title"] as const;

/** A page number from the address; anything unusable is the first page. */
const pageParam = z.coerce.number().int().min(1).max(100_000).default(1).catch(1);

/** The states a list filters by: the workflow's, and a submission still waiting for release. */
export const LIST_STATUSES = ["draft", "awaiting_release", ...REQUIREMENT_STATUSES.filter((s) => s !== "draft")] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export const listFilterSchema = z.object({
  // Longer text than the field takes (from an address) is not dropped: the search reads its start and says so.
  q: z
    .string()
    .trim()
    .transform((v) => v.slice(0, 4 * MAX_SEARCH_LENGTH))
    .optional()
    .catch(undefined),
  themenfeld: z.enum(THEMENFELDER).optional().catch(undefined),
  // „Wartet auf Freigabe“ is a submission its lead has not released yet: a state of its own in the own list.
  status: z.enum(LIST_STATUSES).optional().catch(undefined),
  organisationId: queryId(),
  districtId: queryId(),
  deadlineBefore: z.string().trim().refine(isCalendarDate).optional().catch(undefined),
  // „Von uns mitgezeichnet“: only requirements the reader's organisation has co-signed.
  cosigned: z.enum(["own"]).optional().catch(undefined),
  sort: z.enum(SORTS).default("newest").catch("newest"),
  page: pageParam,
});
export type ListFilter = z.infer<typeof listFilterSchema>;

/**
 * A list's filters from its address, and the values given there that the list could not use (it is
 * shown without that filter and the field says so, keeping what was typed).
 */
export function readListFilter(params: URLSearchParams) {
  const raw = Object.fromEntries(params);
  const filter = listFilterSchema.parse(raw);
  // The message quotes the value (a date field cannot show an impossible date); an address may carry any length.
  const deadlineBefore = Array.from(raw.deadlineBefore?.trim() ?? "");
  const shown = deadlineBefore.length > 30 ? `${deadlineBefore.slice(0, 30).join("")}…` : deadlineBefore.join("");
  const unusable: { deadlineBefore?: string } = shown && !filter.deadlineBefore ? { deadlineBefore: shown } : {};
  return { filter, unusable };
}

/** The states a requirement passes through in the inbox (Eingang). */
export const TRIAGE_STATUSES = ["submitted", "released", "in_review"] as const;
/** New in the inbox: not yet taken into review (what the start page's „Neu im Eingang“ counts). */
export const NEW_TRIAGE_STATUSES = ["submitted", "released"] as const satisfies readonly (typeof TRIAGE_STATUSES)[number][];
/** The inbox's state filter: one state, or "new" for both states not yet in review. */
export const TRIAGE_FILTERS = ["new", ...TRIAGE_STATUSES] as const;

/** The inbox (Eingang): pages, narrowed by Themenfeld, state and organisation; unusable values are ignored. */
export const triageQuerySchema = z.object({
  themenfeld: z.enum(THEMENFELDER).optional().catch(undefined),
  status: z.enum(TRIAGE_FILTERS).optional().catch(undefined),
  organisationId: queryId(),
  page: pageParam,
});
export type TriageQuery = z.infer<typeof triageQuerySchema>;
