import { z } from "zod";
import { MAX_ID } from "#app/utils/ids";
import { typedWholeNumber } from "#app/utils/numbers";
import { VOTES } from "./approval";
import { HEALTH, PHASE_TARGETS, phaseNeedsConfirmation, phaseNeedsReason, ROLLOUT_STATUSES, TEAM_ROLES, type Phase } from "./workflow";
import { messageWithValues, tooLong } from "#app/utils/messages";

// Zod schemas shared by the project forms and the server. Messages are i18n keys.

export const LIMITS = { title: 200, goal: 5_000, scope: 10_000, note: 5_000, reason: 2_000, comment: 5_000, budget: 1_000_000_000, candidates: 50 };

const required = (max: number) =>
  z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, tooLong(max));
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, tooLong(max)).optional());
const id = (message = "projects:errors.invalidId") =>
  z.number({ required_error: message, invalid_type_error: message }).int(message).positive(message).max(MAX_ID, message);
export const isoDate = (message = "projects:validation.date") =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), message);
/** An amount in whole euros, typed with or without digit grouping ("120.000"). */
const wholeEuros = (message: string) => typedWholeNumber(0, LIMITS.budget, message, "projects:validation.wholeEuros");
/** Irreversible steps carry an explicit confirmation (the dialog's button, or the no-JS fallback). */
const confirmation = z.literal("yes", { errorMap: () => ({ message: "projects:errors.confirmRequired" }) });

/**
 * The proposal form. An end before the start is reported together with every other field's message
 * (zod skips an object's refinements while one of its fields fails; an intersection parses both sides).
 */
export const proposalSchema = z
  .object({
    candidateIds: z
      .array(id("projects:validation.candidates"), { required_error: "projects:validation.candidates", invalid_type_error: "projects:validation.candidates" })
      .min(1, "projects:validation.candidates")
      .max(LIMITS.candidates, "projects:validation.candidates"),
    title: required(LIMITS.title),
    goal: required(LIMITS.goal),
    scope: required(LIMITS.scope),
    budget: wholeEuros("projects:validation.budget"),
    plannedStart: isoDate(),
    plannedEnd: isoDate(),
    leadUserId: id("projects:validation.lead"),
  })
  .and(
    z
      .object({ plannedStart: z.unknown(), plannedEnd: z.unknown() })
      .superRefine(({ plannedStart, plannedEnd }, ctx) => {
        // Dates that are no dates have their messages from the left side already.
        if (!isoDate().safeParse(plannedStart).success || !isoDate().safeParse(plannedEnd).success) return;
        if ((plannedEnd as string) < (plannedStart as string)) ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "projects:validation.endBeforeStart" });
      })
      // Only the check counts: the values are those of the left side.
      .transform(() => ({})),
  );
export type ProposalInput = z.infer<typeof proposalSchema>;

const phaseAction = z.object({
  intent: z.literal("phase"),
  to: z.enum(PHASE_TARGETS, { errorMap: () => ({ message: "projects:validation.phase" }) }),
  reason: optionalText(LIMITS.reason),
  // Stopping and closing are irreversible and ask for a confirmation; other moves do not.
  confirm: z.string().optional(),
});
const STOP_REASON = "projects:validation.stopReason";
const DECLINE_REASON = "projects:validation.declineReason";

/** Declining a proposal: a reason for everyone behind it, checked in the browser before the dialog asks. */
export const declineFields = {
  intent: z.literal("decline"),
  reason: z
    .string({ required_error: DECLINE_REASON, invalid_type_error: DECLINE_REASON })
    .trim()
    .min(1, DECLINE_REASON)
    .max(LIMITS.reason, tooLong(LIMITS.reason)),
};
// The confirmation is the dialog's, so the browser does not check it; the server does.
export const declineFormSchema = z.object({ ...declineFields, confirm: z.string().optional() });

export const projectActionSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("approve"), confirm: confirmation }),
    z.object({ ...declineFields, confirm: confirmation }),
    z.object({ intent: z.literal("vote"), vote: z.enum(VOTES, { errorMap: () => ({ message: "projects:validation.vote" }) }), confirm: confirmation }),
    z.object({ intent: z.literal("boardComment"), body: required(LIMITS.comment) }),
    z.object({ intent: z.literal("conclude") }),
    z.object({ intent: z.literal("noted") }),
    phaseAction,
    z.object({
      intent: z.literal("member"),
      userId: id("projects:validation.user"),
      role: z.enum(TEAM_ROLES, { errorMap: () => ({ message: "projects:validation.teamRole" }) }),
    }),
    z.object({ intent: z.literal("removeMember"), memberId: id() }),
    z.object({
      intent: z.literal("changeLead"),
      leadUserId: id("projects:validation.newLead"),
      reason: z
        .string({ required_error: "projects:validation.leadReason", invalid_type_error: "projects:validation.leadReason" })
        .trim()
        .min(1, "projects:validation.leadReason")
        .max(LIMITS.reason, tooLong(LIMITS.reason)),
    }),
    z.object({ intent: z.literal("milestoneDone"), milestoneId: id() }),
    z.object({
      intent: z.literal("report"),
      health: z.enum(HEALTH, { errorMap: () => ({ message: "projects:validation.health" }) }),
      note: required(LIMITS.note),
    }),
    z.object({
      intent: z.literal("rollout"),
      organisationId: id(),
      status: z.enum(ROLLOUT_STATUSES, { errorMap: () => ({ message: "projects:validation.rollout" }) }),
    }),
    z.object({ intent: z.literal("milestone"), title: required(LIMITS.title), startDate: isoDate(), endDate: isoDate() }),
    z.object({ intent: z.literal("period"), plannedStart: isoDate(), plannedEnd: isoDate() }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent === "period" && v.plannedEnd < v.plannedStart) {
      ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "projects:validation.endBeforeStart" });
    }
    if (v.intent === "milestone" && v.endDate < v.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "projects:validation.milestoneEndBeforeStart" });
    }
    if (v.intent === "phase" && v.to === "stopped" && !v.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: STOP_REASON });
    }
    if (v.intent === "phase" && phaseNeedsConfirmation(v.to) && v.confirm !== "yes") {
      ctx.addIssue({ code: "custom", path: ["confirm"], message: "projects:errors.confirmRequired" });
    }
  });
export type ProjectAction = z.infer<typeof projectActionSchema>;

/**
 * The phase form's check in the browser, before the stop is confirmed: a reason where the move needs
 * one (stopping; going back from the current phase). The confirmation itself is the dialog's, so it is
 * not checked here; the server checks everything again.
 */
export function phaseFormSchema(from: Phase | null, openMilestones: string[] = []) {
  return phaseAction.superRefine((v, ctx) => {
    if (!v.reason && phaseNeedsReason(from, v.to)) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: v.to === "stopped" ? STOP_REASON : "projects:errors.phase_reasonRequired" });
    }
    // Closing waits for every milestone (the server refuses it too): named at the field, not asked about.
    if (v.to === "closed" && openMilestones.length > 0) ctx.addIssue({ code: "custom", path: ["to"], message: openMilestonesMessage(openMilestones) });
  });
}

/** „Noch offene Meilensteine: „…“, „…“.“ — the refusal of closing a project, as a field message. */
export function openMilestonesMessage(titles: string[]): string {
  const key = titles.length === 1 ? "projects:errors.phase_openMilestone" : "projects:errors.phase_openMilestones";
  return messageWithValues(key, { milestones: titles.map((m) => `„${m}“`).join(", ") });
}

/** `?kandidaten=3,5` on the proposal page; anything unreadable is ignored. */
export function parseCandidateIds(raw: string | null): number[] {
  if (!raw) return [];
  return [
    ...new Set(
      raw
        .split(",")
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0 && n <= MAX_ID),
    ),
  ].slice(0, LIMITS.candidates);
}

export const settingsSchema = z.object({
  boardThreshold: wholeEuros("projects:validation.threshold"),
  // Read like every typed number, so "3,5" or "1.000" is refused rather than taken as 35 or 1.
  voteDays: typedWholeNumber(1, 90, "projects:validation.voteDays"),
});
export type SettingsInput = z.infer<typeof settingsSchema>;
