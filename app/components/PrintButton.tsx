import { useTranslation } from "react-i18next";
import { PlainButton } from "#app/components/plain/layout";

/** „Drucken“: prints the page; pages mark what stays off paper (forms, buttons) with `no-print`. */
export function PrintButton({ variant = "default" }: { variant?: "default" | "subtle" }) {
  const { t } = useTranslation();
  return (
    <PlainButton variant={variant} onClick={() => window.print()}>
      {t("print")}
    </PlainButton>
  );
}
