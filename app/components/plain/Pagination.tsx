import { Link } from "@remix-run/react";
import { Fragment, type CSSProperties, type ReactNode } from "react";

/**
 * Mantine's `<Pagination withEdges={false}>` whose pages and previous/next controls are Remix links,
 * as plain elements: the same markup and classes (styled by Mantine's CSS) without Mantine's
 * per-control prop merging. tests/unit/plain-components.test.tsx compares the markup with Mantine's.
 * One deliberate difference: a disabled previous/next control is no link (see DisabledControl).
 */

// Mantine's defaults: one sibling on each side of the current page, one page at each end.
const SIBLINGS = 1;
const BOUNDARIES = 1;

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start + 1 }, (_, index) => index + start);
}

/** The pages and gaps Mantine's usePagination shows, e.g. [1, "dots", 4, 5, 6, "dots", 10]. */
function paginationRange(total: number, active: number): (number | "dots")[] {
  const totalPageNumbers = SIBLINGS * 2 + 3 + BOUNDARIES * 2;
  if (totalPageNumbers >= total) return range(1, total);
  const leftSiblingIndex = Math.max(active - SIBLINGS, BOUNDARIES);
  const rightSiblingIndex = Math.min(active + SIBLINGS, total - BOUNDARIES);
  const showLeftDots = leftSiblingIndex > BOUNDARIES + 2;
  const showRightDots = rightSiblingIndex < total - (BOUNDARIES + 1);
  if (!showLeftDots && showRightDots) {
    return [...range(1, SIBLINGS * 2 + BOUNDARIES + 2), "dots", ...range(total - (BOUNDARIES - 1), total)];
  }
  if (showLeftDots && !showRightDots) {
    return [...range(1, BOUNDARIES), "dots", ...range(total - (BOUNDARIES + 1 + 2 * SIBLINGS), total)];
  }
  return [...range(1, BOUNDARIES), "dots", ...range(leftSiblingIndex, rightSiblingIndex), "dots", ...range(total - BOUNDARIES + 1, total)];
}

// "mantine-focus-auto" comes from the theme's focusRing "auto", "mantine-active" is the press effect; a
// disabled control has neither (it cannot be focused or pressed).
const CONTROL = "m_326d024a mantine-Pagination-control m_87cf2631 mantine-UnstyledButton-root";
const CONTROL_CLASS = `mantine-focus-auto mantine-active ${CONTROL}`;

const ICON_STYLE: CSSProperties = { width: "calc(var(--pagination-control-size) / 1.8)", height: "calc(var(--pagination-control-size) / 1.8)" };
const GROUP_STYLE = {
  "--group-gap": "calc(0.5rem * var(--mantine-scale))",
  "--group-align": "center",
  "--group-justify": "flex-start",
  "--group-wrap": "wrap",
} as CSSProperties;

const PREVIOUS_ICON = (
  <svg viewBox="0 0 16 16" xmlns="http://www.w3.org/2000/svg" style={ICON_STYLE} className="mantine-rotate-rtl">
    <path d="M7.219 8l3.3 3.3-.943.943L5.333 8l4.243-4.243.943.943-3.3 3.3z" fill="currentColor" />
  </svg>
);
const NEXT_ICON = (
  <svg viewBox="0 0 16 16" xmlns="http://www.w3.org/2000/svg" style={ICON_STYLE} className="mantine-rotate-rtl">
    <path d="M8.781 8l-3.3-3.3.943-.943L10.667 8l-4.243 4.243-.943-.943 3.3-3.3z" fill="currentColor" />
  </svg>
);
const DOTS = (
  <div className="m_4ad7767d mantine-Pagination-dots">
    <svg viewBox="0 0 16 16" xmlns="http://www.w3.org/2000/svg" style={ICON_STYLE}>
      <path
        d="M2 8c0-.733.6-1.333 1.333-1.333.734 0 1.334.6 1.334 1.333s-.6 1.333-1.334 1.333C2.6 9.333 2 8.733 2 8zm9.333 0c0-.733.6-1.333 1.334-1.333C13.4 6.667 14 7.267 14 8s-.6 1.333-1.333 1.333c-.734 0-1.334-.6-1.334-1.333zM6.667 8c0-.733.6-1.333 1.333-1.333s1.333.6 1.333 1.333S8.733 9.333 8 9.333 6.667 8.733 6.667 8z"
        fill="currentColor"
      />
    </svg>
  </div>
);

/**
 * The previous control on the first page, the next one on the last. Mantine renders it as a link to
 * the current page with `disabled=""`, which an anchor ignores: it stays focusable and is announced
 * as an ordinary link. Here it is an unavailable link without address (not focusable, announced as
 * dimmed), with Mantine's classes and `data-disabled`, so it looks the same.
 */
function DisabledControl({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span className={CONTROL} data-disabled role="link" aria-disabled="true" aria-label={label}>
      {children}
    </span>
  );
}

export interface PlainPaginationProps {
  /** Number of pages (nothing is rendered below 1, as with Mantine). */
  total: number;
  /** The current page, 1-based. */
  value: number;
  getItemHref: (page: number) => string;
  /** aria-label of the previous-page control. */
  previousLabel: string;
  /** aria-label of the next-page control. */
  nextLabel: string;
}

/**
 * Previous control, pages with gaps, next control. The previous/next controls on the first/last page
 * are shown dimmed but are no links (DisabledControl).
 */
export function PlainPagination({ total, value, getItemHref, previousLabel, nextLabel }: PlainPaginationProps) {
  const pages = Math.max(Math.trunc(total), 0);
  if (pages <= 0) return null;
  const firstPage = value === 1;
  const lastPage = value === pages;
  return (
    <div className="m_4addd315 mantine-Pagination-root">
      <div style={GROUP_STYLE} className="m_4081bf90 mantine-Group-root">
        {firstPage ? (
          <DisabledControl label={previousLabel}>{PREVIOUS_ICON}</DisabledControl>
        ) : (
          <Link className={CONTROL_CLASS} aria-label={previousLabel} to={getItemHref(Math.max(1, value - 1))}>
            {PREVIOUS_ICON}
          </Link>
        )}
        {paginationRange(pages, value).map((page, index) =>
          page === "dots" ? (
            <Fragment key={index}>{DOTS}</Fragment>
          ) : (
            <Link
              key={index}
              className={CONTROL_CLASS}
              data-active={page === value || undefined}
              data-with-padding
              aria-current={page === value ? "page" : undefined}
              to={getItemHref(page)}
            >
              {page}
            </Link>
          ),
        )}
        {lastPage ? (
          <DisabledControl label={nextLabel}>{NEXT_ICON}</DisabledControl>
        ) : (
          <Link className={CONTROL_CLASS} aria-label={nextLabel} to={getItemHref(Math.min(pages, value + 1))}>
            {NEXT_ICON}
          </Link>
        )}
      </div>
    </div>
  );
}
