import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed/demo-users";
import { baseUrl } from "#tests/helpers/browser";

async function signIn(email = "jonas.becker@homburg.example"): Promise<string> {
  const res = await fetch(`${baseUrl}/anmelden`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

describe("security headers", () => {
  it("sends a nonce-based CSP and the other headers on every page", async () => {
    const res = await fetch(`${baseUrl}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(d);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    // Every inline script carries this response's nonce.
    for (const tag of html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("marks signed-in responses no-store, once, also where the response sets it itself (downloads)", async () => {
    const cookie = await signIn();
    const management = await signIn("julia.hoffmann@ego-saar.example");
    const checks: [string, string][] = [
      ["/anforderungen", cookie],
      ["/anforderungen.data", cookie],
      ["/anforderungen.csv", cookie],
      ["/anforderungen/unsere.csv", cookie],
      ["/konto/daten", cookie],
      ["/cockpit/daten.csv", management],
    ];
    for (const [path, session] of checks) {
      const res = await fetch(`${baseUrl}${path}`, { headers: { Cookie: session } });
      expect(res.status, path).toBe(200);
      // fetch joins repeated headers with ", ": exactly "no-store" means it was sent once.
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      await res.arrayBuffer();
    }
  });

  it("shows error pages without stack traces or versions", async () => {
    const res = await fetch(`${baseUrl}/gibt-es-nicht`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Seite nicht gefunden");
    // The browser tab names the error too, not the page that failed.
    expect(html).toContain("<title>Seite nicht gefunden – Bündel</title>");
    expect(html).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(res.headers.get("x-powered-by")).toBeNull();
    // A malformed escape in the address is the app's German 404, not the server's bare English 400.
    for (const path of ["/anforderungen/%FF", "/%FF"]) {
      const malformed = await fetch(`${baseUrl}${path}`);
      expect(malformed.status, path).toBe(404);
      expect(await malformed.text()).toContain("<title>Seite nicht gefunden – Bündel</title>");
    }
    // A page the person may not open: „Kein Zugriff“ in the heading and the tab, not „Eingang“.
    const forbidden = await fetch(`${baseUrl}/eingang`, { headers: { Cookie: await signIn() } });
    expect(forbidden.status).toBe(403);
    const forbiddenHtml = await forbidden.text();
    expect(forbiddenHtml).toContain("<title>Kein Zugriff – Bündel</title>");
    expect(forbiddenHtml).not.toContain("<title>Eingang");
  });
});

describe("requests that must be refused", () => {
  it("answers a refused download or event stream with a German page, not Remix's English JSON", async () => {
    const cookie = await signIn();
    const checks: [string, number, string][] = [
      ["/cockpit/daten.csv", 403, "Kein Zugriff"],
      ["/anforderungen/1/anhaenge/aaaaaaaaaaaaaaaa", 404, "Seite nicht gefunden"],
      ["/workshops/2147483647/events", 404, "Seite nicht gefunden"],
    ];
    for (const [path, status, title] of checks) {
      const res = await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-type"), path).toContain("text/html");
      const html = await res.text();
      expect(html, path).toContain(`<title>${title} – Bündel</title>`);
      expect(html, path).toContain('<html lang="de">');
      expect(html, path).not.toContain("Unexpected Server Error");
    }
    // Signed out, a download still leads to the sign-in page.
    const signedOut = await fetch(`${baseUrl}/cockpit/daten.csv`, { redirect: "manual" });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toContain("/anmelden");
  });

  it("refuses a mutation from another origin or without origin (CSRF)", async () => {
    const cookie = await signIn();
    for (const headers of [{ Origin: "https://evil.example" }, {}] as Record<string, string>[]) {
      const res = await fetch(`${baseUrl}/abmelden`, { method: "POST", redirect: "manual", headers: { ...headers, Cookie: cookie } });
      expect(res.status).toBe(403);
    }
  });

  it("refuses Remix's legacy ?_data requests in German instead of an English error or a 500", async () => {
    const cookie = await signIn("stefan.schaefer@ego-saar.example");
    // What the project page says (its main content; the scripts around it carry a fresh nonce each time).
    const projectPage = async () => /<main[\s\S]*<\/main>/.exec(await (await fetch(`${baseUrl}/projekte/3`, { headers: { Cookie: cookie } })).text())?.[0];
    const before = await projectPage();
    expect(before).toBeTruthy();
    const requests: [string, RequestInit][] = [
      ["/projekte/3?_data=routes%2Fprojekte.%24id", { method: "POST", body: new URLSearchParams({ intent: "approve" }) }],
      ["/projekte/3?_data=routes%2Fprojekte.%24id", {}],
      ["/anforderungen?q=x&_data=root", {}],
      ["/anforderungen?_data", {}],
    ];
    for (const [path, init] of requests) {
      const res = await fetch(`${baseUrl}${path}`, { ...init, redirect: "manual", headers: { Origin: baseUrl, Cookie: cookie } });
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toBe("Ungültige Anfrage: Diese Adresse beantwortet Bündel nicht.");
    }
    // Nothing was approved: the project page reads as before.
    expect(await projectPage()).toBe(before);
    // A parameter that only starts like it is an ordinary one.
    expect((await fetch(`${baseUrl}/anforderungen?_database=1`, { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it("refuses an oversized body quickly with 413", async () => {
    const started = Date.now();
    const res = await fetch(`${baseUrl}/anforderungen/neu`, {
      method: "POST",
      headers: { Origin: baseUrl, "Content-Type": "application/octet-stream", "Content-Length": String(100 * 1024 * 1024) },
      body: new Uint8Array(1024),
      duplex: "half",
    } as RequestInit).catch(() => null);
    if (res) expect(res.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not accept a session cookie again after sign-out", async () => {
    const cookie = await signIn();
    const out = await fetch(`${baseUrl}/abmelden`, { method: "POST", redirect: "manual", headers: { Origin: baseUrl, Cookie: cookie } });
    expect(out.status).toBe(302);
    const replay = await fetch(`${baseUrl}/anforderungen/unsere`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toContain("/anmelden");
  });

  it("answers too many failed sign-ins for one account with 429 and a German message", async () => {
    let last: Response | null = null;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${baseUrl}/anmelden`, {
        method: "POST",
        headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
        // An address no other test signs in with: the lock is per account.
        body: new URLSearchParams({ email: "gesperrt.im.test@nirgendwo.example", password: `falsch-${i}` }),
      });
    }
    expect(last!.status).toBe(429);
    expect(await last!.text()).toContain("Zu viele fehlgeschlagene Anmeldeversuche");
  });
});
