import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addAttachments, openAttachment } from "#app/modules/requirements/attachments.server";
import { getRequirementDetail } from "#app/modules/requirements/queries.server";
import { AppError } from "#app/utils/errors.server";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();
process.env.ATTACHMENTS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-att-"));
const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n");

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

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
    expect((await getRequirementDetail(db(), a.actor, id)).attachments).toEqual([]);
  });

  it("lets only the filing organisation upload", async () => {
    const a = await createUser(db(), { organisation: "Schiffweiler" });
    const b = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), a.actor);
    expect((await errorOf(addAttachments(db(), b.actor, id, [{ name: "x.pdf", bytes: pdf }]))).status).toBe(404);
  });
});
