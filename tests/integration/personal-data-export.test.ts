import { describe, expect, it } from "vitest";
import { addCandidateComment } from "#app/modules/bundling/candidates.server";
import { submitFeedback } from "#app/modules/organisations/organisations.server";
import { addStatusReport, addTeamMember, approveProject, proposeProject } from "#app/modules/projects/projects.server";
import { EXPORTED_COLUMNS, NOT_EXPORTED, exportPersonalData } from "#app/modules/users/account.server";
import { submitScores } from "#app/modules/workshops/workshops.server";
import { openItem, startWorkshop } from "#app/modules/workshops/workshops.server";
import * as adminExport from "#app/routes/verwaltung.benutzer.$id.daten";
import { callRoute } from "#tests/factories/access";
import { createUser, requestAs } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

/** A column that holds a person's id: user_id, …_user_id, or who did something (…_by). */
const PERSON_COLUMN = /^(user_id|.+_user_id|.+_by)$/;

describe(`the personal data export covers every table (${dialectUnderTest})`, () => {
  it("lists every column that points at a person as exported or as left out with a reason", async () => {
    const tables = await db().introspection.getTables();
    const personColumns = tables
      .filter((t) => !t.name.startsWith("kysely_"))
      .flatMap((t) => t.columns.filter((c) => PERSON_COLUMN.test(c.name)).map((c) => `${t.name}.${c.name}`))
      .sort();
    // A new person column must be added to the export (SECTIONS in account.server.ts) or to NOT_EXPORTED.
    const unaccounted = personColumns.filter((c) => !(c in EXPORTED_COLUMNS) && !(c in NOT_EXPORTED));
    expect(unaccounted).toEqual([]);
    // Nor may the lists name columns that no longer exist.
    expect([...Object.keys(EXPORTED_COLUMNS), ...Object.keys(NOT_EXPORTED)].filter((c) => !personColumns.includes(c))).toEqual([]);
    for (const reason of Object.values(NOT_EXPORTED)) expect(reason.trim()).not.toBe("");
    expect(personColumns).toEqual(expect.arrayContaining(["workshop_scores.user_id", "board_votes.user_id", "project_members.user_id"]));
  });

  it("every export has a part for each exported column", async () => {
    const u = await createUser(db());
    const data = await exportPersonalData(db(), u.id);
    for (const key of Object.values(EXPORTED_COLUMNS)) expect(Array.isArray((data as Record<string, unknown>)[key]), key).toBe(true);
  });

  it("explains itself and its codes in the reader's language", async () => {
    const u = await createUser(db());
    const de = await exportPersonalData(db(), u.id, "de");
    expect(de.about).toMatch(/^Diese Datei enthält alle Daten, die Bündel zu Ihrer Person speichert\./);
    expect(de.codes.role.member_staff).toBe("Sachbearbeitung (Kommune)");
    expect(de.codes.requirementStatus.in_review).toBe("In Prüfung");
    expect(de.codes.candidateStatus.prioritised).toBe("Priorisiert");
    expect(de.codes.projectStatus.requested).toBe("Freigabe offen");
    expect(de.codes.quantityUnit).toEqual({ workplaces: "Betroffene Arbeitsplätze", cases_per_year: "Fälle pro Jahr" });
    const en = await exportPersonalData(db(), u.id, "en");
    expect(en.about).toMatch(/^This file holds all data Bündel stores about you\./);
    expect(en.codes.requirementStatus.in_review).toBe("In review");
  });
});

describe(`what the export contains (${dialectUnderTest})`, () => {
  it("a team member's scores, participations, candidate comments, project team seats, reports and feedback", async () => {
    const f = await workshopFixture(db(), { members: 2 });
    const person = f.members[0];
    await startWorkshop(db(), f.lead.actor, f.workshopId);
    const item = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", f.workshopId).executeTakeFirstOrThrow();
    await openItem(db(), f.lead.actor, f.workshopId, item.id);
    const criteria = await db().selectFrom("workshop_criteria").select(["id", "name"]).where("workshop_id", "=", f.workshopId).orderBy("position").execute();
    await submitScores(db(), person.actor, f.workshopId, { itemId: item.id, scores: criteria.map((c) => ({ criterionId: c.id, value: 4 })) });
    await addCandidateComment(db(), person.actor, f.candidates[0].id, "Aus Sicht von Völklingen dringend");

    const julia = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const stefan = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const other = await createUser(db(), { name: "Olga Fremdperson", organisation: "Perl" });
    const c = await prioritisedCandidate(db(), [f.filer.actor]);
    const { id: projectId } = await proposeProject(db(), julia.actor, proposalInput([c.id], person.id));
    await approveProject(db(), julia.actor, projectId);
    await approveProject(db(), stefan.actor, projectId);
    await addTeamMember(db(), julia.actor, projectId, other.id, "specialist");
    await addStatusReport(db(), person.actor, projectId, { health: "amber", note: "Schnittstelle verzögert sich" });
    await submitFeedback(db(), person.id, { message: "Kontrast im Workshop zu schwach", page: "/workshops" });

    const data = await exportPersonalData(db(), person.id);
    expect(data.workshopScores).toHaveLength(criteria.length);
    expect(data.workshopScores[0]).toMatchObject({ workshop_id: f.workshopId, candidate: f.candidates[0].title, criterion: criteria[0].name, value: 4 });
    expect(data.workshopParticipations).toEqual([expect.objectContaining({ workshop_id: f.workshopId, role: "member" })]);
    expect(data.candidateComments.map((x) => x.body)).toEqual(["Aus Sicht von Völklingen dringend"]);
    expect(data.projectsLed.map((p) => p.id)).toEqual([projectId]);
    expect(data.projectTeams).toEqual([expect.objectContaining({ project_id: projectId, role: "project_lead" })]);
    expect(data.statusReports).toEqual([expect.objectContaining({ project_id: projectId, health: "amber", note: "Schnittstelle verzögert sich" })]);
    expect(data.feedbackSent).toEqual([expect.objectContaining({ message: "Kontrast im Workshop zu schwach" })]);
    // Other people appear by id at most: the colleague added to the team is not named.
    expect(JSON.stringify(data)).not.toContain("Olga Fremdperson");
    expect(JSON.stringify(data)).not.toContain(other.email);

    // The managing directors' approvals are theirs.
    const approvals = await exportPersonalData(db(), julia.id);
    expect(approvals.projectApprovals.map((a) => a.project_id)).toEqual([projectId]);
    expect(approvals.projectsCreated.map((p) => p.id)).toEqual([projectId]);
  });

  it("a board member's votes and resolution comments", async () => {
    const julia = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const board = await createUser(db(), { organisation: "Saarlouis", roles: ["board"] });
    const filer = await createUser(db(), { organisation: "Homburg" });
    const lead = await createUser(db(), { organisation: "Perl" });
    const c = await prioritisedCandidate(db(), [filer.actor]);
    const { id: projectId } = await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id));
    const t = new Date().toISOString();
    await db().insertInto("board_votes").values({ project_id: projectId, user_id: board.id, vote: "yes", created_at: t }).execute();
    await db().insertInto("board_comments").values({ project_id: projectId, user_id: board.id, organisation_id: board.organisationId, body: "Zustimmung mit Auflage", created_at: t }).execute();
    const data = await exportPersonalData(db(), board.id);
    expect(data.boardVotes).toEqual([expect.objectContaining({ project_id: projectId, vote: "yes" })]);
    expect(data.boardComments).toEqual([expect.objectContaining({ project_id: projectId, body: "Zustimmung mit Auflage" })]);
  });
});

describe(`the administration downloads a person's data (${dialectUnderTest})`, () => {
  const call = async (userId: number | null, personId: number) =>
    callRoute(adminExport.loader, {
      request: await requestAs(db(), userId, `/verwaltung/benutzer/${personId}/daten`),
      params: { id: String(personId) },
      context: {},
    });

  it("gives an admin the file of a deactivated person and records it; others get 403", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const lead = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_lead"] });
    const person = await createUser(db(), { name: "Dora Deaktiviert", organisation: "Saarbrücken", active: false });
    const request = await requestAs(db(), admin.id, `/verwaltung/benutzer/${person.id}/daten`);
    const response = (await adminExport.loader({ request, params: { id: String(person.id) }, context: {} } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const body = (await response.json()) as { user: { name: string; active: boolean } };
    expect(body.user).toMatchObject({ name: "Dora Deaktiviert", active: false });
    const audit = await db().selectFrom("audit_log").select(["actor_user_id", "entity_id"]).where("action", "=", "user.data_exported_by_admin").execute();
    expect(audit).toEqual([{ actor_user_id: admin.id, entity_id: String(person.id) }]);

    expect((await call(lead.id, person.id)).status).toBe(403);
    const colleague = await createUser(db(), { organisation: "Saarbrücken", roles: ["member_staff", "management", "board"] });
    expect((await call(colleague.id, person.id)).status).toBe(403);
    expect((await call(null, person.id)).status).toBe(302);
    expect((await call(admin.id, 2_000_000_000)).status).toBe(404);
    expect(await db().selectFrom("audit_log").select("id").where("action", "=", "user.data_exported_by_admin").execute()).toHaveLength(1);
  });
});
