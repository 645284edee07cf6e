import { describe, expect, it } from "vitest";
import { formatDate, parseGroupedWholeNumber } from "#app/utils/format";

describe("date format", () => {
  it("shows calendar dates as written and timestamps in German time", () => {
    expect(formatDate("2028-01-01", "de")).toBe("01.01.2028");
    expect(formatDate("2026-11-27T23:30:00.000Z", "de")).toBe("28.11.2026");
    expect(formatDate("2026-11-27T23:30:00.000Z", "de", true)).toBe("28.11.2026, 00:30");
    expect(formatDate(null, "de")).toBe("–");
  });
});

describe("whole numbers as typed", () => {
  it("reads them with and without thousands grouping", () => {
    expect(parseGroupedWholeNumber("181959")).toBe(181959);
    expect(parseGroupedWholeNumber("181.959")).toBe(181959);
    expect(parseGroupedWholeNumber(" 1.234.567 ")).toBe(1234567);
    expect(parseGroupedWholeNumber("181 959")).toBe(181959);
    expect(parseGroupedWholeNumber("181\u202f959")).toBe(181959);
    expect(parseGroupedWholeNumber("181,959")).toBe(181959);
  });

  it("leaves what is not a grouped whole number for the schema to reject", () => {
    for (const text of ["1.5", "12.34", "1.234,567", "1.234.56", "abc", "-5"]) expect(parseGroupedWholeNumber(text)).toBe(text);
    expect(parseGroupedWholeNumber("")).toBe("");
    expect(parseGroupedWholeNumber(undefined)).toBe(undefined);
  });
});
