import { describe, expect, it } from "vitest";
import { listTriageQueue, TRIAGE_PAGE_SIZE } from "#app/modules/requirements/queries.server";
import { startReview } from "#app/modules/requirements/requirements.server";
import { triageQuerySchema } from "#app/modules/requirements/schema";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

describe(`the inbox (Eingang) in pages (${dialectUnderTest})`, () => {
  it("counts all it holds and shows them oldest first, 50 to a page, without drafts", async () => {
    const town = await createUser(db(), { organisation: "Saarbrücken" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const filed: number[] = [];
    for (let i = 0; i < TRIAGE_PAGE_SIZE + 5; i++) filed.push(await fileRequirement(db(), town.actor, { title: `Eingang ${i}`, confidential: i % 10 === 0 }));
    await fileRequirement(db(), town.actor, { title: "Noch ein Entwurf", submit: false });

    const first = await listTriageQueue(db(), rm.actor, { page: 1 });
    expect(first).toMatchObject({ total: TRIAGE_PAGE_SIZE + 5, page: 1, pageSize: 50 });
    expect(first.items.map((r) => r.id)).toEqual(filed.slice(0, TRIAGE_PAGE_SIZE));

    const second = await listTriageQueue(db(), rm.actor, { page: 2 });
    expect(second.page).toBe(2);
    expect(second.items.map((r) => r.id)).toEqual(filed.slice(TRIAGE_PAGE_SIZE));

    // A page beyond the end (the inbox got shorter since the link was made) shows the last page.
    const beyond = await listTriageQueue(db(), rm.actor, { page: 9 });
    expect(beyond.page).toBe(2);
    expect(beyond.items.map((r) => r.id)).toEqual(second.items.map((r) => r.id));
  });

  it("reads the page from the address, anything unusable as the first page", () => {
    expect(triageQuerySchema.parse({ page: "2" }).page).toBe(2);
    for (const page of [undefined, "0", "-1", "zwei", "1.5"]) expect(triageQuerySchema.parse({ page }).page).toBe(1);
    // Filters the inbox cannot hold (a draft state, an unknown Themenfeld) are ignored, not an error.
    expect(triageQuerySchema.parse({ status: "draft", themenfeld: "<script>", organisationId: "x" })).toEqual({ page: 1 });
  });

  it("narrows by Themenfeld, state and organisation, and counts only what matches", async () => {
    const town = await createUser(db(), { organisation: "Perl" });
    const other = await createUser(db(), { organisation: "Mettlach" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const tax = await fileRequirement(db(), town.actor, { title: "Hundesteuer online", themenfeld: "Steuern & Zoll" });
    const building = await fileRequirement(db(), town.actor, { title: "Bauantrag digital", themenfeld: "Bauen & Wohnen" });
    const foreign = await fileRequirement(db(), other.actor, { title: "Gewerbesteuer digital", themenfeld: "Steuern & Zoll" });
    await startReview(db(), rm.actor, building);

    const ids = async (query: Parameters<typeof listTriageQueue>[2]) => {
      const result = await listTriageQueue(db(), rm.actor, query);
      expect(result.total).toBe(result.items.length);
      return result.items.map((r) => r.id).sort((a, b) => a - b);
    };
    expect(await ids({ organisationId: town.organisationId })).toEqual([tax, building].sort((a, b) => a - b));
    expect(await ids({ organisationId: other.organisationId })).toEqual([foreign]);
    expect(await ids({ organisationId: town.organisationId, themenfeld: "Steuern & Zoll" })).toEqual([tax]);
    expect(await ids({ organisationId: town.organisationId, status: "in_review" })).toEqual([building]);
    expect(await ids({ organisationId: other.organisationId, themenfeld: "Bauen & Wohnen" })).toEqual([]);
    const reviewed = await listTriageQueue(db(), rm.actor, { status: "in_review", themenfeld: "Bauen & Wohnen" });
    expect(reviewed.items.map((r) => r.id)).toContain(building);
    expect(reviewed.items.every((r) => r.status === "in_review" && r.themenfeld === "Bauen & Wohnen")).toBe(true);
  });
});
