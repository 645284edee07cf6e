import { beforeAll, describe, expect, it } from "vitest";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { noticeText } from "#app/modules/notifications/notices";
import { listNotifications } from "#app/modules/notifications/notifications.server";
import { approveProject, concludeResolution, projectVoterIds, proposeProject, voteOnResolution } from "#app/modules/projects/projects.server";
import { getProjectSettings } from "#app/modules/settings/settings.server";
import { createUser } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { atTime } from "#db/client.server";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// Who hears what of a project proposal's approval and its board resolution: a request goes only to
// whoever can meet it, and is resolved (marked read) once it is met or no longer needed.

const { db } = setupTestDatabase();

const OFFICE = "eGo-Saar Geschäftsstelle";
const APPROVAL = "projects:notifications.approvalNeeded";
type U = Awaited<ReturnType<typeof createUser>>;
let julia: U, stefan: U, ulla: U, filer: U, lead: U;

beforeAll(async () => {
  julia = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  stefan = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  ulla = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  filer = await createUser(db(), { organisation: "Saarbrücken" });
  lead = await createUser(db(), { organisation: "Völklingen" });
});

async function proposed(budget: number, creator: U = julia) {
  const c = await prioritisedCandidate(db(), [filer.actor]);
  return (await proposeProject(db(), creator.actor, proposalInput([c.id], lead.id, { budget }))).id;
}

/** The user's notices of this message about this project: read (true) or unread (false). */
async function noticesOf(user: U, messageKey: string, projectId: number) {
  return (await listNotifications(db(), user.id)).filter((n) => n.message_key === messageKey && n.link === `/projekte/${projectId}`).map((n) => n.read_at !== null);
}

describe(`the managers' approval request (${dialectUnderTest})`, () => {
  it("is resolved for a manager by her approval, and for every manager once the project is approved", async () => {
    const id = await proposed(10_000);
    const other = await proposed(10_000);
    for (const u of [stefan, ulla]) expect(await noticesOf(u, APPROVAL, id)).toEqual([false]);

    expect((await approveProject(db(), stefan.actor, id)).outcome).toBe("pending");
    expect(await noticesOf(stefan, APPROVAL, id)).toEqual([true]);
    // Ulla could still give the second approval: her request stands.
    expect(await noticesOf(ulla, APPROVAL, id)).toEqual([false]);

    // The creator gives the second approval (she had no request): the project waits no more.
    expect((await approveProject(db(), julia.actor, id)).outcome).toBe("approved");
    expect(await noticesOf(ulla, APPROVAL, id)).toEqual([true]);
    // Another proposal's requests are untouched.
    for (const u of [stefan, ulla]) expect(await noticesOf(u, APPROVAL, other)).toEqual([false]);
  });

  it("is resolved for every manager once the project goes to the board", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const id = await proposed(boardThreshold + 1);
    await approveProject(db(), julia.actor, id);
    expect((await approveProject(db(), stefan.actor, id)).outcome).toBe("board");
    for (const u of [stefan, ulla]) expect(await noticesOf(u, APPROVAL, id)).toEqual([true]);
  });
});

describe(`the board's circular resolution opens (${dialectUnderTest})`, () => {
  it("asks only the project's voters to vote; advisory and involved members are told it runs, without a request", async () => {
    const { boardThreshold } = await getProjectSettings(db());
    const voter = await createUser(db(), { organisation: "Landkreis Saarlouis", roles: ["board"] });
    await createUser(db(), { organisation: "Saarpfalz-Kreis", roles: ["board"] });
    const ssgt = await createUser(db(), { organisation: "Saarländischer Städte- und Gemeindetag (SSGT)", roles: ["board"] });
    // Managers with a board seat: one approves first (involved, told), the other approves last (involved, knows).
    const marta = await createUser(db(), { organisation: OFFICE, roles: ["management", "board"] });
    const otto = await createUser(db(), { organisation: OFFICE, roles: ["management", "board"] });
    const id = await proposed(boardThreshold + 10_000);
    await approveProject(db(), marta.actor, id);
    expect((await approveProject(db(), otto.actor, id)).outcome).toBe("board");

    const OPENED = "projects:notifications.boardOpenedUntil";
    expect(await noticesOf(voter, OPENED, id)).toEqual([false]);
    for (const u of [ssgt, marta, otto]) expect(await noticesOf(u, OPENED, id)).toEqual([]);
    expect(await noticesOf(ssgt, "projects:notifications.boardOpenedAdvisory", id)).toEqual([false]);
    expect(await noticesOf(marta, "projects:notifications.boardOpenedInvolved", id)).toEqual([false]);
    expect(await noticesOf(otto, "projects:notifications.boardOpenedInvolved", id)).toEqual([]);
    expect(await noticesOf(voter, "projects:notifications.boardOpenedAdvisory", id)).toEqual([]);

    // Voting resolves the voter's request; the deadline passing and the result resolve everyone's.
    await voteOnResolution(db(), voter.actor, id, "yes");
    expect(await noticesOf(voter, OPENED, id)).toEqual([true]);
    const waiting = (await projectVoterIds(db(), id)).voters.filter((u) => u !== voter.id);
    const unread = async () => (await db().selectFrom("notifications").select("id").where("message_key", "=", OPENED).where("link", "=", `/projekte/${id}`).where("read_at", "is", null).execute()).length;
    expect(waiting.length).toBeGreaterThan(0);
    expect(await unread()).toBe(waiting.length);
    const { board_deadline } = await db().selectFrom("projects").select("board_deadline").where("id", "=", id).executeTakeFirstOrThrow();
    await concludeResolution(db(), julia.actor, id, new Date(Date.parse(board_deadline!) + 1000).toISOString());
    expect(await unread()).toBe(0);

    const t = await i18nServer.getFixedT("de", "projects");
    // The request names the deadline: the end of the Berlin day the vote runs to.
    const [request] = (await listNotifications(db(), voter.id)).filter((n) => n.link === `/projekte/${id}` && n.message_key === OPENED);
    const day = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(board_deadline!));
    const title = (await db().selectFrom("projects").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title;
    expect(noticeText((key, options) => t(key, options) as string, request)).toBe(`Umlaufverfahren: Bitte stimmen Sie bis zum ${day} über das Projekt „${title}“ ab.`);
    const [advisory] = (await listNotifications(db(), ssgt.id)).filter((n) => n.link === `/projekte/${id}` && n.message_key === "projects:notifications.boardOpenedAdvisory");
    const project = (await db().selectFrom("projects").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title;
    expect(noticeText((key, options) => t(key, options) as string, advisory)).toBe(
      `Der Aufsichtsrat entscheidet im Umlaufverfahren über das Projekt „${project}“. Sie beraten ohne Stimmrecht und können das Verfahren kommentieren.`,
    );
  });
});

describe(`the organisations behind a proposal hear how it goes on (${dialectUnderTest})`, () => {
  it("are told above the threshold that management approved it and by when the board decides; below it, that it is approved", async () => {
    const t = await i18nServer.getFixedT("de", "projects");
    const say = (n: Parameters<typeof noticeText>[1]) => noticeText((key, options) => t(key, options) as string, n);
    const { boardThreshold } = await getProjectSettings(db());
    const id = await proposed(boardThreshold + 1);
    await approveProject(db(), julia.actor, id);
    await atTime(Date.parse("2030-12-07T01:31:00Z"), () => approveProject(db(), stefan.actor, id));
    const project = (await db().selectFrom("projects").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title;
    const expected = `Die Geschäftsführung hat das Projekt „${project}“ freigegeben; der Aufsichtsrat entscheidet im Umlaufverfahren bis 21.12.2030.`;
    for (const u of [filer, lead]) {
      const notices = (await listNotifications(db(), u.id)).filter((n) => n.link === `/projekte/${id}` && n.message_key === "projects:notifications.boardPending");
      expect(notices.map(say)).toEqual([expected]);
    }
    // Not „ist freigegeben“: the board has not decided yet.
    expect(await noticesOf(filer, "projects:notifications.approved", id)).toEqual([]);

    const below = await proposed(boardThreshold);
    await approveProject(db(), julia.actor, below);
    await approveProject(db(), stefan.actor, below);
    expect(await noticesOf(filer, "projects:notifications.approved", below)).toEqual([false]);
    expect(await noticesOf(filer, "projects:notifications.boardPending", below)).toEqual([]);
  });
});
