import { useTranslation } from "react-i18next";
import { PlainButton } from "#app/components/plain/layout";

/**
 * „Drucken“: prints the page; pages mark what stays off paper (forms, buttons) with `no-print`.
 * The button needs JavaScript: until the page is interactive it is invisible but keeps its place (no
 * jump when it appears), and without JavaScript a hint in that same place names the browser's own
 * shortcut instead of a button that would do nothing (global.css, `.print-control`).
 */
export function PrintButton({ variant = "default" }: { variant?: "default" | "subtle" }) {
  const { t } = useTranslation();
  return (
    <span className="print-control no-print">
      <PlainButton variant={variant} onClick={() => window.print()} className="print-control-button">
        {t("print")}
      </PlainButton>
      <noscript>
        <span className="print-control-hint">{t("printHint")}</span>
      </noscript>
    </span>
  );
}
