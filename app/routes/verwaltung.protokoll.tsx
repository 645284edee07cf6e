import { Anchor, Button, Group, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { formatDate } from "#app/components/requirements/StatusBadge";
import { AUDIT_ENTITY_TYPES, auditActionLabelKey, auditEntityHref, auditEntityLabelKey } from "#app/modules/audit/actions";
import { auditLogPage } from "#app/modules/audit/audit.server";
import { type AuditFilterProblem } from "#app/modules/audit/filter";
import { auditDetailTexts, type AuditDetailLine } from "#app/modules/audit/details";
import { requirePermission } from "#app/modules/auth/guard.server";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle = { title: "admin:audit.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:audit");
  return auditLogPage(getDb(), actor, new URL(request.url).searchParams);
}

/** An e-mail address or a path that may wrap before "@", "." and "/": unbroken, they would push the table past the page's edge. */
function Breakable({ text }: { text: string }) {
  return text.split(/(?=[@./])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/**
 * "Benutzer: Anna Schmidt" or "Anforderung: Nr. 12 – title" where the log could name the object, else
 * "Benutzer 7"; linked to its page where there is one. Settings by name only (their id is an internal key).
 */
function AuditEntity({ type, id, name }: { type: string; id: string | null; name: string | null }) {
  const { t } = useTranslation("admin");
  const key = auditEntityLabelKey(type);
  const label = key ? t(key) : type;
  const text = <Breakable text={name ? `${label}: ${name}` : `${label}${id && type !== "settings" ? ` ${id}` : ""}`} />;
  const to = auditEntityHref(type, id, name !== null);
  return to ? (
    <Anchor component={Link} to={to}>
      {text}
    </Anchor>
  ) : (
    text
  );
}

/** The entry's details as labelled lines ("Entscheidung: Zurückgestellt bis 30.06.2027"); they wrap within the cell. */
function AuditDetails({ lines }: { lines: AuditDetailLine[] }) {
  const { t, i18n } = useTranslation("admin");
  if (!lines.length) return "–";
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {auditDetailTexts(lines, (key, params) => t(key, params), i18n.language).map((l, i) => (
        <li key={i}>
          <span style={{ fontWeight: 600 }}>{l.label}:</span>{" "}
          {l.value}
        </li>
      ))}
    </ul>
  );
}

export default function AuditPage() {
  const { rows, total, newer, older, actions, problems = {}, filtered = false } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("admin");
  const [params] = useSearchParams();
  // What the page says at a field whose value from the address it did not apply.
  const problem = (p: AuditFilterProblem | undefined) => {
    if (!p) return undefined;
    if (p.kind === "toBeforeFrom") return t("audit.invalid.toBeforeFrom", { from: formatDate(p.from, i18n.language), to: formatDate(p.to, i18n.language) });
    return t(`audit.invalid.${p.kind}`, { value: p.value });
  };
  const entityOptions = AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) })).sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  // An area from an address ("auth" for every sign-in event) is applied, so the select shows it too.
  const chosen = params.get("action")?.trim() ?? "";
  const areaOption = chosen && !problems.action && !actions.includes(chosen) ? [{ value: chosen, label: t("audit.area", { area: chosen }) }] : [];
  const actionLabel = (code: string) => {
    const key = auditActionLabelKey(code);
    return key ? t(key) : code;
  };
  const actionOptions = actions.map((a) => ({ value: a, label: actionLabel(a) })).sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  const value = (name: "from" | "to" | "entityType") => (problems[name]?.kind === "toBeforeFrom" || !problems[name] ? (params.get(name) ?? "") : "");
  // The filters stay; the cursor changes.
  const href = (cursor?: { before: number } | { after: number }) => {
    const next = new URLSearchParams(params);
    next.delete("before");
    next.delete("after");
    if (cursor) for (const [name, id] of Object.entries(cursor)) next.set(name, String(id));
    const search = next.toString();
    return search ? `?${search}` : ".";
  };
  return (
    <Stack>
      <Title order={2}>{t("audit.title")}</Title>
      <Text>{t("audit.intro")}</Text>
      <Form method="get" className="no-print">
        {/* Fixed widths: a message under one field wraps there instead of widening the row. */}
        <Group align="flex-start">
          <NativeSelect
            label={t("audit.action")}
            w={240}
            name="action"
            defaultValue={problems.action ? "" : chosen}
            data={[{ value: "", label: t("audit.any") }, ...areaOption, ...actionOptions]}
            error={problem(problems.action)}
          />
          <NativeSelect
            label={t("audit.entityType")}
            w={240}
            name="entityType"
            defaultValue={value("entityType")}
            data={[{ value: "", label: t("audit.any") }, ...entityOptions]}
            error={problem(problems.entityType)}
          />
          <TextInput label={t("audit.actor")} w={240} name="actor" defaultValue={params.get("actor") ?? ""} />
          <TextInput type="date" label={t("audit.from")} w={240} name="from" defaultValue={value("from")} error={problem(problems.from)} />
          <TextInput type="date" label={t("audit.to")} w={240} name="to" defaultValue={value("to")} error={problem(problems.to)} />
        </Group>
        <Group mt="sm">
          <Button type="submit">{t("audit.apply")}</Button>
        </Group>
      </Form>
      <Text role="status">{t("audit.count", { count: total })}</Text>
      <ScrollTable minWidth={800}>
        <Table striped>
          <caption style={{ textAlign: "left", captionSide: "top" }}>{t("audit.caption")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("audit.at")}</Table.Th>
              <Table.Th scope="col">{t("audit.actor")}</Table.Th>
              <Table.Th scope="col">{t("audit.action")}</Table.Th>
              <Table.Th scope="col">{t("audit.entity")}</Table.Th>
              <Table.Th scope="col">{t("audit.detail")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>{filtered ? t("audit.emptyFiltered") : t("audit.empty")}</Table.Td>
              </Table.Tr>
            )}
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.at, i18n.language, true)}</Table.Td>
                <Table.Td style={{ minWidth: "9rem" }}>{r.actorName ? <Breakable text={`${r.actorName} (${r.actorEmail})`} /> : r.actorKind === "system" ? t("audit.system") : t("audit.nobody")}</Table.Td>
                <Table.Td>{actionLabel(r.action)}</Table.Td>
                <Table.Td>
                  <AuditEntity type={r.entity_type} id={r.entity_id} name={r.entityName ?? null} />
                </Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere", minWidth: "16rem" }}>
                  <AuditDetails lines={r.details} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {(newer !== null || older !== null) && (
        <Group className="no-print" component="nav" aria-label={t("audit.paging")}>
          {newer !== null && (
            <>
              <Anchor component={Link} to={href()}>
                {t("audit.newest")}
              </Anchor>
              <Anchor component={Link} to={href({ after: newer })}>
                {t("audit.newer")}
              </Anchor>
            </>
          )}
          {older !== null && (
            <Anchor component={Link} to={href({ before: older })}>
              {t("audit.older")}
            </Anchor>
          )}
        </Group>
      )}
    </Stack>
  );
}
