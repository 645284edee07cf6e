import { Button, Group, Modal, Text } from "@mantine/core";
import { Form, useFetcher, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

const WARN_BEFORE_MS = 2 * 60_000;

/**
 * Warns before the idle session expires and offers to extend it (WCAG 2.2.1). Every page load or
 * form submission reaches the server and renews the session, so the clock restarts on navigation.
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
        <Form method="post" action="/abmelden">
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
