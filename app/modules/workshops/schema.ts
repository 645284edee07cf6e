import { z } from "zod";
import { MAX_ID } from "#app/utils/ids";
import { typedWholeNumber } from "#app/utils/numbers";
import { berlinLocalToIso, isAfterBerlinToday } from "#app/utils/time";
import { DECISIONS } from "./workflow";
import { tooLong } from "#app/utils/messages";

// Zod schemas shared by the workshop forms and the server. Messages are i18n keys.

export const LIMITS = { title: 200, location: 200, notes: 10_000, rationale: 5_000, changeNote: 2_000, cancelReason: 2_000, criterionName: 120, criterionDescription: 500, agenda: 50, participants: 100 };

const required = (max: number) =>
  z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, tooLong(max));
const id = (message = "workshops:errors.invalidId") =>
  z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message).max(MAX_ID, message);

export const scoreValue = z
  .number({ required_error: "workshops:errors.scoreMissing", invalid_type_error: "workshops:errors.scoreRange" })
  .int("workshops:errors.scoreRange")
  .min(1, "workshops:errors.scoreRange")
  .max(5, "workshops:errors.scoreRange");

export const scoreSchema = z.object({
  intent: z.literal("score"),
  itemId: id(),
  scores: z
    .array(z.object({ criterionId: id(), value: scoreValue }), { required_error: "workshops:errors.scoreMissing" })
    .min(1, "workshops:errors.scoreMissing")
    .max(50, "workshops:errors.scoreMissing"),
});
export type ScoreInput = z.infer<typeof scoreSchema>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** Weighty steps (starting or ending a workshop, a decision, publishing its minutes) carry an explicit confirmation. */
const confirmation = z.literal("yes", { errorMap: () => ({ message: "validation.confirmRequired" }) });

/**
 * Discussion notes the moderator typed but did not save, sent along with a step that moves the
 * session on (open, reveal, decide, end): the server keeps them in that step's transaction.
 */
const carriedNotes = {
  notesItemId: id().optional(),
  notes: z.string().trim().max(LIMITS.notes, tooLong(LIMITS.notes)).optional(),
};
export type CarriedNotes = { notesItemId?: number; notes?: string };

export const decideFields = z.object({
  intent: z.literal("decide"),
  itemId: id(),
  decision: z.enum(DECISIONS, { errorMap: () => ({ message: "workshops:errors.decisionMissing" }) }),
  // A missing or unreadable rank is asked for; one out of range names the range it left.
  rank: z.number({ invalid_type_error: "workshops:errors.rank" }).int("workshops:errors.rankWhole").min(1, "workshops:errors.rankMin").max(999, "workshops:errors.rankMax").optional(),
  deferredUntil: z.string().trim().regex(isoDate, "workshops:errors.deferredUntil").optional(),
  rationale: z
    .string({ required_error: "workshops:errors.rationaleMissing" })
    .trim()
    .min(1, "workshops:errors.rationaleMissing")
    .max(LIMITS.rationale, tooLong(LIMITS.rationale)),
  confirm: confirmation,
  ...carriedNotes,
});

/**
 * What a decision needs besides its own fields: a rank to prioritise, a date after today (in Berlin,
 * on the server and in the browser alike) to defer.
 */
function checkDecisionNeeds(v: { decision?: string; rank?: unknown; deferredUntil?: string }, ctx: z.RefinementCtx) {
  if (v.decision === "prioritise" && (v.rank === undefined || v.rank === "")) ctx.addIssue({ code: "custom", path: ["rank"], message: "workshops:errors.rank" });
  if (v.decision === "defer") {
    if (!v.deferredUntil) ctx.addIssue({ code: "custom", path: ["deferredUntil"], message: "workshops:errors.deferredUntil" });
    else if (!isAfterBerlinToday(v.deferredUntil)) {
      ctx.addIssue({ code: "custom", path: ["deferredUntil"], message: "workshops:errors.deferredPast" });
    }
  }
}

/**
 * The decision form's check in the browser, before it asks for confirmation (so it does not ask for
 * it yet). The rank or date the choice needs is checked alongside the other fields: zod skips an
 * object's refinements while one of its fields is missing, an intersection parses both sides.
 */
export const decideFormSchema = decideFields
  .omit({ confirm: true })
  .and(
    z
      .object({ decision: z.string().optional(), rank: z.unknown(), deferredUntil: z.string().optional() })
      .superRefine(checkDecisionNeeds)
      // Only the check counts: the values are those of the left side.
      .transform(() => ({})),
  );

/** The lead's and participants' actions in the live view and on the overview page. */
export const liveActionSchema = z
  .discriminatedUnion("intent", [
    scoreSchema,
    decideFields,
    z.object({ intent: z.literal("open"), itemId: id(), ...carriedNotes }),
    // Revealing before everyone expected has scored needs confirm=yes; the use case decides when (it counts).
    z.object({ intent: z.literal("reveal"), itemId: id(), confirm: confirmation.optional(), ...carriedNotes }),
    z.object({ intent: z.literal("reopen"), itemId: id() }),
    z.object({ intent: z.literal("notes"), itemId: id(), notes: z.string().trim().max(LIMITS.notes, tooLong(LIMITS.notes)).default("") }),
    z.object({ intent: z.literal("start"), confirm: confirmation }),
    z.object({ intent: z.literal("end"), confirm: confirmation, ...carriedNotes }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent === "decide") checkDecisionNeeds(v, ctx);
  });
export type LiveAction = z.infer<typeof liveActionSchema>;

/** Publishing the minutes, on the minutes page. */
export const publishSchema = z.object({ intent: z.literal("publish"), confirm: confirmation });

/** The date and time come from a datetime-local field and are read as Berlin time. */
const localDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const scheduledAt = z
  .string({ required_error: "workshops:errors.dateMissing" })
  .trim()
  .regex(localDateTime, "workshops:errors.dateMissing");

/**
 * Why a workshop cannot take place at this datetime-local value (Berlin time) as seen at `nowIso`:
 * no real date („2026-13-01T10:00“), or in the past (an hour's grace); null when it can.
 */
export function scheduledAtProblem(local: string, nowIso: string): string | null {
  const iso = berlinLocalToIso(local);
  if (!iso) return "workshops:errors.dateMissing";
  if (Date.parse(iso) < Date.parse(nowIso) - 60 * 60_000) return "workshops:errors.datePast";
  return null;
}
const location = z.string().trim().max(LIMITS.location, tooLong(LIMITS.location)).default("");
const participantIds = z
  .array(id(), { required_error: "workshops:errors.participantsEmpty", invalid_type_error: "workshops:errors.participantsEmpty" })
  .min(1, "workshops:errors.participantsEmpty")
  .max(LIMITS.participants, "workshops:errors.participantsEmpty");

export const scheduleSchema = z.object({
  teamId: id("workshops:errors.teamInvalid"),
  title: required(LIMITS.title),
  scheduledAt,
  location,
  candidateIds: z
    .array(id(), { required_error: "workshops:errors.agendaEmpty", invalid_type_error: "workshops:errors.agendaEmpty" })
    .min(1, "workshops:errors.agendaEmpty")
    .max(LIMITS.agenda, "workshops:errors.agendaTooLong"),
  participantIds,
});
export type ScheduleInput = z.infer<typeof scheduleSchema>;

/**
 * The planning form as the server checks it at `nowIso` (the use case's clock): a date in the past
 * is reported together with every other field's message, not only once they are all fine (zod skips
 * an object's refinements while one of its fields fails; an intersection parses both sides).
 */
export function scheduleSchemaAt(nowIso: string) {
  return scheduleSchema.and(
    z
      .object({ scheduledAt: z.unknown() })
      .superRefine(({ scheduledAt: value }, ctx) => {
        // A value that is no date and time at all has its message from the left side already.
        if (typeof value !== "string" || !localDateTime.test(value.trim())) return;
        const problem = scheduledAtProblem(value.trim(), nowIso);
        if (problem) ctx.addIssue({ code: "custom", path: ["scheduledAt"], message: problem });
      })
      // Only the check counts: the values are those of the left side.
      .transform(() => ({})),
  );
}

export const MOVE_DIRECTIONS = ["up", "down"] as const;
export type MoveDirection = (typeof MOVE_DIRECTIONS)[number];

/** Changes to a scheduled workshop on its page: move it, change agenda, its order and invitations, or cancel it. */
export const workshopChangeSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reschedule"),
    scheduledAt,
    location,
    note: z.string().trim().max(LIMITS.changeNote, tooLong(LIMITS.changeNote)).default(""),
  }),
  z.object({
    intent: z.literal("agenda"),
    // The complete new agenda: a candidate left out is taken off it (one must remain).
    candidateIds: z
      .array(id(), { required_error: "workshops:errors.agendaLastItem", invalid_type_error: "workshops:errors.agendaLastItem" })
      .min(1, "workshops:errors.agendaLastItem")
      .max(LIMITS.agenda, "workshops:errors.agendaTooLong"),
    // The team's leads stay invited whatever is sent (their boxes are shown, not sent).
    participantIds: z
      .array(id(), { invalid_type_error: "workshops:errors.participantsEmpty" })
      .max(LIMITS.participants, "workshops:errors.participantsEmpty")
      .default([]),
  }),
  // One agenda item one place up or down; the use case checks that it is this workshop's and can move.
  z.object({
    intent: z.literal("move"),
    itemId: id(),
    direction: z.enum(MOVE_DIRECTIONS, { errorMap: () => ({ message: "workshops:errors.moveDirection" }) }),
  }),
  z.object({
    intent: z.literal("cancel"),
    reason: z
      .string({ required_error: "workshops:errors.cancelReasonMissing" })
      .trim()
      .min(1, "workshops:errors.cancelReasonMissing")
      .max(LIMITS.cancelReason, tooLong(LIMITS.cancelReason)),
    // Cancelling cannot be undone: the dialog's button sends confirm=yes; without it the server asks on the page.
    confirm: confirmation,
  }),
]);
export type WorkshopChange = z.infer<typeof workshopChangeSchema>;
export type RescheduleInput = Omit<Extract<WorkshopChange, { intent: "reschedule" }>, "intent">;
export type AgendaInput = Omit<Extract<WorkshopChange, { intent: "agenda" }>, "intent">;

export const criterionFields = z.object({
  name: required(LIMITS.criterionName),
  description: z.string().trim().max(LIMITS.criterionDescription, tooLong(LIMITS.criterionDescription)).default(""),
  // Read like every typed number, so "12,50" or "1.000" is refused rather than taken as 1250 or 1.
  weight: typedWholeNumber(0, 100, "workshops:errors.weight"),
  inverse: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
});

export const criteriaActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add") }).merge(criterionFields),
  z.object({ intent: z.literal("update"), criterionId: id() }).merge(criterionFields),
  z.object({ intent: z.literal("deactivate"), criterionId: id() }),
  z.object({ intent: z.literal("activate"), criterionId: id() }),
]);
export type CriteriaAction = z.infer<typeof criteriaActionSchema>;

export const teamFilterSchema = z.object({
  team: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
});
