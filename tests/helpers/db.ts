import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb, migrateToLatest, type DB } from "#db/client.server";
import { ensureReferenceData } from "#db/seed/reference";

export const dialectUnderTest = process.env.TEST_DATABASE_URL ? "postgres" : "sqlite";

/**
 * A fresh database for this test file: SQLite in a temp file, or, when TEST_DATABASE_URL is set, a new
 * PostgreSQL database created for this file and dropped afterwards. Sets DATABASE_URL so app code
 * (getDb) uses it too.
 */
export function setupTestDatabase(): { db: () => DB } {
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const name = `buendel_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = process.env.TEST_DATABASE_URL;
    if (admin) {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = new URL(admin);
      url.pathname = `/${name}`;
      process.env.DATABASE_URL = url.toString();
      cleanup = async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      const file = path.join(os.tmpdir(), `${name}.sqlite`);
      process.env.DATABASE_URL = `file:${file}`;
      cleanup = async () => {
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      };
    }
    await closeDb();
    await migrateToLatest(getDb());
    await ensureReferenceData(getDb());
  });
  afterAll(async () => {
    await closeDb();
    await cleanup();
  });
  return { db: () => getDb() };
}
