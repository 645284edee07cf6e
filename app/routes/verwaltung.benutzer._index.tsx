import { Anchor, Button, Group, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { queryId } from "#app/utils/ids";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can } from "#app/modules/auth/permissions";
import { requireAuth } from "#app/modules/auth/session.server";
import { listOrganisations } from "#app/modules/organisations/organisations.server";
import { listUsers } from "#app/modules/users/users.server";
import { orRespond } from "#app/utils/forms.server";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle = { title: "admin:users.title" };

const filterSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  org: queryId(),
  seite: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  await requirePermission(request, "manage:users", { organisationId: auth.user.organisationId });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse({ q: params.q ?? "", org: params.org || undefined, seite: params.seite ?? 1 });
  const db = getDb();
  const isAdmin = can(auth.actor, "admin:users");
  const [result, organisations] = await orRespond(
    Promise.all([
      listUsers(db, auth.actor, { q: filter.q || undefined, organisationId: filter.org, page: filter.seite }),
      isAdmin ? listOrganisations(db) : Promise.resolve([]),
    ])
  );
  return {
    filter,
    isAdmin,
    ownOrganisationName: auth.user.organisationName,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    ...result,
  };
}

export default function UsersPage() {
  const { filter, isAdmin, ownOrganisationName, organisations, users, total, page, pageSize } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => {
    const sp = new URLSearchParams();
    if (filter.q) sp.set("q", filter.q);
    if (filter.org) sp.set("org", String(filter.org));
    if (p > 1) sp.set("seite", String(p));
    const qs = sp.toString();
    return `/verwaltung/benutzer${qs ? `?${qs}` : ""}`;
  };
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t("users.title")}</Title>
        <Button component={Link} to="/verwaltung/benutzer/neu" className="no-print">
          {t("users.new")}
        </Button>
      </Group>
      {!isAdmin && <Text>{t("users.ownOrganisationOnly", { name: ownOrganisationName })}</Text>}
      <Form method="get" role="search" className="no-print">
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t("users.search")}
            name="q"
            type="search"
            defaultValue={filter.q}
            maxLength={100}
            style={{ flex: "1 1 16rem", maxWidth: "24rem" }}
          />
          {isAdmin && (
            <NativeSelect
              label={t("users.organisation")}
              name="org"
              defaultValue={filter.org ? String(filter.org) : ""}
              data={[
                { value: "", label: t("users.allOrganisations") },
                ...organisations.map((o) => ({ value: String(o.id), label: o.name })),
              ]}
              style={{ flex: "1 1 16rem", maxWidth: "24rem" }}
            />
          )}
          <Button type="submit" variant="default">
            {t("common.filter")}
          </Button>
        </Group>
      </Form>
      <Text role="status" size="sm">
        {t("users.found", { count: total })}
      </Text>
      {users.length > 0 && (
        <ScrollTable minWidth={760}>
          <Table striped highlightOnHover withTableBorder captionSide="top">
            <Table.Caption>{t("users.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("users.name")}</Table.Th>
                <Table.Th scope="col">{t("users.email")}</Table.Th>
                <Table.Th scope="col">{t("users.organisation")}</Table.Th>
                <Table.Th scope="col">{t("users.roles")}</Table.Th>
                <Table.Th scope="col">{t("users.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Th scope="row" fw={500}>
                    {u.manageable ? (
                      <Anchor component={Link} size="sm" to={`/verwaltung/benutzer/${u.id}`}>
                        {u.name}
                      </Anchor>
                    ) : (
                      <>
                        {u.name}
                        <Text size="xs" c="dimmed" fw={400}>
                          {t("users.adminOnly")}
                        </Text>
                      </>
                    )}
                  </Table.Th>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.organisationName}</Table.Td>
                  <Table.Td>{[...new Set(u.roles)].map((r) => t(`common:roles.${r}`)).join(", ") || "–"}</Table.Td>
                  <Table.Td>{u.anonymised ? t("users.anonymisedStatus") : u.active ? t("users.active") : t("users.inactiveStatus")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {pages > 1 && (
        <nav aria-label={t("pagination.label")} className="no-print">
          <Group gap="sm">
            {page > 1 ? (
              <Button component={Link} to={pageLink(page - 1)} variant="default">
                {t("pagination.previous")}
              </Button>
            ) : null}
            <Text>{t("pagination.status", { page, pages })}</Text>
            {page < pages ? (
              <Button component={Link} to={pageLink(page + 1)} variant="default">
                {t("pagination.next")}
              </Button>
            ) : null}
          </Group>
        </nav>
      )}
    </Stack>
  );
}
