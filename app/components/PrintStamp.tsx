import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formattersFor } from "#app/utils/format";

/**
 * A line only the printout carries: when it was printed, by whom and from which address, so a page
 * lying on a meeting table says how current it is and where to find it again (the browser's own
 * header and footer may be switched off, and have no name).
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
      // The address without a jump mark (#…), with the filters a list was printed with.
      const address = `${window.location.origin}${window.location.pathname}${window.location.search}`;
      ref.current.textContent = t("printStamp", { at, name, organisation: organisationName, address });
    };
    stamp();
    window.addEventListener("beforeprint", stamp);
    return () => window.removeEventListener("beforeprint", stamp);
  }, [t, i18n.language, name, organisationName]);
  return <p ref={ref} className="print-only" data-testid="print-stamp" />;
}
