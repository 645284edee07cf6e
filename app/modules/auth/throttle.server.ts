import { type DbOrTx } from "#db/client.server";

// Sign-in throttling kept in the database, so it holds across several app instances.
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export async function isLocked(db: DbOrTx, key: string, at = Date.now()): Promise<boolean> {
  const row = await db.selectFrom("login_throttle").select("locked_until").where("key", "=", key).executeTakeFirst();
  return !!row?.locked_until && Date.parse(row.locked_until) > at;
}

export async function recordFailure(db: DbOrTx, key: string, limit: number, at = Date.now()): Promise<void> {
  const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  const iso = new Date(at).toISOString();
  if (!row || Date.parse(row.window_start) + WINDOW_MS < at) {
    await db.deleteFrom("login_throttle").where("key", "=", key).execute();
    await db
      .insertInto("login_throttle")
      .values({ key, failures: 1, window_start: iso, locked_until: limit <= 1 ? new Date(at + LOCK_MS).toISOString() : null })
      .execute();
    return;
  }
  const failures = row.failures + 1;
  await db
    .updateTable("login_throttle")
    .set({ failures, locked_until: failures >= limit ? new Date(at + LOCK_MS).toISOString() : row.locked_until })
    .where("key", "=", key)
    .execute();
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}
