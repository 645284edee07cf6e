import { getDb, type DbOrTx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { toResponse, forbidden } from "#app/utils/errors.server";
import { can, type Permission, type RecordScope } from "./permissions";
import { requireAuth, type AuthContext } from "./session.server";

/** Signed in and allowed, or a 403 (recorded in the audit log); a missing session goes to sign-in. */
export async function requirePermission(
  request: Request,
  permission: Permission,
  record?: RecordScope,
  db: DbOrTx = getDb(),
): Promise<AuthContext> {
  const auth = await requireAuth(request, db);
  if (!can(auth.actor, permission, record)) {
    await recordAudit(db, {
      actorUserId: auth.user.id,
      action: "access.denied",
      entityType: "route",
      entityId: new URL(request.url).pathname,
      detail: { permission },
    });
    toResponse(forbidden());
  }
  return auth;
}
