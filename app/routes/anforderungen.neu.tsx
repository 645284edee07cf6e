import { parseWithZod } from "@conform-to/zod";
import { Stack, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { RequirementForm } from "#app/components/requirements/RequirementForm";
import { requirePermission } from "#app/modules/auth/guard.server";
import { requireAuth } from "#app/modules/auth/session.server";
import { similarBeforeSubmit, submitTextOf } from "#app/modules/bundling/similar.server";
import { getOrganisation } from "#app/modules/organisations/organisations.server";
import { addAttachments, uploadRefusal } from "#app/modules/requirements/attachments.server";
import { createRequirement } from "#app/modules/requirements/requirements.server";
import { requirementFormSchema } from "#app/modules/requirements/schema";
import { AppError } from "#app/utils/errors.server";
import { errorReply } from "#app/utils/forms.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { parseFormWithFiles } from "#app/utils/upload.server";

export const handle = { title: "requirements:form.newTitle" };

async function authorise(request: Request) {
  const { actor } = await requireAuth(request);
  return requirePermission(request, "create:requirement", { organisationId: actor.organisationId });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await authorise(request);
  const org = await getOrganisation(getDb(), actor.organisationId);
  return { clientKey: crypto.randomUUID(), requiresRelease: org.requires_release };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await authorise(request);
  const db = getDb();
  const { formData, files, fileError, fileErrorValues } = await parseFormWithFiles(request);
  const submission = parseWithZod(formData, { schema: requirementFormSchema });
  // One refusal names every problem at once: the fields, the files, and (on a first „Einreichen“)
  // similar requirements; never one after the other on separate round trips.
  const fileRefusal = fileError ? { key: fileError, values: fileErrorValues } : uploadRefusal(files);
  // Without JavaScript the form cannot show similar requirements while typing: show them once here.
  const similar =
    formData.get("intent") === "submit"
      ? await similarBeforeSubmit(db, actor, submitTextOf(formData), { confirmed: formData.get("similarChecked") === "1" })
      : [];
  if (submission.status !== "success" || fileRefusal || similar.length > 0) {
    const result = submission.reply(fileRefusal ? { fieldErrors: { files: [fileRefusal.key] } } : undefined);
    // Files are not sent back: the page names the ones not yet saved (without JavaScript they must be chosen again).
    const filesNotSaved = files.map((f) => f.name);
    const refused = submission.status !== "success" || fileRefusal;
    return data({ result, similar: similar.length > 0 ? similar : null, fileErrorValues: fileRefusal?.values, filesNotSaved }, { status: refused ? 400 : 200 });
  }
  const input = submission.value;
  try {
    const { id, created } = await createRequirement(db, actor, { ...input, submit: input.intent === "submit", clientKey: input.clientKey });
    if (created && files.length > 0) await addAttachments(db, actor, id, files);
    const org = await getOrganisation(db, actor.organisationId);
    const messageKey =
      input.intent !== "submit" ? "requirements:form.created" : org.requires_release ? "requirements:form.submittedAwaitingRelease" : "requirements:form.submitted";
    return redirectWithToast(`/anforderungen/${id}`, { type: "success", messageKey });
  } catch (error) {
    const reply = errorReply(submission, error);
    // A refused file is named in the message at the file field.
    const fileErrorValues = error instanceof AppError ? (error.details?.values as Record<string, string> | undefined) : undefined;
    return data({ result: reply.data, similar: null, fileErrorValues }, { status: reply.init?.status ?? 400 });
  }
}

export default function NewRequirementPage() {
  const { clientKey, requiresRelease } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("requirements");
  return (
    <Stack>
      <Title order={1}>{t("form.newTitle")}</Title>
      <Text>{t("form.newIntro")}</Text>
      <RequirementForm
        mode="new"
        lastResult={actionData?.result}
        clientKey={clientKey}
        requiresRelease={requiresRelease}
        similar={actionData?.similar ?? null}
        fileErrorValues={actionData && "fileErrorValues" in actionData ? actionData.fileErrorValues : undefined}
        filesNotSaved={actionData && "filesNotSaved" in actionData ? actionData.filesNotSaved : undefined}
        cancelTo="/anforderungen/unsere"
      />
    </Stack>
  );
}
