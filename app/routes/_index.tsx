import { Anchor, Badge, Card, Grid, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SignInForm } from "#app/components/SignInForm";
import { TimelineTitle } from "#app/components/requirements/TimelineTitle";
import { getAuth } from "#app/modules/auth/session.server";
import { getOverview, type Overview } from "#app/modules/home/overview.server";
import { formatDate } from "#app/utils/format";
import { getDb } from "#db/client.server";
import { isolateBidi } from "#app/modules/i18n/bidi";

export const handle = { title: "common:home.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (!auth) return { user: null };
  const roles = auth.actor.roles.map((r) => r.role);
  const overview = await getOverview(getDb(), auth.actor);
  return { user: { name: auth.user.name, organisationName: auth.user.organisationName, roles: [...new Set(roles)] }, overview };
}

function Tasks({ tasks }: { tasks: Overview["tasks"] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="aufgaben-h" gap="sm">
      <Title order={2} size="h3" id="aufgaben-h">
        {t("home.tasks.title")}
      </Title>
      {tasks.length === 0 ? (
        <Text>{t("home.tasks.none")}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {tasks.map((task) => (
            <Card key={task.key} withBorder component="section" aria-labelledby={`aufgabe-${task.key}`} data-task={task.key}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Title order={3} size="h4" id={`aufgabe-${task.key}`}>
                  {t(`home.tasks.${task.key}.title`)}
                </Title>
                <Badge variant="filled" size="lg" aria-label={t("home.tasks.count", { count: task.count })}>
                  {task.count}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" mb="xs">
                {t(`home.tasks.${task.key}.intro`, { count: task.count })}
              </Text>
              {task.items.length > 0 && (
                <List spacing={4} size="sm" mb="xs">
                  {task.items.map((item) => (
                    <List.Item key={item.id}>
                      <Anchor component={Link} to={item.to}>
                        {item.title}
                      </Anchor>
                      {item.at && (
                        <Text span size="xs" c="dimmed">
                          {" · "}
                          {t(`home.tasks.${task.key}.${item.atVariant ? `at_${item.atVariant}` : "at"}`, { date: formatDate(item.at, i18n.language, task.key === "workshops") })}
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              )}
              <Anchor component={Link} to={task.to} size="sm" fw={600}>
                {t(`home.tasks.${task.key}.all`, { count: task.count })}
              </Anchor>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function ToCosign({ items, days }: { items: Overview["toCosign"]; days: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="mitzeichnen-h" gap="xs" mt="md">
      <Title order={2} size="h3" id="mitzeichnen-h">
        {t("home.cosign.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("home.cosign.intro", { days })}
      </Text>
      {items.length === 0 ? (
        <Text>{t("home.cosign.none", { days })}</Text>
      ) : (
        <List spacing="xs">
          {items.map((r) => (
            <List.Item key={r.id}>
              <Text size="sm">
                <Anchor component={Link} to={`/anforderungen/${r.id}`} fw={600}>
                  {r.title}
                </Anchor>
              </Text>
              <Text size="sm">
                {isolateBidi(r.organisationName)} · {r.themenfeld}
                {r.sameTopic && ` (${t("home.cosign.sameTopic")})`} · {t("home.cosign.submitted", { date: formatDate(r.submitted_at, i18n.language) })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <Anchor component={Link} to="/anforderungen" size="sm" fw={600}>
        {t("home.cosign.all")}
      </Anchor>
    </Stack>
  );
}

function OwnRequirements({ states, news, newsDays, organisationName, children }: { states: NonNullable<Overview["ownStates"]>; news: Overview["news"]; newsDays: number; organisationName: string; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Grid gutter="xl">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack component="section" aria-labelledby="stand-h" gap="xs">
          <Title order={2} size="h3" id="stand-h">
            {t("home.own.title", { organisation: organisationName })}
          </Title>
          {states.length === 0 ? (
            <Text>{t("home.own.none")}</Text>
          ) : (
            <List spacing={4}>
              {states.map((s) => (
                <List.Item key={s.status}>
                  <Anchor component={Link} to={`/anforderungen/unsere?status=${s.status}`}>
                    {t(`requirements:status.${s.status}`)}: {s.count}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack component="section" aria-labelledby="neues-h" gap="xs">
          <Title order={2} size="h3" id="neues-h">
            {t("home.news.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("home.news.intro", { days: newsDays })}
          </Text>
          {news.length === 0 ? (
            <Text>{t("home.news.none", { days: newsDays })}</Text>
          ) : (
            <List spacing="xs" data-testid="news">
              {news.map((n) => (
                <List.Item key={n.id}>
                  <Text size="sm">
                    <Anchor component={Link} to={`/anforderungen/${n.requirementId}`} fw={600}>
                      {n.requirementTitle}
                    </Anchor>
                    {!n.own && ` (${t("home.news.cosignedByUs")})`}
                  </Text>
                  <Text size="sm">
                    <TimelineTitle event={n} />
                    {" · "}
                    {n.actorOrganisation ?? t("home.news.automatic")}
                    {" · "}
                    {formatDate(n.at, i18n.language, true)}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
        {children}
      </Grid.Col>
    </Grid>
  );
}

export default function Index() {
  const { user, overview } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!user || !overview) {
    return (
      <Grid gutter="xl" mt="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Title order={1}>{t("home.publicTitle")}</Title>
            <Text size="lg">{t("home.publicLead")}</Text>
            <List spacing="xs">
              <List.Item>{t("home.publicPoint1")}</List.Item>
              <List.Item>{t("home.publicPoint2")}</List.Item>
              <List.Item>{t("home.publicPoint3")}</List.Item>
              <List.Item>{t("home.publicPoint4")}</List.Item>
            </List>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="sm">
              {t("auth:signIn.title")}
            </Title>
            <SignInForm />
          </Card>
        </Grid.Col>
      </Grid>
    );
  }
  return (
    <Stack>
      <Title order={1}>{t("home.welcome", { name: user.name })}</Title>
      <Text c="dimmed">{user.organisationName}</Text>
      <Group gap="xs" aria-label={t("home.yourRoles")}>
        {user.roles.map((r) => (
          <Badge key={r} variant="light">
            {t(`roles.${r}`)}
          </Badge>
        ))}
      </Group>
      <Tasks tasks={overview.tasks} />
      {overview.ownStates && (
        <OwnRequirements states={overview.ownStates} news={overview.news} newsDays={overview.newsDays} organisationName={user.organisationName}>
          <ToCosign items={overview.toCosign} days={overview.newsDays} />
        </OwnRequirements>
      )}
      <Title order={2} size="h3">
        {t("home.whatYouCanDo")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {user.roles.map((r) => (
          <Card key={r} withBorder>
            <Text fw={600}>{t(`roles.${r}`)}</Text>
            <Text size="sm">{r === "board" && overview.boardSeat === "advisory" ? t("projects:roleCard.boardAdvisory") : t(`roleDescriptions.${r}`)}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
