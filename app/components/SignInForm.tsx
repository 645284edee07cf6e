import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signInSchema } from "#app/modules/auth/schema";
import { FormErrors, useFieldError } from "./forms";

export function SignInForm({ lastResult, redirectTo }: { lastResult?: SubmissionResult<string[]> | null; redirectTo?: string }) {
  const { t } = useTranslation("auth");
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" action="/anmelden" {...getFormProps(form)}>
      <Stack gap="sm">
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextInput
          label={t("signIn.email")}
          name={fields.email.name}
          type="email"
          autoComplete="username"
          required
          defaultValue={fields.email.initialValue as string | undefined}
          error={fieldError(fields.email.errors)}
        />
        <PasswordInput
          label={t("signIn.password")}
          name={fields.password.name}
          autoComplete="current-password"
          required
          error={fieldError(fields.password.errors)}
        />
        {redirectTo && <input type="hidden" name="redirectTo" value={redirectTo} />}
        <Button type="submit" loading={navigation.state === "submitting" && navigation.formAction === "/anmelden"}>
          {t("signIn.submit")}
        </Button>
      </Stack>
    </Form>
  );
}
