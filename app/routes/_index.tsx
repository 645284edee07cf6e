import { Badge, Card, Grid, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SignInForm } from "#app/components/SignInForm";
import { getAuth } from "#app/modules/auth/session.server";

export const handle = { title: "common:home.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (!auth) return { user: null };
  const roles = auth.actor.roles.map((r) => r.role);
  return { user: { name: auth.user.name, organisationName: auth.user.organisationName, roles: [...new Set(roles)] } };
}

export default function Index() {
  const { user } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!user) {
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
      <Title order={2} size="h3">
        {t("home.whatYouCanDo")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {user.roles.map((r) => (
          <Card key={r} withBorder>
            <Text fw={600}>{t(`roles.${r}`)}</Text>
            <Text size="sm">{t(`roleDescriptions.${r}`)}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
