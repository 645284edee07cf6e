import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { exportPersonalData } from "#app/modules/users/account.server";

/** The signed-in person's own data as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "view:account");
  const db = getDb();
  // Notices in the language the person reads the portal in (German unless switched).
  const payload = await exportPersonalData(db, user.id, await i18nServer.getLocale(request));
  await recordAudit(db, { actorUserId: user.id, action: "user.data_exported", entityType: "user", entityId: user.id });
  return new Response(JSON.stringify(payload, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="buendel-meine-daten.json"`,
      "Cache-Control": "no-store",
    },
  });
}
