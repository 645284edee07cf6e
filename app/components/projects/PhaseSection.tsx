import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Button, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmedSubmit, FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult, LimitedTextarea } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import { LIMITS, phaseFormSchema } from "#app/modules/projects/schema";
import { phaseNeedsConfirmation, phaseNeedsReason } from "#app/modules/projects/workflow";
import type { Project } from "./shared";

export function PhaseSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  return (
    <PageSection layout="card-stack" id="phase" title={t("phaseForm.heading")} className="no-print">
      <Text>{t("phaseForm.current", { phase: t(`phase.${p.phase}`) })}</Text>
      {p.may.phase && <PhaseForm key={p.phase} p={p} />}
    </PageSection>
  );
}

function PhaseForm({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const openMilestones = p.milestones.filter((m) => !m.doneAt).map((m) => m.title);
  const phaseResult = useIntentResult("phase");
  const phaseGeneration = useFreshAfterSuccess("phase", phaseResult);
  const [form, fields] = useForm({
    id: `project-phase-${phaseGeneration}`,
    lastResult: phaseResult,
    // A reason the move needs is checked in the browser first: a stop without one is named at the
    // field at once, instead of asking for a confirmation the server would then refuse.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: phaseFormSchema(p.phase, openMilestones) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [to, setTo] = useState(
    () => (fields.to.initialValue as string | undefined) ?? p.phaseChoices.find((c) => c !== "stopped" && isForward(p.phase, c)) ?? p.phaseChoices[0],
  );
  const chosen = p.phaseChoices.find((c) => c === to);
  const reasonRequired = !!chosen && phaseNeedsReason(p.phase, chosen);
  // Only spaces pass the browser's „required“: the button then sends at once, and the schema (which
  // trims) names the missing reason at the field instead of a question the server would refuse.
  const [reason, setReason] = useState(() => (fields.reason.initialValue as string | undefined) ?? "");
  return (
    <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
      <Stack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="phase" />
        <NativeSelect
          label={t("phaseForm.to")}
          name={fields.to.name}
          id={fields.to.id}
          defaultValue={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          data={p.phaseChoices.map((c) => ({ value: c, label: t(`phase.${c}`) }))}
          error={fieldError(fields.to.errors)}
        />
        <LimitedTextarea
          label={t("phaseForm.reason")}
          description={t("phaseForm.reasonHint")}
          name={fields.reason.name}
          id={fields.reason.id}
          defaultValue={fields.reason.initialValue as string | undefined}
          required={reasonRequired}
          onChange={(event) => setReason(event.currentTarget.value)}
          autosize
          minRows={2}
          limit={LIMITS.reason}
          error={fieldError(fields.reason.errors)}
        />
        {(chosen && phaseNeedsConfirmation(chosen)) || fields.confirm.errors?.length ? (
          <ConfirmedSubmit
            formId={form.id}
            label={t("phaseForm.submit")}
            question={
              to === "closed"
                ? [t("phaseForm.closeQuestion"), p.unreportedRollouts > 0 ? t("phaseForm.closeUnreported", { count: p.unreportedRollouts }) : ""].filter(Boolean).join(" ")
                : t("phaseForm.stopQuestion")
            }
            confirmLabel={to === "closed" ? t("phaseForm.closeConfirm") : t("phaseForm.stopConfirm")}
            needsConfirm={!!fields.confirm.errors?.length && !fields.reason.errors?.length}
            color={to === "closed" ? undefined : "red"}
            // Closing with open milestones is refused at the field at once instead of asked about.
            ask={!(to === "closed" && openMilestones.length > 0) && !(reasonRequired && reason.trim() === "")}
          />
        ) : (
          <Group>
            <Button type="submit">{t("phaseForm.submit")}</Button>
          </Group>
        )}
        <Text size="sm">{t("phaseForm.stopHint")}</Text>
      </Stack>
    </Form>
  );
}

const ORDER = ["initiation", "planning", "execution", "closed"];
function isForward(from: string | null, to: string) {
  return from !== null && ORDER.indexOf(to) === ORDER.indexOf(from) + 1;
}
