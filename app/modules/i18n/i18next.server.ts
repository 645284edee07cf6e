import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { FALLBACK_LANGUAGE, i18nConfig, SUPPORTED_LANGUAGES } from "./config";

export const localeCookie = createCookie("lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

// German is the default; the browser's Accept-Language is deliberately not consulted, so that the
// portal speaks the administration's language unless a user switches.
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: localeCookie,
    order: ["cookie"],
  },
  i18next: { ...i18nConfig },
});
