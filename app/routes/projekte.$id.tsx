import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Card, Grid, Group, List, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Timeline, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { sortGerman } from "#app/modules/organisations/order";
import { getDb } from "#db/client.server";
import { useDateFormat } from "#app/components/bundling";
import { ConfirmedIntentForm, ConfirmedSubmit, FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult } from "#app/components/forms";
import { HealthBadge, LabelBadge, OriginStatusBadge, ProjectPendingNote, ProjectStageBadge, RolloutBadge, useMoney } from "#app/components/projects/ProjectBits";
import { ScrollTable } from "#app/components/ScrollTable";
import { requirePermission } from "#app/modules/auth/guard.server";
import { VOTES } from "#app/modules/projects/approval";
import {
  addMilestone,
  addStatusReport,
  addTeamMember,
  approveProject,
  changePhase,
  changeProjectLead,
  commentOnResolution,
  completeMilestone,
  concludeResolution,
  markResolutionNoted,
  removeTeamMember,
  setRollout,
  voteOnResolution,
} from "#app/modules/projects/projects.server";
import { getProjectDetail, type ProjectDetail } from "#app/modules/projects/queries.server";
import { LIMITS, phaseFormSchema, projectActionSchema } from "#app/modules/projects/schema";
import { awaitsApproval, HEALTH, phaseNeedsConfirmation, phaseNeedsReason, ROLLOUT_STATUSES, TEAM_ROLES } from "#app/modules/projects/workflow";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import type { RouteHandle } from "#app/utils/title";
import { redirectWithToast } from "#app/utils/toast.server";
import { idParam } from "#app/utils/params.server";
import { Fact } from "#app/components/Fact";
import { PrintButton } from "#app/components/PrintButton";
import { PageSection } from "#app/components/PageSection";

/**
 * People for a native select, one optgroup per organisation in German order (people by name inside):
 * a longer list stays scannable, and type-ahead still works.
 */
function byOrganisation(users: { id: number; name: string; organisationName: string }[]) {
  const sorted = sortGerman(users, (u) => u.organisationName, (u) => u.name);
  return [...new Set(sorted.map((u) => u.organisationName))].map((group) => ({
    group,
    items: sorted.filter((u) => u.organisationName === group).map((u) => ({ value: String(u.id), label: `${u.name} (${group})` })),
  }));
}

export const handle: RouteHandle & { i18n: string[] } = {
  title: (data, t) => (data as { project?: { title: string } } | undefined)?.project?.title ?? t("projects:detail.title"),
  i18n: ["projects"],
};


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const id = idParam(params.id);
  return { project: await orRespond(getProjectDetail(getDb(), actor, id)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const id = idParam(params.id);
  const { submission } = await parseForm(request, projectActionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  const db = getDb();
  const here = `/projekte/${id}`;
  const done = (messageKey: string, anchor = "") => redirectWithToast(`${here}${anchor}`, { type: "success", messageKey });
  try {
    switch (input.intent) {
      case "approve": {
        const { outcome } = await approveProject(db, actor, id);
        return done(`projects:toast.approval_${outcome}`, "#freigabe");
      }
      case "vote": {
        const { concluded } = await voteOnResolution(db, actor, id, input.vote);
        return done(concluded ? "projects:toast.votedConcluded" : "projects:toast.voted", "#umlaufverfahren");
      }
      case "boardComment":
        await commentOnResolution(db, actor, id, input.body);
        return done("projects:toast.commented", "#umlaufverfahren");
      case "conclude":
        await concludeResolution(db, actor, id);
        return done("projects:toast.concluded", "#umlaufverfahren");
      case "noted":
        await markResolutionNoted(db, actor, id);
        return done("projects:toast.noted", "#umlaufverfahren");
      case "phase":
        await changePhase(db, actor, id, input.to, input.reason);
        return done("projects:toast.phase", "#phase");
      case "member":
        await addTeamMember(db, actor, id, input.userId, input.role);
        return done("projects:toast.memberAdded", "#team");
      case "removeMember":
        await removeTeamMember(db, actor, id, input.memberId);
        return done("projects:toast.memberRemoved", "#team");
      case "changeLead":
        await changeProjectLead(db, actor, id, input);
        return done("projects:toast.leadChanged", "#projektleitung");
      case "milestone":
        await addMilestone(db, actor, id, input);
        return done("projects:toast.milestoneAdded", "#meilensteine");
      case "milestoneDone":
        await completeMilestone(db, actor, id, input.milestoneId);
        return done("projects:toast.milestoneDone", "#meilensteine");
      case "report":
        await addStatusReport(db, actor, id, input);
        return done("projects:toast.reported", "#statusberichte");
      case "rollout":
        await setRollout(db, actor, id, input.organisationId, input.status);
        return done("projects:toast.rollout", "#einfuehrung");
    }
  } catch (error) {
    return errorReply(submission, error);
  }
}

type Project = ProjectDetail;

function errorsOf(result: ReturnType<typeof useIntentResult>): string[] {
  return Object.values(result?.error ?? {})
    .flat()
    .filter((e): e is string => typeof e === "string");
}

function ApproveForm() {
  const { t } = useTranslation("projects");
  return (
    <ConfirmedIntentForm
      id="project-approve"
      intent="approve"
      lastResult={useIntentResult("approve")}
      label={t("approval.approve")}
      question={t("approval.question")}
      confirmLabel={t("approval.confirm")}
    />
  );
}

function ApprovalSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  return (
    <PageSection layout="card-stack" id="freigabe" title={t("approval.heading")}>
      <Text>{t("approval.rule")}</Text>
      <Text fw={600}>{t("approval.count", { count: p.approvals.length })}</Text>
      {p.approvals.length > 0 && (
        <List>
          {p.approvals.map((a) => (
            <List.Item key={`${a.name}-${a.at}`}>{t("approval.by", { name: a.name, at: fmt.dateTime(a.at) })}</List.Item>
          ))}
        </List>
      )}
      {p.status === "requested" && p.approvals.some((a) => a.own) && <Text>{t("approval.youApproved")}</Text>}
      {p.may.approve && <ApproveForm />}
    </PageSection>
  );
}

function VoteForm() {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const [form, fields] = useForm({ id: "board-vote", lastResult: useIntentResult("vote") });
  // The vote is final: the button asks again, naming the chosen vote.
  const [choice, setChoice] = useState<string | null>(null);
  return (
    <Form method="post" className="no-print" {...getFormProps(form)}>
      <Stack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="vote" />
        <Radio.Group
          name={fields.vote.name}
          label={t("board.yourVote")}
          description={t("board.voteOnce")}
          required
          error={fieldError(fields.vote.errors)}
          onChange={setChoice}
        >
          <Group mt="xs">
            {VOTES.map((v) => (
              <Radio key={v} value={v} label={t(`vote.${v}`)} />
            ))}
          </Group>
        </Radio.Group>
        <ConfirmedSubmit
          formId={form.id}
          label={t("board.castVote")}
          question={t("board.voteQuestion", { vote: choice ? t(`vote.${choice}`) : "" })}
          confirmLabel={t("board.voteConfirm")}
          needsConfirm={!!fields.confirm.errors?.length && !fields.vote.errors?.length}
          ask={choice !== null}
        />
      </Stack>
    </Form>
  );
}

function BoardSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const money = useMoney();
  const fieldError = useFieldError();
  const boardCommentResult = useIntentResult("boardComment");
  const boardCommentGeneration = useFreshAfterSuccess("boardComment", boardCommentResult);
  const [commentForm, commentFields] = useForm({ id: `board-comment-${boardCommentGeneration}`, lastResult: boardCommentResult });
  const concludeErrors = errorsOf(useIntentResult("conclude"));
  const b = p.board;
  return (
    <PageSection layout="card-stack" id="umlaufverfahren" title={t("board.heading")}>
      <Text>{t("board.intro", { threshold: money(b.threshold ?? 0) })}</Text>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} m={0}>
        <Fact label={t("board.deadline")} value={b.deadline ? fmt.dateTime(b.deadline) : "–"} />
        <Fact label={t("board.tally")} value={t("board.tallyValue", { yes: b.tally.yes, no: b.tally.no, abstain: b.tally.abstain, members: b.votingMembers })} />
        <Fact label={t("board.result")} value={b.result ? t(`board.resultValue.${b.result}`) : t("board.running")} />
      </SimpleGrid>
      <Text size="sm">{t("board.majorityRule")}</Text>
      {b.result && <Text>{b.notedAt ? t("board.notedAt", { at: fmt.dateTime(b.notedAt) }) : t("board.forNextMeeting")}</Text>}
      {b.myVote && <Text fw={600}>{t("board.youVoted", { vote: t(`vote.${b.myVote}`) })}</Text>}
      {!b.votingMember && p.status === "board_vote" && p.may.comment && <Text size="sm">{t("board.nonVoting")}</Text>}
      {p.may.vote && <VoteForm />}
      {b.votes.length > 0 && (
        <ScrollTable label={t("board.votesCaption", { count: b.votes.length })} minWidth={480}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t("board.votesCaption", { count: b.votes.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("board.member")}</Table.Th>
                <Table.Th scope="col">{t("board.voteColumn")}</Table.Th>
                <Table.Th scope="col">{t("board.when")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.votes.map((v) => (
                <Table.Tr key={`${v.name}-${v.at}`}>
                  <Table.Th scope="row" fw={500}>
                    {v.name} ({v.organisationName})
                  </Table.Th>
                  <Table.Td>{t(`vote.${v.vote}`)}</Table.Td>
                  <Table.Td>{fmt.dateTime(v.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {b.comments.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t("board.comments")}
          </Title>
          {b.comments.map((c) => (
            <Card key={c.id} withBorder padding="sm" component="article">
              <Text size="sm" fw={600}>
                {c.authorName ?? "–"} ({c.organisationName}) · {fmt.dateTime(c.created_at)}
              </Text>
              <Text style={{ whiteSpace: "pre-wrap" }}>{c.body}</Text>
            </Card>
          ))}
        </Stack>
      )}
      {p.may.comment && (
        <Form method="post" className="no-print" {...getFormProps(commentForm)} key={commentForm.key}>
          <Stack gap="xs">
            <FormErrors errors={commentForm.errors} id={commentForm.errorId} />
            <input type="hidden" name="intent" value="boardComment" />
            <Textarea label={t("board.commentLabel")} name={commentFields.body.name} id={commentFields.body.id} required autosize minRows={2} maxLength={LIMITS.comment} error={fieldError(commentFields.body.errors)} />
            <Group>
              <Button type="submit" variant="default">
                {t("board.comment")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
      {p.may.conclude && (
        <Form method="post" className="no-print">
          <FormErrors errors={concludeErrors} />
          <input type="hidden" name="intent" value="conclude" />
          <Button type="submit" variant="default">
            {t("board.conclude")}
          </Button>
        </Form>
      )}
      {p.may.noted && (
        <Form method="post" className="no-print">
          <input type="hidden" name="intent" value="noted" />
          <Button type="submit" variant="default">
            {t("board.markNoted")}
          </Button>
        </Form>
      )}
    </PageSection>
  );
}

function PhaseForm({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const phaseResult = useIntentResult("phase");
  const phaseGeneration = useFreshAfterSuccess("phase", phaseResult);
  const [form, fields] = useForm({
    id: `project-phase-${phaseGeneration}`,
    lastResult: phaseResult,
    // A reason the move needs is checked in the browser first: a stop without one is named at the
    // field at once, instead of asking for a confirmation the server would then refuse.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: phaseFormSchema(p.phase) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [to, setTo] = useState(
    () => (fields.to.initialValue as string | undefined) ?? p.phaseChoices.find((c) => c !== "stopped" && isForward(p.phase, c)) ?? p.phaseChoices[0],
  );
  const chosen = p.phaseChoices.find((c) => c === to);
  const reasonRequired = !!chosen && phaseNeedsReason(p.phase, chosen);
  return (
    <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
      <Stack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="phase" />
        <NativeSelect
          label={t("phaseForm.to")}
          name={fields.to.name}
          id={fields.to.id}
          defaultValue={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          data={p.phaseChoices.map((c) => ({ value: c, label: t(`phase.${c}`) }))}
          error={fieldError(fields.to.errors)}
        />
        <Textarea
          label={t("phaseForm.reason")}
          description={t("phaseForm.reasonHint")}
          name={fields.reason.name}
          id={fields.reason.id}
          defaultValue={fields.reason.initialValue as string | undefined}
          required={reasonRequired}
          autosize
          minRows={2}
          maxLength={LIMITS.reason}
          error={fieldError(fields.reason.errors)}
        />
        {(chosen && phaseNeedsConfirmation(chosen)) || fields.confirm.errors?.length ? (
          <ConfirmedSubmit
            formId={form.id}
            label={t("phaseForm.submit")}
            question={to === "closed" ? t("phaseForm.closeQuestion") : t("phaseForm.stopQuestion")}
            confirmLabel={to === "closed" ? t("phaseForm.closeConfirm") : t("phaseForm.stopConfirm")}
            needsConfirm={!!fields.confirm.errors?.length && !fields.reason.errors?.length}
            color={to === "closed" ? undefined : "red"}
          />
        ) : (
          <Group>
            <Button type="submit">{t("phaseForm.submit")}</Button>
          </Group>
        )}
        <Text size="sm">{t("phaseForm.stopHint")}</Text>
      </Stack>
    </Form>
  );
}

function LeadSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const changeLeadResult = useIntentResult("changeLead");
  const changeLeadGeneration = useFreshAfterSuccess("changeLead", changeLeadResult);
  const [form, fields] = useForm({ id: `project-lead-${changeLeadGeneration}`, lastResult: changeLeadResult });
  const groups = byOrganisation(p.leadCandidates);
  return (
    <PageSection layout="card-stack" id="projektleitung" title={t("leadForm.heading")}>
      <Text>{p.lead ? t("detail.ledBy", { name: p.lead.name }) : t("detail.noLead")}</Text>
      {p.lead?.ineligible && <Text>{t("leadForm.ineligible", { reason: t(`notifications.ineligibleReason.${p.lead.ineligible}`) })}</Text>}
      {p.leadCandidates.length === 0 ? (
        <Text>{t("leadForm.noCandidates")}</Text>
      ) : (
        <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("leadForm.open")}
            </Title>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="changeLead" />
            <NativeSelect
              label={t("leadForm.user")}
              description={t("leadForm.userHint")}
              name={fields.leadUserId.name}
              id={fields.leadUserId.id}
              required
              defaultValue={(fields.leadUserId.initialValue as string | undefined) ?? ""}
              data={[{ value: "", label: t("proposal.choose") }, ...groups]}
              error={fieldError(fields.leadUserId.errors)}
            />
            <Textarea
              label={t("leadForm.reason")}
              name={fields.reason.name}
              id={fields.reason.id}
              required
              autosize
              minRows={2}
              maxLength={LIMITS.reason}
              defaultValue={fields.reason.initialValue as string | undefined}
              error={fieldError(fields.reason.errors)}
            />
            <Text size="sm">{t("leadForm.hint")}</Text>
            <Group>
              <Button type="submit" variant="default">
                {t("leadForm.submit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </PageSection>
  );
}

const ORDER = ["initiation", "planning", "execution", "closed"];
function isForward(from: string | null, to: string) {
  return from !== null && ORDER.indexOf(to) === ORDER.indexOf(from) + 1;
}

function TeamSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const memberResult = useIntentResult("member");
  const memberGeneration = useFreshAfterSuccess("member", memberResult);
  const [form, fields] = useForm({ id: `project-member-${memberGeneration}`, lastResult: memberResult });
  const removeErrors = errorsOf(useIntentResult("removeMember"));
  const ineligibleCount = p.team.filter((m) => m.ineligible).length;
  return (
    <PageSection layout="card-stack" id="team" title={t("team.heading")}>
      <FormErrors errors={removeErrors} />
      {ineligibleCount > 0 && <Text>{t("team.ineligibleIntro", { count: ineligibleCount })}</Text>}
      <ScrollTable label={t("team.caption", { count: p.team.length })} minWidth={520}>
        <Table withTableBorder striped captionSide="top">
          <Table.Caption>{t("team.caption", { count: p.team.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("team.name")}</Table.Th>
              <Table.Th scope="col">{t("team.organisation")}</Table.Th>
              <Table.Th scope="col">{t("team.role")}</Table.Th>
              {p.may.run && (
                <Table.Th scope="col" className="no-print">
                  {t("team.action")}
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.team.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Th scope="row" fw={500}>
                  {m.name}
                </Table.Th>
                <Table.Td>{m.organisationName}</Table.Td>
                <Table.Td>
                  {t(`teamRole.${m.role}`)}
                  {/* Under the role, whose column is wide anyway: under the name it would widen the table past its card. */}
                  {m.ineligible && <Text size="sm">{t(`team.ineligible.${m.ineligible}`)}</Text>}
                </Table.Td>
                {p.may.run && (
                  <Table.Td className="no-print">
                    {!m.isLead && (
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeMember" />
                        <input type="hidden" name="memberId" value={m.id} />
                        <Button type="submit" size="compact-sm" variant="default" aria-label={t("team.removeLabel", { name: m.name, role: t(`teamRole.${m.role}`) })}>
                          {t("team.remove")}
                        </Button>
                      </Form>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {p.may.run && (
        <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("team.add")}
            </Title>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="member" />
            {/* One under the other: the person's hint would push its select below the role's. */}
            <Stack gap="xs">
              <NativeSelect
                label={t("team.user")}
                description={t("team.userHint")}
                name={fields.userId.name}
                id={fields.userId.id}
                defaultValue=""
                data={[{ value: "", label: t("proposal.choose") }, ...byOrganisation(p.assignableUsers)]}
                error={fieldError(fields.userId.errors)}
              />
              <NativeSelect
                label={t("team.role")}
                name={fields.role.name}
                id={fields.role.id}
                defaultValue="specialist"
                data={TEAM_ROLES.map((r) => ({ value: r, label: t(`teamRole.${r}`) }))}
                error={fieldError(fields.role.errors)}
              />
            </Stack>
            <Group>
              <Button type="submit" variant="default">
                {t("team.addSubmit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </PageSection>
  );
}

function MilestoneSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const fieldError = useFieldError();
  const milestoneResult = useIntentResult("milestone");
  const milestoneGeneration = useFreshAfterSuccess("milestone", milestoneResult);
  const [form, fields] = useForm({ id: `project-milestone-${milestoneGeneration}`, lastResult: milestoneResult });
  const doneErrors = errorsOf(useIntentResult("milestoneDone"));
  return (
    <PageSection layout="card-stack" id="meilensteine" title={t("milestones.heading")}>
      <FormErrors errors={doneErrors} />
      {p.milestones.length === 0 ? (
        <Text>{t("milestones.none")}</Text>
      ) : (
        <ScrollTable label={t("milestones.caption", { count: p.milestones.length })} minWidth={560}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t("milestones.caption", { count: p.milestones.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("milestones.title")}</Table.Th>
                <Table.Th scope="col">{t("milestones.start")}</Table.Th>
                <Table.Th scope="col">{t("milestones.end")}</Table.Th>
                <Table.Th scope="col">{t("milestones.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.milestones.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row" fw={500}>
                    {m.title}
                  </Table.Th>
                  <Table.Td>{fmt.date(m.startDate)}</Table.Td>
                  <Table.Td>{fmt.date(m.endDate)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {m.doneAt ? (
                        <LabelBadge label={t("milestones.done", { at: fmt.day(m.doneAt) })} color="green" />
                      ) : m.overdue ? (
                        <LabelBadge label={t("milestones.overdue")} color="red" />
                      ) : (
                        <LabelBadge label={t("milestones.open")} />
                      )}
                      {p.may.run && !m.doneAt && (
                        <Form method="post" className="no-print">
                          <input type="hidden" name="intent" value="milestoneDone" />
                          <input type="hidden" name="milestoneId" value={m.id} />
                          <Button type="submit" size="compact-sm" variant="default" aria-label={t("milestones.markDoneLabel", { title: m.title })}>
                            {t("milestones.markDone")}
                          </Button>
                        </Form>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {p.may.run && (
        <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("milestones.add")}
            </Title>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="milestone" />
            <TextInput label={t("milestones.title")} name={fields.title.name} id={fields.title.id} defaultValue={fields.title.initialValue as string | undefined} required maxLength={LIMITS.title} error={fieldError(fields.title.errors)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="date" label={t("milestones.start")} name={fields.startDate.name} id={fields.startDate.id} defaultValue={fields.startDate.initialValue as string | undefined} required error={fieldError(fields.startDate.errors)} />
              <TextInput type="date" label={t("milestones.end")} name={fields.endDate.name} id={fields.endDate.id} defaultValue={fields.endDate.initialValue as string | undefined} required error={fieldError(fields.endDate.errors)} />
            </SimpleGrid>
            <Group>
              <Button type="submit" variant="default">
                {t("milestones.addSubmit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </PageSection>
  );
}

function ReportSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const fieldError = useFieldError();
  const reportResult = useIntentResult("report");
  const reportGeneration = useFreshAfterSuccess("report", reportResult);
  const [form, fields] = useForm({ id: `project-report-${reportGeneration}`, lastResult: reportResult });
  return (
    <PageSection layout="card-stack" id="statusberichte" title={t("reports.heading")}>
      {p.reports.length === 0 ? (
        <Text>{t("reports.none")}</Text>
      ) : (
        <Stack gap="xs">
          {p.reports.map((r) => (
            <Card key={r.id} withBorder padding="sm" component="article">
              <Group gap="xs">
                <HealthBadge health={r.health} />
                <Text size="sm" fw={600}>
                  {fmt.dateTime(r.created_at)} · {r.authorName ?? "–"}
                </Text>
              </Group>
              <Text style={{ whiteSpace: "pre-wrap" }}>{r.note}</Text>
            </Card>
          ))}
        </Stack>
      )}
      {p.may.run && (
        <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("reports.add")}
            </Title>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="report" />
            <Radio.Group name={fields.health.name} label={t("reports.health")} required error={fieldError(fields.health.errors)}>
              <Group mt="xs">
                {HEALTH.map((h) => (
                  <Radio key={h} value={h} label={t(`healthLong.${h}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea label={t("reports.note")} name={fields.note.name} id={fields.note.id} required autosize minRows={2} maxLength={LIMITS.note} error={fieldError(fields.note.errors)} />
            <Group>
              <Button type="submit" variant="default">
                {t("reports.submit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </PageSection>
  );
}

function RolloutRow({ r }: { r: Project["rollout"][number] }) {
  const { t } = useTranslation("projects");
  const result = useIntentResult("rollout");
  const mine = result && (result.initialValue as Record<string, unknown> | null)?.organisationId === String(r.organisationId) ? errorsOf(result) : [];
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {r.organisationName}
      </Table.Th>
      <Table.Td>
        <RolloutBadge status={r.status} />
      </Table.Td>
      <Table.Td className="no-print">
        {r.editable ? (
          <Form method="post">
            <input type="hidden" name="intent" value="rollout" />
            <input type="hidden" name="organisationId" value={r.organisationId} />
            <Group gap="xs" align="flex-end">
              <NativeSelect
                label={t("rolloutForm.label", { organisation: r.organisationName })}
                name="status"
                defaultValue={r.status}
                data={ROLLOUT_STATUSES.map((s) => ({ value: s, label: t(`rollout.${s}`) }))}
                size="sm"
                error={mine.length ? t(mine[0]) : undefined}
              />
              <Button type="submit" size="sm" variant="default" aria-label={t("rolloutForm.saveLabel", { organisation: r.organisationName })}>
                {t("rolloutForm.save")}
              </Button>
            </Group>
          </Form>
        ) : (
          "–"
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function RolloutSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  return (
    <PageSection layout="card-stack" id="einfuehrung" title={t("rolloutSection.heading")}>
      <Text>{t("rolloutSection.intro")}</Text>
      {p.rollout.length === 0 ? (
        <Text>{t("rolloutSection.none")}</Text>
      ) : (
        <ScrollTable label={t("rolloutSection.caption", { count: p.rollout.length })} minWidth={460}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t("rolloutSection.caption", { count: p.rollout.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("rolloutSection.organisation")}</Table.Th>
                <Table.Th scope="col">{t("rolloutSection.status")}</Table.Th>
                <Table.Th scope="col" className="no-print">
                  {t("rolloutSection.change")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.rollout.map((r) => (
                <RolloutRow key={r.organisationId} r={r} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </PageSection>
  );
}

function EventText({ e }: { e: Project["events"][number] }) {
  const { t } = useTranslation("projects");
  const d = e.detail as Record<string, string | number | undefined>;
  switch (e.kind) {
    case "phase":
      return <>{e.from_value ? t("events.phase", { from: t(`phase.${e.from_value}`), to: t(`phase.${e.to_value}`) }) : t("events.phaseStart", { to: t(`phase.${e.to_value}`) })}</>;
    case "approval":
      return <>{t("events.approval", { count: Number(d.count ?? 1) })}</>;
    case "board_result":
      return <>{t("events.board_result", { result: t(`board.resultValue.${e.to_value}`), yes: d.yes ?? 0, no: d.no ?? 0, abstain: d.abstain ?? 0 })}</>;
    case "member_added":
    case "member_removed":
      return <>{t(`events.${e.kind}`, { name: d.name ?? "–", role: t(`teamRole.${d.role}`) })}</>;
    case "milestone_added":
    case "milestone_done":
      return <>{t(`events.${e.kind}`, { title: d.title ?? "–" })}</>;
    case "status_report":
      return <>{t("events.status_report", { health: t(`health.${e.to_value}`) })}</>;
    case "lead_changed":
      return <>{t("events.lead_changed", { from: d.from ?? "–", to: d.to ?? "–" })}</>;
    case "rollout":
      return <>{t("events.rollout", { organisation: d.organisation ?? "–", from: t(`rollout.${e.from_value}`), to: t(`rollout.${e.to_value}`) })}</>;
    default:
      return <>{t(`events.${e.kind}`, { defaultValue: e.kind })}</>;
  }
}

export default function ProjectPage() {
  const { project: p } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const money = useMoney();
  const navigation = useNavigation();
  const pending = awaitsApproval(p.status);
  return (
    <Stack gap="md" aria-busy={navigation.state !== "idle"}>
      <Stack gap="xs">
        <Group justify="space-between" className="no-print">
          <Anchor component={Link} to="/projekte">
            {t("detail.back")}
          </Anchor>
          <PrintButton />
        </Group>
        <Title order={1}>{p.title}</Title>
        <Group gap="xs">
          <ProjectStageBadge status={p.status} phase={p.phase} />
          {p.status === "approved" && <HealthBadge health={p.health} />}
          <Text size="sm">{p.lead ? t("detail.ledBy", { name: p.lead.name }) : t("detail.noLead")}</Text>
        </Group>
      </Stack>

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <PageSection layout="card-stack" id="steckbrief" title={t("detail.facts")}>
              <div>
                <Text fw={600}>{t("fields.goal")}</Text>
                <Text style={{ whiteSpace: "pre-wrap" }}>{p.goal}</Text>
              </div>
              <div>
                <Text fw={600}>{t("fields.scope")}</Text>
                <Text style={{ whiteSpace: "pre-wrap" }}>{p.scope}</Text>
              </div>
              <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} m={0}>
                <Fact label={t("fields.budget")} value={money(p.budget)} />
                <Fact label={t("detail.period")} value={`${fmt.date(p.plannedStart)} – ${fmt.date(p.plannedEnd)}`} />
                <Fact label={t("fields.lead")} value={p.lead?.name ?? "–"} />
                <Fact label={t("detail.proposedBy")} value={`${p.creatorName ?? "–"} · ${fmt.dateTime(p.createdAt)}`} />
              </SimpleGrid>
            </PageSection>

            <PageSection layout="card-stack" id="herkunft" title={t("detail.origin")}>
              <ProjectPendingNote status={p.status} />
              <List>
                {p.candidates.map((c) => (
                  <List.Item key={c.id}>
                    <Group gap="xs">
                      <Anchor component={Link} to={`/kandidaten/${c.id}`}>
                        {c.title}
                      </Anchor>
                      <OriginStatusBadge label={t(`bundling:status.${c.status}`)} pending={pending && c.status === "promoted"} />
                      {c.teamName && <Text size="sm">{c.teamName}</Text>}
                    </Group>
                  </List.Item>
                ))}
              </List>
              {p.requirements.length > 0 && (
                <ScrollTable label={t("detail.requirementsCaption", { count: p.requirements.length })} minWidth={460}>
                  <Table withTableBorder striped captionSide="top">
                    <Table.Caption>{t("detail.requirementsCaption", { count: p.requirements.length })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("detail.requirement")}</Table.Th>
                        <Table.Th scope="col">{t("detail.organisation")}</Table.Th>
                        <Table.Th scope="col">{t("detail.requirementStatus")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {p.requirements.map((r) => (
                        <Table.Tr key={r.id}>
                          <Table.Th scope="row" fw={500}>
                            <Anchor component={Link} to={`/anforderungen/${r.id}`}>
                              {r.title}
                            </Anchor>
                          </Table.Th>
                          <Table.Td>{r.organisationName}</Table.Td>
                          <Table.Td>
                            <OriginStatusBadge label={t(`requirements:status.${r.status}`)} pending={pending && r.status === "in_project"} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              )}
              {p.hiddenRequirements > 0 && <Text size="sm">{t("detail.hiddenRequirements", { count: p.hiddenRequirements })}</Text>}
            </PageSection>

            {p.status === "approved" && (
              <>
                <RolloutSection p={p} />
                <MilestoneSection p={p} />
                <TeamSection p={p} />
              </>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <ApprovalSection p={p} />
            {p.board.required && <BoardSection p={p} />}
            {p.may.changeLead && <LeadSection p={p} />}
            {p.status === "approved" && (
              <PageSection layout="card-stack" id="phase" title={t("phaseForm.heading")}>
                <Text>{t("phaseForm.current", { phase: t(`phase.${p.phase}`) })}</Text>
                {p.may.phase && <PhaseForm key={p.phase} p={p} />}
              </PageSection>
            )}
            {p.status === "approved" && <ReportSection p={p} />}
            <PageSection layout="card-stack" id="verlauf" title={t("detail.timeline")}>
              <Timeline bulletSize={14} lineWidth={2}>
                {p.events.map((e) => (
                  <Timeline.Item key={e.id} title={<EventText e={e} />}>
                    <Text size="xs">
                      {fmt.dateTime(e.at)} · {e.actorName ?? t("events.system")}
                    </Text>
                    {e.reason && <Text size="sm">{t("events.reason", { reason: e.reason })}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            </PageSection>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
