import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { previewCandidateAddition } from "#app/modules/bundling/candidates.server";
import { addedRequirementField } from "#app/modules/bundling/schema";
import { idParam } from "#app/utils/params.server";
import { enforceRateLimit } from "#app/utils/rate-limit.server";
import { resourceLoader } from "#app/utils/resource.server";

/**
 * The preview of „Anforderung hinzufügen“ (GET ?nr=<number>): number, title, organisation and status
 * of the typed requirement, or the message adding it would be refused with; only what the person may see.
 */
export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const id = idParam(params.id);
  const { actor } = await requirePermission(request, "manage:candidates");
  enforceRateLimit("suggest", actor.userId);
  const number = addedRequirementField.safeParse(new URL(request.url).searchParams.get("nr") ?? "");
  if (!number.success) return Response.json({ ok: false, message: number.error.issues[0]?.message ?? "bundling:errors.requirementNumber" });
  return Response.json(await previewCandidateAddition(getDb(), actor, id, number.data));
});
