import { notFound, toResponse } from "./errors.server";

/** A positive integer id from the URL, or the 404 page (never a database error for "abc" or 1e99). */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!(Number.isInteger(id) && id > 0 && id <= 2_147_483_647)) toResponse(notFound());
  return id;
}
