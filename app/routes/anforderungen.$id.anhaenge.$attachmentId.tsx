import { Readable } from "node:stream";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireAuth } from "#app/modules/auth/session.server";
import { openAttachment } from "#app/modules/requirements/attachments.server";
import { notFound, toResponse } from "#app/utils/errors.server";
import { orRespond } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import { resourceLoader } from "#app/utils/resource.server";

/** Serves an attachment only to those who may see its requirement, always as a download. */
export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const id = idParam(params.id);
  if (!/^[a-z2-7]{16,64}$/.test(params.attachmentId ?? "")) toResponse(notFound());
  const { actor } = await requireAuth(request);
  const file = await orRespond(openAttachment(getDb(), actor, id, params.attachmentId!));
  const ascii = file.original_name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "Content-Type": file.mime_type,
      "Content-Length": String(file.size_bytes),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.original_name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
