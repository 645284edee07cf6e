import { now, type DbOrTx } from "#db/client.server";

export interface AuditInput {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown> | null;
}

/** Append-only: rows are inserted, never updated or deleted by the application. */
export async function recordAudit(db: DbOrTx, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: now(),
      actor_user_id: input.actorUserId,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId == null ? null : String(input.entityId),
      detail: input.detail ? JSON.stringify(input.detail) : null,
    })
    .execute();
}
