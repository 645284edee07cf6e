import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { type FormEvent, useEffect } from "react";

/**
 * Keyboard focus after a step (a workshop's plan, start, open, score, reveal, decide, end; co-signing
 * a requirement; every step confirmed in ConfirmedSubmit's dialog). The button
 * that was pressed is disabled while the step runs, or gone afterwards, so the browser drops the focus
 * to <body>. Instead, the form names the element that shows the step's result (a heading, the
 * decision); once the step and the page's re-read have finished, that element gets the focus — on
 * this page or on the page the step led to. Nothing else moves the focus: live updates caused by
 * others never do. If the server refused the step (the form, still on the page, shows a field in
 * error or a message), the result is not asked for: the focus goes to the first field in error (a
 * field Mantine marks aria-invalid, or a radio group marked data-invalid), else it stays where the
 * form's messages put it.
 */
/** The ids of page headings that steps leading to another page focus. */
export const MINUTES_HEADING_ID = "protokoll-titel";
export const WORKSHOP_HEADING_ID = "workshop-titel";
/** The live view's „current item“ section heading (PageSection id "aktueller-punkt"). */
export const CURRENT_ITEM_HEADING_ID = "aktueller-punkt-h";

/** How long after a step has gone through its result may still take back a focus that was lost. */
const KEEP_MS = 5_000;

type Pending = {
  target: string;
  /** the form that sent the step, checked for the server's refusal before the result gets the focus */
  form: HTMLFormElement | null;
  seenBusy: boolean;
  doneAt: number | null;
  /** the form's answer has been looked at (it is drawn a moment after the step ends) */
  checked: boolean;
  focused: boolean;
};
let pending: Pending | null = null;

/** For a form's onSubmit: focus the element with this id once the step has gone through. */
export function focusAfterStep(target: string, form: HTMLFormElement | null = null): void {
  pending = { target, form, seenBusy: false, doneAt: null, checked: form === null, focused: false };
}

/** The fields a refusal marks: Mantine's inputs with a message, and radio groups marked by their form. */
const INVALID = '[aria-invalid="true"], [data-invalid="true"]';

/** Did the server refuse the step this form sent? It is still on the page and shows why. */
function refused(form: HTMLFormElement): boolean {
  return form.isConnected && form.querySelector(`${INVALID}, [role="alert"]`) !== null;
}

/** The first field in error takes the focus (in a radio group its chosen radio, else its first), unless the focus is in it already. */
function focusFirstInvalid(form: HTMLFormElement): void {
  const field = form.querySelector<HTMLElement>(INVALID);
  if (!field || field.contains(document.activeElement)) return;
  const target = field.matches("input, select, textarea, button")
    ? field
    : (field.querySelector<HTMLElement>("input:checked") ?? field.querySelector<HTMLElement>("input, select, textarea, button"));
  target?.focus();
}

/** Gives the step's result the focus (see useStepFocus). */
function give(p: Pending): void {
  if (pending !== p) return;
  if (Date.now() - (p.doneAt ?? Date.now()) > KEEP_MS) {
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
    if (p.doneAt === null) p.doneAt = Date.now();
    if (p.checked) {
      give(p);
      return;
    }
    // The form draws the server's answer (its messages) in a render right after this one: look then.
    setTimeout(() => {
      if (pending !== p || p.checked) return;
      p.checked = true;
      if (p.form && refused(p.form)) {
        pending = null;
        focusFirstInvalid(p.form);
      } else give(p);
    });
  });
}

/** A conform form's onSubmit that, once the form lets the submission go, asks for the focus as above. */
export function submitThen(onSubmit: (event: FormEvent<HTMLFormElement>) => void, target: string) {
  return (event: FormEvent<HTMLFormElement>) => {
    onSubmit(event);
    if (!event.defaultPrevented) focusAfterStep(target, event.currentTarget);
  };
}
