import { hashPassword } from "#app/modules/auth/password.server";
import { roleScope } from "#app/modules/auth/permissions";
import { loadActor } from "#app/modules/auth/session.server";
import { createCandidate, assignTeam } from "#app/modules/bundling/candidates.server";
import { ensureCriteria } from "#app/modules/workshops/criteria.server";
import {
  decideItem,
  endWorkshop,
  openItem,
  publishMinutes,
  revealItem,
  saveNotes,
  scheduleWorkshop,
  startWorkshop,
  submitScores,
} from "#app/modules/workshops/workshops.server";
import { berlinLocalToIso, berlinToday, isoToBerlinLocal } from "#app/utils/time";
import {
  addMilestone,
  addStatusReport,
  addTeamMember,
  approveProject,
  changePhase,
  completeMilestone,
  proposeProject,
  setRollout,
} from "#app/modules/projects/projects.server";
import { notifyAwaitingRelease, notifyUsers } from "#app/modules/notifications/notifications.server";
import { searchTextOf } from "#app/modules/requirements/queries.server";
import { titleColumns } from "#app/modules/requirements/title-order";
import { teamNameKey } from "#app/modules/organisations/schema";
import { atTime, type DB, type Tx } from "../client.server";
import { demoRequirements } from "./demo-requirements";
import { DEMO_PASSWORD, demoTeams, demoUsers } from "./demo-users";

const DAY = 86_400_000;
/** The demo municipality whose submissions wait for release by its lead; every other one submits directly. */
export const DEMO_RELEASE_ORGANISATION = "St. Wendel";

/** Demo teams, one user per role, and the demo requirements. Idempotent: nothing happens once demo users exist. */
export async function seedDemo(db: DB, now = Date.now()): Promise<{ created: boolean }> {
  const exists = await db.selectFrom("users").select("id").where("email", "=", demoUsers[0].email).executeTakeFirst();
  if (exists) {
    await seedDemoWorkshopData(db, now);
    await seedDemoProjectData(db, now);
    return { created: false };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const t = new Date(now - 500 * DAY).toISOString();
  await db.transaction().execute(async (trx) => {
    const teamIds = new Map<string, number>();
    for (const team of demoTeams) {
      const found = await trx.selectFrom("teams").select("id").where("name", "=", team.name).executeTakeFirst();
      const id =
        found?.id ??
        (await trx.insertInto("teams").values({ name: team.name, name_key: teamNameKey(team.name), description: team.description, created_at: t }).returning("id").executeTakeFirstOrThrow())
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
    await trx.updateTable("organisations").set({ requires_release: 1 }).where("name", "=", DEMO_RELEASE_ORGANISATION).execute();
    await seedDemoRequirements(trx, now);
  });
  await seedDemoWorkshopData(db, now);
  await seedDemoProjectData(db, now);
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
    const awaiting = d.release?.state === "awaiting";
    const iso = (ms: number) => new Date(ms).toISOString();
    const row = await trx
      .insertInto("requirements")
      .values({
        organisation_id: orgId,
        created_by: author,
        ...titleColumns(d.title),
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
        awaiting_release: awaiting ? 1 : 0,
        reject_reason: d.rejectReason ?? null,
        search_text: searchTextOf([d.title, d.problem, d.desiredOutcome, d.system, d.legalBasis, d.benefit]),
        submitted_at: submitted ? iso(submitted) : null,
        created_at: iso(created),
        updated_at: iso(submitted ?? created),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const event = (at: number, actor: number, kind: string, from: string | null, to: string | null, reason: string | null = null, detail: Record<string, unknown> | null = null) =>
      trx
        .insertInto("requirement_events")
        .values({ requirement_id: row.id, at: iso(at), actor_user_id: actor, kind, from_status: from, to_status: to, reason, detail: detail && JSON.stringify(detail) })
        .execute();
    await event(created, author, "created", null, "draft");
    if (d.release?.state === "returned") {
      // Submitted, then sent back by the lead with a reason: the draft says so until it is submitted again.
      const { reason } = d.release;
      const lead = await trx.selectFrom("users").select(["id", "name"]).where("email", "=", "rainer.theis@st-wendel.example").executeTakeFirstOrThrow();
      const sent = Math.min(now - 90_000, created + DAY / 2);
      const back = Math.min(now - 60_000, sent + DAY);
      await event(sent, author, "status", "draft", "submitted", null, { awaitingRelease: true });
      await event(back, lead.id, "status", "submitted", "draft", reason);
      await atTime(back, () =>
        notifyUsers(trx, [author], {
          kind: "status",
          requirementId: row.id,
          messageKey: "requirements:returned.notice",
          params: { title: d.title, name: lead.name, reason },
          link: `/anforderungen/${row.id}`,
        }),
      );
      continue;
    }
    if (!submitted) continue;
    await event(submitted, author, "status", "draft", "submitted", null, awaiting ? { awaitingRelease: true } : null);
    if (awaiting) await atTime(submitted, () => notifyAwaitingRelease(trx, row.id, author));
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
        .values({ requirement_id: row.id, organisation_id: orgs.get(e.org)!, user_id: endorser, quantity: e.quantity, quantity_unit: e.quantityUnit ?? null, comment: e.comment, created_at: iso(at) })
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

/**
 * The days of a demo story: its requirements' history (filing, review, co-signatures, comments) ends
 * at their latest activity, and the story (bundling, prioritisation, project) unfolds between that and
 * `now`. `at(f)` is the moment a fraction f of that span later; `run(f, fn)` does fn on that day, so
 * every event, notification and audit entry it writes carries that time.
 */
async function storyDays(db: DB, requirementIds: number[], now: number) {
  const latest = async (q: Promise<{ t: string | null } | undefined>) => Date.parse((await q)?.t ?? "") || 0;
  const [events, endorsements, comments] = await Promise.all([
    latest(db.selectFrom("requirement_events").select((eb) => eb.fn.max("at").as("t")).where("requirement_id", "in", requirementIds).executeTakeFirst()),
    latest(db.selectFrom("endorsements").select((eb) => eb.fn.max("created_at").as("t")).where("requirement_id", "in", requirementIds).executeTakeFirst()),
    latest(db.selectFrom("comments").select((eb) => eb.fn.max("created_at").as("t")).where("requirement_id", "in", requirementIds).executeTakeFirst()),
  ]);
  const start = Math.max(events, endorsements, comments) + DAY / 4;
  const span = Math.max(0, now - DAY / 4 - start);
  const at = (f: number) => Math.round(start + f * span);
  return { at, span, run: <T>(f: number, fn: () => Promise<T>) => atTime(at(f), fn) };
}

type Story = Awaited<ReturnType<typeof storyDays>>;

const DEMO_WORKSHOP_CANDIDATE = "Hundesteuer online an- und abmelden";

/**
 * Workshop demo data: default criteria for every team, and one open candidate for the Kompetenzteam
 * Bürgerservice & Ordnung built from three dog-tax requirements (so a workshop can be scheduled).
 * Idempotent: does nothing that exists, and nothing when those requirements were bundled meanwhile.
 */
export async function seedDemoWorkshopData(db: DB, now = Date.now()): Promise<void> {
  for (const t of await db.selectFrom("teams").select("id").execute()) await ensureCriteria(db, t.id);
  if (await db.selectFrom("candidates").select("id").where("title", "=", DEMO_WORKSHOP_CANDIDATE).executeTakeFirst()) return;
  const team = await db.selectFrom("teams").select("id").where("name", "=", demoTeams[0].name).executeTakeFirst();
  const rm = await db.selectFrom("users").select(["id", "organisation_id"]).where("email", "=", "markus.weber@ego-saar.example").executeTakeFirst();
  if (!team || !rm) return;
  const titles = demoRequirements.filter((d) => ["hundesteuer-vk", "hundesteuer-losh", "hundesteuer-wadg"].includes(d.key)).map((d) => d.title);
  const requirements = await db
    .selectFrom("requirements")
    .leftJoin("candidate_requirements", "candidate_requirements.requirement_id", "requirements.id")
    .select("requirements.id")
    .where("requirements.title", "in", titles)
    .where("requirements.status", "in", ["submitted", "in_review"])
    .where("candidate_requirements.candidate_id", "is", null)
    .execute();
  if (requirements.length !== titles.length) return;
  const actor = await loadActor(db, rm.id, rm.organisation_id);
  const story = await storyDays(db, requirements.map((r) => r.id), now);
  const { id } = await story.run(0.7, () =>
    createCandidate(db, actor, {
      requirementIds: requirements.map((r) => r.id),
      title: DEMO_WORKSHOP_CANDIDATE,
      summary: "Hundehalterinnen und Hundehalter melden Hunde online an, um und ab; die Daten gehen ohne Abtippen ins Steuerverfahren.",
    }),
  );
  await story.run(0.75, () => assignTeam(db, actor, id, team.id));
}

/** What one demo workshop says: its title and place, the scores (one row per person, by criterion), the lead's notes and rationale. */
interface DemoWorkshop {
  title: string;
  location: string;
  scores: number[][];
  notes: string;
  rationale: string;
}

/** The first 10:00 in Berlin from `from` on if it comes before `until`, else the next full hour, else `from` itself. */
function morningBetween(from: number, until: number): number {
  for (const day of [from, from + DAY]) {
    const ten = Date.parse(berlinLocalToIso(`${berlinToday(day)}T10:00`) ?? "");
    if (ten >= from && ten < until) return ten;
  }
  const hour = Math.ceil(from / 3_600_000) * 3_600_000;
  return hour < until ? hour : from;
}

/**
 * The team's workshop on one candidate, through the real use cases: the lead plans it a few days
 * ahead (at `held` − 0.04 of the story), inviting every member; on the morning of `held` they start
 * it, everyone present scores, the lead reveals the scores, notes the discussion, records the
 * decision „priorisieren“ (rank 1), ends the workshop and publishes the minutes. The decision thus
 * carries the workshop, and the history and the start page credit it to the Kompetenzteam.
 */
async function prioritiseInWorkshop(db: DB, story: Story, candidateId: number, teamId: number, held: number, w: DemoWorkshop) {
  const people = await db
    .selectFrom("role_assignments")
    .innerJoin("users", "users.id", "role_assignments.user_id")
    .select(["users.id", "users.organisation_id", "role_assignments.role"])
    .where("role_assignments.team_id", "=", teamId)
    .where("role_assignments.role", "in", ["team_lead", "team_member"])
    .where("users.active", "=", 1)
    .orderBy("users.id")
    .execute();
  const leadRow = people.find((p) => p.role === "team_lead");
  if (!leadRow) throw new Error(`Demo team ${teamId} has no lead`);
  const lead = await loadActor(db, leadRow.id, leadRow.organisation_id);
  const members = await Promise.all(people.filter((p) => p.role === "team_member" && p.id !== lead.userId).map((p) => loadActor(db, p.id, p.organisation_id)));
  // The workshop and its minutes (three hours) come before the story's next step.
  const start = morningBetween(story.at(held), story.at(held + 0.03) - 3 * 60 * 60_000);
  const { id } = await story.run(held - 0.04, () =>
    scheduleWorkshop(db, lead, {
      teamId,
      title: w.title,
      scheduledAt: isoToBerlinLocal(new Date(start).toISOString()),
      location: w.location,
      candidateIds: [candidateId],
      participantIds: members.map((m) => m.userId),
    }),
  );
  const minute = <T>(m: number, fn: () => Promise<T>) => atTime(start + m * 60_000, fn);
  await minute(0, () => startWorkshop(db, lead, id));
  const item = await db.selectFrom("workshop_items").select("id").where("workshop_id", "=", id).executeTakeFirstOrThrow();
  const criteria = await db.selectFrom("workshop_criteria").select("id").where("workshop_id", "=", id).orderBy("position").execute();
  await minute(5, () => openItem(db, lead, id, item.id));
  for (const [i, person] of [lead, ...members].entries()) {
    const row = w.scores[i % w.scores.length];
    await minute(10 + 3 * i, () => submitScores(db, person, id, { itemId: item.id, scores: criteria.map((c, k) => ({ criterionId: c.id, value: row[k % row.length] })) }));
  }
  await minute(30, () => revealItem(db, lead, id, item.id));
  await minute(50, () => saveNotes(db, lead, id, item.id, w.notes));
  await minute(55, () => decideItem(db, lead, id, { itemId: item.id, decision: "prioritise", rank: 1, rationale: w.rationale }));
  await minute(90, () => endWorkshop(db, lead, id));
  await minute(150, () => publishMinutes(db, lead, id));
}

const DEMO_PRIORITISED_CANDIDATE = "E-Rechnung: Eingang und digitaler Rechnungsworkflow";
const DEMO_PROJECT = "E-Akte für kleine und mittlere Kommunen";
const DEMO_BOARD_PROJECT = "Online-Terminvereinbarung für Bürgerämter";

/**
 * Project demo data (idempotent, skipped where its requirements were bundled meanwhile):
 * a prioritised E-Rechnung candidate (with Saarbrücken's requirement) ready to be promoted, an
 * approved E-Akte project in execution with team, milestones, status reports and rollout, and an
 * appointment-booking project above the board threshold waiting for the circular resolution.
 */
export async function seedDemoProjectData(db: DB, now = Date.now()): Promise<void> {
  const actorOf = async (email: string) => {
    const u = await db.selectFrom("users").select(["id", "organisation_id"]).where("email", "=", email).executeTakeFirst();
    return u ? loadActor(db, u.id, u.organisation_id) : null;
  };
  const [rm, julia, stefan] = await Promise.all([
    actorOf("markus.weber@ego-saar.example"),
    actorOf("julia.hoffmann@ego-saar.example"),
    actorOf("stefan.schaefer@ego-saar.example"),
  ]);
  if (!rm || !julia || !stefan) return;

  /**
   * An accepted candidate prioritised by its Kompetenzteam in a workshop, on the days its story gives
   * (accepted at `accepted`, decided at `prioritisedAt`); null when its requirements are taken.
   */
  async function prioritised(
    title: string,
    keys: string[],
    teamName: string,
    accepted: number,
    prioritisedAt: number,
    workshop: DemoWorkshop,
  ): Promise<{ id: number; story: Story } | null> {
    const found = await db.selectFrom("candidates").select(["id", "status"]).where("title", "=", title).executeTakeFirst();
    if (found) {
      if (found.status !== "prioritised") return null;
      const ids = (await db.selectFrom("candidate_requirements").select("requirement_id").where("candidate_id", "=", found.id).execute()).map((r) => r.requirement_id);
      return { id: found.id, story: await storyDays(db, ids, now) };
    }
    const team = await db.selectFrom("teams").select("id").where("name", "=", teamName).executeTakeFirst();
    if (!team) return null;
    const titles = demoRequirements.filter((d) => keys.includes(d.key) && d.status !== "draft").map((d) => d.title);
    const requirements = await db
      .selectFrom("requirements")
      .leftJoin("candidate_requirements", "candidate_requirements.requirement_id", "requirements.id")
      .select(["requirements.id", "requirements.status"])
      .where("requirements.title", "in", titles)
      .where("requirements.status", "in", ["submitted", "in_review"])
      .where("candidate_requirements.candidate_id", "is", null)
      .execute();
    if (requirements.length !== titles.length || titles.length === 0) return null;
    const story = await storyDays(db, requirements.map((r) => r.id), now);
    const { id } = await story.run(accepted, () => createCandidate(db, rm!, { requirementIds: requirements.map((r) => r.id), title }));
    await story.run(accepted + 0.02, () => assignTeam(db, rm!, id, team.id));
    await prioritiseInWorkshop(db, story, id, team.id, prioritisedAt, workshop);
    return { id, story };
  }

  await prioritised(
    DEMO_PRIORITISED_CANDIDATE,
    ["xrechnung-sb", "xrechnung-lkmzg", "xrechnung-bous", "xrechnung-nonn", "xrechnung-wnd", "xrechnung-wall"],
    demoTeams[2].name,
    0.3,
    0.8,
    {
      title: "Priorisierung Finanzen & Steuern",
      location: "Rathaus Saarbrücken, Sitzungssaal",
      scores: [
        [5, 5, 4, 3, 5],
        [4, 5, 5, 3, 4],
      ],
      notes: "Die Pflicht zum Empfang elektronischer Rechnungen gilt schon; mehrere Kommunen prüfen Rechnungen noch auf Papier. Der Aufwand liegt vor allem in der Anbindung der Finanzverfahren.",
      rationale: "Gesetzliche Pflicht für alle Kommunen, hoher Standardisierungsgrad (XRechnung, ZRE/OZG-RE); eine gemeinsame Lösung erspart jeder Kommune eine eigene Beschaffung.",
    },
  );

  if (!(await db.selectFrom("projects").select("id").where("title", "=", DEMO_PROJECT).executeTakeFirst())) {
    // E-Akte: bundled soon after the last filing, promoted and approved, now in execution; the
    // second milestone is overdue, as the latest status report says.
    const found = await prioritised(
      "E-Akte mit Schriftgutverwaltung",
      ["eakte-hom", "eakte-igb", "eakte-ens", "eakte-lknk", "eakte-wad", "eakte-ssgt"],
      demoTeams[4].name,
      0.04,
      0.14,
      {
        title: "Priorisierung IT-Infrastruktur & Sicherheit",
        location: "Videokonferenz",
        scores: [
          [5, 4, 5, 2, 5],
          [4, 4, 4, 2, 5],
        ],
        notes: "Kleine Kommunen haben weder Personal noch Rechenzentrum für eine eigene E-Akte; der Aufwand der Einführung wird hoch eingeschätzt, ein Mandantenbetrieb teilt ihn.",
        rationale: "Sechs Mitglieder brauchen die E-Akte, kleine und mittlere Kommunen können sie allein nicht einführen; ein gemeinsamer Mandantenbetrieb senkt Kosten und Aufwand für alle.",
      },
    );
    const lead = await actorOf("markus.weber@ego-saar.example");
    if (found && lead) {
      const { story } = found;
      const year = new Date(now).getUTCFullYear();
      const day = (f: number) => new Date(story.at(f)).toISOString().slice(0, 10);
      const { id } = await story.run(0.18, () =>
        proposeProject(db, julia, {
          candidateIds: [found.id],
          title: DEMO_PROJECT,
          goal: "Eine gemeinsam betriebene E-Akte mit Schriftgutverwaltung, die kleine und mittlere Kommunen ohne eigenes Projektteam einführen können.",
          scope: "Ausschreibung und Rahmenvertrag, Musteraktenplan, Mandantenbetrieb im Rechenzentrum, Schulungen, Einführung in Pilotkommunen.",
          budget: 85_000,
          plannedStart: day(0.25),
          plannedEnd: `${year + 1}-06-30`,
          leadUserId: lead.userId,
        }),
      );
      await story.run(0.2, () => approveProject(db, julia, id));
      await story.run(0.24, () => approveProject(db, stefan, id));
      await story.run(0.26, () => changePhase(db, julia, id, "planning"));
      const homburg = await db.selectFrom("users").select("id").where("email", "=", "jonas.becker@homburg.example").executeTakeFirst();
      if (homburg) await story.run(0.27, () => addTeamMember(db, julia, id, homburg.id, "specialist"));
      // Technik from St. Ingbert, which stands behind the project (an admin-only account joins no project team).
      const technical = await db.selectFrom("users").select("id").where("email", "=", "lena.fischer@st-ingbert.example").executeTakeFirst();
      if (technical) await story.run(0.27, () => addTeamMember(db, julia, id, technical.id, "technical"));
      await story.run(0.28, async () => {
        await addMilestone(db, julia, id, { title: "Rahmenvertrag geschlossen", startDate: day(0.3), endDate: day(0.6) });
        await addMilestone(db, julia, id, { title: "Musteraktenplan abgestimmt", startDate: day(0.6), endDate: day(0.9) });
        await addMilestone(db, julia, id, { title: "Pilotbetrieb in drei Kommunen", startDate: new Date(now + 10 * DAY).toISOString().slice(0, 10), endDate: new Date(now + 120 * DAY).toISOString().slice(0, 10) });
      });
      await story.run(0.45, () => changePhase(db, julia, id, "execution"));
      const first = await db.selectFrom("milestones").select("id").where("project_id", "=", id).orderBy("end_date").executeTakeFirstOrThrow();
      await story.run(0.58, () => completeMilestone(db, julia, id, first.id));
      await story.run(0.6, () => addStatusReport(db, julia, id, { health: "green", note: "Rahmenvertrag unterzeichnet, Mandanten im Rechenzentrum eingerichtet." }));
      await story.run(0.93, () => addStatusReport(db, julia, id, { health: "amber", note: "Die Abstimmung des Musteraktenplans verzögert sich um einige Wochen." }));
      const orgs = new Map((await db.selectFrom("organisations").select(["id", "name"]).execute()).map((o) => [o.name, o.id]));
      for (const [name, status, f] of [["Homburg", "introducing", 0.7], ["St. Ingbert", "planned", 0.8], ["Ensdorf", "declined", 0.85]] as const) {
        const orgId = orgs.get(name);
        if (orgId) await story.run(f, () => setRollout(db, lead, id, orgId, status)).catch(() => undefined);
      }
    }
  }

  if (!(await db.selectFrom("projects").select("id").where("title", "=", DEMO_BOARD_PROJECT).executeTakeFirst())) {
    // Online-Terminvereinbarung: above the board threshold, approved by management a few days ago,
    // so the circular resolution is running.
    const found = await prioritised(
      "Online-Terminvereinbarung",
      ["termin-sb", "termin-pue", "termin-leb", "termin-spel", "termin-lksls", "termin-ober"],
      demoTeams[0].name,
      0.2,
      0.6,
      {
        title: "Priorisierung Bürgerservice & Ordnung",
        location: "Rathaus Neunkirchen, Raum 204",
        scores: [
          [5, 3, 5, 3, 5],
          [4, 3, 4, 3, 4],
          [5, 2, 4, 4, 5],
        ],
        notes: "Wartezeiten in den Bürgerämtern sind das häufigste Anliegen der Bürgerinnen und Bürger. Die Anbindung an die Aufrufanlagen ist unterschiedlich weit.",
        rationale: "Bürgerämter in sechs Mitgliedern wollen Termine online vergeben; eine landesweite Lösung vermeidet sechs Einzelbeschaffungen und ist für Bürgerinnen und Bürger überall gleich.",
      },
    );
    if (found) {
      const { story } = found;
      // The vote opens a few days before today, whatever the span: its deadline lies ahead.
      const opens = Math.max(0, Math.min(0.97, 1 - (4 * DAY) / Math.max(story.span, 1)));
      const year = new Date(now).getUTCFullYear();
      const { id } = await story.run(Math.min(0.8, opens - 0.02), () =>
        proposeProject(db, stefan, {
          candidateIds: [found.id],
          title: DEMO_BOARD_PROJECT,
          goal: "Bürgerinnen und Bürger buchen Termine in allen Bürgerämtern über ein gemeinsames Portal.",
          scope: "Landesweite Terminlösung mit Anbindung an die Fachverfahren, Aufrufanlagen und Erinnerungen per E-Mail und SMS.",
          budget: 240_000,
          plannedStart: `${year + 1}-01-01`,
          plannedEnd: `${year + 1}-12-31`,
          leadUserId: julia.userId,
        }),
      );
      await story.run(opens - 0.01, () => approveProject(db, stefan, id));
      await story.run(opens, () => approveProject(db, julia, id));
    }
  }
}
