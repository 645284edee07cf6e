import { describe, expect, it } from "vitest";
import { markDuplicate, previewDuplicateTarget, rejectRequirement, withdrawRequirement } from "#app/modules/requirements/requirements.server";
import * as detailRoute from "#app/routes/anforderungen.$id._index";
import { messageWithValues } from "#app/utils/messages";
import { dbFingerprint, postAction } from "#tests/factories/access";
import { createUser, organisationId } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

const missing = (id: number) => messageWithValues("requirements:errors.targetMissing", { id });

/** The preview's refusal and markDuplicate's must be the same message at the same field. */
async function refusedAlike(actor: Parameters<typeof markDuplicate>[1], id: number, targetId: number) {
  const preview = await previewDuplicateTarget(db(), actor, id, targetId);
  const error = await errorOf(markDuplicate(db(), actor, id, targetId, "Gleicher Bedarf"));
  expect(error.field).toBe("targetId");
  expect(preview).toEqual({ ok: false, message: error.messageKey });
  return error.messageKey;
}

describe(`the duplicate form's preview of the typed number (${dialectUnderTest})`, () => {
  it("names a visible target with its organisation and status", async () => {
    const town = await createUser(db(), { organisation: "Homburg" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const target = await fileRequirement(db(), town.actor, { title: "Sperrmüll online anmelden" });
    const dup = await fileRequirement(db(), town.actor, { title: "Sperrmüllanmeldung digital" });
    const confidential = await fileRequirement(db(), town.actor, { title: "Vertraulicher Bedarf", confidential: true });
    expect(await previewDuplicateTarget(db(), rm.actor, dup, target)).toEqual({
      ok: true,
      target: { id: target, title: "Sperrmüll online anmelden", organisationName: "Homburg", status: "submitted" },
    });
    // The requirements team sees confidential requirements anyway (read:confidential).
    expect(await previewDuplicateTarget(db(), rm.actor, dup, confidential)).toMatchObject({ ok: true, target: { title: "Vertraulicher Bedarf" } });
  });

  it("reads a number the person may not see exactly like one that does not exist", async () => {
    const town = await createUser(db(), { organisation: "Homburg" });
    const releasing = await createUser(db(), { organisation: "Saarlouis" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const dup = await fileRequirement(db(), town.actor, { title: "Sperrmüllanmeldung digital" });
    const otherDraft = await fileRequirement(db(), town.actor, { title: "Geheimer Entwurf aus Homburg", submit: false });
    await db().updateTable("organisations").set({ requires_release: 1 }).where("id", "=", await organisationId(db(), "Saarlouis")).execute();
    const unreleased = await fileRequirement(db(), releasing.actor, { title: "Noch nicht freigegeben" });
    const nowhere = 987_654;

    for (const hidden of [otherDraft, unreleased, nowhere]) {
      const message = await refusedAlike(rm.actor, dup, hidden);
      expect(message).toBe(missing(hidden));
      expect(message).not.toContain("Geheimer");
      expect(message).not.toContain("freigegeben");
    }
  });

  it("refuses the requirement itself and targets that cannot take a duplicate, saying why", async () => {
    const town = await createUser(db(), { organisation: "Homburg" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const dup = await fileRequirement(db(), town.actor, { title: "Sperrmüllanmeldung digital" });
    const colleague = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle" });
    const own = await fileRequirement(db(), colleague.actor, { title: "Entwurf der Geschäftsstelle", submit: false });
    const withdrawn = await fileRequirement(db(), town.actor, { title: "Zurückgezogen" });
    await withdrawRequirement(db(), town.actor, withdrawn, "Erledigt sich");
    const rejected = await fileRequirement(db(), town.actor, { title: "Abgelehnt" });
    await rejectRequirement(db(), rm.actor, rejected, "Nicht zuständig");
    const original = await fileRequirement(db(), town.actor, { title: "Original" });
    const merged = await fileRequirement(db(), town.actor, { title: "Schon eine Dublette" });
    await markDuplicate(db(), rm.actor, merged, original, "Gleicher Bedarf");

    expect(await refusedAlike(rm.actor, dup, dup)).toBe("requirements:errors.duplicateOfSelf");
    // The team's own draft is visible to it, so it is named as a draft rather than as unknown.
    expect(await refusedAlike(rm.actor, dup, own)).toBe(
      messageWithValues("requirements:errors.targetClosed", { id: own, title: "Entwurf der Geschäftsstelle", context: "draft" }),
    );
    expect(await refusedAlike(rm.actor, dup, withdrawn)).toBe(messageWithValues("requirements:errors.targetClosed", { id: withdrawn, title: "Zurückgezogen", context: "withdrawn" }));
    expect(await refusedAlike(rm.actor, dup, rejected)).toBe(messageWithValues("requirements:errors.targetClosed", { id: rejected, title: "Abgelehnt", context: "rejected" }));
    expect(await refusedAlike(rm.actor, dup, merged)).toBe(
      messageWithValues("requirements:errors.targetClosed", { id: merged, title: "Schon eine Dublette", context: "merged", of: original }),
    );
  });

  it("is only for the requirements team, and only from a requirement it can see", async () => {
    const town = await createUser(db(), { organisation: "Homburg" });
    const other = await createUser(db(), { organisation: "Saarbrücken" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const target = await fileRequirement(db(), town.actor, { title: "Sperrmüll online anmelden" });
    const dup = await fileRequirement(db(), town.actor, { title: "Sperrmüllanmeldung digital" });
    const hiddenDraft = await fileRequirement(db(), town.actor, { title: "Entwurf", submit: false });
    expect((await errorOf(previewDuplicateTarget(db(), other.actor, dup, target))).status).toBe(403);
    expect((await errorOf(previewDuplicateTarget(db(), rm.actor, hiddenDraft, target))).status).toBe(404);
  });
});

describe(`„Als Dublette markieren“ merges only into the number the form showed (${dialectUnderTest})`, () => {
  const post = (userId: number, id: number, values: Record<string, string>) => postAction(db(), detailRoute, userId, `/anforderungen/${id}`, values, { id: String(id) });
  const statusOf = async (id: number) => (await db().selectFrom("requirements").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

  it("answers a number not shown yet with its preview at the field and changes nothing; „Bestätigen“ again merges", async () => {
    const town = await createUser(db(), { organisation: "Homburg" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const target = await fileRequirement(db(), town.actor, { title: "Sperrmüll online anmelden" });
    const dup = await fileRequirement(db(), town.actor, { title: "Sperrmüllanmeldung digital" });
    const other = await fileRequirement(db(), town.actor, { title: "Grünschnitt online anmelden" });
    const values = { intent: "merge", targetId: String(target), reason: "Gleicher Bedarf" };

    const before = await dbFingerprint(db());
    // Sent before the preview came, without JavaScript, or with the preview of another number.
    for (const shownTarget of [undefined, "", String(other), "abc"]) {
      const reply = await post(rm.id, dup, shownTarget === undefined ? values : { ...values, shownTarget });
      expect(reply.status, String(shownTarget)).toBe(400);
      expect(reply.error?.targetId).toEqual(["requirements:detail.mergeCheck"]);
      expect(reply.details).toEqual({ preview: { ok: true, target: { id: target, title: "Sperrmüll online anmelden", organisationName: "Homburg", status: "submitted" } } });
    }
    expect(await dbFingerprint(db())).toEqual(before);

    // A number that cannot take the duplicate is refused as before, whatever the form says it showed.
    const refused = await post(rm.id, dup, { ...values, targetId: String(dup), shownTarget: String(dup) });
    expect([refused.status, refused.error?.targetId]).toEqual([400, ["requirements:errors.duplicateOfSelf"]]);
    expect(await dbFingerprint(db())).toEqual(before);

    const merged = await post(rm.id, dup, { ...values, shownTarget: String(target) });
    expect(merged.status).toBe(302);
    expect(await statusOf(dup)).toBe("merged");
  });

  it("says a requirement that can no longer be merged is in the wrong status, not „please check“", async () => {
    const town = await createUser(db(), { organisation: "Homburg" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const target = await fileRequirement(db(), town.actor);
    const dup = await fileRequirement(db(), town.actor);
    await rejectRequirement(db(), rm.actor, dup, "Kein Bedarf mehr.");
    const reply = await post(rm.id, dup, { intent: "merge", targetId: String(target), reason: "Gleicher Bedarf" });
    expect([reply.status, reply.error?.[""]]).toEqual([409, ["requirements:errors.wrongStatus"]]);
    expect(await statusOf(dup)).toBe("rejected");
  });
});
