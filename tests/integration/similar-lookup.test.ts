import { describe, expect, it, vi } from "vitest";
import * as similar from "#app/modules/bundling/similar.server";
import { similarLookupUrl, SIMILAR_EXCERPT } from "#app/components/requirements/SimilarRequirements";
import { loader } from "#app/routes/anforderungen.aehnliche";
import { createUser, requestAs } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// Watch what the route hands the engine, keeping the real engine.
vi.mock("#app/modules/bundling/similar.server", async (original) => {
  const real = await original<typeof similar>();
  return { ...real, findSimilarRequirements: vi.fn(real.findSimilarRequirements) };
});

const { db } = setupTestDatabase();

// German prose with umlauts and quotes, which grow most when written into a URL.
const longGerman = (n: number) => "Die Bürgerinnen „müssen“ Hunde persönlich im Bürgerbüro anmelden; Gebühren fällig. ".repeat(Math.ceil(n / 80)).slice(0, n);

/** The loader's answer as status and body (a Response, or data Remix would send as JSON). */
async function load(request: Request): Promise<{ status: number; body: { items: { id: number }[] } }> {
  const result: unknown = await loader({ request, params: {}, context: {} });
  if (result instanceof Response) return { status: result.status, body: (await result.json()) as { items: { id: number }[] } };
  return { status: 200, body: result as { items: { id: number }[] } };
}

describe(`similar lookup while typing (${dialectUnderTest})`, () => {
  it("sends only an excerpt: the URL of a 14,000-character paste stays far below the server's header limit", () => {
    const url = similarLookupUrl({ title: longGerman(5_000), description: longGerman(14_000), themenfeld: "Steuern & Zoll" });
    expect(url.length).toBeLessThan(8_000);
    const sent = new URL(url, "http://localhost").searchParams;
    expect(sent.get("description")).toBe(longGerman(14_000).slice(0, SIMILAR_EXCERPT.description));
    expect(sent.get("title")?.length).toBe(SIMILAR_EXCERPT.title);
  });

  it("answers 200 with suggestions for a 20,000-character description, reading only its start", async () => {
    const author = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), author.actor, { title: "Hundesteuer online anmelden im Bürgerbüro" });
    const user = await createUser(db(), { organisation: "Saarbrücken" });
    const spy = vi.mocked(similar.findSimilarRequirements);
    spy.mockClear();
    const params = new URLSearchParams({ title: "Hundesteuer", description: longGerman(20_000), themenfeld: "" });
    const res = await load(await requestAs(db(), user.id, `/anforderungen/aehnliche?${params}`));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.id)).toContain(id);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][2].description).toBe(longGerman(20_000).slice(0, SIMILAR_EXCERPT.description));
  });

  it("never throws for odd input: far too long, repeated or malformed parameters give 200", async () => {
    const user = await createUser(db(), { organisation: "Saarbrücken" });
    const queries = [
      `title=${"Hundesteuer ".repeat(5_000)}&description=${"x".repeat(50_000)}`,
      "title=Hundesteuer&title=Gewerbe&exclude=abc&themenfeld=" + "y".repeat(500),
      "exclude=99999999999999999999&description=%E2%80",
      "",
    ];
    for (const q of queries) {
      const res = await load(await requestAs(db(), user.id, `/anforderungen/aehnliche?${q}`));
      expect(res.status, q.slice(0, 60)).toBe(200);
      expect(Array.isArray(res.body.items)).toBe(true);
    }
  });

  it("gives no hint that shares only generic words (Anforderung, digital, Verwaltung), but keeps the one that shares a subject", async () => {
    const author = await createUser(db(), { organisation: "Homburg" });
    const id = await fileRequirement(db(), author.actor, {
      title: "Grabstellen digital verwalten – eine Lösung für die Friedhöfe",
      problem: "Die Anforderung der Verwaltung: Grabstellen werden auf Karteikarten geführt.",
      desiredOutcome: "Grabstellen und Nutzungsrechte digital im Friedhofsregister.",
    });
    const user = await createUser(db(), { organisation: "Saarbrücken" });
    const ask = async (title: string) => {
      const params = new URLSearchParams({ title, description: "", themenfeld: "" });
      return (await load(await requestAs(db(), user.id, `/anforderungen/aehnliche?${params}`))).body.items.map((i) => i.id);
    };
    expect(await ask("Digitale Lösung für die Verwaltung")).not.toContain(id);
    expect(await ask("Neue Anforderung: digital verwalten")).not.toContain(id);
    expect(await ask("Grabstellen digital verwalten")).toContain(id);
  });
});
