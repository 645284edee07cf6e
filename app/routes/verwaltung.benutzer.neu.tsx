import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Card, CopyButton, Group, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, useFieldError, LimitedTextInput } from "#app/components/forms";
import { requirePermission } from "#app/modules/auth/guard.server";
import { assignableRoles, can, roleScope, type Role } from "#app/modules/auth/permissions";
import { requireAuth } from "#app/modules/auth/session.server";
import { listOrganisations, listTeams } from "#app/modules/organisations/organisations.server";
import { createUserSchema } from "#app/modules/users/schema";
import { createUser } from "#app/modules/users/users.server";
import { errorReply, invalidReply, parseForm } from "#app/utils/forms.server";

export const handle = { title: "admin:users.newTitle" };

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  await requirePermission(request, "manage:users", { organisationId: auth.user.organisationId });
  const db = getDb();
  const isAdmin = can(auth.actor, "admin:users");
  const roles = assignableRoles(auth.actor);
  const withTeams = roles.some((r) => roleScope(r) === "team");
  const [organisations, teams] = await Promise.all([
    isAdmin ? listOrganisations(db) : Promise.resolve([]),
    withTeams ? listTeams(db) : Promise.resolve([]),
  ]);
  return {
    isAdmin,
    ownOrganisation: { id: auth.user.organisationId, name: auth.user.organisationName },
    organisations: organisations.filter((o) => o.active).map((o) => ({ id: o.id, name: o.name })),
    roles,
    teams: teams.filter((x) => x.active).map((x) => ({ id: x.id, name: x.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  await requirePermission(request, "manage:users", { organisationId: auth.user.organisationId });
  const { submission } = await parseForm(request, createUserSchema);
  if (submission.status !== "success") return invalidReply(submission);
  // The use case checks the organisation, role and team against the actor's scope.
  let created: Awaited<ReturnType<typeof createUser>>;
  try {
    created = await createUser(getDb(), auth.actor, submission.value);
  } catch (error) {
    return errorReply(submission, error);
  }
  const url = `${new URL(request.url).origin}/passwort-setzen/${created.setupToken}`;
  // No e-mail delivery yet: the link is shown once to the creator and written to the server log.
  console.log(`Einrichtungslink für ${submission.value.email}: ${url}`);
  return data({
    ...submission.reply({ resetForm: true }),
    created: { userId: created.userId, name: submission.value.name, email: submission.value.email, url },
  });
}

type Reply = SubmissionResult<string[]> & { created?: { userId: number; name: string; email: string; url: string } };

export default function NewUserPage() {
  const { isAdmin, ownOrganisation, organisations, roles, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Reply | undefined;
  const created = actionData?.created ?? null;
  const { t } = useTranslation("admin");
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-user",
    lastResult: actionData,
    defaultValue: { organisationId: isAdmin ? "" : String(ownOrganisation.id), role: "", teamId: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createUserSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const initialRole = (fields.role.initialValue as string | undefined) ?? "";
  const [picked, setPicked] = useState({ formKey: form.key, role: initialRole });
  // A reset form (new key) starts again from its initial role.
  if (picked.formKey !== form.key) setPicked({ formKey: form.key, role: initialRole });
  const role = picked.role;
  const needsTeam = (role !== "" && roles.includes(role as Role) && roleScope(role as Role) === "team") || !!fields.teamId.errors;
  return (
    <Stack maw={640}>
      <Anchor component={Link} to="/verwaltung/benutzer" className="no-print">
        {t("users.back")}
      </Anchor>
      <Title order={2}>{t("users.newTitle")}</Title>
      {created && (
        <Alert
          color="green"
          role="status"
          styles={{ title: { color: "var(--mantine-color-text)" } }}
          title={t("users.createdTitle", { name: created.name })}
        >
          <Stack gap="xs">
            <Text>{t("users.createdText", { email: created.email })}</Text>
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label={t("users.setupLink")}
                value={created.url}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                style={{ flex: 1 }}
              />
              <CopyButton value={created.url}>
                {({ copied, copy }) => (
                  <Button onClick={copy} variant="default">
                    {copied ? t("users.copied") : t("users.copyLink")}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Anchor component={Link} to={`/verwaltung/benutzer/${created.userId}`} c="blue.9">
              {t("users.openCreated", { name: created.name })}
            </Anchor>
          </Stack>
        </Alert>
      )}
      <Text>{t("users.newIntro")}</Text>
      <Card withBorder padding="lg">
        <Form method="post" {...getFormProps(form)} key={form.key}>
          <Stack gap="sm">
            <FormErrors errors={form.errors} id={form.errorId} />
            <LimitedTextInput
              label={t("users.name")}
              name={fields.name.name}
              defaultValue={fields.name.initialValue as string | undefined}
              autoComplete="off"
              required
              limit={120}
              error={fieldError(fields.name.errors)}
            />
            <LimitedTextInput
              label={t("users.email")}
              name={fields.email.name}
              type="email"
              autoComplete="off"
              defaultValue={fields.email.initialValue as string | undefined}
              required
              limit={254}
              error={fieldError(fields.email.errors)}
            />
            {isAdmin ? (
              <NativeSelect
                label={t("users.organisation")}
                name={fields.organisationId.name}
                defaultValue={(fields.organisationId.initialValue as string | undefined) ?? ""}
                required
                error={fieldError(fields.organisationId.errors)}
                data={[{ value: "", label: t("common.choose") }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
              />
            ) : (
              <>
                <TextInput
                  label={t("users.organisation")}
                  value={ownOrganisation.name}
                  readOnly
                  error={fieldError(fields.organisationId.errors)}
                />
                <input type="hidden" name={fields.organisationId.name} value={String(ownOrganisation.id)} />
              </>
            )}
            <NativeSelect
              label={t("users.role")}
              name={fields.role.name}
              defaultValue={initialRole}
              onChange={(e) => setPicked({ formKey: form.key, role: e.currentTarget.value })}
              required
              error={fieldError(fields.role.errors)}
              data={[{ value: "", label: t("common.choose") }, ...roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))]}
            />
            {needsTeam && (
              <NativeSelect
                label={t("users.team")}
                description={t("users.teamHint")}
                name={fields.teamId.name}
                defaultValue={(fields.teamId.initialValue as string | undefined) ?? ""}
                required
                error={fieldError(fields.teamId.errors)}
                data={[{ value: "", label: t("common.choose") }, ...teams.map((x) => ({ value: String(x.id), label: x.name }))]}
              />
            )}
            <Group>
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("users.create")}
              </Button>
              <Button component={Link} to="/verwaltung/benutzer" variant="default">
                {t("common.cancel")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Card>
    </Stack>
  );
}
