import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { ConfirmedIntentForm, ConfirmedSubmit, FormErrors, useFieldError, useIntentResult, LimitedTextInput } from "#app/components/forms";
import { requirePermission } from "#app/modules/auth/guard.server";
import { assignableRoles, can, roleScope, type Role } from "#app/modules/auth/permissions";
import { requireAuth } from "#app/modules/auth/session.server";
import { listOrganisations, listTeams } from "#app/modules/organisations/organisations.server";
import { addRoleSchema, updateUserSchema, userActionSchema } from "#app/modules/users/schema";
import { anonymiseUser } from "#app/modules/users/account.server";
import { addRole, getUserDetail, issueSetupLink, removeRole, setUserActive, updateUser } from "#app/modules/users/users.server";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import { redirectWithToast } from "#app/utils/toast.server";
import type { RouteHandle } from "#app/utils/title";
import { ScrollTable } from "#app/components/ScrollTable";
import { formatDate } from "#app/utils/format";
import { revalidateOnConflict } from "#app/utils/revalidate";

export const handle: RouteHandle = {
  title: (loaderData, t) => {
    const user = (loaderData as { user?: { name: string } } | undefined)?.user;
    return user ? t("admin:users.detailTitle", { name: user.name }) : t("admin:users.title");
  },
};

/** A refusal because the record moved on (409) re-reads the page. */
export const shouldRevalidate = revalidateOnConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = idParam(params.id);
  const { actor } = await requireAuth(request);
  const db = getDb();
  // Out-of-scope users are reported as not found by the use case.
  const user = await orRespond(getUserDetail(db, actor, userId));
  await requirePermission(request, "manage:users", { organisationId: user.organisationId });
  const isAdmin = can(actor, "admin:users");
  const roles = assignableRoles(actor);
  const withTeams = roles.some((r) => roleScope(r) === "team");
  const [organisations, teams] = await Promise.all([
    isAdmin ? listOrganisations(db) : Promise.resolve([]),
    withTeams ? listTeams(db) : Promise.resolve([]),
  ]);
  return {
    user,
    isAdmin,
    isSelf: user.id === actor.userId,
    assignable: roles,
    organisations: organisations.filter((o) => o.active || o.id === user.organisationId).map((o) => ({ id: o.id, name: o.name })),
    teams: teams.filter((x) => x.active).map((x) => ({ id: x.id, name: x.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const userId = idParam(params.id);
  const { actor } = await requireAuth(request);
  const db = getDb();
  const target = await orRespond(getUserDetail(db, actor, userId));
  await requirePermission(request, "manage:users", { organisationId: target.organisationId });
  const { submission } = await parseForm(request, userActionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  const self = `/verwaltung/benutzer/${userId}`;
  try {
    switch (input.intent) {
      case "update":
        await updateUser(db, actor, userId, { name: input.name, email: input.email, organisationId: input.organisationId, version: input.version });
        return redirectWithToast(self, { type: "success", messageKey: "admin:users.saved", values: { name: input.name } });
      case "addRole":
        await addRole(db, actor, userId, input.role, input.teamId);
        return redirectWithToast(self, { type: "success", messageKey: "admin:users.roleAdded" });
      case "removeRole":
        await removeRole(db, actor, userId, input.assignmentId);
        return redirectWithToast(self, { type: "success", messageKey: "admin:users.roleRemoved" });
      case "deactivate":
      case "reactivate":
        await setUserActive(db, actor, userId, input.intent === "reactivate");
        return redirectWithToast(self, {
          type: "success",
          messageKey: input.intent === "reactivate" ? "admin:users.reactivated" : "admin:users.deactivated",
          values: { name: target.name },
        });
      case "anonymise":
        await anonymiseUser(db, actor, userId);
        return redirectWithToast("/verwaltung/benutzer", { type: "success", messageKey: "admin:users.anonymised" });
      case "newLink": {
        const token = await issueSetupLink(db, actor, userId);
        const url = `${new URL(request.url).origin}/passwort-setzen/${token}`;
        // No e-mail delivery yet: the link is shown once to the admin and written to the server log.
        console.log(`Einrichtungslink für ${target.email}: ${url}`);
        return data({ ...submission.reply(), setupLink: url });
      }
    }
  } catch (error) {
    return errorReply(submission, error);
  }
}

type Reply = SubmissionResult<string[]> & { setupLink?: string };

export default function UserDetailPage() {
  const { user, isAdmin, isSelf, assignable, organisations, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Reply | undefined;
  const { t, i18n } = useTranslation("admin");
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";

  // Each form gets back only its own result, and drops an earlier refusal once another form of the page was sent.
  const intent = (actionData?.initialValue as Record<string, unknown> | undefined)?.intent;
  const updateResult = useIntentResult("update");
  const addRoleResult = useIntentResult("addRole");
  // Steps with a form of their own show their refusals there.
  const ownForm = ["update", "addRole", "removeRole", "deactivate", "anonymise"];
  const otherErrors = !ownForm.includes(String(intent)) ? actionData?.error?.[""] ?? undefined : undefined;
  // A refused removal is told in the roles section; without confirmation (no JS) its row asks inline.
  const removeResult = useIntentResult("removeRole");
  const removeErrors = removeResult?.error?.[""] ?? undefined;
  const askRemove = removeResult?.error?.confirm ? String((removeResult.initialValue as Record<string, unknown> | null)?.assignmentId ?? "") : null;
  const setupLink = actionData?.setupLink;
  const deactivateResult = useIntentResult("deactivate");
  const anonymiseResult = useIntentResult("anonymise");

  const [updateForm, updateFields] = useForm({
    id: `user-${user.id}-update`,
    lastResult: updateResult,
    defaultValue: { name: user.name, email: user.email, organisationId: String(user.organisationId) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateUserSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  const [roleForm, roleFields] = useForm({
    id: `user-${user.id}-add-role`,
    lastResult: addRoleResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addRoleSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const initialRole = (roleFields.role.initialValue as string | undefined) ?? "";
  const [picked, setPicked] = useState({ formKey: roleForm.key, role: initialRole });
  // A reset form (new key) starts again from its initial role.
  if (picked.formKey !== roleForm.key) setPicked({ formKey: roleForm.key, role: initialRole });
  const newRole = picked.role;
  const needsTeam =
    (newRole !== "" && assignable.includes(newRole as Role) && roleScope(newRole as Role) === "team") || !!roleFields.teamId.errors;

  const scopeLabel = (r: (typeof user.roles)[number]) => {
    const scope = roleScope(r.role as Role);
    if (scope === "team") return t("users.scopeTeam", { name: r.teamName ?? "–" });
    if (scope === "organisation") return r.organisationName ?? user.organisationName;
    return t("users.scopeAssociation");
  };
  const roleLabel = (r: (typeof user.roles)[number]) => `${t(`common:roles.${r.role}`)}${r.teamName ? ` (${r.teamName})` : ""}`;

  const header = (
    <>
      <Anchor component={Link} to="/verwaltung/benutzer" className="no-print">
        {t("users.back")}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={2}>{t("users.detailTitle", { name: user.name })}</Title>
        <Badge color={user.anonymisedAt ? "gray.8" : user.active ? "teal.9" : "gray.8"} variant="filled" size="lg">
          {user.anonymisedAt ? t("users.anonymisedStatus") : user.active ? t("users.active") : t("users.inactiveStatus")}
        </Badge>
      </Group>
    </>
  );
  // The administration can hand a person their data even when they can no longer sign in.
  const exportCard = isAdmin && (
    <Card withBorder padding="lg" component="section" aria-labelledby="user-export-heading" className="no-print">
      <Title order={3} id="user-export-heading" mb="sm">
        {t("users.exportHeading")}
      </Title>
      <Text mb="xs">{t("users.exportHint")}</Text>
      {/* A link like „Meine Daten herunterladen“ on /konto: it wraps on a phone where a button would cut it off. */}
      <Anchor href={`/verwaltung/benutzer/${user.id}/daten`} download>
        {t("users.exportData")}
      </Anchor>
    </Card>
  );

  // Anonymisation is final: the page only tells what is left, and offers no step that changes the account.
  if (user.anonymisedAt) {
    return (
      <Stack maw={860}>
        {header}
        {/* A form from a tab loaded before the anonymisation is refused; the refusal shows here. */}
        <FormErrors errors={actionData?.error?.[""] ?? undefined} />
        <Card withBorder padding="lg" component="section" aria-labelledby="user-data-heading">
          <Title order={3} id="user-data-heading" mb="sm">
            {t("users.dataHeading")}
          </Title>
          <Stack gap="xs">
            <Text fw={700}>{t("users.anonymisedOn", { date: formatDate(user.anonymisedAt, i18n.language, true) })}</Text>
            <Text>{t("users.anonymisedHint")}</Text>
            <Text>
              {t("users.organisation")}: {user.organisationName}
            </Text>
          </Stack>
        </Card>
        {exportCard}
      </Stack>
    );
  }

  return (
    <Stack maw={860}>
      {header}
      <Text>{user.hasPassword ? t("users.hasPassword") : t("users.noPassword")}</Text>
      <FormErrors errors={otherErrors} />

      <Card withBorder padding="lg" component="section" aria-labelledby="user-data-heading">
        <Title order={3} id="user-data-heading" mb="sm">
          {t("users.dataHeading")}
        </Title>
        <Form method="post" {...getFormProps(updateForm)} key={updateForm.key}>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="version" value={user.version} />
          <Stack gap="sm">
            <FormErrors errors={updateForm.errors} id={updateForm.errorId} />
            <LimitedTextInput
              label={t("users.name")}
              name={updateFields.name.name}
              defaultValue={updateFields.name.initialValue as string | undefined}
              autoComplete="off"
              required
              limit={120}
              error={fieldError(updateFields.name.errors)}
            />
            <LimitedTextInput
              label={t("users.email")}
              name={updateFields.email.name}
              type="email"
              autoComplete="off"
              defaultValue={updateFields.email.initialValue as string | undefined}
              required
              limit={254}
              error={fieldError(updateFields.email.errors)}
            />
            {isAdmin ? (
              <NativeSelect
                label={t("users.organisation")}
                description={t("users.organisationHint")}
                name={updateFields.organisationId.name}
                defaultValue={(updateFields.organisationId.initialValue as string | undefined) ?? ""}
                required
                error={fieldError(updateFields.organisationId.errors)}
                data={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
              />
            ) : (
              <>
                <TextInput label={t("users.organisation")} value={user.organisationName} readOnly />
                <input type="hidden" name={updateFields.organisationId.name} value={String(user.organisationId)} />
              </>
            )}
            <Group>
              <Button type="submit" loading={busy && navigation.formData?.get("intent") === "update"}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="user-roles-heading">
        <Title order={3} id="user-roles-heading" mb="sm">
          {t("users.rolesHeading")}
        </Title>
        <FormErrors errors={removeErrors} />
        {user.roles.length === 0 ? (
          <Text>{t("users.noRoles")}</Text>
        ) : (
          <ScrollTable minWidth={520}>
            <Table withTableBorder striped captionSide="top">
              <Table.Caption>{t("users.rolesCaption", { name: user.name })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("users.role")}</Table.Th>
                  <Table.Th scope="col">{t("users.scope")}</Table.Th>
                  <Table.Th scope="col" className="no-print">
                    {t("users.actions")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {user.roles.map((r) => {
                  // The same refusals as removeRole: never the last role, nor one's own admin or (for a lead) lead role.
                  const removable =
                    assignable.includes(r.role as Role) &&
                    user.roles.length > 1 &&
                    !(isSelf && r.role === "admin") &&
                    !(isSelf && r.role === "member_lead" && !isAdmin);
                  return (
                    <Table.Tr key={r.id}>
                      <Table.Th scope="row" fw={500}>
                        {t(`common:roles.${r.role}`)}
                      </Table.Th>
                      <Table.Td>{scopeLabel(r)}</Table.Td>
                      <Table.Td className="no-print">
                        {removable ? (
                          <Form method="post" id={`remove-role-${r.id}`}>
                            <input type="hidden" name="intent" value="removeRole" />
                            <input type="hidden" name="assignmentId" value={r.id} />
                            <ConfirmedSubmit
                              formId={`remove-role-${r.id}`}
                              label={t("users.removeRole")}
                              ariaLabel={t("users.removeRoleLabel", { role: roleLabel(r) })}
                              question={t("users.removeRoleQuestion", { role: roleLabel(r), name: user.name })}
                              confirmLabel={t("users.removeRoleConfirm")}
                              needsConfirm={askRemove === String(r.id)}
                              color="red"
                              variant="default"
                              size="compact-sm"
                            />
                          </Form>
                        ) : (
                          "–"
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {user.roles.length === 1 && assignable.includes(user.roles[0].role as Role) && <Text mt="xs">{t(isSelf ? "users.ownLastRoleHint" : "users.lastRoleHint")}</Text>}

        {assignable.length > 0 && (
          <Form method="post" {...getFormProps(roleForm)} key={roleForm.key} className="no-print">
            <input type="hidden" name="intent" value="addRole" />
            <Stack gap="sm" mt="md">
              <Title order={4}>{t("users.addRoleHeading")}</Title>
              <FormErrors errors={roleForm.errors} id={roleForm.errorId} />
              <Group align="flex-start" gap="sm">
                <NativeSelect
                  label={t("users.role")}
                  name={roleFields.role.name}
                  defaultValue={initialRole}
                  onChange={(e) => setPicked({ formKey: roleForm.key, role: e.currentTarget.value })}
                  required
                  error={fieldError(roleFields.role.errors)}
                  data={[{ value: "", label: t("common.choose") }, ...assignable.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))]}
                  style={{ flex: "1 1 14rem" }}
                />
                {needsTeam && (
                  <NativeSelect
                    label={t("users.team")}
                    name={roleFields.teamId.name}
                    defaultValue={(roleFields.teamId.initialValue as string | undefined) ?? ""}
                    required
                    error={fieldError(roleFields.teamId.errors)}
                    data={[{ value: "", label: t("common.choose") }, ...teams.map((x) => ({ value: String(x.id), label: x.name }))]}
                    style={{ flex: "1 1 14rem" }}
                  />
                )}
              </Group>
              <Group>
                <Button type="submit" variant="default" loading={busy && navigation.formData?.get("intent") === "addRole"}>
                  {t("users.addRole")}
                </Button>
              </Group>
            </Stack>
          </Form>
        )}
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="user-access-heading" className="no-print">
        <Title order={3} id="user-access-heading" mb="sm">
          {t("users.accessHeading")}
        </Title>
        <Stack gap="md">
          {user.active && (
            <Stack gap="xs">
              <Text>{user.hasPassword ? t("users.newLinkHintReset") : t("users.newLinkHint")}</Text>
              <Form method="post">
                <input type="hidden" name="intent" value="newLink" />
                <Button type="submit" variant="default" loading={busy && navigation.formData?.get("intent") === "newLink"}>
                  {t("users.newLink")}
                </Button>
              </Form>
              {setupLink && (
                <Alert
                  color="green"
                  role="status"
                  styles={{ title: { color: "var(--mantine-color-text)" } }}
                  title={t("users.newLinkCreated")}
                >
                  <Group align="flex-end" gap="xs" wrap="nowrap">
                    <TextInput
                      label={t("users.setupLink")}
                      value={setupLink}
                      readOnly
                      onFocus={(e) => e.currentTarget.select()}
                      style={{ flex: 1 }}
                    />
                    <CopyButton value={setupLink}>
                      {({ copied, copy }) => (
                        <Button onClick={copy} variant="default">
                          {copied ? t("users.copied") : t("users.copyLink")}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                </Alert>
              )}
            </Stack>
          )}
          {user.active ? (
            !isSelf && (
              <Stack gap="xs">
                <Text>{t("users.deactivateHint")}</Text>
                <ConfirmedIntentForm
                  id={`user-${user.id}-deactivate`}
                  intent="deactivate"
                  lastResult={deactivateResult}
                  label={t("users.deactivate")}
                  dialogTitle={t("users.confirmDeactivateTitle", { name: user.name })}
                  question={t("users.confirmDeactivateText", { name: user.name, email: user.email })}
                  confirmLabel={t("users.confirmDeactivate")}
                  color="red"
                  variant="default"
                />
              </Stack>
            )
          ) : (
            <Stack gap="xs">
              <Text>{t("users.reactivateHint")}</Text>
              <Form method="post">
                <input type="hidden" name="intent" value="reactivate" />
                <Button type="submit" loading={busy && navigation.formData?.get("intent") === "reactivate"}>
                  {t("users.reactivate")}
                </Button>
              </Form>
            </Stack>
          )}
          {isAdmin && !isSelf && (
            <Stack gap="xs">
              <Text>{t("users.anonymiseHint")}</Text>
              <ConfirmedIntentForm
                id={`user-${user.id}-anonymise`}
                intent="anonymise"
                lastResult={anonymiseResult}
                label={t("users.anonymise")}
                dialogTitle={t("users.confirmAnonymiseTitle", { name: user.name })}
                question={t("users.confirmAnonymiseText", { name: user.name, email: user.email })}
                confirmLabel={t("users.confirmAnonymise")}
                color="red"
                variant="default"
              />
            </Stack>
          )}
        </Stack>
      </Card>
      {exportCard}
    </Stack>
  );
}
