import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { createCandidate, getCandidateDetail } from "#app/modules/bundling/candidates.server";
import { getRequirementDetail } from "#app/modules/requirements/queries.server";
import { cosignRequirement } from "#app/modules/requirements/requirements.server";
import type { QuantityUnit } from "#app/modules/requirements/schema";
import { exportPersonalData } from "#app/modules/users/account.server";
import * as requirementPage from "#app/routes/anforderungen.$id._index";
import { migrateToLatest } from "#db/client.server";
import { migrationProvider } from "#db/migrations/index";
import { changedTables, dbFingerprint, postAction } from "#tests/factories/access";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { errorOf } from "#tests/helpers/errors";

const { db } = setupTestDatabase();

async function stored(requirementId: number) {
  return db().selectFrom("endorsements").select(["quantity", "quantity_unit", "comment"]).where("requirement_id", "=", requirementId).orderBy("id").execute();
}

describe(`what a co-signature's quantity counts (${dialectUnderTest})`, () => {
  it("stores the unit with the quantity, and no unit without a quantity", async () => {
    const author = await createUser(db(), { organisation: "Saarbrücken" });
    const homburg = await createUser(db(), { organisation: "Homburg" });
    const kirkel = await createUser(db(), { organisation: "Kirkel" });
    const id = await fileRequirement(db(), author.actor, { title: "E-Akte Bauamt" });
    await cosignRequirement(db(), homburg.actor, id, { quantity: 1500, quantityUnit: "workplaces", comment: "Zwei Ämter" });
    await cosignRequirement(db(), kirkel.actor, id, {});
    expect(await stored(id)).toEqual([
      { quantity: 1500, quantity_unit: "workplaces", comment: "Zwei Ämter" },
      { quantity: null, quantity_unit: null, comment: null },
    ]);
    const detail = await getRequirementDetail(db(), author.actor, id);
    expect(detail.endorsements.map((e) => [e.organisationName, e.quantity, e.quantityUnit])).toEqual([
      ["Homburg", 1500, "workplaces"],
      ["Kirkel", null, null],
    ]);
    // The person's data export names the unit beside the number.
    const exported = await exportPersonalData(db(), homburg.id);
    expect(exported.endorsements).toMatchObject([{ requirement_id: id, quantity: 1500, quantity_unit: "workplaces", comment: "Zwei Ämter" }]);
  });

  it("refuses a quantity without unit, a unit without quantity and a unit it does not know, changing nothing", async () => {
    const author = await createUser(db(), { organisation: "Saarbrücken" });
    const homburg = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), author.actor, { title: "Wohngeld digital" });
    const refusals: [{ quantity?: number; quantityUnit?: QuantityUnit }, string, string][] = [
      [{ quantity: 1500 }, "quantityUnit", "requirements:validation.quantityUnit"],
      [{ quantityUnit: "cases_per_year" }, "quantity", "requirements:validation.quantityForUnit"],
      [{ quantity: 3, quantityUnit: "hectares" as QuantityUnit }, "quantityUnit", "requirements:validation.quantityUnit"],
    ];
    for (const [input, field, messageKey] of refusals) {
      const before = await dbFingerprint(db());
      const error = await errorOf(cosignRequirement(db(), homburg.actor, id, { ...input, comment: "Bitte nicht speichern" }));
      expect({ status: error.status, field: error.field, messageKey: error.messageKey }).toEqual({ status: 400, field, messageKey });
      expect(changedTables(before, await dbFingerprint(db())), JSON.stringify(input)).toEqual([]);
    }
    expect(await stored(id)).toEqual([]);
  });

  it("the co-sign form: a refusal stands at its field and stores nothing; a complete form stores the unit", async () => {
    const author = await createUser(db(), { organisation: "Saarbrücken" });
    const homburg = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), author.actor, { title: "Sperrmüll online" });
    const url = `/anforderungen/${id}`;
    const params = { id: String(id) };
    const refusals: [Record<string, string | string[]>, Record<string, string[]>][] = [
      [{ quantity: "1.500" }, { quantityUnit: ["requirements:validation.quantityUnit"] }],
      [{ quantity: "1.500", quantityUnit: "" }, { quantityUnit: ["requirements:validation.quantityUnit"] }],
      [{ quantity: "", quantityUnit: "workplaces" }, { quantity: ["requirements:validation.quantityForUnit"] }],
      [{ quantity: "12", quantityUnit: "Hektar" }, { quantityUnit: ["requirements:validation.quantityUnit"] }],
      [{ quantity: "12", quantityUnit: ["workplaces", "cases_per_year"] }, { quantityUnit: ["requirements:validation.quantityUnit"] }],
    ];
    for (const [values, errors] of refusals) {
      const before = await dbFingerprint(db());
      const reply = await postAction(db(), requirementPage, homburg.id, url, { intent: "cosign", comment: "Nicht speichern", ...values }, params);
      expect({ status: reply.status, error: reply.error }, JSON.stringify(values)).toEqual({ status: 400, error: errors });
      expect(changedTables(before, await dbFingerprint(db())), JSON.stringify(values)).toEqual([]);
    }
    const reply = await postAction(db(), requirementPage, homburg.id, url, { intent: "cosign", quantity: "1.500", quantityUnit: "cases_per_year", comment: "" }, params);
    expect(reply.status).toBe(302);
    expect(await stored(id)).toEqual([{ quantity: 1500, quantity_unit: "cases_per_year", comment: null }]);
  });

  it("the candidate page lists each co-signer's quantity with its unit", async () => {
    const author = await createUser(db(), { organisation: "Saarbrücken" });
    const homburg = await createUser(db(), { organisation: "Homburg" });
    const kirkel = await createUser(db(), { organisation: "Kirkel" });
    const bexbach = await createUser(db(), { organisation: "Bexbach" });
    const rm = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    const id = await fileRequirement(db(), author.actor, { title: "Friedhofsverwaltung digital" });
    await cosignRequirement(db(), homburg.actor, id, { quantity: 140, quantityUnit: "cases_per_year" });
    await cosignRequirement(db(), kirkel.actor, id, { quantity: 2, quantityUnit: "workplaces" });
    await cosignRequirement(db(), bexbach.actor, id, {});
    const { id: candidateId } = await createCandidate(db(), rm.actor, { requirementIds: [id], title: "Friedhöfe", summary: "" });
    const detail = await getCandidateDetail(db(), rm.actor, candidateId);
    expect(detail.requirements.find((r) => r.id === id)?.cosigners).toEqual([
      { organisationName: "Bexbach", quantity: null, quantityUnit: null },
      { organisationName: "Homburg", quantity: 140, quantityUnit: "cases_per_year" },
      { organisationName: "Kirkel", quantity: 2, quantityUnit: "workplaces" },
    ]);
  });

  // Last in this file: it takes the database back before the migration and forward again.
  it("the migration keeps co-signatures given before without a unit („Einheit nicht angegeben“)", async () => {
    const author = await createUser(db(), { organisation: "Saarbrücken" });
    const homburg = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), author.actor, { title: "Altbestand" });
    await cosignRequirement(db(), homburg.actor, id, { quantity: 1500, quantityUnit: "workplaces" });
    const migrator = new Migrator({ db: db(), provider: migrationProvider });
    const down = await migrator.migrateTo("2026_12_06_1600_add_team_name_key");
    expect(down.error).toBeUndefined();
    expect((await db().introspection.getTables()).find((t) => t.name === "endorsements")?.columns.map((c) => c.name)).not.toContain("quantity_unit");
    await migrateToLatest(db());
    expect(await stored(id)).toEqual([{ quantity: 1500, quantity_unit: null, comment: null }]);
  });
});
