import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { openNotice } from "#app/modules/notifications/notifications.server";
import { idParam } from "#app/utils/params.server";
import { resourceLoader } from "#app/utils/resource.server";

/**
 * Following a notice from the notifications page: a plain link here marks the reader's own notice
 * read and goes on to what it is about (works without JavaScript). Another person's notice is not
 * found; a stored link that is not a path of this site leads back to the notifications page.
 */
export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { user } = await requirePermission(request, "view:notifications");
  const { link } = await openNotice(getDb(), user.id, idParam(params.id));
  return redirect(link ?? "/benachrichtigungen");
});
