import { getFormProps, useForm } from "@conform-to/react";
import { Checkbox, Group, Stack, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CheckboxFieldset, ConfirmStep, formHasErrors, useFieldError, useIntentResult, LimitedTextInput, LimitedTextarea } from "#app/components/forms";
import { isolateBidi } from "#app/modules/i18n/bidi";

interface Props {
  scheduledAtLocal: string;
  location: string;
  items: { candidateId: number; candidateTitle: string }[];
  participants: { id: number; name: string; organisationName: string }[];
  options: {
    candidates: { id: number; title: string; themenfeld: string | null }[];
    members: { id: number; name: string; organisationName: string; lead: boolean }[];
  };
  limits: { location: number; changeNote: number; cancelReason: number };
}

const ids = (value: unknown) => new Set(([] as unknown[]).concat(value ?? []).map(String));

/** For those who may schedule: move, change agenda and invitations, or cancel a workshop not yet started. */
export function PlanningChanges({ scheduledAtLocal, location, items, participants, options, limits }: Props) {
  const { t } = useTranslation("workshops");
  const fieldError = useFieldError();
  const rescheduleReply = useIntentResult("reschedule");
  const agendaReply = useIntentResult("agenda");
  const cancelReply = useIntentResult("cancel");
  const [moveForm, moveFields] = useForm({ id: "reschedule", lastResult: rescheduleReply, shouldValidate: "onSubmit" });
  const [agendaForm, agendaFields] = useForm({ id: "agenda", lastResult: agendaReply, shouldValidate: "onSubmit" });
  const [cancelForm, cancelFields] = useForm({ id: "cancel", lastResult: cancelReply, shouldValidate: "onSubmit" });
  // A form with errors (its own or a field's) shows open.

  // After a refused submission the boxes show what was sent; otherwise the current agenda and invitations.
  // (read from the reply itself: conform's initialValue keeps the first render's, so boxes the person
  // never touched would follow it back to unticked).
  const sent = agendaReply?.initialValue as Record<string, unknown> | null | undefined;
  const onAgenda = sent ? ids(sent.candidateIds) : new Set(items.map((i) => String(i.candidateId)));
  const invited = sent ? ids(sent.participantIds) : new Set(participants.map((p) => String(p.id)));
  const candidates = [
    ...items.map((i) => ({ id: i.candidateId, label: i.candidateTitle })),
    ...options.candidates.map((c) => ({ id: c.id, label: c.themenfeld ? `${isolateBidi(c.title)} (${c.themenfeld})` : c.title })),
  ];
  // Invited people who have since left the team stay listed, so that they can be uninvited.
  const people = [
    ...options.members,
    ...participants.filter((p) => !options.members.some((m) => m.id === p.id)).map((p) => ({ ...p, lead: false })),
  ];

  return (
    <Stack gap="md">
      <ConfirmStep
        label={t("change.reschedule")}
        intent="reschedule"
        confirmLabel={t("change.rescheduleSubmit")}
        open={formHasErrors(moveForm)}
        formProps={getFormProps(moveForm)}
        errors={moveForm.errors}
      >
        <Group grow align="flex-start">
          <TextInput
            label={t("schedule.date")}
            description={t("schedule.dateHint")}
            name="scheduledAt"
            type="datetime-local"
            required
            defaultValue={(moveFields.scheduledAt.initialValue as string | undefined) ?? scheduledAtLocal}
            error={fieldError(moveFields.scheduledAt.errors)}
          />
          <LimitedTextInput
            label={t("schedule.location")}
            name="location"
            limit={limits.location}
            defaultValue={(moveFields.location.initialValue as string | undefined) ?? location}
            error={fieldError(moveFields.location.errors)}
          />
        </Group>
        <LimitedTextarea
          label={t("change.note")}
          description={t("change.noteHint")}
          name="note"
          autosize
          minRows={2}
          limit={limits.changeNote}
          defaultValue={(moveFields.note.initialValue as string | undefined) ?? ""}
          error={fieldError(moveFields.note.errors)}
        />
      </ConfirmStep>

      <ConfirmStep
        label={t("change.agenda")}
        intent="agenda"
        confirmLabel={t("change.agendaSubmit")}
        open={formHasErrors(agendaForm)}
        formProps={getFormProps(agendaForm)}
        errors={agendaForm.errors}
      >
        <CheckboxFieldset legend={t("change.agendaLegend")} hint={t("change.agendaHint")} field={agendaFields.candidateIds}>
          <Stack gap={6}>
            {candidates.map((c) => (
              <Checkbox key={c.id} name="candidateIds" value={String(c.id)} label={c.label} defaultChecked={onAgenda.has(String(c.id))} />
            ))}
          </Stack>
        </CheckboxFieldset>
        <CheckboxFieldset legend={t("schedule.participants")} hint={t("change.participantsHint")} field={agendaFields.participantIds}>
          <Stack gap={6}>
            {people.map((m) =>
              m.lead ? (
                // The lead moderates and stays invited; the box only shows it (a disabled box is not sent).
                <Checkbox key={m.id} checked readOnly disabled label={`${m.name} (${m.organisationName}) – ${t("live.leadRole")}`} />
              ) : (
                <Checkbox key={m.id} name="participantIds" value={String(m.id)} label={`${isolateBidi(m.name)} (${isolateBidi(m.organisationName)})`} defaultChecked={invited.has(String(m.id))} />
              ),
            )}
          </Stack>
        </CheckboxFieldset>
      </ConfirmStep>

      <ConfirmStep
        label={t("change.cancel")}
        intent="cancel"
        confirmLabel={t("change.cancelSubmit")}
        open={formHasErrors(cancelForm)}
        formProps={getFormProps(cancelForm)}
        errors={cancelForm.errors}
        hint={t("change.cancelHint")}
        color="red"
        ask={{
          question: t("change.cancelQuestion"),
          confirmLabel: t("change.cancelConfirm"),
          needsConfirm: !!cancelFields.confirm.errors?.length && !cancelFields.reason.errors?.length,
        }}
      >
        <LimitedTextarea
          label={t("change.reason")}
          description={t("change.reasonHint")}
          name="reason"
          required
          autosize
          minRows={2}
          limit={limits.cancelReason}
          defaultValue={(cancelFields.reason.initialValue as string | undefined) ?? ""}
          error={fieldError(cancelFields.reason.errors)}
        />
      </ConfirmStep>
    </Stack>
  );
}
