import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ensureBuild } from "#tests/helpers/server";

describe("production server build", () => {
  it("is printed in Latin-1, so V8 keeps its source with one byte per character", () => {
    ensureBuild();
    const source = fs.readFileSync("build/server/index.js", "utf8");
    expect(source).not.toMatch(/[\u0100-\uffff]/);
    // The German texts are still there, as escapes: „ (U+201E) opens every German quotation.
    expect(source).toContain("\\u201E");
  }, 360_000);
});
