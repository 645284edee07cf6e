import { closeDb, getDb, migrateToLatest } from "#db/client.server";
import { ensureReferenceData } from "#db/seed/reference";

const db = getDb();
const applied = await migrateToLatest(db);
await ensureReferenceData(db);
console.log(applied.length ? `Migrationen angewendet: ${applied.join(", ")}` : "Datenbank ist aktuell.");
await closeDb();
