import { createRequire } from "node:module";

// Remix sends every page's loader data to the browser encoded by turbo-stream (inside the HTML, and
// as the body of every .data request). turbo-stream's encoder builds each value's text through a
// work stack, a closure per value and an array of key-value strings per object: on the requirement
// list (about 400 values, 10 KB of text) it allocated about 340 KB and took 0.25 ms per page, the
// largest single source of garbage of a page served from the render cache.
//
// `encodePlainly` writes exactly the same text for data made of what loaders return (objects,
// arrays, strings, numbers, booleans, null, undefined, dates and the like) in one recursive pass.
// Anything it does not handle the same way (promises, class instances, bigints, symbols) makes it
// give up, and turbo-stream's own encoder encodes the whole value instead. Tests compare both
// encoders' bytes on generated data (tests/unit/turbo-encode.test.ts).

type Plugin = (value: unknown) => unknown;
export interface EncodeOptions {
  plugins?: Plugin[];
  postPlugins?: Plugin[];
  signal?: AbortSignal;
}
export type Encode = (input: unknown, options?: EncodeOptions) => ReadableStream<Uint8Array>;

// turbo-stream's constants (its utils.js): references below zero, type tags.
const HOLE = -1;
const NAN = -2;
const NEGATIVE_INFINITY = -3;
const NEGATIVE_ZERO = -4;
const NULL = -5;
const POSITIVE_INFINITY = -6;
const UNDEFINED = -7;

/** Thrown inside the pass when the value holds something only turbo-stream's encoder handles. */
const giveUp = new Error("left to turbo-stream");

/** What JSON.stringify escapes in a string: quote, backslash, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const objectProtoNames = Object.getOwnPropertyNames(Object.prototype).sort().join("\0");

/**
 * The text turbo-stream's `encode` sends first for `input` (its whole output when nothing is
 * deferred), or null when `input` holds something this pass leaves to turbo-stream.
 */
export function encodePlainly(input: unknown, plugins: readonly Plugin[] = []): string | null {
  // Every value gets an index at its first appearance (strings, numbers and objects alike, compared
  // as a Map compares keys); a later appearance refers to that index.
  const indices = new Map<unknown, number>();
  const texts: string[] = [];
  let next = 0;

  const flatten = (value: unknown): number => {
    const existing = indices.get(value);
    // turbo-stream tests `if (existing)`: the first value (index 0) is never referred back to.
    if (existing) return existing;
    if (value === undefined) return UNDEFINED;
    if (value === null) return NULL;
    if (Number.isNaN(value)) return NAN;
    if (value === Number.POSITIVE_INFINITY) return POSITIVE_INFINITY;
    if (value === Number.NEGATIVE_INFINITY) return NEGATIVE_INFINITY;
    if (value === 0 && 1 / value < 0) return NEGATIVE_ZERO;
    const index = next++;
    indices.set(value, index);
    texts[index] = describe(value);
    return index;
  };

  const members = (object: object): string => {
    let text = "";
    let first = true;
    for (const key of Object.keys(object)) {
      text += `${first ? "" : ","}"_${flatten(key)}":${flatten((object as Record<string, unknown>)[key])}`;
      first = false;
    }
    return text;
  };

  const tagged = (result: unknown[]): string => {
    const [tag, ...rest] = result;
    let text = `[${JSON.stringify(tag)}`;
    if (rest.length > 0) text += `,${rest.map((v) => flatten(v)).join(",")}`;
    return `${text}]`;
  };

  const describe = (value: unknown): string => {
    switch (typeof value) {
      case "string":
        // JSON.stringify's text, without its call for the usual string that needs no escape.
        return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
      case "boolean":
      case "number":
        return JSON.stringify(value);
      case "object": {
        if (Array.isArray(value)) {
          let text = "[";
          for (let i = 0; i < value.length; i++) text += (i ? "," : "") + (i in value ? flatten(value[i]) : HOLE);
          return `${text}]`;
        }
        const object = value as object;
        for (const plugin of plugins) {
          const result = plugin(object);
          if (Array.isArray(result)) return tagged(result);
        }
        const proto = Object.getPrototypeOf(object) as object | null;
        if (proto === Object.prototype) {
          // Symbol keys are not sent, but a plugin above may have looked at them.
          return `{${members(object)}}`;
        }
        if (object instanceof Date) return `["D",${object.getTime()}]`;
        if (object instanceof URL) return `["U",${JSON.stringify(object.href)}]`;
        if (object instanceof RegExp) return `["R",${JSON.stringify(object.source)},${JSON.stringify(object.flags)}]`;
        if (object instanceof Set) return object.size > 0 ? `["S",${[...object].map((v) => flatten(v)).join(",")}]` : `["S"]`;
        if (object instanceof Map) return object.size > 0 ? `["M",${[...object].flatMap(([k, v]) => [flatten(k), flatten(v)]).join(",")}]` : `["M"]`;
        if (object instanceof Promise || object instanceof Error) throw giveUp;
        if (proto === null) return `["N",{${members(object)}}]`;
        if (Object.getOwnPropertyNames(proto).sort().join("\0") === objectProtoNames) return `{${members(object)}}`;
        throw giveUp;
      }
      default:
        throw giveUp;
    }
  };

  try {
    const root = flatten(input);
    return root < 0 ? `${root}\n` : `[${texts.join(",")}]\n`;
  } catch {
    // Something to leave to turbo-stream (`giveUp`), or a value its own encoder fails on too (a getter
    // that throws, nesting deeper than the stack): turbo-stream's encoder gives its own answer.
    return null;
  }
}

const textEncoder = new TextEncoder();

/** turbo-stream's `encode`, answered by `encodePlainly` where it can, by `original` otherwise. */
export function plainlyFirst(original: Encode): Encode & { original: Encode } {
  const encode = (input: unknown, options?: EncodeOptions) => {
    const text = encodePlainly(input, options?.plugins);
    if (text === null) return original(input, options);
    const bytes = textEncoder.encode(text);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  };
  return Object.assign(encode, { original });
}

let installed = false;

/**
 * Makes Remix's server runtime encode through `plainlyFirst` (it calls `turboStream.encode` on the
 * module it required, at each call). Returns false when turbo-stream is not where Remix finds it.
 */
export function installPlainEncoding(): boolean {
  if (installed) return true;
  const fromRemix = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
  const turboStream = fromRemix("turbo-stream") as { encode: Encode };
  if (typeof turboStream.encode !== "function") return false;
  turboStream.encode = plainlyFirst(turboStream.encode);
  installed = true;
  return true;
}
