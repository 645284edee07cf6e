import { Anchor, Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { listOrganisations } from "#app/modules/organisations/organisations.server";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle = { title: "admin:organisations.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  // In German order already (listOrganisations).
  const organisations = await listOrganisations(getDb());
  return { q, organisations };
}

export default function OrganisationsPage() {
  const { q, organisations } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const [filter, setFilter] = useState(q);
  const needle = filter.trim().toLocaleLowerCase("de");
  const rows = needle
    ? organisations.filter((o) =>
        [o.name, o.districtName ?? "", t(`organisations.kinds.${o.kind}`)].some((s) => s.toLocaleLowerCase("de").includes(needle))
      )
    : organisations;
  const yesNo = (v: boolean) => (v ? t("common.yes") : t("common.no"));
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t("organisations.title")}</Title>
        <Button component={Link} to="/verwaltung/organisationen/neu" className="no-print">
          {t("organisations.new")}
        </Button>
      </Group>
      <Form method="get" role="search" className="no-print">
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t("organisations.filter")}
            name="q"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            maxLength={100}
            style={{ flex: "1 1 18rem", maxWidth: "28rem" }}
          />
          <Button type="submit" variant="default">
            {t("common.filter")}
          </Button>
        </Group>
      </Form>
      <Text role="status" size="sm">
        {t("organisations.shown", { count: rows.length, total: organisations.length })}
      </Text>
      <ScrollTable minWidth={760}>
        <Table striped highlightOnHover withTableBorder captionSide="top">
          <Table.Caption>{t("organisations.caption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("organisations.name")}</Table.Th>
              <Table.Th scope="col">{t("organisations.kind")}</Table.Th>
              <Table.Th scope="col">{t("organisations.district")}</Table.Th>
              <Table.Th scope="col" style={{ textAlign: "right" }}>
                {t("organisations.users")}
              </Table.Th>
              <Table.Th scope="col">{t("organisations.requiresRelease")}</Table.Th>
              <Table.Th scope="col">{t("organisations.active")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Th scope="row" fw={500}>
                  <Anchor component={Link} size="sm" to={`/verwaltung/organisationen/${o.id}`}>
                    {o.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{t(`organisations.kinds.${o.kind}`)}</Table.Td>
                <Table.Td>{o.districtName ?? "–"}</Table.Td>
                <Table.Td style={{ textAlign: "right" }}>{o.userCount}</Table.Td>
                <Table.Td>{yesNo(o.requires_release)}</Table.Td>
                <Table.Td>{yesNo(o.active)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {rows.length === 0 && <Text>{t("organisations.none")}</Text>}
    </Stack>
  );
}
