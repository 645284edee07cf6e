import { z } from "zod";
import { tooLong } from "#app/utils/messages";

// Messages are i18n keys; the form shows them translated at the field.
export const emailField = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, tooLong(254))
  .email("validation.email")
  .transform((v) => v.toLowerCase());

/**
 * Every new password (own account, setup link, first admin). Taken as typed, never trimmed: spaces
 * inside count, but a password of nothing but blanks is refused.
 */
export const passwordField = z
  .string({ required_error: "validation.required" })
  .regex(/\S/, "validation.passwordBlank")
  .min(12, "validation.passwordTooShort")
  .max(256, tooLong(256));

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(256, tooLong(256)),
  redirectTo: z.string().max(2000).optional(),
});

export const setPasswordSchema = z
  .object({
    password: passwordField,
    confirm: z.string({ required_error: "validation.required" }).max(256, tooLong(256)),
  })
  .refine((v) => v.password === v.confirm, { message: "validation.passwordMismatch", path: ["confirm"] });

export const firstAdminSchema = z
  .object({
    name: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(120, tooLong(120)),
    email: emailField,
    password: passwordField,
    confirm: z.string({ required_error: "validation.required" }).max(256, tooLong(256)),
  })
  .refine((v) => v.password === v.confirm, { message: "validation.passwordMismatch", path: ["confirm"] });

/** Only same-site paths are followed after sign-in, never another host. */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
