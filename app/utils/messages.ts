/**
 * Field messages travel from zod through conform as plain strings, so a message that names a value
 * (a maximum length) carries it after the key: "validation.tooLong?max=200".
 */
export function messageWithValues(key: string, values: Record<string, string | number>): string {
  return `${key}?${new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)])).toString()}`;
}

/** Splits a field message into its i18n key and the values it names. */
export function parseMessage(message: string): { key: string; values: Record<string, string> } {
  const at = message.indexOf("?");
  if (at < 0) return { key: message, values: {} };
  return { key: message.slice(0, at), values: Object.fromEntries(new URLSearchParams(message.slice(at + 1))) };
}

/** The message for a text longer than `max` characters. */
export const tooLong = (max: number) => messageWithValues("validation.tooLong", { max });
