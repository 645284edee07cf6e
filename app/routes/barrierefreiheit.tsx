import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Button, Card, List, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, useFieldError } from "#app/components/forms";
import { getAuth } from "#app/modules/auth/session.server";
import { feedbackSchema } from "#app/modules/organisations/schema";
import { submitFeedback } from "#app/modules/organisations/organisations.server";
import { invalidReply, parseForm } from "#app/utils/forms.server";

export const handle = { title: "common:accessibility.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const page = new URL(request.url).searchParams.get("seite") ?? "";
  return { page: page.slice(0, 500) };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  const { submission } = await parseForm(request, feedbackSchema);
  if (submission.status !== "success") return invalidReply(submission);
  await submitFeedback(getDb(), auth?.user.id ?? null, submission.value);
  return data({ ...submission.reply({ resetForm: true }), sent: true });
}

export default function AccessibilityPage() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const sent = !!actionData && "sent" in actionData;
  const [form, fields] = useForm({
    id: "a11y-feedback",
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: feedbackSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={760}>
      <Title order={1}>{t("accessibility.title")}</Title>
      <Text>{t("accessibility.intro")}</Text>
      <Title order={2} size="h3">
        {t("accessibility.statusHeading")}
      </Title>
      <Text>{t("accessibility.status")}</Text>
      <Title order={2} size="h3">
        {t("accessibility.limitsHeading")}
      </Title>
      <List>
        <List.Item>{t("accessibility.limit1")}</List.Item>
        <List.Item>{t("accessibility.limit2")}</List.Item>
      </List>
      <Title order={2} size="h3">
        {t("accessibility.preparedHeading")}
      </Title>
      <Text>{t("accessibility.prepared")}</Text>
      <Title order={2} size="h3">
        {t("accessibility.enforcementHeading")}
      </Title>
      <Text>{t("accessibility.enforcement")}</Text>
      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="sm">
          {t("accessibility.feedbackHeading")}
        </Title>
        {sent && (
          <Alert color="green" role="status" mb="sm">
            {t("accessibility.thanks")}
          </Alert>
        )}
        <Form method="post" {...getFormProps(form)}>
          <Stack gap="sm">
            <FormErrors errors={form.errors} id={form.errorId} />
            <TextInput label={t("accessibility.name")} name={fields.name.name} autoComplete="name" error={fieldError(fields.name.errors)} />
            <TextInput
              label={t("accessibility.email")}
              name={fields.email.name}
              type="email"
              autoComplete="email"
              error={fieldError(fields.email.errors)}
            />
            <TextInput label={t("accessibility.page")} name={fields.page.name} defaultValue={page} error={fieldError(fields.page.errors)} />
            <Textarea
              label={t("accessibility.message")}
              name={fields.message.name}
              required
              autosize
              minRows={4}
              error={fieldError(fields.message.errors)}
            />
            <Button type="submit">{t("accessibility.send")}</Button>
          </Stack>
        </Form>
      </Card>
    </Stack>
  );
}
