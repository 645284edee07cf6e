import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Alert, Button, Fieldset, Group, Modal, Stack, Text, Textarea, TextInput, VisuallyHidden, type TextareaProps, type TextInputProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Form, useActionData, useLocation, useNavigation } from "@remix-run/react";
import { type ComponentProps, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { resultFor } from "#app/components/bundling";
import { groupDigits } from "#app/utils/numbers";
import { parseMessage } from "#app/utils/messages";
import { PlainButton, PlainGroup, PlainStack, PlainText } from "#app/components/plain/layout";
import { useHydrated } from "#app/components/hydrated";
import { focusAfterStep } from "#app/components/stepFocus";

/**
 * A form starts afresh once its intent went through: the action redirected back (so there is no
 * result for it), and the typed text and the messages of an earlier try go, so a second click does
 * not send the same again. After a refusal the form keeps what was typed and shows why. Returns a
 * generation to put into the form's id (conform then starts a new form state, and `key={form.key}`
 * mounts fresh fields, radio groups included).
 */
export function useFreshAfterSuccess(intent: string, result: unknown): number {
  const [generation, setGeneration] = useState(0);
  useOnAccepted(intent, result, () => setGeneration((g) => g + 1));
  return generation;
}

/**
 * Calls `onAccepted` once a form of this intent was sent and went through: the page is idle again
 * and the action gave no answer for the intent (it redirected back). Runs in the commit that ends the
 * submission, before a form remounted by useFreshAfterSuccess renders again.
 */
export function useOnAccepted(intent: string | undefined, result: unknown, onAccepted: () => void) {
  const navigation = useNavigation();
  const sent = useRef(false);
  const latest = useRef(result);
  latest.current = result;
  const callback = useRef(onAccepted);
  callback.current = onAccepted;
  useEffect(() => {
    if (!intent) return;
    if (navigation.state === "submitting" && navigation.formData?.get("intent") === intent) sent.current = true;
    else if (navigation.state === "idle" && sent.current) {
      sent.current = false;
      if (!latest.current || latest.current === SUPERSEDED) callback.current();
    }
  }, [navigation.state, navigation.formData, intent]);
}

/**
 * conform's lastResult for one form of a page with several, told apart by the hidden `intent` field
 * they send: the action's answer when that form was the one submitted, otherwise nothing.
 */
export function useIntentResult(intent: string): SubmissionResult<string[]> | undefined {
  const own = resultFor(useActionData(), "intent", intent);
  const answered = useRef(false);
  if (own) answered.current = true;
  // Once another form of the page was sent, this form's earlier refusal is no longer the news.
  return own ?? (answered.current ? SUPERSEDED : undefined);
}

/**
 * conform's lastResult for a form whose last answer is out of date: its messages go, while what was
 * typed stays (the fields count as not yet checked, and no value is given, so conform keeps them).
 */
const SUPERSEDED: SubmissionResult<string[]> = { intent: { type: "update", payload: { validated: false } }, error: {} };

function translateMessage(t: (key: string, values?: Record<string, string>) => string, message: string): string {
  const { key, values } = parseMessage(message);
  return t(key, values);
}

/** Translates the first error key of a field, for Mantine's `error` prop (which wires aria-describedby). */
export function useFieldError() {
  const { t } = useTranslation();
  return (errors: string[] | undefined) => (errors && errors.length > 0 ? translateMessage(t, errors[0]) : undefined);
}

/**
 * A whole number (an amount in euros, a quantity, an Einwohnerzahl, a number of days) typed as text.
 * The field sends exactly what was typed: it never drops or changes a character (a number input
 * would turn „1e9“ into 19 or „3,5“ into 35 without a word), so the schema's reader
 * (readWholeNumber) refuses what is not a whole number with its message at the field, and the typed
 * text stays there. Plain digits are shown with the reader's digit grouping („120.000“) once the
 * field is left, which the reader reads back as the same number.
 */
export function WholeNumberInput({
  defaultValue,
  onBlur,
  ...props
}: Omit<TextInputProps, "type" | "inputMode" | "value" | "defaultValue" | "onChange"> & { defaultValue?: string | number }) {
  const { i18n } = useTranslation();
  const separator = i18n.language === "en" ? "," : ".";
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      defaultValue={defaultValue == null ? undefined : groupDigits(String(defaultValue), separator)}
      onBlur={(event) => {
        const input = event.currentTarget;
        const grouped = groupDigits(input.value, separator);
        if (grouped !== input.value) input.value = grouped;
        onBlur?.(event);
      }}
      {...props}
    />
  );
}

/** From this share of its limit on, a field counts its characters. */
const NEAR_LIMIT = 0.9;
/** A count is announced once typing pauses this long: never on every keystroke. */
const ANNOUNCE_AFTER_MS = 1500;

type LimitProps = {
  limit: number;
  defaultValue?: string;
  /** Given, the field is controlled (the page holds the text, e.g. so a live update cannot replace it). */
  value?: string;
  description?: ReactNode;
  onChange?: (event: React.ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => void;
};

/**
 * A text field with a maximum length that never cuts what is typed or pasted (the browser's
 * `maxLength` drops the rest of a paste without a word). The hint under the field names the limit;
 * near and over it, it counts („205 / 200 Zeichen – 5 zu viel“), tied to the field via the hint's
 * aria-describedby. A polite live region says the count once typing pauses. The schema refuses an
 * over-long text at the field with the limit in its message („höchstens 200 Zeichen“).
 */
function useTextLimit({ limit, defaultValue, value, description, onChange }: LimitProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [typed, setLength] = useState(defaultValue?.length ?? 0);
  const length = value !== undefined ? value.length : typed;
  const [settled] = useDebouncedValue(length, ANNOUNCE_AFTER_MS);
  // A form reset sets the value without an input event.
  useEffect(() => {
    const el = ref.current;
    const form = el?.form;
    if (!el || !form) return;
    const onReset = () => setTimeout(() => setLength(el.value.length));
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, []);
  const count = (n: number) => {
    if (n > limit) return t("common:textLimit.over", { n, max: limit, over: n - limit });
    return n >= Math.ceil(limit * NEAR_LIMIT) ? t("common:textLimit.count", { n, max: limit }) : null;
  };
  const shown = count(length) ?? t("common:textLimit.max", { max: limit });
  return {
    ref,
    ...(value !== undefined ? { value } : { defaultValue }),
    "data-over-limit": length > limit || undefined,
    // Read by ConfirmedSubmit: a form with an over-long text is refused, so it does not ask first.
    "data-limit": limit,
    description: (
      <>
        {description}
        {description ? " " : null}
        {/* Over the limit the count stands out by weight, not by colour alone. */}
        <span data-text-limit style={length > limit ? { fontWeight: 700 } : undefined}>
          {shown}
        </span>
      </>
    ),
    inputContainer: (children: ReactNode) => (
      <>
        {children}
        <VisuallyHidden aria-live="polite" data-text-limit-announcer>
          {count(settled) ?? ""}
        </VisuallyHidden>
      </>
    ),
    onChange: (event: React.ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => {
      setLength(event.currentTarget.value.length);
      onChange?.(event);
    },
  };
}

/** A one-line text field with a limit it shows and counts, instead of `maxLength` (see useTextLimit). */
export function LimitedTextInput({ limit, defaultValue, value, description, onChange, ...props }: Omit<TextInputProps, "maxLength" | "value" | "defaultValue" | "inputContainer"> & LimitProps) {
  return <TextInput {...props} {...useTextLimit({ limit, defaultValue, value, description, onChange })} />;
}

/** A text area with a limit it shows and counts, instead of `maxLength` (see useTextLimit). */
export function LimitedTextarea({ limit, defaultValue, value, description, onChange, ...props }: Omit<TextareaProps, "maxLength" | "value" | "defaultValue" | "inputContainer"> & LimitProps) {
  return <Textarea {...props} {...useTextLimit({ limit, defaultValue, value, description, onChange })} />;
}

export function FormErrors({ errors, id }: { errors: string[] | undefined; id?: string }) {
  const { t } = useTranslation();
  if (!errors || errors.length === 0) return null;
  return (
    <Alert color="red" role="alert" id={id}>
      {errors.map((e) => (
        <div key={e}>{translateMessage(t, e)}</div>
      ))}
    </Alert>
  );
}

/**
 * conform's lastResult from a fetcher's answer: the action answers conform's reply, on an error and
 * on success alike (a success reply carries no errors, so conform clears those of an earlier
 * attempt); anything else a fetcher may hold is no result.
 */
export function fetcherResult(data: unknown): SubmissionResult<string[]> | undefined {
  if (!data || typeof data !== "object") return undefined;
  return "initialValue" in data ? (data as SubmissionResult<string[]>) : undefined;
}

/** True when conform's form has any error, on the form or on any field (opens a ConfirmStep again). */
export function formHasErrors(form: { allErrors: Record<string, string[]> }): boolean {
  return Object.values(form.allErrors).some((e) => e.length > 0);
}

/** Checkboxes under a legend, with a hint and the field's error tied to the group (a conform field). */
export function CheckboxFieldset({
  legend,
  hint,
  field,
  children,
}: {
  legend: string;
  hint?: string;
  field: { id: string; errorId: string; errors?: string[] };
  children: ReactNode;
}) {
  const fieldError = useFieldError();
  const invalid = !!field.errors?.length;
  return (
    <Fieldset legend={legend} id={field.id} aria-describedby={invalid ? field.errorId : undefined}>
      {hint && (
        <Text size="sm" c="dimmed" mb="xs">
          {hint}
        </Text>
      )}
      {invalid && (
        <Text size="sm" c="red.9" role="alert" mb="xs" id={field.errorId}>
          {fieldError(field.errors)}
        </Text>
      )}
      {children}
    </Fieldset>
  );
}

/**
 * A step behind a disclosure: the summary opens its form, a second action submits it. A <details>
 * element, so it works by keyboard and without JavaScript; it stays open while it shows errors. For
 * an irreversible step, `hint` says so next to the confirm button, and `ask` makes that button ask
 * first (ConfirmedSubmit: a dialog, or without JavaScript the server's question on the page).
 */
export function ConfirmStep({
  label,
  intent,
  confirmLabel,
  open,
  formProps,
  errors,
  hint,
  color,
  ask,
  children,
}: {
  label: string;
  intent: string;
  confirmLabel: string;
  open: boolean;
  /** conform's getFormProps(form): id, noValidate, onSubmit */
  formProps?: Omit<ComponentProps<typeof Form>, "method" | "children">;
  /** form-level error keys (conform's form.errors) */
  errors?: string[];
  hint?: string;
  color?: string;
  /** the question the dialog asks; `needsConfirm`: the server's reply asks for the confirmation */
  ask?: { question: string; confirmLabel: string; needsConfirm: boolean };
  children?: ReactNode;
}) {
  return (
    <details open={open} className="confirm-step">
      <summary>{label}</summary>
      <Form method="post" {...formProps}>
        <Stack gap="xs" mt="xs">
          <FormErrors errors={errors} />
          <input type="hidden" name="intent" value={intent} />
          {children}
          {hint && <Text size="sm">{hint}</Text>}
          {ask && formProps?.id ? (
            <ConfirmedSubmit formId={formProps.id} label={confirmLabel} question={ask.question} confirmLabel={ask.confirmLabel} needsConfirm={ask.needsConfirm} color={color} />
          ) : (
            <Group>
              <Button type="submit" color={color}>
                {confirmLabel}
              </Button>
            </Group>
          )}
        </Stack>
      </Form>
    </details>
  );
}

/** The page's own address, less the „?index“ a form of an index route posts to (root.tsx). */
function withoutIndexParam(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete("index");
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

/** A limited text field of the form (LimitedTextInput/-Textarea) holds more than its limit: the server will refuse it. */
function hasOverLongText(form: HTMLFormElement): boolean {
  return Array.from(form.elements).some(
    (el) => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.dataset.limit !== undefined && el.value.length > Number(el.dataset.limit),
  );
}

/**
 * An irreversible or weighty step: the button opens a dialog (focus moves in, onto „Abbrechen“;
 * Escape closes, focus returns); its confirm button submits the form with confirm=yes. Without JavaScript the first click
 * reaches the server, whose schema requires confirm=yes and asks for the confirmation shown inline;
 * the question then stands in the first button's place, with „Abbrechen“ (the page again, nothing sent)
 * (with JavaScript the button stays beside it, see below).
 * While the form's own constraints (required fields) fail, or a limited text field is over its limit,
 * the button submits at once so the messages appear at the fields instead of a question about a form
 * that will be refused.
 * Rendered with the plain layout pieces: a table may hold one per row (the candidate page).
 * Once the confirmed step has gone through, the focus goes to `focusTarget`, by default the heading of
 * the section holding the form, where the step's result shows (`focusAfterStep`): the dialog's button
 * is gone then, and the focus would fall to <body>. A form whose onSubmit names its own target
 * (`submitThen`) overrides it, since the submit comes after the click.
 */
export function ConfirmedSubmit({
  formId,
  label,
  ariaLabel,
  dialogTitle,
  question,
  confirmLabel,
  needsConfirm,
  color = "blue",
  variant = "filled",
  size,
  ask = true,
  focusTarget,
}: {
  formId: string;
  label: string;
  /** names the button (and titles the dialog) where the label alone is ambiguous, e.g. one „Entfernen“ per row */
  ariaLabel?: string;
  /** the dialog's title where it can say more than the button, e.g. whom the step concerns */
  dialogTitle?: string;
  question: string;
  confirmLabel: string;
  needsConfirm: boolean;
  /** the colour of the confirming buttons, and of the first button when it is filled */
  color?: string;
  /** "default": a quiet first button, e.g. in a table row; the confirming buttons stay filled */
  variant?: "filled" | "default";
  size?: "compact-sm";
  /** false: the button submits at once (e.g. nothing chosen yet, so the server names the missing field) */
  ask?: boolean;
  /** the id of the element that shows the step's result; by default the heading of the form's section */
  focusTarget?: string;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const focusResult = () => {
    const target = focusTarget ?? document.getElementById(formId)?.closest("section[aria-labelledby]")?.getAttribute("aria-labelledby");
    if (target) focusAfterStep(target);
  };
  const location = useLocation();
  // Without JavaScript the question replaces the button. Once the page is interactive the button
  // stays beside it: after the server asked, the person may still change the form (a field it
  // refused together with the missing confirmation) and take the step through the dialog.
  const hydrated = useHydrated();
  return (
    <>
      {needsConfirm && (
        <Alert color="orange" variant="light" role="alert">
          <PlainStack gap="xs">
            <PlainText size="sm">{question}</PlainText>
            <PlainGroup>
              <PlainButton type="submit" form={formId} name="confirm" value="yes" color={color} onClick={hydrated ? focusResult : undefined}>
                {confirmLabel}
              </PlainButton>
              {!hydrated && (
                <PlainButton to={withoutIndexParam(location.pathname, location.search)} variant="default" preventScrollReset>
                  {t("confirm.cancel")}
                </PlainButton>
              )}
            </PlainGroup>
          </PlainStack>
        </Alert>
      )}
      {(!needsConfirm || hydrated) && (
        <PlainGroup>
          <PlainButton
            type="submit"
            name="confirm"
            value=""
            color={color}
            variant={variant}
            size={size}
            aria-label={ariaLabel}
            onClick={(event) => {
              if (!ask) return;
              const formElement = document.getElementById(formId);
              if (formElement instanceof HTMLFormElement && (!formElement.checkValidity() || hasOverLongText(formElement))) return;
              event.preventDefault();
              setOpened(true);
            }}
          >
            {label}
          </PlainButton>
        </PlainGroup>
      )}
      <Modal opened={opened} onClose={() => setOpened(false)} title={dialogTitle ?? ariaLabel ?? label} centered closeButtonProps={{ "aria-label": t("confirm.closeDialog") }}>
        <Stack>
          <Text>{question}</Text>
          <Group justify="flex-end">
            {/* Focus starts on „Abbrechen“: an Enter pressed out of habit must not take the step. */}
            <Button variant="default" onClick={() => setOpened(false)} data-autofocus>
              {t("confirm.cancel")}
            </Button>
            <Button
              type="submit"
              form={formId}
              name="confirm"
              value="yes"
              color={color}
              onClick={() => {
                setOpened(false);
                focusResult();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * A form that is nothing but one confirmed step (approve, end, publish): the intent, the button that
 * asks first, and the answer's errors. `lastResult` is the action's reply for this intent.
 */
export function ConfirmedIntentForm({
  id,
  intent,
  lastResult,
  action,
  children,
  ...submit
}: {
  id: string;
  intent: string;
  lastResult: SubmissionResult<string[]> | undefined;
  action?: string;
  /** further hidden fields sent along */
  children?: ReactNode;
} & Pick<ComponentProps<typeof ConfirmedSubmit>, "label" | "dialogTitle" | "question" | "confirmLabel" | "color" | "variant">) {
  const [form, fields] = useForm({ id, lastResult });
  return (
    <Form method="post" action={action} className="no-print" {...getFormProps(form)}>
      <Stack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value={intent} />
        {children}
        <ConfirmedSubmit formId={form.id} needsConfirm={!!fields.confirm.errors?.length} {...submit} />
      </Stack>
    </Form>
  );
}
