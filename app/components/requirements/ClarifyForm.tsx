import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmedSubmit, FormErrors, formHasErrors, LimitedTextarea, useFieldError, useIntentResult } from "#app/components/forms";
import { PlainStack, PlainText } from "#app/components/plain/layout";
import { isolateBidi } from "#app/modules/i18n/bidi";
import { clarifySchema, REASON_LIMIT } from "#app/modules/requirements/schema";
import type { ReturnedBy } from "#app/modules/requirements/workflow";
import { formatDate } from "#app/utils/format";

/**
 * „Zur Klärung zurückgeben“ for the requirements team: the question to the organisation, then a
 * dialog that names what happens. Behind a disclosure like the page's other steps; it stays open
 * while it shows a refusal (e.g. another organisation co-signed: ask in a comment instead).
 */
export function ClarifyForm({ title, organisation, cosignedByOthers }: { title: string; organisation: string; cosignedByOthers: boolean }) {
  const { t } = useTranslation("requirements");
  const fieldError = useFieldError();
  const [form, fields] = useForm({
    id: "clarify",
    lastResult: useIntentResult("clarify"),
    // An empty or blank question is named at the field at once, not after a confirmation.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: clarifySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const org = isolateBidi(organisation);
  // A blank question is no question: the button then sends at once and the message stands at the field.
  const [blank, setBlank] = useState(() => !String(fields.question.initialValue ?? "").trim());
  // Other organisations would lose sight of their co-signature: the server refuses, so the page says so at once.
  if (cosignedByOthers) {
    return (
      <PlainText size="sm">
        {t("clarify.blockedCosigned")}{" "}
        <Anchor href="#kommentare" underline="always">{t("clarify.toComments")}</Anchor>
      </PlainText>
    );
  }
  return (
    <details open={formHasErrors(form)} className="confirm-step">
      <summary>{t("clarify.action")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <PlainStack gap="xs" mt="xs">
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="intent" value="clarify" />
          <PlainText size="sm">{t("clarify.intro", { organisation: org })}</PlainText>
          <LimitedTextarea
            limit={REASON_LIMIT}
            label={t("clarify.questionLabel", { organisation: org })}
            description={t("clarify.questionHint")}
            name={fields.question.name}
            id={fields.question.id}
            defaultValue={fields.question.initialValue as string | undefined}
            required
            autosize
            minRows={3}
            error={fieldError(fields.question.errors)}
            onChange={(event) => setBlank(!event.currentTarget.value.trim())}
          />
          <ConfirmedSubmit
            formId={form.id}
            label={t("clarify.submit")}
            dialogTitle={t("clarify.dialogTitle")}
            question={t("clarify.question", { title: isolateBidi(title), organisation: org })}
            confirmLabel={t("clarify.confirm")}
            needsConfirm={!!fields.confirm.errors?.length && !fields.question.errors?.length}
            ask={!blank}
          />
        </PlainStack>
      </Form>
    </details>
  );
}

export interface OpenClarification {
  /** Who sent it back (see openReturn): the requirements team with a question, or the lead with a reason. */
  by: ReturnedBy;
  at: string;
  reason: string | null;
  actorName: string | null;
  actorOrganisation: string | null;
}

/** On the draft the organisation reworks: who sent it back, when and why, until it is submitted again. */
export function ClarificationNotice({ clarification: c }: { clarification: OpenClarification }) {
  const { t, i18n } = useTranslation("requirements");
  const date = formatDate(c.at, i18n.language, true);
  const k = c.by === "lead" ? "returned" : "clarify";
  return (
    <Alert color="orange" variant="light" title={t(`${k}.bannerTitle`)} id={c.by === "lead" ? "rueckgabe" : "klaerung"}>
      <PlainStack gap="xs">
        <PlainText size="sm">
          {c.actorName
            ? t(`${k}.bannerBy`, { name: isolateBidi(c.actorName), organisation: isolateBidi(c.actorOrganisation ?? "–"), date })
            : t(`${k}.bannerByRole`, { date })}
        </PlainText>
        {c.reason && (
          <div>
            <PlainText size="sm" fw={600}>
              {t(c.by === "lead" ? "returned.bannerReason" : "clarify.bannerQuestion")}
            </PlainText>
            <blockquote style={{ margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{c.reason}</blockquote>
          </div>
        )}
        <PlainText size="sm">{t(`${k}.bannerNext`)}</PlainText>
      </PlainStack>
    </Alert>
  );
}
