import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import classes from "./light.module.css";

/**
 * A wide table that scrolls sideways on small screens. While it does, the scroll area is a Tab stop
 * with a name, so keyboard users can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable");
 * where the table fits, it is no Tab stop (a stop that does nothing only lengthens the way through
 * the page). The server cannot know the width, so the page arrives with the stop and the browser
 * removes it once it sees the table fit (again on every resize). Native scrolling in a plain
 * element: Mantine's ScrollArea cost every table page a render pass for its scrollbars.
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    // "scroll-table": the print styles (global.css) let the whole table through on paper.
    <div ref={ref} className={`${classes.scroll} scroll-table`} tabIndex={scrolls ? 0 : undefined} role="region" aria-label={label ?? t("a11y.scrollTable")}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
