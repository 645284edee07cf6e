import { Anchor, Button, Group, List, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { useDateFormat } from "#app/components/bundling";
import { WorkshopStatusBadge } from "#app/components/workshops/WorkshopBits";
import { requirePermission } from "#app/modules/auth/guard.server";
import { listMyWorkshops } from "#app/modules/workshops/workshops.server";
import { orRespond } from "#app/utils/forms.server";
import { ScrollTable } from "#app/components/ScrollTable";
import { isolateBidi } from "#app/modules/i18n/bidi";

export const handle = { title: "workshops:list.title", i18n: ["workshops"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  return orRespond(listMyWorkshops(getDb(), actor));
}

export default function MyWorkshops() {
  const { workshops, maySchedule, teams, ownTeams } = useLoaderData<typeof loader>();
  const { t } = useTranslation("workshops");
  const fmt = useDateFormat();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t("list.title")}</Title>
        {maySchedule && (
          <Button component={Link} to="/workshops/neu">
            {t("list.schedule")}
          </Button>
        )}
      </Group>
      <Text>{t("list.intro")}</Text>
      {workshops.length === 0 ? (
        <Text>{t("list.none")}</Text>
      ) : (
        <ScrollTable minWidth={680}>
          <Table striped highlightOnHover withTableBorder captionSide="top">
            <Table.Caption>{t("list.caption", { count: workshops.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("list.workshop")}</Table.Th>
                <Table.Th scope="col">{t("list.date")}</Table.Th>
                <Table.Th scope="col">{t("list.team")}</Table.Th>
                <Table.Th scope="col">{t("list.status")}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: "right" }}>
                  {t("list.items")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {workshops.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/workshops/${w.id}`}>
                      {w.title}
                    </Anchor>
                    {w.invited && (
                      <Text span size="xs" ml="xs">
                        ({t(w.moderates ? "list.moderating" : "list.invited")})
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{fmt.dateTime(w.scheduledAt)}</Table.Td>
                  <Table.Td>{w.teamName}</Table.Td>
                  <Table.Td>
                    <WorkshopStatusBadge status={w.status} />
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{w.itemCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {teams.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="teams-h">
          <Title order={2} size="h3" id="teams-h">
            {ownTeams ? t("list.teamsHeading") : t("list.allTeamsHeading")}
          </Title>
          <List spacing={6}>
            {teams.map((team) => (
              <List.Item key={team.id}>
                <Text span fw={500}>
                  {isolateBidi(team.name)}:
                </Text>{" "}
                <Anchor component={Link} to={`/kompetenzteams/${team.id}/rangliste`}>
                  {t("list.ranking")}
                </Anchor>
                {team.manageCriteria && (
                  <>
                    {" · "}
                    <Anchor component={Link} to={`/kompetenzteams/${team.id}/kriterien`}>
                      {t("list.criteria")}
                    </Anchor>
                  </>
                )}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
