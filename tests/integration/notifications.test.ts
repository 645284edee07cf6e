import { describe, expect, it } from "vitest";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { noticeText, type StoredNotice } from "#app/modules/notifications/notices";
import { listNotifications, markRead, notifyUsers, unreadCount } from "#app/modules/notifications/notifications.server";
import { cosignRequirement, withdrawCosignature } from "#app/modules/requirements/requirements.server";
import * as requirementPage from "#app/routes/anforderungen.$id._index";
import * as notificationsPage from "#app/routes/benachrichtigungen";
import * as openNoticeRoute from "#app/routes/benachrichtigungen_.$id.oeffnen";
import { callRoute, changedTables, dbFingerprint } from "#tests/factories/access";
import { createUser, formBody, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { renderRoute } from "#tests/helpers/render";

const { db } = setupTestDatabase();

const noticesOf = (kind: string) => async (userId: number, requirementId: number) =>
  (await listNotifications(db(), userId)).filter((n) => n.kind === kind && n.requirement_id === requirementId);
const cosignNotices = noticesOf("cosign");
const withdrawalNotices = noticesOf("cosign_withdrawn");
const german = async (n: StoredNotice) => {
  const t = await i18nServer.getFixedT("de", "requirements");
  return noticeText((key, options) => t(key, options) as string, n);
};

describe(`co-signing notifications (${dialectUnderTest})`, () => {
  it("a withdrawal cancels the unread co-sign notice: it goes, and nothing new is said", async () => {
    const filer = await createUser(db(), { organisation: "Merzig" });
    const colleague = await createUser(db(), { organisation: "Merzig" });
    const cosigner = await createUser(db(), { organisation: "Wadern" });
    const id = await fileRequirement(db(), filer.actor, { title: "Online-Sperrmüllanmeldung" });

    await cosignRequirement(db(), cosigner.actor, id, {});
    expect(await cosignNotices(filer.id, id)).toHaveLength(1);
    await withdrawCosignature(db(), cosigner.actor, id);
    for (const user of [filer, colleague]) {
      expect(await listNotifications(db(), user.id)).toEqual([]);
      expect(await unreadCount(db(), user.id)).toBe(0);
    }
  });

  it("tells whoever read the co-sign notice of the withdrawal; an unread one goes", async () => {
    const filer = await createUser(db(), { organisation: "Losheim am See" });
    const colleague = await createUser(db(), { organisation: "Losheim am See" });
    const cosigner = await createUser(db(), { organisation: "Weiskirchen" });
    const id = await fileRequirement(db(), filer.actor, { title: "Digitale Hundesteuer" });

    await cosignRequirement(db(), cosigner.actor, id, {});
    const [first] = await cosignNotices(filer.id, id);
    await markRead(db(), filer.id, first.id);
    await withdrawCosignature(db(), cosigner.actor, id);

    // The filer read „Weiskirchen hat … mitgezeichnet“: it stays as read, and the withdrawal is news.
    expect(await cosignNotices(filer.id, id)).toMatchObject([{ id: first.id }]);
    const withdrawn = await withdrawalNotices(filer.id, id);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({
      read_at: null,
      message_key: "requirements:notifications.cosignWithdrawn",
      params: { title: "Digitale Hundesteuer", organisation: "Weiskirchen" },
      link: `/anforderungen/${id}`,
    });
    expect(await german(withdrawn[0])).toBe("Weiskirchen hat die Mitzeichnung von „Digitale Hundesteuer“ zurückgezogen.");
    expect(await unreadCount(db(), filer.id)).toBe(1);
    // The colleague never read the co-sign notice: both cancel out.
    expect(await listNotifications(db(), colleague.id)).toEqual([]);
  });

  it("says nothing of a withdrawal to the withdrawing organisation's own members, and tells other co-signers who read it", async () => {
    const filer = await createUser(db(), { organisation: "Schwalbach" });
    const earlier = await createUser(db(), { organisation: "Saarwellingen" });
    const cosigner = await createUser(db(), { organisation: "Nalbach" });
    const cosignerColleague = await createUser(db(), { organisation: "Nalbach" });
    const cosignerLead = await createUser(db(), { organisation: "Nalbach", roles: ["member_lead"] });
    const id = await fileRequirement(db(), filer.actor, { title: "Online-Wohngeldantrag" });
    await cosignRequirement(db(), earlier.actor, id, {});

    await cosignRequirement(db(), cosigner.actor, id, {});
    await markRead(db(), earlier.id);
    await withdrawCosignature(db(), cosigner.actor, id);

    expect((await withdrawalNotices(earlier.id, id)).map((n) => n.params.organisation)).toEqual(["Nalbach"]);
    for (const user of [cosigner, cosignerColleague, cosignerLead]) {
      expect(await listNotifications(db(), user.id)).toEqual([]);
    }
  });

  it("leaves the notices of other co-signatures alone: another organisation's, and the same organisation's of another requirement", async () => {
    const filer = await createUser(db(), { organisation: "Rehlingen-Siersburg" });
    const cosigner = await createUser(db(), { organisation: "Wallerfangen" });
    const other = await createUser(db(), { organisation: "Überherrn" });
    const id = await fileRequirement(db(), filer.actor, { title: "Digitale Bauakte" });
    const second = await fileRequirement(db(), filer.actor, { title: "Online-Parkausweis" });
    await cosignRequirement(db(), cosigner.actor, id, {});
    await cosignRequirement(db(), other.actor, id, {});
    await cosignRequirement(db(), cosigner.actor, second, {});
    const readBefore = (await listNotifications(db(), filer.id)).find((n) => n.requirement_id === second)!;
    await markRead(db(), filer.id, readBefore.id);

    await withdrawCosignature(db(), cosigner.actor, id);
    expect((await cosignNotices(filer.id, id)).map((n) => n.params.organisation)).toEqual(["Überherrn"]);
    expect(await cosignNotices(filer.id, second)).toMatchObject([{ id: readBefore.id, params: { organisation: "Wallerfangen" } }]);
    expect(await withdrawalNotices(filer.id, id)).toEqual([]);
    expect(await withdrawalNotices(filer.id, second)).toEqual([]);
    // Überherrn follows the requirement as a co-signer and had Wallerfangen's notice unread: it goes too.
    expect(await cosignNotices(other.id, id)).toEqual([]);
  });

  it("announces a co-sign after a withdrawal afresh, however often the organisation goes back and forth", async () => {
    const filer = await createUser(db(), { organisation: "Kleinblittersdorf" });
    const reader = await createUser(db(), { organisation: "Kleinblittersdorf" });
    const cosigner = await createUser(db(), { organisation: "Mandelbachtal" });
    const id = await fileRequirement(db(), filer.actor, { title: "Online-Fundbüro" });

    await cosignRequirement(db(), cosigner.actor, id, {});
    const [first] = await cosignNotices(filer.id, id);
    await markRead(db(), reader.id);
    for (let i = 0; i < 3; i++) {
      await withdrawCosignature(db(), cosigner.actor, id);
      await cosignRequirement(db(), cosigner.actor, id, {});
    }
    // One notice, unread, of the last co-sign: not the first one kept.
    const filerNotices = await listNotifications(db(), filer.id);
    expect(filerNotices).toHaveLength(1);
    expect(filerNotices[0]).toMatchObject({ kind: "cosign", read_at: null, params: { organisation: "Mandelbachtal" } });
    expect(filerNotices[0].id).not.toBe(first.id);
    // The reader read the first one: told of the first withdrawal, then of the last co-sign (the ones
    // in between were cancelled unread).
    const readerNotices = await listNotifications(db(), reader.id);
    expect(readerNotices.map((n) => [n.kind, n.read_at === null])).toEqual([
      ["cosign", true],
      ["cosign_withdrawn", true],
      ["cosign", false],
    ]);
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

  it("recognises a notice written before notices carried the organisation's id, for a co-sign and for a withdrawal", async () => {
    const filer = await createUser(db(), { organisation: "Nonnweiler" });
    const cosigner = await createUser(db(), { organisation: "Nohfelden" });
    const id = await fileRequirement(db(), filer.actor, { title: "E-Akte Bauamt" });
    const legacy = (organisation: string) => ({
      user_id: filer.id,
      kind: "cosign",
      requirement_id: id,
      message_key: "requirements:notifications.cosigned",
      params: JSON.stringify({ title: "E-Akte Bauamt", organisation }),
      link: `/anforderungen/${id}`,
      created_at: new Date().toISOString(),
      read_at: null,
    });
    await db().insertInto("notifications").values([legacy("Nohfelden"), legacy("Freisen")]).execute();
    await cosignRequirement(db(), cosigner.actor, id, {});
    expect((await cosignNotices(filer.id, id)).map((n) => n.params.organisation).sort()).toEqual(["Freisen", "Nohfelden"]);
    await withdrawCosignature(db(), cosigner.actor, id);
    expect((await cosignNotices(filer.id, id)).map((n) => n.params.organisation)).toEqual(["Freisen"]);
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

describe(`following a notice from „Benachrichtigungen“ (${dialectUnderTest})`, () => {
  const notice = async (userId: number, link: string) => {
    await notifyUsers(db(), [userId], { kind: "project", requirementId: null, messageKey: "projects:notifications.approved", params: { project: "E-Rechnung" }, link });
    return (await db().selectFrom("notifications").select("id").where("user_id", "=", userId).orderBy("id", "desc").executeTakeFirstOrThrow()).id;
  };
  const readAt = async (id: number) => (await db().selectFrom("notifications").select("read_at").where("id", "=", id).executeTakeFirstOrThrow()).read_at;
  const open = async (userId: number | null, id: number | string) =>
    callRoute(openNoticeRoute.loader, { request: await requestAs(db(), userId, `/benachrichtigungen/${id}/oeffnen`), params: { id: String(id) }, context: {} });

  it("marks the owner's notice read and goes on to what it is about", async () => {
    const owner = await createUser(db(), { organisation: "Saarbrücken" });
    const id = await notice(owner.id, "/projekte/7?tab=team#meilensteine");
    const other = await notice(owner.id, "/projekte/8");
    expect(await unreadCount(db(), owner.id)).toBe(2);
    expect(await open(owner.id, id)).toMatchObject({ status: 302, location: "/projekte/7?tab=team#meilensteine" });
    expect(await readAt(id)).not.toBeNull();
    expect(await readAt(other)).toBeNull();
    expect(await unreadCount(db(), owner.id)).toBe(1);
    // Following it again (already read) still leads there.
    expect(await open(owner.id, id)).toMatchObject({ status: 302, location: "/projekte/7?tab=team#meilensteine" });
    // The page's link to the notice leads through this route (a plain link: keyboard, screen reader, no JavaScript).
    const data = await notificationsPage.loader({ request: await requestAs(db(), owner.id, "/benachrichtigungen"), params: {}, context: {} } as never);
    const html = await renderRoute("/benachrichtigungen", notificationsPage.default, data);
    expect(html).toMatch(new RegExp(`<a [^>]*href="/benachrichtigungen/${other}/oeffnen"`));
    expect(html).not.toContain('href="/projekte/8"');
  });

  it("refuses another person's notice (not found) and changes nothing; signing in is required", async () => {
    const owner = await createUser(db(), { organisation: "Saarbrücken" });
    const stranger = await createUser(db(), { organisation: "Homburg" });
    const id = await notice(owner.id, "/projekte/7");
    expect(await open(stranger.id, id)).toMatchObject({ status: 404 });
    expect((await open(null, id)).location).toMatch(/^\/anmelden/);
    expect(await readAt(id)).toBeNull();
    expect(await unreadCount(db(), owner.id)).toBe(1);
    for (const bad of ["abc", "0", "-1", "99999999999"]) expect(await open(owner.id, bad)).toMatchObject({ status: 404 });
    expect(await readAt(id)).toBeNull();
  });

  it("never sends the reader to another site: a stored link that is not a path here leads back to the notices", async () => {
    const owner = await createUser(db(), { organisation: "Saarbrücken" });
    for (const link of ["https://evil.example/x", "//evil.example/x", "/\\evil.example/x", "javascript:alert(1)", ""]) {
      const id = await notice(owner.id, link);
      expect(await open(owner.id, id)).toMatchObject({ status: 302, location: "/benachrichtigungen" });
      expect(await readAt(id)).not.toBeNull();
    }
  });
});

describe(`withdrawing a co-signature on the page (${dialectUnderTest})`, () => {
  it("asks first: without the confirmation nothing changes, quantity and comment stay", async () => {
    const filer = await createUser(db(), { organisation: "Merzig" });
    const cosigner = await createUser(db(), { organisation: "Wadern" });
    const id = await fileRequirement(db(), filer.actor, { title: "Online-Hundeanmeldung" });
    await cosignRequirement(db(), cosigner.actor, id, { quantity: 1500, quantityUnit: "cases_per_year", comment: "Drei Ortsteile betroffen." });
    const post = async (body: Record<string, string>) =>
      callRoute(requirementPage.action, {
        request: await requestAs(db(), cosigner.id, `/anforderungen/${id}`, { method: "POST", body: formBody(body) }),
        params: { id: String(id) },
        context: { clientAddress: "127.0.0.1" },
      });
    const endorsement = () => db().selectFrom("endorsements").select(["quantity", "quantity_unit", "comment"]).where("requirement_id", "=", id).executeTakeFirst();

    const before = await dbFingerprint(db());
    expect((await post({ intent: "uncosign" })).status).toBe(400);
    expect(changedTables(before, await dbFingerprint(db()))).toEqual([]);
    expect(await endorsement()).toEqual({ quantity: 1500, quantity_unit: "cases_per_year", comment: "Drei Ortsteile betroffen." });

    expect((await post({ intent: "uncosign", confirm: "yes" })).status).toBe(302);
    expect(await endorsement()).toBeUndefined();
  });
});
