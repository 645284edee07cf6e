import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * Remix does not re-read a page's data after an action answered with an error status. A conflict
 * (409) means the record moved on meanwhile — another tab anonymised the person, the workshop has
 * started, the requirement changed its status — so the page re-reads it and shows what holds now
 * beside the refusal, instead of forms for a state that is gone.
 */
export const revalidateOnConflict: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;
