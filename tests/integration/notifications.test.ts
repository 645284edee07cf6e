import { describe, expect, it } from "vitest";
import { listNotifications, markRead, notifyUsers, unreadCount } from "#app/modules/notifications/notifications.server";
import { cosignRequirement, withdrawCosignature } from "#app/modules/requirements/requirements.server";
import * as notificationsPage from "#app/routes/benachrichtigungen";
import { callRoute } from "#tests/factories/access";
import { createUser, formBody, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

const cosignNotices = async (userId: number, requirementId: number) =>
  (await listNotifications(db(), userId)).filter((n) => n.kind === "cosign" && n.requirement_id === requirementId);

describe(`co-signing notifications (${dialectUnderTest})`, () => {
  it("tells the filing organisation once while the notice is unread, however often the same organisation withdraws and co-signs again", async () => {
    const filer = await createUser(db(), { organisation: "Merzig" });
    const colleague = await createUser(db(), { organisation: "Merzig" });
    const cosigner = await createUser(db(), { organisation: "Wadern" });
    const id = await fileRequirement(db(), filer.actor, { title: "Online-Sperrmüllanmeldung" });

    await cosignRequirement(db(), cosigner.actor, id, {});
    for (let i = 0; i < 3; i++) {
      await withdrawCosignature(db(), cosigner.actor, id);
      await cosignRequirement(db(), cosigner.actor, id, {});
    }
    for (const user of [filer, colleague]) {
      const notices = await cosignNotices(user.id, id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ read_at: null, params: { title: "Online-Sperrmüllanmeldung", organisation: "Wadern" } });
      expect(await unreadCount(db(), user.id)).toBe(1);
    }
  });

  it("notifies again about a co-sign after the recipient has read the earlier notice, and only that recipient", async () => {
    const filer = await createUser(db(), { organisation: "Losheim am See" });
    const colleague = await createUser(db(), { organisation: "Losheim am See" });
    const cosigner = await createUser(db(), { organisation: "Weiskirchen" });
    const id = await fileRequirement(db(), filer.actor);

    await cosignRequirement(db(), cosigner.actor, id, {});
    const [first] = await cosignNotices(filer.id, id);
    await markRead(db(), filer.id, first.id);
    await withdrawCosignature(db(), cosigner.actor, id);
    await cosignRequirement(db(), cosigner.actor, id, {});

    // The filer read the first notice: the new co-sign is news. The colleague still has the first one unread.
    const filerNotices = await cosignNotices(filer.id, id);
    expect(filerNotices).toHaveLength(2);
    expect(filerNotices.filter((n) => n.read_at === null)).toHaveLength(1);
    expect(await cosignNotices(colleague.id, id)).toHaveLength(1);
  });

  it("still tells of each organisation's co-sign and of the same organisation's co-sign of another requirement", async () => {
    const filer = await createUser(db(), { organisation: "Mettlach" });
    const first = await createUser(db(), { organisation: "Perl" });
    const second = await createUser(db(), { organisation: "Beckingen" });
    const id = await fileRequirement(db(), filer.actor, { title: "Digitale Friedhofsverwaltung" });
    const other = await fileRequirement(db(), filer.actor, { title: "Online-Gewerbeanmeldung" });

    await cosignRequirement(db(), first.actor, id, {});
    await cosignRequirement(db(), second.actor, id, {});
    await cosignRequirement(db(), first.actor, other, {});
    expect((await cosignNotices(filer.id, id)).map((n) => n.params.organisation).sort()).toEqual(["Beckingen", "Perl"]);
    expect(await cosignNotices(filer.id, other)).toHaveLength(1);
    // The first co-signer follows the requirement now and hears of the second, not of itself.
    expect((await cosignNotices(first.id, id)).map((n) => n.params.organisation)).toEqual(["Beckingen"]);
  });

  it("tells the filing organisation and the other co-signers, not the co-signing organisation's own members", async () => {
    const filer = await createUser(db(), { organisation: "Tholey" });
    const filerLead = await createUser(db(), { organisation: "Tholey", roles: ["member_lead"] });
    const earlier = await createUser(db(), { organisation: "Schiffweiler" });
    const cosigner = await createUser(db(), { organisation: "Illingen" });
    const cosignerColleague = await createUser(db(), { organisation: "Illingen" });
    const cosignerLead = await createUser(db(), { organisation: "Illingen", roles: ["member_lead"] });
    const id = await fileRequirement(db(), filer.actor, { title: "Digitale Spielplatzkontrolle" });
    await cosignRequirement(db(), earlier.actor, id, {});

    await cosignRequirement(db(), cosigner.actor, id, {});
    for (const user of [filer, filerLead, earlier]) {
      expect((await cosignNotices(user.id, id)).map((n) => n.params.organisation)).toContain("Illingen");
    }
    // Illingen's co-signature is Illingen's own step: no „Illingen hat … mitgezeichnet“ to Illingen.
    for (const user of [cosigner, cosignerColleague, cosignerLead]) {
      expect(await cosignNotices(user.id, id)).toEqual([]);
      expect(await unreadCount(db(), user.id)).toBe(0);
    }
    // Once Illingen follows the requirement, it hears of the next organisation's co-signature.
    const later = await createUser(db(), { organisation: "Eppelborn" });
    await cosignRequirement(db(), later.actor, id, {});
    expect((await cosignNotices(cosignerColleague.id, id)).map((n) => n.params.organisation)).toEqual(["Eppelborn"]);
  });

  it("recognises an unread notice written before notices carried the organisation's id", async () => {
    const filer = await createUser(db(), { organisation: "Nonnweiler" });
    const cosigner = await createUser(db(), { organisation: "Nohfelden" });
    const id = await fileRequirement(db(), filer.actor, { title: "E-Akte Bauamt" });
    await db()
      .insertInto("notifications")
      .values({
        user_id: filer.id,
        kind: "cosign",
        requirement_id: id,
        message_key: "requirements:notifications.cosigned",
        params: JSON.stringify({ title: "E-Akte Bauamt", organisation: "Nohfelden" }),
        link: `/anforderungen/${id}`,
        created_at: new Date().toISOString(),
        read_at: null,
      })
      .execute();
    await cosignRequirement(db(), cosigner.actor, id, {});
    expect(await cosignNotices(filer.id, id)).toHaveLength(1);
  });
});

describe(`„Benachrichtigungen“ without any role (${dialectUnderTest})`, () => {
  it("shows a signed-in person holding no role their own notices and lets them mark them read", async () => {
    const person = await createUser(db(), { organisation: "Saarbrücken", roles: [] });
    await notifyUsers(db(), [person.id], { kind: "project", requirementId: null, messageKey: "projects:notifications.approved", params: { project: "E-Rechnung" }, link: "/projekte" });
    const args = async (init: RequestInit = {}) => ({ request: await requestAs(db(), person.id, "/benachrichtigungen", init), params: {}, context: {} });

    const page = (await notificationsPage.loader((await args()) as never)) as { items: { params: Record<string, string> }[] };
    expect(page.items.map((n) => n.params.project)).toEqual(["E-Rechnung"]);
    const marked = await callRoute(notificationsPage.action, await args({ method: "POST", body: formBody({}) }));
    expect(marked.status).toBe(302);
    expect(await unreadCount(db(), person.id)).toBe(0);
    // Signing in is still required.
    const anonymous = await callRoute(notificationsPage.loader, { request: await requestAs(db(), null, "/benachrichtigungen"), params: {}, context: {} });
    expect(anonymous.location).toMatch(/^\/anmelden/);
  });
});
