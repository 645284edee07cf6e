import { describe, expect, it } from "vitest";
import { cacheWhileUnchanged, createDb } from "#db/client.server";
import { getDashboard } from "#app/modules/projects/dashboard.server";
import { listRequirements } from "#app/modules/requirements/queries.server";
import { cosignRequirement, withdrawCosignature } from "#app/modules/requirements/requirements.server";
import { listFilterSchema } from "#app/modules/requirements/schema";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();
const noFilter = listFilterSchema.parse({});

describe(`counts stay true while cached (${dialectUnderTest})`, () => {
  it("the list's total follows every new requirement, of this connection and of another process's", async () => {
    const u = await createUser(db(), { organisation: "Merzig" });
    const before = (await listRequirements(db(), u.actor, noFilter, "own")).total;
    expect((await listRequirements(db(), u.actor, noFilter, "own")).total).toBe(before);
    await fileRequirement(db(), u.actor, { title: "Zählung eins" });
    expect((await listRequirements(db(), u.actor, noFilter, "own")).total).toBe(before + 1);
    // A second connection stands for another worker process of the same server.
    const other = createDb(process.env.DATABASE_URL);
    try {
      await fileRequirement(other, u.actor, { title: "Zählung zwei" });
    } finally {
      await other.destroy();
    }
    expect((await listRequirements(db(), u.actor, noFilter, "own")).total).toBe(before + 2);
  });

  it("does not share a count between organisations, confidentiality or filters", async () => {
    const a = await createUser(db(), { organisation: "Beckingen" });
    const b = await createUser(db(), { organisation: "Losheim am See" });
    const staff = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["requirements_manager"] });
    await fileRequirement(db(), a.actor, { title: "Vertraulich in Beckingen", confidential: true });
    await fileRequirement(db(), a.actor, { title: "Offen in Beckingen", themenfeld: "Bildung" });
    const totalFor = async (actor: typeof a.actor, filter = noFilter) => (await listRequirements(db(), actor, filter, "all")).total;
    const ofA = await totalFor(a.actor);
    const ofB = await totalFor(b.actor);
    const ofStaff = await totalFor(staff.actor);
    // Beckingen sees its own confidential requirement; Losheim does not; the association's staff do.
    expect(ofA).toBe(ofB + 1);
    expect(ofStaff).toBe(ofA);
    const school = listFilterSchema.parse({ themenfeld: "Bildung" });
    expect(await totalFor(b.actor, school)).toBe(1);
    expect(await totalFor(b.actor, listFilterSchema.parse({ organisationId: a.actor.organisationId }))).toBe(1);
    // Order and page do not change the count.
    expect(await totalFor(b.actor, listFilterSchema.parse({ sort: "title", page: "3" }))).toBe(ofB);
  });

  it("the dashboard's figures per organisation follow new requirements and co-signatures", async () => {
    const filer = await createUser(db(), { organisation: "Wadern" });
    const cosigner = await createUser(db(), { organisation: "Nonnweiler" });
    const mgmt = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const row = async (name: string) => (await getDashboard(db(), mgmt.actor)).organisations.find((o) => o.organisation === name) ?? { filed: 0, cosigned: 0 };
    const before = { wadern: await row("Wadern"), nonnweiler: await row("Nonnweiler") };
    const id = await fileRequirement(db(), filer.actor, { title: "Für das Cockpit" });
    expect((await row("Wadern")).filed).toBe(before.wadern.filed + 1);
    await cosignRequirement(db(), cosigner.actor, id, {});
    expect((await row("Nonnweiler")).cosigned).toBe(before.nonnweiler.cosigned + 1);
    await withdrawCosignature(db(), cosigner.actor, id);
    expect((await row("Nonnweiler")).cosigned).toBe(before.nonnweiler.cosigned);
  });

  it.runIf(dialectUnderTest === "sqlite")("computes once until requirements or organisations change, always inside a transaction", async () => {
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cacheWhileUnchanged(db(), "test.a", compute)).toBe(1);
    expect(await cacheWhileUnchanged(db(), "test.a", compute)).toBe(1);
    expect(await cacheWhileUnchanged(db(), "test.b", compute)).toBe(2);
    // Users, sessions and the like change all the time and do not matter to the cached counts.
    const u = await createUser(db(), { organisation: "Mettlach" });
    expect(await cacheWhileUnchanged(db(), "test.a", compute)).toBe(1);
    const id = await fileRequirement(db(), u.actor, { title: "Ändert die Zählung" });
    expect(await cacheWhileUnchanged(db(), "test.a", compute)).toBe(3);
    await db().updateTable("organisations").set({ name: "Mettlach (Saar)" }).where("name", "=", "Mettlach").execute();
    expect(await cacheWhileUnchanged(db(), "test.a", compute)).toBe(4);
    await db().deleteFrom("requirements").where("id", "=", id).execute();
    expect(await cacheWhileUnchanged(db(), "test.a", compute)).toBe(5);
    // Concurrent callers share one computation.
    const shared = await Promise.all([cacheWhileUnchanged(db(), "test.c", compute), cacheWhileUnchanged(db(), "test.c", compute)]);
    expect(shared).toEqual([6, 6]);
    await db().transaction().execute(async (tx) => {
      expect(await cacheWhileUnchanged(tx, "test.a", compute)).toBe(7);
      expect(await cacheWhileUnchanged(tx, "test.a", compute)).toBe(8);
    });
    // A failed computation is not remembered.
    await expect(cacheWhileUnchanged(db(), "test.d", async () => Promise.reject(new Error("kaputt")))).rejects.toThrow("kaputt");
    expect(await cacheWhileUnchanged(db(), "test.d", compute)).toBe(9);
    // Another connection's change counts too (another worker process of the same server).
    const other = createDb(process.env.DATABASE_URL);
    try {
      await other.updateTable("organisations").set({ name: "Mettlach" }).where("name", "=", "Mettlach (Saar)").execute();
    } finally {
      await other.destroy();
    }
    expect(await cacheWhileUnchanged(db(), "test.d", compute)).toBe(10);
    // Asked while another request's transaction holds the connection: computed after it, not cached
    // under a label that its rollback would take back.
    let release: (() => void) | undefined;
    const held = db()
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable("organisations").set({ name: "Vorübergehend" }).where("name", "=", "Mettlach").execute();
        await new Promise<void>((r) => (release = r));
        throw new Error("zurück");
      })
      .catch(() => undefined);
    // Wait until the transaction holds the connection with its change made.
    while (!release) await new Promise((r) => setImmediate(r));
    const during = cacheWhileUnchanged(db(), "test.d", async () => (await db().selectFrom("organisations").select("name").where("name", "=", "Mettlach").executeTakeFirst())?.name ?? "weg");
    release!();
    await held;
    expect(await during).toBe("Mettlach");
    expect(await cacheWhileUnchanged(db(), "test.d", compute)).toBe(10);
    await db().updateTable("organisations").set({ name: "Mettlach" }).where("name", "=", "Mettlach").execute();
    expect(await cacheWhileUnchanged(db(), "test.d", compute)).toBe(11);
  });

  it("a list page's rows follow every change of a title, a status or a co-signature, and are not shared between organisations", async () => {
    const filer = await createUser(db(), { organisation: "Perl" });
    const reader = await createUser(db(), { organisation: "Mandelbachtal" });
    const cosigner = await createUser(db(), { organisation: "Kirkel" });
    const newest = listFilterSchema.parse({ sort: "newest" });
    const row = async (actor: typeof filer.actor, id: number) => (await listRequirements(db(), actor, newest, "all")).items.find((r) => r.id === id);
    const id = await fileRequirement(db(), filer.actor, { title: "Erster Titel" });
    const secret = await fileRequirement(db(), filer.actor, { title: "Nur für Perl", confidential: true });
    expect(await row(reader.actor, id)).toMatchObject({ title: "Erster Titel", cosignatures: 0 });
    expect(await row(reader.actor, id)).toMatchObject({ title: "Erster Titel" });
    // The filing organisation sees its confidential requirement on the same page; another does not.
    expect(await row(filer.actor, secret)).toMatchObject({ title: "Nur für Perl" });
    expect(await row(reader.actor, secret)).toBeUndefined();
    await db().updateTable("requirements").set({ title: "Zweiter Titel" }).where("id", "=", id).execute();
    expect(await row(reader.actor, id)).toMatchObject({ title: "Zweiter Titel" });
    await cosignRequirement(db(), cosigner.actor, id, {});
    expect(await row(reader.actor, id)).toMatchObject({ cosignatures: 1 });
    await withdrawCosignature(db(), cosigner.actor, id);
    expect(await row(reader.actor, id)).toMatchObject({ cosignatures: 0 });
    await db().updateTable("requirements").set({ status: "in_review" }).where("id", "=", id).execute();
    expect(await row(reader.actor, id)).toMatchObject({ status: "in_review" });
  });

  it.runIf(dialectUnderTest === "sqlite")("keeps each group of keys within its own bound", async () => {
    let runs = 0;
    const compute = async () => ++runs;
    const small = { group: "test.small", limit: 2 };
    const first = await cacheWhileUnchanged(db(), "test.other", compute);
    expect(await cacheWhileUnchanged(db(), "test.s1", compute, small)).toBe(first + 1);
    expect(await cacheWhileUnchanged(db(), "test.s2", compute, small)).toBe(first + 2);
    expect(await cacheWhileUnchanged(db(), "test.s1", compute, small)).toBe(first + 1);
    // A third key empties the full group (s1 is computed again), not the other group.
    expect(await cacheWhileUnchanged(db(), "test.s3", compute, small)).toBe(first + 3);
    expect(await cacheWhileUnchanged(db(), "test.s1", compute, small)).toBe(first + 4);
    expect(await cacheWhileUnchanged(db(), "test.other", compute)).toBe(first);
  });

  it.runIf(dialectUnderTest === "postgres")("computes every time on PostgreSQL", async () => {
    let runs = 0;
    const compute = async () => ++runs;
    await cacheWhileUnchanged(db(), "test.a", compute);
    await cacheWhileUnchanged(db(), "test.a", compute);
    expect(runs).toBe(2);
  });
});
