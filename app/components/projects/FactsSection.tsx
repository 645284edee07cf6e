import { SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { Fact } from "#app/components/Fact";
import { PageSection } from "#app/components/PageSection";
import { useMoney } from "./ProjectBits";
import type { Project } from "./shared";

export function FactsSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const money = useMoney();
  return (
    <PageSection layout="card-stack" id="steckbrief" title={t("detail.facts")}>
      <div>
        <Text fw={600}>{t("fields.goal")}</Text>
        <Text style={{ whiteSpace: "pre-wrap" }}>{p.goal}</Text>
      </div>
      <div>
        <Text fw={600}>{t("fields.scope")}</Text>
        <Text style={{ whiteSpace: "pre-wrap" }}>{p.scope}</Text>
      </div>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} m={0}>
        <Fact label={t("fields.budget")} value={money(p.budget)} />
        <Fact label={t("detail.period")} value={`${fmt.date(p.plannedStart)} – ${fmt.date(p.plannedEnd)}`} />
        <Fact label={t("fields.lead")} value={p.lead?.name ?? "–"} />
        <Fact label={t("detail.proposedBy")} value={`${p.creatorName ?? "–"} · ${fmt.dateTime(p.createdAt)}`} />
      </SimpleGrid>
    </PageSection>
  );
}
