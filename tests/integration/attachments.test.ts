import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { i18nConfig } from "#app/modules/i18n/config";
import { addAttachments, openAttachment, removeAttachment } from "#app/modules/requirements/attachments.server";
import { getRequirementDetail } from "#app/modules/requirements/queries.server";
import { MAX_ATTACHMENT_BYTES } from "#app/modules/requirements/filetype";
import { readToast } from "#app/utils/toast.server";
import * as uploadRoute from "#app/routes/anforderungen.$id.hochladen";
import * as newRoute from "#app/routes/anforderungen.neu";
import * as detailRoute from "#app/routes/anforderungen.$id._index";
import { postAction } from "#tests/factories/access";
import { createUser, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();
process.env.ATTACHMENTS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-att-"));
const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n");

describe(`attachments (${dialectUnderTest})`, () => {
  it("stores files under random names outside public/ and serves them only to those who may see the requirement", async () => {
    const a = await createUser(db(), { organisation: "Neunkirchen" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const mgmt = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const id = await fileRequirement(db(), a.actor, { confidential: true });
    await addAttachments(db(), a.actor, id, [{ name: "Konzept<script>.pdf", bytes: pdf }]);
    const [att] = (await getRequirementDetail(db(), a.actor, id)).attachments;
    expect(att.original_name).toBe("Konzept<script>.pdf");
    expect(att.mime_type).toBe("application/pdf");
    expect(att.id).not.toContain("Konzept");
    expect(fs.existsSync(path.join(process.env.ATTACHMENTS_DIR!, att.id))).toBe(true);
    expect(path.resolve(process.env.ATTACHMENTS_DIR!).startsWith(path.resolve("public"))).toBe(false);
    const file = await openAttachment(db(), mgmt.actor, id, att.id);
    file.stream.destroy();
    expect((await errorOf(openAttachment(db(), b.actor, id, att.id))).status).toBe(404);
  });

  it("refuses a wrong type by content and stores nothing of a mixed upload", async () => {
    const a = await createUser(db(), { organisation: "Ottweiler" });
    const id = await fileRequirement(db(), a.actor);
    const err = await errorOf(
      addAttachments(db(), a.actor, id, [
        { name: "ok.pdf", bytes: pdf },
        { name: "tarnung.pdf", bytes: new TextEncoder().encode("MZ\u0090 executable") },
      ]),
    );
    expect(err.messageKey).toBe("requirements:attachments.wrongType");
    expect(err.details?.values).toEqual({ name: "tarnung.pdf", context: "several" });
    expect((await getRequirementDetail(db(), a.actor, id)).attachments).toEqual([]);
  });

  it("names the refused file, empty, too large or of a wrong type, and stores none of the files sent with it", async () => {
    const a = await createUser(db(), { organisation: "Wadgassen" });
    const id = await fileRequirement(db(), a.actor);
    const empty = await errorOf(
      addAttachments(db(), a.actor, id, [
        { name: "konzept.pdf", bytes: pdf },
        { name: "leer.pdf", bytes: new Uint8Array(0) },
      ]),
    );
    expect(empty).toMatchObject({ status: 400, field: "files", messageKey: "requirements:attachments.empty", details: { values: { name: "leer.pdf", context: "several" } } });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(pdf);
    const tooLarge = await errorOf(addAttachments(db(), a.actor, id, [{ name: "scan\u0007.pdf", bytes: big }]));
    // Alone, the message needs no word about other files; the name is shown as it would be stored.
    expect(tooLarge).toMatchObject({ status: 400, messageKey: "requirements:attachments.tooLarge", details: { values: { name: "scan.pdf" } } });
    const wrongType = await errorOf(addAttachments(db(), a.actor, id, [{ name: "notiz.txt", bytes: new TextEncoder().encode("Notiz") }]));
    expect(wrongType).toMatchObject({ messageKey: "requirements:attachments.wrongType", details: { values: { name: "notiz.txt" } } });
    const detail = await getRequirementDetail(db(), a.actor, id);
    expect(detail.attachments).toEqual([]);
    expect(detail.events.filter((e) => e.kind === "attached")).toEqual([]);
  });

  it("answers an upload with an empty file among others by naming it at the file field, and stores none", async () => {
    const a = await createUser(db(), { organisation: "Großrosseln" });
    const id = await fileRequirement(db(), a.actor);
    const upload = async (files: { name: string; bytes: Uint8Array }[]) => {
      const body = new FormData();
      for (const f of files) body.append("files", new Blob([new Uint8Array(f.bytes)]), f.name);
      const request = await requestAs(db(), a.id, `/anforderungen/${id}/hochladen`, { method: "POST", body });
      const response = (await uploadRoute.action({ request, params: { id: String(id) }, context: {} })) as Response;
      const cookie = response.headers.get("Set-Cookie")?.split(";")[0] ?? "";
      return { location: response.headers.get("Location"), toast: (await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast };
    };
    // Before, the empty file was dropped without a word and the other one stored.
    const several = await upload([
      { name: "konzept.pdf", bytes: pdf },
      { name: "leer.pdf", bytes: new Uint8Array(0) },
    ]);
    expect(several.location).toBe(`/anforderungen/${id}#anhaenge`);
    expect(several.toast).toEqual({ type: "error", messageKey: "requirements:attachments.empty", values: { name: "leer.pdf", context: "several" }, field: "files" });
    // Alone, it was taken for no file at all („Bitte wählen Sie mindestens eine Datei aus“).
    const alone = await upload([{ name: "leer.pdf", bytes: new Uint8Array(0) }]);
    expect(alone.toast).toMatchObject({ messageKey: "requirements:attachments.empty", values: { name: "leer.pdf" } });
    expect((await getRequirementDetail(db(), a.actor, id)).attachments).toEqual([]);
    const i18n = i18next.createInstance();
    await i18n.init({ ...i18nConfig, lng: "de" });
    const t = i18n.getFixedT("de");
    expect(t(several.toast!.messageKey, several.toast!.values)).toBe("Die Datei „leer.pdf“ ist leer. Keine der ausgewählten Dateien wurde gespeichert.");
    expect(t(alone.toast!.messageKey, alone.toast!.values)).toBe("Die Datei „leer.pdf“ ist leer.");
  });

  it("refuses a first „Einreichen“ once for everything: the file, an empty field and the similar requirements together", async () => {
    const other = await createUser(db(), { organisation: "Neunkirchen" });
    const a = await createUser(db(), { organisation: "Quierschied" });
    const word = `Grabstellenverwaltung${Date.now().toString(36)}`;
    await fileRequirement(db(), other.actor, { title: `${word} mit Friedhofsplan`, problem: `Die ${word} läuft auf Karteikarten.` });
    const title = `${word} mit Friedhofsplan digital`;
    const body = new FormData();
    body.append("title", title);
    body.append("problem", `Die ${word} läuft über Karteikarten.`);
    body.append("desiredOutcome", "");
    body.append("themenfeld", "Bauen & Wohnen");
    body.append("benefit", "Auskünfte ohne Suchen.");
    body.append("urgency", "medium");
    body.append("intent", "submit");
    body.append("files", new Blob([pdf]), "plan.pdf");
    body.append("files", new Blob([new TextEncoder().encode("MZ kein Dokument")]), "tool.exe");
    const send = async (form: FormData) =>
      (await newRoute.action({ request: await requestAs(db(), a.id, "/anforderungen/neu", { method: "POST", body: form }), params: {}, context: {} })) as unknown as {
        data: { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> }; similar: { title: string }[] | null; fileErrorValues?: Record<string, string>; filesNotSaved?: string[] };
        init: ResponseInit | null;
      };
    const first = await send(body);
    expect(first.init?.status).toBe(400);
    expect(first.data.result.error?.files).toEqual(["requirements:attachments.wrongType"]);
    expect(first.data.fileErrorValues).toEqual({ name: "tool.exe", context: "several" });
    expect(first.data.result.error?.desiredOutcome?.length).toBeGreaterThan(0);
    expect(first.data.similar?.map((s) => s.title)).toContain(`${word} mit Friedhofsplan`);
    expect(first.data.filesNotSaved).toEqual(["plan.pdf", "tool.exe"]);
    expect(first.data.result.initialValue?.title).toBe(title);

    // Similar requirements alone: answered without an error status, nothing stored.
    const second = new FormData();
    for (const [k, v] of body.entries()) if (k !== "files") second.append(k, v);
    second.set("desiredOutcome", "Ein digitaler Friedhofsplan.");
    const refused = await send(second);
    expect(refused.data.result.error ?? {}).toEqual({});
    expect(refused.init?.status ?? 200).toBe(200);
    expect(refused.data.similar?.length).toBeGreaterThan(0);
    expect(await db().selectFrom("requirements").select("id").where("title", "=", title).execute()).toEqual([]);

    // Shown once, „Trotzdem einreichen“ goes through.
    second.set("similarChecked", "1");
    const accepted = (await newRoute.action({ request: await requestAs(db(), a.id, "/anforderungen/neu", { method: "POST", body: second }), params: {}, context: {} })) as Response;
    expect(accepted.status).toBe(302);
    expect(await db().selectFrom("requirements").select("id").where("title", "=", title).execute()).toHaveLength(1);
  });

  it("answers an 11 MB file like the other refused files: 400 with the message at the file field, typed text kept, nothing stored", async () => {
    const a = await createUser(db(), { organisation: "Quierschied" });
    // A PDF by its first bytes, one MB over the limit: only its size is refused.
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(pdf);
    const title = `Großer Scan ${Date.now()}`;
    const body = new FormData();
    body.append("title", title);
    body.append("problem", "Die Pläne liegen nur als große Scans vor.");
    body.append("desiredOutcome", "Die Scans sind beigefügt.");
    body.append("themenfeld", "Bauen & Wohnen");
    body.append("benefit", "Alle sehen dieselben Pläne.");
    body.append("intent", "save");
    body.append("files", new Blob([pdf]), "klein.pdf");
    body.append("files", new Blob([big]), "bauplan.pdf");
    const request = await requestAs(db(), a.id, "/anforderungen/neu", { method: "POST", body });
    const result = (await newRoute.action({ request, params: {}, context: {} })) as unknown as {
      data: { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> }; fileErrorValues?: Record<string, string> };
      init: ResponseInit | null;
    };
    // 413 made the browser's request fail („Seite nicht gefunden“, the form and its text gone).
    expect(result.init?.status).toBe(400);
    expect(result.data.result.error?.files).toEqual(["requirements:attachments.tooLarge"]);
    expect(result.data.fileErrorValues).toEqual({ name: "bauplan.pdf", context: "several" });
    expect(result.data.result.initialValue?.title).toBe(title);
    const stored = await db().selectFrom("requirements").select("id").where("title", "=", title).execute();
    expect(stored).toEqual([]);

    // The requirement page's upload answers the same file with the message at its file field.
    const id = await fileRequirement(db(), a.actor);
    const upload = new FormData();
    upload.append("files", new Blob([big]), "bauplan.pdf");
    const response = (await uploadRoute.action({ request: await requestAs(db(), a.id, `/anforderungen/${id}/hochladen`, { method: "POST", body: upload }), params: { id: String(id) }, context: {} })) as Response;
    expect(response.status).toBe(302);
    const cookie = response.headers.get("Set-Cookie")?.split(";")[0] ?? "";
    expect((await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toast).toEqual({
      type: "error",
      messageKey: "requirements:attachments.tooLarge",
      values: { name: "bauplan.pdf" },
      field: "files",
    });
    expect((await getRequirementDetail(db(), a.actor, id)).attachments).toEqual([]);
  });

  it("lets only the filing organisation upload", async () => {
    const a = await createUser(db(), { organisation: "Schiffweiler" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), a.actor);
    expect((await errorOf(addAttachments(db(), b.actor, id, [{ name: "x.pdf", bytes: pdf }]))).status).toBe(404);
  });
});

describe(`removing an attachment (${dialectUnderTest})`, () => {
  const dir = () => process.env.ATTACHMENTS_DIR!;
  /** A draft with one PDF; the attachment's id and its stored file. */
  async function draftWithFile(actor: Parameters<typeof addAttachments>[1], name = "Personalliste.pdf") {
    const id = await fileRequirement(db(), actor, { submit: false });
    await addAttachments(db(), actor, id, [{ name, bytes: pdf }]);
    const [att] = (await getRequirementDetail(db(), actor, id)).attachments;
    return { id, attachmentId: att.id, file: path.join(dir(), att.id) };
  }
  /** What a refusal must leave as it was: the requirement's attachments, its history, the stored file. */
  async function state(actor: Parameters<typeof addAttachments>[1], id: number, file: string) {
    const d = await getRequirementDetail(db(), actor, id);
    return { attachments: d.attachments.map((a) => a.id), events: d.events.map((e) => e.kind), file: fs.existsSync(file) };
  }
  const post = (userId: number, id: number, values: Record<string, string>) => postAction(db(), detailRoute, userId, `/anforderungen/${id}`, values, { id: String(id) });
  const removalAudit = (id: number) =>
    db().selectFrom("audit_log").select(["actor_user_id", "entity_type", "detail"]).where("action", "=", "requirement.attachment_removed").where("entity_id", "=", String(id)).execute();

  it("lets the filer remove an attachment from her draft: row and file gone, the history names the file", async () => {
    const a = await createUser(db(), { organisation: "Merzig" });
    const { id, attachmentId, file } = await draftWithFile(a.actor);
    expect(fs.existsSync(file)).toBe(true);
    const response = await post(a.id, id, { intent: "removeAttachment", attachmentId, confirm: "yes" });
    expect(response.status).toBe(302);
    expect(response.location).toBe(`/anforderungen/${id}#anhaenge`);
    const d = await getRequirementDetail(db(), a.actor, id);
    expect(d.attachments).toEqual([]);
    expect(await db().selectFrom("attachments").select("id").where("id", "=", attachmentId).execute()).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
    const removed = d.events.filter((e) => e.kind === "attachment_removed");
    expect(removed).toHaveLength(1);
    expect(removed[0].detail).toEqual({ name: "Personalliste.pdf" });
    // The append-only audit log has it too, naming the file.
    expect(await removalAudit(id)).toEqual([{ actor_user_id: a.id, entity_type: "requirement", detail: JSON.stringify({ file: "Personalliste.pdf" }) }]);
    const i18n = i18next.createInstance();
    await i18n.init({ ...i18nConfig, lng: "de" });
    expect(i18n.getFixedT("de")("requirements:timeline.attachment_removed", { name: "Personalliste.pdf", interpolation: { escapeValue: false } })).toBe("Anhang „Personalliste.pdf“ entfernt");
  });

  it("refuses a colleague of another organisation and the requirements team, and changes nothing", async () => {
    const a = await createUser(db(), { organisation: "Losheim am See" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const { id, attachmentId, file } = await draftWithFile(a.actor);
    const before = await state(a.actor, id, file);
    for (const u of [b, rm]) {
      expect((await errorOf(removeAttachment(db(), u.actor, id, attachmentId))).status).toBe(404);
      expect((await post(u.id, id, { intent: "removeAttachment", attachmentId, confirm: "yes" })).status).toBe(404);
    }
    expect(await state(a.actor, id, file)).toEqual(before);
    expect(before.file).toBe(true);
    // Submitted, the requirement is visible to others, who still may not take its files away.
    const submitted = await fileRequirement(db(), a.actor);
    await addAttachments(db(), a.actor, submitted, [{ name: "anlage.pdf", bytes: pdf }]);
    const [att] = (await getRequirementDetail(db(), a.actor, submitted)).attachments;
    expect((await errorOf(removeAttachment(db(), b.actor, submitted, att.id))).status).toBe(403);
    expect((await errorOf(removeAttachment(db(), rm.actor, submitted, att.id))).status).toBe(403);
    // Not even the filer, once it is no longer a draft: what was submitted stays as submitted.
    const err = await errorOf(removeAttachment(db(), a.actor, submitted, att.id));
    expect(err).toMatchObject({ status: 409, messageKey: "requirements:attachments.removeNotDraft" });
    expect((await getRequirementDetail(db(), a.actor, submitted)).attachments.map((x) => x.id)).toEqual([att.id]);
    expect(fs.existsSync(path.join(dir(), att.id))).toBe(true);
    expect([...(await removalAudit(id)), ...(await removalAudit(submitted))]).toEqual([]);
  });

  it("refuses an attachment id of another requirement, and changes neither", async () => {
    const a = await createUser(db(), { organisation: "Mettlach" });
    const mine = await draftWithFile(a.actor, "eigene.pdf");
    const other = await draftWithFile(a.actor, "andere.pdf");
    const before = [await state(a.actor, mine.id, mine.file), await state(a.actor, other.id, other.file)];
    expect((await errorOf(removeAttachment(db(), a.actor, mine.id, other.attachmentId))).status).toBe(404);
    expect((await post(a.id, mine.id, { intent: "removeAttachment", attachmentId: other.attachmentId, confirm: "yes" })).status).toBe(404);
    expect([await state(a.actor, mine.id, mine.file), await state(a.actor, other.id, other.file)]).toEqual(before);
  });

  it("without confirm=yes asks first and changes nothing", async () => {
    const a = await createUser(db(), { organisation: "Perl" });
    const { id, attachmentId, file } = await draftWithFile(a.actor);
    const before = await state(a.actor, id, file);
    for (const confirm of [undefined, ""]) {
      const response = await post(a.id, id, { intent: "removeAttachment", attachmentId, ...(confirm === undefined ? {} : { confirm }) });
      expect(response.status).toBe(400);
      expect(response.error?.confirm).toEqual(["validation.confirmRequired"]);
    }
    expect(await state(a.actor, id, file)).toEqual(before);
    expect(before.file).toBe(true);
  });
});
