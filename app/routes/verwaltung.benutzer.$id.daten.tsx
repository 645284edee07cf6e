import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { exportUserDataForAdmin } from "#app/modules/users/account.server";
import { orRespond } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";

/** A person's data as a JSON download, for the administration (audited by the use case). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = idParam(params.id);
  const { actor } = await requirePermission(request, "admin:users");
  const payload = await orRespond(exportUserDataForAdmin(getDb(), actor, userId, await i18nServer.getLocale(request)));
  return new Response(JSON.stringify(payload, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="buendel-daten-person-${userId}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
