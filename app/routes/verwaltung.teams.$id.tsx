import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Card, Checkbox, Group, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { ConfirmedSubmit, FormErrors, useFieldError, LimitedTextInput, LimitedTextarea } from "#app/components/forms";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can } from "#app/modules/auth/permissions";
import { createTeam, getTeam, updateTeam } from "#app/modules/organisations/organisations.server";
import { teamSchema } from "#app/modules/organisations/schema";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import { redirectWithToast } from "#app/utils/toast.server";
import type { RouteHandle } from "#app/utils/title";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle: RouteHandle = {
  title: (data, t) => {
    const team = (data as { team?: { name: string } | null } | undefined)?.team;
    return team ? t("admin:teams.editTitle", { name: team.name }) : t("admin:teams.newTitle");
  },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:teams");
  if (params.id === "neu") return { team: null, mayOpenCriteria: false };
  const id = idParam(params.id);
  const team = await orRespond(getTeam(getDb(), id));
  return {
    team: {
      id: team.id,
      name: team.name,
      description: team.description,
      active: team.active,
      openWork: team.openWork,
      members: team.members.map((m, i) => ({
        key: `${m.id}-${m.role}-${i}`,
        userId: m.id,
        name: m.name,
        organisationName: m.organisationName,
        role: m.role,
      })),
    },
    // The criteria live on the team's own page; linked only where the viewer may open it.
    mayOpenCriteria: can(actor, "manage:criteria", { teamId: team.id }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:teams");
  const isNew = params.id === "neu";
  const id = isNew ? null : idParam(params.id);
  const { submission } = await parseForm(request, teamSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    if (id === null) await createTeam(getDb(), actor, submission.value);
    else await updateTeam(getDb(), actor, id, submission.value);
  } catch (error) {
    return errorReply(submission, error);
  }
  return redirectWithToast("/verwaltung/teams", {
    type: "success",
    messageKey: isNew ? "admin:teams.created" : "admin:teams.saved",
    values: { name: submission.value.name },
  });
}

export default function TeamEditPage() {
  const { team, mayOpenCriteria } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `team-${team?.id ?? "new"}`,
    lastResult,
    defaultValue: {
      name: team?.name ?? "",
      description: team?.description ?? "",
      active: team ? (team.active ? "on" : undefined) : "on",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: teamSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // Unticking "Aktiv" of a team with open candidates or planned workshops asks first (the server requires confirm=yes).
  const [active, setActive] = useState(fields.active.initialValue === "on");
  const work = team?.openWork;
  const asks = !!team?.active && !active && !!work && (work.candidates > 0 || work.plannedWorkshops > 0);
  const parts = work ? [work.candidates > 0 && t("teams.openCandidates", { count: work.candidates }), work.plannedWorkshops > 0 && t("teams.plannedWorkshops", { count: work.plannedWorkshops })].filter(Boolean) : [];
  const question = t("teams.confirmDeactivateText", { name: team?.name, work: parts.length === 2 ? t("teams.both", { first: parts[0], second: parts[1] }) : (parts[0] ?? "") });
  return (
    <Stack maw={760}>
      <Anchor component={Link} to="/verwaltung/teams" className="no-print">
        {t("teams.back")}
      </Anchor>
      <Title order={2}>{team ? t("teams.editTitle", { name: team.name }) : t("teams.newTitle")}</Title>
      {team && mayOpenCriteria && (
        <Anchor component={Link} to={`/kompetenzteams/${team.id}/kriterien`} className="no-print">
          {t("teams.criteriaLink")}
        </Anchor>
      )}
      <Card withBorder padding="lg">
        <Form method="post" {...getFormProps(form)} key={form.key}>
          <Stack gap="sm">
            <FormErrors errors={form.errors} id={form.errorId} />
            <LimitedTextInput
              label={t("teams.name")}
              name={fields.name.name}
              defaultValue={fields.name.initialValue as string | undefined}
              required
              limit={120}
              error={fieldError(fields.name.errors)}
            />
            <LimitedTextarea
              label={t("teams.description")}
              name={fields.description.name}
              defaultValue={fields.description.initialValue as string | undefined}
              autosize
              minRows={3}
              limit={2000}
              error={fieldError(fields.description.errors)}
            />
            <Checkbox
              label={t("teams.active")}
              description={t("teams.activeHint")}
              name={fields.active.name}
              defaultChecked={fields.active.initialValue === "on"}
              onChange={(e) => setActive(e.currentTarget.checked)}
              error={fieldError(fields.active.errors)}
            />
            <Group align="flex-start">
              {team ? (
                <ConfirmedSubmit
                  formId={form.id}
                  label={t("common.save")}
                  dialogTitle={t("teams.confirmDeactivateTitle", { name: team.name })}
                  question={question}
                  confirmLabel={t("teams.confirmDeactivate")}
                  needsConfirm={!!fields.confirm.errors?.length}
                  ask={asks}
                />
              ) : (
                <Button type="submit" loading={navigation.state === "submitting"}>
                  {t("teams.create")}
                </Button>
              )}
              <Button component={Link} to="/verwaltung/teams" variant="default">
                {t("common.cancel")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Card>
      {team && (
        <Stack gap="xs">
          <Title order={3}>{t("teams.membersHeading")}</Title>
          <Text>{t("teams.membersHint")}</Text>
          {team.members.length === 0 ? (
            <Text>{t("teams.noMembers")}</Text>
          ) : (
            <ScrollTable minWidth={520}>
              <Table striped withTableBorder captionSide="top">
                <Table.Caption>{t("teams.membersCaption", { name: team.name })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("users.name")}</Table.Th>
                    <Table.Th scope="col">{t("users.organisation")}</Table.Th>
                    <Table.Th scope="col">{t("users.role")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {team.members.map((m) => (
                    <Table.Tr key={m.key}>
                      <Table.Th scope="row" fw={500}>
                        <Anchor component={Link} size="sm" to={`/verwaltung/benutzer/${m.userId}`}>
                          {m.name}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{m.organisationName}</Table.Td>
                      <Table.Td>{t(`common:roles.${m.role}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Stack>
      )}
    </Stack>
  );
}
