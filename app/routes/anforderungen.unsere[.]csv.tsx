import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { requireAuth } from "#app/modules/auth/session.server";
import { requirementListDownload } from "#app/modules/requirements/export.server";
import { resourceLoader } from "#app/utils/resource.server";

// "Unsere Anforderungen" (drafts included) with its filters, every page, as a CSV download.
export const loader = resourceLoader(async ({ request }: LoaderFunctionArgs) => {
  const { actor } = await requireAuth(request);
  await requirePermission(request, "create:requirement", { organisationId: actor.organisationId });
  return requirementListDownload(getDb(), actor, request, "own");
});
