import { Button, Group, NativeSelect, Text } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useIntentResult } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import { ScrollTable } from "#app/components/ScrollTable";
import { ROLLOUT_STATUSES } from "#app/modules/projects/workflow";
import { RolloutBadge } from "./ProjectBits";
import { errorsOf, type Project } from "./shared";

function RolloutRow({ r }: { r: Project["rollout"][number] }) {
  const { t } = useTranslation("projects");
  const result = useIntentResult("rollout");
  const mine = result && (result.initialValue as Record<string, unknown> | null)?.organisationId === String(r.organisationId) ? errorsOf(result) : [];
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {r.organisationName}
      </Table.Th>
      <Table.Td data-label={t("rolloutSection.status")}>
        <RolloutBadge status={r.status} />
      </Table.Td>
      {/* Where rows stack, a lone „–“ would not say what it stands for: there the cell is left out. */}
      <Table.Td className={r.editable ? "no-print" : "no-print stack-empty"}>
        {r.editable ? (
          <Form method="post">
            <input type="hidden" name="intent" value="rollout" />
            <input type="hidden" name="organisationId" value={r.organisationId} />
            <Group gap="xs" align="flex-end">
              <NativeSelect
                label={t("rolloutForm.label", { organisation: r.organisationName })}
                name="status"
                defaultValue={r.status}
                data={ROLLOUT_STATUSES.map((s) => ({ value: s, label: t(`rollout.${s}`) }))}
                size="sm"
                error={mine.length ? t(mine[0]) : undefined}
              />
              <Button type="submit" size="sm" variant="default" aria-label={t("rolloutForm.saveLabel", { organisation: r.organisationName })}>
                {t("rolloutForm.save")}
              </Button>
            </Group>
          </Form>
        ) : (
          "–"
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function RolloutSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  return (
    <PageSection layout="card-stack" id="einfuehrung" title={t("rolloutSection.heading")}>
      <Text>{t("rolloutSection.intro")}</Text>
      {p.rollout.length === 0 ? (
        <Text>{t("rolloutSection.none")}</Text>
      ) : (
        // On a phone each organisation stacks: name, status, then the form (its select names the organisation).
        <ScrollTable label={t("rolloutSection.caption", { count: p.rollout.length })} minWidth={460}>
          <Table withTableBorder striped captionSide="top" className="stack-table">
            <Table.Caption>{t("rolloutSection.caption", { count: p.rollout.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("rolloutSection.organisation")}</Table.Th>
                <Table.Th scope="col">{t("rolloutSection.status")}</Table.Th>
                <Table.Th scope="col" className="no-print">
                  {t("rolloutSection.change")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.rollout.map((r) => (
                <RolloutRow key={r.organisationId} r={r} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </PageSection>
  );
}
