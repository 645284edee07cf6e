import { Button, Group, Modal, Text } from "@mantine/core";
import { Form, useFetcher, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { forgetKeptDrafts } from "./KeptDraft";

const WARN_BEFORE_MS = 2 * 60_000;
/** Typing renews the session in the background once the last contact is this old. */
const RENEW_WHILE_TYPING_AFTER_MS = 5 * 60_000;

/**
 * Warns before the idle session expires and offers to extend it (WCAG 2.2.1). Every page load or
 * form submission reaches the server and renews the session, so the clock restarts on navigation.
 * Typing counts as well: someone writing a long requirement for an hour is not idle, so while they
 * type the session is renewed in the background (at most every five minutes) and no warning comes.
 */
export function SessionTimeout({ idleTimeoutMs }: { idleTimeoutMs: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const fetcher = useFetcher<{ extendedAt: number }>();
  const [lastContact, setLastContact] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => setLastContact(Date.now()), [location.key]);
  useEffect(() => {
    if (fetcher.data?.extendedAt) setLastContact(Date.now());
  }, [fetcher.data]);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(id);
  }, []);

  // Renewal while typing uses its own fetcher: the clock restarts when it is asked for, the moment
  // the server renews the session, not when the answer happens to arrive.
  const background = useFetcher();
  const renew = useRef({ lastContact, submit: background.submit });
  renew.current = { lastContact, submit: background.submit };
  useEffect(() => {
    const typed = () => {
      const r = renew.current;
      if (Date.now() - r.lastContact < RENEW_WHILE_TYPING_AFTER_MS) return;
      r.lastContact = Date.now();
      setLastContact(r.lastContact);
      r.submit(null, { method: "post", action: "/sitzung" });
    };
    document.addEventListener("input", typed, true);
    return () => document.removeEventListener("input", typed, true);
  }, []);

  const remaining = lastContact + idleTimeoutMs - now;
  useEffect(() => {
    if (remaining <= 0) navigate(`/anmelden?redirectTo=${encodeURIComponent(location.pathname + location.search)}`);
  }, [remaining, navigate, location.pathname, location.search]);

  const minutes = Math.max(1, Math.ceil(remaining / 60_000));
  const warn = remaining > 0 && remaining <= WARN_BEFORE_MS;
  // Mounted only while it warns: a closed Mantine modal still costs a render pass on every page.
  if (!warn) return null;
  return (
    <Modal opened onClose={() => fetcher.submit(null, { method: "post", action: "/sitzung" })} title={t("session.title")} closeButtonProps={{ "aria-label": t("session.extend") }}>
      <Text role="alert">{t("session.warning", { count: minutes })}</Text>
      <Group mt="md" justify="flex-end">
        <Form method="post" action="/abmelden" onSubmit={forgetKeptDrafts}>
          <Button type="submit" variant="default">
            {t("auth.signOut")}
          </Button>
        </Form>
        <fetcher.Form method="post" action="/sitzung">
          <Button type="submit" data-autofocus>
            {t("session.extend")}
          </Button>
        </fetcher.Form>
      </Group>
    </Modal>
  );
}
