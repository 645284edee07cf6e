import { describe, expect, it } from "vitest";
import * as candidatePage from "#app/routes/kandidaten.$id";
import { createCandidate, getCandidateDetail, removeRequirementFromCandidate } from "#app/modules/bundling/candidates.server";
import { readToast } from "#app/utils/toast.server";
import { postAction } from "#tests/factories/access";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

describe(`„Entfernen“ from a stale candidate page (${dialectUnderTest})`, () => {
  it("says the candidate changed meanwhile when another tab removed the requirement already, and the page is read again", async () => {
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const filer = await createUser(db(), { organisation: "Homburg" });
    const ids = [];
    for (const title of ["Hundesteuer online", "Hundesteuer digital", "Hundesteuer im Portal"]) ids.push(await fileRequirement(db(), filer.actor, { title }));
    const { id } = await createCandidate(db(), rm.actor, { requirementIds: ids, title: "Hundesteuer" });
    // The first tab removes it; the second, still showing it, removes it again.
    await removeRequirementFromCandidate(db(), rm.actor, id, ids[0]);
    const reply = await postAction(db(), candidatePage, rm.id, `/kandidaten/${id}`, { intent: "remove", requirementId: String(ids[0]), confirm: "yes" }, { id: String(id) });
    // Back to the page, read afresh, with the message as a notice.
    expect(reply.status).toBe(302);
    expect(reply.location).toBe(`/kandidaten/${id}#anforderungen`);
    const cookie = reply.headers.get("Set-Cookie")!.split(";")[0];
    const { toast } = await readToast(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    expect(toast).toMatchObject({ type: "error", messageKey: "bundling:errors.removeStale" });
    expect((await getCandidateDetail(db(), rm.actor, id)).requirements.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids.slice(1));
    expect(await errorOf(removeRequirementFromCandidate(db(), rm.actor, id, ids[0]))).toMatchObject({ status: 409, messageKey: "bundling:errors.removeStale" });
  });
});
