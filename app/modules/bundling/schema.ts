import { z } from "zod";
import { MAX_ID, queryId, requirementNumber } from "#app/utils/ids";
import { tooLong } from "#app/utils/messages";

// Zod schemas shared by the bundling forms and the server. Messages are i18n keys.

export const CANDIDATE_STATUSES = ["proposed", "open", "scheduled", "prioritised", "deferred", "rejected", "promoted"] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export const LIMITS = { title: 200, summary: 5_000, comment: 5_000, members: 500 };

/** How many dismissed proposals /buendelung lists before „Alle anzeigen“: the latest are what a team looks back on. */
export const DISMISSED_SHORT_LIST = 5;

const required = (max: number) =>
  z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, tooLong(max));
const id = (message = "bundling:errors.invalidId") =>
  z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message).max(MAX_ID, message);
const ids = (message: string) => z.array(id(), { invalid_type_error: message }).min(1, message).max(LIMITS.members, message);
/** Irreversible steps carry an explicit confirmation (the dialog's button, or the no-JS fallback). */
const confirmation = z.literal("yes", { errorMap: () => ({ message: "bundling:errors.confirmRequired" }) });

export const candidateTextFields = {
  title: required(LIMITS.title),
  summary: z.string().trim().max(LIMITS.summary, tooLong(LIMITS.summary)).default(""),
};

/** A proposal's key as the page shows it: its requirement ids, ascending, joined by "-". */
const proposalKey = z
  .string({ required_error: "bundling:errors.proposalStale" })
  .max(LIMITS.members * 12, "bundling:errors.proposalStale")
  .regex(/^\d+(-\d+)*$/, "bundling:errors.proposalStale");

/**
 * "Übernehmen" on a proposal, with the requirements the team kept (the ticked boxes); formId tells
 * the page which of its many forms answered.
 */
export const acceptProposalSchema = z.object({
  intent: z.literal("accept"),
  formId: z.string().max(100).optional(),
  proposalKey,
  requirementIds: ids("bundling:errors.noRequirements"),
  ...candidateTextFields,
});
export type AcceptProposalInput = z.infer<typeof acceptProposalSchema>;

/** „Verwerfen“ on a proposal: the same set is not proposed again; it asks first. */
export const dismissProposalSchema = z.object({
  intent: z.literal("dismiss"),
  formId: z.string().max(100).optional(),
  proposalKey,
  confirm: confirmation,
});

/** „Wiederherstellen“ on a dismissed proposal: the engine may propose the set again; it asks first. */
export const restoreDismissedSchema = z.object({
  intent: z.literal("restore"),
  formId: z.string().max(100).optional(),
  dismissalId: id("bundling:errors.dismissalGone"),
  confirm: confirmation,
});

export const addSuggestionSchema = z.object({
  intent: z.literal("add"),
  formId: z.string().max(100).optional(),
  candidateId: id(),
  requirementId: id(),
});

/** „Als Kandidat anlegen“ on a requirement's page: a candidate of that one requirement; it asks first. */
export const candidateFromRequirementSchema = z.object({
  intent: z.literal("candidate"),
  title: required(LIMITS.title),
  confirm: confirmation,
});

export const bundlingActionSchema = z.discriminatedUnion("intent", [acceptProposalSchema, dismissProposalSchema, restoreDismissedSchema, addSuggestionSchema]);

/** „Anforderung hinzufügen“ by the number the pages show („136“, „Nr. 136“); its preview reads it alike. */
export const addedRequirementField = requirementNumber("bundling:errors.requirementNumber");

export const candidateActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("edit"), version: id("bundling:errors.staleVersion"), ...candidateTextFields }),
  z.object({ intent: z.literal("add"), requirementId: addedRequirementField }),
  z.object({ intent: z.literal("remove"), requirementId: id(), confirm: confirmation }),
  z.object({ intent: z.literal("merge"), otherId: id("bundling:errors.mergeTarget"), confirm: confirmation }),
  z.object({
    intent: z.literal("split"),
    requirementIds: ids("bundling:errors.splitNone"),
    title: required(LIMITS.title),
    confirm: confirmation,
  }),
  z.object({
    intent: z.literal("team"),
    version: id("bundling:errors.staleVersion"),
    // An empty choice removes the assignment.
    teamId: id("bundling:errors.teamInvalid").nullable().default(null),
  }),
  z.object({ intent: z.literal("comment"), body: required(LIMITS.comment) }),
]);
export type CandidateAction = z.infer<typeof candidateActionSchema>;

/** Curation intents need `manage:candidates`; commenting only a signed-in member. */
export const CURATION_INTENTS = ["edit", "add", "remove", "merge", "split", "team"] as const;

export const candidateFilterSchema = z.object({
  status: z.enum(CANDIDATE_STATUSES).optional().catch(undefined),
  teamId: queryId(),
});
export type CandidateFilter = z.infer<typeof candidateFilterSchema>;
