import type * as Argon2 from "@node-rs/argon2";

// Loaded on first use: the native module costs every server process memory, and only sign-in and
// password changes need it.
let argon2: Promise<typeof Argon2> | undefined;
const loadArgon2 = () => (argon2 ??= import("@node-rs/argon2"));

// argon2id (the library default algorithm) with OWASP's minimum: m=19456 KiB, t=2, p=1.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

// Each hash holds ~19 MiB and a core for ~50 ms: cap how many run at once so a burst of sign-ins
// cannot exhaust memory or starve the event loop's thread pool.
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function hashPassword(password: string): Promise<string> {
  return withSlot(async () => (await loadArgon2()).hash(password, OPTIONS));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return withSlot(async () => (await loadArgon2()).verify(passwordHash, password));
}

// Compared against when the account does not exist, so unknown users cost as much time as known ones.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password-placeholder");
  await verifyPassword(await dummyHash, password);
}
