import type { TFunction } from "i18next";

export interface RouteHandle {
  /** i18n key of the page title; or a function of the route's loader data for dynamic titles. */
  title?: string | ((data: unknown, t: TFunction) => string);
}

interface MatchLike {
  handle?: unknown;
  data?: unknown;
}

export function pageTitle(matches: MatchLike[], t: TFunction): string {
  const app = t("common:app.name");
  for (let i = matches.length - 1; i >= 0; i--) {
    const title = (matches[i].handle as RouteHandle | undefined)?.title;
    if (typeof title === "string") return `${t(title)} – ${app}`;
    if (typeof title === "function") return `${title(matches[i].data, t)} – ${app}`;
  }
  return app;
}
