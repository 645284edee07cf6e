import { getFormProps, useForm } from "@conform-to/react";
import { Button, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult, LimitedTextInput } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import { ScrollTable } from "#app/components/ScrollTable";
import { LIMITS } from "#app/modules/projects/schema";
import { LabelBadge } from "./ProjectBits";
import { errorsOf, useDateFieldError, type Project } from "./shared";

export function MilestoneSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const fieldError = useFieldError();
  const milestoneResult = useIntentResult("milestone");
  const milestoneGeneration = useFreshAfterSuccess("milestone", milestoneResult);
  const [form, fields] = useForm({ id: `project-milestone-${milestoneGeneration}`, lastResult: milestoneResult });
  const dateError = useDateFieldError(milestoneResult);
  const doneErrors = errorsOf(useIntentResult("milestoneDone"));
  return (
    <PageSection layout="card-stack" id="meilensteine" title={t("milestones.heading")}>
      <FormErrors errors={doneErrors} />
      {p.milestones.length === 0 ? (
        <Text>{t("milestones.none")}</Text>
      ) : (
        <ScrollTable label={t("milestones.caption", { count: p.milestones.length })} minWidth={560}>
          <Table withTableBorder striped captionSide="top" className="stack-table">
            <Table.Caption>{t("milestones.caption", { count: p.milestones.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("milestones.title")}</Table.Th>
                <Table.Th scope="col">{t("milestones.start")}</Table.Th>
                <Table.Th scope="col">{t("milestones.end")}</Table.Th>
                <Table.Th scope="col">{t("milestones.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.milestones.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row" fw={500}>
                    {m.title}
                  </Table.Th>
                  <Table.Td data-label={t("milestones.start")}>{fmt.date(m.startDate)}</Table.Td>
                  <Table.Td data-label={t("milestones.end")}>{fmt.date(m.endDate)}</Table.Td>
                  <Table.Td data-label={t("milestones.state")}>
                    <Group gap="xs">
                      {m.doneAt ? (
                        <LabelBadge label={t("milestones.done", { at: fmt.day(m.doneAt) })} color="green" />
                      ) : m.overdue ? (
                        <LabelBadge label={t("milestones.overdue")} color="red" />
                      ) : (
                        <LabelBadge label={t("milestones.open")} />
                      )}
                      {p.may.run && !m.doneAt && (
                        <Form method="post" className="no-print">
                          <input type="hidden" name="intent" value="milestoneDone" />
                          <input type="hidden" name="milestoneId" value={m.id} />
                          <Button type="submit" size="compact-sm" variant="default" aria-label={t("milestones.markDoneLabel", { title: m.title })}>
                            {t("milestones.markDone")}
                          </Button>
                        </Form>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {p.may.run && (
        <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("milestones.add")}
            </Title>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="milestone" />
            <Text size="sm">{t("milestones.periodHint", { start: fmt.date(p.plannedStart), end: fmt.date(p.plannedEnd) })}</Text>
            <LimitedTextInput label={t("milestones.title")} name={fields.title.name} id={fields.title.id} defaultValue={fields.title.initialValue as string | undefined} required limit={LIMITS.title} error={fieldError(fields.title.errors)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="date" label={t("milestones.start")} name={fields.startDate.name} id={fields.startDate.id} defaultValue={fields.startDate.initialValue as string | undefined} required error={dateError(fields.startDate.errors)} />
              <TextInput type="date" label={t("milestones.end")} name={fields.endDate.name} id={fields.endDate.id} defaultValue={fields.endDate.initialValue as string | undefined} required error={dateError(fields.endDate.errors)} />
            </SimpleGrid>
            <Group>
              <Button type="submit" variant="default">
                {t("milestones.addSubmit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </PageSection>
  );
}
