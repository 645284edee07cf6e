import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { useDateFormat } from "#app/components/bundling";
import { HealthBadge, ProjectStageBadge, useMoney } from "#app/components/projects/ProjectBits";
import { ScrollTable } from "#app/components/ScrollTable";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can } from "#app/modules/auth/permissions";
import { listProjects } from "#app/modules/projects/queries.server";
import { orRespond } from "#app/utils/forms.server";

export const handle = { title: "projects:list.title", i18n: ["projects"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const projects = await orRespond(listProjects(getDb(), actor));
  return { projects, mayPropose: can(actor, "manage:projects") };
}

export default function ProjectsPage() {
  const { projects, mayPropose } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const money = useMoney();
  return (
    <Stack gap="md">
      <Title order={1}>{t("list.title")}</Title>
      <Text>{t("list.intro")}</Text>
      {mayPropose && (
        <Group>
          <Button component={Link} to="/projekte/neu">
            {t("list.new")}
          </Button>
        </Group>
      )}
      {projects.length === 0 ? (
        <Text>{t("list.empty")}</Text>
      ) : (
        <ScrollTable label={t("list.caption", { count: projects.length })} minWidth={820}>
          <Table striped highlightOnHover withTableBorder captionSide="top">
            <Table.Caption>{t("list.caption", { count: projects.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("columns.title")}</Table.Th>
                <Table.Th scope="col">{t("columns.stage")}</Table.Th>
                <Table.Th scope="col">{t("columns.health")}</Table.Th>
                <Table.Th scope="col">{t("columns.lead")}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: "right" }}>
                  {t("columns.budget")}
                </Table.Th>
                <Table.Th scope="col">{t("columns.period")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {projects.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/projekte/${p.id}`}>
                      {p.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <ProjectStageBadge status={p.status} phase={p.phase} rejectedBy={p.rejectedBy} boardTally={p.boardTally} />
                  </Table.Td>
                  <Table.Td>{p.status === "approved" ? <HealthBadge health={p.health} /> : "–"}</Table.Td>
                  <Table.Td>{p.leadName ?? "–"}</Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{money(p.budget_estimate)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {fmt.date(p.planned_start)} – {fmt.date(p.planned_end)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
