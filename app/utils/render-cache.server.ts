import { createHash } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * Remembers rendered pages by everything their HTML is made of, so that a page asked for again with
 * the same data is sent without rendering it again with React.
 *
 * A page's HTML is a function of: the address, the status, the language, the loaders' data (which
 * carries the signed-in user, their organisation's view and every permission the loaders checked),
 * and two values unique to each request: the CSP nonce and the request id. The loaders still run for
 * every request, with all their permission checks; only the rendering of their result is skipped when
 * an identical result was rendered before. The per-request values are cut out of the stored HTML and
 * filled in afresh, so no two responses share a nonce. Each page is kept for a minute from the start of
 * its render (pages that show the time or "today" may be at most that old) and within a byte budget.
 * Pages are kept compressed (about a fifth of their size): unpacking one costs about 0.1 ms, a tenth
 * of a millisecond against several for the render it saves, and the budget holds five times as many.
 *
 * The loaders' data is compared in the form Remix sends it to the browser inside the page (its
 * turbo-stream encoding, made for every page anyway): the browser hydrates from exactly that data, and
 * React requires the server's HTML to be what the browser renders from it.
 */

/** Stored HTML with the per-request values cut out: pieces between which the values go, in order. */
type Template = { pieces: Buffer[]; slots: number[]; bytes: number };

/** Cuts every occurrence of the per-request values out of the rendered HTML. */
export function toTemplate(html: Buffer, volatile: readonly string[]): Template {
  const needles = volatile.map((v, i) => ({ i, bytes: Buffer.from(v) })).filter((n) => n.bytes.length > 0);
  const pieces: Buffer[] = [];
  const slots: number[] = [];
  let from = 0;
  for (;;) {
    let at = -1;
    let which = -1;
    for (const n of needles) {
      const found = html.indexOf(n.bytes, from);
      if (found >= 0 && (at < 0 || found < at)) {
        at = found;
        which = n.i;
      }
    }
    if (at < 0) break;
    pieces.push(Buffer.from(html.subarray(from, at)));
    slots.push(which);
    from = at + Buffer.byteLength(volatile[which]!);
  }
  pieces.push(Buffer.from(html.subarray(from)));
  return { pieces, slots, bytes: html.length };
}

/** The stored HTML with this request's values filled in. */
export function fillTemplate(template: Template, volatile: readonly string[]): Buffer<ArrayBuffer> {
  const parts: Buffer[] = [];
  for (let i = 0; i < template.slots.length; i++) {
    parts.push(template.pieces[i]!, Buffer.from(volatile[template.slots[i]!]!));
  }
  parts.push(template.pieces[template.pieces.length - 1]!);
  return Buffer.concat(parts);
}

/** A template as kept in memory: its pieces compressed together into one buffer. */
type Packed = { bytes: Buffer; lengths: number[]; slots: number[] };

function pack(template: Template): Packed {
  return { bytes: deflateRawSync(Buffer.concat(template.pieces), { level: 3 }), lengths: template.pieces.map((p) => p.length), slots: template.slots };
}

function unpack(packed: Packed): Template {
  const all = inflateRawSync(packed.bytes);
  const pieces: Buffer[] = [];
  let at = 0;
  for (const length of packed.lengths) {
    pieces.push(all.subarray(at, at + length));
    at += length;
  }
  return { pieces, slots: packed.slots, bytes: all.length };
}

export type RenderKeyParts = {
  url: string;
  status: number;
  locale: string;
  /** The loaders' results as encoded for the browser. */
  data: Uint8Array;
  /** Values unique to this request (nonce, request id), cut out of the data and the HTML. */
  volatile: readonly string[];
};

export class RenderCache {
  /**
   * How long a rendered page is kept, counted from the start of its render: a page may show the time
   * or what "today" is, to the minute. Each page from its own render, so they do not all expire at once.
   */
  static readonly LIFETIME_MS = 60_000;
  private entries = new Map<string, { packed: Packed; expiresAt: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled() {
    return this.maxBytes > 0;
  }

  /** The key of a page: everything its HTML is made of, the per-request values left out. */
  key(parts: RenderKeyParts): string {
    const hash = createHash("sha256").update(`${parts.status}\n${parts.locale}\n${parts.url}\n`);
    const data = Buffer.from(parts.data.buffer, parts.data.byteOffset, parts.data.byteLength);
    const { pieces, slots } = toTemplate(data, parts.volatile);
    for (let i = 0; i < pieces.length; i++) {
      hash.update(pieces[i]!);
      if (i < slots.length) hash.update(`\u0000${slots[i]}\u0000`);
    }
    return hash.digest("base64");
  }

  get(key: string, volatile: readonly string[]): Buffer<ArrayBuffer> | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.packed.bytes.length;
      return null;
    }
    // Most recently used last: the budget drops the entries used longest ago.
    this.entries.set(key, entry);
    return fillTemplate(unpack(entry.packed), volatile);
  }

  /** When a render starts: its page is kept until a minute after that. */
  renderStarts(): number {
    return this.now();
  }

  set(key: string, html: Buffer, volatile: readonly string[], renderStartedAt: number) {
    if (!this.enabled) return;
    const expiresAt = renderStartedAt + RenderCache.LIFETIME_MS;
    if (expiresAt <= this.now()) return;
    const packed = pack(toTemplate(html, volatile));
    if (packed.bytes.length > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.packed.bytes.length;
    }
    this.entries.set(key, { packed, expiresAt });
    this.bytes += packed.bytes.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.packed.bytes.length;
    }
  }

  get size() {
    return this.entries.size;
  }
}

/** Compressed bytes of rendered pages each serving thread may keep (`RENDER_CACHE_MB`, 0 turns the cache off): 4 MB hold about 280 requirement lists of 75 KB. */
export function renderCacheBytes(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.RENDER_CACHE_MB ?? 4);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 0;
}

/**
 * Reads the page's data as Remix encoded it for the browser, and gives the page a fresh stream of the
 * same bytes to send. `null` without such a stream (then the page is rendered as always).
 */
export async function takeHandoff(context: { serverHandoffStream?: ReadableStream<Uint8Array> }): Promise<Uint8Array | null> {
  const stream = context.serverHandoffStream;
  if (!stream) return null;
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  context.serverHandoffStream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
