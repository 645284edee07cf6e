import type { SubmissionResult } from "@conform-to/react";
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

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
  return (
    <Badge color={STATUS_COLORS[status] ?? "gray"} variant="light" style={{ minWidth: "max-content" }}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** Dates and times in one format; a fixed time zone keeps server and browser rendering the same text. */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "de-DE";
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Berlin" });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
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
