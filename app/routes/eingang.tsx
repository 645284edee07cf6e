import { Anchor, Badge, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { formatDate, StatusBadge } from "#app/components/requirements/StatusBadge";
import { requirePermission } from "#app/modules/auth/guard.server";
import { listOrganisationOptions, listTriageQueue } from "#app/modules/requirements/queries.server";
import { TRIAGE_FILTERS, triageQuerySchema } from "#app/modules/requirements/schema";
import { THEMENFELDER } from "#app/modules/requirements/topics";
import classes from "#app/components/light.module.css";
import { PlainNativeSelect } from "#app/components/plain/inputs";
import { PlainGroup } from "#app/components/plain/layout";
import { ScrollTable } from "#app/components/ScrollTable";
import { FilterButtons, RequirementCount, RequirementPages } from "#app/components/requirements/RequirementList";

export const handle = { title: "requirements:triage.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "triage:requirement");
  const query = triageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const [queue, organisations] = await Promise.all([listTriageQueue(db, actor, query), listOrganisationOptions(db)]);
  // With a filter set, no rows mean the filter matches nothing, not an empty inbox.
  return { ...queue, organisations, filtered: Boolean(query.themenfeld || query.status || query.organisationId) };
}

/** Narrowing the inbox: a GET form, so a filtered page can be bookmarked and the page links keep it. */
function TriageFilters({ organisations }: { organisations: { id: number; name: string }[] }) {
  const { t } = useTranslation("requirements");
  const [params] = useSearchParams();
  const v = (k: string) => params.get(k) ?? "";
  const any = { value: "", label: t("list.any") };
  return (
    <Form method="get" role="search" aria-label={t("triage.filters")} className="no-print">
      <div className={classes.fieldRow}>
        <PlainNativeSelect label={t("fields.themenfeld")} name="themenfeld" defaultValue={v("themenfeld")} data={[any, ...THEMENFELDER.map((x) => ({ value: x, label: x }))]} />
        <PlainNativeSelect label={t("fields.status")} name="status" defaultValue={v("status")} data={[any, ...TRIAGE_FILTERS.map((s) => ({ value: s, label: s === "new" ? t("triage.statusNew") : t(`status.${s}`) }))]} />
        <PlainNativeSelect
          label={t("fields.organisation")}
          name="organisationId"
          defaultValue={v("organisationId")}
          data={[any, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
        />
      </div>
      <PlainGroup mt="sm">
        <FilterButtons />
      </PlainGroup>
    </Form>
  );
}

export default function TriagePage() {
  const { items, total, page, pageSize, organisations, filtered } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("requirements");
  return (
    <Stack>
      <Title order={1}>{t("triage.title")}</Title>
      <Text>{t("triage.intro")}</Text>
      <TriageFilters organisations={organisations} />
      <RequirementCount total={total} />
      {items.length === 0 ? (
        <Text>{t(filtered ? "triage.emptyFiltered" : "triage.empty")}</Text>
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
