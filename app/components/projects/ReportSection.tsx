import { getFormProps, useForm } from "@conform-to/react";
import { Button, Card, Group, Radio, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult, LimitedTextarea } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import { LIMITS } from "#app/modules/projects/schema";
import { HEALTH } from "#app/modules/projects/workflow";
import { HealthBadge } from "./ProjectBits";
import type { Project } from "./shared";

export function ReportSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const fieldError = useFieldError();
  const reportResult = useIntentResult("report");
  const reportGeneration = useFreshAfterSuccess("report", reportResult);
  const [form, fields] = useForm({ id: `project-report-${reportGeneration}`, lastResult: reportResult });
  return (
    <PageSection layout="card-stack" id="statusberichte" title={t("reports.heading")}>
      {p.reports.length === 0 ? (
        <Text>{t("reports.none")}</Text>
      ) : (
        <Stack gap="xs">
          {p.reports.map((r) => (
            <Card key={r.id} withBorder padding="sm" component="article">
              <Group gap="xs">
                <HealthBadge health={r.health} />
                <Text size="sm" fw={600}>
                  {fmt.dateTime(r.created_at)} · {r.authorName ?? "–"}
                </Text>
              </Group>
              <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{r.note}</Text>
            </Card>
          ))}
        </Stack>
      )}
      {p.may.run && (
        <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("reports.add")}
            </Title>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="report" />
            <Radio.Group name={fields.health.name} label={t("reports.health")} required error={fieldError(fields.health.errors)}>
              <Group mt="xs">
                {HEALTH.map((h) => (
                  <Radio key={h} value={h} label={t(`healthLong.${h}`)} />
                ))}
              </Group>
            </Radio.Group>
            <LimitedTextarea label={t("reports.note")} name={fields.note.name} id={fields.note.id} required autosize minRows={2} limit={LIMITS.note} error={fieldError(fields.note.errors)} />
            <Group>
              <Button type="submit" variant="default">
                {t("reports.submit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </PageSection>
  );
}
