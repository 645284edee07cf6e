import { useTranslation } from "react-i18next";
import { LightBadge } from "#app/components/LightBadge";

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
  return <LightBadge color={COLORS[key] ?? "gray"}>{t(`status.${key}`)}</LightBadge>;
}

export { formatDate } from "#app/utils/format";
