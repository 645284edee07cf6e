// The audit log's filters from the page's address. A value the page could not show in its field (an
// impossible date, an unknown code) is not applied: the field names it, so the list never reads
// "0 Einträge" for a filter nobody sees.
import { z } from "zod";
import { AUDIT_ENTITY_TYPES } from "#app/modules/audit/actions";
import { type AuditFilter } from "#app/modules/audit/audit.server";
import { isCalendarDate } from "#app/modules/requirements/schema";
import { queryId } from "#app/utils/ids";

const text = (max: number) =>
  z
    .string()
    .trim()
    .transform((v) => v.slice(0, max))
    .optional()
    .catch(undefined);

const querySchema = z.object({
  action: text(400),
  actor: text(200),
  entityType: text(400),
  from: text(400),
  to: text(400),
  // Keyset paging: the entry the next (older) or previous (newer) page starts after.
  before: queryId(),
  after: queryId(),
});

/** What the page says about a value it did not apply; the value as given (shortened), for the message. */
export type AuditFilterProblem = { kind: "date" | "action" | "entityType"; value: string } | { kind: "toBeforeFrom"; from: string; to: string };
export type AuditFilterProblems = Partial<Record<"action" | "entityType" | "from" | "to", AuditFilterProblem>>;

/** A value as the message quotes it: an address may carry any length. */
function quoted(v: string): string {
  const chars = Array.from(v);
  return chars.length > 30 ? `${chars.slice(0, 30).join("")}…` : v;
}

/**
 * The filters to apply, and the problems with those not applied. `codes` are the codes in the log (what
 * the select offers); an area of them ("auth" for auth.*) is applied too.
 */
export function readAuditQuery(params: URLSearchParams, codes: readonly string[]): { filter: AuditFilter; problems: AuditFilterProblems } {
  const raw = querySchema.parse(Object.fromEntries(params));
  const filter: AuditFilter = { actor: raw.actor || undefined, before: raw.before, after: raw.after };
  const problems: AuditFilterProblems = {};
  if (raw.action) {
    const known = codes.some((c) => c === raw.action || c.startsWith(`${raw.action}.`));
    if (known) filter.action = raw.action;
    else problems.action = { kind: "action", value: quoted(raw.action) };
  }
  if (raw.entityType) {
    if ((AUDIT_ENTITY_TYPES as readonly string[]).includes(raw.entityType)) filter.entityType = raw.entityType;
    else problems.entityType = { kind: "entityType", value: quoted(raw.entityType) };
  }
  for (const field of ["from", "to"] as const) {
    const v = raw[field];
    if (!v) continue;
    if (isCalendarDate(v)) filter[field] = v;
    else problems[field] = { kind: "date", value: quoted(v) };
  }
  // A range that ends before it starts would list nothing: the end is named and left out.
  if (filter.from && filter.to && filter.from > filter.to) {
    problems.to = { kind: "toBeforeFrom", from: filter.from, to: filter.to };
    delete filter.to;
  }
  return { filter, problems };
}

/** Whether the list is narrowed by anything (for "Keine Einträge für diese Filter."). */
export function isFiltered(filter: AuditFilter): boolean {
  return Boolean(filter.action || filter.actor || filter.entityType || filter.from || filter.to);
}
