import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireAuth } from "#app/modules/auth/session.server";
import { addAttachments } from "#app/modules/requirements/attachments.server";
import { AppError, toResponse } from "#app/utils/errors.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { enforceRateLimit } from "#app/utils/rate-limit.server";
import { parseFormWithFiles } from "#app/utils/upload.server";
import { idParam } from "#app/utils/params.server";


export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/anforderungen/${idParam(params.id)}#anhaenge`);
}

/** Upload of attachments from the requirement page; errors come back as a message on that page, at its file field. */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const { actor } = await requireAuth(request);
  const back = `/anforderungen/${id}#anhaenge`;
  enforceRateLimit("upload", actor.userId);
  const { files, fileError, fileErrorValues } = await parseFormWithFiles(request);
  if (fileError) return redirectWithToast(back, { type: "error", messageKey: fileError, values: fileErrorValues, field: "files" });
  if (files.length === 0) return redirectWithToast(back, { type: "error", messageKey: "requirements:attachments.none", field: "files" });
  try {
    await addAttachments(getDb(), actor, id, files);
  } catch (error) {
    if (error instanceof AppError && error.status !== 404 && error.status !== 403) {
      // A refused file is named in the message (error.details.values).
      const values = error.details?.values as Record<string, string> | undefined;
      return redirectWithToast(back, { type: "error", messageKey: error.messageKey, values, field: "files" });
    }
    return toResponse(error);
  }
  return redirectWithToast(back, { type: "success", messageKey: "requirements:detail.uploaded" });
}
