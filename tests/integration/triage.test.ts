import { describe, expect, it } from "vitest";
import { listTriageQueue, TRIAGE_PAGE_SIZE } from "#app/modules/requirements/queries.server";
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

    const first = await listTriageQueue(db(), rm.actor, 1);
    expect(first).toMatchObject({ total: TRIAGE_PAGE_SIZE + 5, page: 1, pageSize: 50 });
    expect(first.items.map((r) => r.id)).toEqual(filed.slice(0, TRIAGE_PAGE_SIZE));

    const second = await listTriageQueue(db(), rm.actor, 2);
    expect(second.page).toBe(2);
    expect(second.items.map((r) => r.id)).toEqual(filed.slice(TRIAGE_PAGE_SIZE));

    // A page beyond the end (the inbox got shorter since the link was made) shows the last page.
    const beyond = await listTriageQueue(db(), rm.actor, 9);
    expect(beyond.page).toBe(2);
    expect(beyond.items.map((r) => r.id)).toEqual(second.items.map((r) => r.id));
  });

  it("reads the page from the address, anything unusable as the first page", () => {
    expect(triageQuerySchema.parse({ page: "2" }).page).toBe(2);
    for (const page of [undefined, "0", "-1", "zwei", "1.5"]) expect(triageQuerySchema.parse({ page }).page).toBe(1);
  });
});
