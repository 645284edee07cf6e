import type { ReactNode } from "react";
import { PlainCard, PlainStack, PlainTitle } from "#app/components/plain/layout";

/**
 * How a page draws its sections. Each page keeps the markup (and heading ids) it has always had, so
 * links and tests that point at them stay valid:
 * - "card": a bordered card, the heading with a small margin below it; heading id `<id>-h`
 *   (requirement and workshop pages)
 * - "card-stack": a bordered card, heading and content stacked with small gaps; heading id
 *   `<id>-heading` (project page)
 * - "stack": no frame, heading and content stacked with small gaps; heading id `<id>-heading`
 *   (candidate page)
 */
export type PageSectionLayout = "card" | "card-stack" | "stack";

interface PageSectionProps {
  title: string;
  /** The section's anchor; without one the section has no heading id and is not labelled by it. */
  id?: string;
  className?: string;
  layout?: PageSectionLayout;
  children: ReactNode;
}

/** A `<section>` of a page, labelled by its heading (an h2 the size of an h3). */
export function PageSection({ title, id, className, layout = "card", children }: PageSectionProps) {
  const headingId = id ? `${id}${layout === "card" ? "-h" : "-heading"}` : undefined;
  const heading = (
    <PlainTitle order={2} size="h3" mb={layout === "card" ? "sm" : undefined} id={headingId}>
      {title}
    </PlainTitle>
  );
  const section = { component: "section", "aria-labelledby": headingId, id, className } as const;
  if (layout === "stack") {
    return (
      <PlainStack gap="sm" {...section}>
        {heading}
        {children}
      </PlainStack>
    );
  }
  return (
    <PlainCard padding="md" {...section}>
      {layout === "card" ? (
        <>
          {heading}
          {children}
        </>
      ) : (
        <PlainStack gap="sm">
          {heading}
          {children}
        </PlainStack>
      )}
    </PlainCard>
  );
}
