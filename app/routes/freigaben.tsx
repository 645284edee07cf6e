import { Anchor, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { formatDate } from "#app/components/requirements/StatusBadge";
import { requirePermission } from "#app/modules/auth/guard.server";
import { requireAuth } from "#app/modules/auth/session.server";
import { getOrganisation } from "#app/modules/organisations/organisations.server";
import { listAwaitingRelease } from "#app/modules/requirements/queries.server";

export const handle = { title: "requirements:releases.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request);
  await requirePermission(request, "release:requirement", { organisationId: actor.organisationId });
  const db = getDb();
  const [items, organisation] = await Promise.all([listAwaitingRelease(db, actor), getOrganisation(db, actor.organisationId)]);
  // An empty list says why: nothing submitted yet, or the organisation does not release at all.
  return { items, requiresRelease: organisation.requires_release };
}

export default function ReleasesPage() {
  const { items, requiresRelease } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("requirements");
  return (
    <Stack>
      <Title order={1}>{t("releases.title")}</Title>
      <Text>{t("releases.intro")}</Text>
      {items.length === 0 ? (
        <Text>{t(requiresRelease ? "releases.empty" : "releases.notRequired")}</Text>
      ) : (
        <Table striped>
          <caption style={{ textAlign: "left", captionSide: "top" }}>{t("releases.caption")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("fields.title")}</Table.Th>
              <Table.Th scope="col">{t("fields.themenfeld")}</Table.Th>
              <Table.Th scope="col">{t("fields.author")}</Table.Th>
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
                </Table.Td>
                <Table.Td>{r.themenfeld}</Table.Td>
                <Table.Td>{r.authorName ?? "–"}</Table.Td>
                <Table.Td>{formatDate(r.submitted_at, i18n.language, true)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
