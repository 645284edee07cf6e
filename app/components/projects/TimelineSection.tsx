import { Text, Timeline } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { PageSection } from "#app/components/PageSection";
import { resolutionReading } from "#app/modules/projects/approval";
import type { Project } from "./shared";

export function TimelineSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  return (
    <PageSection layout="card-stack" id="verlauf" title={t("detail.timeline")}>
      <Timeline bulletSize={14} lineWidth={2}>
        {p.events.map((e) => (
          <Timeline.Item key={e.id} title={<EventText e={e} />}>
            <Text size="xs">
              {fmt.dateTime(e.at)} · {e.actorName ?? t("events.system")}
            </Text>
            {e.reason && <Text size="sm">{t("events.reason", { reason: e.reason })}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </PageSection>
  );
}

function EventText({ e }: { e: Project["events"][number] }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const d = e.detail as Record<string, string | number | undefined>;
  const period = (start: unknown, end: unknown) => (typeof start === "string" && typeof end === "string" ? `${fmt.date(start)} – ${fmt.date(end)}` : "–");
  switch (e.kind) {
    case "phase":
      return <>{e.from_value ? t("events.phase", { from: t(`phase.${e.from_value}`), to: t(`phase.${e.to_value}`) }) : t("events.phaseStart", { to: t(`phase.${e.to_value}`) })}</>;
    case "approval":
      return <>{t("events.approval", { count: Number(d.count ?? 1) })}</>;
    case "board_result":
      return (
        <>
          {t("events.board_result", {
            result: t(`board.resultValue.${resolutionReading(e.to_value ?? "", { yes: Number(d.yes ?? 0), no: Number(d.no ?? 0) })}`),
            yes: d.yes ?? 0,
            no: d.no ?? 0,
            abstain: d.abstain ?? 0,
          })}
        </>
      );
    case "member_added":
    case "member_removed":
      return <>{t(`events.${e.kind}`, { name: d.name ?? "–", role: t(`teamRole.${d.role}`) })}</>;
    case "milestone_added":
    case "milestone_done":
      return <>{t(`events.${e.kind}`, { title: d.title ?? "–" })}</>;
    case "status_report":
      return <>{t("events.status_report", { health: t(`health.${e.to_value}`) })}</>;
    case "lead_changed":
      return <>{t("events.lead_changed", { from: d.from ?? "–", to: d.to ?? "–" })}</>;
    case "period_changed":
      return <>{t("events.period_changed", { from: period(d.fromStart, d.fromEnd), to: period(d.toStart, d.toEnd) })}</>;
    case "rollout":
      return <>{t("events.rollout", { organisation: d.organisation ?? "–", from: t(`rollout.${e.from_value}`), to: t(`rollout.${e.to_value}`) })}</>;
    default:
      return <>{t(`events.${e.kind}`, { defaultValue: e.kind })}</>;
  }
}
