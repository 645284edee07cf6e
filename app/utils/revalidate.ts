import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * Remix does not re-read a page's data after an action answered with an error status. On pages
 * whose new state explains itself, a conflict (409: the record moved on meanwhile — another tab
 * anonymised the person, the workshop has started, the other manager approved the project)
 * re-reads it, so the page shows what holds now instead of forms (and personal data) of a state
 * that is gone. Not on pages whose forms are keyed by
 * the record's version (the candidate page): there a re-read would replace what was typed, so they
 * keep the refused input and say the record changed.
 */
export const revalidateOnConflict: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

/**
 * The candidate page: a refused „Entfernen“ of a requirement another tab removed already (409) re-reads
 * the page, so the table shows the members as they are now. A removal sends no typed text to keep;
 * other refusals keep their typed input as described above.
 */
export const revalidateOnStaleRemoval: ShouldRevalidateFunction = ({ actionStatus, formData, defaultShouldRevalidate }) =>
  (actionStatus === 409 && formData?.get("intent") === "remove") || defaultShouldRevalidate;
