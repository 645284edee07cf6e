import { resources } from "#app/locales/index";
import { isolateBidi } from "./bidi";

export const SUPPORTED_LANGUAGES = ["de", "en"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = "de";

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: "common",
  ns: Object.keys(resources.de),
  resources,
  // React escapes HTML itself. The "escape" of a value set into a text is its bidi isolation instead:
  // a name with right-to-left letters or controls must not reorder the sentence around it. Every
  // i18next instance (server render, browser, getFixedT, tests) is built from this config.
  interpolation: { escapeValue: true, escape: isolateBidi },
  react: { useSuspense: false },
};

export function isLanguage(v: unknown): v is Language {
  return typeof v === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(v);
}
