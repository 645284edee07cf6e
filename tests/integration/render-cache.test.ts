import { describe, expect, it } from "vitest";
import { createSession } from "#app/modules/auth/session.server";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { productionServerForSuite } from "#tests/helpers/server";

// The production server keeps pages it rendered by their data (app/utils/render-cache.server.ts).
// Asked again, a page must still be each user's own, carry this response's nonce, and show what
// changed since.

const { db } = setupTestDatabase();

describe(`pages asked for again (${dialectUnderTest})`, () => {
  const { base } = productionServerForSuite(6000, 400);

  async function asUser(organisation: string, marker: string) {
    const user = await createUser(db(), { organisation, roles: ["member_staff"], name: `Person ${marker}` });
    const { token } = await createSession(db(), user.id);
    await fileRequirement(db(), user.actor, { title: `Entwurf ${marker}`, submit: false });
    return { ...user, headers: { Cookie: `bundel_session=${token}` } };
  }
  async function page(path: string, headers: Record<string, string>) {
    const res = await fetch(`${base}${path}`, { headers });
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("Content-Security-Policy") ?? "")?.[1];
    return { status: res.status, html, nonce, nonces: new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1])) };
  }

  it("gives each user their own page, with a fresh nonce each time, however often it is asked for", async () => {
    const anna = await asUser("Saarbrücken", "Amsel");
    const jonas = await asUser("Homburg", "Buchfink");
    const seen: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [user, own, other] of [
        [anna, "Amsel", "Buchfink"],
        [jonas, "Buchfink", "Amsel"],
      ] as const) {
        const p = await page("/anforderungen/unsere", user.headers);
        expect(p.status).toBe(200);
        expect(p.html).toContain(`Entwurf ${own}`);
        expect(p.html).toContain(`Person ${own}`);
        expect(p.html).not.toContain(other);
        // Every script carries the nonce of this response's Content-Security-Policy, no other.
        expect(p.nonce).toBeTruthy();
        expect([...p.nonces]).toEqual([p.nonce]);
        expect(seen).not.toContain(p.nonce);
        seen.push(p.nonce!);
      }
    }
  });

  it("shows what changed since the page was last rendered", async () => {
    const anna = await asUser("Saarbrücken", "Zaunkoenig");
    expect((await page("/anforderungen/unsere", anna.headers)).html).not.toContain("Entwurf Zweiter");
    expect((await page("/anforderungen/unsere", anna.headers)).html).not.toContain("Entwurf Zweiter");
    await fileRequirement(db(), anna.actor, { title: "Entwurf Zweiter Zaunkoenig", submit: false });
    expect((await page("/anforderungen/unsere", anna.headers)).html).toContain("Entwurf Zweiter Zaunkoenig");
  });

  it("answers in the language the user chose, not in the one a page was first rendered in", async () => {
    const anna = await asUser("Saarbrücken", "Rotkehlchen");
    const german = await page("/impressum", anna.headers);
    await db().updateTable("users").set({ locale: "en" }).where("id", "=", anna.id).execute();
    const english = await page("/impressum", anna.headers);
    expect(german.html).toContain('lang="de"');
    expect(english.html).toContain('lang="en"');
  });
});
