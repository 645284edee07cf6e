import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = "Europe/Berlin";

/** "2026-12-01T10:00" typed in a datetime-local field, read as Berlin time → ISO-8601 UTC. */
export function berlinLocalToIso(local: string): string | null {
  const d = dayjs.tz(local, "YYYY-MM-DDTHH:mm", ZONE);
  // Overflowing dates ("2026-13-01") and times in the spring-forward gap do not round-trip: refused.
  if (!d.isValid() || isoToBerlinLocal(d.toISOString()) !== local) return null;
  return d.toISOString();
}

/**
 * The end of a calendar day (YYYY-MM-DD) in Berlin as ISO-8601 UTC: the last millisecond before the
 * next day's midnight there. A deadline "bis zum 21.12." then shows as 21.12., 23:59.
 */
export function endOfBerlinDay(date: string): string {
  const next = dayjs.tz(`${date}T00:00`, "YYYY-MM-DDTHH:mm", ZONE).add(1, "day").format("YYYY-MM-DD");
  return new Date(dayjs.tz(`${next}T00:00`, "YYYY-MM-DDTHH:mm", ZONE).valueOf() - 1).toISOString();
}

/** ISO-8601 UTC → the value a datetime-local field shows, in Berlin time. */
export function isoToBerlinLocal(iso: string): string {
  return dayjs(iso).tz(ZONE).format("YYYY-MM-DDTHH:mm");
}

/** ISO-8601 UTC → "01.12.2026, 10:00" in Berlin time, as notification texts store it (read by German users). */
export function isoToBerlinText(iso: string): string {
  return dayjs(iso).tz(ZONE).format("DD.MM.YYYY, HH:mm");
}

/**
 * The calendar date in Berlin at `at` (default: now) as YYYY-MM-DD: "today" as German users count it.
 * The UTC date would still show yesterday between midnight and 01:00 (02:00 in summer) Berlin time.
 */
export function berlinToday(at: number | Date = Date.now()): string {
  return dayjs(at).tz(ZONE).format("YYYY-MM-DD");
}

/** The earliest date a deferral („Zurückstellen bis“) may name: tomorrow in Berlin. */
export function firstDeferralDate(at: number | Date = Date.now()): string {
  // Calendar arithmetic on the date alone (read as UTC), so a DST change cannot shift the day.
  return dayjs.utc(berlinToday(at)).add(1, "day").format("YYYY-MM-DD");
}

/** Whether a YYYY-MM-DD date lies after today in Berlin, as a deferral's date must. */
export function isAfterBerlinToday(date: string, at: number | Date = Date.now()): boolean {
  return date > berlinToday(at);
}

/**
 * The current minute's start as an ISO timestamp: for figures shown "as of" a time to the minute
 * (the cockpit's „Stand“), so that the same minute gives the same data (and the same page).
 */
export function startOfMinute(at: number = Date.now()): string {
  return new Date(Math.floor(at / 60_000) * 60_000).toISOString();
}
