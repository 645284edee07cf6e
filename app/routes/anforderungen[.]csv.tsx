import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { requirementListDownload } from "#app/modules/requirements/export.server";
import { resourceLoader } from "#app/utils/resource.server";

// "Alle Anforderungen" with its filters, every page, as a CSV download (a resource route: no page).
export const loader = resourceLoader(async ({ request }: LoaderFunctionArgs) => {
  const { actor } = await requirePermission(request, "view:portal");
  return requirementListDownload(getDb(), actor, request, "all");
});
