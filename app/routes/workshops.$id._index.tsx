import { Alert, Anchor, Button, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { useDateFormat } from "#app/components/bundling";
import { useWorkshopEvents } from "#app/components/workshops/LiveUpdates";
import { MoveButtons, MoveStatus, useAgendaMoves } from "#app/components/workshops/AgendaOrder";
import { PlanningChanges } from "#app/components/workshops/PlanningChanges";
import { StartWorkshopForm } from "#app/components/workshops/StartWorkshopForm";
import { ScoreForm } from "#app/components/workshops/ScoreForm";
import { ownScoreState } from "#app/modules/workshops/workflow";
import { CURRENT_ITEM_HEADING_ID, WORKSHOP_HEADING_ID } from "#app/components/stepFocus";
import { CandidateBadge, ItemStateBadge, WorkshopStatusBadge } from "#app/components/workshops/WorkshopBits";
import { requireAuth } from "#app/modules/auth/session.server";
import { LIMITS, workshopChangeSchema } from "#app/modules/workshops/schema";
import { cancelWorkshop, changeAgenda, getWorkshopState, moveAgendaItem, rescheduleWorkshop } from "#app/modules/workshops/workshops.server";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import type { RouteHandle } from "#app/utils/title";
import { redirectWithToast } from "#app/utils/toast.server";
import { ScrollTable } from "#app/components/ScrollTable";
import { PageSection } from "#app/components/PageSection";
import { revalidateOnConflict } from "#app/utils/revalidate";

export const handle: RouteHandle & { i18n: string[] } = {
  title: (d, t) => (d as { workshop?: { title: string } } | undefined)?.workshop?.title ?? t("workshops:overview.title"),
  i18n: ["workshops", "bundling"],
};

/** A refusal because the record moved on (409) re-reads the page. */
export const shouldRevalidate = revalidateOnConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request);
  return orRespond(getWorkshopState(getDb(), actor, idParam(params.id), { withChangeOptions: true }));
}

/** Changes before the workshop starts: move it, change agenda, its order and invitations, cancel it. The use cases check who may. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request);
  const id = idParam(params.id);
  const { submission } = await parseForm(request, workshopChangeSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  const db = getDb();
  const self = `/workshops/${id}`;
  try {
    switch (input.intent) {
      case "reschedule":
        await rescheduleWorkshop(db, actor, id, input);
        return redirectWithToast(self, { type: "success", messageKey: "workshops:toast.rescheduled" });
      case "agenda": {
        const { changed } = await changeAgenda(db, actor, id, input);
        return redirectWithToast(self, { type: "success", messageKey: changed ? "workshops:toast.agendaChanged" : "workshops:toast.nothingChanged" });
      }
      case "move": {
        const moved = await moveAgendaItem(db, actor, id, input.itemId, input.direction);
        // The buttons post by fetcher and stay on the page (the reply says what moved); a plain form post comes back to the agenda.
        if (request.headers.get("Accept")?.includes("text/html")) {
          return redirectWithToast(`${self}#tagesordnung`, { type: "success", messageKey: "workshops:toast.orderChanged", values: { title: moved.candidateTitle, position: String(moved.position) } });
        }
        return data({ ...submission.reply(), ok: true, intent: input.intent, moved: { itemId: input.itemId, position: moved.position } });
      }
      case "cancel":
        await cancelWorkshop(db, actor, id, input);
        return redirectWithToast(self, { type: "success", messageKey: "workshops:toast.cancelled" });
    }
  } catch (error) {
    return errorReply(submission, error);
  }
}

const OWN_SCORE_KEY = { scored: "overview.scored", open: "overview.notScored", missed: "overview.missedScore" } as const;

export default function WorkshopOverview() {
  const s = useLoaderData<typeof loader>();
  const { t } = useTranslation("workshops");
  const fmt = useDateFormat();
  useWorkshopEvents(s.workshop.id);
  const action = `/workshops/${s.workshop.id}/live`;
  const advance = s.items.filter((i) => i.scorable && i.state === "pending");
  // Until the workshop starts, those who may plan it change the order here.
  const ordering = s.may.change && s.items.length > 1;
  const moves = useAgendaMoves(s.items);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Anchor component={Link} to="/workshops" className="no-print">
          {t("overview.back")}
        </Anchor>
        <Title order={1} id={WORKSHOP_HEADING_ID}>
          {s.workshop.title}
        </Title>
        <Group gap="xs">
          <WorkshopStatusBadge status={s.workshop.status} />
          <Text size="sm">{t("overview.when", { team: s.workshop.teamName, date: fmt.dateTime(s.workshop.scheduledAt) })}</Text>
        </Group>
        {s.workshop.location && <Text size="sm">{t("overview.where", { location: s.workshop.location })}</Text>}
      </Stack>

      {s.cancellation && (
        <Alert color="orange" variant="light" title={t("overview.cancelledTitle")}>
          <Text size="sm">
            {s.cancellation.by
              ? t("overview.cancelledBy", { date: fmt.dateTime(s.cancellation.at), name: s.cancellation.by })
              : t("overview.cancelledAt", { date: fmt.dateTime(s.cancellation.at) })}
          </Text>
          <Text size="sm">{t("overview.cancelReason", { reason: s.cancellation.reason })}</Text>
        </Alert>
      )}

      <Group>
        {(s.workshop.status === "live" || s.workshop.status === "scheduled") && (
          <Button component={Link} to={action} variant={s.workshop.status === "live" ? "filled" : "default"}>
            {s.workshop.status === "live" ? t("overview.joinLive") : t("overview.toLive")}
          </Button>
        )}
        {s.may.start && (
          // The live view's current-item heading takes the focus once started.
          <StartWorkshopForm action={action} lastResult={undefined} offSchedule={s.may.startOffSchedule} scheduledAt={s.workshop.scheduledAt} focusId={CURRENT_ITEM_HEADING_ID} />
        )}
        {s.may.minutes && (
          <Button component={Link} to={`/workshops/${s.workshop.id}/protokoll`} variant="default">
            {t("overview.minutes")}
          </Button>
        )}
      </Group>

      {s.may.change && s.changeOptions && (
        <PageSection id="planung" title={t("change.heading")}>
          <Text size="sm" mb="sm">
            {t("change.intro")}
          </Text>
          <PlanningChanges
            scheduledAtLocal={s.workshop.scheduledAtLocal}
            location={s.workshop.location}
            items={s.items}
            participants={s.participants}
            options={s.changeOptions}
            limits={LIMITS}
          />
        </PageSection>
      )}

      <PageSection id="tagesordnung" title={t("overview.agenda")}>
        {ordering && (
          <Text size="sm" mb="sm">
            {t("overview.orderHint")}
          </Text>
        )}
        <ScrollTable minWidth={ordering ? 680 : 560}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t("overview.agendaCaption", { count: s.items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("overview.position")}</Table.Th>
                {/* Next to the number, so that on a phone the buttons are in view without scrolling the table. */}
                {ordering && <Table.Th scope="col">{t("overview.order")}</Table.Th>}
                <Table.Th scope="col">{t("overview.candidate")}</Table.Th>
                <Table.Th scope="col">{t("overview.itemState")}</Table.Th>
                <Table.Th scope="col">{t("overview.candidateStatus")}</Table.Th>
                <Table.Th scope="col">{t("overview.yourScore")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.items.map((i, index) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.position}</Table.Td>
                  {ordering && (
                    <Table.Td>
                      <MoveButtons moves={moves} itemId={i.id} title={i.candidateTitle} index={index} count={s.items.length} />
                    </Table.Td>
                  )}
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/kandidaten/${i.candidateId}`} size="sm">
                      {i.candidateTitle}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <ItemStateBadge state={i.state} />
                  </Table.Td>
                  <Table.Td>
                    <CandidateBadge status={i.candidateStatus} />
                  </Table.Td>
                  <Table.Td>{s.me.participant ? t(OWN_SCORE_KEY[ownScoreState(s.workshop.status, i.state, i.iScored)]) : "–"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {/* Below the table: a message appearing does not push the buttons away from under the pointer. */}
        {(s.may.change || moves.errors.length > 0) && <MoveStatus moves={moves} />}
      </PageSection>

      {advance.length > 0 && (
        <PageSection id="vorab" title={t("overview.advanceHeading")}>
          <Text size="sm" mb="sm">
            {t("overview.advanceHint")}
          </Text>
          <Stack gap="lg">
            {advance.map((i) => (
              <Card key={i.id} withBorder padding="sm">
                <ScoreForm action={action} itemId={i.id} round={i.round} candidateTitle={i.candidateTitle} criteria={s.criteria} myScores={i.myScores} scored={i.iScored} />
              </Card>
            ))}
          </Stack>
        </PageSection>
      )}
      {s.me.participant && !s.me.score && <Alert color="gray">{t("overview.cannotScore")}</Alert>}

      <PageSection id="kriterien" title={t("overview.criteria")}>
        <List spacing={4}>
          {s.criteria.map((c) => (
            <List.Item key={c.id}>
              <Text span fw={500}>
                {c.name}
              </Text>{" "}
              <Text span size="sm">
                ({t("result.weight", { weight: c.weight })}
                {c.inverse ? ` · ${t("result.inverse")}` : ""})
              </Text>
            </List.Item>
          ))}
        </List>
      </PageSection>

      <PageSection id="teilnehmende" title={t("overview.participants")}>
        <List spacing={4}>
          {s.participants.map((p) => (
            <List.Item key={p.id}>
              {p.name} ({p.organisationName}){p.role === "lead" ? ` – ${t("live.leadRole")}` : ""}
            </List.Item>
          ))}
        </List>
      </PageSection>
    </Stack>
  );
}
