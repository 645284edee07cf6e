import { notFound, toResponse } from "./errors.server";
import { MAX_ID } from "./ids";

/** A positive integer id from the URL, or the 404 page (never a database error for "abc" or 1e99). */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!(Number.isInteger(id) && id > 0 && id <= MAX_ID)) toResponse(notFound());
  return id;
}
