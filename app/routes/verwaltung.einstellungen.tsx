import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, useFieldError, WholeNumberInput } from "#app/components/forms";
import { requirePermission } from "#app/modules/auth/guard.server";
import { settingsSchema } from "#app/modules/projects/schema";
import { getProjectSettings, updateProjectSettings } from "#app/modules/settings/settings.server";
import { errorReply, invalidReply, parseForm } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";

export const handle = { title: "projects:settings.title", i18n: ["projects"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:settings");
  return { settings: await getProjectSettings(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:settings");
  const { submission } = await parseForm(request, settingsSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await updateProjectSettings(getDb(), actor, submission.value);
  } catch (error) {
    return errorReply(submission, error);
  }
  return redirectWithToast("/verwaltung/einstellungen", { type: "success", messageKey: "projects:toast.settingsSaved" });
}

export default function SettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const [form, fields] = useForm({
    id: "settings",
    lastResult: useActionData<typeof action>(),
    defaultValue: { boardThreshold: String(settings.boardThreshold), voteDays: String(settings.voteDays) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack gap="md" maw={640}>
      <Title order={2}>{t("settings.title")}</Title>
      <Text>{t("settings.intro")}</Text>
      <Form method="post" {...getFormProps(form)}>
        <Stack gap="sm">
          <FormErrors errors={form.errors} id={form.errorId} />
          <WholeNumberInput
            label={t("settings.boardThreshold")}
            description={t("settings.boardThresholdHint")}
            name={fields.boardThreshold.name}
            id={fields.boardThreshold.id}
            defaultValue={fields.boardThreshold.initialValue as string | undefined}
            required
            error={fieldError(fields.boardThreshold.errors)}
          />
          <WholeNumberInput
            label={t("settings.voteDays")}
            description={t("settings.voteDaysHint")}
            name={fields.voteDays.name}
            id={fields.voteDays.id}
            defaultValue={fields.voteDays.initialValue as string | undefined}
            required
            error={fieldError(fields.voteDays.errors)}
          />
          <Group>
            <Button type="submit">{t("settings.save")}</Button>
          </Group>
        </Stack>
      </Form>
    </Stack>
  );
}
