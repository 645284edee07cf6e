import { describe, expect, it } from "vitest";
import { formatDate } from "#app/utils/format";

describe("date format", () => {
  it("shows calendar dates as written and timestamps in German time", () => {
    expect(formatDate("2028-01-01", "de")).toBe("01.01.2028");
    expect(formatDate("2026-11-27T23:30:00.000Z", "de")).toBe("28.11.2026");
    expect(formatDate("2026-11-27T23:30:00.000Z", "de", true)).toBe("28.11.2026, 00:30");
    expect(formatDate(null, "de")).toBe("–");
  });
});
