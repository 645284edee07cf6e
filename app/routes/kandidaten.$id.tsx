import { getFormProps, useForm } from "@conform-to/react";
import { isolateBidi } from "#app/modules/i18n/bidi";
import { parseWithZod } from "@conform-to/zod";
import {
  Anchor,
  Checkbox,
  Fieldset,
  List,
  NativeSelect,
  SimpleGrid,
  Text,
} from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { CandidateStatusBadge, PopulationValue, RequirementTitleLink, useDateFormat } from "#app/components/bundling";
import { ProjectNote } from "#app/components/projects/ProjectBits";
import { CandidateOrganisationsTable } from "#app/components/CandidateOrganisationsTable";
import { AddRequirementForm } from "#app/components/AddRequirementForm";
import { latestCandidateProject } from "#app/modules/projects/outcome.server";
import { ConfirmedSubmit, FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult, LimitedTextInput, LimitedTextarea } from "#app/components/forms";
import { PlainButton, PlainCard, PlainGroup, PlainStack, PlainText, PlainTitle } from "#app/components/plain/layout";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can } from "#app/modules/auth/permissions";
import {
  addCandidateComment,
  addRequirementToCandidate,
  assignTeam,
  findMergedCandidate,
  getCandidateDetail,
  mergeCandidates,
  removeRequirementFromCandidate,
  splitCandidate,
  updateCandidate,
  type CandidateDetail,
} from "#app/modules/bundling/candidates.server";
import { candidateActionSchema, CURATION_INTENTS, LIMITS } from "#app/modules/bundling/schema";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import type { RouteHandle } from "#app/utils/title";
import { AppError } from "#app/utils/errors.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { formatDate } from "#app/utils/format";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { idParam } from "#app/utils/params.server";
import { Fact } from "#app/components/Fact";
import { ScrollTable } from "#app/components/ScrollTable";
import { teamLine } from "#app/components/teams";
import { PrintButton } from "#app/components/PrintButton";
import { PageSection } from "#app/components/PageSection";
import { cosignQuantityText } from "#app/components/requirements/cosignQuantity";

export const handle: RouteHandle & { i18n: string[] } = {
  title: (data, t) => (data as { candidate?: { title: string } } | undefined)?.candidate?.title ?? t("bundling:detail.title"),
  i18n: ["bundling"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const id = idParam(params.id);
  // A candidate merged into another keeps its address: notices and bookmarks lead to where it went.
  const merged = await findMergedCandidate(getDb(), actor, id);
  if (merged) {
    const date = formatDate(merged.mergedAt, await i18nServer.getLocale(request));
    throw await redirectWithToast(`/kandidaten/${merged.intoId}`, {
      type: "info",
      messageKey: "bundling:toast.mergedAway",
      values: { title: merged.title, into: merged.intoTitle, date },
    });
  }
  const candidate = await orRespond(getCandidateDetail(getDb(), actor, id));
  // What became of it: the project it went into (projects are open to every member).
  const project = await latestCandidateProject(getDb(), id);
  return {
    candidate,
    project,
    mayPropose: candidate.status === "prioritised" && can(actor, "manage:projects"),
    // Only those who can enter a missing population are told where.
    mayRecordPopulation: can(actor, "admin:organisations"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const id = idParam(params.id);
  const { formData, submission } = await parseForm(request, candidateActionSchema);
  // Curation needs the requirements manager's permission whatever else the form says.
  if ((CURATION_INTENTS as readonly unknown[]).includes(formData.get("intent"))) await requirePermission(request, "manage:candidates");
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  const db = getDb();
  const here = `/kandidaten/${id}`;
  try {
    switch (input.intent) {
      case "edit":
        await updateCandidate(db, actor, id, input);
        return redirectWithToast(here, { type: "success", messageKey: "bundling:toast.saved" });
      case "add":
        await addRequirementToCandidate(db, actor, id, input.requirementId);
        // Named by its number: a mistyped number shows at once which requirement came in.
        return redirectWithToast(`${here}#anforderungen`, { type: "success", messageKey: "bundling:toast.addedNumber", values: { id: String(input.requirementId) } });
      case "remove":
        try {
          await removeRequirementFromCandidate(db, actor, id, input.requirementId);
        } catch (error) {
          // Removed in another tab already: the page is read again, the message says why it changed.
          if (error instanceof AppError && error.messageKey === "bundling:errors.removeStale") {
            return redirectWithToast(`${here}#anforderungen`, { type: "error", messageKey: error.messageKey });
          }
          throw error;
        }
        return redirectWithToast(here, { type: "success", messageKey: "bundling:toast.removed" });
      case "merge":
        await mergeCandidates(db, actor, id, input.otherId);
        return redirectWithToast(here, { type: "success", messageKey: "bundling:toast.merged" });
      case "split": {
        const created = await splitCandidate(db, actor, id, input);
        return redirectWithToast(`/kandidaten/${created.id}`, { type: "success", messageKey: "bundling:toast.split", values: { title: input.title } });
      }
      case "team":
        await assignTeam(db, actor, id, input.teamId, input.version);
        return redirectWithToast(here, { type: "success", messageKey: input.teamId ? "bundling:toast.teamAssigned" : "bundling:toast.teamRemoved" });
      case "comment":
        await addCandidateComment(db, actor, id, input.body);
        return redirectWithToast(`${here}#kommentare`, { type: "success", messageKey: "bundling:toast.commented" });
    }
  } catch (error) {
    return errorReply(submission, error);
  }
}

type Candidate = CandidateDetail;

function EditForm({ c }: { c: Candidate }) {
  const { t } = useTranslation("bundling");
  const fieldError = useFieldError();
  const result = useIntentResult("edit");
  const generation = useFreshAfterSuccess("edit", result);
  const [form, fields] = useForm({
    id: `candidate-edit-${generation}`,
    lastResult: result,
    defaultValue: { title: c.title, summary: c.summary },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: candidateActionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="no-print" {...getFormProps(form)} key={`${form.key}-${c.version}`}>
      <PlainStack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="version" value={c.version} />
        <LimitedTextInput
          label={t("detail.titleLabel")}
          name={fields.title.name}
          id={fields.title.id}
          defaultValue={fields.title.initialValue as string | undefined}
          required
          limit={LIMITS.title}
          error={fieldError(fields.title.errors)}
        />
        <LimitedTextarea
          label={t("detail.summaryLabel")}
          name={fields.summary.name}
          id={fields.summary.id}
          defaultValue={fields.summary.initialValue as string | undefined}
          autosize
          minRows={3}
          limit={LIMITS.summary}
          error={fieldError(fields.summary.errors)}
        />
        <PlainGroup>
          <PlainButton type="submit">{t("detail.save")}</PlainButton>
        </PlainGroup>
      </PlainStack>
    </Form>
  );
}

function TeamForm({ c }: { c: Candidate }) {
  const { t } = useTranslation("bundling");
  const fieldError = useFieldError();
  const result = useIntentResult("team");
  const generation = useFreshAfterSuccess("team", result);
  const [form, fields] = useForm({
    id: `candidate-team-${generation}`,
    lastResult: result,
    defaultValue: { teamId: c.teamId ? String(c.teamId) : "" },
  });
  const teams = c.curation?.teams ?? [];
  const inactive = teams.find((team) => team.id === c.teamId && !team.active);
  return (
    <Form method="post" className="no-print" {...getFormProps(form)} key={`${form.key}-${c.version}`}>
      <PlainStack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="team" />
        <input type="hidden" name="version" value={c.version} />
        <NativeSelect
          label={t("detail.teamLabel")}
          name={fields.teamId.name}
          id={fields.teamId.id}
          defaultValue={(fields.teamId.initialValue as string | undefined) ?? ""}
          data={[
            { value: "", label: t("detail.noTeamOption") },
            ...teams.map((team) => ({ value: String(team.id), label: team.active ? team.name : t("detail.inactiveTeamOption", { team: team.name }) })),
          ]}
          description={inactive ? t("detail.inactiveTeamHint", { team: inactive.name }) : undefined}
          error={fieldError(fields.teamId.errors)}
        />
        <PlainGroup>
          <PlainButton type="submit">{t("detail.assign")}</PlainButton>
        </PlainGroup>
      </PlainStack>
    </Form>
  );
}

function MergeForm({ c }: { c: Candidate }) {
  const { t } = useTranslation("bundling");
  const fieldError = useFieldError();
  const result = useIntentResult("merge");
  const generation = useFreshAfterSuccess("merge", result);
  const [form, fields] = useForm({ id: `candidate-merge-${generation}`, lastResult: result });
  const targets = c.curation?.mergeTargets ?? [];
  // The dialog names the candidate that will disappear: the one chosen (or, without JS, the one sent).
  const [chosen, setChosen] = useState((fields.otherId.initialValue as string | undefined) ?? "");
  const other = targets.find((o) => String(o.id) === chosen)?.title;
  // After a merge the chosen candidate is gone from the list: the field starts empty again.
  const value = other ? chosen : "";
  if (targets.length === 0) return <PlainText size="sm">{t("detail.noMergeTargets")}</PlainText>;
  return (
    <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
      <PlainStack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <PlainText size="sm">{t("detail.mergeHint", { title: c.title })}</PlainText>
        <input type="hidden" name="intent" value="merge" />
        <NativeSelect
          label={t("detail.mergeLabel")}
          name={fields.otherId.name}
          id={fields.otherId.id}
          value={value}
          onChange={(event) => setChosen(event.currentTarget.value)}
          required
          data={[{ value: "", label: t("detail.chooseCandidate") }, ...targets.map((o) => ({ value: String(o.id), label: o.title }))]}
          error={fieldError(fields.otherId.errors)}
        />
        <ConfirmedSubmit
          formId={form.id}
          label={t("detail.merge")}
          dialogTitle={other ? t("detail.mergeDialogTitleNamed", { other, title: c.title }) : t("detail.mergeDialogTitle")}
          question={other ? t("detail.mergeQuestionNamed", { other, title: c.title }) : t("detail.mergeQuestion", { title: c.title })}
          confirmLabel={t("detail.mergeConfirm")}
          color="red"
          variant="default"
          needsConfirm={!!fields.confirm.errors?.length && !fields.otherId.errors?.length}
        />
      </PlainStack>
    </Form>
  );
}

function SplitForm({ c }: { c: Candidate }) {
  const { t } = useTranslation("bundling");
  const fieldError = useFieldError();
  const result = useIntentResult("split");
  // A split leads to the new candidate: this page's form starts afresh there.
  const generation = useFreshAfterSuccess("split", result);
  const [form, fields] = useForm({ id: `candidate-split-${generation}`, lastResult: result });
  const picked = new Set(((fields.requirementIds.initialValue as string[] | string | undefined) ?? []).toString().split(","));
  // The dialog names how many requirements go where: read from the form as it is filled in.
  const [choice, setChoice] = useState({ count: c.requirements.filter((r) => picked.has(String(r.id))).length, title: (fields.title.initialValue as string | undefined) ?? "" });
  return (
    <Form
      method="post"
      className="no-print"
      {...getFormProps(form)}
      key={form.key}
      onChange={(event) => {
        const data = new FormData(event.currentTarget);
        setChoice({ count: data.getAll(fields.requirementIds.name).length, title: String(data.get(fields.title.name) ?? "").trim() });
      }}
    >
      <PlainStack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="split" />
        <Fieldset legend={t("detail.splitLabel")} id={fields.requirementIds.id} aria-describedby={`${fields.requirementIds.id}-hint`}>
          <PlainText size="sm" c="dimmed" id={`${fields.requirementIds.id}-hint`} mb="xs">
            {t("detail.splitHint")}
          </PlainText>
          {fields.requirementIds.errors?.length ? (
            <Text size="sm" c="red.9" role="alert" mb="xs">
              {fieldError(fields.requirementIds.errors)}
            </Text>
          ) : null}
          <PlainStack gap={6}>
            {c.requirements.map((r) => (
              <Checkbox key={r.id} name={fields.requirementIds.name} value={String(r.id)} label={r.title} defaultChecked={picked.has(String(r.id))} />
            ))}
          </PlainStack>
        </Fieldset>
        <LimitedTextInput
          label={t("detail.splitTitleLabel")}
          name={fields.title.name}
          id={fields.title.id}
          defaultValue={fields.title.initialValue as string | undefined}
          required
          limit={LIMITS.title}
          error={fieldError(fields.title.errors)}
        />
        <ConfirmedSubmit
          formId={form.id}
          label={t("detail.split")}
          dialogTitle={t("detail.splitDialogTitle")}
          question={
            choice.count > 0 && choice.title
              ? t("detail.splitQuestionNamed", { count: choice.count, title: c.title, newTitle: choice.title })
              : t("detail.splitQuestion")
          }
          ask={choice.count > 0}
          confirmLabel={t("detail.splitConfirm")}
          color="red"
          variant="default"
          needsConfirm={!!fields.confirm.errors?.length && !fields.title.errors?.length && !fields.requirementIds.errors?.length}
        />
      </PlainStack>
    </Form>
  );
}

function CommentForm() {
  const { t } = useTranslation("bundling");
  const fieldError = useFieldError();
  const result = useIntentResult("comment");
  const generation = useFreshAfterSuccess("comment", result);
  const [form, fields] = useForm({
    id: `candidate-comment-${generation}`,
    lastResult: result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: candidateActionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
      <PlainStack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="comment" />
        <LimitedTextarea
          label={t("detail.commentLabel")}
          name={fields.body.name}
          id={fields.body.id}
          required
          autosize
          minRows={3}
          limit={LIMITS.comment}
          error={fieldError(fields.body.errors)}
        />
        <PlainGroup>
          <PlainButton type="submit">{t("detail.comment")}</PlainButton>
        </PlainGroup>
      </PlainStack>
    </Form>
  );
}

function EventText({ e }: { e: Candidate["events"][number] }) {
  const { t } = useTranslation("bundling");
  const fmt = useDateFormat();
  const requirement = e.requirementId ? (
    <Anchor component={Link} to={`/anforderungen/${e.requirementId}`} size="sm">
      {e.requirementTitle}
    </Anchor>
  ) : null;
  const other = e.otherId ? (
    <Anchor component={Link} to={`/kandidaten/${e.otherId}`} size="sm">
      {e.otherTitle}
    </Anchor>
  ) : (
    e.otherTitle
  );
  switch (e.kind) {
    case "created":
      return <>{t("events.created", { count: e.count ?? 0 })}</>;
    case "edited":
      return <>{t("events.edited")}</>;
    case "requirement_added":
      return requirement ? (
        <>
          {t("events.requirementAdded")} {requirement}
        </>
      ) : (
        <>{t("events.hiddenAdded")}</>
      );
    case "requirement_removed":
      return requirement ? (
        <>
          {t("events.requirementRemoved")} {requirement}
        </>
      ) : (
        <>{t("events.hiddenRemoved")}</>
      );
    case "merged_in":
      return (
        <>
          {t("events.mergedIn", { count: e.count ?? 0 })} {other}
        </>
      );
    case "split_off":
      return (
        <>
          {t("events.splitOff", { count: e.count ?? 0 })} {other}
        </>
      );
    case "split_from":
      return (
        <>
          {t("events.splitFrom", { count: e.count ?? 0 })} {other}
        </>
      );
    case "team_assigned":
      return <>{e.teamName ? t("events.teamAssigned", { team: e.teamName }) : t("events.teamRemoved")}</>;
    case "workshop_decided": {
      const decided =
        e.decision === "prioritise" && e.rank !== null
          ? t("events.decided.prioritise", { rank: e.rank })
          : e.decision === "defer" && e.deferredUntil
            ? t("events.decided.defer", { date: fmt.date(e.deferredUntil) })
            : e.decision === "reject"
              ? t("events.decided.reject")
              : t("events.workshop_decided");
      return (
        <>
          {decided}
          {e.rationale && (
            <>
              {" "}
              <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{t("events.rationale", { rationale: e.rationale })}</span>
            </>
          )}
        </>
      );
    }
    default:
      // Steps recorded by workshops and projects (scheduled, decided, promoted …).
      return <>{t(`events.${e.kind}`, { defaultValue: e.kind })}</>;
  }
}

export default function CandidatePage() {
  const { candidate: c, project, mayPropose, mayRecordPopulation } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("bundling");
  const fmt = useDateFormat();
  const removeResult = useIntentResult("remove");
  // Without JavaScript the first click asks in the row itself; other refusals stand above the table.
  const askRemove = removeResult?.error?.confirm ? String((removeResult.initialValue as Record<string, unknown> | null)?.requirementId ?? "") : null;
  const removeErrors = Object.entries(removeResult?.error ?? {})
    .filter(([field]) => field !== "confirm")
    .flatMap(([, errors]) => errors ?? [])
    .filter((e): e is string => typeof e === "string");
  return (
    <PlainStack gap="lg">
      <PlainStack gap="xs">
        <PlainGroup justify="space-between" className="no-print">
          <Anchor component={Link} to="/kandidaten">
            {t("detail.back")}
          </Anchor>
          <PrintButton />
        </PlainGroup>
        <PlainText size="sm">{t("detail.number", { id: c.id })}</PlainText>
        <PlainTitle order={1}>{c.title}</PlainTitle>
        <PlainGroup gap="xs">
          <CandidateStatusBadge status={c.status} />
          <PlainText size="sm">{c.teamName ? teamLine(c.teamName, t("facts.team"), t("detail.teamIs", { team: c.teamName })) : t("detail.noTeam")}</PlainText>
        </PlainGroup>
        {project && <ProjectNote project={project} />}
        {c.summary && <PlainText style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{c.summary}</PlainText>}
        {mayPropose && (
          <PlainGroup className="no-print">
            <PlainButton to={`/projekte/neu?kandidaten=${c.id}`}>
              {t("detail.proposeProject")}
            </PlainButton>
          </PlainGroup>
        )}
      </PlainStack>

      <PageSection layout="stack" id="fakten" title={t("detail.factsHeading")}>
        <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="md" m={0}>
          <Fact label={t("facts.requirements")} value={c.requirementCount} />
          <Fact label={t("facts.organisations")} value={c.facts.organisationCount} />
          <Fact label={t("facts.districts")} value={c.facts.districtCount} />
          <Fact label={t("facts.cosigners")} value={c.facts.cosignerCount} />
          <Fact
            label={t("facts.population")}
            value={<PopulationValue population={c.facts.population} knownFor={c.facts.populationKnownFor} adminHint={mayRecordPopulation} />}
          />
          <Fact label={t("facts.themenfeld")} value={c.themenfeld ?? t("facts.unknown")} />
          <Fact label={t("facts.deadline")} value={c.facts.earliestDeadline ? fmt.date(c.facts.earliestDeadline) : t("facts.none")} />
          <Fact label={t("facts.team")} value={c.teamName ?? t("noTeam")} />
        </SimpleGrid>
      </PageSection>

      <PageSection layout="stack" id="anforderungen" title={t("detail.requirementsHeading")}>
        <FormErrors errors={removeErrors} />
        {/* On a phone each requirement stacks (number and title, then organisation, co-signers, deadline) instead of scrolling sideways. */}
        {c.requirements.length > 0 && (
          <Table striped withTableBorder captionSide="top" className="stack-table">
            <Table.Caption>{t("detail.requirementsCaption", { count: c.requirements.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("columns.requirement")}</Table.Th>
                <Table.Th scope="col">{t("columns.organisation")}</Table.Th>
                <Table.Th scope="col">{t("columns.cosigners")}</Table.Th>
                <Table.Th scope="col">{t("columns.deadline")}</Table.Th>
                {c.curatable && (
                  <Table.Th scope="col" className="no-print">
                    {t("columns.action")}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.requirements.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw={500}>
                    <PlainText span size="sm" fw={400} style={{ whiteSpace: "nowrap" }}>
                      {t("detail.requirementNumber", { id: r.id })}
                    </PlainText>{" "}
                    <RequirementTitleLink id={r.id} title={r.title} confidential={r.confidential} />
                  </Table.Th>
                  <Table.Td data-label={t("columns.organisation")}>{r.organisationName}</Table.Td>
                  <Table.Td data-label={t("columns.cosigners")}>
                    {r.cosigners.length
                      ? r.cosigners.map((e, i) => (
                          // One organisation a line: a quantity says what it counts, which does not fit a comma list.
                          <div key={i}>
                            {e.organisationName}
                            {e.quantity ? ` · ${cosignQuantityText(t, i18n.language, e.quantity, e.quantityUnit)}` : ""}
                          </div>
                        ))
                      : t("detail.noCosigners")}
                  </Table.Td>
                  <Table.Td data-label={t("columns.deadline")}>{r.deadline ? fmt.date(r.deadline) : "–"}</Table.Td>
                  {c.curatable && c.requirementCount <= 1 && (
                    <Table.Td className="no-print">
                      <PlainText size="sm">{t("detail.removeLast")}</PlainText>
                    </Table.Td>
                  )}
                  {c.curatable && c.requirementCount > 1 && (
                    <Table.Td className="no-print">
                      <Form method="post" className="no-print" id={`remove-${r.id}`}>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="requirementId" value={r.id} />
                        <ConfirmedSubmit
                          formId={`remove-${r.id}`}
                          label={t("detail.remove")}
                          ariaLabel={t("detail.removeLabel", { title: r.title })}
                          question={t("detail.removeQuestion", { title: r.title })}
                          confirmLabel={t("detail.removeConfirm")}
                          needsConfirm={askRemove === String(r.id)}
                          color="red"
                          variant="default"
                          size="compact-sm"
                        />
                      </Form>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {c.confidentialHidden > 0 && <PlainText>{t("detail.confidentialHidden", { count: c.confidentialHidden })}</PlainText>}
        {c.curatable && (
          <PlainCard padding="lg" component="section" aria-labelledby="add-heading" className="no-print">
            <PlainTitle order={3} size="h4" id="add-heading" mb="xs">
              {t("detail.addHeading")}
            </PlainTitle>
            <AddRequirementForm key={c.id} candidateId={c.id} />
          </PlainCard>
        )}
      </PageSection>

      <PageSection layout="stack" id="organisationen" title={t("detail.organisationsHeading")}>
        {c.organisations.length === 0 ? (
          <PlainText>{t("detail.noOrganisations")}</PlainText>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <CandidateOrganisationsTable organisations={c.organisations} />
            <ScrollTable minWidth={280}>
              <Table striped withTableBorder captionSide="top">
                <Table.Caption>{t("detail.districtsCaption", { count: c.districts.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("columns.district")}</Table.Th>
                    <Table.Th scope="col" style={{ textAlign: "right" }}>
                      {t("columns.organisations")}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.districts.map((d) => (
                    <Table.Tr key={d.name}>
                      <Table.Th scope="row" fw={500}>
                        {d.name}
                      </Table.Th>
                      <Table.Td style={{ textAlign: "right" }}>{d.count}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </SimpleGrid>
        )}
      </PageSection>

      {c.textEditable && (
        // Editing tools have no place in the printed dossier.
        <PageSection layout="stack" id="bearbeiten" title={t("detail.curationHeading")} className="no-print">
          <PlainCard padding="lg" component="section" aria-labelledby="edit-heading">
            <PlainTitle order={3} size="h4" id="edit-heading" mb="xs">
              {t("detail.editHeading")}
            </PlainTitle>
            <EditForm c={c} />
          </PlainCard>
          {c.curatable && (
            <>
              <PlainCard padding="lg" component="section" aria-labelledby="team-heading">
                <PlainTitle order={3} size="h4" id="team-heading" mb="xs">
                  {t("detail.teamHeading")}
                </PlainTitle>
                <TeamForm c={c} />
              </PlainCard>
              <PlainCard padding="lg" component="section" aria-labelledby="merge-heading">
                <PlainTitle order={3} size="h4" id="merge-heading" mb="xs">
                  {t("detail.mergeHeading")}
                </PlainTitle>
                <MergeForm key={c.id} c={c} />
              </PlainCard>
              <PlainCard padding="lg" component="section" aria-labelledby="split-heading">
                <PlainTitle order={3} size="h4" id="split-heading" mb="xs">
                  {t("detail.splitHeading")}
                </PlainTitle>
                {c.requirementCount < 2 ? <PlainText size="sm">{t("detail.splitTooSmall")}</PlainText> : <SplitForm key={c.id} c={c} />}
              </PlainCard>
            </>
          )}
        </PageSection>
      )}

      <PageSection layout="stack" id="kommentare" title={t("detail.commentsHeading")}>
        {c.comments.length === 0 ? (
          <PlainText>{t("detail.noComments")}</PlainText>
        ) : (
          <PlainStack gap="sm">
            {c.comments.map((cm) => (
              <PlainCard key={cm.id} padding="sm" component="article">
                <PlainText size="sm" fw={600}>
                  {t("detail.commentBy", { author: cm.authorName ?? t("detail.formerUser"), organisation: cm.organisationName, at: fmt.dateTime(cm.created_at) })}
                </PlainText>
                <PlainText style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{cm.body}</PlainText>
              </PlainCard>
            ))}
          </PlainStack>
        )}
        <CommentForm />
      </PageSection>

      <PageSection layout="stack" id="verlauf" title={t("detail.timelineHeading")}>
        {c.events.length === 0 ? (
          <PlainText>{t("detail.noEvents")}</PlainText>
        ) : (
          <List spacing="xs">
            {c.events.map((e) => (
              <List.Item key={e.id}>
                <PlainText size="sm" span fw={600}>
                  {fmt.dateTime(e.at)}
                  {e.actorName ? ` · ${isolateBidi(e.actorName)}` : ""}:
                </PlainText>{" "}
                <PlainText size="sm" span>
                  <EventText e={e} />
                </PlainText>
              </List.Item>
            ))}
          </List>
        )}
      </PageSection>
    </PlainStack>
  );
}
