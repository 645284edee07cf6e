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

export { formatDate } from "#app/utils/format";
