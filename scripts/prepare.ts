// Preparing the database before serving: migrations, reference data, demo accounts (npm run demo)
// and, on an empty installation, the one-time link for the first administrator.
import { ensureFirstAdminLink } from "#app/modules/auth/auth.server";
import { closeDb, getDb, migrateToLatest } from "#db/client.server";
import { seedDemo } from "#db/seed/demo";
import { DEMO_PASSWORD, demoUsers } from "#db/seed/demo-users";
import { ensureReferenceData } from "#db/seed/reference";

export async function prepareDatabase({ demo, origin }: { demo: boolean; origin: string }): Promise<void> {
  const db = getDb();
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`Migrationen angewendet: ${applied.join(", ")}`);
  await ensureReferenceData(db);
  if (demo) {
    const { created } = await seedDemo(db);
    if (created) console.log("Demodaten geladen.");
    console.log("\nDemo-Zugänge (Passwort für alle: %s):", DEMO_PASSWORD);
    for (const u of demoUsers) console.log(`  ${u.email.padEnd(40)} ${u.purpose}`);
  }
  const firstAdmin = await ensureFirstAdminLink(db);
  if (firstAdmin) console.log(`\nNoch kein Administrationskonto. Einmaliger Einrichtungslink (24 h gültig):\n  ${origin}/einrichtung/${firstAdmin}\n`);
}

export { closeDb };
