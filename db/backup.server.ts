import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { dialectOfUrl, sqlitePath } from "./client.server";

/**
 * A consistent online backup of the SQLite database (SQLite's backup API: readers and writers may go
 * on meanwhile). PostgreSQL installations use pg_dump instead (see README).
 */
export async function backupSqlite(url: string, destination: string): Promise<{ file: string; bytes: number }> {
  if (dialectOfUrl(url) !== "sqlite") throw new Error("PostgreSQL: bitte pg_dump verwenden (siehe README, Abschnitt Sicherung).");
  const source = new SQLite(sqlitePath(url), { fileMustExist: true });
  try {
    fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
    await source.backup(path.resolve(destination));
  } finally {
    source.close();
  }
  const check = new SQLite(path.resolve(destination), { readonly: true });
  try {
    const result = check.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`Sicherung fehlerhaft: ${String(result)}`);
  } finally {
    check.close();
  }
  return { file: path.resolve(destination), bytes: fs.statSync(destination).size };
}
