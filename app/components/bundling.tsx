import type { SubmissionResult } from "@conform-to/react";
import { Anchor, Badge } from "@mantine/core";
import { Link } from "@remix-run/react";
import { LightBadge } from "#app/components/LightBadge";
import { useTranslation } from "react-i18next";
import { formattersFor } from "#app/utils/format";

const STATUS_COLORS: Record<string, string> = {
  proposed: "gray",
  open: "blue",
  scheduled: "violet",
  prioritised: "green",
  deferred: "orange",
  rejected: "red",
  promoted: "teal",
};

export function CandidateStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("bundling");
  return <LightBadge color={STATUS_COLORS[status] ?? "gray"}>{t(`status.${status}`)}</LightBadge>;
}

/** Dates and numbers in the app's one format (app/utils/format.ts), for the current language. */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const { dateTime, day, date, number, percent } = formattersFor(i18n.language);
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /** from–to, the day only once when both are on it („06.12.2026, 01:41–01:42 Uhr“) */
    period: (fromIso: string, toIso: string) => dateTime.formatRange(new Date(fromIso), new Date(toIso)),
    /** the Berlin calendar day of a moment (a timestamp), without the time */
    day: (iso: string) => day.format(new Date(iso)),
    date: (isoDate: string) => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    number: (n: number) => number.format(n),
    percent: (x: number) => percent.format(x),
  };
}

/**
 * A page with several forms gets one action result; each form takes it only when it was the one
 * submitted (told by a hidden field the form sends along).
 */
export function resultFor(result: unknown, field: string, value: string): SubmissionResult<string[]> | undefined {
  const r = result as SubmissionResult<string[]> | undefined;
  if (!r || typeof r !== "object" || !("initialValue" in r)) return undefined;
  const initial = r.initialValue as Record<string, unknown> | null | undefined;
  return initial && initial[field] === value ? r : undefined;
}

/**
 * A candidate's Einwohnerzahl fact. Where none is recorded it says so in normal weight; only an
 * administrator (`adminHint`, decided by the loader) is told where to enter it, on screen, not in print.
 */
export function PopulationValue({ population, knownFor, adminHint = false }: { population: number | null; knownFor: number; adminHint?: boolean }) {
  const { t } = useTranslation("bundling");
  const fmt = useDateFormat();
  if (population === null) {
    return (
      <span style={{ fontWeight: 400 }}>
        {t("facts.populationUnknown")}
        {adminHint && <span className="no-print" style={{ display: "block", fontSize: "var(--mantine-font-size-sm)" }}>{t("facts.populationUnknownHint")}</span>}
      </span>
    );
  }
  return <>{t("facts.populationValue", { value: fmt.number(population), count: knownFor })}</>;
}

/** A requirement in a candidate's or a proposal's table: link to its page, „Vertraulich“ where it is. */
export function RequirementTitleLink({ id, title, confidential }: { id: number; title: string; confidential: boolean }) {
  const { t } = useTranslation("bundling");
  return (
    <>
      <Anchor component={Link} to={`/anforderungen/${id}`} size="sm">
        {title}
      </Anchor>
      {confidential && (
        <Badge ml="xs" size="sm" color="grape" variant="light">
          {t("confidential")}
        </Badge>
      )}
    </>
  );
}
