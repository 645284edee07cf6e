import { describe, expect, it } from "vitest";
import { requirePermission } from "#app/modules/auth/guard.server";
import type { Role } from "#app/modules/auth/permissions";
import { createSession } from "#app/modules/auth/session.server";
import { runInRequestScope } from "#app/utils/request-scope.server";
import { createUser, formBody, requestAs } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { productionServerForSuite } from "#tests/helpers/server";

// One refused request is one "Zugriff verweigert" entry in the audit log, however many of the
// request's loaders (a section layout's and its page's) refuse it.

const { db } = setupTestDatabase();

async function deniedEntries(userId: number) {
  const rows = await db()
    .selectFrom("audit_log")
    .select(["entity_type", "entity_id", "detail"])
    .where("action", "=", "access.denied")
    .where("actor_user_id", "=", userId)
    .execute();
  return rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id, permission: (JSON.parse(r.detail ?? "{}") as { permission?: string }).permission }));
}

async function refusal(run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    // The 403 comes as Remix's `data(…, { status })`.
    if (thrown && typeof thrown === "object" && "init" in thrown) return (thrown as { init: ResponseInit | null }).init?.status ?? 200;
    throw thrown;
  }
  return 200;
}

describe(`requirePermission audits a refusal once per request (${dialectUnderTest})`, () => {
  it("records one entry for several refusals within one request, each of which still answers 403", async () => {
    const staff = await createUser(db(), { roles: ["member_staff"] });
    const request = await requestAs(db(), staff.id, "/verwaltung/einstellungen");
    const statuses = await runInRequestScope(() =>
      Promise.all([
        refusal(() => requirePermission(request.clone(), "manage:users", { organisationId: staff.organisationId })),
        refusal(() => requirePermission(request.clone(), "admin:settings")),
      ]),
    );
    expect(statuses).toEqual([403, 403]);
    expect(await deniedEntries(staff.id)).toHaveLength(1);
  });

  it("records each request's refusal: separate requests, and checks run outside any request, each get their own entry", async () => {
    const staff = await createUser(db(), { roles: ["member_staff"] });
    const request = await requestAs(db(), staff.id, "/verwaltung/einstellungen");
    expect(await runInRequestScope(() => refusal(() => requirePermission(request.clone(), "admin:settings")))).toBe(403);
    expect(await runInRequestScope(() => refusal(() => requirePermission(request.clone(), "admin:settings")))).toBe(403);
    expect(await refusal(() => requirePermission(request.clone(), "admin:settings"))).toBe(403);
    expect(await refusal(() => requirePermission(request.clone(), "admin:settings"))).toBe(403);
    expect(await deniedEntries(staff.id)).toHaveLength(4);
  });

  it("records nothing for an allowed check", async () => {
    const admin = await createUser(db(), { roles: ["admin"] });
    const request = await requestAs(db(), admin.id, "/verwaltung/einstellungen");
    expect(await runInRequestScope(() => refusal(() => requirePermission(request, "admin:settings")))).toBe(200);
    expect(await deniedEntries(admin.id)).toEqual([]);
  });
});

// Over HTTP against the production server: the layout route (app/routes/verwaltung.tsx) and the page
// both check and both refuse, for pages and for the browser's data requests (`….data`).
describe(`refused requests under /verwaltung over HTTP (${dialectUnderTest})`, () => {
  const { base } = productionServerForSuite(5500, 400);

  async function asUser(roles: Role[]) {
    const user = await createUser(db(), { roles });
    const { token } = await createSession(db(), user.id);
    return { id: user.id, headers: { Cookie: `bundel_session=${token}` } };
  }
  async function status(url: string, init: RequestInit): Promise<number> {
    const res = await fetch(`${base}${url}`, { redirect: "manual", ...init });
    await res.arrayBuffer();
    return res.status;
  }

  it.each([
    ["the page", "/verwaltung/einstellungen"],
    ["its data request", "/verwaltung/einstellungen.data"],
  ])("answers a member's request for %s with 403 and one audit entry", async (_what, url) => {
    const staff = await asUser(["member_staff"]);
    expect(await status(url, { headers: staff.headers })).toBe(403);
    const entries = await deniedEntries(staff.id);
    expect(entries).toHaveLength(1);
    // The first refusal of the request is recorded: the layout's or the page's, whichever answers first.
    expect(entries[0]).toMatchObject({ entityType: "route", entityId: "/verwaltung/einstellungen" });
    expect(["manage:users", "admin:settings"]).toContain(entries[0].permission);
  });

  it("names on the refusal page who may use it", async () => {
    const staff = await asUser(["member_staff"]);
    const cockpit = await fetch(`${base}/cockpit`, { headers: staff.headers });
    expect(cockpit.status).toBe(403);
    const text = (await cockpit.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("Sie haben keine Berechtigung für diese Seite oder diesen Schritt.");
    expect(text).toContain("Vorbehalten: Geschäftsführung, Aufsichtsrat und Administration.");
    const lead = await asUser(["member_lead"]);
    const settings = await fetch(`${base}/verwaltung/einstellungen`, { headers: lead.headers });
    expect(settings.status).toBe(403);
    expect((await settings.text()).replace(/<[^>]+>/g, " ")).toContain("Vorbehalten: Administration.");
  });

  it("records one entry for the section's start page too, where layout and index page both refuse", async () => {
    const staff = await asUser(["member_staff"]);
    expect(await status("/verwaltung", { headers: staff.headers })).toBe(403);
    expect(await deniedEntries(staff.id)).toHaveLength(1);
    expect(await status("/verwaltung.data", { headers: staff.headers })).toBe(403);
    expect(await deniedEntries(staff.id)).toHaveLength(2);
  });

  it("records the page's refusal once when only the page refuses (a member lead may enter the section)", async () => {
    const lead = await asUser(["member_lead"]);
    expect(await status("/verwaltung/einstellungen", { headers: lead.headers })).toBe(403);
    expect(await status("/verwaltung/einstellungen.data", { headers: lead.headers })).toBe(403);
    expect(await deniedEntries(lead.id)).toEqual([
      { entityType: "route", entityId: "/verwaltung/einstellungen", permission: "admin:settings" },
      { entityType: "route", entityId: "/verwaltung/einstellungen", permission: "admin:settings" },
    ]);
  });

  it("records one entry for a refused form post without JavaScript (the action refuses, then the layout's loader)", async () => {
    const staff = await asUser(["member_staff"]);
    const res = await fetch(`${base}/verwaltung/einstellungen`, {
      method: "POST",
      redirect: "manual",
      headers: { ...staff.headers, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: formBody({ intent: "save" }).toString(),
    });
    await res.arrayBuffer();
    expect(res.status).toBe(403);
    expect(await deniedEntries(staff.id)).toHaveLength(1);
  });

  it("lets an admin in without an entry", async () => {
    const admin = await asUser(["admin"]);
    expect(await status("/verwaltung/einstellungen", { headers: admin.headers })).toBe(200);
    expect(await status("/verwaltung/einstellungen.data", { headers: admin.headers })).toBe(200);
    expect(await deniedEntries(admin.id)).toEqual([]);
  });
});
