// The "Details" of an audit entry in words: each stored detail field becomes a labelled line whose
// label and value are i18n keys with parameters (or plain text), so the page shows "Entscheidung:
// Zurückgestellt bis 30.06.2027" instead of JSON. Pure: the page renders the lines with its t().
import { PERMISSIONS, ROLES } from "#app/modules/auth/permissions";
import { ORGANISATION_KINDS } from "#app/modules/organisations/schema";
import { VOTES } from "#app/modules/projects/approval";
import { PHASE_TARGETS, ROLLOUT_STATUSES } from "#app/modules/projects/workflow";
import { formatDate, formattersFor } from "#app/utils/format";

/** A piece of text to show: a translation (whose params are pieces too), a text as stored, a date, a number or a list. */
export type DetailText =
  | { key: string; params?: Record<string, DetailText> }
  | { text: string }
  | { date: string }
  | { number: number }
  | { list: DetailText[] };

export interface AuditDetailLine {
  label: DetailText;
  value: DetailText;
}

/** Objects named in details by their id; the page looks their names up, so it can say "Saarbrücken" for organisationId 38. */
export const AUDIT_REF_KINDS = ["organisation", "team", "user", "candidate", "criterion", "item"] as const;
export type AuditRefKind = (typeof AUDIT_REF_KINDS)[number];
/** Names by kind and id (ids as strings: the map travels as JSON). */
export type AuditNames = Partial<Record<AuditRefKind, Record<string, string>>>;
export interface AuditRef {
  kind: AuditRefKind;
  id: number;
}

const LABEL = "admin:audit.detailLabels.";
const VALUE = "admin:audit.detailValues.";

const k = (key: string, params?: Record<string, DetailText>): DetailText => (params ? { key, params } : { key });
const DASH: DetailText = { text: "–" };
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

interface Ctx {
  ref(kind: AuditRefKind, v: unknown): DetailText;
}

/** "deferredUntil" → "deferred until": a field nobody gave a label yet, still readable. */
export function humaniseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.]+/g, " ")
    .trim()
    .toLowerCase();
}

/** Any value in words: Ja/Nein, dates in the reader's format, lists without brackets, objects as "name: value" pairs. */
export function genericValue(v: unknown): DetailText {
  if (v === null || v === undefined || v === "") return DASH;
  if (typeof v === "boolean") return k(v ? "admin:common.yes" : "admin:common.no");
  if (typeof v === "number") return Number.isFinite(v) ? { number: v } : { text: String(v) };
  if (typeof v === "string") {
    if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(Date.parse(v))) return { date: v };
    return { text: v };
  }
  if (Array.isArray(v)) return v.length ? { list: v.map(genericValue) } : DASH;
  if (isObject(v)) {
    const pairs = Object.entries(v).map(([name, inner]) => k(`${VALUE}pair`, { name: { text: humaniseKey(name) }, value: genericValue(inner) }));
    return pairs.length ? { list: pairs } : DASH;
  }
  return { text: String(v) };
}

/** A code from a known set as its existing translation; anything else as it is. */
function oneOf(v: unknown, codes: readonly string[], prefix: string): DetailText {
  return typeof v === "string" && codes.includes(v) ? k(`${prefix}${v}`) : genericValue(v);
}

const KNOWN_PERMISSIONS: ReadonlySet<string> = new Set(PERMISSIONS);

/**
 * The label's key of a permission code ("admin:settings" → "Einstellungen verwalten"); null for a code
 * no longer defined, which the log then shows as stored. The code's ":" would read as a namespace, so
 * its two parts become two levels of the key.
 */
export function permissionLabelKey(code: string): string | null {
  return KNOWN_PERMISSIONS.has(code) ? `admin:audit.permissions.${code.replace(":", ".")}` : null;
}

function permission(v: unknown): DetailText {
  const key = typeof v === "string" ? permissionLabelKey(v) : null;
  return key ? k(key) : genericValue(v);
}

/** "Nr. 2": for objects whose name the log does not look up (requirements may be confidential). */
function numbered(v: unknown): DetailText {
  return isInt(v) ? k(`${VALUE}number`, { id: { text: String(v) } }) : genericValue(v);
}

function listOf(v: unknown, item: (x: unknown) => DetailText): DetailText {
  return Array.isArray(v) ? (v.length ? { list: v.map(item) } : DASH) : item(v);
}

/** Before → after; only the value when nothing changed. */
function change(from: unknown, to: unknown, value: (x: unknown) => DetailText): DetailText {
  if (JSON.stringify(from) === JSON.stringify(to)) return value(to);
  return k(`${VALUE}change`, { from: value(from), to: value(to) });
}

/** The fields of a candidate an edit can change, by the labels of the candidate's form. */
const CANDIDATE_FIELDS: Record<string, string> = { title: "bundling:detail.titleLabel", summary: "bundling:detail.summaryLabel" };

interface Field {
  label: string;
  value: (v: unknown, c: Ctx) => DetailText;
  /** Nothing in it says nothing ("no one uninvited", no note): left out. */
  skipEmpty?: boolean;
}

const refField = (label: string, kind: AuditRefKind): Field => ({ label, value: (v, c) => c.ref(kind, v) });
const refList = (label: string, kind: AuditRefKind): Field => ({ label, value: (v, c) => listOf(v, (x) => c.ref(kind, x)), skipEmpty: true });

// The detail fields the app writes (see the recordAudit calls in app/modules), by name: a name means
// the same in every action, so an action added later gets readable details for the fields it shares.
const FIELDS: Record<string, Field> = {
  organisationId: refField(`${LABEL}organisation`, "organisation"),
  districtId: { label: "admin:organisations.district", value: (v, c) => (v === null ? k("admin:organisations.noDistrict") : c.ref("organisation", v)) },
  teamId: { label: `${LABEL}team`, value: (v, c) => (v === null ? k(`${VALUE}noTeam`) : c.ref("team", v)) },
  role: { label: "admin:users.role", value: (v) => oneOf(v, ROLES, "common:roles.") },
  permission: { label: `${LABEL}permission`, value: permission },
  targetId: { label: `${LABEL}duplicateOf`, value: numbered },
  requirementId: { label: `${LABEL}requirement`, value: numbered },
  requirementIds: { label: `${LABEL}requirements`, value: (v) => listOf(v, numbered), skipEmpty: true },
  leftOut: { label: `${LABEL}leftOut`, value: (v) => listOf(v, numbered), skipEmpty: true },
  candidateId: refField(`${LABEL}candidate`, "candidate"),
  candidateIds: refList(`${LABEL}candidates`, "candidate"),
  mergedId: refField(`${LABEL}mergedCandidate`, "candidate"),
  newId: refField(`${LABEL}newCandidate`, "candidate"),
  addedCandidateIds: refList(`${LABEL}addedCandidates`, "candidate"),
  removedCandidateIds: refList(`${LABEL}removedCandidates`, "candidate"),
  itemId: refField(`${LABEL}item`, "item"),
  criterionId: refField(`${LABEL}criterion`, "criterion"),
  participantIds: refList(`${LABEL}participants`, "user"),
  invitedUserIds: refList(`${LABEL}invited`, "user"),
  uninvitedUserIds: refList(`${LABEL}uninvited`, "user"),
  fields: { label: `${LABEL}fields`, value: (v) => listOf(v, (f) => (typeof f === "string" && CANDIDATE_FIELDS[f] ? k(CANDIDATE_FIELDS[f]) : genericValue(f))) },
  name: { label: "admin:organisations.name", value: genericValue },
  kind: { label: "admin:organisations.kind", value: (v) => oneOf(v, ORGANISATION_KINDS, "admin:organisations.kinds.") },
  population: { label: "admin:organisations.population", value: genericValue },
  requiresRelease: { label: "admin:organisations.requiresRelease", value: genericValue },
  active: { label: "admin:organisations.active", value: genericValue },
  weight: { label: "workshops:criteria.weight", value: genericValue },
  inverse: { label: "workshops:criteria.inverse", value: genericValue },
  reason: { label: `${LABEL}reason`, value: genericValue },
  note: { label: `${LABEL}note`, value: genericValue, skipEmpty: true },
  scheduledAt: { label: `${LABEL}scheduledAt`, value: genericValue },
  vote: { label: "projects:board.voteColumn", value: (v) => oneOf(v, VOTES, "projects:vote.") },
  rank: { label: `${LABEL}rank`, value: genericValue },
  deferredUntil: { label: `${LABEL}deferredUntil`, value: genericValue },
  file: { label: `${LABEL}file`, value: genericValue },
};

const SETTING_LABELS: Record<string, string> = { boardThreshold: "projects:settings.boardThreshold", voteDays: "projects:settings.voteDays" };

/** A planned period ({ start, end }) as "01.01.2027 – 30.06.2027". */
function period(v: unknown): DetailText {
  if (!isObject(v) || typeof v.start !== "string" || typeof v.end !== "string") return genericValue(v);
  return k(`${VALUE}period`, { start: genericValue(v.start), end: genericValue(v.end) });
}

/** What "from" and "to" mean depends on the action. */
const FROM_TO: Record<string, { label: string; value: (v: unknown, c: Ctx) => DetailText }> = {
  "project.phase": { label: "projects:outcome.phase", value: (v) => (v === null ? DASH : oneOf(v, PHASE_TARGETS, "projects:phase.")) },
  "project.rollout": { label: `${LABEL}rollout`, value: (v) => (v === null ? DASH : oneOf(v, ROLLOUT_STATUSES, "projects:rollout.")) },
  "project.lead": { label: "projects:fields.lead", value: (v, c) => (v === null ? DASH : c.ref("user", v)) },
  "workshop.reschedule": { label: `${LABEL}date`, value: genericValue },
  "workshop.order": { label: `${LABEL}agendaPlace`, value: genericValue },
  "project.period": { label: `${LABEL}period`, value: period },
};

function decision(d: Record<string, unknown>): DetailText | null {
  const { decision: code, rank, deferredUntil: until } = d;
  if (code === "prioritise") return isInt(rank) ? k("workshops:decision.prioritisedRank", { rank: { number: rank } }) : k("projects:outcome.decision_prioritised");
  if (code === "defer") return typeof until === "string" && until ? k("workshops:decision.deferredUntil", { date: genericValue(until) }) : k("projects:outcome.decision_deferred");
  if (code === "reject") return k("workshops:decision.rejected");
  return null;
}

function linesOf(action: string, d: Record<string, unknown>, ctx: Ctx): AuditDetailLine[] {
  const lines: AuditDetailLine[] = [];
  const used = new Set<string>();
  const has = (key: string) => Object.prototype.hasOwnProperty.call(d, key);
  const line = (label: string | DetailText, value: DetailText, ...keys: string[]) => {
    lines.push({ label: typeof label === "string" ? k(label) : label, value });
    for (const key of keys) used.add(key);
  };

  // Fields that only make sense together come first, as one line each.
  const decided = decision(d);
  if (decided) line("workshops:decision.label", decided, "decision", "rank", "deferredUntil");
  if (isInt(d.yes) && isInt(d.no) && isInt(d.abstain)) {
    line(`${LABEL}votes`, k(`${VALUE}tally`, { yes: { number: d.yes }, no: { number: d.no }, abstain: { number: d.abstain } }), "yes", "no", "abstain");
  }
  if (isObject(d.before) && isObject(d.after)) {
    const before = d.before;
    const after = d.after;
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      line(SETTING_LABELS[key] ? k(SETTING_LABELS[key]) : { text: humaniseKey(key) }, change(before[key], after[key], genericValue));
    }
    used.add("before").add("after");
  }
  if (has("from") || has("to")) {
    const spec = FROM_TO[action] ?? { label: `${LABEL}change`, value: genericValue };
    line(spec.label, change(d.from, d.to, (v) => spec.value(v, ctx)), "from", "to");
  }
  if (has("fromLocation") || has("location")) {
    line("workshops:minutes.location", change(d.fromLocation ?? null, d.location ?? null, genericValue), "fromLocation", "location");
  }
  // A decision names its candidate; the agenda item's number would only repeat it.
  if (decided && has("candidateId")) used.add("itemId");
  // A changed criterion is named by its (new) name.
  if (typeof d.name === "string" && action.startsWith("criterion.")) used.add("criterionId");

  for (const [key, v] of Object.entries(d)) {
    if (used.has(key) || v === undefined) continue;
    const field = FIELDS[key];
    if (!field) {
      line({ text: humaniseKey(key) }, genericValue(v));
    } else if (!(field.skipEmpty && (v === null || v === "" || (Array.isArray(v) && v.length === 0)))) {
      line(field.label, field.value(v, ctx));
    }
  }
  return lines;
}

function run(action: string, detail: string | null, ctx: Ctx): AuditDetailLine[] {
  if (detail == null || detail.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    // Not JSON (never written by this app): shown as stored, since an audit log must not hide anything.
    return [{ label: k(`${LABEL}other`), value: { text: detail } }];
  }
  if (parsed === null) return [];
  if (!isObject(parsed)) return [{ label: k(`${LABEL}other`), value: genericValue(parsed) }];
  return linesOf(action, parsed, ctx);
}

/** The detail of one audit entry as labelled lines; never throws, whatever is stored. */
export function auditDetailLines(action: string, detail: string | null, names: AuditNames = {}): AuditDetailLine[] {
  return run(action, detail, {
    ref(kind, v) {
      if (!isInt(v)) return genericValue(v);
      const name = names[kind]?.[String(v)];
      return name ? { text: name } : numbered(v);
    },
  });
}

/** The objects an entry's detail names by id, for looking up their names in one query per kind. */
export function auditDetailRefs(action: string, detail: string | null): AuditRef[] {
  const refs: AuditRef[] = [];
  run(action, detail, {
    ref(kind, v) {
      if (isInt(v)) refs.push({ kind, id: v });
      return DASH;
    },
  });
  return refs;
}

type Translate = (key: string, params?: Record<string, string>) => string;

/** One piece as text, in the reader's language: translations with their params, dates as "30.06.2027". */
export function detailText(piece: DetailText, t: Translate, language: string): string {
  if ("text" in piece) return piece.text;
  if ("date" in piece) return formatDate(piece.date, language, piece.date.length > 10);
  if ("number" in piece) return formattersFor(language).number.format(piece.number);
  if ("list" in piece) return piece.list.map((p) => detailText(p, t, language)).join(", ");
  if (!piece.params) return t(piece.key);
  return t(piece.key, Object.fromEntries(Object.entries(piece.params).map(([name, p]) => [name, detailText(p, t, language)])));
}

/** The lines as "label" and "value" texts, ready to show. */
export function auditDetailTexts(lines: AuditDetailLine[], t: Translate, language: string): { label: string; value: string }[] {
  return lines.map((l) => ({ label: detailText(l.label, t, language), value: detailText(l.value, t, language) }));
}
