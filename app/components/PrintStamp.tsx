import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formattersFor } from "#app/utils/format";

/**
 * A line only the printout carries: when it was printed and by whom, so a page lying on a meeting
 * table says how current it is. The browser's own header may be switched off and has no name.
 * The moment is taken when printing starts (and, as a fallback for printing without that event,
 * when the page is shown); it is written into the element directly so it is there before the
 * browser lays out the printout, and so server and browser render the same empty element.
 */
export function PrintStamp({ name, organisationName }: { name: string; organisationName: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const stamp = () => {
      if (!ref.current) return;
      const at = formattersFor(i18n.language).dateTime.format(new Date());
      ref.current.textContent = t("printStamp", { at, name, organisation: organisationName });
    };
    stamp();
    window.addEventListener("beforeprint", stamp);
    return () => window.removeEventListener("beforeprint", stamp);
  }, [t, i18n.language, name, organisationName]);
  return <p ref={ref} className="print-only" data-testid="print-stamp" />;
}
