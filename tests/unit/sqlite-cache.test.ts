import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, sqliteCacheKib } from "#db/client.server";

describe("SQLite page cache per connection", () => {
  it("is 4 MB unless SQLITE_CACHE_MB says otherwise (nonsense keeps the default)", () => {
    expect(sqliteCacheKib({})).toBe(4 * 1024);
    expect(sqliteCacheKib({ SQLITE_CACHE_MB: "16" })).toBe(16 * 1024);
    expect(sqliteCacheKib({ SQLITE_CACHE_MB: "0.5" })).toBe(512);
    expect(sqliteCacheKib({ SQLITE_CACHE_MB: "viel" })).toBe(4 * 1024);
    expect(sqliteCacheKib({ SQLITE_CACHE_MB: "-1" })).toBe(4 * 1024);
  });

  it("is set on every connection the app opens (better-sqlite3's own default is 16 MB)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-cache-"));
    const db = createDb(`file:${path.join(dir, "db.sqlite")}`);
    try {
      const { rows } = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db);
      expect(rows[0]?.cache_size).toBe(-4 * 1024);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
