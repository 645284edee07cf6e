import { AppError, toResponse } from "./errors.server";
import { inCluster, onClusterMessage, sendToCluster } from "./cluster.server";

// Fixed-window counters for frequent, cheap actions (search, comments, uploads), in memory. The
// workers of one server tell each other every use, so a user's limit holds whichever worker answers.
// Sign-in throttling is stricter and lives in the database (auth/throttle.server.ts) so it also holds
// across separate instances.
const windows = new Map<string, { start: number; count: number }>();

interface Use {
  kind: keyof typeof LIMITS;
  who: string | number;
  at: number;
}

export const LIMITS = {
  search: { limit: 120, windowMs: 60_000 },
  suggest: { limit: 300, windowMs: 60_000 },
  comment: { limit: 20, windowMs: 60_000 },
  upload: { limit: 30, windowMs: 10 * 60_000 },
  export: { limit: 30, windowMs: 10 * 60_000 },
} as const;

/** Counts one use of `kind` by `who`; throws a 429 AppError with a German message past the limit. */
export function consumeRateLimit(kind: keyof typeof LIMITS, who: string | number, at = Date.now()): void {
  const count = count1(kind, who, at);
  sendToCluster("rate", { kind, who, at } satisfies Use);
  if (count > LIMITS[kind].limit) throw new AppError("too_many", 429, "errors.tooMany");
}

/** Counts one use and returns the uses in the current window. */
function count1(kind: keyof typeof LIMITS, who: string | number, at: number): number {
  const key = `${kind}:${who}`;
  const w = windows.get(key);
  if (!w || at - w.start >= LIMITS[kind].windowMs) {
    windows.set(key, { start: at, count: 1 });
    if (windows.size > 50_000) prune(at);
    return 1;
  }
  return ++w.count;
}

if (inCluster()) {
  onClusterMessage("rate", (body, fromSelf) => {
    const use = body as Use;
    if (!fromSelf && use && use.kind in LIMITS) count1(use.kind, use.who, use.at);
  });
}

function prune(at: number) {
  for (const [key, w] of windows) if (at - w.start > 10 * 60_000) windows.delete(key);
}

export function resetRateLimits() {
  windows.clear();
}

/** For loaders and actions: past the limit, answer 429 with the German message (error boundary). */
export function enforceRateLimit(kind: keyof typeof LIMITS, who: string | number): void {
  try {
    consumeRateLimit(kind, who);
  } catch (error) {
    toResponse(error);
  }
}
