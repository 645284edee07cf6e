import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, useFieldError, WholeNumberInput, LimitedTextInput, LimitedTextarea } from "#app/components/forms";
import { KeptDraft } from "#app/components/KeptDraft";
import { useMoney } from "#app/components/projects/ProjectBits";
import { requirePermission } from "#app/modules/auth/guard.server";
import { proposeProject } from "#app/modules/projects/projects.server";
import { getProposalForm } from "#app/modules/projects/queries.server";
import { LIMITS, parseCandidateIds, proposalSchema } from "#app/modules/projects/schema";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";

export const handle = { title: "projects:proposal.title", i18n: ["projects"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "manage:projects");
  const preselected = parseCandidateIds(new URL(request.url).searchParams.get("kandidaten"));
  const form = await orRespond(getProposalForm(getDb(), actor));
  return { ...form, preselected: preselected.filter((id) => form.candidates.some((c) => c.id === id)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "manage:projects");
  const { submission } = await parseForm(request, proposalSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const { id } = await proposeProject(getDb(), actor, submission.value);
    return redirectWithToast(`/projekte/${id}`, { type: "success", messageKey: "projects:toast.proposed" });
  } catch (error) {
    return errorReply(submission, error);
  }
}

export default function NewProjectPage() {
  const { candidates, users, boardThreshold, preselected } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const money = useMoney();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, fields] = useForm({
    id: "project-proposal",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposalSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const candidatesError = !!fields.candidateIds.errors?.length;
  const initial = (fields.candidateIds.initialValue as string[] | string | undefined) ?? preselected.map(String);
  const picked = new Set(Array.isArray(initial) ? initial : [initial]);
  const text = (name: keyof typeof fields) => (fields[name].initialValue as string | undefined) ?? undefined;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/projekte">
        {t("proposal.back")}
      </Anchor>
      <Title order={1}>{t("proposal.title")}</Title>
      <Text>{t("proposal.intro")}</Text>
      {candidates.length === 0 ? (
        <Text>{t("proposal.noCandidates")}</Text>
      ) : (
        <Form method="post" {...getFormProps(form)} noValidate ref={formRef}>
          <Stack gap="md" maw={820}>
            <KeptDraft formRef={formRef} name="project-new" fields={["title", "goal", "scope", "budget", "plannedStart", "plannedEnd", "leadUserId"]} />
            <FormErrors errors={form.errors} id={form.errorId} />
            <Fieldset
              legend={t("proposal.candidatesLegend")}
              id={fields.candidateIds.id}
              aria-describedby={candidatesError ? `${fields.candidateIds.id}-error ${fields.candidateIds.id}-hint` : `${fields.candidateIds.id}-hint`}
            >
              <Text size="sm" id={`${fields.candidateIds.id}-hint`} mb="xs">
                {t("proposal.candidatesHint")}
              </Text>
              {candidatesError ? (
                <Text size="sm" c="red.9" role="alert" mb="xs" id={`${fields.candidateIds.id}-error`}>
                  {fieldError(fields.candidateIds.errors)}
                </Text>
              ) : null}
              <Stack gap={6}>
                {candidates.map((c) => (
                  <Checkbox
                    key={c.id}
                    name={fields.candidateIds.name}
                    value={String(c.id)}
                    defaultChecked={picked.has(String(c.id))}
                    aria-invalid={candidatesError ? true : undefined}
                    label={c.title}
                    description={t("proposal.candidateMeta", { requirements: c.requirementCount, organisations: c.organisationCount, team: c.teamName ?? t("proposal.noTeam") })}
                  />
                ))}
              </Stack>
            </Fieldset>
            <LimitedTextInput label={t("fields.title")} name={fields.title.name} id={fields.title.id} defaultValue={text("title")} required limit={LIMITS.title} error={fieldError(fields.title.errors)} />
            <LimitedTextarea label={t("fields.goal")} name={fields.goal.name} id={fields.goal.id} defaultValue={text("goal")} required autosize minRows={2} limit={LIMITS.goal} error={fieldError(fields.goal.errors)} />
            <LimitedTextarea label={t("fields.scope")} name={fields.scope.name} id={fields.scope.id} defaultValue={text("scope")} required autosize minRows={3} limit={LIMITS.scope} error={fieldError(fields.scope.errors)} />
            <WholeNumberInput
              label={t("fields.budget")}
              description={`${t("proposal.budgetWholeEuros")} ${t("proposal.thresholdHint", { amount: money(boardThreshold) })}`}
              name={fields.budget.name}
              id={fields.budget.id}
              defaultValue={text("budget")}
              required
              error={fieldError(fields.budget.errors)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="date" label={t("fields.plannedStart")} name={fields.plannedStart.name} id={fields.plannedStart.id} defaultValue={text("plannedStart")} required error={fieldError(fields.plannedStart.errors)} />
              <TextInput type="date" label={t("fields.plannedEnd")} name={fields.plannedEnd.name} id={fields.plannedEnd.id} defaultValue={text("plannedEnd")} required error={fieldError(fields.plannedEnd.errors)} />
            </SimpleGrid>
            <NativeSelect
              label={t("fields.lead")}
              description={t("proposal.leadHint")}
              name={fields.leadUserId.name}
              id={fields.leadUserId.id}
              defaultValue={text("leadUserId") ?? ""}
              required
              data={[{ value: "", label: t("proposal.choose") }, ...users.map((u) => ({ value: String(u.id), label: `${u.name} (${u.organisationName})` }))]}
              error={fieldError(fields.leadUserId.errors)}
            />
            <Group>
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("proposal.submit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </Stack>
  );
}
