import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "#db/client.server";
import { migrationProvider } from "#db/migrations/index";
import { listRequirements } from "#app/modules/requirements/queries.server";
import { readListFilter } from "#app/modules/requirements/schema";
import { germanSortKey } from "#app/modules/requirements/title-order";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

describe(`the title sort key migration (${dialectUnderTest})`, () => {
  // Last in this file: it takes the database back before the migration and forward again.
  it("fills the key of requirements filed before it, so „Titel A–Z“ sorts them in German order at once", async () => {
    const town = await createUser(db(), { organisation: "Freisen" });
    const zulassung = await fileRequirement(db(), town.actor, { title: "Zulassung" });
    const uebergabe = await fileRequirement(db(), town.actor, { title: "Übergabe", submit: false });
    const abfall = await fileRequirement(db(), town.actor, { title: "abfall" });
    const aerztlich = await fileRequirement(db(), town.actor, { title: "Ärztliche Bescheinigung" });
    const migrator = new Migrator({ db: db(), provider: migrationProvider });
    const down = await migrator.migrateTo("2026_12_07_1200_create_dismissed_proposals");
    expect(down.error).toBeUndefined();
    expect((await db().introspection.getTables()).find((t) => t.name === "requirements")?.columns.map((c) => c.name)).not.toContain("title_sort");
    // A title changed while the column did not exist (as every title before the migration).
    await sql`UPDATE requirements SET title = ${"Baumkataster"} WHERE id = ${zulassung}`.execute(db());
    await migrateToLatest(db());

    const rows = await db().selectFrom("requirements").select(["title", "title_sort"]).execute();
    expect(rows.length).toBe(4);
    for (const r of rows) expect(r.title_sort).toBe(germanSortKey(r.title));
    const list = await listRequirements(db(), town.actor, readListFilter(new URLSearchParams("sort=title")).filter, "own");
    expect(list.items.map((r) => r.id)).toEqual([abfall, aerztlich, zulassung, uebergabe]);
    if (dialectUnderTest === "postgres") {
      // Compared bytewise as on SQLite, whatever the database's own collation.
      const col = await sql<{ collation_name: string }>`SELECT collation_name FROM information_schema.columns WHERE table_name = 'requirements' AND column_name = 'title_sort'`.execute(db());
      expect(col.rows[0]?.collation_name).toBe("C");
    }
  });
});
