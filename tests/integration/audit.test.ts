import { beforeAll, describe, expect, it } from "vitest";
import { auditLogPage, listAudit, recordAudit } from "#app/modules/audit/audit.server";
import { signIn, signOut } from "#app/modules/auth/auth.server";
import { validateSessionToken } from "#app/modules/auth/session.server";
import { AppError } from "#app/utils/errors.server";
import { addRole } from "#app/modules/users/users.server";
import { createTeam, createUser, TEST_PASSWORD } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

describe(`audit log filter (${dialectUnderTest})`, () => {
  let admin: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    admin = await createUser(db(), { roles: ["admin"] });
    const user = await createUser(db());
    const { token } = await signIn(db(), { email: user.email, password: TEST_PASSWORD, clientAddress: "10.0.1.1" });
    await expect(signIn(db(), { email: user.email, password: "falsch-falsch-falsch", clientAddress: "10.0.1.1" })).rejects.toBeInstanceOf(AppError);
    await signOut(db(), (await validateSessionToken(db(), token))!.sessionId, user.id);
    // A row from before a code was renamed: still listed, still filterable.
    await db().insertInto("audit_log").values({ at: new Date().toISOString(), actor_user_id: null, action: "auth.legacy_code", entity_type: "user", entity_id: null, detail: null }).execute();
  });

  const actionsOf = async (action: string) =>
    (await listAudit(db(), admin.actor, { action })).rows.map((r) => r.action).sort();

  it("finds exactly the chosen code, also one with underscores", async () => {
    expect(await actionsOf("auth.sign_in")).toEqual(["auth.sign_in"]);
    expect(await actionsOf("auth.sign_in_failed")).toEqual(["auth.sign_in_failed"]);
    expect(await actionsOf("auth.legacy_code")).toEqual(["auth.legacy_code"]);
  });

  it("finds a whole area by its prefix, and nothing for a part of a word or a wildcard", async () => {
    expect(await actionsOf("auth")).toEqual(["auth.legacy_code", "auth.sign_in", "auth.sign_in_failed", "auth.sign_out"]);
    expect(await actionsOf("aut")).toEqual([]);
    expect(await actionsOf("auth.sign")).toEqual([]);
    expect(await actionsOf("%")).toEqual([]);
    expect(await actionsOf("auth.sign_in_")).toEqual([]);
  });

  it("offers every code present, old ones included, for the filter", async () => {
    const { actions } = await listAudit(db(), admin.actor, {});
    expect(actions).toEqual(expect.arrayContaining(["auth.legacy_code", "auth.sign_in", "auth.sign_in_failed", "auth.sign_out"]));
  });

  it("names the person, an anonymous visitor, or the application itself", async () => {
    // As the board's result is recorded once the last vote is in: by no one signed in.
    await recordAudit(db(), { actorUserId: null, action: "project.board_adopted", entityType: "project", entityId: 1, detail: { yes: 4, no: 1, abstain: 0 } });
    const { rows } = await listAudit(db(), admin.actor, { action: "project.board_adopted" });
    expect(rows[0]).toMatchObject({ actorName: null, actorKind: "system" });
    const auth = (await listAudit(db(), admin.actor, { action: "auth" })).rows;
    expect(auth.find((r) => r.action === "auth.sign_in_failed")).toMatchObject({ actorName: null, actorKind: "visitor" });
    expect(auth.find((r) => r.action === "auth.sign_in")).toMatchObject({ actorKind: "user" });
  });

  it("gives the details as labelled lines, with the names of the teams and organisations they name", async () => {
    const teamId = await createTeam(db(), { name: "Team Protokoll" });
    const user = await createUser(db());
    await addRole(db(), admin.actor, user.id, "team_lead", teamId);
    await recordAudit(db(), { actorUserId: admin.id, action: "project.rollout", entityType: "project", entityId: 1, detail: { organisationId: user.organisationId, from: "interested", to: "declined" } });
    const [role] = (await listAudit(db(), admin.actor, { action: "role.assigned" })).rows;
    expect(role).not.toHaveProperty("detail");
    expect(role.details).toEqual([
      { label: { key: "admin:users.role" }, value: { key: "common:roles.team_lead" } },
      { label: { key: "admin:audit.detailLabels.team" }, value: { text: "Team Protokoll" } },
    ]);
    const [rollout] = (await listAudit(db(), admin.actor, { action: "project.rollout" })).rows;
    expect(rollout.details).toContainEqual({ label: { key: "admin:audit.detailLabels.organisation" }, value: { text: "Saarbrücken" } });
    expect(rollout.details).toContainEqual({
      label: { key: "admin:audit.detailLabels.rollout" },
      value: { key: "admin:audit.detailValues.change", params: { from: { key: "projects:rollout.interested" }, to: { key: "projects:rollout.declined" } } },
    });
  });

  it("is for admins only", async () => {
    const staff = await createUser(db());
    await expect(listAudit(db(), staff.actor, {})).rejects.toMatchObject({ status: 403 });
  });
});

describe(`audit log order and paging (${dialectUnderTest})`, () => {
  let admin: Awaited<ReturnType<typeof createUser>>;
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + minute * 60_000).toISOString();
  /** Entries under a code of their own, so other tests' entries stay out of the way; written in the given order. */
  const write = async (action: string, minutes: number[]) => {
    const ids: number[] = [];
    for (const [i, minute] of minutes.entries()) {
      const row = await db()
        .insertInto("audit_log")
        .values({ at: at(minute), actor_user_id: null, action, entity_type: "route", entity_id: `/e${i}`, detail: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  };
  /** Every page, following the "older" links from the newest page; then back, following the "newer" links. */
  const walk = async (action: string) => {
    const pages: number[][] = [];
    let page = await listAudit(db(), admin.actor, { action });
    pages.push(page.rows.map((r) => r.id));
    expect(page.newer).toBeNull();
    while (page.older !== null) {
      page = await listAudit(db(), admin.actor, { action, before: page.older });
      pages.push(page.rows.map((r) => r.id));
    }
    const back: number[][] = [page.rows.map((r) => r.id)];
    while (page.newer !== null) {
      page = await listAudit(db(), admin.actor, { action, after: page.newer });
      back.unshift(page.rows.map((r) => r.id));
    }
    return { pages, back };
  };

  beforeAll(async () => {
    admin = await createUser(db(), { roles: ["admin"] });
  });

  it("lists entries by time, newest first, whatever order they were written in; entries of one moment by id", async () => {
    // As the demo replays its stories: written later, dated earlier.
    const [late, early, middle, sameA, sameB] = await write("test.order", [30, 10, 20, 25, 25]);
    const { rows } = await listAudit(db(), admin.actor, { action: "test.order" });
    expect(rows.map((r) => r.id)).toEqual([late, sameB, sameA, middle, early]);
    expect(rows.map((r) => r.at)).toEqual([at(30), at(25), at(25), at(20), at(10)]);
  });

  it("pages through a long log by time without skipping or repeating an entry, forwards and back", async () => {
    // 131 entries, shuffled in time, with runs of equal times across the page boundaries (50, 100).
    const minutes = Array.from({ length: 131 }, (_, i) => ((i * 37) % 131) - (((i * 37) % 131) % 4));
    const ids = await write("test.paging", minutes);
    const expected = ids
      .map((id, i) => ({ id, minute: minutes[i] }))
      .sort((a, b) => b.minute - a.minute || b.id - a.id)
      .map((e) => e.id);
    const { pages, back } = await walk("test.paging");
    expect(pages.map((p) => p.length)).toEqual([50, 50, 31]);
    expect(pages.flat()).toEqual(expected);
    expect(back).toEqual(pages);
    expect((await listAudit(db(), admin.actor, { action: "test.paging" })).total).toBe(131);
  });

  it("neither repeats nor skips entries on the next page when new ones are written meanwhile", async () => {
    const ids = await write("test.live", Array.from({ length: 60 }, (_, i) => i));
    const first = await listAudit(db(), admin.actor, { action: "test.live" });
    const [fresh] = await write("test.live", [1000]);
    const second = await listAudit(db(), admin.actor, { action: "test.live", before: first.older! });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual([...ids].reverse());
    // Back up from the second page: the fifty entries just before it, and the new one above them.
    const up = await listAudit(db(), admin.actor, { action: "test.live", after: second.newer! });
    expect(up.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(up.newer).toBe(first.rows[0].id);
    const top = await listAudit(db(), admin.actor, { action: "test.live", after: up.newer! });
    expect(top.rows[0].id).toBe(fresh);
    expect(top.newer).toBeNull();
  });

  it("shows the newest page for an entry that does not exist or has nothing older", async () => {
    await write("test.cursor", [1, 2, 3]);
    const newest = (await listAudit(db(), admin.actor, { action: "test.cursor" })).rows.map((r) => r.id);
    for (const cursor of [{ before: 999_999_999 }, { after: 999_999_999 }, { before: newest[2] }, { after: newest[0] }]) {
      const page = await listAudit(db(), admin.actor, { action: "test.cursor", ...cursor });
      expect(page.rows.map((r) => r.id), JSON.stringify(cursor)).toEqual(newest);
      expect(page).toMatchObject({ newer: null, older: null });
    }
  });
});

describe(`audit log page from its address (${dialectUnderTest})`, () => {
  let admin: Awaited<ReturnType<typeof createUser>>;
  const page = (query: string) => auditLogPage(db(), admin.actor, new URLSearchParams(query));

  beforeAll(async () => {
    admin = await createUser(db(), { roles: ["admin"] });
    await recordAudit(db(), { actorUserId: admin.id, action: "team.created", entityType: "team", entityId: 1 });
  });

  it("does not apply an impossible date, and names it at its field", async () => {
    const all = (await page("")).total;
    expect(all).toBeGreaterThan(0);
    for (const from of ["2026-13-45", "2026-02-30", "morgen"]) {
      const result = await page(`from=${from}`);
      expect(result.total).toBe(all);
      expect(result.problems).toEqual({ from: { kind: "date", value: from } });
      expect(result.filtered).toBe(false);
    }
    expect((await page("to=2026-02-30")).problems).toEqual({ to: { kind: "date", value: "2026-02-30" } });
    expect((await page("from=2000-02-29")).problems).toEqual({});
  });

  it("names a range that ends before it starts at its end, and lists from its start", async () => {
    const result = await page("from=2000-03-02&to=2000-03-01");
    expect(result.problems).toEqual({ to: { kind: "toBeforeFrom", from: "2000-03-02", to: "2000-03-01" } });
    expect(result.total).toBe((await page("from=2000-03-02")).total);
    expect(result.total).toBeGreaterThan(0);
  });

  it("does not apply an unknown event or object type, and names them", async () => {
    const all = (await page("")).total;
    const result = await page("action=foo.bar&entityType=%3Cscript%3E");
    expect(result.total).toBe(all);
    expect(result.problems).toEqual({ action: { kind: "action", value: "foo.bar" }, entityType: { kind: "entityType", value: "<script>" } });
    // Known ones, and an area of the codes in the log, are applied.
    const teams = await page("action=team&entityType=team");
    expect(teams.problems).toEqual({});
    expect(teams.filtered).toBe(true);
    expect(teams.rows.map((r) => r.action)).toContain("team.created");
    expect(teams.rows.every((r) => r.entity_type === "team")).toBe(true);
  });

  it("names the objects that still exist by name, requirements only where the admin may see them", async () => {
    const staff = await createUser(db(), { name: "Rita Protokoll", organisation: "Tholey" });
    const teamId = await createTeam(db(), { name: "Team Objektname" });
    const filed = await fileRequirement(db(), staff.actor, { title: "Protokollierte Anforderung" });
    const draft = await fileRequirement(db(), staff.actor, { title: "Geheimer Entwurf", submit: false });
    await recordAudit(db(), { actorUserId: admin.id, action: "user.updated", entityType: "user", entityId: staff.id });
    await recordAudit(db(), { actorUserId: admin.id, action: "team.updated", entityType: "team", entityId: teamId });
    await recordAudit(db(), { actorUserId: admin.id, action: "organisation.updated", entityType: "organisation", entityId: staff.organisationId });
    await recordAudit(db(), { actorUserId: admin.id, action: "requirement.release", entityType: "requirement", entityId: filed });
    await recordAudit(db(), { actorUserId: admin.id, action: "requirement.withdraw", entityType: "requirement", entityId: draft });
    await recordAudit(db(), { actorUserId: admin.id, action: "user.deactivated", entityType: "user", entityId: 999_999 });
    const rows = (await page("")).rows;
    const nameOf = (action: string) => rows.find((r) => r.action === action)?.entityName;
    expect(nameOf("user.updated")).toBe("Rita Protokoll");
    expect(nameOf("team.updated")).toBe("Team Objektname");
    expect(nameOf("organisation.updated")).toBe("Tholey");
    expect(nameOf("requirement.release")).toBe(`Nr. ${filed} – Protokollierte Anforderung`);
    expect(nameOf("requirement.withdraw")).toBeNull();
    expect(nameOf("user.deactivated")).toBeNull();
  });

  it("is for admins only", async () => {
    const staff = await createUser(db());
    await expect(auditLogPage(db(), staff.actor, new URLSearchParams())).rejects.toMatchObject({ status: 403 });
  });
});
