import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Card, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { FormErrors, useFieldError } from "#app/components/forms";
import { requirePermission } from "#app/modules/auth/guard.server";
import { passwordField } from "#app/modules/auth/schema";
import { sessionCookie } from "#app/modules/auth/session.server";
import { changePassword } from "#app/modules/users/account.server";
import { errorReply } from "#app/utils/forms.server";
import { tooLong } from "#app/utils/messages";

export const handle = { title: "auth:account.title" };

const passwordChangeSchema = z
  .object({
    current: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(256, tooLong(256)),
    password: passwordField,
    confirm: z.string({ required_error: "validation.required" }).max(256, tooLong(256)),
  })
  .refine((v) => v.password === v.confirm, { message: "validation.passwordMismatch", path: ["confirm"] });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor } = await requirePermission(request, "view:account");
  return {
    user: { name: user.name, email: user.email, organisationName: user.organisationName },
    roles: [...new Set(actor.roles.map((r) => r.role))],
    changed: new URL(request.url).searchParams.has("geaendert"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "view:account");
  const submission = parseWithZod(await request.formData(), { schema: passwordChangeSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["current", "password", "confirm"] }), { status: 400 });
  try {
    const { token, expiresAt } = await changePassword(getDb(), user.id, submission.value.current, submission.value.password);
    return redirect("/konto?geaendert=1", { headers: { "Set-Cookie": sessionCookie(request, token, expiresAt) } });
  } catch (error) {
    return errorReply(submission, error);
  }
}

export default function AccountPage() {
  const { user, roles, changed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const fieldError = useFieldError();
  const [form, fields] = useForm({
    id: "password-change",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={720}>
      <Title order={1}>{t("account.title")}</Title>
      <Table variant="vertical" withTableBorder layout="fixed" className="facts-table" aria-label={t("account.profile")}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t("account.name")}</Table.Th>
            <Table.Td>{user.name}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t("signIn.email")}</Table.Th>
            <Table.Td>{user.email}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t("account.organisation")}</Table.Th>
            <Table.Td>{user.organisationName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t("account.roles")}</Table.Th>
            <Table.Td>{roles.map((r) => t(`common:roles.${r}`)).join(", ") || "–"}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="xs">
          {t("account.dataHeading")}
        </Title>
        <Text mb="sm">{t("account.dataIntro")}</Text>
        <Anchor href="/konto/daten" download>
          {t("account.download")}
        </Anchor>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="xs">
          {t("account.passwordHeading")}
        </Title>
        {changed && (
          <Text role="status" mb="sm">
            {t("account.passwordChanged")}
          </Text>
        )}
        <Form method="post" {...getFormProps(form)}>
          <Stack gap="sm">
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
            <PasswordInput label={t("account.current")} name={fields.current.name} autoComplete="current-password" required error={fieldError(fields.current.errors)} />
            <PasswordInput
              label={t("setPassword.password")}
              description={t("setPassword.rules")}
              name={fields.password.name}
              autoComplete="new-password"
              required
              error={fieldError(fields.password.errors)}
            />
            <PasswordInput label={t("setPassword.confirm")} name={fields.confirm.name} autoComplete="new-password" required error={fieldError(fields.confirm.errors)} />
            <Text size="sm">{t("account.passwordEndsSessions")}</Text>
            <Button type="submit">{t("account.passwordSubmit")}</Button>
          </Stack>
        </Form>
      </Card>
    </Stack>
  );
}
