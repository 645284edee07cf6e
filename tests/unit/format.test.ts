import { describe, expect, it } from "vitest";
import { formatDate } from "#app/utils/format";

describe("date format", () => {
  it("shows calendar dates as written and timestamps in German time", () => {
    expect(formatDate("2028-01-01", "de")).toBe("01.01.2028");
    expect(formatDate("2026-11-27T23:30:00.000Z", "de")).toBe("28.11.2026");
    expect(formatDate("2026-11-27T23:30:00.000Z", "de", true)).toBe("28.11.2026, 00:30");
    expect(formatDate(null, "de")).toBe("–");
  });

  it("writes a period on one day with the day once, and one over two days in full", async () => {
    const { formattersFor } = await import("#app/utils/format");
    const { dateTime } = formattersFor("de");
    expect(dateTime.formatRange(new Date("2026-12-06T00:41:00Z"), new Date("2026-12-06T00:42:00Z"))).toBe("06.12.2026, 01:41–01:42 Uhr");
    // (Intl puts thin spaces around the dash.)
    expect(dateTime.formatRange(new Date("2026-12-06T22:41:00Z"), new Date("2026-12-07T09:42:00Z")).replace(/\u2009/g, " ")).toBe("06.12.2026, 23:41 – 07.12.2026, 10:42");
  });
});
