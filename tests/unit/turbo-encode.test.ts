import { createRequire } from "node:module";
import fc from "fast-check";
import { encode as turboEncode } from "turbo-stream";
import { describe, expect, it } from "vitest";
import { encodePlainly, installPlainEncoding, plainlyFirst, type Encode } from "#app/utils/turbo-encode.server";

const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

const original = turboEncode as unknown as Encode;
const fromRemix = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
// Remix's own encoding of a page's data (its plugins for errors, error responses and redirects).
const singleFetch = fromRemix("./single-fetch.js") as {
  encodeViaTurboStream: (data: unknown, signal: AbortSignal, timeout: number | undefined, mode: string) => ReadableStream<Uint8Array>;
  SingleFetchRedirectSymbol: symbol;
};
const { UNSAFE_ErrorResponseImpl: ErrorResponse } = fromRemix("@remix-run/router") as { UNSAFE_ErrorResponseImpl: new (status: number, statusText: string, data: unknown) => object };
const turboStream = fromRemix("turbo-stream") as { encode: Encode & { original?: Encode } };

/** What loaders return: plain objects and arrays (with holes, shared parts) of every primitive, and dates. */
const loaderData = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ unit: "binary" }),
    fc.constantFrom("Anforderung", "„Bündelung“ – ok", "a\"b\\c\u0000\u2028", "\ud800", "😀", ""),
    fc.double(),
    fc.integer(),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e21, 5e-324),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.sparseArray(tie("value"), { maxLength: 6 }),
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("id", "title", "__proto__x", "0", "1")), tie("value"), { maxKeys: 6 }),
  ),
})).value;

describe("plain encoding of loader data", () => {
  it("writes exactly what turbo-stream writes, for any loader data", async () => {
    await fc.assert(
      fc.asyncProperty(loaderData, async (value) => {
        expect(encodePlainly(value)).toBe(await text(original(value)));
      }),
      { numRuns: 400 },
    );
  });

  it("refers back to shared objects, repeated strings and numbers as turbo-stream does", async () => {
    const shared = { id: 1, title: "Geteilt" };
    const list: unknown[] = [shared, shared, "Geteilt", 1, 0, -0, { nested: [shared] }];
    const value = { a: list, b: list, c: new Date(0), d: [undefined, null, NaN] };
    expect(encodePlainly(value)).toBe(await text(original(value)));
    // turbo-stream never refers back to the first value (index 0): the outermost object, met again
    // inside itself, is written a second time.
    const root: Record<string, unknown> = { name: "Wurzel" };
    root.self = root;
    expect(encodePlainly(root)).toBe(await text(original(root)));
  });

  it("writes what Remix's encoding writes, with its plugins, for page data with errors, error responses, redirects and dates", async () => {
    const encodePlainlyFirst = plainlyFirst(original);
    const data = {
      loaderData: { root: { user: { id: 3, name: "Anna Schmidt" }, since: new Date("2026-01-05T10:00:00Z") }, "routes/anforderungen._index": { items: [{ id: 14, title: "Hundesteuer" }], total: 1 } },
      actionData: { "routes/anforderungen.neu": { [singleFetch.SingleFetchRedirectSymbol]: { redirect: "/anforderungen/14", status: 302, revalidate: true, reload: false, replace: false } } },
      errors: { "routes/x": new Error("geheim"), "routes/y": new ErrorResponse(404, "Not Found", "Nicht gefunden") },
    };
    const plain = singleFetch.encodeViaTurboStream(data, new AbortController().signal, undefined, "production");
    turboStream.encode = encodePlainlyFirst;
    try {
      const viaPlain = await text(singleFetch.encodeViaTurboStream(data, new AbortController().signal, undefined, "production"));
      expect(viaPlain).toBe(await text(plain));
      // Remix's plugins tagged them (and the error's message is not sent in production).
      expect(viaPlain).toContain('"SingleFetchRedirect"');
      expect(viaPlain).toContain('"ErrorResponse"');
      expect(viaPlain).toContain('"SanitizedError"');
      expect(viaPlain).not.toContain("geheim");
    } finally {
      turboStream.encode = turboStream.encode.original ?? original;
    }
  });

  it("leaves promises and class instances to turbo-stream's own encoder", async () => {
    class Row {
      constructor(readonly id: number) {}
    }
    const deferred = { later: Promise.resolve("später") };
    expect(encodePlainly(deferred)).toBeNull();
    expect(encodePlainly({ row: new Row(1) })).toBeNull();
    expect(encodePlainly({ n: 10n })).toBeNull();
    const encode = plainlyFirst(original);
    expect(await text(encode(deferred))).toBe(await text(original(deferred)));
  });

  it("is what Remix's server runtime calls once installed", async () => {
    const before = turboStream.encode;
    try {
      expect(installPlainEncoding()).toBe(true);
      expect(turboStream.encode).not.toBe(before);
      expect(turboStream.encode.original).toBe(before);
      const data = { loaderData: { root: { locale: "de" } }, actionData: null, errors: null };
      const stream = singleFetch.encodeViaTurboStream(data, new AbortController().signal, undefined, "production");
      expect(await text(stream)).toBe(await text(before(data)));
    } finally {
      turboStream.encode = before;
    }
  });
});
