import { z } from "zod";
import { emailField } from "#app/modules/auth/schema";
import { ROLES } from "#app/modules/auth/permissions";
import { MAX_ID } from "#app/utils/ids";
import { tooLong } from "#app/utils/messages";

const id = z.coerce.number({ invalid_type_error: "validation.required" }).int().positive("validation.required").max(MAX_ID, "validation.required");
const optionalId = z.preprocess((v) => (v === "" || v == null ? undefined : v), id.optional());

export const userFields = {
  name: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(120, tooLong(120)),
  email: emailField,
  organisationId: id,
};

export const createUserSchema = z.object({
  ...userFields,
  role: z.enum(ROLES, { errorMap: () => ({ message: "validation.required" }) }),
  teamId: optionalId,
});

/** A missing version (a form from before the check) is treated as stale. */
const staleVersion = "admin:users.staleVersion";
export const updateUserSchema = z.object({
  intent: z.literal("update"),
  version: z.number({ required_error: staleVersion, invalid_type_error: staleVersion }).int(staleVersion).positive(staleVersion).max(MAX_ID, staleVersion),
  ...userFields,
});

export const addRoleSchema = z.object({
  intent: z.literal("addRole"),
  role: z.enum(ROLES, { errorMap: () => ({ message: "validation.required" }) }),
  organisationId: optionalId,
  teamId: optionalId,
});

/** Steps that take effect at once ask first (the dialog's button, or the no-JS fallback). */
const confirmed = z.literal("yes", { errorMap: () => ({ message: "validation.confirmRequired" }) });

export const removeRoleSchema = z.object({
  intent: z.literal("removeRole"),
  assignmentId: id,
  confirm: confirmed,
});

export const userActionSchema = z.discriminatedUnion("intent", [
  updateUserSchema,
  addRoleSchema,
  removeRoleSchema,
  z.object({ intent: z.literal("deactivate"), confirm: confirmed }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("newLink") }),
  z.object({ intent: z.literal("anonymise"), confirm: confirmed }),
]);
