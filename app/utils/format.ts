// The one date and number format of the app. Formatters are costly to build, so one set per
// language is kept; a fixed time zone makes server and browser render the same text.
interface Formatters {
  dateTime: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  number: Intl.NumberFormat;
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

// Thousands grouped the German way ("181.959", "181 959", also with a narrow no-break space) or the
// English way ("181,959"), one separator throughout.
const GROUPED_WHOLE_NUMBER = /^\d{1,3}([.,\u0020\u00a0\u202f])\d{3}(?:\1\d{3})*$/;

/**
 * A whole number as people type it, with or without thousands grouping ("181.959" or "181959");
 * anything else is returned as it was, for the schema to reject.
 */
export function parseGroupedWholeNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (GROUPED_WHOLE_NUMBER.test(text)) return Number(text.replace(/\D/g, ""));
  return text;
}
