import type { DbOrTx, DB } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { can, type Actor } from "#app/modules/auth/permissions";
import { forbidden } from "#app/utils/errors.server";

// Settings are key/value text rows; each known key has a typed reader with a default.

export const SETTING_KEYS = { boardThreshold: "projects.board_threshold", voteDays: "projects.vote_days" } as const;

/** Budget (EUR) above which the supervisory board decides by circular resolution. */
export const DEFAULT_BOARD_THRESHOLD = 100_000;
/** Days a circular resolution stays open for votes. */
export const DEFAULT_VOTE_DAYS = 14;

async function readInt(db: DbOrTx, key: string, fallback: number): Promise<number> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  const n = row ? Number(row.value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

export async function getProjectSettings(db: DbOrTx): Promise<{ boardThreshold: number; voteDays: number }> {
  return {
    boardThreshold: await readInt(db, SETTING_KEYS.boardThreshold, DEFAULT_BOARD_THRESHOLD),
    voteDays: await readInt(db, SETTING_KEYS.voteDays, DEFAULT_VOTE_DAYS),
  };
}

async function writeSetting(db: DbOrTx, key: string, value: string) {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

export async function updateProjectSettings(db: DB, actor: Actor, input: { boardThreshold: number; voteDays: number }) {
  if (!can(actor, "admin:settings")) throw forbidden();
  const before = await getProjectSettings(db);
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, SETTING_KEYS.boardThreshold, String(input.boardThreshold));
    await writeSetting(trx, SETTING_KEYS.voteDays, String(input.voteDays));
    await recordAudit(trx, { actorUserId: actor.userId, action: "settings.projects", entityType: "settings", entityId: "projects", detail: { before, after: input } });
  });
}
