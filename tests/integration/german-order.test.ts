import { beforeAll, describe, expect, it } from "vitest";
import { assignTeam, createCandidate, getCandidateDetail, listCandidates } from "#app/modules/bundling/candidates.server";
import { getTeam, listTeams } from "#app/modules/organisations/organisations.server";
import { compareGerman } from "#app/modules/organisations/order";
import { getDashboard } from "#app/modules/projects/dashboard.server";
import { proposeProject } from "#app/modules/projects/projects.server";
import { getProjectDetail, listPromotableCandidates } from "#app/modules/projects/queries.server";
import { listUsers, PAGE_SIZE } from "#app/modules/users/users.server";
import { endWorkshop, getMinutes, getScheduleOptions, getWorkshopState, listMyWorkshops, scheduleWorkshop, startWorkshop } from "#app/modules/workshops/workshops.server";
import { isoToBerlinLocal } from "#app/utils/time";
import { createTeam, createUser, organisationId } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

// Created in a shuffled order; SQLite's byte order would put „Zulassung“ before „abfall“ and
// „Ärztliche …“ and „Übergabe“ after „Zulassung“.
const TITLES = ["Zulassung", "Übergabe", "Ärztliche Bescheinigung", "Baumkataster", "abfall"];
const TITLES_DE = ["abfall", "Ärztliche Bescheinigung", "Baumkataster", "Übergabe", "Zulassung"];
const PEOPLE = ["Zora Zimmer", "Ümit Uysal", "anton Abel", "Änne Albers"];
const PEOPLE_DE = ["Änne Albers", "anton Abel", "Ümit Uysal", "Zora Zimmer"];
const TEAMS = ["Zuwanderung", "Übergänge", "abfallwirtschaft", "Ärztewesen"];
const TEAMS_DE = ["abfallwirtschaft", "Ärztewesen", "Übergänge", "Zuwanderung"];

/** The given names in the order they appear in `list`, others left out. */
const only = (list: string[], names: string[]) => list.filter((n) => names.includes(n));

const tomorrow = () => isoToBerlinLocal(new Date(Date.now() + 86_400_000).toISOString());

describe(`lists in German order (${dialectUnderTest})`, () => {
  const teamIds = new Map<string, number>();
  let management: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let lead: Awaited<ReturnType<typeof createUser>>;
  let workshopId = 0;
  let closedWorkshopId = 0;
  let openCandidateId = 0;
  let projectId = 0;
  const promotableIds: number[] = [];

  beforeAll(async () => {
    for (const name of TEAMS) teamIds.set(name, await createTeam(db(), { name }));
    const teamId = teamIds.get("Übergänge")!;
    management = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    manager = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const filer = await createUser(db(), { organisation: "Homburg" });

    // A Kompetenzteam: the lead „Zora Zimmer“, three members; open candidates with the titles.
    lead = await createUser(db(), { organisation: "Merzig", roles: ["team_lead"], teamId, name: "Zora Zimmer" });
    const members = [];
    for (const name of PEOPLE.slice(1)) members.push(await createUser(db(), { organisation: "Merzig", roles: ["team_member"], teamId, name }));
    const candidate = async (title: string) => {
      const requirementId = await fileRequirement(db(), filer.actor, { title: `Anforderung: ${title}` });
      const c = await createCandidate(db(), manager.actor, { requirementIds: [requirementId], title });
      await assignTeam(db(), manager.actor, c.id, teamId);
      return c.id;
    };
    for (const title of TITLES) openCandidateId = await candidate(title);
    // One workshop ended (minutes), one planned (its change forms); both with a further candidate.
    const onAgenda = await candidate("Mittelpunkt");
    const input = { teamId, title: "Priorisierung", scheduledAt: tomorrow(), location: "", candidateIds: [onAgenda], participantIds: members.map((m) => m.id) };
    closedWorkshopId = (await scheduleWorkshop(db(), lead.actor, input)).id;
    await startWorkshop(db(), lead.actor, closedWorkshopId);
    await endWorkshop(db(), lead.actor, closedWorkshopId);
    workshopId = (await scheduleWorkshop(db(), lead.actor, input)).id;

    // Prioritised candidates to promote, and a project grown out of five others.
    for (const title of TITLES) promotableIds.push((await prioritisedCandidate(db(), [filer.actor], title)).id);
    const inProject = [];
    for (const title of TITLES) inProject.push((await prioritisedCandidate(db(), [filer.actor], title)).id);
    projectId = (await proposeProject(db(), management.actor, proposalInput(inProject, management.id))).id;

    // Accounts of one organisation, more than one page of them.
    for (const name of PEOPLE) await createUser(db(), { organisation: "Tholey", name });
    for (let i = 0; i < PAGE_SIZE - 2; i++) await createUser(db(), { organisation: "Tholey", name: `Mia Muster ${String(i).padStart(2, "0")}` });
  });

  it("the candidates a manager may promote, and those of a project, by title", async () => {
    const promotable = (await listPromotableCandidates(db(), management.actor)).filter((c) => promotableIds.includes(c.id));
    expect(promotable.map((c) => c.title)).toEqual(TITLES_DE);
    const project = await getProjectDetail(db(), management.actor, projectId);
    expect(project.candidates.map((c) => c.title)).toEqual(TITLES_DE);
  });

  it("the candidate list's team filter, a candidate's team choice and its merge targets", async () => {
    const { teams } = await listCandidates(db(), manager.actor, {});
    expect(only(teams.map((t) => t.name), TEAMS)).toEqual(TEAMS_DE);
    const detail = await getCandidateDetail(db(), manager.actor, openCandidateId);
    expect(only(detail.curation!.teams.map((t) => t.name), TEAMS)).toEqual(TEAMS_DE);
    // The candidate itself („abfall“, created last) is no merge target.
    expect(only(detail.curation!.mergeTargets.map((c) => c.title), TITLES)).toEqual(TITLES_DE.filter((t) => t !== "abfall"));
  });

  it("the workshop planning form: teams, the team's open candidates and its members", async () => {
    const teamId = teamIds.get("Übergänge")!;
    const options = await getScheduleOptions(db(), manager.actor, teamId);
    expect(only(options.teams.map((t) => t.name), TEAMS)).toEqual(TEAMS_DE);
    expect(options.candidates.map((c) => c.title)).toEqual(TITLES_DE);
    expect(options.members.map((m) => m.name)).toEqual(PEOPLE_DE);
    const mine = await listMyWorkshops(db(), manager.actor);
    expect(only(mine.teams.map((t) => t.name), TEAMS)).toEqual(TEAMS_DE);
  });

  it("a planned workshop: participants (the lead first), candidates and members to add", async () => {
    const state = await getWorkshopState(db(), lead.actor, workshopId, { withChangeOptions: true });
    expect(state.participants.map((p) => p.name)).toEqual(["Zora Zimmer", "Änne Albers", "anton Abel", "Ümit Uysal"]);
    expect(state.changeOptions!.candidates.map((c) => c.title)).toEqual(TITLES_DE);
    expect(state.changeOptions!.members.map((m) => m.name)).toEqual(PEOPLE_DE);
  });

  it("the minutes: those present and those absent, by name", async () => {
    const minutes = await getMinutes(db(), lead.actor, closedWorkshopId);
    expect(minutes.attendees.map((p) => p.name)).toEqual(["Zora Zimmer"]);
    expect(minutes.absent.map((p) => p.name)).toEqual(["Änne Albers", "anton Abel", "Ümit Uysal"]);
  });

  it("the teams in the administration, a team's members", async () => {
    expect(only((await listTeams(db())).map((t) => t.name), TEAMS)).toEqual(TEAMS_DE);
    expect((await getTeam(db(), teamIds.get("Übergänge")!)).members.map((m) => m.name)).toEqual(PEOPLE_DE);
  });

  it("the dashboard: teams, and members that never took part", async () => {
    const d = await getDashboard(db(), management.actor);
    expect(only(d.teams.map((t) => t.team), TEAMS)).toEqual(TEAMS_DE);
    const never = d.neverTookPart;
    expect(never.indexOf("Tholey")).toBeGreaterThanOrEqual(0);
    expect(never.indexOf("Tholey")).toBeLessThan(never.indexOf("Überherrn"));
    expect(never.indexOf("Überherrn")).toBeLessThan(never.indexOf("Völklingen"));
    expect(never).toEqual([...never].sort(compareGerman));
  });

  it("the user administration, page by page", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const tholey = await organisationId(db(), "Tholey");
    const first = await listUsers(db(), admin.actor, { organisationId: tholey });
    const second = await listUsers(db(), admin.actor, { organisationId: tholey, page: 2 });
    expect(first.total).toBe(PAGE_SIZE + 2);
    const names = [...first.users, ...second.users].map((u) => u.name);
    expect(names.slice(0, 2)).toEqual(["Änne Albers", "anton Abel"]);
    expect(names.slice(-2)).toEqual(["Ümit Uysal", "Zora Zimmer"]);
    expect(second.users.map((u) => u.name)).toEqual(["Ümit Uysal", "Zora Zimmer"]);
    expect(names).toEqual([...names].sort(compareGerman));
    // A search counts and orders only what it found.
    const found = await listUsers(db(), admin.actor, { organisationId: tholey, q: "al" });
    expect(found.users.map((u) => u.name)).toEqual(["Änne Albers", "Ümit Uysal"]);
    expect(found.total).toBe(2);
  });
});
