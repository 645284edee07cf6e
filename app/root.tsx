import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/charts/styles.css";
import "#app/styles/global.css";
import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from "@mantine/core";
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useMatches, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { AppFrame } from "#app/components/AppFrame";
import { errorTitleKey, GeneralErrorBoundary } from "#app/components/ErrorBoundary";
import { navigationFor } from "#app/modules/auth/navigation";
import { getAuth, IDLE_TIMEOUT_MS } from "#app/modules/auth/session.server";
import { SessionTimeout } from "#app/components/SessionTimeout";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { unreadCount } from "#app/modules/notifications/notifications.server";
import { getDb } from "#db/client.server";
import { theme, themeCssVariables } from "#app/theme";
import { useNonce } from "#app/utils/nonce";
import { pageTitle } from "#app/utils/title";
import { readToast } from "#app/utils/toast.server";
import { useStepFocus } from "#app/components/stepFocus";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, auth, { toast, setCookie }] = await Promise.all([
    i18nServer.getLocale(request),
    getAuth(request),
    readToast(request),
  ]);
  const user = auth
    ? {
        id: auth.user.id,
        name: auth.user.name,
        email: auth.user.email,
        organisationName: auth.user.organisationName,
        roles: [...new Set(auth.actor.roles.map((r) => r.role))],
        unread: await unreadCount(getDb(), auth.user.id),
      }
    : null;
  return data(
    { locale, user, nav: auth ? navigationFor(auth.actor) : [], toast, idleTimeoutMs: IDLE_TIMEOUT_MS, requestId: (context as { requestId?: string }).requestId ?? null },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

export const handle = { i18n: ["common"] };

function Document({ children, locale }: { children: ReactNode; locale: string }) {
  const matches = useMatches();
  const { t } = useTranslation();
  // While the error page shows, the tab says so too, not the title of the page that failed.
  const error = useRouteError();
  const nonce = useNonce();
  // Set once React has taken over the page (after every component's own effects): from then on
  // buttons and forms behave interactively. Browser tests wait for it instead of guessing.
  useEffect(() => {
    document.documentElement.dataset.interactive = "true";
  }, []);
  return (
    <html lang={locale} dir="ltr" {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <title>{error ? `${t(errorTitleKey(error))} – ${t("common:app.name")}` : pageTitle(matches, t)}</title>
        <Meta />
        <Links />
        <ColorSchemeScript defaultColorScheme="light" nonce={nonce} />
      </head>
      <body>
        {/* Computed once (app/theme.ts) instead of on every render by MantineProvider. */}
        <style data-mantine-styles dangerouslySetInnerHTML={{ __html: themeCssVariables }} />
        <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
          {children}
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  return <Document locale={rootData?.locale ?? "de"}>{children}</Document>;
}

/**
 * A toast is read once (flash cookie); a later re-read of the same page (live workshop events,
 * a fetcher) would make it vanish at once. It stays until the user goes to another page.
 */
function useStickyToast<T>(toast: T | null): T | null {
  const location = useLocation();
  const [kept, setKept] = useState<{ key: string; toast: T } | null>(null);
  useEffect(() => {
    if (toast) setKept({ key: location.key, toast });
  }, [toast, location.key]);
  return toast ?? (kept && kept.key === location.key ? kept.toast : null);
}

/**
 * A form of an index route posts to „…?index“ (how Remix tells the page from its parent), and a
 * refused post leaves that in the address bar, where it would be bookmarked or shared. The address
 * shown drops it; the page and its answer stay as they are (nothing is loaded again).
 */
function useCleanIndexParam() {
  const location = useLocation();
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get("index") !== "") return;
    url.searchParams.delete("index");
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, [location]);
}

export default function App() {
  const { locale, user, nav, toast: fresh, idleTimeoutMs } = useRouteLoaderData<typeof loader>("root")!;
  useChangeLanguage(locale);
  useCleanIndexParam();
  // Focus after a step (stepFocus.ts), on every page a step can end on.
  useStepFocus();
  const toast = useStickyToast(fresh);
  return (
    <AppFrame user={user} nav={nav} toast={toast} locale={locale}>
      <Outlet />
      {user && <SessionTimeout idleTimeoutMs={idleTimeoutMs} />}
    </AppFrame>
  );
}

export function ErrorBoundary() {
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <AppFrame user={rootData?.user ?? null} nav={rootData?.nav ?? []} toast={null} locale={rootData?.locale ?? "de"}>
      <GeneralErrorBoundary requestId={rootData?.requestId ?? null} />
    </AppFrame>
  );
}
