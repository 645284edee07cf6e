import { Anchor, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can, hasRole } from "#app/modules/auth/permissions";
import { requireAuth } from "#app/modules/auth/session.server";
import { countFeedback, listOrganisations, listTeams } from "#app/modules/organisations/organisations.server";
import { listUsers } from "#app/modules/users/users.server";
import { orRespond } from "#app/utils/forms.server";

export const handle = { title: "admin:overview.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  // Organisation leads have only the user list here; send them there instead of a 403.
  if (!hasRole(auth.actor, "admin") && can(auth.actor, "manage:users", { organisationId: auth.user.organisationId })) {
    throw redirect("/verwaltung/benutzer");
  }
  const { actor } = await requirePermission(request, "admin:users");
  const db = getDb();
  const [organisations, teams, users, feedback] = await orRespond(
    Promise.all([listOrganisations(db), listTeams(db), listUsers(db, actor, { page: 1 }), countFeedback(db, actor)])
  );
  return {
    counts: {
      organisations: organisations.length,
      activeOrganisations: organisations.filter((o) => o.active).length,
      teams: teams.length,
      activeTeams: teams.filter((x) => x.active).length,
      users: users.total,
      feedback: feedback.total,
      openFeedback: feedback.open,
    },
  };
}

export default function AdminOverview() {
  const { counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const cards = [
    {
      key: "organisations",
      to: "/verwaltung/organisationen",
      detail: t("overview.activeCount", { count: counts.activeOrganisations }),
      total: counts.organisations,
    },
    { key: "teams", to: "/verwaltung/teams", detail: t("overview.activeCount", { count: counts.activeTeams }), total: counts.teams },
    { key: "users", to: "/verwaltung/benutzer", detail: null, total: counts.users },
    {
      key: "feedback",
      to: "/verwaltung/rueckmeldungen",
      detail: t("overview.openCount", { count: counts.openFeedback }),
      total: counts.feedback,
    },
  ] as const;
  return (
    <Stack>
      <Title order={2}>{t("overview.title")}</Title>
      <Text>{t("overview.intro")}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {cards.map((card) => (
          <Card key={card.key} component="li" withBorder padding="lg">
            <Title order={3} size="h4">
              <Anchor component={Link} to={card.to}>
                {t(`nav.${card.key}`)}
              </Anchor>
            </Title>
            <Text size="lg" fw={700} mt="xs">
              {t(`overview.total.${card.key}`, { count: card.total })}
            </Text>
            {card.detail && <Text size="sm">{card.detail}</Text>}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
