import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { AppError, toResponse } from "./errors.server";

export async function parseForm<S extends z.ZodTypeAny>(request: Request, schema: S) {
  const formData = await request.formData();
  return { formData, submission: parseWithZod(formData, { schema }) };
}

type Reply = { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => unknown };

/** A 400 with the field errors for the form to show. */
export function invalidReply(submission: Reply) {
  return data(submission.reply(), { status: 400 });
}

/**
 * A use case's AppError becomes a message at the field (or above the form), with the error's details
 * for the form; 403/404 go to the error boundary; anything else is unexpected and rethrown.
 */
export function errorReply(submission: Reply, error: unknown) {
  if (error instanceof AppError && ![403, 404].includes(error.status)) {
    const reply = submission.reply(error.field ? { fieldErrors: { [error.field]: [error.messageKey] } } : { formErrors: [error.messageKey] });
    return data(error.details ? { ...(reply as object), details: error.details } : reply, { status: error.status });
  }
  return toResponse(error);
}

/** Runs a query for a loader; an AppError becomes the matching error response. */
export async function orRespond<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    return toResponse(error);
  }
}

export function clientAddress(context: unknown): string {
  const c = context as { clientAddress?: string } | undefined;
  return c?.clientAddress ?? "unknown";
}
