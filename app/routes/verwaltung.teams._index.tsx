import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { listTeams } from "#app/modules/organisations/organisations.server";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle = { title: "admin:teams.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:teams");
  return { teams: await listTeams(getDb()) };
}

export default function TeamsPage() {
  const { teams } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t("teams.title")}</Title>
        <Button component={Link} to="/verwaltung/teams/neu" className="no-print">
          {t("teams.new")}
        </Button>
      </Group>
      <Text>{t("teams.intro")}</Text>
      <ScrollTable minWidth={640}>
        <Table striped highlightOnHover withTableBorder captionSide="top">
          <Table.Caption>{t("teams.caption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("teams.name")}</Table.Th>
              <Table.Th scope="col">{t("teams.description")}</Table.Th>
              <Table.Th scope="col" style={{ textAlign: "right" }}>
                {t("teams.members")}
              </Table.Th>
              <Table.Th scope="col">{t("teams.active")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {teams.map((team) => (
              <Table.Tr key={team.id}>
                <Table.Th scope="row" fw={500}>
                  <Anchor component={Link} size="sm" to={`/verwaltung/teams/${team.id}`}>
                    {team.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{team.description || "–"}</Table.Td>
                <Table.Td style={{ textAlign: "right" }}>{team.memberCount}</Table.Td>
                <Table.Td>{team.active ? t("common.yes") : t("common.no")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {teams.length === 0 && <Text>{t("teams.none")}</Text>}
    </Stack>
  );
}
