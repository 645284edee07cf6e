import { getFormProps, useForm } from "@conform-to/react";
import { Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult, LimitedTextarea } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import { LIMITS } from "#app/modules/projects/schema";
import { byOrganisation, type Project } from "./shared";

export function LeadSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const changeLeadResult = useIntentResult("changeLead");
  const changeLeadGeneration = useFreshAfterSuccess("changeLead", changeLeadResult);
  const [form, fields] = useForm({ id: `project-lead-${changeLeadGeneration}`, lastResult: changeLeadResult });
  const groups = byOrganisation(p.leadCandidates);
  return (
    // Steps only: the printout has lead and phase in the Steckbrief and the heading.
    <PageSection layout="card-stack" id="projektleitung" title={t("leadForm.heading")} className="no-print">
      <Text>{p.lead ? t("detail.ledBy", { name: p.lead.name }) : t("detail.noLead")}</Text>
      {p.lead?.ineligible && <Text>{t("leadForm.ineligible", { reason: t(`notifications.ineligibleReason.${p.lead.ineligible}`) })}</Text>}
      {p.leadCandidates.length === 0 ? (
        <Text>{t("leadForm.noCandidates")}</Text>
      ) : (
        <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("leadForm.open")}
            </Title>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="changeLead" />
            <NativeSelect
              label={t("leadForm.user")}
              description={t("leadForm.userHint")}
              name={fields.leadUserId.name}
              id={fields.leadUserId.id}
              required
              defaultValue={(fields.leadUserId.initialValue as string | undefined) ?? ""}
              data={[{ value: "", label: t("proposal.choose") }, ...groups]}
              error={fieldError(fields.leadUserId.errors)}
            />
            <LimitedTextarea
              label={t("leadForm.reason")}
              name={fields.reason.name}
              id={fields.reason.id}
              required
              autosize
              minRows={2}
              limit={LIMITS.reason}
              defaultValue={fields.reason.initialValue as string | undefined}
              error={fieldError(fields.reason.errors)}
            />
            <Text size="sm">{t("leadForm.hint")}</Text>
            <Group>
              <Button type="submit" variant="default">
                {t("leadForm.submit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </PageSection>
  );
}
