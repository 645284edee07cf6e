import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { ROLES, type Role } from "#app/modules/auth/permissions";
import { createTeam, createUser, formBody, requestAs } from "./index";

// Shared by the route × role tables: the subjects (anonymous and one user per role), calling a route
// module's loader or action the way Remix does, and a fingerprint of the database's contents.

export type Subject = "anonymous" | Role;
export const SUBJECTS: Subject[] = ["anonymous", ...ROLES];

/**
 * One user per role, all of the given organisation. Both team roles sit in one fresh team, so the
 * team member is a colleague of the team lead (and a stranger to every other team).
 */
export async function createSubjects(db: DB, organisation = "Saarbrücken") {
  const teamId = await createTeam(db);
  const users = { anonymous: null } as Record<Subject, number | null>;
  for (const role of ROLES) users[role] = (await createUser(db, { organisation, roles: [role], teamId })).id;
  return { users, teamId };
}

export interface RouteReply {
  status: number;
  location: string | null;
  /** Thrown rather than returned: how requireAuth and requirePermission end a request early. */
  thrown: boolean;
}

interface DataWithResponseInit {
  type: "DataWithResponseInit";
  init: ResponseInit | null;
}
const isData = (v: unknown): v is DataWithResponseInit =>
  !!v && typeof v === "object" && (v as { type?: unknown }).type === "DataWithResponseInit";

/**
 * Calls a loader or action and reduces what it returned or threw (a Response, `data(…, init)` or a
 * plain object) to status and Location. Anything else thrown is a bug and propagates: a 500.
 */
export async function callRoute(fn: (args: never) => Promise<unknown>, args: unknown): Promise<RouteReply> {
  let result: unknown;
  let thrown = false;
  try {
    result = await fn(args as never);
  } catch (error) {
    if (!(error instanceof Response) && !isData(error)) throw error;
    result = error;
    thrown = true;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), thrown };
  if (isData(result)) return { status: result.init?.status ?? 200, location: new Headers(result.init?.headers).get("Location"), thrown };
  return { status: 200, location: null, thrown };
}

export interface ActionReply {
  status: number;
  location: string | null;
  /** conform's field errors of a refused form ("" for the form's own), null when there is no reply. */
  error: Record<string, string[] | null> | null;
  /** What a refusal adds for the form (e.g. the milestones a period would leave out). */
  details: unknown;
  /** The values a refused form is shown with again. */
  initialValue: Record<string, unknown> | null;
  /** The answer's headers (Set-Cookie of a toast, for one). */
  headers: Headers;
}

/**
 * POSTs a form to a route module's action as the given user (null: anonymous), the way the browser
 * does (session cookie, same origin): status and Location of a response, or conform's reply.
 */
export async function postAction(
  db: DB,
  route: { action: (args: never) => Promise<unknown> },
  userId: number | null,
  url: string,
  values: Record<string, string | string[]>,
  params: Record<string, string> = {},
): Promise<ActionReply> {
  const request = await requestAs(db, userId, url, { method: "POST", body: formBody(values) });
  let result: unknown;
  try {
    result = await route.action({ request, params, context: { clientAddress: "127.0.0.1" } } as never);
  } catch (thrown) {
    if (!(thrown instanceof Response) && !isData(thrown)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    return { status: result.status, location: result.headers.get("Location"), error: null, details: null, initialValue: null, headers: result.headers };
  }
  const r = result as { data?: { error?: Record<string, string[] | null>; details?: unknown; initialValue?: Record<string, unknown> | null }; init?: ResponseInit | null };
  const headers = new Headers(r.init?.headers);
  return {
    status: r.init?.status ?? 200,
    headers,
    location: headers.get("Location"),
    error: r.data?.error ?? null,
    details: r.data?.details ?? null,
    initialValue: r.data?.initialValue ?? null,
  };
}

/** Written on every request whatever it is allowed to do: sessions, sign-in throttling, the audit log. */
export const BOOKKEEPING_TABLES = ["sessions", "login_throttle", "audit_log"];

const tableNames = new WeakMap<DB, Promise<string[]>>();

/**
 * Row count and a hash of every row of every application table (bookkeeping excluded): two equal
 * fingerprints mean nothing was inserted, updated or deleted in between. Rows are hashed in sorted
 * order, so a physical reordering (PostgreSQL after an update) does not count as a change.
 */
export async function dbFingerprint(db: DB, skip: string[] = BOOKKEEPING_TABLES): Promise<Record<string, string>> {
  let names = tableNames.get(db);
  if (!names) {
    names = db.introspection.getTables().then((ts) => ts.map((t) => t.name).sort());
    tableNames.set(db, names);
  }
  const out: Record<string, string> = {};
  for (const name of await names) {
    if (skip.includes(name)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    out[name] = `${rows.length}:${createHash("sha1").update(lines.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return out;
}

/** Names of the tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
