import { z } from "zod";
import { MAX_ID } from "#app/utils/ids";
import { readWholeNumber } from "#app/utils/numbers";
import { tooLong } from "#app/utils/messages";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const emptyToNull = (v: unknown) => (v === "" || v == null ? null : v);
const wholeNumber = (message: string) => z.coerce.number({ invalid_type_error: message }).int(message).min(0, message).max(10_000_000, message).nullable();
const optionalInt = z.preprocess(emptyToNull, wholeNumber("validation.number"));
/** A count typed by a person: "181.959" (German grouping) as well as "181959"; the message names the range. */
const optionalCount = z.preprocess((v) => emptyToNull(readWholeNumber(v)), wholeNumber("admin:organisations.populationRange"));

export const ORGANISATION_KINDS = ["gemeinde", "stadt", "landkreis", "regionalverband", "spitzenverband", "geschaeftsstelle"] as const;
/** The kinds others belong to: a Landkreis or the Regionalverband. */
export const DISTRICT_KINDS: readonly string[] = ["landkreis", "regionalverband"];
/** Städte and Gemeinden belong to a Landkreis or the Regionalverband; every other kind to none. */
export const belongsToDistrict = (kind: string) => kind === "stadt" || kind === "gemeinde";

export const organisationSchema = z.object({
  name: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(120, tooLong(120)),
  kind: z.enum(ORGANISATION_KINDS, { errorMap: () => ({ message: "validation.required" }) }),
  districtId: optionalInt,
  population: optionalCount,
  requiresRelease: checkbox,
  active: checkbox,
});

/** Editing carries the version the form was loaded with; a missing one is treated as stale. */
const staleVersion = "admin:organisations.staleVersion";
export const organisationEditSchema = organisationSchema.extend({
  version: z.number({ required_error: staleVersion, invalid_type_error: staleVersion }).int(staleVersion).positive(staleVersion).max(MAX_ID, staleVersion),
});

/**
 * What makes two team names the same name: case, spacing and the leading word "Kompetenzteam" aside
 * ("  kompetenzteam finanzen & steuern " is "Kompetenzteam Finanzen & Steuern"). Folded in JS:
 * SQLite's lower() folds only ASCII, so "Ä" and "ä" would differ there but not in PostgreSQL.
 */
export function teamNameKey(name: string): string {
  return name
    .normalize("NFC")
    .trim()
    .replace(/\s+/g, " ")
    .toLocaleLowerCase("de")
    .replace(/^kompetenzteam(\s*[:–-]\s*|\s+)/, "");
}

export const teamSchema = z.object({
  name: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(120, tooLong(120)),
  description: z.string().trim().max(2000, tooLong(2000)).default(""),
  active: checkbox,
  /** "yes" once the admin confirmed deactivating a team with open work (see updateTeam). */
  confirm: z.string().optional(),
});

export const feedbackSchema = z.object({
  name: z.string().trim().max(120, tooLong(120)).optional(),
  email: z.union([z.literal(""), z.string().trim().max(254, tooLong(254)).email("validation.email")]).optional(),
  page: z.string().trim().max(500, tooLong(500)).optional(),
  message: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(5000, tooLong(5000)),
});

export const FEEDBACK_NOTE_MAX = 1000;
export const FEEDBACK_FILTERS = ["open", "done", "all"] as const;
export type FeedbackFilter = (typeof FEEDBACK_FILTERS)[number];

const feedbackId = z
  .number({ required_error: "admin:feedback.errors.unknown", invalid_type_error: "admin:feedback.errors.unknown" })
  .int("admin:feedback.errors.unknown")
  .positive("admin:feedback.errors.unknown")
  .max(MAX_ID, "admin:feedback.errors.unknown");

/** Marking a feedback as done (with an optional note on what was done) or reopening it. */
export const feedbackStatusSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("done"),
      feedbackId,
      note: z.string().trim().max(FEEDBACK_NOTE_MAX, tooLong(FEEDBACK_NOTE_MAX)).default(""),
    }),
    z.object({ intent: z.literal("reopen"), feedbackId }),
  ],
  { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? "admin:feedback.errors.intent" : ctx.defaultError }) },
);
export type FeedbackStatusInput = z.infer<typeof feedbackStatusSchema>;
