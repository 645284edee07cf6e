import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { dashboardCsv, getDashboard } from "#app/modules/projects/dashboard.server";
import { csvHeaders } from "#app/utils/csv";
import { orRespond } from "#app/utils/forms.server";
import { resourceLoader } from "#app/utils/resource.server";

// The dashboard's figures as a CSV download (a resource route: no page).
export const loader = resourceLoader(async ({ request }: LoaderFunctionArgs) => {
  const { actor } = await requirePermission(request, "view:dashboard");
  const dashboard = await orRespond(getDashboard(getDb(), actor));
  const t = await i18nServer.getFixedT(request, "projects");
  const body = dashboardCsv(dashboard, (key, options) => t(key, options) as string);
  return new Response(body, { headers: csvHeaders(`buendel-cockpit-${dashboard.at.slice(0, 10)}.csv`) });
});
