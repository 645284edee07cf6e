import "#app/components/workshops/minutes.css";
import { Alert, Anchor, Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { useDateFormat } from "#app/components/bundling";
import { badgeStyles, ResultTable, useNumber } from "#app/components/workshops/WorkshopBits";
import { requireAuth } from "#app/modules/auth/session.server";
import { ConfirmedIntentForm } from "#app/components/forms";
import { publishSchema } from "#app/modules/workshops/schema";
import { getMinutes, publishMinutes, type Minutes } from "#app/modules/workshops/workshops.server";
import { notFound, toResponse } from "#app/utils/errors.server";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import { redirectWithToast } from "#app/utils/toast.server";
import type { RouteHandle } from "#app/utils/title";
import { PrintButton } from "#app/components/PrintButton";
import { MINUTES_HEADING_ID } from "#app/components/stepFocus";

export const handle: RouteHandle & { i18n: string[] } = {
  title: (d, t) => t("workshops:minutes.pageTitle", { title: (d as { workshop?: { title: string } } | undefined)?.workshop?.title ?? "" }),
  i18n: ["workshops"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request);
  const id = Number(params.id);
  if (!(Number.isInteger(id) && id > 0 && id <= 2_147_483_647)) toResponse(notFound());
  return orRespond(getMinutes(getDb(), actor, id));
}

/** Publishing the minutes: asks first, because they are then open to the whole portal for good. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request);
  const id = idParam(params.id);
  const { submission } = await parseForm(request, publishSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await publishMinutes(getDb(), actor, id);
  } catch (error) {
    return errorReply(submission, error);
  }
  return redirectWithToast(`/workshops/${id}/protokoll`, { type: "success", messageKey: "workshops:toast.published" });
}

function PublishForm() {
  const { t } = useTranslation("workshops");
  return (
    <ConfirmedIntentForm
      id="minutes-publish"
      intent="publish"
      lastResult={useActionData<typeof action>()}
      label={t("minutes.publish")}
      question={t("minutes.publishQuestion")}
      confirmLabel={t("minutes.publishConfirm")}
    />
  );
}

function Decision({ item }: { item: Minutes["items"][number] }) {
  const { t } = useTranslation("workshops");
  const fmt = useDateFormat();
  if (item.state === "skipped") return <Text>{t("minutes.skipped")}</Text>;
  if (!item.decision) return <Text>{t("minutes.noDecision")}</Text>;
  return (
    <Stack gap={4}>
      {/* The outcome, not the verb of the decision form: "Priorisiert auf Rang 1". */}
      <Group gap="xs">
        <Text fw={600}>{t("decision.recorded")}:</Text>
        <Badge color={item.decision === "prioritise" ? "teal" : item.decision === "defer" ? "orange" : "red"} variant="light" styles={badgeStyles}>
          {item.decision === "prioritise"
            ? t("decision.prioritisedRank", { rank: item.rank })
            : item.decision === "defer"
              ? t("decision.deferredUntil", { date: item.deferredUntil ? fmt.date(item.deferredUntil) : "–" })
              : t("decision.rejected")}
        </Badge>
      </Group>
      <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{t("decision.rationaleIs", { rationale: item.rationale })}</Text>
    </Stack>
  );
}

export default function MinutesPage() {
  const m = useLoaderData<typeof loader>();
  const { t } = useTranslation("workshops");
  const fmt = useDateFormat();
  const num = useNumber();
  const w = m.workshop;
  return (
    <Stack gap="md" className="minutes">
      <Group justify="space-between" className="no-print">
        {m.mayViewWorkshop ? (
          <Anchor component={Link} to={`/workshops/${w.id}`}>
            {t("minutes.back")}
          </Anchor>
        ) : (
          <Anchor component={Link} to={`/kompetenzteams/${w.teamId}/rangliste`}>
            {t("minutes.backToRanking", { team: w.teamName })}
          </Anchor>
        )}
        <Group>
          {m.mayPublish && <PublishForm />}
          <PrintButton />
        </Group>
      </Group>
      <Title order={1} id={MINUTES_HEADING_ID}>
        {t("minutes.heading", { title: w.title })}
      </Title>
      {!m.published && <Alert color="yellow">{t("minutes.draft")}</Alert>}
      <Table variant="vertical" withTableBorder layout="fixed" className="facts-table" aria-label={t("minutes.facts")}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">
              {t("minutes.team")}
            </Table.Th>
            <Table.Td>{w.teamName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t("minutes.date")}</Table.Th>
            <Table.Td>
              {w.endedAt ? fmt.period(w.startedAt ?? w.scheduledAt, w.endedAt) : fmt.dateTime(w.startedAt ?? w.scheduledAt)}
            </Table.Td>
          </Table.Tr>
          {w.location && (
            <Table.Tr>
              <Table.Th scope="row">{t("minutes.location")}</Table.Th>
              <Table.Td>{w.location}</Table.Td>
            </Table.Tr>
          )}
          <Table.Tr>
            <Table.Th scope="row">{t("minutes.moderator")}</Table.Th>
            <Table.Td>{w.moderatorName ?? "–"}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t("minutes.publishedAt")}</Table.Th>
            <Table.Td>{w.publishedAt ? fmt.dateTime(w.publishedAt) : t("minutes.notPublished")}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      <section aria-labelledby="anwesend-h">
        <Title order={2} id="anwesend-h" mb="xs">
          {t("minutes.attendees", { count: m.attendees.length })}
        </Title>
        <List spacing={2}>
          {m.attendees.map((a) => (
            <List.Item key={a.name}>
              {a.name} ({a.organisationName}){a.role === "lead" ? ` – ${t("live.leadRole")}` : ""}
            </List.Item>
          ))}
        </List>
        {m.absent.length > 0 && (
          <Text size="sm" mt="xs">
            {t("minutes.absent", {
              names: m.absent.map((a) => `${a.name} (${a.organisationName})${a.scoredInAdvance ? ` – ${t("minutes.scoredInAdvance")}` : ""}`).join("; "),
            })}
          </Text>
        )}
      </section>

      <section aria-labelledby="kriterien-h">
        <Title order={2} id="kriterien-h" mb="xs">
          {t("minutes.criteria")}
        </Title>
        <Text size="sm">{m.criteria.map((c) => `${c.name} (${c.weight}${c.inverse ? `, ${t("result.inverse")}` : ""})`).join(" · ")}</Text>
      </section>

      <Title order={2}>{t("minutes.items")}</Title>
      {m.items.map((item) => (
        <Card key={item.id} withBorder padding="md" component="section" aria-labelledby={`item-${item.id}-h`} className="minutes-item">
          <Stack gap="sm">
            <Title order={3} id={`item-${item.id}-h`}>
              {item.position}.{" "}
              <Anchor component={Link} to={`/kandidaten/${item.candidateId}`} inherit>
                {item.candidateTitle}
              </Anchor>
            </Title>
            <Decision item={item} />
            {item.result.participantCount > 0 ? (
              <ResultTable criteria={m.criteria} result={item.result} caption={t("minutes.scoresCaption", { title: item.candidateTitle, total: num(item.result.weightedTotal) })} />
            ) : (
              <Text size="sm">{t("minutes.noScores")}</Text>
            )}
            {item.notes && (
              <div>
                <Text fw={600}>{t("minutes.discussion")}</Text>
                <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{item.notes}</Text>
              </div>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
