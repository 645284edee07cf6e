import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fillTemplate, RenderCache, renderCacheBytes, takeHandoff, toTemplate } from "#app/utils/render-cache.server";

const NONCE = "n0nce+/AAAAAAAAAAAAAAA==";
const REQUEST_ID = "a1b2c3d4e5f6";
const html = (nonce: string, requestId: string, body = "Liste") =>
  Buffer.from(`<html><script nonce="${nonce}">1</script><p>${body} – „Ä“</p><script nonce="${nonce}">x("${requestId}")</script></html>`);
const bytes = (text: string) => new TextEncoder().encode(text);
const parts = (data: string, volatile: string[] = [NONCE, REQUEST_ID], more: Partial<{ url: string; status: number; locale: string }> = {}) => ({
  url: "http://localhost/anforderungen",
  status: 200,
  locale: "de",
  data: bytes(data),
  volatile,
  ...more,
});

describe("render cache templates", () => {
  it("fills every place of the nonce and the request id with this request's values", () => {
    const template = toTemplate(html(NONCE, REQUEST_ID), [NONCE, REQUEST_ID]);
    expect(fillTemplate(template, [NONCE, REQUEST_ID]).toString()).toBe(html(NONCE, REQUEST_ID).toString());
    const filled = fillTemplate(template, ["fresh-nonce", "000000000000"]).toString();
    expect(filled).toBe(html("fresh-nonce", "000000000000").toString());
    expect(filled).not.toContain(NONCE);
    expect(filled).not.toContain(REQUEST_ID);
  });

  it("leaves a page without those values as it is, and ignores empty values", () => {
    const plain = Buffer.from("<p>ohne Skript</p>");
    expect(fillTemplate(toTemplate(plain, ["", REQUEST_ID]), ["x", "y"]).toString()).toBe("<p>ohne Skript</p>");
  });
});

describe("render cache keys", () => {
  const cache = new RenderCache(1024 * 1024);

  it("are the same for the same data whatever the request's own id", () => {
    expect(cache.key(parts(`{"user":"Anna","requestId":"${REQUEST_ID}"}`))).toBe(cache.key(parts(`{"user":"Anna","requestId":"ffffffffffff"}`, [NONCE, "ffffffffffff"])));
  });

  it("differ for other data, address, status or language", () => {
    const base = cache.key(parts(`{"user":"Anna"}`));
    expect(cache.key(parts(`{"user":"Jonas"}`))).not.toBe(base);
    expect(cache.key(parts(`{"user":"Anna"}`, undefined, { url: "http://localhost/anforderungen?page=2" }))).not.toBe(base);
    expect(cache.key(parts(`{"user":"Anna"}`, undefined, { status: 404 }))).not.toBe(base);
    expect(cache.key(parts(`{"user":"Anna"}`, undefined, { locale: "en" }))).not.toBe(base);
  });

  it("do not mistake a cut-out value for the same text elsewhere in the data", () => {
    expect(cache.key(parts(`["${REQUEST_ID}","x"]`))).not.toBe(cache.key(parts(`["x","${REQUEST_ID}"]`)));
  });
});

describe("RenderCache", () => {
  function clock(start = Date.UTC(2026, 11, 7, 10, 0, 5)) {
    const c = { at: start, now: () => c.at };
    return c;
  }

  it("answers a page stored before with the new request's values", () => {
    const c = clock();
    const cache = new RenderCache(1024 * 1024, c.now);
    cache.set("k", html(NONCE, REQUEST_ID), [NONCE, REQUEST_ID], cache.renderStarts());
    expect(cache.get("k", ["neu", "123456789abc"])?.toString()).toBe(html("neu", "123456789abc").toString());
    expect(cache.get("other", ["neu", "x"])).toBeNull();
  });

  it("keeps a page for a minute from the start of its render, each page on its own", () => {
    const c = clock();
    const cache = new RenderCache(1024 * 1024, c.now);
    const first = cache.renderStarts();
    c.at += 2_000;
    cache.set("first", html(NONCE, REQUEST_ID), [NONCE, REQUEST_ID], first);
    c.at += 20_000;
    cache.set("second", html(NONCE, REQUEST_ID), [NONCE, REQUEST_ID], cache.renderStarts());
    c.at = first + 59_999;
    expect(cache.get("first", [NONCE, REQUEST_ID])).not.toBeNull();
    c.at = first + 60_000;
    expect(cache.get("first", [NONCE, REQUEST_ID])).toBeNull();
    expect(cache.get("second", [NONCE, REQUEST_ID])).not.toBeNull();
    c.at = first + 82_000;
    expect(cache.get("second", [NONCE, REQUEST_ID])).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("does not keep a page whose render started more than a minute ago", () => {
    const c = clock();
    const cache = new RenderCache(1024 * 1024, c.now);
    const started = cache.renderStarts();
    c.at += 60_000;
    cache.set("late", html(NONCE, REQUEST_ID), [NONCE, REQUEST_ID], started);
    expect(cache.get("late", [NONCE, REQUEST_ID])).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("keeps within its budget by dropping the page used longest ago, and stores no page larger than a quarter of it", () => {
    const c = clock();
    // Random bytes do not compress: each page takes its full size (a little more) of the budget.
    const pages = new Map<number, Buffer>();
    const page = (n: number) => pages.get(n) ?? pages.set(n, randomBytes(200)).get(n)!;
    const cache = new RenderCache(1000, c.now);
    const started = cache.renderStarts();
    for (const [key, n] of [["a", 1], ["b", 2], ["c", 3], ["d", 4]] as const) cache.set(key, page(n), [], started);
    expect(cache.size).toBe(4);
    expect(cache.get("a", [])).not.toBeNull(); // a is now the most recently used
    cache.set("e", page(5), [], started);
    expect(cache.size).toBe(4);
    expect(cache.get("b", [])).toBeNull();
    expect(cache.get("a", [])?.equals(page(1))).toBe(true);
    expect(cache.get("e", [])?.equals(page(5))).toBe(true);
    cache.set("big", randomBytes(251), [], started);
    expect(cache.get("big", [])).toBeNull();
  });

  it("keeps pages compressed: a page of markup takes a fraction of its size from the budget", () => {
    const c = clock();
    const cache = new RenderCache(20_000, c.now);
    const rows = Array.from({ length: 600 }, (_, i) => `<tr class="mantine-Table-tr"><td class="m_4e7aa4ef">Anforderung ${i}</td></tr>`).join("");
    const page = Buffer.from(html(NONCE, REQUEST_ID).toString().replace("</html>", `${rows}</html>`));
    expect(page.length).toBeGreaterThan(40_000);
    cache.set("list", page, [NONCE, REQUEST_ID], cache.renderStarts());
    const again = cache.get("list", ["n2", "r2"]);
    expect(again?.toString()).toBe(html("n2", "r2").toString().replace("</html>", `${rows}</html>`));
  });

  it("is off with a budget of 0", () => {
    const cache = new RenderCache(0);
    expect(cache.enabled).toBe(false);
    cache.set("k", html(NONCE, REQUEST_ID), [], cache.renderStarts());
    expect(cache.get("k", [])).toBeNull();
  });

  it("takes its budget from RENDER_CACHE_MB (default 4 MB, 0 or nonsense turns it off)", () => {
    expect(renderCacheBytes({})).toBe(4 * 1024 * 1024);
    expect(renderCacheBytes({ RENDER_CACHE_MB: "2" })).toBe(2 * 1024 * 1024);
    expect(renderCacheBytes({ RENDER_CACHE_MB: "0" })).toBe(0);
    expect(renderCacheBytes({ RENDER_CACHE_MB: "viel" })).toBe(0);
  });
});

describe("takeHandoff", () => {
  it("reads the encoded data and leaves the page a stream of the same bytes", async () => {
    const chunks = [bytes('[{"a":1}]\n'), bytes('P1:[2]\n')];
    const context = {
      serverHandoffStream: new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      }),
    };
    const data = await takeHandoff(context);
    expect(new TextDecoder().decode(data!)).toBe('[{"a":1}]\nP1:[2]\n');
    const again: string[] = [];
    const reader = context.serverHandoffStream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) again.push(new TextDecoder().decode(r.value));
    expect(again).toEqual(['[{"a":1}]\n', "P1:[2]\n"]);
  });

  it("gives null without a stream", async () => {
    expect(await takeHandoff({})).toBeNull();
  });
});
