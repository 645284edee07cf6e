import { parseWithZod } from "@conform-to/zod";
import { Stack, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { ClarificationNotice } from "#app/components/requirements/ClarifyForm";
import { RequirementForm } from "#app/components/requirements/RequirementForm";
import { requireAuth } from "#app/modules/auth/session.server";
import { getOrganisation } from "#app/modules/organisations/organisations.server";
import { similarBeforeSubmit, submitTextOf } from "#app/modules/bundling/similar.server";
import { openReturnOf } from "#app/modules/requirements/queries.server";
import { requireOwnDraft, updateDraft } from "#app/modules/requirements/requirements.server";
import { requirementFormSchema } from "#app/modules/requirements/schema";
import { AppError } from "#app/utils/errors.server";
import { errorReply, orRespond } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { idParam } from "#app/utils/params.server";

export const handle = { title: "requirements:form.editTitle" };


export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = idParam(params.id);
  const { actor } = await requireAuth(request);
  const db = getDb();
  const r = await orRespond(requireOwnDraft(db, actor, id));
  if (r.status !== "draft") throw await redirectWithToast(`/anforderungen/${id}`, { type: "info", messageKey: "requirements:errors.notDraft" });
  const [org, returned] = await Promise.all([getOrganisation(db, actor.organisationId), openReturnOf(db, id, r.status)]);
  return {
    id,
    returned,
    version: r.version,
    requiresRelease: org.requires_release,
    defaults: {
      title: r.title,
      problem: r.problem,
      desiredOutcome: r.desired_outcome,
      themenfeld: r.themenfeld,
      system: r.system,
      legalBasis: r.legal_basis,
      deadline: r.deadline,
      benefit: r.benefit,
      urgency: r.urgency,
      confidential: !!r.confidential,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { actor } = await requireAuth(request);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: requirementFormSchema });
  // The same similarity step as for a new requirement: a draft saved first must not bypass it.
  // Only an unconfirmed submit reads the draft here; a confirmed one leaves every refusal (403 for
  // other roles, 404, 409) to updateDraft, as the route × action table expects.
  let similar: Awaited<ReturnType<typeof similarBeforeSubmit>> = [];
  if (formData.get("intent") === "submit" && formData.get("similarChecked") !== "1") {
    const r = await orRespond(requireOwnDraft(db, actor, id));
    if (r.status === "draft") similar = await similarBeforeSubmit(db, actor, submitTextOf(formData), { confirmed: false, excludeId: id });
  }
  if (submission.status !== "success" || similar.length > 0) {
    return data(
      { result: submission.reply(), conflict: null, version: null, similar: similar.length > 0 ? similar : null },
      { status: submission.status !== "success" ? 400 : 200 },
    );
  }
  const { intent, version, ...input } = submission.value;
  let awaitingRelease = false;
  try {
    ({ awaitingRelease } = await updateDraft(db, actor, id, version ?? 0, { ...input, submit: intent === "submit" }));
  } catch (error) {
    if (error instanceof AppError && error.messageKey === "requirements:errors.editConflict") {
      // Keep the user's input; offer the saved values and the new version to save over knowingly.
      const details = error.details as { changed: { field: string; value: string }[]; version: number };
      return data({ result: submission.reply(), conflict: { changed: details.changed }, version: details.version, similar: null }, { status: 409 });
    }
    const reply = errorReply(submission, error);
    return data({ result: reply.data, conflict: null, version: null, similar: null }, { status: reply.init?.status ?? 400 });
  }
  return redirectWithToast(`/anforderungen/${id}`, {
    type: "success",
    messageKey: intent !== "submit" ? "requirements:form.saved" : awaitingRelease ? "requirements:form.submittedAwaitingRelease" : "requirements:form.submitted",
  });
}

export default function EditRequirementPage() {
  const { id, version, requiresRelease, defaults, returned } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("requirements");
  return (
    <Stack>
      <Title order={1}>{t("form.editTitle")}</Title>
      {returned && <ClarificationNotice clarification={returned} />}
      <RequirementForm
        mode="edit"
        lastResult={actionData?.result}
        defaults={defaults}
        version={actionData?.version ?? version}
        requiresRelease={requiresRelease}
        excludeId={id}
        conflict={actionData?.conflict ?? null}
        similar={actionData?.similar ?? null}
        cancelTo={`/anforderungen/${id}`}
      />
    </Stack>
  );
}
