import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "#app/modules/auth/session.server";
import { ROLES, type Role } from "#app/modules/auth/permissions";
import { createCandidate } from "#app/modules/bundling/candidates.server";
import { notifyUsers } from "#app/modules/notifications/notifications.server";
import { workshopRouteFixtures } from "#tests/factories/workshops";
import { createUser, requestAs } from "#tests/factories/index";
import { projectRouteFixtures } from "#tests/factories/projects";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { productionServerForSuite } from "#tests/helpers/server";

// The route × role table: every route file must be listed, with the outcome of its loader for an
// anonymous visitor and for a user holding each role. A new route without a row fails this test.

type Subject = "anonymous" | Role;
type Outcome = "ok" | "signin" | "redirect" | "forbidden" | "notfound";
interface Fixtures {
  ownOrgUserId: number; // a user of Saarbrücken (the organisation of every test subject)
  otherOrgUserId: number; // a user of Homburg
  teamId: number;
  candidateId: number; // an open candidate with a requirement of Homburg
  otherOrgRequirementId: number; // submitted by Homburg
  otherOrgConfidentialId: number; // submitted by Homburg, confidential
  otherOrgDraftId: number; // a Homburg draft
  ownOrgDraftId: number; // a Saarbrücken draft
  ownOrgSubmittedId: number; // submitted by Saarbrücken
  projectId: number; // a proposed project behind a Homburg requirement
  leadTeamId: number; // the team of the team_lead subject
  workshopId: number; // a scheduled workshop of that team
  publishedWorkshopId: number; // a workshop of that team with published minutes
  otherNoticeId: number; // a notice of the Homburg user
  staffNoticeId: number; // a notice of the member_staff subject
}
interface Row {
  url: (f: Fixtures) => string;
  params?: (f: Fixtures) => Record<string, string>;
  expect: Record<Subject, Outcome>;
  /**
   * Where a data request (`….data`, which runs every matching loader, layouts first) answers
   * differently from this route's loader alone: the outcome over HTTP.
   */
  expectOverHttp?: Partial<Record<Subject, Outcome>>;
}

const SUBJECTS: Subject[] = ["anonymous", ...ROLES];
const all = (o: Outcome): Record<Subject, Outcome> => Object.fromEntries(SUBJECTS.map((s) => [s, o])) as Record<Subject, Outcome>;
const signedIn = (o: Outcome, anonymous: Outcome = "signin") => ({ ...all(o), anonymous });
const only = (allowed: Partial<Record<Subject, Outcome>>, otherwise: Outcome = "forbidden") => ({
  ...signedIn(otherwise),
  ...allowed,
});

const ROUTES: Record<string, Row> = {
  _index: { url: () => "/", expect: all("ok") },
  anmelden: { url: () => "/anmelden", expect: signedIn("redirect", "ok") },
  abmelden: { url: () => "/abmelden", expect: all("redirect") },
  sprache: { url: () => "/sprache", expect: all("redirect") },
  healthz: { url: () => "/healthz", expect: all("ok") },
  impressum: { url: () => "/impressum", expect: all("ok") },
  datenschutz: { url: () => "/datenschutz", expect: all("ok") },
  barrierefreiheit: { url: () => "/barrierefreiheit", expect: all("ok") },
  "passwort-setzen.$token": { url: () => "/passwort-setzen/x.y", params: () => ({ token: "x.y" }), expect: all("ok") },
  "einrichtung.$token": { url: () => "/einrichtung/x.y", params: () => ({ token: "x.y" }), expect: all("ok") },
  // The layout alone lets the lead in; the whole page (layout + index) sends the lead on to the users.
  verwaltung: { url: () => "/verwaltung", expect: only({ admin: "ok", member_lead: "ok" }), expectOverHttp: { member_lead: "redirect" } },
  "verwaltung._index": { url: () => "/verwaltung", expect: only({ admin: "ok", member_lead: "redirect" }) },
  "verwaltung.organisationen._index": { url: () => "/verwaltung/organisationen", expect: only({ admin: "ok" }) },
  "verwaltung.organisationen.$id": {
    url: () => "/verwaltung/organisationen/neu",
    params: () => ({ id: "neu" }),
    expect: only({ admin: "ok" }),
  },
  "verwaltung.teams._index": { url: () => "/verwaltung/teams", expect: only({ admin: "ok" }) },
  "verwaltung.teams.$id": {
    url: (f) => `/verwaltung/teams/${f.teamId}`,
    params: (f) => ({ id: String(f.teamId) }),
    expect: only({ admin: "ok" }),
  },
  "verwaltung.benutzer._index": { url: () => "/verwaltung/benutzer", expect: only({ admin: "ok", member_lead: "ok" }) },
  "verwaltung.benutzer.neu": { url: () => "/verwaltung/benutzer/neu", expect: only({ admin: "ok", member_lead: "ok" }) },
  "verwaltung.benutzer.$id": {
    url: (f) => `/verwaltung/benutzer/${f.otherOrgUserId}`,
    params: (f) => ({ id: String(f.otherOrgUserId) }),
    // Nobody outside the user's scope learns that the user exists (the layout answers 403 first).
    expect: only({ admin: "ok" }, "notfound"),
    expectOverHttp: only({ admin: "ok", member_lead: "notfound" }),
  },
  "verwaltung.benutzer.$id#own": {
    url: (f) => `/verwaltung/benutzer/${f.ownOrgUserId}`,
    params: (f) => ({ id: String(f.ownOrgUserId) }),
    expect: only({ admin: "ok", member_lead: "ok" }, "notfound"),
    expectOverHttp: only({ admin: "ok", member_lead: "ok" }),
  },
  // A person's data for the administration (e.g. for someone who can no longer sign in); audited.
  "verwaltung.benutzer.$id.daten": {
    url: (f) => `/verwaltung/benutzer/${f.ownOrgUserId}/daten`,
    params: (f) => ({ id: String(f.ownOrgUserId) }),
    expect: only({ admin: "ok" }),
  },
  "verwaltung.rueckmeldungen": { url: () => "/verwaltung/rueckmeldungen", expect: only({ admin: "ok" }) },
  "verwaltung.rueckmeldungen#done": { url: () => "/verwaltung/rueckmeldungen?status=done", expect: only({ admin: "ok" }) },
  "verwaltung.protokoll": { url: () => "/verwaltung/protokoll?action=auth&before=1", expect: only({ admin: "ok" }) },
  "anforderungen._index": { url: () => "/anforderungen?q=Hundesteuern&sort=deadline", expect: signedIn("ok") },
  "anforderungen.unsere": { url: () => "/anforderungen/unsere", expect: only({ member_staff: "ok", member_lead: "ok" }) },
  "anforderungen[.]csv": { url: () => "/anforderungen.csv?q=Hundesteuern", expect: signedIn("ok") },
  "anforderungen.unsere[.]csv": { url: () => "/anforderungen/unsere.csv?status=draft", expect: only({ member_staff: "ok", member_lead: "ok" }) },
  "anforderungen.neu": { url: () => "/anforderungen/neu", expect: only({ member_staff: "ok", member_lead: "ok" }) },
  "anforderungen.aehnliche": { url: () => "/anforderungen/aehnliche?title=Hundesteuer", expect: signedIn("ok") },
  "anforderungen.$id._index": {
    url: (f) => `/anforderungen/${f.otherOrgRequirementId}`,
    params: (f) => ({ id: String(f.otherOrgRequirementId) }),
    expect: signedIn("ok"),
  },
  "anforderungen.$id._index#confidential": {
    url: (f) => `/anforderungen/${f.otherOrgConfidentialId}`,
    params: (f) => ({ id: String(f.otherOrgConfidentialId) }),
    expect: only({ requirements_manager: "ok", management: "ok", admin: "ok" }, "notfound"),
  },
  "anforderungen.$id._index#draft": {
    url: (f) => `/anforderungen/${f.otherOrgDraftId}`,
    params: (f) => ({ id: String(f.otherOrgDraftId) }),
    expect: signedIn("notfound"),
  },
  "anforderungen.$id.bearbeiten": {
    url: (f) => `/anforderungen/${f.ownOrgDraftId}/bearbeiten`,
    params: (f) => ({ id: String(f.ownOrgDraftId) }),
    expect: only({ member_staff: "ok", member_lead: "ok" }, "notfound"),
  },
  // Submitted meanwhile (e.g. the browser's Back button after submitting): back to the requirement.
  "anforderungen.$id.bearbeiten#submitted": {
    url: (f) => `/anforderungen/${f.ownOrgSubmittedId}/bearbeiten`,
    params: (f) => ({ id: String(f.ownOrgSubmittedId) }),
    expect: only({ member_staff: "redirect", member_lead: "redirect" }, "notfound"),
  },
  "anforderungen.$id.bearbeiten#other": {
    url: (f) => `/anforderungen/${f.otherOrgDraftId}/bearbeiten`,
    params: (f) => ({ id: String(f.otherOrgDraftId) }),
    expect: signedIn("notfound"),
  },
  "anforderungen.$id.hochladen": {
    url: (f) => `/anforderungen/${f.ownOrgDraftId}/hochladen`,
    params: (f) => ({ id: String(f.ownOrgDraftId) }),
    expect: all("redirect"),
  },
  // The duplicate form's preview: for the requirements team, from a requirement it can see.
  "anforderungen.$id.dublette": {
    url: (f) => `/anforderungen/${f.otherOrgRequirementId}/dublette?ziel=${f.ownOrgSubmittedId}`,
    params: (f) => ({ id: String(f.otherOrgRequirementId) }),
    expect: only({ requirements_manager: "ok" }),
  },
  "anforderungen.$id.dublette#draft": {
    url: (f) => `/anforderungen/${f.otherOrgDraftId}/dublette?ziel=${f.ownOrgSubmittedId}`,
    params: (f) => ({ id: String(f.otherOrgDraftId) }),
    expect: only({ requirements_manager: "notfound" }),
  },
  "anforderungen.$id.anhaenge.$attachmentId": {
    url: (f) => `/anforderungen/${f.otherOrgRequirementId}/anhaenge/abcdefghijklmnopqrst`,
    params: (f) => ({ id: String(f.otherOrgRequirementId), attachmentId: "abcdefghijklmnopqrst" }),
    expect: signedIn("notfound"),
  },
  freigaben: { url: () => "/freigaben", expect: only({ member_lead: "ok" }) },
  eingang: { url: () => "/eingang", expect: only({ requirements_manager: "ok" }) },
  benachrichtigungen: { url: () => "/benachrichtigungen", expect: signedIn("ok") },
  // Following a notice: the owner goes on to its link; nobody else learns that it exists.
  "benachrichtigungen_.$id.oeffnen": {
    url: (f) => `/benachrichtigungen/${f.otherNoticeId}/oeffnen`,
    params: (f) => ({ id: String(f.otherNoticeId) }),
    expect: signedIn("notfound"),
  },
  "benachrichtigungen_.$id.oeffnen#own": {
    url: (f) => `/benachrichtigungen/${f.staffNoticeId}/oeffnen`,
    params: (f) => ({ id: String(f.staffNoticeId) }),
    expect: only({ member_staff: "redirect" }, "notfound"),
  },
  konto: { url: () => "/konto", expect: signedIn("ok") },
  sitzung: { url: () => "/sitzung", expect: all("redirect") },
  "konto.daten": { url: () => "/konto/daten", expect: signedIn("ok") },
  buendelung: { url: () => "/buendelung", expect: only({ requirements_manager: "ok" }) },
  "kandidaten._index": { url: () => "/kandidaten", expect: signedIn("ok") },
  "kandidaten.$id": { url: (f) => `/kandidaten/${f.candidateId}`, params: (f) => ({ id: String(f.candidateId) }), expect: signedIn("ok") },
  "kandidaten.$id#missing": { url: () => "/kandidaten/999999", params: () => ({ id: "999999" }), expect: signedIn("notfound") },
  // „Anforderung hinzufügen“'s preview: for the requirements team, on a candidate that exists.
  "kandidaten.$id.anforderung": {
    url: (f) => `/kandidaten/${f.candidateId}/anforderung?nr=${f.otherOrgConfidentialId}`,
    params: (f) => ({ id: String(f.candidateId) }),
    expect: only({ requirements_manager: "ok" }),
  },
  "kandidaten.$id.anforderung#missing": {
    url: () => "/kandidaten/999999/anforderung?nr=1",
    params: () => ({ id: "999999" }),
    expect: only({ requirements_manager: "notfound" }),
  },
  "workshops._index": { url: () => "/workshops", expect: signedIn("ok") },
  "workshops.neu": { url: () => "/workshops/neu", expect: only({ requirements_manager: "ok", team_lead: "ok", admin: "ok" }) },
  "workshops.$id._index": {
    url: (f) => `/workshops/${f.workshopId}`,
    params: (f) => ({ id: String(f.workshopId) }),
    expect: only({ requirements_manager: "ok", team_lead: "ok", admin: "ok" }, "notfound"),
  },
  "workshops.$id.live": {
    url: (f) => `/workshops/${f.workshopId}/live`,
    params: (f) => ({ id: String(f.workshopId) }),
    expect: only({ requirements_manager: "ok", team_lead: "ok", admin: "ok" }, "notfound"),
  },
  "workshops.$id.events": {
    url: (f) => `/workshops/${f.workshopId}/events`,
    params: (f) => ({ id: String(f.workshopId) }),
    expect: only({ requirements_manager: "ok", team_lead: "ok", admin: "ok" }, "notfound"),
  },
  "workshops.$id.protokoll": {
    url: (f) => `/workshops/${f.workshopId}/protokoll`,
    params: (f) => ({ id: String(f.workshopId) }),
    expect: signedIn("notfound"),
  },
  "workshops.$id.protokoll#published": {
    url: (f) => `/workshops/${f.publishedWorkshopId}/protokoll`,
    params: (f) => ({ id: String(f.publishedWorkshopId) }),
    expect: signedIn("ok"),
  },
  "kompetenzteams.$id.kriterien": {
    url: (f) => `/kompetenzteams/${f.leadTeamId}/kriterien`,
    params: (f) => ({ id: String(f.leadTeamId) }),
    expect: only({ team_lead: "ok", admin: "ok" }),
  },
  "kompetenzteams.$id.rangliste": {
    url: (f) => `/kompetenzteams/${f.leadTeamId}/rangliste`,
    params: (f) => ({ id: String(f.leadTeamId) }),
    expect: signedIn("ok"),
  },
};

Object.assign(ROUTES, {
  "projekte._index": { url: () => "/projekte", expect: signedIn("ok") },
  "projekte.neu": { url: () => "/projekte/neu?kandidaten=1,x", expect: only({ management: "ok" }) },
  "projekte.$id": { url: (f) => `/projekte/${f.projectId}`, params: (f) => ({ id: String(f.projectId) }), expect: signedIn("ok") },
  "projekte.$id#missing": { url: () => "/projekte/999999", params: () => ({ id: "999999" }), expect: signedIn("notfound") },
  umlaufverfahren: { url: () => "/umlaufverfahren", expect: only({ management: "ok", board: "ok" }) },
  "cockpit._index": { url: () => "/cockpit", expect: only({ management: "ok", board: "ok", admin: "ok" }) },
  "cockpit.daten[.]csv": { url: () => "/cockpit/daten.csv", expect: only({ management: "ok", board: "ok", admin: "ok" }) },
  "verwaltung.einstellungen": { url: () => "/verwaltung/einstellungen", expect: only({ admin: "ok" }) },
} satisfies Record<string, Row>);

const { db } = setupTestDatabase();

async function noticeFor(userId: number) {
  await notifyUsers(db(), [userId], { kind: "project", requirementId: null, messageKey: "projects:notifications.approved", params: { project: "Routentabelle" }, link: "/projekte" });
  return (await db().selectFrom("notifications").select("id").where("user_id", "=", userId).orderBy("id", "desc").executeTakeFirstOrThrow()).id;
}

function outcomeOf(result: unknown): Outcome {
  const status =
    result instanceof Response
      ? result.status
      : result && typeof result === "object" && "init" in result && (result as { type?: string }).type === "DataWithResponseInit"
        ? ((result as { init: ResponseInit | null }).init?.status ?? 200)
        : 200;
  if (status >= 300 && status < 400) {
    const location = result instanceof Response ? (result.headers.get("Location") ?? "") : "";
    return location.startsWith("/anmelden") ? "signin" : "redirect";
  }
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status === 200) return "ok";
  throw new Error(`unexpected status ${status}`);
}

describe(`route × role table (${dialectUnderTest})`, () => {
  const users = new Map<Subject, number | null>();
  let fixtures: Fixtures;

  beforeAll(async () => {
    users.set("anonymous", null);
    for (const role of ROLES) users.set(role, (await createUser(db(), { organisation: "Saarbrücken", roles: [role] })).id);
    const own = await createUser(db(), { organisation: "Saarbrücken" });
    const other = await createUser(db(), { organisation: "Homburg" });
    const team = await db().selectFrom("role_assignments").select("team_id").where("role", "=", "team_member").executeTakeFirstOrThrow();
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const requirementId = await fileRequirement(db(), other.actor, { title: "Hundesteuer online (Kandidat)" });
    const candidate = await createCandidate(db(), rm.actor, { requirementIds: [requirementId], title: "Hundesteuer online" });
    fixtures = {
      ownOrgUserId: own.id,
      otherOrgUserId: other.id,
      teamId: team.team_id!,
      candidateId: candidate.id,
      otherOrgRequirementId: await fileRequirement(db(), other.actor, { title: "Hundesteuer online" }),
      otherOrgConfidentialId: await fileRequirement(db(), other.actor, { title: "Vertraulich", confidential: true }),
      otherOrgDraftId: await fileRequirement(db(), other.actor, { title: "Entwurf", submit: false }),
      ownOrgDraftId: await fileRequirement(db(), own.actor, { title: "Eigener Entwurf", submit: false }),
      ownOrgSubmittedId: await fileRequirement(db(), own.actor, { title: "Eigene eingereichte Anforderung" }),
      ...(await workshopRouteFixtures(db(), users.get("team_lead")!)),
      ...(await projectRouteFixtures(db())),
      otherNoticeId: await noticeFor(other.id),
      staffNoticeId: await noticeFor(users.get("member_staff")!),
    };
  });

  it("lists every route file", () => {
    const files = fs
      .readdirSync(path.resolve("app/routes"))
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => f.replace(/\.tsx?$/, ""));
    const listed = new Set(Object.keys(ROUTES).map((k) => k.split("#")[0]));
    expect(files.filter((f) => !listed.has(f)), "routes missing from the table").toEqual([]);
    expect([...listed].filter((r) => !files.includes(r)), "table rows without a route").toEqual([]);
  });

  // A junk id in the address (typed over, cut off, pasted with a dot): the 404 page, as for a record
  // that does not exist, never a database error. Ids one past PostgreSQL's integer range were one there.
  // Checked for a subject who gets past the permission check with a real id.
  const JUNK_IDS = ["abc", "1.5", "-1", "0", "2147483648", "99999999999", "1e99", "%00"];
  const idRoutes = new Map<string, Row>();
  for (const [key, row] of Object.entries(ROUTES)) {
    const route = key.split("#")[0];
    if (!row.params || !("id" in row.params({} as Fixtures))) continue;
    const known = idRoutes.get(route);
    if (!known || (!Object.values(known.expect).includes("ok") && Object.values(row.expect).includes("ok"))) idRoutes.set(route, row);
  }
  it("checks every route with an id in its address", () => {
    const files = fs.readdirSync(path.resolve("app/routes")).filter((f) => f.includes("$id"));
    expect([...idRoutes.keys()].sort()).toEqual(files.map((f) => f.replace(/\.tsx?$/, "")).sort());
  });
  // The same table over HTTP against the production server, as the browser's data requests ask
  // (Remix single fetch: `/path.data`; a redirect comes back as 202 with its target in Location).
  describe("data requests over HTTP", () => {
    const { base } = productionServerForSuite(5000, 500);

    const uiRoutes = Object.entries(ROUTES).filter(([key]) => {
      const source = fs.readFileSync(path.resolve(`app/routes/${key.split("#")[0]}.tsx`), "utf8");
      return /export default function/.test(source);
    });
    it("covers every route with a page", () => {
      expect(uiRoutes.length).toBeGreaterThan(40);
    });
    for (const [key, row] of uiRoutes) {
      it(`${key}: data request answers each role as the table says`, async () => {
        const url = new URL(row.url(fixtures), base);
        const dataUrl = `${base}${url.pathname === "/" ? "/_root" : url.pathname}.data${url.search}`;
        const actual: Record<string, Outcome> = {};
        for (const subject of SUBJECTS) {
          const userId = users.get(subject) ?? null;
          const cookie = userId === null ? "" : `bundel_session=${(await createSession(db(), userId)).token}`;
          const res = await fetch(dataUrl, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
          await res.arrayBuffer();
          actual[subject] =
            res.status === 202 || (res.status >= 300 && res.status < 400)
              ? (res.headers.get("Location") ?? "").startsWith("/anmelden")
                ? "signin"
                : "redirect"
              : res.status === 200
                ? "ok"
                : res.status === 403
                  ? "forbidden"
                  : res.status === 404
                    ? "notfound"
                    : (`status ${res.status}` as Outcome);
        }
        expect(actual).toEqual({ ...row.expect, ...row.expectOverHttp });
      }, 60_000);
    }

    // The same junk ids over HTTP, through the layouts, as the page's data request and as a download.
    for (const [route, row] of idRoutes) {
      it(`${route}: a junk id is not found over HTTP`, async () => {
        const subject = (["ok", "redirect", "notfound"] as Outcome[]).map((o) => SUBJECTS.find((s) => row.expect[s] === o)).find(Boolean)!;
        const userId = users.get(subject) ?? null;
        const headers: Record<string, string> = userId === null ? {} : { Cookie: `bundel_session=${(await createSession(db(), userId)).token}` };
        const page = uiRoutes.some(([key]) => key.split("#")[0] === route);
        const statuses: Record<string, number> = {};
        for (const junk of ["abc", "1.5", "-1", "99999999999"]) {
          const url = new URL(row.url(fixtures).replace(`/${row.params!(fixtures).id}`, `/${junk}`), base);
          const res = await fetch(page ? `${base}${url.pathname}.data${url.search}` : url, { redirect: "manual", headers });
          await res.arrayBuffer();
          statuses[junk] = res.status;
        }
        expect(statuses, `as ${subject}`).toEqual({ abc: 404, "1.5": 404, "-1": 404, "99999999999": 404 });
      }, 60_000);
    }
  });

  for (const [key, row] of Object.entries(ROUTES)) {
    it(`${key}: loader answers each role as the table says`, async () => {
      const mod = (await import(`../../app/routes/${key.split("#")[0]}.tsx`)) as { loader?: (args: unknown) => Promise<unknown> };
      if (!mod.loader) return;
      const actual: Record<string, Outcome> = {};
      for (const subject of SUBJECTS) {
        const request = await requestAs(db(), users.get(subject) ?? null, row.url(fixtures));
        let result: unknown;
        try {
          result = await mod.loader({ request, params: row.params?.(fixtures) ?? {}, context: { clientAddress: "127.0.0.1" } });
        } catch (thrown) {
          result = thrown;
          if (!(thrown instanceof Response) && !(thrown && typeof thrown === "object" && "init" in thrown)) throw thrown;
        }
        actual[subject] = outcomeOf(result);
      }
      expect(actual).toEqual(row.expect);
    });
  }

  for (const [route, row] of idRoutes) {
    it(`${route}: a junk id is not found`, async () => {
      const mod = (await import(`../../app/routes/${route}.tsx`)) as { loader?: (args: unknown) => Promise<unknown> };
      if (!mod.loader) return;
      const subject = (["ok", "redirect", "notfound"] as Outcome[]).map((o) => SUBJECTS.find((s) => row.expect[s] === o)).find(Boolean)!;
      const realId = row.params!(fixtures).id;
      const actual: Record<string, Outcome> = {};
      for (const junk of JUNK_IDS) {
        const request = await requestAs(db(), users.get(subject) ?? null, row.url(fixtures).replace(`/${realId}`, `/${junk}`));
        let result: unknown;
        try {
          result = await mod.loader({ request, params: { ...row.params!(fixtures), id: junk }, context: { clientAddress: "127.0.0.1" } });
        } catch (thrown) {
          if (!(thrown instanceof Response) && !(thrown && typeof thrown === "object" && "init" in thrown)) throw new Error(`${junk}: ${String(thrown)}`, { cause: thrown });
          result = thrown;
        }
        actual[junk] = outcomeOf(result);
      }
      expect(actual, `as ${subject}`).toEqual(Object.fromEntries(JUNK_IDS.map((j) => [j, "notfound"])));
    });
  }

  // What people edit into an address or follow from an old link: every filter, paging and id
  // parameter the loaders read, with values no form produces. Ids one past PostgreSQL's integer
  // range were database errors there. The answer is a page or a refusal, never a server error.
  const HOSTILE_QUERY = ["-1", "abc", "1e20", "2147483648", "99999999999", "%00", "0"].map((v) =>
    ["page", "seite", "status", "sort", "q", "themenfeld", "organisationId", "districtId", "teamId", "team", "org", "before", "after", "exclude", "kandidaten", "deadlineBefore", "from", "to", "action", "actor", "ziel"]
      .map((name) => `${name}=${v}`)
      .join("&"),
  );
  for (const [key, row] of Object.entries(ROUTES)) {
    it(`${key}: loader survives hostile query parameters`, async () => {
      const mod = (await import(`../../app/routes/${key.split("#")[0]}.tsx`)) as { loader?: (args: unknown) => Promise<unknown> };
      if (!mod.loader) return;
      const subject = SUBJECTS.find((s) => row.expect[s] === "ok") ?? "admin";
      for (const query of HOSTILE_QUERY) {
        const url = new URL(row.url(fixtures), "http://localhost");
        for (const [k, v] of new URLSearchParams(query)) url.searchParams.set(k, v);
        const request = await requestAs(db(), users.get(subject) ?? null, url.pathname + url.search);
        let result: unknown;
        try {
          result = await mod.loader({ request, params: row.params?.(fixtures) ?? {}, context: { clientAddress: "127.0.0.1" } });
        } catch (thrown) {
          if (!(thrown instanceof Response) && !(thrown && typeof thrown === "object" && "init" in thrown)) throw new Error(`${url.search}: ${String(thrown)}`, { cause: thrown });
          result = thrown;
        }
        const status = result instanceof Response ? result.status : ((result as { init?: { status?: number } } | null)?.init?.status ?? 200);
        expect(status, `${key} as ${subject} with ${url.search}`).toBeLessThan(500);
      }
    });
  }
});
