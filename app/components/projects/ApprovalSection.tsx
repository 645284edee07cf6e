import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Divider, List, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { ConfirmedIntentForm, ConfirmedSubmit, FormErrors, LimitedTextarea, useFieldError, useFreshAfterSuccess, useIntentResult } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import { declineFormSchema, LIMITS } from "#app/modules/projects/schema";
import type { Project } from "./shared";

function ApproveForm() {
  const { t } = useTranslation("projects");
  return (
    <ConfirmedIntentForm
      id="project-approve"
      intent="approve"
      lastResult={useIntentResult("approve")}
      label={t("approval.approve")}
      question={t("approval.question")}
      confirmLabel={t("approval.confirm")}
    />
  );
}

/** „Vorschlag ablehnen“: a reason first (checked before the dialog asks), then the confirmation. */
function DeclineForm({ title }: { title: string }) {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const result = useIntentResult("decline");
  const generation = useFreshAfterSuccess("decline", result);
  const [form, fields] = useForm({
    id: `project-decline-${generation}`,
    lastResult: result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // The dialog asks only about a reason that is one: only spaces pass the browser's „required“, so
  // the button then sends at once and the schema (which trims) names the missing reason at the field.
  const [reason, setReason] = useState(() => (fields.reason.initialValue as string | undefined) ?? "");
  return (
    <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
      <Stack gap="xs">
        <Divider />
        <Title order={3} size="h4">
          {t("decline.heading")}
        </Title>
        <Text size="sm">{t("decline.hint")}</Text>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="decline" />
        <LimitedTextarea
          limit={LIMITS.reason}
          label={t("decline.reason")}
          description={t("decline.reasonHint")}
          name={fields.reason.name}
          id={fields.reason.id}
          required
          autosize
          minRows={2}
          defaultValue={fields.reason.initialValue as string | undefined}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={fieldError(fields.reason.errors)}
        />
        <ConfirmedSubmit
          formId={form.id}
          label={t("decline.submit")}
          question={t("decline.question", { project: title })}
          confirmLabel={t("decline.confirm")}
          needsConfirm={!!fields.confirm.errors?.length && !fields.reason.errors?.length}
          color="red"
          variant="default"
          ask={reason.trim().length > 0}
        />
      </Stack>
    </Form>
  );
}

export function ApprovalSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  return (
    <PageSection layout="card-stack" id="freigabe" title={t("approval.heading")}>
      {p.declined ? (
        <Alert color="red" variant="light" title={t("decline.state")}>
          <Stack gap={4}>
            <Text size="sm">{t("decline.by", { name: p.declined.name ?? t("events.system"), at: fmt.dateTime(p.declined.at) })}</Text>
            {p.declined.reason && (
              <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                {t("decline.because", { reason: p.declined.reason })}
              </Text>
            )}
            <Text size="sm">{t("decline.handedBack")}</Text>
          </Stack>
        </Alert>
      ) : (
        <>
          <Text>{t("approval.rule")}</Text>
          <Text fw={600}>{t("approval.count", { count: p.approvals.length })}</Text>
        </>
      )}
      {p.declined && p.approvals.length > 0 && <Text size="sm">{t("decline.approvalsBefore")}</Text>}
      {p.approvals.length > 0 && (
        <List>
          {p.approvals.map((a) => (
            <List.Item key={`${a.name}-${a.at}`}>{t("approval.by", { name: a.name, at: fmt.dateTime(a.at) })}</List.Item>
          ))}
        </List>
      )}
      {p.status === "requested" && p.approvals.some((a) => a.own) && <Text>{t("approval.youApproved")}</Text>}
      {p.may.approve && <ApproveForm />}
      {p.may.decline && <DeclineForm title={p.title} />}
    </PageSection>
  );
}
