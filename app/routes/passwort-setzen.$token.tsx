import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, useFieldError } from "#app/components/forms";
import { findPasswordToken, setPasswordWithToken } from "#app/modules/auth/auth.server";
import { setPasswordSchema } from "#app/modules/auth/schema";
import { clearSessionCookie } from "#app/modules/auth/session.server";
import { errorReply, invalidReply, parseForm } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";

export const handle = { title: "auth:setPassword.title" };

export async function loader({ params }: LoaderFunctionArgs) {
  const row = await findPasswordToken(getDb(), params.token ?? "", "setup");
  return { valid: !!row, name: row?.userName ?? null, email: row?.userEmail ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, setPasswordSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await setPasswordWithToken(getDb(), params.token ?? "", submission.value.password);
  } catch (error) {
    return errorReply(submission, error);
  }
  return redirectWithToast(
    "/anmelden",
    { type: "success", messageKey: "auth:setPassword.done" },
    { headers: { "Set-Cookie": clearSessionCookie(request) } },
  );
}

export default function SetPasswordPage() {
  const { valid, name, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const fieldError = useFieldError();
  const [form, fields] = useForm({
    id: "set-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={460} mx="auto" mt="xl">
      <Title order={1}>{t("setPassword.title")}</Title>
      {!valid ? (
        <Alert color="orange" role="alert">
          {t("setPassword.invalidLink")}
        </Alert>
      ) : (
        <Card withBorder padding="lg">
          <Text mb="md">{t("setPassword.intro", { name, email })}</Text>
          <Form method="post" {...getFormProps(form)}>
            <Stack gap="sm">
              <FormErrors errors={form.errors} id={form.errorId} />
              <input type="text" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
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
              <Button type="submit">{t("setPassword.submit")}</Button>
            </Stack>
          </Form>
        </Card>
      )}
    </Stack>
  );
}
