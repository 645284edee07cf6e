import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addAttachments } from "#app/modules/requirements/attachments.server";
import { addComment, clarifyRequirement, deleteDraft, returnRequirement, updateDraft } from "#app/modules/requirements/requirements.server";
import { readToast } from "#app/utils/toast.server";
import * as detailRoute from "#app/routes/anforderungen.$id._index";
import { postAction } from "#tests/factories/access";
import { createUser } from "#tests/factories/index";
import { fileRequirement, requirementInput } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();
process.env.ATTACHMENTS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-att-"));
const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n");

const DEPENDENT = ["requirement_events", "comments", "attachments", "notifications", "endorsements", "candidate_requirements", "candidate_exclusions"] as const;

/** Every row that names the requirement, per table, and the requirement itself. */
async function rowsOf(id: number) {
  const counts: Record<string, number> = {};
  for (const table of DEPENDENT) {
    const row = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("requirement_id", "=", id).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return { requirement: await db().selectFrom("requirements").selectAll().where("id", "=", id).executeTakeFirst(), counts };
}

/** A draft of Neunkirchen with an edit, a comment (which notifies the colleague), an attachment. */
async function busyDraft() {
  const staff = await createUser(db(), { organisation: "Neunkirchen" });
  const colleague = await createUser(db(), { organisation: "Neunkirchen" });
  const id = await fileRequirement(db(), staff.actor, { title: `Fehlentwurf ${Date.now()}`, submit: false });
  const { version } = await db().selectFrom("requirements").select("version").where("id", "=", id).executeTakeFirstOrThrow();
  await updateDraft(db(), staff.actor, id, version, { ...requirementInput({ title: "Fehlentwurf, geändert" }), submit: false });
  await addComment(db(), staff.actor, id, "Brauchen wir das überhaupt?");
  await addAttachments(db(), staff.actor, id, [{ name: "skizze.pdf", bytes: pdf }]);
  const [att] = await db().selectFrom("attachments").select("id").where("requirement_id", "=", id).execute();
  return { staff, colleague, id, file: path.join(process.env.ATTACHMENTS_DIR!, att.id) };
}

const post = (userId: number, id: number, values: Record<string, string>) =>
  postAction(db(), detailRoute, userId, `/anforderungen/${id}`, values, { id: String(id) });

describe(`„Entwurf löschen“ (${dialectUnderTest})`, () => {
  it("lets the own organisation's staff delete a never-submitted draft with everything hanging on it, after confirming", async () => {
    const { staff, colleague, id, file } = await busyDraft();
    const before = await rowsOf(id);
    expect(before.counts).toMatchObject({ requirement_events: 3, comments: 1, attachments: 1, notifications: 1 });
    expect(fs.existsSync(file)).toBe(true);

    // Without the confirmation (no JavaScript: the first click) the server asks and nothing is deleted.
    const asked = await post(staff.id, id, { intent: "deleteDraft", confirm: "" });
    expect(asked.status).toBe(400);
    expect(asked.error?.confirm).toEqual(["validation.confirmRequired"]);
    expect(await rowsOf(id)).toEqual(before);
    expect(fs.existsSync(file)).toBe(true);

    const deleted = await post(staff.id, id, { intent: "deleteDraft", confirm: "yes" });
    expect(deleted.status).toBe(302);
    expect(deleted.location).toBe("/anforderungen/unsere");
    const cookie = deleted.headers.get("Set-Cookie")?.split(";")[0] ?? "";
    expect((await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast).toEqual({
      type: "success",
      messageKey: "requirements:detail.draftDeleted",
      values: { title: "Fehlentwurf, geändert" },
    });
    const after = await rowsOf(id);
    expect(after.requirement).toBeUndefined();
    expect(Object.values(after.counts).every((n) => n === 0)).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    const colleagueNotices = await db().selectFrom("notifications").select("id").where("user_id", "=", colleague.id).where("link", "like", `/anforderungen/${id}%`).execute();
    expect(colleagueNotices).toEqual([]);

    // The audit entry says which organisation's draft went, by whom, but nothing of its content.
    const audit = await db().selectFrom("audit_log").selectAll().where("action", "=", "requirement.draft_deleted").where("entity_id", "=", String(id)).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_user_id: staff.id, entity_type: "requirement" });
    expect(JSON.parse(audit.detail!)).toEqual({ organisationId: staff.organisationId });
    expect(audit.detail).not.toContain("Fehlentwurf");

    // Gone: its page answers 404, and a second delete too.
    expect((await errorOf(deleteDraft(db(), staff.actor, id))).status).toBe(404);
  });

  it("lets the organisation's lead delete a colleague's draft", async () => {
    const { id, file } = await busyDraft();
    const lead = await createUser(db(), { organisation: "Neunkirchen", roles: ["member_lead"] });
    expect(await deleteDraft(db(), lead.actor, id)).toEqual({ title: "Fehlentwurf, geändert" });
    expect((await rowsOf(id)).requirement).toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
  });

  it("refuses another organisation, the requirements team and other roles, and changes nothing", async () => {
    const { id, file } = await busyDraft();
    const before = await rowsOf(id);
    const otherStaff = await createUser(db(), { organisation: "Homburg" });
    const otherLead = await createUser(db(), { organisation: "Homburg", roles: ["member_lead"] });
    const manager = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    // A draft is hidden from everyone outside its organisation: worded like one that does not exist.
    for (const u of [otherStaff, otherLead, manager, admin]) {
      expect((await errorOf(deleteDraft(db(), u.actor, id))).status).toBe(404);
      expect((await post(u.id, id, { intent: "deleteDraft", confirm: "yes" })).status).toBe(404);
    }
    // Of the own organisation but without the right to edit its drafts: seen, not deletable.
    for (const roles of [["board"], ["team_member"], ["requirements_manager"]] as const) {
      const u = await createUser(db(), { organisation: "Neunkirchen", roles: [...roles] });
      expect((await errorOf(deleteDraft(db(), u.actor, id))).status).toBe(403);
    }
    expect(await rowsOf(id)).toEqual(before);
    expect(fs.existsSync(file)).toBe(true);
  });

  it("refuses a submitted requirement and a requirement of another organisation that everyone sees", async () => {
    const staff = await createUser(db(), { organisation: "Neunkirchen" });
    const other = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), staff.actor);
    const before = await rowsOf(id);
    const refused = await post(staff.id, id, { intent: "deleteDraft", confirm: "yes" });
    expect(refused.status).toBe(409);
    expect(refused.error?.[""]).toEqual(["requirements:errors.deleteNotDraft"]);
    expect((await errorOf(deleteDraft(db(), other.actor, id))).status).toBe(403);
    expect(await rowsOf(id)).toEqual(before);
  });

  it("refuses a draft returned for clarification or by the lead: it has a history", async () => {
    const staff = await createUser(db(), { organisation: "Neunkirchen" });
    const lead = await createUser(db(), { organisation: "Neunkirchen", roles: ["member_lead"] });
    const manager = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const clarified = await fileRequirement(db(), staff.actor);
    await clarifyRequirement(db(), manager.actor, clarified, "Welches Fachverfahren?");
    const returned = await fileRequirement(db(), staff.actor);
    await db().updateTable("requirements").set({ awaiting_release: 1 }).where("id", "=", returned).execute();
    await returnRequirement(db(), lead.actor, returned, "Bitte Frist ergänzen.");
    for (const id of [clarified, returned]) {
      const before = await rowsOf(id);
      expect(before.requirement).toMatchObject({ status: "draft", submitted_at: null });
      const refused = await post(staff.id, id, { intent: "deleteDraft", confirm: "yes" });
      expect(refused.status).toBe(409);
      expect(refused.error?.[""]).toEqual(["requirements:errors.deleteHasHistory"]);
      expect((await errorOf(deleteDraft(db(), lead.actor, id))).messageKey).toBe("requirements:errors.deleteHasHistory");
      expect(await rowsOf(id)).toEqual(before);
    }
  });

  it("lets a submit that holds the draft first win: nothing is deleted", async () => {
    const { staff, id, file } = await busyDraft();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    // A submit in flight: its transaction has changed the status but not yet committed.
    const submit = db()
      .transaction()
      .execute(async (trx) => {
        const t = new Date().toISOString();
        await trx.updateTable("requirements").set({ status: "submitted", submitted_at: t, updated_at: t }).where("id", "=", id).execute();
        await trx
          .insertInto("requirement_events")
          .values({ requirement_id: id, at: t, actor_user_id: staff.id, kind: "status", from_status: "draft", to_status: "submitted", reason: null, detail: null })
          .execute();
        locked();
        await gate;
      });
    await holding;
    const deleting = errorOf(deleteDraft(db(), staff.actor, id));
    // Give the delete time to reach the row (PostgreSQL: it waits for the lock; SQLite: for the connection).
    await new Promise((r) => setTimeout(r, 300));
    release();
    await submit;
    const refused = await deleting;
    expect(refused.status).toBe(409);
    expect(refused.messageKey).toBe("requirements:errors.deleteNotDraft");
    const after = await rowsOf(id);
    expect(after.requirement).toMatchObject({ status: "submitted" });
    expect(after.counts).toMatchObject({ requirement_events: 4, comments: 1, attachments: 1 });
    expect(fs.existsSync(file)).toBe(true);
  });
});
