import type { DbOrTx } from "#db/client.server";
import type { Actor } from "#app/modules/auth/permissions";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { csvDate, csvHeaders, toCsv, type CsvCell } from "#app/utils/csv";
import { enforceRateLimit } from "#app/utils/rate-limit.server";
import { berlinToday } from "#app/utils/time";
import { exportRequirements, type ExportedRequirement } from "./queries.server";
import { listFilterSchema } from "./schema";

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * A requirement list as CSV, one row per requirement, with the list's columns and the texts the
 * page shows (state, urgency, dates in the reader's language), and each requirement's address.
 */
export function requirementsCsv(rows: ExportedRequirement[], t: T, language: string, origin: string): string {
  const header: CsvCell[] = [
    t("export.number"),
    t("fields.title"),
    t("fields.organisation"),
    t("fields.district"),
    t("fields.themenfeld"),
    t("fields.status"),
    t("fields.urgency"),
    t("export.submittedAt"),
    t("fields.deadline"),
    t("fields.cosignatures"),
    t("fields.confidential"),
    t("export.link"),
  ];
  const body = rows.map((r): CsvCell[] => [
    r.id,
    r.title,
    r.organisationName,
    r.districtName,
    r.themenfeld,
    t(`status.${r.awaitingRelease && r.status === "submitted" ? "awaiting_release" : r.status}`) + (r.projectPending ? ` (${t(`list.projectPending_${r.projectPending}`)})` : ""),
    r.urgency ? t(`urgency.${r.urgency}`) : "",
    r.submitted_at ? csvDate(r.submitted_at, language) : "",
    r.deadline ? csvDate(r.deadline, language) : "",
    r.cosignatures,
    r.confidential ? t("export.yes") : t("export.no"),
    `${origin}/anforderungen/${r.id}`,
  ]);
  return toCsv([header, ...body]);
}

/** The CSV download of a list ("all" or the own organisation's), with the filters of the request's address. */
export async function requirementListDownload(db: DbOrTx, actor: Actor, request: Request, scope: "all" | "own"): Promise<Response> {
  enforceRateLimit("export", actor.userId);
  const url = new URL(request.url);
  const filter = listFilterSchema.parse(Object.fromEntries(url.searchParams));
  const rows = await exportRequirements(db, actor, filter, scope);
  const t = await i18nServer.getFixedT(request, "requirements");
  const language = await i18nServer.getLocale(request);
  const body = requirementsCsv(rows, (key, options) => t(key, options) as string, language, url.origin);
  // The two lists download under different names, so one does not overwrite the other.
  return new Response(body, { headers: csvHeaders(`buendel-${t(scope === "own" ? "export.filenameOwn" : "export.filename")}-${berlinToday()}.csv`) });
}
