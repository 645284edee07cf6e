import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmedSubmit, FormErrors, formHasErrors, LimitedTextInput, useFieldError, useIntentResult } from "#app/components/forms";
import { PlainStack, PlainText } from "#app/components/plain/layout";
import { candidateFromRequirementSchema, LIMITS } from "#app/modules/bundling/schema";
import { isolateBidi } from "#app/modules/i18n/bidi";

/**
 * „Als Kandidat anlegen“ for the requirements team: a requirement no proposal takes up becomes a
 * candidate of its own. The title starts as the requirement's and may be changed; a dialog names
 * what happens before anything is saved. Behind a disclosure like the page's other steps; it stays
 * open while it shows a refusal.
 */
export function CandidateFromRequirementForm({ title }: { title: string }) {
  const { t } = useTranslation("bundling");
  const fieldError = useFieldError();
  const [form, fields] = useForm({
    id: "candidate-from-requirement",
    lastResult: useIntentResult("candidate"),
    defaultValue: { title },
    // An empty title is named at the field at once, not after a confirmation.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: candidateFromRequirementSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [typed, setTyped] = useState(() => String(fields.title.initialValue ?? title));
  const candidate = typed.trim();
  return (
    <details open={formHasErrors(form)} className="confirm-step">
      <summary>{t("fromRequirement.action")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <PlainStack gap="xs" mt="xs">
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="intent" value="candidate" />
          <PlainText size="sm">{t("fromRequirement.intro")}</PlainText>
          <LimitedTextInput
            limit={LIMITS.title}
            label={t("fromRequirement.titleLabel")}
            name={fields.title.name}
            id={fields.title.id}
            defaultValue={fields.title.initialValue as string | undefined}
            required
            error={fieldError(fields.title.errors)}
            onChange={(event) => setTyped(event.currentTarget.value)}
          />
          <ConfirmedSubmit
            formId={form.id}
            label={t("fromRequirement.submit")}
            dialogTitle={t("fromRequirement.dialogTitle")}
            question={t("fromRequirement.question", { title: isolateBidi(title), candidate: isolateBidi(candidate) })}
            confirmLabel={t("fromRequirement.confirm")}
            needsConfirm={!!fields.confirm.errors?.length && !fields.title.errors?.length}
            ask={!!candidate}
          />
        </PlainStack>
      </Form>
    </details>
  );
}
