import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed/demo-users";
import { baseUrl } from "#tests/helpers/browser";

// Marker test: distinctive strings go into another organisation's draft and confidential
// requirement; crawling every reachable page and data request as other users must never show them.
const MARK = `MARKER${Date.now().toString(36).toUpperCase()}`;

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/anmelden`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed for ${email}`);
  return cookie;
}

async function file(cookie: string, title: string, confidential: boolean, intent: "save" | "submit") {
  const body = new URLSearchParams({
    title,
    problem: `${title} – Problem`,
    desiredOutcome: `${title} – Ziel`,
    themenfeld: "Recht & Ordnung",
    benefit: `${title} – Nutzen`,
    urgency: "high",
    intent,
    similarChecked: "1",
    clientKey: `marker-${intent}-${Date.now()}`,
  });
  if (confidential) body.set("confidential", "on");
  const res = await fetch(`${baseUrl}/anforderungen/neu`, { method: "POST", redirect: "manual", headers: { Origin: baseUrl, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body });
  expect(res.status).toBe(302);
  return Number(/\/anforderungen\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
}

async function crawl(cookie: string, extra: string[]): Promise<{ visited: number; leaks: string[] }> {
  const queue = ["/", ...extra];
  const seen = new Set<string>();
  const leaks: string[] = [];
  while (queue.length > 0 && seen.size < 400) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const pathname = path.split("?")[0];
    const dataPath = `${pathname === "/" ? "/_root" : pathname}.data${path.includes("?") ? `?${path.split("?")[1]}` : ""}`;
    for (const p of [path, dataPath]) {
      const res = await fetch(`${baseUrl}${p}`, { headers: { Cookie: cookie }, redirect: "manual" });
      const text = await res.text();
      if (text.includes(MARK)) leaks.push(p);
      if (p === path && (res.headers.get("content-type") ?? "").includes("text/html")) {
        for (const m of text.matchAll(/href="(\/[^"#]*)"/g)) {
          const href = m[1].replace(/&amp;/g, "&");
          if (href.startsWith("/assets") || href.startsWith("/abmelden") || href.includes(".svg") || href.includes("/anhaenge/")) continue;
          if (!seen.has(href)) queue.push(href);
        }
      }
    }
  }
  return { visited: seen.size, leaks };
}

describe("no leaks of drafts and confidential requirements", () => {
  it("never shows another organisation's draft or confidential text, on any page or data request", async () => {
    const owner = await signIn("anna.schmidt@saarbruecken.example");
    const draftId = await file(owner, `${MARK} Entwurf`, false, "save");
    const confidentialId = await file(owner, `${MARK} Vertraulich`, true, "submit");
    const direct = [
      `/anforderungen/${draftId}`,
      `/anforderungen/${confidentialId}`,
      `/anforderungen/${draftId}/bearbeiten`,
      // Searches for the words around the marker (the marker itself in a URL would be echoed back).
      "/anforderungen?q=Vertraulich",
      "/anforderungen?q=Entwurf",
      // The lists' CSV downloads (every page at once).
      "/anforderungen.csv",
      "/anforderungen.csv?q=Vertraulich",
      "/anforderungen/unsere.csv",
      "/anforderungen/aehnliche?title=Vertraulich%20Problem%20Ziel",
      "/kandidaten",
      "/buendelung",
    ];
    for (const email of ["jonas.becker@homburg.example", "thomas.wagner@voelklingen.example", "klaus.zimmermann@saarlouis.example"]) {
      const { visited, leaks } = await crawl(await signIn(email), direct);
      expect(visited).toBeGreaterThan(10);
      expect(leaks, `${email} saw a marker`).toEqual([]);
    }
    // The owner does see them, so the markers are really there.
    const own = await fetch(`${baseUrl}/anforderungen/${confidentialId}`, { headers: { Cookie: owner } });
    expect(await own.text()).toContain(MARK);
    const ownCsv = await fetch(`${baseUrl}/anforderungen/unsere.csv`, { headers: { Cookie: owner } });
    expect(await ownCsv.text()).toContain(`${MARK} Entwurf`);
  });
});
