import { parseWithZod } from "@conform-to/zod";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decideFormSchema, liveActionSchema } from "#app/modules/workshops/schema";
import { berlinToday, firstDeferralDate, isAfterBerlinToday, startOfMinute } from "#app/utils/time";

// "Today" is the calendar date in Berlin, where the users are: between midnight and 01:00 (02:00 in
// summer) Berlin time the UTC date is still the day before. Fixed clocks, no waiting.

const at = (iso: string) => Date.parse(iso);

describe("today in Berlin", () => {
  it.each([
    // Summer (CEST, UTC+2): the day changes at 22:00 UTC.
    ["2026-06-30T21:59:59Z", "2026-06-30", "2026-07-01"],
    ["2026-06-30T22:00:00Z", "2026-07-01", "2026-07-02"],
    ["2026-06-30T22:30:00Z", "2026-07-01", "2026-07-02"],
    ["2026-07-01T12:00:00Z", "2026-07-01", "2026-07-02"],
    // Winter (CET, UTC+1): the day, and here the year, changes at 23:00 UTC.
    ["2026-12-31T22:59:59Z", "2026-12-31", "2027-01-01"],
    ["2026-12-31T23:00:00Z", "2027-01-01", "2027-01-02"],
    ["2026-12-31T23:30:00Z", "2027-01-01", "2027-01-02"],
    // The nights the clocks change, and a leap day.
    ["2026-03-28T23:30:00Z", "2026-03-29", "2026-03-30"],
    ["2026-03-29T21:59:59Z", "2026-03-29", "2026-03-30"],
    ["2026-10-24T22:30:00Z", "2026-10-25", "2026-10-26"],
    ["2026-10-25T22:59:59Z", "2026-10-25", "2026-10-26"],
    ["2028-02-28T23:30:00Z", "2028-02-29", "2028-03-01"],
  ])("at %s it is %s in Berlin; the earliest deferral date is %s", (instant, today, first) => {
    expect(berlinToday(at(instant))).toBe(today);
    expect(firstDeferralDate(at(instant))).toBe(first);
    // The browser's earliest date (the field's min) is exactly the first date the rule accepts.
    expect(isAfterBerlinToday(today, at(instant))).toBe(false);
    expect(isAfterBerlinToday(first, at(instant))).toBe(true);
  });

  it("takes a Date as well as milliseconds", () => {
    expect(berlinToday(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(isAfterBerlinToday("2026-07-01", new Date("2026-06-30T22:30:00Z"))).toBe(false);
  });
});

describe("deferral date in the decision forms, by the clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const serverErrors = (deferredUntil: string) => {
    const r = liveActionSchema.safeParse({ intent: "decide", itemId: 1, decision: "defer", rationale: "Später", deferredUntil, confirm: "yes" });
    return r.success ? {} : r.error.flatten().fieldErrors;
  };
  const browserErrors = (deferredUntil: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "decide", itemId: "1", decision: "defer", rationale: "Später", deferredUntil })) form.set(k, v);
    const submission = parseWithZod(form, { schema: decideFormSchema });
    return submission.status === "success" ? {} : submission.error;
  };
  const past = { deferredUntil: ["workshops:errors.deferredPast"] };

  it.each([
    ["2026-06-30T22:30:00Z", "2026-06-30", "2026-07-01", "2026-07-02"],
    ["2026-12-31T23:30:00Z", "2026-12-31", "2027-01-01", "2027-01-02"],
    ["2026-07-01T10:00:00Z", "2026-06-30", "2026-07-01", "2026-07-02"],
  ])("at %s refuses %s and %s (today in Berlin), accepts %s, on the server and in the browser alike", (instant, yesterday, today, tomorrow) => {
    vi.useFakeTimers({ toFake: ["Date"], now: at(instant) });
    for (const errors of [serverErrors, browserErrors]) {
      expect(errors(yesterday)).toEqual(past);
      expect(errors(today)).toEqual(past);
      expect(errors(tomorrow)).toEqual({});
    }
    expect(firstDeferralDate()).toBe(tomorrow);
  });
});

describe("startOfMinute", () => {
  it("gives the start of the minute, the precision the cockpit's „Stand“ shows", () => {
    expect(startOfMinute(Date.parse("2026-12-07T12:07:41.579Z"))).toBe("2026-12-07T12:07:00.000Z");
    expect(startOfMinute(Date.parse("2026-12-07T12:07:59.999Z"))).toBe("2026-12-07T12:07:00.000Z");
    expect(startOfMinute(Date.parse("2026-12-07T12:08:00.000Z"))).toBe("2026-12-07T12:08:00.000Z");
  });
});
