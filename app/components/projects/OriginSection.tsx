import { Anchor, Group, List, Text } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageSection } from "#app/components/PageSection";
import { ScrollTable } from "#app/components/ScrollTable";
import { awaitsApproval } from "#app/modules/projects/workflow";
import { CandidateStatusBadge } from "#app/components/bundling";
import { StatusBadge } from "#app/components/requirements/StatusBadge";
import { OriginStatusBadge, ProjectPendingNote } from "./ProjectBits";
import type { Project } from "./shared";

/** On a rejected project: where a candidate or requirement is now, so „In Projekt überführt“ does not read as this project. */
function NowNote({ later, reprioritised }: { later: { id: number; title: string } | null; reprioritised: boolean }) {
  const { t } = useTranslation("projects");
  if (later)
    return (
      <Text size="sm">
        {t("detail.nowIn")}{" "}
        <Anchor component={Link} to={`/projekte/${later.id}`}>
          {t("detail.nowInProject", { id: later.id, title: later.title })}
        </Anchor>
      </Text>
    );
  return reprioritised ? <Text size="sm">{t("detail.nowReprioritised")}</Text> : null;
}

export function OriginSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const pending = awaitsApproval(p.status);
  const rejected = p.status === "rejected";
  return (
    <PageSection layout="card-stack" id="herkunft" title={t("detail.origin")}>
      <ProjectPendingNote status={p.status} />
      {rejected && <Text>{t("detail.originRejected")}</Text>}
      <List>
        {p.candidates.map((c) => (
          <List.Item key={c.id}>
            <Group gap="xs">
              <Anchor component={Link} to={`/kandidaten/${c.id}`}>
                {c.title}
              </Anchor>
              <OriginStatusBadge badge={<CandidateStatusBadge status={c.status} />} pendingStatus={pending && c.status === "promoted" ? p.status : null} />
              {c.teamName && <Text size="sm">{c.teamName}</Text>}
              {rejected && <NowNote later={c.laterProject} reprioritised={c.status === "prioritised"} />}
            </Group>
          </List.Item>
        ))}
      </List>
      {p.requirements.length > 0 && (
        <ScrollTable label={t("detail.requirementsCaption", { count: p.requirements.length })} minWidth={460}>
          <Table withTableBorder striped captionSide="top" className="stack-table">
            <Table.Caption>{t("detail.requirementsCaption", { count: p.requirements.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("detail.requirement")}</Table.Th>
                <Table.Th scope="col">{t("detail.organisation")}</Table.Th>
                <Table.Th scope="col">{t("detail.requirementStatus")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.requirements.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/anforderungen/${r.id}`}>
                      {r.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td data-label={t("detail.organisation")}>{r.organisationName}</Table.Td>
                  <Table.Td data-label={t("detail.requirementStatus")}>
                    <OriginStatusBadge badge={<StatusBadge status={r.status} />} pendingStatus={pending && r.status === "in_project" ? p.status : null} />
                    {rejected && <NowNote later={r.laterProject} reprioritised={false} />}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {p.hiddenRequirements > 0 && <Text size="sm">{t("detail.hiddenRequirements", { count: p.hiddenRequirements })}</Text>}
    </PageSection>
  );
}
