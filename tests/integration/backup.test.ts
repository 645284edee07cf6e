import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupSqlite } from "#db/backup.server";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

describe(`backup (${dialectUnderTest})`, () => {
  it.runIf(dialectUnderTest === "sqlite")("makes a consistent online backup that restores with the data", async () => {
    const u = await createUser(db(), { organisation: "Spiesen-Elversberg" });
    await fileRequirement(db(), u.actor, { title: "Vor der Sicherung erfasst" });
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "buendel-backup-")), "b.sqlite");
    // Writes go on while the backup runs.
    const [{ bytes }] = await Promise.all([backupSqlite(process.env.DATABASE_URL!, target), fileRequirement(db(), u.actor, { title: "Während der Sicherung" })]);
    expect(bytes).toBeGreaterThan(0);
    const restored = new SQLite(target, { readonly: true });
    const titles = restored.prepare("select title from requirements").all() as { title: string }[];
    expect(titles.map((t) => t.title)).toContain("Vor der Sicherung erfasst");
    expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    restored.close();
  });

  it.runIf(dialectUnderTest === "postgres")("refers PostgreSQL installations to pg_dump", async () => {
    await expect(backupSqlite(process.env.DATABASE_URL!, "/tmp/x.sqlite")).rejects.toThrow(/pg_dump/);
  });
});
