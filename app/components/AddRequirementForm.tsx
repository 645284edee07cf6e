import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { TextInput } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult } from "#app/components/forms";
import { PlainButton, PlainGroup, PlainStack } from "#app/components/plain/layout";
import { PreviewText, usePreviewText, useRequirementPreview } from "#app/components/requirements/RequirementPreview";

/**
 * „Anforderung hinzufügen“ on a candidate's page, by the requirement's number: a need the engine did
 * not propose for this candidate. While the number is typed, the field names the requirement behind it
 * (number, title, organisation, status) or why it cannot be added, as the server answers for the
 * person (the same rule as the step; see RequirementPreview). Without JavaScript the form is simply sent.
 */
export function AddRequirementForm({ candidateId }: { candidateId: number }) {
  const { t } = useTranslation("bundling");
  const result = useIntentResult("add");
  const generation = useFreshAfterSuccess("add", result);
  const [form, fields] = useForm({ id: `candidate-add-${generation}`, lastResult: result, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
      <PlainStack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="add" />
        <NumberField candidateId={candidateId} field={fields.requirementId} result={result} />
        <PlainGroup>
          <PlainButton type="submit" variant="default">
            {t("detail.add")}
          </PlainButton>
        </PlainGroup>
      </PlainStack>
    </Form>
  );
}

/** The number and its preview; remounted with the form, so that after an added requirement both start empty. */
function NumberField({ candidateId, field, result }: { candidateId: number; field: FieldMetadata<unknown>; result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("bundling");
  const fieldError = useFieldError();
  const [typed, setTyped] = useState("");
  const wanted = typed.trim();
  const preview = useRequirementPreview(wanted ? `/kandidaten/${candidateId}/anforderung?${new URLSearchParams({ nr: wanted })}` : null, result);
  const { line, refused } = usePreviewText(preview);
  return (
    <TextInput
      label={t("detail.addLabel")}
      name={field.name}
      id={field.id}
      // Without JavaScript the page comes back from the server: what was typed stays.
      defaultValue={field.initialValue as string | undefined}
      inputMode="numeric"
      autoComplete="off"
      required
      onChange={(event) => setTyped(event.currentTarget.value)}
      // The preview right below the number, where one looks after typing it, then the hint; both in
      // the field's description (tied by aria-describedby). A refusal marks the field invalid; without
      // a fresh answer, the step's own refusal stands as the field's error.
      inputWrapperOrder={["label", "input", "description", "error"]}
      description={
        <>
          <PreviewText line={line} refused={refused} testId="add-requirement-preview" />
          <span style={{ display: "block" }}>{t("detail.addHint")}</span>
        </>
      }
      error={preview ? !!refused : fieldError(field.errors)}
    />
  );
}
