import { Alert, Button, Group, Text } from "@mantine/core";
import { useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { useIntentResult, useOnAccepted } from "#app/components/forms";

const PREFIX = "buendel:draft:";

interface Stored {
  savedAt: number;
  values: Record<string, string>;
}

/** Every kept draft of this tab, e.g. on sign-out: what one person typed is not offered to the next. */
export function forgetKeptDrafts() {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing was kept
  }
}

/** The storage key of a kept draft: per signed-in person and form. */
function useKeptDraftKey(name: string): string | null {
  const user = useRouteLoaderData<{ user: { id: number } | null }>("root")?.user;
  return user ? `${PREFIX}${user.id}:${name}` : null;
}

/**
 * Forgets a kept draft once `done` holds: for a form that is gone once its step went through (the
 * co-sign form, after the organisation has co-signed), so its KeptDraft cannot see the answer.
 */
export function useForgetKeptDraft(name: string, done: boolean) {
  const key = useKeptDraftKey(name);
  useEffect(() => {
    if (!done || !key) return;
    try {
      sessionStorage.removeItem(key);
    } catch {
      // storage unavailable: nothing was kept
    }
  }, [done, key]);
}

function read(key: string): Stored | null {
  try {
    const raw = sessionStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Stored) : null;
    return parsed && typeof parsed.savedAt === "number" && parsed.values && typeof parsed.values === "object" ? parsed : null;
  } catch {
    return null;
  }
}

function valuesOf(form: HTMLFormElement, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const el = form.elements.namedItem(name);
    if (el instanceof HTMLInputElement && el.type === "checkbox") out[name] = el.checked ? "on" : "";
    else if (el instanceof RadioNodeList) out[name] = el.value;
    else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) out[name] = el.value;
  }
  return out;
}

/** Puts kept values back into the form's fields, as if typed (so autosize, validation and listeners follow). */
function restore(form: HTMLFormElement, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const el = form.elements.namedItem(name);
    if (el instanceof HTMLInputElement && el.type === "checkbox") {
      if (el.checked !== (value === "on")) el.click();
      continue;
    }
    // A radio group: the choice is clicked, so a group React controls follows.
    if (el instanceof RadioNodeList) {
      const radio = Array.from(el).find((r): r is HTMLInputElement => r instanceof HTMLInputElement && r.value === value);
      if (radio && !radio.checked) radio.click();
      continue;
    }
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) continue;
    // React tracks the last value it saw; the prototype's setter makes the change visible to it.
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

/**
 * Keeps what is typed into a long form in this browser tab (sessionStorage, per signed-in person)
 * until the form has been sent successfully. If the text does not reach the server (the session
 * ended, the connection broke, the tab was reloaded), the form offers it again when it is opened
 * next: „Wiederherstellen“ or „Verwerfen“. `fields` names the inputs to keep; hidden ones such as
 * a version may be among them, so a restored edit is still checked against the version it began from.
 * A form of a page with several, whose action redirects back to the same page, names its `intent`:
 * once that intent went through (see useOnAccepted), what was kept goes.
 */
export function KeptDraft({ formRef, name, fields, intent }: { formRef: RefObject<HTMLFormElement>; name: string; fields: string[]; intent?: string }) {
  const { t } = useTranslation();
  const fmt = useDateFormat();
  const key = useKeptDraftKey(name);
  const [offer, setOffer] = useState<Stored | null>(null);
  const navigation = useNavigation();
  const location = useLocation();
  const fieldList = useRef(fields);
  fieldList.current = fields;

  // Offer a kept draft once, if it differs from what the form shows now.
  useEffect(() => {
    const form = formRef.current;
    if (!key || !form) return;
    const kept = read(key);
    if (!kept) return;
    const current = valuesOf(form, Object.keys(kept.values));
    if (Object.entries(kept.values).some(([k, v]) => (current[k] ?? "") !== v)) setOffer(kept);
    else sessionStorage.removeItem(key);
  }, [key, formRef]);

  // Keep every change, half a second after typing pauses (and at once when the page is left).
  useEffect(() => {
    const form = formRef.current;
    if (!key || !form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      try {
        sessionStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), values: valuesOf(form, fieldList.current) } satisfies Stored));
      } catch {
        // storage full or unavailable: the form works as before
      }
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(save, 500);
    };
    // Sending keeps the latest state at once; a pending save must not outlive an accepted send.
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", save);
    return () => {
      form.removeEventListener("input", later);
      form.removeEventListener("change", later);
      form.removeEventListener("submit", save);
      clearTimeout(timer);
    };
  }, [key, formRef]);

  // Sent and accepted: the form's own action redirected elsewhere (not to the sign-in page), so the
  // server has what was typed.
  const sentFromHere = navigation.state === "loading" && !!navigation.formMethod && navigation.formAction?.split("?")[0] === location.pathname;
  const accepted = sentFromHere && navigation.location.pathname !== location.pathname && !navigation.location.pathname.startsWith("/anmelden");
  useEffect(() => {
    if (accepted && key) sessionStorage.removeItem(key);
  }, [accepted, key]);
  const intentResult = useIntentResult(intent ?? "");
  useOnAccepted(intent, intentResult, () => {
    if (key) sessionStorage.removeItem(key);
  });

  if (!offer || !key) return null;
  return (
    <Alert color="yellow" role="status" title={t("keptDraft.title")}>
      <Text size="sm">{t("keptDraft.text", { at: fmt.dateTime(new Date(offer.savedAt).toISOString()) })}</Text>
      <Group mt="sm" gap="sm">
        <Button
          size="compact-md"
          onClick={() => {
            if (formRef.current) restore(formRef.current, offer.values);
            setOffer(null);
          }}
        >
          {t("keptDraft.restore")}
        </Button>
        <Button
          size="compact-md"
          variant="default"
          onClick={() => {
            sessionStorage.removeItem(key);
            setOffer(null);
          }}
        >
          {t("keptDraft.discard")}
        </Button>
      </Group>
    </Alert>
  );
}
