import { getDb, type DbOrTx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { forbidden, toResponse } from "#app/utils/errors.server";
import { claimOncePerRequest } from "#app/utils/request-scope.server";
import { can, rolesToNameOnRefusal, type Permission, type RecordScope } from "./permissions";
import { requireAuth, type AuthContext } from "./session.server";

/**
 * Signed in and allowed, or a 403 naming the roles that may (recorded in the audit log, once per
 * request); a missing session goes to sign-in.
 */
export async function requirePermission(
  request: Request,
  permission: Permission,
  record?: RecordScope,
  db: DbOrTx = getDb(),
): Promise<AuthContext> {
  const auth = await requireAuth(request, db);
  if (!can(auth.actor, permission, record)) {
    // A section's layout and its page check on their own and Remix runs their loaders side by side,
    // so one request may be refused twice. It is recorded once: by the first refusal, since waiting to
    // learn which check is the most specific would hold every refusal until all loaders have answered
    // (and a data request may run the layout's loader alone). Claimed before the write, so the other
    // loader sees it. Every refusal still answers 403.
    if (claimOncePerRequest("access.denied")) {
      await recordAudit(db, {
        actorUserId: auth.user.id,
        action: "access.denied",
        entityType: "route",
        entityId: new URL(request.url).pathname,
        detail: { permission },
      });
    }
    // The refusal page names who may use the page or step (none when the role fits, the record not).
    toResponse(forbidden("errors.forbidden", { allowedRoles: rolesToNameOnRefusal(auth.actor, permission) }));
  }
  return auth;
}
