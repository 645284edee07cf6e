import { useId, type ComponentPropsWithoutRef, type CSSProperties, type MouseEvent, type ReactNode } from "react";

/**
 * Plain twins of Mantine's TextInput and NativeSelect (size "sm", default variant, theme radius):
 * the same markup, class names and attributes, so Mantine's CSS styles them identically, but
 * rendered as a handful of elements without Mantine's prop merging and style passes, which cost
 * a noticeable share of a server render on the busiest pages. tests/unit/plain-components.test.tsx
 * compares the markup with Mantine's.
 */

interface FieldProps {
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  required?: boolean;
  id?: string;
  name: string;
}

/** The parts of a Mantine input that depend on the component name ("TextInput", "NativeSelect"). */
function classesFor(component: string) {
  return {
    root: `m_46b77525 mantine-InputWrapper-root mantine-${component}-root`,
    label: `m_8fdc1311 mantine-InputWrapper-label mantine-${component}-label`,
    required: `m_78a94662 mantine-InputWrapper-required mantine-${component}-required`,
    description: `m_fe47ce59 mantine-InputWrapper-description mantine-${component}-description`,
    wrapper: `m_6c018570 mantine-Input-wrapper mantine-${component}-wrapper`,
    input: `m_8fb7ebe7 mantine-Input-input mantine-${component}-input`,
    section: `m_82577fc2 mantine-Input-section mantine-${component}-section`,
    error: `m_8f816625 mantine-InputWrapper-error mantine-${component}-error`,
  };
}
type FieldClasses = ReturnType<typeof classesFor>;

const TEXT_INPUT = classesFor("TextInput");
const NATIVE_SELECT = classesFor("NativeSelect");

const LABEL_STYLE = { "--input-label-size": "var(--mantine-font-size-sm)" } as CSSProperties;
const DESCRIPTION_STYLE = { "--input-description-size": "calc(var(--mantine-font-size-sm) - calc(0.125rem * var(--mantine-scale)))" } as CSSProperties;
const ERROR_STYLE = { "--input-error-size": "calc(var(--mantine-font-size-sm) - calc(0.125rem * var(--mantine-scale)))" } as CSSProperties;

/** The wrapper's custom properties: margins next to a description (above) and an error (below). */
function wrapperStyle(withDescription: boolean, withError: boolean, select: boolean): CSSProperties {
  const style: Record<string, string> = {};
  if (withDescription) style["--input-margin-top"] = "calc(var(--mantine-spacing-xs) / 2)";
  if (withError) style["--input-margin-bottom"] = "calc(var(--mantine-spacing-xs) / 2)";
  style["--input-height"] = "var(--input-height-sm)";
  style["--input-fz"] = "var(--mantine-font-size-sm)";
  if (select) style["--input-right-section-pointer-events"] = "none";
  return style as CSSProperties;
}
// Indexed by [withDescription][withError], computed once.
const TEXT_WRAPPER_STYLES = [0, 1].map((d) => [0, 1].map((e) => wrapperStyle(d === 1, e === 1, false)));
const SELECT_WRAPPER_STYLES = [0, 1].map((d) => [0, 1].map((e) => wrapperStyle(d === 1, e === 1, true)));

// Mantine's label handler: a double click on the label does not select its text.
function onLabelMouseDown(event: MouseEvent<HTMLLabelElement>) {
  if (!event.defaultPrevented && event.detail > 1) event.preventDefault();
}

/** Ids and aria attributes as Mantine's InputWrapper derives them. */
function useFieldIds(id: string | undefined, hasDescription: boolean, hasError: boolean) {
  // Mantine's useId: React's id without colons and a "mantine-" prefix, unless an id is given.
  const reactId = `mantine-${useId().replace(/:/g, "")}`;
  const inputId = id ?? reactId;
  const describedBy = [hasError ? `${inputId}-error` : "", hasDescription ? `${inputId}-description` : ""].join(" ").trim() || undefined;
  return { inputId, describedBy };
}

/** The label, description, input wrapper and error around a field, in Mantine's order (a plain call, no component). */
function field(classes: FieldClasses, props: FieldProps, inputId: string, wrapper: ReactNode) {
  const { label, description, error, required } = props;
  return (
    <div className={classes.root} data-size="sm" data-error={error ? true : undefined}>
      {label && (
        <label
          style={LABEL_STYLE}
          className={classes.label}
          data-size="sm"
          data-required={required || undefined}
          htmlFor={inputId}
          id={`${inputId}-label`}
          onMouseDown={onLabelMouseDown}
        >
          {label}
          {required && (
            <span className={classes.required} aria-hidden>
              {" *"}
            </span>
          )}
        </label>
      )}
      {description ? (
        <p style={DESCRIPTION_STYLE} className={classes.description} data-size="sm" id={`${inputId}-description`}>
          {description}
        </p>
      ) : null}
      {wrapper}
      {error ? (
        <p style={ERROR_STYLE} className={classes.error} data-size="sm" id={`${inputId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type NativeInputProps = Omit<
  ComponentPropsWithoutRef<"input">,
  keyof FieldProps | "className" | "style" | "size" | "disabled" | "children" | "type" | "aria-invalid" | "aria-describedby"
>;

export interface PlainTextInputProps extends FieldProps, NativeInputProps {
  type?: "text" | "search" | "date" | "email" | "url" | "tel" | "password" | "number";
  defaultValue?: string;
  maxLength?: number;
}

/** Mantine's `<TextInput>` markup (size "sm", default variant); other input attributes pass through. */
export function PlainTextInput(props: PlainTextInputProps) {
  // The remaining attributes keep the caller's order, as in Mantine's output.
  const { label: _label, description, error, required, id, ...rest } = props;
  const { inputId, describedBy } = useFieldIds(id, !!description, !!error);
  return field(
    TEXT_INPUT,
    props,
    inputId,
    <div
      style={TEXT_WRAPPER_STYLES[description ? 1 : 0][error ? 1 : 0]}
      className={TEXT_INPUT.wrapper}
      data-variant="default"
      data-size="sm"
      data-error={error ? true : undefined}
    >
      <input
        className={TEXT_INPUT.input}
        data-variant="default"
        data-error={error ? true : undefined}
        {...rest}
        required={required}
        aria-invalid={!!error}
        aria-describedby={describedBy}
        id={inputId}
      />
    </div>,
  );
}

const CHEVRON_PATH =
  "M4.93179 5.43179C4.75605 5.60753 4.75605 5.89245 4.93179 6.06819C5.10753 6.24392 5.39245 6.24392 5.56819 6.06819L7.49999 4.13638L9.43179 6.06819C9.60753 6.24392 9.89245 6.24392 10.0682 6.06819C10.2439 5.89245 10.2439 5.60753 10.0682 5.43179L7.81819 3.18179C7.73379 3.0974 7.61933 3.04999 7.49999 3.04999C7.38064 3.04999 7.26618 3.0974 7.18179 3.18179L4.93179 5.43179ZM10.0682 9.56819C10.2439 9.39245 10.2439 9.10753 10.0682 8.93179C9.89245 8.75606 9.60753 8.75606 9.43179 8.93179L7.49999 10.8636L5.56819 8.93179C5.39245 8.75606 5.10753 8.75606 4.93179 8.93179C4.75605 9.10753 4.75605 9.39245 4.93179 9.56819L7.18179 11.8182C7.35753 11.9939 7.64245 11.9939 7.81819 11.8182L10.0682 9.56819Z";

/** Mantine's ComboboxChevron; it carries the error text itself as `data-error`. */
function chevron(error: string | undefined) {
  return (
    <svg
      className="m_2943220b mantine-ComboboxChevron-chevron"
      data-combobox-chevron
      data-error={error || undefined}
      viewBox="0 0 15 15"
      fill="none"
      xmlns="http://www.w3.org/2000/svg"
    >
      <path d={CHEVRON_PATH} fill="currentColor" fillRule="evenodd" clipRule="evenodd" />
    </svg>
  );
}
const CHEVRON = chevron(undefined);

type NativeSelectProps = Omit<
  ComponentPropsWithoutRef<"select">,
  keyof FieldProps | "className" | "style" | "size" | "disabled" | "children" | "multiple" | "aria-invalid" | "aria-describedby"
>;

export interface PlainNativeSelectProps extends FieldProps, NativeSelectProps {
  data: { value: string; label: string }[];
  defaultValue?: string;
}

/** Mantine's `<NativeSelect>` markup (size "sm", default variant) with its chevron. */
export function PlainNativeSelect(props: PlainNativeSelectProps) {
  const { label: _label, description, error, required, id, data, ...rest } = props;
  const { inputId, describedBy } = useFieldIds(id, !!description, !!error);
  return field(
    NATIVE_SELECT,
    props,
    inputId,
    <div
      style={SELECT_WRAPPER_STYLES[description ? 1 : 0][error ? 1 : 0]}
      className={NATIVE_SELECT.wrapper}
      data-variant="default"
      data-size="sm"
      data-error={error ? true : undefined}
      data-pointer
      data-with-right-section
    >
      <select
        className={NATIVE_SELECT.input}
        data-variant="default"
        data-error={error ? true : undefined}
        {...rest}
        required={required}
        aria-invalid={!!error}
        aria-describedby={describedBy}
        id={inputId}
      >
        {data.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <div data-position="right" className={NATIVE_SELECT.section}>
        {error ? chevron(error) : CHEVRON}
      </div>
    </div>,
  );
}
