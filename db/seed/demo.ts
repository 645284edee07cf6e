import { hashPassword } from "#app/modules/auth/password.server";
import { roleScope } from "#app/modules/auth/permissions";
import { searchTextOf } from "#app/modules/requirements/queries.server";
import type { DB, Tx } from "../client.server";
import { demoRequirements } from "./demo-requirements";
import { DEMO_PASSWORD, demoTeams, demoUsers } from "./demo-users";

const DAY = 86_400_000;

/** Demo teams, one user per role, and the demo requirements. Idempotent: nothing happens once demo users exist. */
export async function seedDemo(db: DB, now = Date.now()): Promise<{ created: boolean }> {
  const exists = await db.selectFrom("users").select("id").where("email", "=", demoUsers[0].email).executeTakeFirst();
  if (exists) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const t = new Date(now - 500 * DAY).toISOString();
  await db.transaction().execute(async (trx) => {
    const teamIds = new Map<string, number>();
    for (const team of demoTeams) {
      const found = await trx.selectFrom("teams").select("id").where("name", "=", team.name).executeTakeFirst();
      const id =
        found?.id ??
        (await trx.insertInto("teams").values({ name: team.name, description: team.description, created_at: t }).returning("id").executeTakeFirstOrThrow())
          .id;
      teamIds.set(team.name, id);
    }
    for (const u of demoUsers) {
      const org = await trx.selectFrom("organisations").select("id").where("name", "=", u.organisation).executeTakeFirstOrThrow();
      const user = await trx
        .insertInto("users")
        .values({ email: u.email, name: u.name, password_hash: passwordHash, organisation_id: org.id, locale: null, created_at: t, updated_at: t })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const r of u.roles) {
        const scope = roleScope(r.role);
        await trx
          .insertInto("role_assignments")
          .values({
            user_id: user.id,
            role: r.role,
            organisation_id: scope === "team" ? null : org.id,
            team_id: scope === "team" ? (teamIds.get(r.team!) ?? null) : null,
            created_at: t,
          })
          .execute();
      }
    }
    await seedDemoRequirements(trx, now);
  });
  return { created: true };
}

/** Slug for generated demo e-mail addresses: "St. Ingbert" → "st-ingbert". */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

async function seedDemoRequirements(trx: Tx, now: number) {
  const orgs = new Map((await trx.selectFrom("organisations").select(["id", "name"]).execute()).map((o) => [o.name, o.id]));
  const rm = await trx.selectFrom("users").select("id").where("email", "=", "markus.weber@ego-saar.example").executeTakeFirstOrThrow();
  // One staff author per organisation: a demo user where one exists, else a sign-in-less clerk account.
  const authors = new Map<number, number>();
  for (const u of await trx
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .select(["users.id", "users.organisation_id"])
    .where("role_assignments.role", "=", "member_staff")
    .orderBy("users.id")
    .execute()) {
    if (!authors.has(u.organisation_id)) authors.set(u.organisation_id, u.id);
  }
  async function authorFor(orgName: string): Promise<number> {
    const orgId = orgs.get(orgName);
    if (orgId === undefined) throw new Error(`Unknown organisation in demo data: ${orgName}`);
    const known = authors.get(orgId);
    if (known) return known;
    const iso = new Date(now - 450 * DAY).toISOString();
    const user = await trx
      .insertInto("users")
      .values({
        email: `sachbearbeitung@${slug(orgName)}.example`,
        name: `Sachbearbeitung ${orgName}`,
        password_hash: null,
        organisation_id: orgId,
        locale: null,
        created_at: iso,
        updated_at: iso,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("role_assignments").values({ user_id: user.id, role: "member_staff", organisation_id: orgId, team_id: null, created_at: iso }).execute();
    authors.set(orgId, user.id);
    return user.id;
  }

  for (const d of demoRequirements) {
    const orgId = orgs.get(d.org)!;
    const author = await authorFor(d.org);
    const created = now - d.daysAgo * DAY;
    const submitted = d.status === "draft" ? null : Math.min(now - 60_000, created + DAY / 2);
    const iso = (ms: number) => new Date(ms).toISOString();
    const row = await trx
      .insertInto("requirements")
      .values({
        organisation_id: orgId,
        created_by: author,
        title: d.title,
        problem: d.problem,
        desired_outcome: d.desiredOutcome,
        themenfeld: d.themenfeld,
        system: d.system,
        legal_basis: d.legalBasis,
        deadline: d.deadline,
        benefit: d.benefit,
        urgency: d.urgency,
        confidential: d.confidential ? 1 : 0,
        status: d.status,
        reject_reason: d.rejectReason ?? null,
        search_text: searchTextOf([d.title, d.problem, d.desiredOutcome, d.system, d.legalBasis, d.benefit]),
        submitted_at: submitted ? iso(submitted) : null,
        created_at: iso(created),
        updated_at: iso(submitted ?? created),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const event = (at: number, actor: number, kind: string, from: string | null, to: string | null, reason: string | null = null) =>
      trx
        .insertInto("requirement_events")
        .values({ requirement_id: row.id, at: iso(at), actor_user_id: actor, kind, from_status: from, to_status: to, reason, detail: null })
        .execute();
    await event(created, author, "created", null, "draft");
    if (!submitted) continue;
    await event(submitted, author, "status", "draft", "submitted");
    let last = submitted;
    if (d.status === "in_review" || d.status === "rejected") {
      last = Math.min(now - 30_000, submitted + 3 * DAY);
      await event(last, rm.id, "status", "submitted", "in_review");
    }
    if (d.status === "rejected") {
      last = Math.min(now - 20_000, last + 2 * DAY);
      await event(last, rm.id, "status", "in_review", "rejected", d.rejectReason ?? null);
    }
    let step = 0;
    for (const e of d.endorsements) {
      step++;
      const at = Math.min(now - 10_000, submitted + step * 5 * DAY);
      const endorser = await authorFor(e.org);
      await trx
        .insertInto("endorsements")
        .values({ requirement_id: row.id, organisation_id: orgs.get(e.org)!, user_id: endorser, quantity: e.quantity, comment: e.comment, created_at: iso(at) })
        .execute();
      await trx
        .insertInto("requirement_events")
        .values({ requirement_id: row.id, at: iso(at), actor_user_id: endorser, kind: "cosigned", from_status: null, to_status: null, reason: null, detail: null })
        .execute();
    }
    for (const c of d.comments) {
      step++;
      const at = Math.min(now - 5_000, submitted + step * 4 * DAY);
      await trx
        .insertInto("comments")
        .values({ requirement_id: row.id, user_id: await authorFor(c.org), organisation_id: orgs.get(c.org)!, body: c.text, created_at: iso(at) })
        .execute();
    }
  }
}
