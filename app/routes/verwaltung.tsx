import { Button, Group, Stack, Title } from "@mantine/core";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can } from "#app/modules/auth/permissions";
import { requireAuth } from "#app/modules/auth/session.server";

export const handle = { title: "admin:title", i18n: ["admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const own = { organisationId: auth.user.organisationId };
  // Everyone with a page here may at least manage their own organisation's users; others get the audited 403.
  if (!can(auth.actor, "manage:users", own)) await requirePermission(request, "manage:users", own);
  const { actor } = auth;
  return {
    links: {
      overview: can(actor, "admin:users"),
      organisations: can(actor, "admin:organisations"),
      teams: can(actor, "admin:teams"),
      users: true,
      feedback: can(actor, "admin:feedback"),
      audit: can(actor, "admin:audit"),
      settings: can(actor, "admin:settings"),
    },
  };
}

const TABS = [
  { key: "overview", to: "/verwaltung", end: true },
  { key: "organisations", to: "/verwaltung/organisationen", end: false },
  { key: "teams", to: "/verwaltung/teams", end: false },
  { key: "users", to: "/verwaltung/benutzer", end: false },
  { key: "feedback", to: "/verwaltung/rueckmeldungen", end: false },
  { key: "audit", to: "/verwaltung/protokoll", end: false },
  { key: "settings", to: "/verwaltung/einstellungen", end: false },
] as const;

export default function AdminLayout() {
  const { links } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { pathname } = useLocation();
  const path = pathname.replace(/\/+$/, "") || "/";
  return (
    <Stack gap="md">
      <Title order={1}>{t("title")}</Title>
      <nav aria-label={t("nav.label")} className="no-print">
        <Group gap="xs" component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {TABS.filter((tab) => links[tab.key]).map((tab) => {
            const active = tab.end ? path === tab.to : path === tab.to || path.startsWith(`${tab.to}/`);
            return (
              <li key={tab.key}>
                <Button component={Link} to={tab.to} variant={active ? "filled" : "default"} aria-current={active ? "page" : undefined}>
                  {t(`nav.${tab.key}`)}
                </Button>
              </li>
            );
          })}
        </Group>
      </nav>
      <Outlet />
    </Stack>
  );
}
