import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeHex, encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** A random id and secret; only the secret's SHA-256 is stored, the token goes to the client. */
export function generateToken(): { id: string; secret: string; token: string; secretHash: string } {
  const id = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
  const secret = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function parseToken(token: string): { id: string; secret: string } | null {
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [id, secret] = parts;
  if (!/^[a-z2-7]{16,64}$/.test(id) || !/^[a-z2-7]{16,64}$/.test(secret)) return null;
  return { id, secret };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = decodeHex(hashSecret(secret));
  let b: Uint8Array;
  try {
    b = decodeHex(storedHash);
  } catch {
    return false;
  }
  return a.length === b.length && constantTimeEqual(a, b);
}
