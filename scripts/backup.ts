// npm run db:backup [-- <target file>]: consistent online backup of the SQLite database.
import { backupSqlite } from "#db/backup.server";

const url = process.env.DATABASE_URL || "file:./data/buendel.sqlite";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? `data/backups/buendel-${stamp}.sqlite`;
try {
  const { file, bytes } = await backupSqlite(url, target);
  console.log(JSON.stringify({ file, bytes }));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
