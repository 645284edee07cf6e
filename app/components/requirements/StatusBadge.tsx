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

export function formatDate(iso: string | null | undefined, locale: string, withTime = false): string {
  if (!iso) return "–";
  const d = iso.length === 10 ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  return d.toLocaleString(locale === "en" ? "en-GB" : "de-DE", {
    timeZone: "Europe/Berlin",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  });
}
