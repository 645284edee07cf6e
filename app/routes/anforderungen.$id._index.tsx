import { submitThen } from "#app/components/stepFocus";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { isolateBidi } from "#app/modules/i18n/bidi";
import { parseWithZod } from "@conform-to/zod";
import {
  Alert,
  Anchor,
  Badge,
  FileInput,
  Grid,
  List,
  NativeSelect,
  Textarea,
  TextInput,
  Timeline,
} from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Toast } from "#app/utils/toast.server";
import { Form, Link, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { PlainButton, PlainCard, PlainGroup, PlainStack, PlainText, PlainTitle } from "#app/components/plain/layout";
import {
  ConfirmedIntentForm,
  ConfirmedSubmit,
  ConfirmStep,
  FormErrors,
  formHasErrors,
  LimitedTextarea,
  useFieldError,
  useFreshAfterSuccess,
  useIntentResult,
  WholeNumberInput,
} from "#app/components/forms";
import { KeptDraft, useForgetKeptDraft } from "#app/components/KeptDraft";
import { RequirementOutcomeSection, ProjectNote } from "#app/components/projects/ProjectBits";
import { formatDate, StatusBadge } from "#app/components/requirements/StatusBadge";
import { TimelineTitle } from "#app/components/requirements/TimelineTitle";
import { ClarificationNotice, ClarifyForm } from "#app/components/requirements/ClarifyForm";
import { DuplicateForm } from "#app/components/requirements/DuplicateForm";
import { CandidateFromRequirementForm } from "#app/components/requirements/CandidateFromRequirementForm";
import { createCandidateFromRequirement, mayStartCandidate } from "#app/modules/bundling/candidates.server";
import { cosignQuantityText } from "#app/components/requirements/cosignQuantity";
import { QuantityUnitField } from "#app/components/requirements/QuantityUnitField";
import { can } from "#app/modules/auth/permissions";
import { requireAuth } from "#app/modules/auth/session.server";
import { requirementOutcome } from "#app/modules/projects/outcome.server";
import { getRequirementDetail, returnNoticeOf } from "#app/modules/requirements/queries.server";
import { findSimilarRequirements, similarBeforeSubmittingDraft } from "#app/modules/bundling/similar.server";
import { SimilarRequirements } from "#app/components/requirements/SimilarRequirements";
import { removeAttachment } from "#app/modules/requirements/attachments.server";
import { ATTACHMENT_ACCEPT } from "#app/modules/requirements/filetype";
import {
  addComment,
  clarifyRequirement,
  classifyRequirement,
  cosignRequirement,
  deleteDraft,
  markDuplicateShown,
  rejectRequirement,
  releaseRequirement,
  returnRequirement,
  startReview,
  submitRequirement,
  withdrawCosignature,
  withdrawRequirement,
} from "#app/modules/requirements/requirements.server";
import { detailActionSchema, LIMITS } from "#app/modules/requirements/schema";
import { THEMENFELDER } from "#app/modules/requirements/topics";
import { allowedActions, CLASSIFIABLE, COSIGNABLE, isDeletableDraft, isOpenForComments } from "#app/modules/requirements/workflow";
import { errorReply, orRespond } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";
import type { RouteHandle } from "#app/utils/title";
import { idParam } from "#app/utils/params.server";
import { PrintButton } from "#app/components/PrintButton";
import { PageSection } from "#app/components/PageSection";
import { useNoScriptAction } from "#app/components/hydrated";

export const handle: RouteHandle = {
  title: (d) => (d as { requirement?: { title: string } } | undefined)?.requirement?.title ?? "",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const { actor, user } = await requireAuth(request);
  const r = await orRespond(getRequirementDetail(getDb(), actor, id));
  const ownOrg = r.organisationId === actor.organisationId;
  const scope = { organisationId: r.organisationId };
  const actions = allowedActions(r.status);
  const mayEdit = ownOrg && r.status === "draft" && can(actor, "edit:requirement", scope);
  // Before a draft goes out: what others have filed meanwhile, to co-sign instead of filing twice.
  const similar = mayEdit
    ? await findSimilarRequirements(getDb(), actor, { title: r.title, description: r.problem, themenfeld: r.themenfeld, system: r.system, excludeId: id })
    : [];
  return {
    requirement: r,
    similar,
    clarification: returnNoticeOf(r.status, r.events),
    organisationName: user.organisationName,
    outcome: await requirementOutcome(getDb(), actor, id),
    may: {
      edit: mayEdit,
      // Only a draft that never left the organisation; one with a history is named as such instead.
      deleteDraft: mayEdit && isDeletableDraft(r.status, r.submittedAt, r.events),
      release: r.awaitingRelease && can(actor, "release:requirement", scope),
      withdraw: actions.includes("withdraw") && can(actor, "withdraw:requirement", scope),
      triage: can(actor, "triage:requirement") && !r.awaitingRelease,
      review: actions.includes("review") && can(actor, "triage:requirement") && !r.awaitingRelease,
      reject: actions.includes("reject") && can(actor, "triage:requirement") && !r.awaitingRelease,
      merge: actions.includes("merge") && can(actor, "triage:requirement") && !r.awaitingRelease,
      classify: CLASSIFIABLE.includes(r.status) && can(actor, "triage:requirement") && !r.awaitingRelease,
      clarify: actions.includes("clarify") && can(actor, "triage:requirement") && !r.awaitingRelease,
      cosign: !ownOrg && COSIGNABLE.includes(r.status) && !r.awaitingRelease && can(actor, "cosign:requirement"),
      comment: isOpenForComments(r.status) && can(actor, "comment:requirement"),
      upload: ownOrg && can(actor, "edit:requirement", scope) && !["withdrawn", "merged", "rejected", "done"].includes(r.status),
      candidate: await mayStartCandidate(getDb(), actor, id),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { actor } = await requireAuth(request);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: detailActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  const self = `/anforderungen/${id}`;
  let messageKey = "requirements:detail.done";
  let values: Record<string, string> | undefined;
  try {
    switch (input.intent) {
      case "cosign":
        await cosignRequirement(db, actor, id, { quantity: input.quantity, quantityUnit: input.quantityUnit, comment: input.comment });
        messageKey = "requirements:detail.cosigned";
        break;
      case "uncosign":
        await withdrawCosignature(db, actor, id);
        messageKey = "requirements:detail.uncosigned";
        break;
      case "comment":
        await addComment(db, actor, id, input.body);
        messageKey = "requirements:detail.commented";
        break;
      case "removeAttachment":
        values = await removeAttachment(db, actor, id, input.attachmentId);
        messageKey = "requirements:detail.attachmentRemoved";
        break;
      case "deleteDraft": {
        const { title } = await deleteDraft(db, actor, id);
        return redirectWithToast("/anforderungen/unsere", { type: "success", messageKey: "requirements:detail.draftDeleted", values: { title } });
      }
      case "submit": {
        // The same similarity step as on the new-requirement form; „Trotzdem einreichen“ confirms it.
        const similar = await similarBeforeSubmittingDraft(db, actor, id, { confirmed: input.similarChecked === "1" });
        if (similar.length > 0) return data({ ...submission.reply(), similarFound: true });
        const { awaitingRelease } = await submitRequirement(db, actor, id, input.version);
        messageKey = awaitingRelease ? "requirements:form.submittedAwaitingRelease" : "requirements:form.submitted";
        break;
      }
      case "release":
        await releaseRequirement(db, actor, id);
        messageKey = "requirements:detail.toast.released";
        break;
      case "return":
        await returnRequirement(db, actor, id, input.reason);
        messageKey = "requirements:detail.toast.returned";
        break;
      case "withdraw":
        await withdrawRequirement(db, actor, id, input.reason);
        messageKey = "requirements:detail.toast.withdrawn";
        break;
      case "review":
        await startReview(db, actor, id);
        messageKey = "requirements:detail.toast.reviewStarted";
        break;
      case "reject":
        await rejectRequirement(db, actor, id, input.reason);
        messageKey = "requirements:detail.toast.rejected";
        break;
      case "merge":
        await markDuplicateShown(db, actor, id, input);
        messageKey = "requirements:detail.toast.merged";
        break;
      case "classify":
        await classifyRequirement(db, actor, id, input.version, input);
        messageKey = "requirements:detail.toast.classified";
        break;
      case "candidate": {
        const created = await createCandidateFromRequirement(db, actor, id, input);
        return redirectWithToast(`/kandidaten/${created.id}`, { type: "success", messageKey: "bundling:toast.accepted", values: { title: input.title } });
      }
      case "clarify": {
        // The draft is its organisation's alone now: the requirements team goes back to its inbox.
        const r = await clarifyRequirement(db, actor, id, input.question);
        return redirectWithToast("/eingang", { type: "success", messageKey: "requirements:clarify.done", values: { title: r.title, organisation: r.organisationName } });
      }
    }
  } catch (error) {
    return errorReply(submission, error);
  }
  const anchor = input.intent === "comment" ? "#kommentare" : input.intent === "removeAttachment" ? "#anhaenge" : "";
  return redirectWithToast(`${self}${anchor}`, { type: "success", messageKey, ...(values ? { values } : {}) });
}

/** An irreversible step of this page (shared ConfirmStep), with the reason most of them need. */
function RequirementStep({
  label,
  intent,
  reasonLabel,
  color,
  hint,
  children,
}: {
  label: string;
  intent: string;
  reasonLabel?: string;
  color?: string;
  /** What the step does, where „cannot be undone“ would not be true. */
  hint?: string;
  /** Further fields; given as a function they receive the message for a field by its name. */
  children?: ReactNode | ((errorOf: (name: string) => ReactNode) => ReactNode);
}) {
  const { t } = useTranslation("requirements");
  const fieldError = useFieldError();
  const [form, fields] = useForm({
    id: `step-${intent}`,
    lastResult: useIntentResult(intent),
    shouldValidate: "onSubmit",
  });
  return (
    <ConfirmStep
      label={label}
      intent={intent}
      confirmLabel={t("detail.confirm")}
      open={formHasErrors(form)}
      formProps={getFormProps(form)}
      errors={form.errors}
      hint={hint ?? t("detail.irreversible")}
      color={color}
    >
      {typeof children === "function" ? children((name) => fieldError((fields as Record<string, { errors?: string[] }>)[name]?.errors)) : children}
      {reasonLabel && (
        <Textarea label={reasonLabel} name="reason" required autosize minRows={2} error={fieldError((fields as Record<string, { errors?: string[] }>).reason?.errors)} />
      )}
    </ConfirmStep>
  );
}

/** „Entfernen“ for one attachment of a draft: asks first, naming the file. */
function RemoveAttachment({ attachment }: { attachment: { id: string; original_name: string } }) {
  const { t } = useTranslation("requirements");
  const lastResult = useIntentResult("removeAttachment");
  // Only the form whose file was sent shows the answer (the page lists several).
  const mine = !lastResult?.initialValue || lastResult.initialValue.attachmentId === attachment.id;
  const [form, fields] = useForm({ id: `remove-attachment-${attachment.id}`, lastResult: mine ? lastResult : undefined });
  const name = attachment.original_name;
  return (
    <Form method="post" className="no-print" {...getFormProps(form)}>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="removeAttachment" />
      <input type="hidden" name="attachmentId" value={attachment.id} />
      <ConfirmedSubmit
        formId={form.id}
        needsConfirm={!!fields.confirm.errors?.length}
        label={t("detail.removeAttachment")}
        ariaLabel={t("detail.removeAttachmentNamed", { name })}
        question={t("detail.removeAttachmentQuestion", { name })}
        confirmLabel={t("detail.removeAttachmentConfirm")}
        color="red"
        variant="default"
        size="compact-sm"
      />
    </Form>
  );
}

/** Why submitting from this page was refused; an incomplete draft names what is missing and leads to the form. */
function SubmitRefusal({ result, editTo }: { result: SubmissionResult<string[]>; editTo: string }) {
  const { t } = useTranslation("requirements");
  const missing = (result as { details?: { missing?: string[] } }).details?.missing;
  const messages = result.error?.[""] ?? [];
  if (!missing?.length) return <FormErrors errors={messages} />;
  return (
    <Alert color="red" role="alert">
      {t("errors.incomplete", { fields: missing.map((f) => t(`fields.${f}`)).join(", ") })}{" "}
      <Anchor component={Link} to={editTo} c="inherit" underline="always" fw={600}>
        {t("errors.incompleteEdit")}
      </Anchor>
    </Alert>
  );
}

/** The sentence „Ihre Organisation hat mitgezeichnet“, where the focus goes after co-signing. */
const OWN_COSIGN_ID = "eigene-mitzeichnung";

export default function RequirementPage() {
  const { requirement: r, may, organisationName, outcome, similar, clarification } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("requirements");
  const fieldError = useFieldError();
  const navigation = useNavigation();
  // A refused upload comes back as a message (its own route redirects here); it also stands at the field.
  const rootToast = useRouteLoaderData<{ toast: Toast | null }>("root")?.toast;
  const uploadError = rootToast?.type === "error" && rootToast.field === "files" ? rootToast : null;
  const lng = i18n.language;
  const cosignResult = useIntentResult("cosign");
  const uncosignResult = useIntentResult("uncosign");
  const commentResult = useIntentResult("comment");
  const classifyResult = useIntentResult("classify");
  const submitResult = useIntentResult("submit");
  // Refused once for similar requirements (listed on this page): the next „Einreichen“ confirms.
  const similarFound = !!(submitResult as { similarFound?: boolean } | undefined)?.similarFound && similar.length > 0;
  const deleteResult = useIntentResult("deleteDraft");
  const releaseResult = useIntentResult("release");
  // After a save each form starts afresh (nothing typed left to send twice, no old messages);
  // after a refusal it keeps what was typed.
  const cosignGeneration = useFreshAfterSuccess("cosign", cosignResult);
  const commentGeneration = useFreshAfterSuccess("comment", commentResult);
  const classifyGeneration = useFreshAfterSuccess("classify", classifyResult);
  const uploadGeneration = useFreshAfterSuccess("upload", uploadError);
  const [cosignForm, cosignFields] = useForm({ id: `cosign-${cosignGeneration}`, lastResult: cosignResult, shouldValidate: "onSubmit" });
  const [commentForm, commentFields] = useForm({ id: `comment-${commentGeneration}`, lastResult: commentResult, shouldValidate: "onSubmit" });
  const [classifyForm, classifyFields] = useForm({ id: `classify-${classifyGeneration}`, lastResult: classifyResult, shouldValidate: "onSubmit" });
  const ownCosign = r.endorsements.find((e) => e.own);
  const cosignRef = useRef<HTMLFormElement>(null);
  const commentRef = useRef<HTMLFormElement>(null);
  // Co-signed, the form is gone: what was kept for it has nothing left to go into.
  useForgetKeptDraft(`requirement-cosign-${r.id}`, !!ownCosign);
  const busy = navigation.state === "submitting";
  // Refused without JavaScript, the answer opens at the form's section, where its message stands.
  const commentAction = useNoScriptAction("kommentare");
  const cosignAction = useNoScriptAction("mitzeichnung");

  return (
    <PlainStack gap="md">
      <PlainGroup justify="space-between" align="flex-start">
        <PlainStack gap={4}>
          <PlainText size="sm">{t("detail.number", { id: r.id })}</PlainText>
          <PlainTitle order={1}>{r.title}</PlainTitle>
          <PlainGroup gap="xs">
            <StatusBadge status={r.status} awaitingRelease={r.awaitingRelease} />
            {outcome?.project && <ProjectNote project={outcome.project} />}
            {r.confidential && (
              <Badge color="red" variant="light">
                {t("fields.confidential")}
              </Badge>
            )}
            <PlainText size="sm">{t(r.status === "draft" ? "detail.draftBy" : "detail.filedBy", { organisation: r.organisationName })}</PlainText>
          </PlainGroup>
        </PlainStack>
        <PlainGroup className="no-print">
          {may.edit && (
            <PlainButton to={`/anforderungen/${r.id}/bearbeiten`} variant="default">
              {t("detail.edit")}
            </PlainButton>
          )}
          <PrintButton variant="subtle" />
        </PlainGroup>
      </PlainGroup>

      {clarification && <ClarificationNotice clarification={clarification} />}
      {r.status === "draft" && <Alert color="gray">{t("detail.draftHint")}</Alert>}
      {r.awaitingRelease &&
        (may.release ? (
          <Alert color="yellow" title={t("detail.releaseCallout")}>
            {t("detail.awaitingYourRelease")}{" "}
            <Anchor href="#freigabe" underline="always" className="no-print" fz="inherit">
              {t("detail.toReleaseActions")}
            </Anchor>
          </Alert>
        ) : (
          <Alert color="yellow">{t("detail.awaitingRelease")}</Alert>
        ))}
      {r.confidential && <Alert color="red" variant="light">{t("detail.confidentialHint")}</Alert>}
      {r.rejectReason && r.status === "rejected" && <Alert color="red">{t("detail.rejectedBecause", { reason: r.rejectReason })}</Alert>}
      {r.duplicateOf && (
        <Alert color="gray">
          {t("detail.duplicateOf")}{" "}
          <Anchor component={Link} to={`/anforderungen/${r.duplicateOf.id}`}>
            {t("detail.number", { id: r.duplicateOf.id })} – {r.duplicateOf.title}
          </Anchor>
        </Alert>
      )}

      <RequirementOutcomeSection outcome={outcome} organisationName={organisationName} />

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <PlainStack gap="md">
            <PageSection title={t("detail.facts")}>
              <PlainStack gap="sm">
                <div>
                  <PlainText fw={600}>{t("fields.problem")}</PlainText>
                  <PlainText style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontStyle: r.problem ? undefined : "italic" }}>{r.problem || t("detail.notFilled")}</PlainText>
                </div>
                <div>
                  <PlainText fw={600}>{t("fields.desiredOutcome")}</PlainText>
                  <PlainText style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontStyle: r.desiredOutcome ? undefined : "italic" }}>{r.desiredOutcome || t("detail.notFilled")}</PlainText>
                </div>
                <div>
                  <PlainText fw={600}>{t("fields.benefit")}</PlainText>
                  <PlainText style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontStyle: r.benefit ? undefined : "italic" }}>{r.benefit || t("detail.notFilled")}</PlainText>
                </div>
                <Table variant="vertical" withTableBorder layout="fixed" className="facts-table" aria-label={t("detail.facts")}>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Th scope="row">{t("fields.themenfeld")}</Table.Th>
                      <Table.Td>{r.themenfeld || t("detail.notFilled")}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th scope="row">{t("fields.system")}</Table.Th>
                      <Table.Td>{r.system ?? "–"}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th scope="row">{t("fields.legalBasis")}</Table.Th>
                      <Table.Td>{r.legalBasis ?? "–"}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th scope="row">{t("fields.deadline")}</Table.Th>
                      <Table.Td>{formatDate(r.deadline, lng)}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th scope="row">{t("fields.urgency")}</Table.Th>
                      <Table.Td>{r.urgency ? t(`urgency.${r.urgency}`) : t("detail.notFilled")}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th scope="row">{t("fields.author")}</Table.Th>
                      <Table.Td>
                        {isolateBidi(r.authorName ?? "–")} ({isolateBidi(r.organisationName)})
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th scope="row">{t("fields.submittedAt")}</Table.Th>
                      <Table.Td>{formatDate(r.submittedAt, lng, true)}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
                {r.duplicates.length > 0 && (
                  <div>
                    <PlainText fw={600}>{t("detail.duplicates")}</PlainText>
                    <List>
                      {r.duplicates.map((d) => (
                        <List.Item key={d.id}>
                          <Anchor component={Link} to={`/anforderungen/${d.id}`}>
                            {t("detail.number", { id: d.id })} – {d.title}
                          </Anchor>
                        </List.Item>
                      ))}
                    </List>
                  </div>
                )}
              </PlainStack>
            </PageSection>

            <PageSection title={t("detail.attachments")} id="anhaenge">
              {r.attachments.length === 0 ? (
                <PlainText size="sm">{t("detail.noAttachments")}</PlainText>
              ) : (
                <List>
                  {r.attachments.map((a) => (
                    <List.Item key={a.id}>
                      <Anchor href={`/anforderungen/${r.id}/anhaenge/${a.id}`}>
                        {a.original_name}
                      </Anchor>{" "}
                      <PlainText span size="sm">
                        ({Math.max(1, Math.round(a.size_bytes / 1024))} KB)
                      </PlainText>
                      {may.edit && <RemoveAttachment attachment={a} />}
                    </List.Item>
                  ))}
                </List>
              )}
              {may.upload && (
                <Form method="post" action={`/anforderungen/${r.id}/hochladen`} encType="multipart/form-data" className="no-print" key={uploadGeneration}>
                  {/* Names the step for useFreshAfterSuccess; the upload route reads only the files. */}
                  <input type="hidden" name="intent" value="upload" />
                  <PlainGroup align="flex-end" mt="sm">
                    <FileInput
                      label={t("fields.attachmentsAdd")}
                      description={
                        r.status === "draft" ? t("fields.attachmentsHint") : `${t("fields.attachmentsHint")} ${t(r.confidential ? "detail.attachmentsStayConfidential" : "detail.attachmentsStay")}`
                      }
                      placeholder={t("fields.attachmentsPlaceholder")}
                      name="files"
                      multiple
                      // The upload needs a file (the browser says so), but a lone star beside the
                      // section's only field would explain nothing: no asterisk.
                      required
                      withAsterisk={false}
                      accept={ATTACHMENT_ACCEPT}
                      style={{ flex: 1 }}
                      error={uploadError ? t(uploadError.messageKey, uploadError.values) : undefined}
                    />
                    <PlainButton type="submit" variant="default">
                      {t("detail.upload")}
                    </PlainButton>
                  </PlainGroup>
                </Form>
              )}
            </PageSection>

            <PageSection title={t("detail.comments")} id="kommentare">
              {r.comments.length === 0 ? (
                <PlainText size="sm">{t("detail.noComments")}</PlainText>
              ) : (
                <PlainStack gap="sm">
                  {r.comments.map((c) => (
                    <PlainCard key={c.id} padding="sm" component="article">
                      <PlainText size="sm" fw={600}>
                        {isolateBidi(c.authorName ?? "–")} ({isolateBidi(c.organisationName)}) · {formatDate(c.created_at, lng, true)}
                      </PlainText>
                      <PlainText style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{c.body}</PlainText>
                    </PlainCard>
                  ))}
                </PlainStack>
              )}
              {may.comment && (
                <Form method="post" action={commentAction} {...getFormProps(commentForm)} key={commentForm.key} ref={commentRef} className="no-print">
                  <input type="hidden" name="intent" value="comment" />
                  <PlainStack gap="xs" mt="sm">
                    {/* Kept in the tab until sent, so an ended session does not cost the text. */}
                    <KeptDraft formRef={commentRef} name={`requirement-comment-${r.id}`} fields={["body"]} intent="comment" />
                    <LimitedTextarea
                      label={t("detail.commentLabel")}
                      name="body"
                      defaultValue={commentFields.body.initialValue as string | undefined}
                      required
                      autosize
                      minRows={2}
                      limit={LIMITS.comment}
                      error={fieldError(commentFields.body?.errors)}
                    />
                    <PlainGroup>
                      <PlainButton type="submit" variant="default" loading={busy}>
                        {t("detail.commentSend")}
                      </PlainButton>
                    </PlainGroup>
                  </PlainStack>
                </Form>
              )}
            </PageSection>
          </PlainStack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <PlainStack gap="md">
            <PageSection title={t("detail.cosignHeading")} id="mitzeichnung">
              {r.endorsements.length === 0 && r.duplicateOf ? (
                // A duplicate's co-signatures moved to the requirement it was merged into.
                <PlainText size="sm">
                  {t("detail.cosignsMovedTo", { id: r.duplicateOf.id })}{" "}
                  <Link to={`/anforderungen/${r.duplicateOf.id}#mitzeichnung`}>{isolateBidi(r.duplicateOf.title)}</Link>
                </PlainText>
              ) : r.endorsements.length === 0 ? (
                <PlainText size="sm">{t("detail.noCosignatures")}</PlainText>
              ) : (
                <>
                  <PlainText size="sm" fw={600}>
                    {t("detail.cosignedBy")}
                  </PlainText>
                  <List size="sm" spacing={4} style={{ overflowWrap: "anywhere" }}>
                    {r.endorsements.map((e) => (
                      <List.Item key={e.id}>
                        {e.organisationName}
                        {e.quantity ? ` · ${cosignQuantityText(t, lng, e.quantity, e.quantityUnit)}` : ""}
                        {e.comment ? ` – ${e.comment}` : ""}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
              {may.cosign && !ownCosign && (
                // After co-signing the button is gone: the focus goes to the sentence that says it worked.
                <Form
                  method="post"
                  action={cosignAction}
                  {...getFormProps(cosignForm)}
                  onSubmit={submitThen(cosignForm.onSubmit, OWN_COSIGN_ID)}
                  key={cosignForm.key}
                  ref={cosignRef}
                  className="no-print"
                >
                  <input type="hidden" name="intent" value="cosign" />
                  <PlainStack gap="xs" mt="sm">
                    <KeptDraft formRef={cosignRef} name={`requirement-cosign-${r.id}`} fields={["quantity", "quantityUnit", "comment"]} intent="cosign" />
                    <PlainText size="sm">{t("detail.cosignIntro")}</PlainText>
                    <FormErrors errors={cosignForm.errors} />
                    {/* Refused without JavaScript, the page comes back from the server: what was typed stays. */}
                    <WholeNumberInput
                      label={t("detail.cosignQuantity")}
                      description={t("detail.cosignQuantityHint")}
                      name="quantity"
                      defaultValue={cosignFields.quantity.initialValue as string | undefined}
                      error={fieldError(cosignFields.quantity?.errors)}
                    />
                    <QuantityUnitField
                      name="quantityUnit"
                      defaultValue={cosignFields.quantityUnit.initialValue as string | undefined}
                      error={fieldError(cosignFields.quantityUnit?.errors)}
                    />
                    <LimitedTextarea
                      label={t("detail.cosignComment")}
                      name="comment"
                      defaultValue={cosignFields.comment.initialValue as string | undefined}
                      autosize
                      minRows={2}
                      limit={LIMITS.comment}
                      error={fieldError(cosignFields.comment?.errors)}
                    />
                    <PlainButton type="submit" loading={busy}>
                      {t("detail.cosign", { organisation: organisationName })}
                    </PlainButton>
                  </PlainStack>
                </Form>
              )}
              {ownCosign && (
                <PlainStack gap="xs" mt="sm">
                  <PlainText size="sm" id={OWN_COSIGN_ID}>
                    {t("detail.cosignedByYou")}
                  </PlainText>
                  <ConfirmedIntentForm
                    id="uncosign"
                    intent="uncosign"
                    lastResult={uncosignResult}
                    label={t("detail.uncosign")}
                    dialogTitle={t("detail.uncosignTitle")}
                    question={t("detail.uncosignQuestion", { title: r.title })}
                    confirmLabel={t("detail.uncosignConfirm")}
                    variant="default"
                  />
                </PlainStack>
              )}
            </PageSection>

            {similar.length > 0 && (
              <div className="no-print">
                <SimilarRequirements items={similar} />
              </div>
            )}

            {/* Steps only make sense on screen: the printout drops the whole box, not just its buttons. */}
            {(may.edit || may.release || may.withdraw || may.review || may.reject || may.merge || may.classify || may.clarify || may.candidate) && (
              <PageSection title={t("detail.actions")} className="no-print">
                <PlainStack gap="sm">
                  {may.edit && submitResult?.error?.[""]?.length ? <SubmitRefusal result={submitResult} editTo={`/anforderungen/${r.id}/bearbeiten`} /> : null}
                  {may.edit && similarFound && (
                    <Alert color="blue" role="alert">
                      {t("form.similarFoundBeforeSubmit")}
                    </Alert>
                  )}
                  {may.edit && (
                    <Form method="post">
                      <input type="hidden" name="intent" value="submit" />
                      <input type="hidden" name="version" value={r.version} />
                      {similarFound && <input type="hidden" name="similarChecked" value="1" />}
                      <PlainButton type="submit" fullWidth>
                        {similarFound ? t("form.submitAnyway") : t("detail.submitDraft")}
                      </PlainButton>
                    </Form>
                  )}
                  {may.deleteDraft && (
                    <ConfirmedIntentForm
                      id="delete-draft"
                      intent="deleteDraft"
                      lastResult={deleteResult}
                      label={t("detail.deleteDraft")}
                      dialogTitle={t("detail.deleteDraftTitle")}
                      question={t("detail.deleteDraftQuestion", { title: r.title })}
                      confirmLabel={t("detail.deleteDraftConfirm")}
                      color="red"
                      variant="default"
                    />
                  )}
                  {/* Refused because it was submitted meanwhile or has a history: the form is gone, its answer stays. */}
                  {!may.deleteDraft && <FormErrors errors={deleteResult?.error?.[""] ?? undefined} />}
                  {may.edit && !may.deleteDraft && <PlainText size="sm">{t("detail.deleteDraftBlocked")}</PlainText>}
                  {may.release && (
                    <div id="freigabe" tabIndex={-1}>
                      <PlainText fw={600}>{t("detail.releaseCallout")}</PlainText>
                    </div>
                  )}
                  {may.release && (
                    <ConfirmedIntentForm
                      id="release"
                      intent="release"
                      lastResult={releaseResult}
                      label={t("detail.release")}
                      dialogTitle={t("detail.releaseTitle")}
                      question={t(r.confidential ? "detail.releaseQuestionConfidential" : "detail.releaseQuestion", { title: r.title })}
                      confirmLabel={t("detail.releaseConfirm")}
                    />
                  )}
                  {may.release && <RequirementStep label={t("detail.returnToDraft")} intent="return" reasonLabel={t("detail.returnReason")} hint={t("detail.returnHint")} />}
                  {may.review && (
                    <Form method="post">
                      <input type="hidden" name="intent" value="review" />
                      <PlainButton type="submit" variant="default" fullWidth>
                        {t("detail.review")}
                      </PlainButton>
                    </Form>
                  )}
                  {may.classify && (
                    <details open={classifyResult?.status === "error"}>
                      <summary>{t("detail.classify")}</summary>
                      <Form method="post" {...getFormProps(classifyForm)} key={classifyForm.key}>
                        <input type="hidden" name="intent" value="classify" />
                        <input type="hidden" name="version" value={r.version} />
                        <PlainStack gap="xs" mt="xs">
                          <FormErrors errors={classifyForm.errors} />
                          <NativeSelect
                            label={t("fields.themenfeld")}
                            name="themenfeld"
                            defaultValue={r.themenfeld}
                            data={THEMENFELDER.map((v) => ({ value: v, label: v }))}
                            error={fieldError(classifyFields.themenfeld?.errors)}
                          />
                          <TextInput label={t("fields.system")} name="system" defaultValue={r.system ?? ""} error={fieldError(classifyFields.system?.errors)} />
                          <TextInput label={t("fields.legalBasis")} name="legalBasis" defaultValue={r.legalBasis ?? ""} error={fieldError(classifyFields.legalBasis?.errors)} />
                          <PlainButton type="submit" variant="default">
                            {t("detail.classifySave")}
                          </PlainButton>
                        </PlainStack>
                      </Form>
                    </details>
                  )}
                  {may.clarify && (
                    <ClarifyForm title={r.title} organisation={r.organisationName} cosignedByOthers={r.endorsements.some((e) => e.organisation_id !== r.organisationId)} />
                  )}
                  {may.candidate && <CandidateFromRequirementForm title={r.title} />}
                  {may.merge && <DuplicateForm requirementId={r.id} />}
                  {may.reject && <RequirementStep label={t("detail.reject")} intent="reject" reasonLabel={t("detail.rejectReason")} color="red" />}
                  {may.withdraw && <RequirementStep label={t("detail.withdraw")} intent="withdraw" reasonLabel={t("detail.withdrawReason")} color="red" />}
                </PlainStack>
              </PageSection>
            )}

            <PageSection title={t("detail.timeline")}>
              <Timeline bulletSize={14} lineWidth={2}>
                {r.events.map((e) => (
                  <Timeline.Item key={e.id} title={<TimelineTitle event={e} />}>
                    <PlainText size="xs">
                      {formatDate(e.at, lng, true)} ·{" "}
                      {e.actorName ? t("timeline.by", { name: e.actorName, organisation: e.actorOrganisation }) : t("timeline.system")}
                    </PlainText>
                    {e.reason && <PlainText size="sm">{e.detail?.clarify ? t("clarify.timelineQuestion", { question: e.reason }) : t("timeline.reason", { reason: e.reason })}</PlainText>}
                    {e.kind === "classified" &&
                      ((e.detail?.changes as { field: string; from: string | null; to: string | null }[] | undefined) ?? []).map((c) => (
                        <PlainText size="sm" key={c.field}>
                          {t("timeline.change", { field: t(`fields.${c.field}`), from: c.from ?? "–", to: c.to ?? "–" })}
                        </PlainText>
                      ))}
                  </Timeline.Item>
                ))}
              </Timeline>
            </PageSection>
          </PlainStack>
        </Grid.Col>
      </Grid>
    </PlainStack>
  );
}
