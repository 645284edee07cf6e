import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import classes from "./light.module.css";

/**
 * A wide table that scrolls sideways on small screens. The scroll area is focusable and named, so
 * keyboard users can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable"). Native scrolling
 * in a plain element: Mantine's ScrollArea cost every table page a render pass for its scrollbars.
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    // "scroll-table": the print styles (global.css) let the whole table through on paper.
    <div className={`${classes.scroll} scroll-table`} tabIndex={0} role="region" aria-label={label ?? t("a11y.scrollTable")}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
