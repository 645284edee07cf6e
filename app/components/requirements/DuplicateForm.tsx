import { getFormProps, useForm } from "@conform-to/react";
import { Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmStep, formHasErrors, useFieldError, useIntentResult } from "#app/components/forms";
import { PreviewText, usePreviewText, useRequirementPreview, type RequirementPreview } from "./RequirementPreview";

/**
 * „Als Dublette markieren“: the number of the requirement that already describes the need, and the
 * reason. While the number is typed, the field names the requirement behind it (title,
 * organisation, status) or why it cannot take the duplicate — asked of the server, which applies the
 * same rules as the step itself and shows only what the person may see. The server merges only into
 * the number the form has shown (`shownTarget`); one sent before its preview came (or without
 * JavaScript) comes back with the preview and a request to check it, and nothing is merged yet.
 */
export function DuplicateForm({ requirementId }: { requirementId: number }) {
  const { t } = useTranslation("requirements");
  const fieldError = useFieldError();
  const lastResult = useIntentResult("merge");
  const [form, fields] = useForm({ id: "step-merge", lastResult, shouldValidate: "onSubmit" });
  const [typed, setTyped] = useState("");
  const wanted = typed.trim();
  const current = useRequirementPreview(wanted ? `/anforderungen/${requirementId}/dublette?${new URLSearchParams({ ziel: wanted })}` : null, lastResult);

  // The server's own preview, when „Bestätigen“ came before the typed number was shown: it stands
  // until another number is typed.
  const checked = (lastResult as { details?: { preview?: RequirementPreview } } | undefined)?.details?.preview;
  const serverShown = checked?.ok && (!wanted || wanted.replace(/\D/g, "") === String(checked.target.id)) ? checked : undefined;
  const shown = current ?? serverShown;
  const shownTarget = shown?.ok ? shown.target : undefined;
  const { line: preview, refused } = usePreviewText(shown);

  return (
    <ConfirmStep
      label={t("detail.merge")}
      intent="merge"
      confirmLabel={t("detail.confirm")}
      open={formHasErrors(form)}
      formProps={getFormProps(form)}
      errors={form.errors}
      hint={t("detail.irreversible")}
    >
      {/* What the form has shown: the server merges only into this number. */}
      <input type="hidden" name="shownTarget" value={shownTarget ? String(shownTarget.id) : ""} />
      <TextInput
        label={t("detail.mergeTarget")}
        name="targetId"
        // Without JavaScript the page comes back from the server: what was typed stays.
        defaultValue={fields.targetId.initialValue as string | undefined}
        inputMode="numeric"
        autoComplete="off"
        required
        onChange={(event) => setTyped(event.currentTarget.value)}
        // Below the number, where one looks after typing it and where refusals stand elsewhere.
        inputWrapperOrder={["label", "input", "description", "error"]}
        // The preview stands in the field's description (tied by aria-describedby), which is always
        // there, so screen readers announce each answer as the number is typed; a refusal marks the
        // field invalid. Without a fresh answer, the step's own refusal stands as the field's error.
        description={<PreviewText line={preview} refused={refused} testId="merge-target-preview" />}
        // The server's „Bitte prüfen …“ stands as long as the number it showed is the one typed (the
        // browser's own preview of it may arrive after the answer); any other answer replaces it.
        error={serverShown && (!current || current.ok) ? fieldError(fields.targetId?.errors) : current ? !!refused : fieldError(fields.targetId?.errors)}
      />
      <Textarea
        label={t("detail.mergeReason")}
        name="reason"
        defaultValue={fields.reason.initialValue as string | undefined}
        required
        autosize
        minRows={2}
        error={fieldError(fields.reason?.errors)}
      />
    </ConfirmStep>
  );
}
