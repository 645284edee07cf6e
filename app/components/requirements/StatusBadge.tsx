import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const COLORS: Record<string, string> = {
  draft: "gray",
  submitted: "blue",
  awaiting_release: "yellow",
  released: "blue",
  in_review: "indigo",
  bundled: "violet",
  prioritised: "green",
  deferred: "orange",
  rejected: "red",
  in_project: "teal",
  done: "green",
  withdrawn: "gray",
  merged: "gray",
};

export function StatusBadge({ status, awaitingRelease }: { status: string; awaitingRelease?: boolean }) {
  const { t } = useTranslation("requirements");
  const key = awaitingRelease && status === "submitted" ? "awaiting_release" : status;
  return (
    <Badge color={COLORS[key] ?? "gray"} variant="light" style={{ overflow: "visible" }} styles={{ label: { overflow: "visible", textOverflow: "clip" } }}>
      {t(`status.${key}`)}
    </Badge>
  );
}

// Building an Intl.DateTimeFormat is expensive; a page formats dozens of dates, so keep them.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, withTime: boolean, dateOnly: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}|${dateOnly}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "de-DE", {
      // A plain date (YYYY-MM-DD) is a calendar day, not a moment: show it as written.
      timeZone: dateOnly ? "UTC" : "Europe/Berlin",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatDate(iso: string | null | undefined, locale: string, withTime = false): string {
  if (!iso) return "–";
  const dateOnly = iso.length === 10;
  const d = dateOnly ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  return formatter(locale, withTime && !dateOnly, dateOnly).format(d);
}
