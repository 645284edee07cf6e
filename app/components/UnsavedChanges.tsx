import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useBlocker, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";

const SIGN_IN_PATH = "/anmelden";

/** What the form holds now, to compare with what it held when it was shown (a chosen file counts by name). */
function snapshot(form: HTMLFormElement): string {
  const out: [string, string][] = [];
  for (const [name, value] of new FormData(form)) {
    if (name === "intent") continue;
    out.push([name, typeof value === "string" ? value : value.name]);
  }
  return JSON.stringify(out);
}

/**
 * Asks before leaving a form with unsaved changes: an in-app navigation (a link, „Abbrechen“, Back)
 * opens a dialog; a reload, closing the tab or a typed address gets the browser's own question.
 * Sending the form itself is never held up: call `sending()` when it is really sent. Without
 * JavaScript nothing of this exists, and nothing changes. Without a form (`null`), only `alsoDirty`
 * counts: for text the page itself holds and compares with what is stored (the live workshop's notes).
 */
export function useUnsavedChanges(formRef: RefObject<HTMLFormElement | null> | null, alsoDirty = false) {
  const { t } = useTranslation("common");
  const navigation = useNavigation();
  const initial = useRef<string | null>(null);
  const sendingRef = useRef(false);
  const [changed, setChanged] = useState(false);

  useEffect(() => {
    const form = formRef?.current;
    if (!form) return;
    initial.current = snapshot(form);
    const check = () => setChanged(initial.current !== null && snapshot(form) !== initial.current);
    form.addEventListener("input", check);
    form.addEventListener("change", check);
    return () => {
      form.removeEventListener("input", check);
      form.removeEventListener("change", check);
    };
  }, [formRef]);

  // A sent form that came back refused is back to editing: leaving asks again.
  useEffect(() => {
    if (navigation.state === "idle") sendingRef.current = false;
  }, [navigation.state]);

  const dirty = changed || alsoDirty;
  const blocker = useBlocker(
    useCallback<Extract<Parameters<typeof useBlocker>[0], (...args: never[]) => unknown>>(
      ({ currentLocation, nextLocation }) =>
        dirty &&
        !sendingRef.current &&
        // An ended session goes to the sign-in page: KeptDraft has kept the text and offers it again there.
        nextLocation.pathname !== SIGN_IN_PATH &&
        (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
      [dirty],
    ),
  );

  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      if (sendingRef.current) return;
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [dirty]);

  const sending = useCallback(() => {
    sendingRef.current = true;
  }, []);

  const dialog = (
    <Modal
      opened={blocker.state === "blocked"}
      onClose={() => blocker.reset?.()}
      title={t("unsaved.title")}
      centered
      closeButtonProps={{ "aria-label": t("confirm.closeDialog") }}
    >
      <Stack>
        <Text>{t("unsaved.text")}</Text>
        <Group justify="flex-end">
          {/* Focus starts on staying: an Enter pressed out of habit must not throw the text away. */}
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            {t("unsaved.stay")}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t("unsaved.discard")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { sending, dialog };
}
