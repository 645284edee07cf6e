import { describe, expect, it } from "vitest";
import { signIn } from "#app/modules/auth/auth.server";
import { createSession, validateSessionToken } from "#app/modules/auth/session.server";
import { listNotifications } from "#app/modules/notifications/notifications.server";
import { addTeamMember, approveProject, changeProjectLead, proposeProject, removeTeamMember } from "#app/modules/projects/projects.server";
import { getProjectDetail } from "#app/modules/projects/queries.server";
import { getRequirementDetail } from "#app/modules/requirements/queries.server";
import { addComment, cosignRequirement, startReview } from "#app/modules/requirements/requirements.server";
import { anonymiseUser, changePassword, exportPersonalData } from "#app/modules/users/account.server";
import { type AppError } from "#app/utils/errors.server";
import { createUser, TEST_PASSWORD } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
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

  it("exports each notice with the sentence the person read, in German unless asked otherwise", async () => {
    const u = await createUser(db(), { organisation: "Blieskastel" });
    const cosigner = await createUser(db(), { organisation: "Kirkel" });
    const commenter = await createUser(db(), { name: "Kurt Kommentar", organisation: "Gersheim" });
    const manager = await createUser(db(), { roles: ["requirements_manager"] });
    const id = await fileRequirement(db(), u.actor, { title: "Digitale Hundesteuer" });
    await cosignRequirement(db(), cosigner.actor, id, {});
    await addComment(db(), commenter.actor, id, "Brauchen wir auch.");
    await startReview(db(), manager.actor, id);

    const german = await exportPersonalData(db(), u.id);
    expect(german.notifications.map((n) => n.text)).toEqual([
      "Kirkel hat „Digitale Hundesteuer“ mitgezeichnet.",
      "Kurt Kommentar hat „Digitale Hundesteuer“ kommentiert.",
      "Der Status von „Digitale Hundesteuer“ ist jetzt: In Prüfung",
    ]);
    // Key and values stay beside the sentence.
    expect(german.notifications[0]).toMatchObject({ message_key: "requirements:notifications.cosigned", link: `/anforderungen/${id}` });
    expect(JSON.parse(german.notifications[0].params!)).toMatchObject({ title: "Digitale Hundesteuer", organisation: "Kirkel" });

    const english = await exportPersonalData(db(), u.id, "en");
    expect(english.notifications[0].text).toBe("Kirkel has co-signed “Digitale Hundesteuer”.");
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

  it("leaves the name neither in other people's notices nor in project histories", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const julia = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const stefan = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["management"] });
    const colleague = await createUser(db(), { organisation: "Merzig" });
    const firstLead = await createUser(db(), { organisation: "Perl" });
    // A backslash and LIKE's wildcards in the name: found as JSON stores it, on both databases.
    const name = "Quirin Namensspur_100% \\ Ende";
    const u = await createUser(db(), { name, email: "quirin.namensspur@test.example", organisation: "Merzig" });
    const requirementId = await fileRequirement(db(), colleague.actor, { title: "Kommentiert" });
    await addComment(db(), u.actor, requirementId, "Ein Kommentar");
    const c = await prioritisedCandidate(db(), [colleague.actor]);
    const { id: projectId } = await proposeProject(db(), julia.actor, proposalInput([c.id], firstLead.id));
    await approveProject(db(), julia.actor, projectId);
    await approveProject(db(), stefan.actor, projectId);
    await addTeamMember(db(), julia.actor, projectId, u.id, "specialist");
    const member = await db().selectFrom("project_members").select("id").where("project_id", "=", projectId).where("user_id", "=", u.id).executeTakeFirstOrThrow();
    await removeTeamMember(db(), julia.actor, projectId, member.id);
    await addTeamMember(db(), julia.actor, projectId, u.id, "technical");
    await changeProjectLead(db(), julia.actor, projectId, { leadUserId: u.id, reason: "Übergabe vor der Anonymisierung" });
    // A notice written before notices carried the person's id names them only by name; so does a
    // project history entry written before the history read names when shown.
    await db()
      .insertInto("notifications")
      .values({ user_id: colleague.id, kind: "comment", requirement_id: requirementId, message_key: "requirements:notifications.commented", params: JSON.stringify({ title: "Alt", author: name }), link: "/", created_at: new Date().toISOString() })
      .execute();
    await db()
      .insertInto("project_events")
      .values({ project_id: projectId, at: new Date().toISOString(), actor_user_id: julia.id, kind: "member_added", from_value: null, to_value: null, reason: null, detail: JSON.stringify({ userId: u.id, name: name, role: "specialist" }) })
      .execute();
    expect((await listNotifications(db(), colleague.id)).filter((n) => n.params.author === name)).toHaveLength(2);
    expect((await listNotifications(db(), firstLead.id)).filter((n) => n.params.name === name)).toHaveLength(1);

    await anonymiseUser(db(), admin.actor, u.id);
    const dump = await dumpDatabase();
    expect(dump).not.toContain("Namensspur");
    expect(dump).not.toContain("quirin.namensspur");
    const neutral = `Ehemalige Person ${u.id}`;
    expect((await listNotifications(db(), colleague.id)).filter((n) => n.params.author === neutral)).toHaveLength(2);
    expect((await listNotifications(db(), firstLead.id)).filter((n) => n.params.name === neutral)).toHaveLength(1);
    const history = (await getProjectDetail(db(), julia.actor, projectId)).events.filter((e) => e.kind === "member_added" || e.kind === "member_removed");
    expect(history.map((e) => (e.detail as { name: string }).name)).toEqual([neutral, neutral, neutral, neutral]);
  });

  it("renames only the person: a namesake's notices keep her name", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const colleague = await createUser(db(), { organisation: "Merzig" });
    const u = await createUser(db(), { name: "Rita Gleichnamig", organisation: "Merzig" });
    const namesake = await createUser(db(), { name: "Rita Gleichnamig", organisation: "Merzig" });
    const requirementId = await fileRequirement(db(), colleague.actor, { title: "Zwei Ritas" });
    await addComment(db(), u.actor, requirementId, "Erster Kommentar");
    await addComment(db(), namesake.actor, requirementId, "Zweiter Kommentar");
    await anonymiseUser(db(), admin.actor, u.id);
    const authors = (await listNotifications(db(), colleague.id)).map((n) => n.params.author).sort();
    expect(authors).toEqual([`Ehemalige Person ${u.id}`, "Rita Gleichnamig"]);
  });

  it("is for admins only and not for oneself", async () => {
    const admin = await createUser(db(), { organisation: "eGo-Saar Geschäftsstelle", roles: ["admin"] });
    const lead = await createUser(db(), { organisation: "Illingen", roles: ["member_lead"] });
    const u = await createUser(db(), { organisation: "Illingen" });
    expect(((await anonymiseUser(db(), lead.actor, u.id).catch((e) => e)) as AppError).status).toBe(403);
    expect(((await anonymiseUser(db(), admin.actor, admin.id).catch((e) => e)) as AppError).status).toBe(409);
  });
});
