import { sql } from "kysely";
import { getDb } from "#db/client.server";

export async function loader() {
  await sql`select 1`.execute(getDb());
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
