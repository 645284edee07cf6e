import type { i18n as I18n } from "i18next";

const PLAIN_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);
/** Keys come from code; a bound all the same, should one ever be built from data. */
const MEMO_SIZE = 20_000;

/**
 * Remembers translations looked up without values (labels, headings, status names: most of a page's
 * texts) on a server-side i18next instance, whose resources are part of the build and never change.
 * A lookup costs i18next several microseconds (key parsing, fallbacks, nesting, post-processing) and
 * a list page makes hundreds. Anything with values, counts, context or defaults goes to i18next as
 * before.
 */
export function memoizePlainTranslations(instance: I18n): I18n {
  const translate = instance.t.bind(instance) as (key: unknown, options?: Record<string, unknown>) => unknown;
  const memo = new Map<string, unknown>();
  const t = (key: unknown, options?: Record<string, unknown>) => {
    if (typeof key !== "string" || (options !== undefined && (typeof options !== "object" || options === null))) return translate(key, options);
    for (const name in options) {
      if (!PLAIN_OPTIONS.has(name) && options[name] !== undefined) return translate(key, options);
    }
    const id = `${String(options?.lng ?? "")}\u0000${String(options?.lngs ?? "")}\u0000${String(options?.ns ?? "")}\u0000${String(options?.keyPrefix ?? "")}\u0000${key}`;
    if (memo.has(id)) return memo.get(id);
    const text = translate(key, options);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(id, text);
    return text;
  };
  instance.t = t as I18n["t"];
  return instance;
}
