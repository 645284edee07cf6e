import { Anchor, Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { CandidateStatusBadge, useDateFormat } from "#app/components/bundling";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can } from "#app/modules/auth/permissions";
import { listCandidates } from "#app/modules/bundling/candidates.server";
import { CANDIDATE_STATUSES, candidateFilterSchema } from "#app/modules/bundling/schema";
import { orRespond } from "#app/utils/forms.server";
import { ScrollTable } from "#app/components/ScrollTable";
import { PlainText } from "#app/components/plain/layout";

export const handle = { title: "bundling:list.title", i18n: ["bundling"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const filter = candidateFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await orRespond(listCandidates(getDb(), actor, filter));
  return { ...result, filter, curator: can(actor, "manage:candidates") };
}

export default function CandidatesPage() {
  const { items, teams, filter, curator } = useLoaderData<typeof loader>();
  const { t } = useTranslation("bundling");
  const fmt = useDateFormat();
  // "proposed" candidates are never stored; the filter offers what a list can contain.
  const statuses = CANDIDATE_STATUSES.filter((s) => s !== "proposed");
  return (
    <Stack gap="md">
      <Title order={1}>{t("list.title")}</Title>
      <Text>{t("list.intro")}</Text>
      {curator && (
        <Anchor component={Link} to="/buendelung">
          {t("list.toWorkbench")}
        </Anchor>
      )}
      <Form method="get" aria-label={t("list.filterLabel")}>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t("list.status")}
            name="status"
            defaultValue={filter.status ?? ""}
            data={[{ value: "", label: t("list.allStatuses") }, ...statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <NativeSelect
            label={t("list.team")}
            name="teamId"
            defaultValue={filter.teamId ? String(filter.teamId) : ""}
            data={[{ value: "", label: t("list.allTeams") }, ...teams.map((team) => ({ value: String(team.id), label: team.name }))]}
          />
          <Button type="submit" variant="default">
            {t("list.apply")}
          </Button>
        </Group>
      </Form>
      {items.length === 0 ? (
        <Text>{t("list.none")}</Text>
      ) : (
        <ScrollTable minWidth={760}>
          <Table striped highlightOnHover withTableBorder captionSide="top">
            <Table.Caption>{t("list.caption", { count: items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("columns.candidateAndThemenfeld")}</Table.Th>
                <Table.Th scope="col">{t("columns.status")}</Table.Th>
                <Table.Th scope="col">{t("columns.team")}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: "right" }}>
                  {t("columns.requirements")}
                </Table.Th>
                <Table.Th scope="col" style={{ textAlign: "right" }}>
                  {t("columns.organisations")}
                </Table.Th>
                <Table.Th scope="col">{t("columns.updated")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/kandidaten/${c.id}`} size="sm">
                      {c.title}
                    </Anchor>
                    {/* Under the title rather than in a column of its own: all columns fit a 1280 px screen. */}
                    {c.themenfeld && (
                      <PlainText size="xs" fw={400}>
                        {c.themenfeld}
                      </PlainText>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <CandidateStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>{c.teamName ?? t("noTeam")}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{c.requirementCount}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{c.organisationCount}</Table.Td>
                  <Table.Td>{fmt.dateTime(c.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
