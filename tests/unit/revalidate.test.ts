import { describe, expect, it } from "vitest";
import { revalidateOnConflict } from "#app/utils/revalidate";

type Args = Parameters<typeof revalidateOnConflict>[0];
const args = (actionStatus: number | undefined, defaultShouldRevalidate: boolean) => ({ actionStatus, defaultShouldRevalidate }) as unknown as Args;

describe("re-reading a page after its action", () => {
  it("re-reads after a conflict (the record moved on), although Remix skips error answers", () => {
    expect(revalidateOnConflict(args(409, false))).toBe(true);
  });
  it("otherwise does what Remix would: not after a refused form, yes after a success", () => {
    expect(revalidateOnConflict(args(400, false))).toBe(false);
    expect(revalidateOnConflict(args(403, false))).toBe(false);
    expect(revalidateOnConflict(args(200, true))).toBe(true);
    expect(revalidateOnConflict(args(undefined, true))).toBe(true);
  });
});
