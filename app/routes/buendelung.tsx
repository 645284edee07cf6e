import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { RequirementTitleLink, resultFor, useDateFormat } from "#app/components/bundling";
import { ConfirmedSubmit, FormErrors, useFieldError, LimitedTextInput, LimitedTextarea } from "#app/components/forms";
import { requirePermission } from "#app/modules/auth/guard.server";
import { acceptProposal, addRequirementToCandidate } from "#app/modules/bundling/candidates.server";
import {
  dismissProposal,
  getWorkbench,
  restoreDismissedProposal,
  type CandidateSuggestions,
  type DismissedProposal,
  type Proposal,
} from "#app/modules/bundling/proposals.server";
import { acceptProposalSchema, bundlingActionSchema, dismissProposalSchema, DISMISSED_SHORT_LIST, LIMITS } from "#app/modules/bundling/schema";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle = { title: "bundling:workbench.title", i18n: ["bundling"] };

/** `?verworfen=alle` lists every dismissed proposal, not only the latest few (a link, so it works without JavaScript and prints). */
const ALL_DISMISSED = "alle";

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "manage:candidates");
  const allDismissed = new URL(request.url).searchParams.get("verworfen") === ALL_DISMISSED;
  return { ...(await orRespond(getWorkbench(getDb(), actor, { allDismissed }))), allDismissed };
}

// A refused restore (restored in another tab) reads the list again, as its message says; other refusals
// keep the page as it was so their messages stay at the proposal they concern.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, formData, defaultShouldRevalidate }) =>
  (actionStatus === 409 && formData?.get("intent") === "restore") || defaultShouldRevalidate;

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "manage:candidates");
  const { submission } = await parseForm(request, bundlingActionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  try {
    if (input.intent === "accept") {
      const { id } = await acceptProposal(getDb(), actor, input);
      return redirectWithToast(`/kandidaten/${id}`, { type: "success", messageKey: "bundling:toast.accepted", values: { title: input.title } });
    }
    if (input.intent === "dismiss") {
      const title = await dismissProposal(getDb(), actor, input.proposalKey);
      return redirectWithToast("/buendelung", { type: "success", messageKey: "bundling:toast.dismissed", values: { title } });
    }
    if (input.intent === "restore") {
      await restoreDismissedProposal(getDb(), actor, input.dismissalId);
      const all = new URL(request.url).searchParams.get("verworfen") === ALL_DISMISSED;
      return redirectWithToast(`/buendelung${all ? `?verworfen=${ALL_DISMISSED}` : ""}#verworfen`, { type: "success", messageKey: "bundling:toast.restored" });
    }
    await addRequirementToCandidate(getDb(), actor, input.candidateId, input.requirementId);
  } catch (error) {
    return errorReply(submission, error);
  }
  return redirectWithToast("/buendelung", { type: "success", messageKey: "bundling:toast.added" });
}

function ProposalCard({ proposal, index }: { proposal: Proposal; index: number }) {
  const { t } = useTranslation("bundling");
  const fieldError = useFieldError();
  const fmt = useDateFormat();
  const navigation = useNavigation();
  const formId = `proposal-${proposal.key}`;
  const headingId = `${formId}-heading`;
  const lastResult = resultFor(useActionData<typeof action>(), "formId", formId);
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: { title: proposal.suggestedTitle, summary: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptProposalSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("formId") === formId;
  // After a refused accept the boxes show what was sent; at first every requirement is ticked.
  const sent = fields.requirementIds.initialValue as string[] | string | undefined;
  const kept = lastResult ? new Set(sent === undefined ? [] : Array.isArray(sent) ? sent : [sent]) : null;
  const keepError = fieldError(fields.requirementIds.errors);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={3} id={headingId} size="h4">
            {t("workbench.proposalHeading", { n: index + 1, title: proposal.suggestedTitle })}
          </Title>
          <Badge variant="light" color={proposal.confidence >= 0.5 ? "green" : proposal.confidence >= 0.3 ? "blue" : "gray"} style={{ flexShrink: 0 }}>
            {t("workbench.confidence", { value: fmt.percent(proposal.confidence) })}
          </Badge>
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t("workbench.why")}
          </Text>
          <List size="sm" spacing={2}>
            {proposal.sharedTerms.length > 0 && <List.Item>{t("workbench.sharedTerms", { terms: proposal.sharedTerms.join(", ") })}</List.Item>}
            {proposal.commonThemenfeld && <List.Item>{t("workbench.commonThemenfeld", { value: proposal.commonThemenfeld })}</List.Item>}
            {proposal.commonSystem && <List.Item>{t("workbench.commonSystem", { value: proposal.commonSystem })}</List.Item>}
            <List.Item>
              {t("workbench.organisations", {
                count: proposal.organisations.length,
                names: proposal.organisations.map((o) => (o.requirements ? o.name : t("workbench.cosignedOnly", { name: o.name }))).join(", "),
              })}
            </List.Item>
          </List>
        </Stack>
        <Form method="post" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="formId" value={formId} />
            <input type="hidden" name="proposalKey" value={proposal.key} />
            <Text size="sm" c="dimmed" id={`${formId}-keep-hint`}>
              {t("workbench.keepHint")}
            </Text>
            {keepError && (
              <Text size="sm" c="red.9" role="alert" id={`${formId}-keep-error`}>
                {keepError}
              </Text>
            )}
            <ScrollTable minWidth={600}>
              <Table withTableBorder striped captionSide="top">
                <Table.Caption>{t("workbench.membersCaption", { count: proposal.requirements.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("workbench.keepColumn")}</Table.Th>
                    <Table.Th scope="col">{t("columns.requirement")}</Table.Th>
                    <Table.Th scope="col">{t("columns.organisation")}</Table.Th>
                    <Table.Th scope="col">{t("columns.themenfeld")}</Table.Th>
                    <Table.Th scope="col" style={{ textAlign: "right" }}>
                      {t("columns.cosignatures")}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {proposal.requirements.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Checkbox
                          name={fields.requirementIds.name}
                          value={String(r.id)}
                          defaultChecked={kept === null || kept.has(String(r.id))}
                          aria-label={t("workbench.keepLabel", { title: r.title })}
                          aria-describedby={keepError ? `${formId}-keep-error ${formId}-keep-hint` : `${formId}-keep-hint`}
                          aria-invalid={keepError ? true : undefined}
                        />
                      </Table.Td>
                      <Table.Th scope="row" fw={500}>
                        <RequirementTitleLink id={r.id} title={r.title} confidential={r.confidential} />
                      </Table.Th>
                      <Table.Td>{r.organisationName}</Table.Td>
                      <Table.Td>{r.themenfeld}</Table.Td>
                      <Table.Td style={{ textAlign: "right" }}>{r.cosignatures}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
            <LimitedTextInput
              label={t("workbench.titleLabel")}
              name={fields.title.name}
              id={fields.title.id}
              defaultValue={fields.title.initialValue as string | undefined}
              required
              limit={LIMITS.title}
              error={fieldError(fields.title.errors)}
            />
            <LimitedTextarea
              label={t("workbench.summaryLabel")}
              name={fields.summary.name}
              id={fields.summary.id}
              defaultValue={fields.summary.initialValue as string | undefined}
              autosize
              minRows={2}
              limit={LIMITS.summary}
              error={fieldError(fields.summary.errors)}
            />
            <Group>
              <Button type="submit" loading={submitting}>
                {t("workbench.accept")}
              </Button>
            </Group>
          </Stack>
        </Form>
        <DismissForm proposal={proposal} />
      </Stack>
    </Card>
  );
}

function DismissForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("bundling");
  const formId = `dismiss-${proposal.key}`;
  const lastResult = resultFor(useActionData<typeof action>(), "formId", formId);
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: dismissProposalSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} key={form.key}>
      <Stack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="dismiss" />
        <input type="hidden" name="formId" value={formId} />
        <input type="hidden" name="proposalKey" value={proposal.key} />
        <ConfirmedSubmit
          formId={form.id}
          label={t("workbench.dismiss")}
          ariaLabel={t("workbench.dismissLabel", { title: proposal.suggestedTitle })}
          question={t("workbench.dismissQuestion", { title: proposal.suggestedTitle, count: proposal.requirements.length })}
          confirmLabel={t("workbench.dismissConfirm")}
          needsConfirm={!!fields.confirm.errors?.length}
          color="red"
          variant="default"
        />
      </Stack>
    </Form>
  );
}

function DismissedSection({ total, entries, all }: { total: number; entries: DismissedProposal[]; all: boolean }) {
  const { t } = useTranslation("bundling");
  const fmt = useDateFormat();
  const actionData = useActionData<typeof action>() as { initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> } | undefined;
  // One answer for the whole list: a refused restore concerns an entry that may be gone from it now.
  const restoreResult = actionData?.initialValue?.intent === "restore" ? actionData : undefined;
  const askFor = restoreResult?.error?.confirm ? String(restoreResult.initialValue?.dismissalId ?? "") : null;
  const errors = Object.entries(restoreResult?.error ?? {})
    .filter(([field]) => field !== "confirm")
    .flatMap(([, messages]) => messages ?? []);
  return (
    <Stack gap="md" component="section" aria-labelledby="dismissed-heading" id="verworfen">
      <Title order={2} id="dismissed-heading">
        {t("workbench.dismissedHeading", { count: total })}
      </Title>
      <Text>{t("workbench.dismissedIntro")}</Text>
      <FormErrors errors={errors} />
      {total === 0 ? (
        <Text>{t("workbench.noDismissed")}</Text>
      ) : (
        <Table striped withTableBorder captionSide="top" className="stack-table">
          <Table.Caption>{t("workbench.dismissedCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("workbench.dismissedRequirements")}</Table.Th>
              <Table.Th scope="col">{t("workbench.dismissedBy")}</Table.Th>
              <Table.Th scope="col">{t("workbench.dismissedAt")}</Table.Th>
              <Table.Th scope="col" className="no-print">
                {t("columns.action")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((d) => {
              const formId = `restore-${d.id}`;
              const date = fmt.dateTime(d.dismissedAt);
              const count = d.requirements.length + d.hidden;
              return (
                <Table.Tr key={d.id}>
                  <Table.Th scope="row" fw={500}>
                    <List size="sm" spacing={2} listStyleType="none" withPadding={false}>
                      {d.requirements.map((r) => (
                        <List.Item key={r.id}>
                          <Text span size="sm" fw={400} style={{ whiteSpace: "nowrap" }}>
                            {t("detail.requirementNumber", { id: r.id })}
                          </Text>{" "}
                          <RequirementTitleLink id={r.id} title={r.title} confidential={r.confidential} />
                        </List.Item>
                      ))}
                      {d.hidden > 0 && (
                        <List.Item>
                          <Text span size="sm" fw={400}>
                            {t("workbench.dismissedHidden", { count: d.hidden })}
                          </Text>
                        </List.Item>
                      )}
                    </List>
                  </Table.Th>
                  <Table.Td data-label={t("workbench.dismissedBy")}>{d.dismissedBy ?? t("workbench.dismissedByUnknown")}</Table.Td>
                  <Table.Td data-label={t("workbench.dismissedAt")}>{date}</Table.Td>
                  <Table.Td className="no-print">
                    <Form method="post" id={formId} preventScrollReset>
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="formId" value={formId} />
                      <input type="hidden" name="dismissalId" value={d.id} />
                      <ConfirmedSubmit
                        formId={formId}
                        label={t("workbench.restore")}
                        ariaLabel={
                          d.requirements.length > 0
                            ? t("workbench.restoreLabel", { title: d.requirements[0].title, date })
                            : t("workbench.restoreLabelHidden", { date })
                        }
                        question={t("workbench.restoreQuestion", { count })}
                        confirmLabel={t("workbench.restoreConfirm")}
                        needsConfirm={askFor === String(d.id)}
                        variant="default"
                        size="compact-sm"
                      />
                    </Form>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {total > entries.length && (
        <Text size="sm">
          {t("workbench.dismissedShort", { shown: entries.length, count: total })}{" "}
          <Anchor component={Link} to={`?verworfen=${ALL_DISMISSED}#verworfen`} className="no-print">
            {t("workbench.dismissedShowAll", { count: total })}
          </Anchor>
        </Text>
      )}
      {all && total > DISMISSED_SHORT_LIST && (
        <Anchor component={Link} to="/buendelung#verworfen" size="sm" className="no-print">
          {t("workbench.dismissedShowShort")}
        </Anchor>
      )}
    </Stack>
  );
}

function FitCard({ entry }: { entry: CandidateSuggestions }) {
  const { t } = useTranslation("bundling");
  const fmt = useDateFormat();
  const headingId = `fit-${entry.candidate.id}-heading`;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = entry.suggestions
    .map((s) => resultFor(actionData, "formId", `add-${entry.candidate.id}-${s.id}`))
    .flatMap((r) => Object.values(r?.error ?? {}).flat())
    .filter((e): e is string => typeof e === "string");
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} id={headingId} size="h4">
          <Anchor component={Link} to={`/kandidaten/${entry.candidate.id}`} inherit>
            {entry.candidate.title}
          </Anchor>
        </Title>
        <Text size="sm">{t("workbench.memberCount", { count: entry.candidate.requirementCount })}</Text>
        <FormErrors errors={errors} />
        <ScrollTable minWidth={640}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t("workbench.fitsCaption", { title: entry.candidate.title })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("columns.requirement")}</Table.Th>
                <Table.Th scope="col">{t("columns.organisation")}</Table.Th>
                <Table.Th scope="col">{t("columns.sharedTerms")}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: "right" }}>
                  {t("columns.similarity")}
                </Table.Th>
                <Table.Th scope="col">{t("columns.action")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entry.suggestions.map((s) => {
                const formId = `add-${entry.candidate.id}-${s.id}`;
                return (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw={500}>
                      <Anchor component={Link} to={`/anforderungen/${s.id}`} size="sm">
                        {s.title}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>{s.organisationName}</Table.Td>
                    <Table.Td>{s.sharedTerms.join(", ") || "–"}</Table.Td>
                    <Table.Td style={{ textAlign: "right" }}>{fmt.percent(s.score)}</Table.Td>
                    <Table.Td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="add" />
                        <input type="hidden" name="formId" value={formId} />
                        <input type="hidden" name="candidateId" value={entry.candidate.id} />
                        <input type="hidden" name="requirementId" value={s.id} />
                        <Button
                          type="submit"
                          size="compact-sm"
                          variant="default"
                          aria-label={t("workbench.addLabel", { requirement: s.title, candidate: entry.candidate.title })}
                          loading={navigation.state === "submitting" && navigation.formData?.get("formId") === formId}
                        >
                          {t("workbench.add")}
                        </Button>
                      </Form>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Card>
  );
}

export default function BundlingPage() {
  const { proposals, candidates, dismissed, allDismissed } = useLoaderData<typeof loader>();
  const { t } = useTranslation("bundling");
  const withFits = candidates.filter((c) => c.suggestions.length > 0);
  const withoutFits = candidates.length - withFits.length;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t("workbench.title")}</Title>
        <Text>{t("workbench.intro")}</Text>
        <Anchor component={Link} to="/kandidaten">
          {t("workbench.toList")}
        </Anchor>
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="proposals-heading">
        <Title order={2} id="proposals-heading">
          {t("workbench.proposalsHeading", { count: proposals.length })}
        </Title>
        <Text>{t("workbench.proposalsIntro")}</Text>
        {proposals.length === 0 ? (
          <Alert color="blue" variant="light">
            {t("workbench.noProposals")}
          </Alert>
        ) : (
          proposals.map((p, i) => <ProposalCard key={p.key} proposal={p} index={i} />)
        )}
      </Stack>
      <DismissedSection total={dismissed.total} entries={dismissed.entries} all={allDismissed} />
      <Stack gap="md" component="section" aria-labelledby="fits-heading">
        <Title order={2} id="fits-heading">
          {t("workbench.fitsHeading")}
        </Title>
        <Text>{t("workbench.fitsIntro")}</Text>
        {withFits.length === 0 ? (
          <Text>{t("workbench.noFits")}</Text>
        ) : (
          withFits.map((c) => <FitCard key={c.candidate.id} entry={c} />)
        )}
        {withoutFits > 0 && <Text size="sm">{t("workbench.withoutFits", { count: withoutFits })}</Text>}
      </Stack>
    </Stack>
  );
}
