import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, useFieldError } from "#app/components/forms";
import { createFirstAdmin, findPasswordToken } from "#app/modules/auth/auth.server";
import { firstAdminSchema } from "#app/modules/auth/schema";
import { errorReply, invalidReply, parseForm } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";

export const handle = { title: "auth:firstAdmin.title" };

export async function loader({ params }: LoaderFunctionArgs) {
  const row = await findPasswordToken(getDb(), params.token ?? "", "first_admin");
  return { valid: !!row };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, firstAdminSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await createFirstAdmin(getDb(), params.token ?? "", submission.value);
  } catch (error) {
    return errorReply(submission, error);
  }
  return redirectWithToast("/anmelden", { type: "success", messageKey: "auth:firstAdmin.done" });
}

export default function FirstAdminPage() {
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const fieldError = useFieldError();
  const [form, fields] = useForm({
    id: "first-admin",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: firstAdminSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={480} mx="auto" mt="xl">
      <Title order={1}>{t("firstAdmin.title")}</Title>
      {!valid ? (
        <Alert color="orange" role="alert">
          {t("setPassword.invalidLink")}
        </Alert>
      ) : (
        <Card withBorder padding="lg">
          <Text mb="md">{t("firstAdmin.intro")}</Text>
          <Form method="post" {...getFormProps(form)}>
            <Stack gap="sm">
              <FormErrors errors={form.errors} id={form.errorId} />
              <TextInput label={t("firstAdmin.name")} name={fields.name.name} autoComplete="name" required error={fieldError(fields.name.errors)} />
              <TextInput
                label={t("signIn.email")}
                name={fields.email.name}
                type="email"
                autoComplete="username"
                required
                error={fieldError(fields.email.errors)}
              />
              <PasswordInput
                label={t("setPassword.password")}
                description={t("setPassword.rules")}
                name={fields.password.name}
                autoComplete="new-password"
                required
                error={fieldError(fields.password.errors)}
              />
              <PasswordInput
                label={t("setPassword.confirm")}
                name={fields.confirm.name}
                autoComplete="new-password"
                required
                error={fieldError(fields.confirm.errors)}
              />
              <Button type="submit">{t("firstAdmin.submit")}</Button>
            </Stack>
          </Form>
        </Card>
      )}
    </Stack>
  );
}
