// The one date and number format of the app. Formatters are costly to build, so one set per
// language is kept; a fixed time zone makes server and browser render the same text.
interface Formatters {
  dateTime: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  number: Intl.NumberFormat;
  /** One decimal place, always shown: means and weighted totals (3,0 and 3,5 line up). */
  decimal: Intl.NumberFormat;
  percent: Intl.NumberFormat;
}

const cache = new Map<string, Formatters>();

export function formattersFor(language: string): Formatters {
  const locale = language === "en" ? "en-GB" : "de-DE";
  let f = cache.get(locale);
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Berlin" }),
      day: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "Europe/Berlin" }),
      // A plain date (YYYY-MM-DD) is a calendar day, not a moment: shown as written.
      date: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }),
      number: new Intl.NumberFormat(locale),
      decimal: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      percent: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }),
    };
    cache.set(locale, f);
  }
  return f;
}

/** A timestamp (ISO) or a calendar date (YYYY-MM-DD); "–" for none. */
export function formatDate(iso: string | null | undefined, language: string, withTime = false): string {
  if (!iso) return "–";
  const f = formattersFor(language);
  if (iso.length === 10) return f.date.format(new Date(`${iso}T00:00:00Z`));
  return (withTime ? f.dateTime : f.day).format(new Date(iso));
}
