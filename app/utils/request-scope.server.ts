import { AsyncLocalStorage } from "node:async_hooks";

// What belongs to one HTTP request, reachable from every loader and action that handles it. Remix
// hands each loader its own copy of the Request, so the Request itself cannot tell that a layout's
// loader and its page's loader serve the same request. The server (scripts/serve.ts) and the Remix
// build are separate bundles with a copy of this module each: the storage sits under a global
// symbol so that both use the same one.

interface RequestScope {
  claimed: Set<string>;
  remembered: Map<string, unknown>;
}

const KEY: unique symbol = Symbol.for("buendel.requestScope");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestScope> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestScope>());

/** Runs `fn`, the handling of one HTTP request, with a scope of its own (through every await). */
export function runInRequestScope<T>(fn: () => T): T {
  return storage.run({ claimed: new Set(), remembered: new Map() }, fn);
}

/**
 * True the first time `key` is claimed while handling the current request, false after that. Outside
 * a request scope (a loader called directly, a script) every claim is the first.
 */
export function claimOncePerRequest(key: string): boolean {
  const scope = storage.getStore();
  if (!scope) return true;
  if (scope.claimed.has(key)) return false;
  scope.claimed.add(key);
  return true;
}

/**
 * The value `compute` gave for `key` earlier in the current request, or computes it now. Outside a
 * request scope it always computes. Callers share the value: it must not be modified.
 */
export function rememberForRequest<T>(key: string, compute: () => T): T {
  const scope = storage.getStore();
  if (!scope) return compute();
  if (scope.remembered.has(key)) return scope.remembered.get(key) as T;
  const value = compute();
  scope.remembered.set(key, value);
  return value;
}
