import { Alert, AppShell, Burger } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Form, NavLink as RemixNavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { forgetKeptDrafts } from "./KeptDraft";
import { PrintStamp } from "./PrintStamp";
import classes from "./light.module.css";
import { PlainAnchor, PlainButton, PlainGroup, PlainStack, PlainText, PlainTitle, PlainVisuallyHidden } from "./plain/layout";
import { isolateBidi } from "#app/modules/i18n/bidi";

interface FrameUser {
  unread: number;
  name: string;
  organisationName: string;
  roles: string[];
}

interface FrameProps {
  user: FrameUser | null;
  nav: { to: string; labelKey: string; also?: string[] }[];
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
      <PlainButton type="submit" variant="subtle" size="compact-sm" lang={other}>
        {t(`language.switchTo.${other}`)}
      </PlainButton>
    </Form>
  );
}

const FOOTER_STYLE = { borderTop: "1px solid var(--mantine-color-gray-3)" };
const NAV_ID = "hauptnavigation";
/** Below Mantine's "sm" breakpoint (48em) the navigation is the burger's menu, covering the page. */
const PHONE_QUERY = "(max-width: 47.99em)";

function SignOutButton({ className }: { className: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/abmelden" className={className} onSubmit={forgetKeptDrafts}>
      <PlainButton type="submit" variant="default" size="compact-sm">
        {t("auth.signOut")}
      </PlainButton>
    </Form>
  );
}

/**
 * The frame around every page. Its layout pieces are the plain, markup-identical versions of
 * Mantine's (components/plain): rendered on every request, they were a large share of each page's
 * server time. The interactive AppShell, Burger and Alert stay Mantine's.
 */
export function AppFrame({ user, nav, toast, locale, children }: FrameProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const burger = useRef<HTMLButtonElement>(null);
  // On a phone the open menu covers the page: the page behind it is out of keyboard reach (focus
  // would vanish behind the menu), and Escape closes the menu and returns to its button.
  useEffect(() => {
    if (!opened) return;
    const main = document.getElementById("main");
    const phone = window.matchMedia(PHONE_QUERY);
    const cover = () => {
      if (main) main.inert = phone.matches;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      close();
      burger.current?.focus();
    };
    cover();
    phone.addEventListener("change", cover);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      if (main) main.inert = false;
      phone.removeEventListener("change", cover);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [opened, close]);
  const hasNav = user !== null && nav.length > 0;
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={hasNav ? { width: 260, breakpoint: "sm", collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t("a11y.skipToContent")}
      </a>
      <AppShell.Header>
        <PlainGroup h="100%" px="md" justify="space-between" wrap="nowrap">
          <PlainGroup gap="sm" wrap="nowrap">
            {hasNav && (
              <Burger ref={burger} opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.toggle")} aria-expanded={opened} aria-controls={NAV_ID} />
            )}
            <PlainAnchor to="/" underline="never" c="inherit">
              <PlainGroup gap={8} wrap="nowrap">
                <PlainText fw={700} size="lg">
                  {t("app.name")}
                </PlainText>
                <PlainText size="sm" c="dimmed" visibleFrom="xs">
                  {t("app.association")}
                </PlainText>
              </PlainGroup>
            </PlainAnchor>
          </PlainGroup>
          <PlainGroup gap="sm" wrap="nowrap">
            <LanguageSwitch locale={locale} />
            {user && (
              <>
                <PlainButton
                  to="/benachrichtigungen"
                  variant={user.unread > 0 ? "light" : "subtle"}
                  size="compact-sm"
                  aria-label={t("requirements:notifications.bell", { count: user.unread })}
                  className="no-print"
                >
                  <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" style={{ marginRight: 4 }}>
                    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
                    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
                  </svg>
                  <span aria-hidden="true">{user.unread}</span>
                </PlainButton>
                <PlainStack gap={0} visibleFrom="sm" align="flex-end">
                  <PlainAnchor to="/konto" size="sm" fw={600} aria-label={t("nav.account", { name: user.name })}>
                    {user.name}
                  </PlainAnchor>
                  <PlainText size="xs" c="dimmed">
                    {user.organisationName}
                  </PlainText>
                </PlainStack>
                {/* On small screens the account link and sign-out move into the menu: the header has no room. */}
                <SignOutButton className={hasNav ? "no-print mantine-visible-from-sm" : "no-print"} />
              </>
            )}
          </PlainGroup>
        </PlainGroup>
      </AppShell.Header>
      {hasNav && (
        <AppShell.Navbar p="sm" aria-label={t("nav.label")} component="nav" id={NAV_ID} className={opened ? undefined : classes.navCollapsed}>
          {nav.map((item) => (
            <RemixNavLink
              key={item.to}
              to={item.to}
              end={item.to === "/" || nav.some((o) => o.to !== item.to && o.to.startsWith(`${item.to}/`))}
              className={classes.navLink}
              // A page of the item's section at another address (a team's ranked list under „Workshops“).
              {...(item.also?.some((p) => pathname.startsWith(p)) ? { "data-section": "true" } : {})}
              onClick={opened ? toggle : undefined}
            >
              {t(item.labelKey)}
            </RemixNavLink>
          ))}
          {user && (
            <div className={`mantine-hidden-from-sm ${classes.navAccount}`}>
              <PlainText size="xs" c="dimmed">
                {isolateBidi(user.name)} · {isolateBidi(user.organisationName)}
              </PlainText>
              <RemixNavLink to="/konto" className={classes.navLink} onClick={opened ? toggle : undefined}>
                {t("nav.myAccount")}
              </RemixNavLink>
              <SignOutButton className="no-print" />
            </div>
          )}
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
        {user && <PrintStamp name={user.name} organisationName={user.organisationName} />}
        <PlainGroup component="footer" gap="lg" justify="center" mt="xl" pt="md" className="no-print" style={FOOTER_STYLE}>
          <PlainVisuallyHidden>
            <PlainTitle order={2}>{t("footer.label")}</PlainTitle>
          </PlainVisuallyHidden>
          <PlainAnchor to="/impressum" size="sm">
            {t("footer.imprint")}
          </PlainAnchor>
          <PlainAnchor to="/datenschutz" size="sm">
            {t("footer.privacy")}
          </PlainAnchor>
          <PlainAnchor to="/barrierefreiheit" size="sm">
            {t("footer.accessibility")}
          </PlainAnchor>
        </PlainGroup>
      </AppShell.Main>
    </AppShell>
  );
}
