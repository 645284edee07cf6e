import { syntheticCorpus } from "../../scripts/bench-bundling";
import { searchTextOf } from "#app/modules/requirements/queries.server";
import { titleColumns } from "#app/modules/requirements/title-order";
import type { DB } from "../client.server";

const STATUSES = ["submitted", "released", "in_review", "submitted", "submitted"];

/**
 * A large installation for load tests: synthetic requirements spread over all organisations, with
 * staff users up to `users` in total and some co-signatures; one open candidate.
 */
export async function seedBench(db: DB, { requirements, users }: { requirements: number; users: number }) {
  const orgs = await db.selectFrom("organisations").select(["id", "name"]).where("kind", "!=", "geschaeftsstelle").orderBy("id").execute();
  const t = new Date().toISOString();
  const existingUsers = Number((await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  for (let i = existingUsers; i < users; i++) {
    const org = orgs[i % orgs.length];
    const u = await db
      .insertInto("users")
      .values({ email: `last${i}@bench.example`, name: `Lasttest ${i}`, password_hash: null, organisation_id: org.id, locale: null, created_at: t, updated_at: t })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("role_assignments").values({ user_id: u.id, role: "member_staff", organisation_id: org.id, team_id: null, created_at: t }).execute();
  }
  const docs = syntheticCorpus(requirements, 7);
  const now = Date.now();
  for (let start = 0; start < docs.length; start += 400) {
    const batch = docs.slice(start, start + 400);
    await db.transaction().execute(async (trx) => {
      const rows = await trx
        .insertInto("requirements")
        .values(
          batch.map((d, j) => {
            const at = new Date(now - (start + j) * 60_000).toISOString();
            return {
              organisation_id: orgs[(start + j) % orgs.length].id,
              created_by: null,
              ...titleColumns(d.title.slice(0, 200)),
              problem: d.description || d.title,
              desired_outcome: "Ein gemeinsames digitales Verfahren für alle Mitglieder.",
              themenfeld: d.themenfeld ?? "Querschnittsleistungen",
              system: d.system,
              legal_basis: null,
              deadline: null,
              benefit: "Weniger Aufwand in der Verwaltung.",
              urgency: "medium",
              status: STATUSES[(start + j) % STATUSES.length],
              search_text: searchTextOf([d.title, d.description, d.system]),
              submitted_at: at,
              created_at: at,
              updated_at: at,
            };
          }),
        )
        .returning("id")
        .execute();
      const endorsements = rows.flatMap((r, j) =>
        (start + j) % 3 === 0 ? [{ requirement_id: r.id, organisation_id: orgs[(start + j + 7) % orgs.length].id, user_id: null, quantity: null, comment: null, created_at: t }] : [],
      );
      if (endorsements.length) await trx.insertInto("endorsements").values(endorsements).execute();
    });
  }
}
