import fs from "node:fs";
import path from "node:path";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { now, type DB, type DbOrTx } from "#db/client.server";
import { recordAudit } from "#app/modules/audit/audit.server";
import { can, type Actor } from "#app/modules/auth/permissions";
import { AppError, forbidden, notFound } from "#app/utils/errors.server";
import { detectFileType, fileRefusalKey } from "./filetype";
import { findVisibleRequirement } from "./queries.server";

/** Attachments live outside public/, under random names; only the authorised route serves them. */
export function attachmentsDir(): string {
  const dir = path.resolve(process.env.ATTACHMENTS_DIR ?? "data/attachments");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** A file's name as stored and shown: no folders, no control characters, at most 200 characters. */
export function attachmentName(fileName: string): string {
  return (
    Array.from(path.basename(fileName))
      .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
      .join("")
      .slice(0, 200) || "datei"
  );
}

/**
 * What the message about a refused file names: the file, and, when it came with others, that none of
 * them was stored either (the message's "several" form).
 */
export function refusalValues(fileName: string, fileCount: number): { name: string; context?: "several" } {
  const name = attachmentName(fileName);
  return fileCount > 1 ? { name, context: "several" } : { name };
}

/** Why one file would be refused (size, empty, type by content), or null. */
function refusalKeyOf(f: UploadedFile): string | null {
  return fileRefusalKey(f.bytes.byteLength, f.bytes.subarray(0, 16), f.name);
}

/**
 * The refusal for these files, naming the first refused one, or null when all may be stored: the
 * check of checkUploads as a value, for a form that gathers every problem into one answer.
 */
export function uploadRefusal(files: UploadedFile[]): { key: string; values: ReturnType<typeof refusalValues> } | null {
  for (const f of files) {
    const key = refusalKeyOf(f);
    if (key) return { key, values: refusalValues(f.name, files.length) };
  }
  return null;
}

/** Checks size and type (by content) of every file; throws, naming the first refused file, before anything is stored. */
export function checkUploads(files: UploadedFile[]) {
  const refusal = uploadRefusal(files);
  if (refusal) throw new AppError("invalid", 400, refusal.key, "files", { details: { values: refusal.values } });
  return files.map((f) => ({ ...f, name: attachmentName(f.name), type: detectFileType(f.bytes.subarray(0, 16), f.name)! }));
}

/** The requirement's history entry for attachments added or removed. */
async function addAttachmentEvent(trx: DbOrTx, actor: Actor, requirementId: number, kind: "attached" | "attachment_removed", detail: object) {
  await trx
    .insertInto("requirement_events")
    .values({
      requirement_id: requirementId,
      at: now(),
      actor_user_id: actor.userId,
      kind,
      from_status: null,
      to_status: null,
      reason: null,
      detail: JSON.stringify(detail),
    })
    .execute();
}

/** Stores checked files for a requirement of the actor's organisation; one bad file stores none. */
export async function addAttachments(db: DB, actor: Actor, requirementId: number, files: UploadedFile[]) {
  const r = await findVisibleRequirement(db, actor, requirementId);
  if (!can(actor, "edit:requirement", { organisationId: r.organisation_id })) throw notFound();
  if (["withdrawn", "merged", "rejected", "done"].includes(r.status)) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
  const checked = checkUploads(files);
  const dir = attachmentsDir();
  const written: string[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const f of checked) {
        const id = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
        await fs.promises.writeFile(path.join(dir, id), f.bytes, { flag: "wx" });
        written.push(id);
        await trx
          .insertInto("attachments")
          .values({
            id,
            requirement_id: requirementId,
            uploaded_by: actor.userId,
            original_name: f.name,
            mime_type: f.type.mime,
            size_bytes: f.bytes.byteLength,
            created_at: now(),
          })
          .execute();
      }
      await addAttachmentEvent(trx, actor, requirementId, "attached", { files: checked.map((f) => f.name) });
    });
  } catch (error) {
    for (const id of written) fs.rmSync(path.join(dir, id), { force: true });
    throw error;
  }
}

export async function openAttachment(db: DB, actor: Actor, requirementId: number, attachmentId: string) {
  await findVisibleRequirement(db, actor, requirementId);
  const a = await db
    .selectFrom("attachments")
    .selectAll()
    .where("id", "=", attachmentId)
    .where("requirement_id", "=", requirementId)
    .executeTakeFirst();
  if (!a) throw notFound();
  const file = path.join(attachmentsDir(), a.id);
  if (!fs.existsSync(file)) throw notFound();
  return { ...a, stream: fs.createReadStream(file) };
}

/**
 * Removes one attachment from a draft, for those who may edit it (a file uploaded by mistake must not
 * stay for good): row and history entry in one transaction, the stored file only after the commit.
 */
export async function removeAttachment(db: DB, actor: Actor, requirementId: number, attachmentId: string) {
  const r = await findVisibleRequirement(db, actor, requirementId);
  if (!can(actor, "edit:requirement", { organisationId: r.organisation_id })) throw forbidden();
  const a = await db
    .selectFrom("attachments")
    .select(["id", "original_name"])
    .where("id", "=", attachmentId)
    .where("requirement_id", "=", requirementId)
    .executeTakeFirst();
  if (!a) throw notFound();
  if (r.status !== "draft") throw new AppError("conflict", 409, "requirements:attachments.removeNotDraft");
  await db.transaction().execute(async (trx) => {
    // Only while it is still a draft: submitted in between, its attachments stay as submitted.
    const res = await trx
      .deleteFrom("attachments")
      .where("id", "=", a.id)
      .where("requirement_id", "=", requirementId)
      .where((eb) => eb.exists(eb.selectFrom("requirements").select("id").where("id", "=", requirementId).where("status", "=", "draft")))
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new AppError("conflict", 409, "requirements:errors.wrongStatus");
    await addAttachmentEvent(trx, actor, requirementId, "attachment_removed", { name: a.original_name });
    await recordAudit(trx, { actorUserId: actor.userId, action: "requirement.attachment_removed", entityType: "requirement", entityId: requirementId, detail: { file: a.original_name } });
  });
  removeStoredFiles([a.id]);
  return { name: a.original_name };
}

/**
 * Deletes attachments' stored files once their rows are gone (committed). A file left behind (e.g. a
 * disk error) is logged; it must not turn a done removal into an error page.
 */
export function removeStoredFiles(ids: readonly string[]) {
  for (const id of ids) {
    try {
      fs.rmSync(path.join(attachmentsDir(), id), { force: true });
    } catch (error) {
      console.error("Anhangsdatei konnte nicht gelöscht werden:", id, error);
    }
  }
}
