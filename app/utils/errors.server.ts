import { data } from "@remix-run/node";

/** The one error type use cases throw; `messageKey` is an i18n key shown to the user. */
export class AppError extends Error {
  constructor(
    public readonly code: "not_found" | "forbidden" | "conflict" | "invalid" | "too_many" | "unauthenticated",
    public readonly status: number,
    public readonly messageKey: string,
    public readonly field?: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(messageKey, options);
    this.details = options?.details;
  }

  /** Extra data for the form, e.g. the current values after an edit conflict. */
  public readonly details?: Record<string, unknown>;
}

export const notFound = (key = "errors.notFound") => new AppError("not_found", 404, key);
export const forbidden = (key = "errors.forbidden", details?: Record<string, unknown>) =>
  new AppError("forbidden", 403, key, undefined, details ? { details } : undefined);
export const conflict = (key: string, field?: string) => new AppError("conflict", 409, key, field);
export const invalid = (key: string, field?: string) => new AppError("invalid", 400, key, field);

/** Turns an AppError into a thrown response that the route's error boundary shows (with its details). */
export function toResponse(error: unknown): never {
  if (error instanceof AppError) {
    throw data({ messageKey: error.messageKey, ...(error.details ? { details: error.details } : {}) }, { status: error.status });
  }
  throw error;
}
