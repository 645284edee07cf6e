import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { type FormEvent, useEffect } from "react";

/**
 * Keyboard focus after a step (a workshop's plan, start, open, score, reveal, decide, end; co-signing
 * a requirement; every step confirmed in ConfirmedSubmit's dialog). The button
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

/** How long after a step has gone through its result may still take back a focus that was lost. */
const KEEP_MS = 5_000;

let pending: { target: string; seenBusy: boolean; doneAt: number | null; focused: boolean } | null = null;

/** For a form's onSubmit: focus the element with this id once the step has gone through. */
export function focusAfterStep(target: string): void {
  pending = { target, seenBusy: false, doneAt: null, focused: false };
}

/** The person acted (a key, a pointer): from now on the focus is theirs. */
function release(): void {
  if (pending?.doneAt != null) pending = null;
}

/**
 * Moves the focus as a step asked, on every page a step can end on.
 *
 * Once the step and every re-read of the page have finished, the result gets the focus. A live
 * update may still re-read the page right after and draw the result anew, or the confirmation
 * dialog may hand the focus back to a button that is then gone: the browser then drops the focus
 * to <body>. So for a few seconds, until the person presses a key or a pointer, a focus that fell to
 * <body> goes back to the result, and a result that only appears with a later re-read still gets it.
 * A focus the person or the page put elsewhere (a form's message) is never taken.
 * Called once, in the root route, so it runs on every page.
 */
export function useStepFocus(): void {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const revalidation = useRevalidator().state;
  const busy = navigation.state !== "idle" || revalidation !== "idle" || fetchers.some((f) => f.state !== "idle");
  useEffect(() => {
    document.addEventListener("keydown", release, true);
    document.addEventListener("pointerdown", release, true);
    return () => {
      document.removeEventListener("keydown", release, true);
      document.removeEventListener("pointerdown", release, true);
    };
  }, []);
  useEffect(() => {
    const p = pending;
    if (!p) return;
    if (busy) {
      p.seenBusy = true;
      return;
    }
    if (!p.seenBusy) return;
    const now = Date.now();
    if (p.doneAt === null) p.doneAt = now;
    else if (now - p.doneAt > KEEP_MS) {
      pending = null;
      return;
    }
    const element = document.getElementById(p.target);
    if (!element || element === document.activeElement) return;
    // After the first time, only a focus that was lost is given back.
    if (p.focused && document.activeElement && document.activeElement !== document.body) return;
    // A heading is not focusable by itself; -1 keeps it out of the tab order.
    if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    p.focused = true;
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
