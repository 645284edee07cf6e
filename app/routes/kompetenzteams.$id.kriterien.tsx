import { getFormProps, useForm } from "@conform-to/react";
import { Anchor, Badge, Button, Card, Checkbox, Group, Stack, Text, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { resultFor } from "#app/components/bundling";
import { FormErrors, useFieldError, WholeNumberInput, LimitedTextInput, LimitedTextarea } from "#app/components/forms";
import { requireAuth } from "#app/modules/auth/session.server";
import { can } from "#app/modules/auth/permissions";
import { addCriterion, getTeamCriteria, setCriterionActive, updateCriterion } from "#app/modules/workshops/criteria.server";
import { criteriaActionSchema } from "#app/modules/workshops/schema";
import { weightShare } from "#app/modules/workshops/workflow";
import { forbidden, notFound, toResponse } from "#app/utils/errors.server";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import type { RouteHandle } from "#app/utils/title";
import { redirectWithToast } from "#app/utils/toast.server";

export const handle: RouteHandle & { i18n: string[] } = {
  title: (d, t) => t("workshops:criteria.title", { team: (d as { team?: { name: string } } | undefined)?.team?.name ?? "" }),
  i18n: ["workshops"],
};

function teamIdOf(value: string | undefined): number {
  const id = Number(value);
  if (!(Number.isInteger(id) && id > 0 && id <= 2_147_483_647)) toResponse(notFound());
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request);
  const teamId = teamIdOf(params.id);
  if (!can(actor, "manage:criteria", { teamId })) toResponse(forbidden());
  return orRespond(getTeamCriteria(getDb(), actor, teamId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request);
  const teamId = teamIdOf(params.id);
  if (!can(actor, "manage:criteria", { teamId })) toResponse(forbidden());
  const { submission } = await parseForm(request, criteriaActionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  const db = getDb();
  try {
    switch (input.intent) {
      case "add":
        await addCriterion(db, actor, teamId, input);
        break;
      case "update":
        await updateCriterion(db, actor, teamId, input.criterionId, input);
        break;
      case "deactivate":
      case "activate":
        await setCriterionActive(db, actor, teamId, input.criterionId, input.intent === "activate");
        break;
    }
  } catch (error) {
    return errorReply(submission, error);
  }
  return redirectWithToast(`/kompetenzteams/${teamId}/kriterien`, { type: "success", messageKey: "workshops:toast.criteriaSaved" });
}

type Criterion = { id: number; name: string; description: string; weight: number; inverse: boolean; active: boolean };

function CriterionForm({ criterion }: { criterion?: Criterion }) {
  const { t } = useTranslation("workshops");
  const fieldError = useFieldError();
  const formKey = criterion ? String(criterion.id) : "new";
  const lastResult = resultFor(useActionData<typeof action>(), "formKey", formKey);
  const [form, fields] = useForm({ id: `criterion-${formKey}`, lastResult, shouldValidate: "onSubmit" });
  const p = criterion ? `c${criterion.id}` : "new";
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack gap="xs">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value={criterion ? "update" : "add"} />
        <input type="hidden" name="formKey" value={formKey} />
        {criterion && <input type="hidden" name="criterionId" value={criterion.id} />}
        <Group grow align="flex-start">
          <LimitedTextInput id={`${p}-name`} label={t("criteria.name")} name="name" required limit={120} defaultValue={criterion?.name ?? ""} error={fieldError(fields.name.errors)} />
          <WholeNumberInput
            id={`${p}-weight`}
            label={t("criteria.weight")}
            description={t("criteria.weightHint")}
            name="weight"
            required
            defaultValue={criterion?.weight ?? 10}
            error={fieldError(fields.weight.errors)}
          />
        </Group>
        <LimitedTextarea id={`${p}-description`} label={t("criteria.description")} name="description" autosize minRows={1} limit={500} defaultValue={criterion?.description ?? ""} error={fieldError(fields.description.errors)} />
        <Checkbox id={`${p}-inverse`} label={t("criteria.inverse")} description={t("criteria.inverseHint")} name="inverse" defaultChecked={criterion?.inverse ?? false} />
        <Group>
          <Button type="submit" variant={criterion ? "default" : "filled"}>
            {criterion ? t("criteria.save") : t("criteria.add")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

export default function CriteriaPage() {
  const { team, criteria, totalWeight } = useLoaderData<typeof loader>();
  const { t } = useTranslation("workshops");
  return (
    <Stack gap="md" maw={860}>
      <Anchor component={Link} to="/workshops">
        {t("criteria.back")}
      </Anchor>
      <Title order={1}>{t("criteria.title", { team: team.name })}</Title>
      <Text>{t("criteria.intro")}</Text>
      <Text fw={600}>{t("criteria.total", { total: totalWeight })}</Text>
      {/* Weights are relative: a sum other than 100 is fine, each criterion's share says what it counts. */}
      <Text size="sm">{t("criteria.relative")}</Text>
      {criteria.map((c) => (
        <Card key={c.id} withBorder padding="md" component="section" aria-labelledby={`c${c.id}-h`}>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id={`c${c.id}-h`}>
              {c.name}
            </Title>
            {weightShare(c.weight, c.active, totalWeight) !== null && (
              <Badge color="blue" variant="light">
                {t("criteria.share", { share: weightShare(c.weight, c.active, totalWeight) })}
              </Badge>
            )}
            {!c.active && (
              <Badge color="gray" variant="outline">
                {t("criteria.inactive")}
              </Badge>
            )}
          </Group>
          <CriterionForm criterion={c} />
          <Form method="post">
            <input type="hidden" name="intent" value={c.active ? "deactivate" : "activate"} />
            <input type="hidden" name="criterionId" value={c.id} />
            <Button type="submit" variant="subtle" size="compact-sm" mt="xs" aria-label={t(c.active ? "criteria.deactivateLabel" : "criteria.activateLabel", { name: c.name })}>
              {c.active ? t("criteria.deactivate") : t("criteria.activate")}
            </Button>
          </Form>
        </Card>
      ))}
      <Card withBorder padding="md" component="section" aria-labelledby="new-h">
        <Title order={2} size="h4" id="new-h" mb="xs">
          {t("criteria.newHeading")}
        </Title>
        <CriterionForm />
      </Card>
    </Stack>
  );
}
