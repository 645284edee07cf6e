import { beforeAll, describe, expect, it } from "vitest";
import { countFeedback, listFeedback, markFeedbackDone, reopenFeedback } from "#app/modules/organisations/organisations.server";
import { feedbackStatusSchema, FEEDBACK_NOTE_MAX } from "#app/modules/organisations/schema";
import { postAction } from "#tests/factories/access";
import { createFeedback, createUser } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

describe(`accessibility feedback: done and reopened (${dialectUnderTest})`, () => {
  let admin: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    admin = await createUser(db(), { roles: ["admin"], name: "Ada Admin" });
  });

  const row = async (id: number) => (await listFeedback(db(), admin.actor, "all")).find((f) => f.id === id)!;
  const auditOf = (id: number) =>
    db().selectFrom("audit_log").select(["action", "actor_user_id", "detail"]).where("entity_type", "=", "feedback").where("entity_id", "=", String(id)).orderBy("id").execute();

  it("marks an open feedback as done with who, when and the note, and writes the audit entry", async () => {
    const id = await createFeedback(db());
    const before = new Date().toISOString();
    await markFeedbackDone(db(), admin.actor, id, "Kontrast im Kopfbereich erhöht.");
    const f = await row(id);
    expect(f).toMatchObject({ handled: true, handled_by: admin.id, handledByName: "Ada Admin", handled_note: "Kontrast im Kopfbereich erhöht." });
    expect(f.handled_at! >= before).toBe(true);
    expect(await auditOf(id)).toEqual([{ action: "feedback.done", actor_user_id: admin.id, detail: JSON.stringify({ note: "Kontrast im Kopfbereich erhöht." }) }]);
  });

  it("stores no note when none is given, and reopening empties who, when and the note", async () => {
    const id = await createFeedback(db());
    await markFeedbackDone(db(), admin.actor, id, "");
    expect(await row(id)).toMatchObject({ handled: true, handled_note: null });
    await reopenFeedback(db(), admin.actor, id);
    expect(await row(id)).toMatchObject({ handled: false, handled_at: null, handled_by: null, handled_note: null });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["feedback.done", "feedback.reopened"]);
  });

  it("refuses a step from the wrong status, an unknown id and a non-admin, and changes nothing", async () => {
    const open = await createFeedback(db());
    const done = await createFeedback(db(), { handled: true });
    await expect(reopenFeedback(db(), admin.actor, open)).rejects.toMatchObject({ status: 409, messageKey: "admin:feedback.errors.alreadyOpen" });
    await expect(markFeedbackDone(db(), admin.actor, done, "")).rejects.toMatchObject({ status: 409, messageKey: "admin:feedback.errors.alreadyDone" });
    await expect(markFeedbackDone(db(), admin.actor, 2_000_000_000, "")).rejects.toMatchObject({ status: 400, field: "feedbackId" });
    for (const role of ["member_lead", "requirements_manager", "management", "board"] as const) {
      const other = await createUser(db(), { roles: [role] });
      await expect(markFeedbackDone(db(), other.actor, open, "")).rejects.toMatchObject({ status: 403 });
      await expect(reopenFeedback(db(), other.actor, done)).rejects.toMatchObject({ status: 403 });
    }
    expect(await row(open)).toMatchObject({ handled: false, handled_at: null });
    expect(await auditOf(open)).toEqual([]);
    expect(await auditOf(done)).toEqual([]);
  });

  it("filters open and done, lists open ones first for all, and counts the open ones", async () => {
    const before = await countFeedback(db(), admin.actor);
    const older = await createFeedback(db(), { createdAt: "2026-01-01T10:00:00.000Z" });
    const newerDone = await createFeedback(db(), { handled: true });
    const open = (await listFeedback(db(), admin.actor, "open")).map((f) => f.id);
    const done = (await listFeedback(db(), admin.actor, "done")).map((f) => f.id);
    expect(open).toContain(older);
    expect(open).not.toContain(newerDone);
    expect(done).toContain(newerDone);
    const all = await listFeedback(db(), admin.actor, "all");
    const firstDone = all.findIndex((f) => f.handled);
    expect(all.slice(firstDone).every((f) => f.handled)).toBe(true);
    expect(await countFeedback(db(), admin.actor)).toEqual({ total: before.total + 2, open: before.open + 1 });
  });

  it("keeps the note within bounds and names a missing intent (schema)", () => {
    const tooLong = feedbackStatusSchema.safeParse({ intent: "done", feedbackId: 1, note: "x".repeat(FEEDBACK_NOTE_MAX + 1) });
    expect(tooLong.success ? [] : tooLong.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["note", "validation.tooLong?max=1000"]]);
    const noIntent = feedbackStatusSchema.safeParse({ feedbackId: 1 });
    expect(noIntent.success ? [] : noIntent.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["intent", "admin:feedback.errors.intent"]]);
  });

  describe("through the page's action", () => {
    const post = async (body: Record<string, string>) => postAction(db(), await import("../../app/routes/verwaltung.rueckmeldungen"), admin.id, "/verwaltung/rueckmeldungen?status=open", body);

    it("redirects back to the same filter with a toast", async () => {
      const id = await createFeedback(db());
      const reply = await post({ intent: "done", feedbackId: String(id), note: "Erledigt." });
      expect(reply.status).toBe(302);
      expect(reply.location).toBe("/verwaltung/rueckmeldungen?status=open");
      expect(await row(id)).toMatchObject({ handled: true, handled_note: "Erledigt." });
    });

    it("answers bad input with a message at the field (400) and changes nothing", async () => {
      const id = await createFeedback(db());
      const cases: [Record<string, string>, string, string][] = [
        [{ intent: "done", feedbackId: String(id), note: "x".repeat(FEEDBACK_NOTE_MAX + 1) }, "note", "validation.tooLong?max=1000"],
        [{ intent: "done", feedbackId: "2000000000" }, "feedbackId", "admin:feedback.errors.unknown"],
        [{ intent: "done", feedbackId: "abc" }, "feedbackId", "admin:feedback.errors.unknown"],
        [{ feedbackId: String(id) }, "intent", "admin:feedback.errors.intent"],
      ];
      for (const [body, field, message] of cases) {
        const reply = await post(body);
        expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(reply.error?.[field]).toEqual([message]);
      }
      expect(await row(id)).toMatchObject({ handled: false, handled_note: null });
      expect(await auditOf(id)).toEqual([]);
    });
  });
});
