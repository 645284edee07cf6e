import { i18nServer } from "#app/modules/i18n/i18next.server";
import { AppError } from "#app/utils/errors.server";

// Downloads and the live-event stream are resource routes: no page, so no error boundary. A refusal
// thrown there (403, 404, 429) would reach the browser as Remix's bare English JSON
// ({"message":"Unexpected Server Error"}) and be logged as a server error. A stale or forwarded
// download link is an everyday way in, so such refusals get a small German page instead.

type Loader<A> = (args: A) => Promise<Response>;

/** Wraps a resource route's loader: refusals become a German error page with their status. */
export function resourceLoader<A extends { request: Request }>(loader: Loader<A>): Loader<A> {
  return async (args) => {
    try {
      return await loader(args);
    } catch (error) {
      // A redirect (to the sign-in page) stays one.
      if (error instanceof Response) return error;
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return errorPage(args.request, refusal.status, refusal.messageKey);
    }
  };
}

function refusalOf(error: unknown): { status: number; messageKey: string | null } | null {
  if (error instanceof AppError) return { status: error.status, messageKey: error.messageKey };
  // What `toResponse` throws: Remix's `data(payload, { status })`.
  if (typeof error !== "object" || error === null || (error as { type?: unknown }).type !== "DataWithResponseInit") return null;
  const { data, init } = error as { data: unknown; init: { status?: number } | null };
  const status = init?.status ?? 500;
  if (status < 400 || status >= 500) return null;
  const key = typeof data === "object" && data !== null ? (data as { messageKey?: unknown }).messageKey : undefined;
  return { status, messageKey: typeof key === "string" ? key : null };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function errorPage(request: Request, status: number, messageKey: string | null): Promise<Response> {
  const locale = await i18nServer.getLocale(request);
  const namespace = messageKey?.includes(":") ? messageKey.slice(0, messageKey.indexOf(":")) : "common";
  const t = await i18nServer.getFixedT(locale, namespace === "common" ? "common" : (["common", namespace] as const));
  const title = t(`errors.title.${status === 404 || status === 403 ? status : "other"}`);
  const fallback = status === 404 ? "errors.notFound" : status === 429 ? "errors.tooMany" : "errors.forbidden";
  const message = t(messageKey ?? fallback, { defaultValue: t(fallback) });
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${title} – Bündel`)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p role="alert">${escapeHtml(message)}</p>
<p><a href="/">${escapeHtml(t("errors.backHome"))}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
