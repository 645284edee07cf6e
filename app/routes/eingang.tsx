import { Anchor, Badge, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { formatDate, StatusBadge } from "#app/components/requirements/StatusBadge";
import { requirePermission } from "#app/modules/auth/guard.server";
import { listTriageQueue } from "#app/modules/requirements/queries.server";
import { triageQuerySchema } from "#app/modules/requirements/schema";
import { ScrollTable } from "#app/components/ScrollTable";
import { RequirementCount, RequirementPages } from "#app/components/requirements/RequirementList";

export const handle = { title: "requirements:triage.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "triage:requirement");
  const { page } = triageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return listTriageQueue(getDb(), actor, page);
}

export default function TriagePage() {
  const { items, total, page, pageSize } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("requirements");
  return (
    <Stack>
      <Title order={1}>{t("triage.title")}</Title>
      <Text>{t("triage.intro")}</Text>
      <RequirementCount total={total} />
      {items.length === 0 ? (
        <Text>{t("triage.empty")}</Text>
      ) : (
        <ScrollTable minWidth={700}>
          <Table striped highlightOnHover>
            <caption style={{ textAlign: "left", captionSide: "top" }}>{t("triage.caption", { page, pages: Math.ceil(total / pageSize) })}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.title")}</Table.Th>
                <Table.Th scope="col">{t("fields.organisation")}</Table.Th>
                <Table.Th scope="col">{t("fields.themenfeld")}</Table.Th>
                <Table.Th scope="col">{t("fields.status")}</Table.Th>
                <Table.Th scope="col">{t("fields.submittedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/anforderungen/${r.id}`}>
                      {r.title}
                    </Anchor>
                    {!!r.confidential && (
                      <Badge ml="xs" size="xs" color="red" variant="light">
                        {t("list.confidentialBadge")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{r.organisationName}</Table.Td>
                  <Table.Td>{r.themenfeld}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(r.submitted_at, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <RequirementPages total={total} page={page} pageSize={pageSize} />
    </Stack>
  );
}
