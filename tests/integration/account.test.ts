import { describe, expect, it } from "vitest";
import { signIn } from "#app/modules/auth/auth.server";
import { createSession, validateSessionToken } from "#app/modules/auth/session.server";
import { getRequirementDetail } from "#app/modules/requirements/queries.server";
import { addComment } from "#app/modules/requirements/requirements.server";
import { anonymiseUser, changePassword, exportPersonalData } from "#app/modules/users/account.server";
import { type AppError } from "#app/utils/errors.server";
import { createUser, TEST_PASSWORD } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

async function dumpDatabase(): Promise<string> {
  const tables = await db().introspection.getTables();
  const parts: string[] = [];
  for (const t of tables) {
    if (t.name.startsWith("kysely_")) continue;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows = await (db() as any).selectFrom(t.name).selectAll().execute();
    parts.push(JSON.stringify(rows));
  }
  return parts.join("\n");
}

describe(`own account (${dialectUnderTest})`, () => {
  it("changing the password ends every session, refuses a wrong current password and gives a new session", async () => {
    const u = await createUser(db());
    const { token: other } = await createSession(db(), u.id);
    const wrong = await changePassword(db(), u.id, "falsch-falsch-falsch", "neues-passwort-1234").catch((e: AppError) => e);
    expect((wrong as AppError).field).toBe("current");
    expect(await validateSessionToken(db(), other)).not.toBeNull();
    const { token } = await changePassword(db(), u.id, TEST_PASSWORD, "neues-passwort-1234");
    expect(await validateSessionToken(db(), other)).toBeNull();
    expect(await validateSessionToken(db(), token)).not.toBeNull();
    await expect(signIn(db(), { email: u.email, password: "neues-passwort-1234", clientAddress: "10.9.0.1" })).resolves.toBeTruthy();
  });

  it("exports the person's own data", async () => {
    const u = await createUser(db(), { name: "Erika Export", organisation: "Bexbach" });
    const id = await fileRequirement(db(), u.actor, { title: "Export-Test" });
    await addComment(db(), u.actor, id, "Mein Kommentar");
    const data = await exportPersonalData(db(), u.id);
    expect(data.user).toMatchObject({ name: "Erika Export", email: u.email, organisation: "Bexbach" });
    expect(data.requirements.map((r) => r.title)).toEqual(["Export-Test"]);
    expect(data.comments.map((c) => c.body)).toEqual(["Mein Kommentar"]);
  });
});

describe(`anonymisation (${dialectUnderTest})`, () => {
  it("removes name and e-mail everywhere, ends sessions, and keeps what was filed with the organisation", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const u = await createUser(db(), { name: "Zacharias Unverwechselbar", email: "zacharias.unverwechselbar@test.example", organisation: "Illingen" });
    const id = await fileRequirement(db(), u.actor, { title: "Bleibt bei Illingen" });
    await addComment(db(), u.actor, id, "Kommentar bleibt");
    const { token } = await createSession(db(), u.id);
    await signIn(db(), { email: u.email, password: "falsch-falsch", clientAddress: "10.9.9.9" }).catch(() => undefined);
    await anonymiseUser(db(), admin.actor, u.id);
    const dump = await dumpDatabase();
    expect(dump).not.toContain("Unverwechselbar");
    expect(dump).not.toContain("zacharias.unverwechselbar");
    expect(await validateSessionToken(db(), token)).toBeNull();
    const d = await getRequirementDetail(db(), admin.actor, id);
    expect(d.organisationName).toBe("Illingen");
    expect(d.authorName).toBe(`Ehemalige Person ${u.id}`);
    expect(d.comments[0]).toMatchObject({ body: "Kommentar bleibt", authorName: `Ehemalige Person ${u.id}` });
  });

  it("is for admins only and not for oneself", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const lead = await createUser(db(), { organisation: "Illingen", roles: ["member_lead"] });
    const u = await createUser(db(), { organisation: "Illingen" });
    expect(((await anonymiseUser(db(), lead.actor, u.id).catch((e) => e)) as AppError).status).toBe(403);
    expect(((await anonymiseUser(db(), admin.actor, admin.id).catch((e) => e)) as AppError).status).toBe(409);
  });
});
