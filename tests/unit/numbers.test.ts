import { describe, expect, it } from "vitest";
import { groupDigits, readWholeNumber } from "#app/utils/numbers";

describe("readWholeNumber", () => {
  it.each([
    ["120000", 120_000],
    ["120.000", 120_000],
    ["1.000.000", 1_000_000],
    ["120,000", 120_000],
    ["1 000 000", 1_000_000],
    ["1\u202f000\u202f000", 1_000_000],
    ["181\u00a0959", 181_959],
    [" 1.234.567 ", 1_234_567],
    ["120.000,00", 120_000],
    ["120.000,0", 120_000],
    ["120000,00", 120_000],
    ["120,000.00", 120_000],
    [" 42 ", 42],
    ["0", 0],
  ])("reads %j as %d", (text, expected) => {
    expect(readWholeNumber(text)).toBe(expected);
  });

  it.each(["120.000,50", "120,5", "1.5", "12.34", "1.234,567", "1.234.56", "12.00.000", "1.000,000", "1.000 000", "12a", "abc", "-5", "1e6", "0x10", "12.0000", "120..000"])(
    "reads %j as no number, for the schema to refuse",
    (text) => {
      expect(readWholeNumber(text)).toBeNaN();
    },
  );

  it("leaves an empty field empty, for the schema to treat as missing", () => {
    expect(readWholeNumber("")).toBe("");
    expect(readWholeNumber("   ")).toBe("");
  });

  it("passes non-strings through", () => {
    expect(readWholeNumber(undefined)).toBeUndefined();
    expect(readWholeNumber(7)).toBe(7);
  });
});

describe("groupDigits", () => {
  it("groups plain digits for display", () => {
    expect(groupDigits("120000", ".")).toBe("120.000");
    expect(groupDigits("1000000", ",")).toBe("1,000,000");
    expect(groupDigits("999", ".")).toBe("999");
  });

  it.each(["1e9", "-1", "3.5", "12,50", "3,5", "120.000", " 1200", "viele", ""])("leaves %j as typed", (text) => {
    expect(groupDigits(text, ".")).toBe(text);
  });
});
