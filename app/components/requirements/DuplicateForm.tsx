import { getFormProps, useForm } from "@conform-to/react";
import { Textarea, TextInput } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmStep, formHasErrors, useFieldError, useIntentResult } from "#app/components/forms";
import type { DuplicateTargetPreview } from "#app/modules/requirements/requirements.server";
import { parseMessage } from "#app/utils/messages";

/** Waits this long after the last keystroke before asking the server about the typed number. */
const PREVIEW_DELAY_MS = 250;

/**
 * „Als Dublette markieren“: the number of the requirement that already describes the need, and the
 * reason. While the number is typed, the field names the requirement behind it (title,
 * organisation, status) or why it cannot take the duplicate — asked of the server, which applies the
 * same rules as the step itself and shows only what the person may see. Without JavaScript the
 * step's own refusal stands at the field.
 */
export function DuplicateForm({ requirementId }: { requirementId: number }) {
  const { t } = useTranslation("requirements");
  const fieldError = useFieldError();
  const lastResult = useIntentResult("merge");
  const [form, fields] = useForm({ id: "step-merge", lastResult, shouldValidate: "onSubmit" });
  const preview = useFetcher<DuplicateTargetPreview>();
  const [typed, setTyped] = useState("");
  const [asked, setAsked] = useState<string | null>(null);
  const wanted = typed.trim();
  const { load } = preview;

  useEffect(() => {
    if (!wanted) return;
    const timer = setTimeout(() => {
      setAsked(wanted);
      void load(`/anforderungen/${requirementId}/dublette?${new URLSearchParams({ ziel: wanted })}`);
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [wanted, requirementId, load]);
  // The step's own answer is the news until the number is changed again.
  useEffect(() => setAsked(null), [lastResult]);

  // Only an answer about what the field holds now counts (a slower, older answer is dropped).
  const answer = wanted && asked === wanted && preview.state === "idle" ? preview.data : undefined;
  const found = answer?.ok
    ? t("detail.mergeTargetPreview", {
        id: answer.target.id,
        title: answer.target.title,
        organisation: answer.target.organisationName,
        status: t(`status.${answer.target.status}`),
      })
    : undefined;
  const refusal = answer && !answer.ok ? parseMessage(answer.message) : undefined;
  const refused = refusal ? t(refusal.key, refusal.values) : undefined;

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
      <TextInput
        label={t("detail.mergeTarget")}
        name="targetId"
        inputMode="numeric"
        autoComplete="off"
        required
        onChange={(event) => setTyped(event.currentTarget.value)}
        // Below the number, where one looks after typing it and where refusals stand elsewhere.
        inputWrapperOrder={["label", "input", "description", "error"]}
        // The preview stands in the field's description (tied by aria-describedby), which is always
        // there, so screen readers announce each answer as the number is typed; a refusal marks the
        // field invalid. Without a fresh answer, the step's own refusal stands as the field's error.
        description={
          <span aria-live="polite" aria-atomic="true" data-testid="merge-target-preview">
            {found ?? refused ?? ""}
          </span>
        }
        error={answer ? !!refused : fieldError(fields.targetId?.errors)}
        styles={{ description: refused ? { color: "var(--mantine-color-error)" } : found ? { color: "var(--mantine-color-text)", fontWeight: 600 } : undefined }}
      />
      <Textarea label={t("detail.mergeReason")} name="reason" required autosize minRows={2} error={fieldError(fields.reason?.errors)} />
    </ConfirmStep>
  );
}
