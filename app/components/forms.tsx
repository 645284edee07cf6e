import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";

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
