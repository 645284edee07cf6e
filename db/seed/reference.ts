import type { DbOrTx } from "../client.server";
import { ASSOCIATION_OFFICE_NAME, saarlandMembers } from "./members";

/** Idempotent: the member organisations (with their districts) and the association's office. */
export async function ensureReferenceData(db: DbOrTx): Promise<void> {
  const existing = new Set((await db.selectFrom("organisations").select("name").execute()).map((r) => r.name));
  const t = new Date().toISOString();
  const all = [...saarlandMembers, { name: ASSOCIATION_OFFICE_NAME, kind: "geschaeftsstelle" as const, district: null }];
  const missing = all.filter((m) => !existing.has(m.name));
  if (missing.length === 0) return;
  // Districts first, so towns can point at them.
  const ordered = [...missing].sort((a, b) => Number(a.district !== null) - Number(b.district !== null));
  for (const m of ordered) {
    const district = m.district
      ? await db.selectFrom("organisations").select("id").where("name", "=", m.district).executeTakeFirst()
      : undefined;
    await db
      .insertInto("organisations")
      .values({ name: m.name, kind: m.kind, district_id: district?.id ?? null, population: null, created_at: t })
      .execute();
  }
}
