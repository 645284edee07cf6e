import { getFormProps, useForm } from "@conform-to/react";
import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { resultFor } from "#app/components/bundling";
import { ConfirmStep, fetcherResult, FormErrors, formHasErrors, useFieldError, LimitedTextarea } from "#app/components/forms";
import { requirePermission } from "#app/modules/auth/guard.server";
import { countFeedback, listFeedback, markFeedbackDone, reopenFeedback } from "#app/modules/organisations/organisations.server";
import { FEEDBACK_FILTERS, FEEDBACK_NOTE_MAX, feedbackStatusSchema, type FeedbackFilter } from "#app/modules/organisations/schema";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle = { title: "admin:feedback.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:feedback");
  const requested = new URL(request.url).searchParams.get("status");
  // Open ones by default: they are the work still to do.
  const filter: FeedbackFilter = FEEDBACK_FILTERS.find((f) => f === requested) ?? "open";
  const db = getDb();
  const [rows, counts] = await orRespond(Promise.all([listFeedback(db, actor, filter), countFeedback(db, actor)]));
  return {
    filter,
    counts: { open: counts.open, done: counts.total - counts.open, all: counts.total },
    feedback: rows.map((f) => ({
      id: f.id,
      createdAt: f.created_at,
      name: f.name,
      email: f.email,
      page: f.page,
      message: f.message,
      handled: f.handled,
      handledAt: f.handled_at,
      handledByName: f.handledByName,
      note: f.handled_note,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:feedback");
  const { submission } = await parseForm(request, feedbackStatusSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  try {
    switch (input.intent) {
      case "done":
        await markFeedbackDone(getDb(), actor, input.feedbackId, input.note);
        return redirectWithToast(back, { type: "success", messageKey: "admin:feedback.doneToast" });
      case "reopen":
        await reopenFeedback(getDb(), actor, input.feedbackId);
        return redirectWithToast(back, { type: "success", messageKey: "admin:feedback.reopenedToast" });
    }
  } catch (error) {
    return errorReply(submission, error);
  }
}

type Feedback = ReturnType<typeof useLoaderData<typeof loader>>["feedback"][number];

/** The row's one step: mark as done with an optional note, or reopen. Errors of this row's form show here. */
function FeedbackStep({ feedback, dateText }: { feedback: Feedback; dateText: string }) {
  const { t } = useTranslation("admin");
  const fieldError = useFieldError();
  const lastResult = resultFor(useActionData<typeof action>(), "feedbackId", String(feedback.id));
  const [form, fields] = useForm({ id: `feedback-${feedback.id}`, lastResult, shouldValidate: "onSubmit" });
  // The hidden fields have no place of their own: their messages show above the form.
  const errors = [...(form.errors ?? []), ...(fields.feedbackId.errors ?? []), ...(fields.intent.errors ?? [])];
  if (feedback.handled) {
    return (
      <Form method="post" {...getFormProps(form)}>
        <Stack gap="xs">
          <FormErrors errors={errors} />
          <input type="hidden" name="intent" value="reopen" />
          <input type="hidden" name="feedbackId" value={feedback.id} />
          <Group>
            <Button type="submit" variant="default" size="compact-sm" aria-label={t("feedback.reopenLabel", { date: dateText })}>
              {t("feedback.reopen")}
            </Button>
          </Group>
        </Stack>
      </Form>
    );
  }
  return (
    <ConfirmStep
      label={t("feedback.markDone")}
      intent="done"
      confirmLabel={t("feedback.saveDone")}
      open={formHasErrors(form)}
      formProps={getFormProps(form)}
      errors={errors}
    >
      <input type="hidden" name="feedbackId" value={feedback.id} />
      <LimitedTextarea
        id={fields.note.id}
        name="note"
        label={t("feedback.noteLabel")}
        description={t("feedback.noteHint")}
        limit={FEEDBACK_NOTE_MAX}
        autosize
        minRows={2}
        error={fieldError(fields.note.errors)}
      />
    </ConfirmStep>
  );
}

export default function FeedbackPage() {
  const { feedback, filter, counts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("admin");
  // A fixed time zone keeps server and browser rendering the same text.
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "de-DE", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  });
  // An answer about an entry no longer listed (an unknown id) has no row to show it in.
  const reply = fetcherResult(actionData);
  const listed = feedback.some((f) => resultFor(reply, "feedbackId", String(f.id)));
  const orphanErrors = listed ? undefined : Object.values(reply?.error ?? {}).flatMap((e) => e ?? []);
  const empty = { open: "feedback.noneOpen", done: "feedback.noneDone", all: "feedback.none" } as const;
  return (
    <Stack>
      <Title order={2}>{t("feedback.title")}</Title>
      <Text>{t("feedback.intro")}</Text>
      <nav aria-label={t("feedback.filterLabel")}>
        <Group gap="xs">
          {FEEDBACK_FILTERS.map((f) => (
            <Button
              key={f}
              component={Link}
              to={`?status=${f}`}
              size="compact-sm"
              variant={filter === f ? "filled" : "default"}
              aria-current={filter === f ? "page" : undefined}
            >
              {t(`feedback.filter.${f}`, { count: counts[f] })}
            </Button>
          ))}
        </Group>
      </nav>
      <FormErrors errors={orphanErrors} />
      {feedback.length === 0 ? (
        <Text>{t(empty[filter])}</Text>
      ) : (
        <ScrollTable minWidth={960}>
          <Table striped withTableBorder captionSide="top" verticalSpacing="sm">
            <Table.Caption>{t("feedback.caption", { count: feedback.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("feedback.date")}</Table.Th>
                <Table.Th scope="col">{t("feedback.page")}</Table.Th>
                <Table.Th scope="col">{t("feedback.message")}</Table.Th>
                <Table.Th scope="col">{t("feedback.sender")}</Table.Th>
                <Table.Th scope="col">{t("feedback.status")}</Table.Th>
                <Table.Th scope="col">{t("feedback.action")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {feedback.map((f) => {
                const received = format.format(new Date(f.createdAt));
                return (
                  <Table.Tr key={f.id}>
                    <Table.Th scope="row" fw={500} style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                      <time dateTime={f.createdAt}>{received}</time>
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
                    <Table.Td style={{ verticalAlign: "top" }}>
                      {f.handled ? (
                        <Stack gap={4}>
                          <Text fw={600} size="sm">
                            {t("feedback.handled")}
                          </Text>
                          {f.handledAt && (
                            <Text size="sm">
                              {f.handledByName
                                ? t("feedback.handledBy", { date: format.format(new Date(f.handledAt)), name: f.handledByName })
                                : t("feedback.handledByUnknown", { date: format.format(new Date(f.handledAt)) })}
                            </Text>
                          )}
                          {f.note && (
                            <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                              {t("feedback.note")}: {f.note}
                            </Text>
                          )}
                        </Stack>
                      ) : (
                        <Text fw={600} size="sm">
                          {t("feedback.open")}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: "top", minWidth: 220 }}>
                      <FeedbackStep feedback={f} dateText={received} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
