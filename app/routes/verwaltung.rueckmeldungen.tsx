import { Anchor, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { listFeedback } from "#app/modules/organisations/organisations.server";
import { orRespond } from "#app/utils/forms.server";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle = { title: "admin:feedback.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:feedback");
  const rows = await orRespond(listFeedback(getDb(), actor));
  return {
    feedback: rows.map((f) => ({
      id: f.id,
      createdAt: f.created_at,
      name: f.name,
      email: f.email,
      page: f.page,
      message: f.message,
      handled: f.handled,
    })),
  };
}

export default function FeedbackPage() {
  const { feedback } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("admin");
  // A fixed time zone keeps server and browser rendering the same text.
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "de-DE", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  });
  return (
    <Stack>
      <Title order={2}>{t("feedback.title")}</Title>
      <Text>{t("feedback.intro")}</Text>
      {feedback.length === 0 ? (
        <Text>{t("feedback.none")}</Text>
      ) : (
        <ScrollTable minWidth={760}>
          <Table striped withTableBorder captionSide="top" verticalSpacing="sm">
            <Table.Caption>{t("feedback.caption", { count: feedback.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("feedback.date")}</Table.Th>
                <Table.Th scope="col">{t("feedback.page")}</Table.Th>
                <Table.Th scope="col">{t("feedback.message")}</Table.Th>
                <Table.Th scope="col">{t("feedback.sender")}</Table.Th>
                <Table.Th scope="col">{t("feedback.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {feedback.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Th scope="row" fw={500} style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                    <time dateTime={f.createdAt}>{format.format(new Date(f.createdAt))}</time>
                  </Table.Th>
                  <Table.Td style={{ verticalAlign: "top", wordBreak: "break-word" }}>{f.page || "–"}</Table.Td>
                  <Table.Td style={{ verticalAlign: "top", whiteSpace: "pre-wrap" }}>{f.message}</Table.Td>
                  <Table.Td style={{ verticalAlign: "top" }}>
                    {f.name || f.email ? (
                      <Stack gap={2}>
                        {f.name && <span>{f.name}</span>}
                        {f.email && (
                          <Anchor href={`mailto:${f.email}`} size="sm">
                            {f.email}
                          </Anchor>
                        )}
                      </Stack>
                    ) : (
                      t("feedback.anonymous")
                    )}
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: "top" }}>{f.handled ? t("feedback.handled") : t("feedback.open")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
