import { useFetchers, useNavigation } from "@remix-run/react";
import { type FormEvent, useEffect } from "react";

/**
 * Keyboard focus after a step (a workshop's plan, start, open, score, reveal, decide, end; co-signing
 * a requirement). The button
 * that was pressed is disabled while the step runs, or gone afterwards, so the browser drops the focus
 * to <body>. Instead, the form names the element that shows the step's result (a heading, the
 * decision); once the step and the page's re-read have finished, that element gets the focus — on
 * this page or on the page the step led to. Nothing else moves the focus: live updates caused by
 * others never do. If the step failed and its result is not shown, the focus stays where the form's
 * messages put it.
 */
/** The ids of page headings that steps leading to another page focus. */
export const MINUTES_HEADING_ID = "protokoll-titel";
export const WORKSHOP_HEADING_ID = "workshop-titel";
/** The live view's „current item“ section heading (PageSection id "aktueller-punkt"). */
export const CURRENT_ITEM_HEADING_ID = "aktueller-punkt-h";

let pending: { target: string; seenBusy: boolean } | null = null;

/** For a form's onSubmit: focus the element with this id once the step has gone through. */
export function focusAfterStep(target: string): void {
  pending = { target, seenBusy: false };
}

/** Moves the focus as a step asked, on every page a step can end on. */
export function useStepFocus(): void {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy = navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  useEffect(() => {
    const p = pending;
    if (!p) return;
    if (busy) {
      p.seenBusy = true;
      return;
    }
    if (!p.seenBusy) return;
    pending = null;
    const element = document.getElementById(p.target);
    if (!element) return;
    // A heading is not focusable by itself; -1 keeps it out of the tab order.
    if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    element.focus();
  });
}

/** A conform form's onSubmit that, once the form lets the submission go, asks for the focus as above. */
export function submitThen(onSubmit: (event: FormEvent<HTMLFormElement>) => void, target: string) {
  return (event: FormEvent<HTMLFormElement>) => {
    onSubmit(event);
    if (!event.defaultPrevented) focusAfterStep(target);
  };
}
