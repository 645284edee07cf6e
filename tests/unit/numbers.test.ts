import { describe, expect, it } from "vitest";
import { wholeNumberInput } from "#app/utils/numbers";

describe("wholeNumberInput", () => {
  it.each([
    ["120000", 120_000],
    ["120.000", 120_000],
    ["1.000.000", 1_000_000],
    ["120,000", 120_000],
    ["1 000 000", 1_000_000],
    ["1\u202f000\u202f000", 1_000_000],
    ["120.000,00", 120_000],
    ["120.000,0", 120_000],
    ["120000,00", 120_000],
    ["120,000.00", 120_000],
    [" 42 ", 42],
    ["0", 0],
  ])("reads %j as %d", (text, expected) => {
    expect(wholeNumberInput(text)).toBe(expected);
  });

  it.each(["120.000,50", "120,5", "12.00.000", "1.000,000", "1.000 000", "12a", "", "-5", "1e6", "0x10", "12.0000", "120..000"])(
    "reads %j as no number, for the schema to refuse",
    (text) => {
      expect(wholeNumberInput(text)).toBeNaN();
    },
  );

  it("passes non-strings through", () => {
    expect(wholeNumberInput(undefined)).toBeUndefined();
    expect(wholeNumberInput(7)).toBe(7);
  });
});
