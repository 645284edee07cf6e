import { Alert, Anchor, AppShell, Burger, Button, Group, NavLink, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Form, Link, NavLink as RemixNavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface FrameUser {
  name: string;
  organisationName: string;
  roles: string[];
}

interface FrameProps {
  user: FrameUser | null;
  nav: { to: string; labelKey: string }[];
  toast: { type: "success" | "info" | "error"; messageKey: string; values?: Record<string, string> } | null;
  locale: string;
  children: ReactNode;
}

export function LanguageSwitch({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other = locale === "de" ? "en" : "de";
  return (
    <Form method="post" action="/sprache" className="no-print">
      <input type="hidden" name="lng" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <Button type="submit" variant="subtle" size="compact-sm" lang={other}>
        {t(`language.switchTo.${other}`)}
      </Button>
    </Form>
  );
}

export function AppFrame({ user, nav, toast, locale, children }: FrameProps) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure();
  const hasNav = user !== null && nav.length > 0;
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={hasNav ? { width: 260, breakpoint: "sm", collapsed: { mobile: !opened } } : undefined}
      footer={{ height: 48 }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t("a11y.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {hasNav && (
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.toggle")} />
            )}
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Group gap={8} wrap="nowrap">
                <Text fw={700} size="lg">
                  {t("app.name")}
                </Text>
                <Text size="sm" c="dimmed" visibleFrom="xs">
                  {t("app.association")}
                </Text>
              </Group>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch locale={locale} />
            {user && (
              <>
                <Stack gap={0} visibleFrom="sm" align="flex-end">
                  <Text size="sm" fw={600}>
                    {user.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {user.organisationName}
                  </Text>
                </Stack>
                <Form method="post" action="/abmelden" className="no-print">
                  <Button type="submit" variant="default" size="compact-sm">
                    {t("auth.signOut")}
                  </Button>
                </Form>
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      {hasNav && (
        <AppShell.Navbar p="sm" aria-label={t("nav.label")} component="nav">
          {nav.map((item) => (
            <NavLink
              key={item.to}
              component={RemixNavLink}
              to={item.to}
              end={item.to === "/"}
              label={t(item.labelKey)}
              onClick={opened ? toggle : undefined}
            />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1}>
        {toast && (
          <Alert
            role="status"
            mb="md"
            color={toast.type === "error" ? "red" : toast.type === "success" ? "green" : "blue"}
            variant="light"
          >
            {t(toast.messageKey, toast.values)}
          </Alert>
        )}
        {children}
      </AppShell.Main>
      <AppShell.Footer p="sm" className="no-print" component="footer">
        <Group gap="lg" justify="center">
          <VisuallyHidden>
            <Title order={2}>{t("footer.label")}</Title>
          </VisuallyHidden>
          <Anchor component={Link} to="/impressum" size="sm">
            {t("footer.imprint")}
          </Anchor>
          <Anchor component={Link} to="/datenschutz" size="sm">
            {t("footer.privacy")}
          </Anchor>
          <Anchor component={Link} to="/barrierefreiheit" size="sm">
            {t("footer.accessibility")}
          </Anchor>
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}
