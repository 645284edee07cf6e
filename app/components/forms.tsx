import { Alert, Button, Fieldset, Group, Stack, Text, TextInput, type TextInputProps } from "@mantine/core";
import { Form } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formattersFor, parseGroupedWholeNumber } from "#app/utils/format";

/** Translates the first error key of a field, for Mantine's `error` prop (which wires aria-describedby). */
export function useFieldError() {
  const { t } = useTranslation();
  return (errors: string[] | undefined) => (errors && errors.length > 0 ? t(errors[0]) : undefined);
}

export function FormErrors({ errors, id }: { errors: string[] | undefined; id?: string }) {
  const { t } = useTranslation();
  if (!errors || errors.length === 0) return null;
  return (
    <Alert color="red" role="alert" id={id}>
      {errors.map((e) => (
        <div key={e}>{t(e)}</div>
      ))}
    </Alert>
  );
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
 * an irreversible step, `hint` says so next to the confirm button.
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
          <Group>
            <Button type="submit" color={color}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Form>
    </details>
  );
}

/** A count shown with thousands grouping ("181.959"): given so, and regrouped when the field is left. */
export function CountInput({ defaultValue, onBlur, ...props }: Omit<TextInputProps, "defaultValue"> & { defaultValue: string | undefined }) {
  const { i18n } = useTranslation();
  // What is not a count (a typo sent back with its error message) is shown as it was typed.
  const grouped = (text: string) => {
    const n = parseGroupedWholeNumber(text);
    return typeof n === "number" ? formattersFor(i18n.language).number.format(n) : text;
  };
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      {...props}
      defaultValue={defaultValue && grouped(defaultValue)}
      onBlur={(event) => {
        event.currentTarget.value = grouped(event.currentTarget.value);
        onBlur?.(event);
      }}
    />
  );
}
