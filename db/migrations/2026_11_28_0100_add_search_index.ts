import { type Kysely, sql } from "kysely";
import { isPostgres } from "./helpers";

// Search matches stored stems anywhere in a word („Steuer“ finds „Hundesteuer“): LIKE '%stem%'.
// Without an index that scans every requirement (about 40 ms at 20,000). Trigram indexes answer
// such patterns on both databases: pg_trgm's GIN index serves LIKE directly on PostgreSQL; on SQLite
// an FTS5 table with the trigram tokenizer mirrors search_text (kept in step by triggers) and the
// search asks it (db/client.server.ts, substringMatch).
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX requirements_search_trgm ON requirements USING gin (search_text gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE requirements_search USING fts5(search_text, content='requirements', content_rowid='id', tokenize='trigram')`.execute(db);
  await sql`CREATE TRIGGER requirements_search_insert AFTER INSERT ON requirements BEGIN
    INSERT INTO requirements_search (rowid, search_text) VALUES (new.id, new.search_text);
  END`.execute(db);
  await sql`CREATE TRIGGER requirements_search_delete AFTER DELETE ON requirements BEGIN
    INSERT INTO requirements_search (requirements_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  END`.execute(db);
  await sql`CREATE TRIGGER requirements_search_update AFTER UPDATE OF search_text ON requirements BEGIN
    INSERT INTO requirements_search (requirements_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO requirements_search (rowid, search_text) VALUES (new.id, new.search_text);
  END`.execute(db);
  await sql`INSERT INTO requirements_search (requirements_search) VALUES ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP INDEX IF EXISTS requirements_search_trgm`.execute(db);
    return;
  }
  for (const t of ["requirements_search_insert", "requirements_search_delete", "requirements_search_update"]) await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)}`.execute(db);
  await sql`DROP TABLE IF EXISTS requirements_search`.execute(db);
}
