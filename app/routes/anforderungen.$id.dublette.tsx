import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { previewDuplicateTarget } from "#app/modules/requirements/requirements.server";
import { duplicateTargetField } from "#app/modules/requirements/schema";
import { idParam } from "#app/utils/params.server";
import { enforceRateLimit } from "#app/utils/rate-limit.server";
import { resourceLoader } from "#app/utils/resource.server";

/**
 * The duplicate form's preview (GET ?ziel=<number>): title, organisation and status of the typed
 * number, or the message „Als Dublette markieren“ would refuse it with; only what the person may see.
 */
export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const id = idParam(params.id);
  const { actor } = await requirePermission(request, "triage:requirement");
  enforceRateLimit("suggest", actor.userId);
  const target = duplicateTargetField.safeParse(new URL(request.url).searchParams.get("ziel") ?? "");
  if (!target.success) return Response.json({ ok: false, message: target.error.issues[0]?.message ?? "requirements:validation.targetId" });
  return Response.json(await previewDuplicateTarget(getDb(), actor, id, target.data));
});
