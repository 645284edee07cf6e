import { z } from "zod";

// Whole numbers as people type them into a form. Amounts and counts are entered with a thousands
// separator ("120.000", "1 000 000", in English "120,000"), amounts sometimes with zero cents
// ("120.000,00"). The number inputs display German grouping, so the submitted text carries it too.

const GROUPED = /^\d{1,3}(?:([.,' ])\d{3})?(?:\1\d{3})*$/;
const ZERO_CENTS = /[.,]0{1,2}$/;

/**
 * The whole number a text stands for, or NaN when it is not one, so the schema refuses it with its
 * own message: "120.000,50" is not silently read as 120 or 12,000,050, and "1e6" or "12.0000" are
 * not left to Number()'s own reading. An empty field stays "" for the schema to treat as missing.
 */
export function readWholeNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim().replace(/[\u00a0\u202f\u2009]/g, " ");
  if (text === "") return "";
  if (/^\d+$/.test(text)) return Number(text);
  // A separator before exactly three digits groups thousands; before one or two zeros it is cents.
  const withoutCents = ZERO_CENTS.test(text) && !/[.,]\d{3}$/.test(text) ? text.replace(ZERO_CENTS, "") : text;
  if (/^\d+$/.test(withoutCents)) return Number(withoutCents);
  if (GROUPED.test(withoutCents)) return Number(withoutCents.replace(/[.,' ]/g, ""));
  return Number.NaN;
}

/**
 * Plain digits with the given thousands separator ("120000" → "120.000"), for display only; any other
 * text (already grouped, or not a number at all) is returned unchanged, so nothing typed is lost.
 */
export function groupDigits(text: string, separator: string): string {
  if (!/^\d{4,}$/.test(text)) return text;
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * A number with cents that are not zero ("1.200.000,50", "1200000.5", "1,200,000.50"): a whole
 * number followed by a decimal separator and one or two digits (three digits would group thousands).
 */
export function hasCents(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const text = value.trim().replace(/[\u00a0\u202f\u2009]/g, " ");
  const match = /^(.+)[.,](\d{1,2})$/.exec(text);
  if (!match || /^0+$/.test(match[2])) return false;
  return /^\d+$/.test(match[1]) || GROUPED.test(match[1]);
}

/**
 * A required whole number from min to max as typed into a form field; anything else is refused with
 * `message`, an amount with cents with `centsMessage` where given (amounts in whole euros).
 */
export function typedWholeNumber(min: number, max: number, message: string, centsMessage?: string) {
  const number = z.preprocess(readWholeNumber, z.number({ required_error: message, invalid_type_error: message }).int(message).min(min, message).max(max, message));
  if (!centsMessage) return number;
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (hasCents(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: centsMessage, fatal: true });
    })
    .pipe(number);
}
