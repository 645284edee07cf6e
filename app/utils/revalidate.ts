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
