import { getFormProps, useForm } from "@conform-to/react";
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { submitThen, WORKSHOP_HEADING_ID } from "#app/components/stepFocus";
import { useTranslation } from "react-i18next";
import { getDb, now } from "#db/client.server";
import { CheckboxFieldset, fetcherResult, FormErrors, useFieldError, LimitedTextInput } from "#app/components/forms";
import { requireAuth } from "#app/modules/auth/session.server";
import { scheduleSchemaAt, teamFilterSchema } from "#app/modules/workshops/schema";
import { getScheduleOptions, maySchedule, scheduleWorkshop } from "#app/modules/workshops/workshops.server";
import { forbidden, toResponse } from "#app/utils/errors.server";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { teamLine } from "#app/components/teams";
import { isolateBidi } from "#app/modules/i18n/bidi";

export const handle = { title: "workshops:schedule.title", i18n: ["workshops"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request);
  if (!maySchedule(actor)) toResponse(forbidden());
  const { team } = teamFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return orRespond(getScheduleOptions(getDb(), actor, team));
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request);
  if (!maySchedule(actor)) toResponse(forbidden());
  // The date is checked with the other fields, so a refusal names every problem at once.
  const { submission } = await parseForm(request, scheduleSchemaAt(now()));
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const { id } = await scheduleWorkshop(getDb(), actor, submission.value);
    return redirectWithToast(`/workshops/${id}`, { type: "success", messageKey: "workshops:toast.scheduled", values: { title: submission.value.title } });
  } catch (error) {
    return errorReply(submission, error);
  }
}

export default function ScheduleWorkshop() {
  const { teams, team, candidates, members } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("workshops");
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useForm({ id: "schedule", lastResult, shouldValidate: "onSubmit" });
  // After a refusal every field shows exactly what was sent. conform's initialValue keeps the page's
  // first values while the page stays (a pre-ticked invitee would lose its tick), the reply has them.
  const sent = fetcherResult(lastResult)?.initialValue as Record<string, unknown> | null | undefined;
  const text = (name: "title" | "scheduledAt" | "location") => (typeof sent?.[name] === "string" ? sent[name] : "");
  const picked = (value: unknown) => new Set(([] as unknown[]).concat(value ?? []).map(String));
  const pickedCandidates = picked(sent?.candidateIds);
  const pickedMembers = sent ? picked(sent.participantIds) : new Set(members.map((m) => String(m.id)));

  return (
    <Stack gap="md" maw={820}>
      <Anchor component={Link} to="/workshops">
        {t("schedule.back")}
      </Anchor>
      <Title order={1}>{t("schedule.title")}</Title>
      {teams.length === 0 && <Alert color="gray">{t("schedule.noTeams")}</Alert>}
      {teams.length > 1 && (
        <Form method="get" aria-label={t("schedule.chooseTeam")}>
          <Group align="flex-end">
            <NativeSelect
              label={t("schedule.team")}
              name="team"
              defaultValue={team ? String(team.id) : ""}
              data={[{ value: "", label: t("schedule.chooseTeamOption") }, ...teams.map((x) => ({ value: String(x.id), label: x.name }))]}
            />
            <Button type="submit" variant="default">
              {t("schedule.chooseTeam")}
            </Button>
          </Group>
        </Form>
      )}
      {team && (
        <Form method="post" {...getFormProps(form)} onSubmit={submitThen(form.onSubmit, WORKSHOP_HEADING_ID)}>
          <Stack gap="md">
            <Text>{teamLine(team.name, t("schedule.team"), t("schedule.forTeam", { team: team.name }))}</Text>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="teamId" value={team.id} />
            <LimitedTextInput label={t("schedule.titleLabel")} name="title" required limit={200} defaultValue={text("title")} error={fieldError(fields.title.errors)} />
            <Group grow align="flex-start">
              <TextInput
                label={t("schedule.date")}
                description={t("schedule.dateHint")}
                name="scheduledAt"
                type="datetime-local"
                required
                defaultValue={text("scheduledAt")}
                error={fieldError(fields.scheduledAt.errors)}
              />
              <LimitedTextInput label={t("schedule.location")} name="location" limit={200} defaultValue={text("location")} error={fieldError(fields.location.errors)} />
            </Group>
            <CheckboxFieldset legend={t("schedule.agenda")} hint={t("schedule.agendaHint")} field={fields.candidateIds}>
              {candidates.length === 0 ? (
                <Text size="sm">{t("schedule.noCandidates")}</Text>
              ) : (
                <Stack gap={6}>
                  {candidates.map((c) => (
                    <Checkbox
                      key={c.id}
                      name="candidateIds"
                      value={String(c.id)}
                      label={c.themenfeld ? `${isolateBidi(c.title)} (${c.themenfeld})` : c.title}
                      defaultChecked={pickedCandidates.has(String(c.id))}
                    />
                  ))}
                </Stack>
              )}
            </CheckboxFieldset>
            <CheckboxFieldset legend={t("schedule.participants")} hint={t("schedule.participantsHint")} field={fields.participantIds}>
              {members.length === 0 ? (
                <Text size="sm">{t("schedule.noMembers")}</Text>
              ) : (
                <Stack gap={6}>
                  {members.map((m) => (
                    <Checkbox
                      key={m.id}
                      name="participantIds"
                      value={String(m.id)}
                      label={`${m.name} (${m.organisationName})${m.lead ? ` – ${t("live.leadRole")}` : ""}`}
                      defaultChecked={pickedMembers.has(String(m.id))}
                    />
                  ))}
                </Stack>
              )}
            </CheckboxFieldset>
            <Group>
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("schedule.submit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </Stack>
  );
}
