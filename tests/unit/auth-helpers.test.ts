import { describe, expect, it } from "vitest";
import { safeRedirect, signInSchema } from "#app/modules/auth/schema";
import { generateToken, parseToken, secretMatches } from "#app/modules/auth/tokens.server";
import { isSameOrigin } from "#app/utils/origin.server";

describe("tokens", () => {
  it("stores only a hash that matches the secret and nothing else", () => {
    const t = generateToken();
    expect(t.secretHash).not.toContain(t.secret);
    expect(secretMatches(t.secret, t.secretHash)).toBe(true);
    expect(secretMatches(`${t.secret.slice(0, -1)}a`, t.secretHash)).toBe(t.secret.endsWith("a"));
    expect(parseToken(t.token)).toEqual({ id: t.id, secret: t.secret });
  });

  it("rejects malformed tokens", () => {
    for (const bad of ["", "abc", "a.b.c", "<script>.x", `${"a".repeat(20)}.`, "x".repeat(5000)]) expect(parseToken(bad)).toBeNull();
  });
});

describe("safeRedirect", () => {
  it("follows only local paths", () => {
    expect(safeRedirect("/verwaltung?x=1")).toBe("/verwaltung?x=1");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
  });
});

describe("same-origin check", () => {
  it("accepts the own origin and refuses others", () => {
    expect(isSameOrigin("http://localhost:3000", undefined, "localhost:3000")).toBe(true);
    expect(isSameOrigin("https://evil.example", "same-origin", "localhost:3000")).toBe(false);
    expect(isSameOrigin(undefined, "same-origin", "localhost:3000")).toBe(true);
    expect(isSameOrigin(undefined, "cross-site", "localhost:3000")).toBe(false);
    expect(isSameOrigin(undefined, undefined, "localhost:3000")).toBe(false);
    expect(isSameOrigin("null", undefined, "localhost:3000")).toBe(false);
  });
});

describe("sign-in form schema", () => {
  it("normalises the e-mail and refuses over-long input with a message", () => {
    const ok = signInSchema.safeParse({ email: " Anna@Example.ORG ", password: "x" });
    expect(ok.success && ok.data.email).toBe("anna@example.org");
    const long = signInSchema.safeParse({ email: `${"a".repeat(250)}@example.org`, password: "x" });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0].message).toBe("validation.tooLong?max=254");
  });
});

describe("rate limits", () => {
  it("allows up to the limit per person and window, then refuses with 429 and a German message key", async () => {
    const { consumeRateLimit, LIMITS, resetRateLimits } = await import("#app/utils/rate-limit.server");
    resetRateLimits();
    const t = 1_000_000;
    for (let i = 0; i < LIMITS.comment.limit; i++) consumeRateLimit("comment", 1, t);
    expect(() => consumeRateLimit("comment", 1, t)).toThrowError(expect.objectContaining({ status: 429, messageKey: "errors.tooMany" }));
    // Another person, and the next window, are not affected.
    expect(() => consumeRateLimit("comment", 2, t)).not.toThrow();
    expect(() => consumeRateLimit("comment", 1, t + LIMITS.comment.windowMs)).not.toThrow();
  });
});
