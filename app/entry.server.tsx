import { Writable } from "node:stream";
import { type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "#app/modules/i18n/config";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { memoizePlainTranslations } from "#app/modules/i18n/memo.server";
import { securityHeaders } from "#app/utils/headers.server";
import { NonceProvider } from "#app/utils/nonce";
import { RenderCache, renderCacheBytes, takeHandoff } from "#app/utils/render-cache.server";
import { RENDER_LIMITS, renderDeadline } from "#app/utils/render-deadline.server";

// One initialised i18next instance per language, shared by all requests (each is fixed to its language).
const instances = new Map<string, Promise<ReturnType<typeof createInstance>>>();
function i18nFor(lng: string) {
  let instance = instances.get(lng);
  if (!instance) {
    const i = createInstance();
    instance = i
      .use(initReactI18next)
      .init({ ...i18nConfig, lng })
      .then(() => memoizePlainTranslations(i));
    instances.set(lng, instance);
  }
  return instance;
}

// Pages rendered before, by everything their HTML is made of (app/utils/render-cache.server.ts).
const renderCache = new RenderCache(renderCacheBytes());

function htmlResponse(html: Buffer<ArrayBuffer>, headers: Headers, status: number): Response {
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Content-Length", String(html.length));
  return new Response(html, { headers, status });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string } | undefined)?.cspNonce ?? "";
  securityHeaders(responseHeaders, nonce);
  const lng = await i18nServer.getLocale(request);
  const instance = await i18nFor(lng);

  // A page whose loaders returned exactly what they returned for a page rendered before (same
  // address, language and status) is the same HTML, but for this request's nonce and request id.
  // The loaders have run for this request with all their checks; only React's rendering is skipped.
  const requestId = (loadContext as { requestId?: string } | undefined)?.requestId ?? "";
  const volatile = [nonce, requestId];
  const state = remixContext.staticHandlerContext;
  const cacheable = renderCache.enabled && request.method === "GET" && responseStatusCode === 200 && !state.actionData && !state.errors;
  const data = cacheable ? await takeHandoff(remixContext) : null;
  const key = data ? renderCache.key({ url: request.url, status: responseStatusCode, locale: lng, data, volatile }) : null;
  const renderStartedAt = renderCache.renderStarts();
  if (key) {
    const html = renderCache.get(key, volatile);
    if (html) return htmlResponse(html, responseHeaders, responseStatusCode);
  }

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Given up only if it could not finish (app/utils/render-deadline.server.ts), not for waiting its turn.
    const deadline = renderDeadline(() => abort());
    // The page is sent in one piece once it is completely rendered. Its data is all loaded before
    // rendering starts (no deferred parts), so streaming would only split the same bytes into dozens
    // of small writes, each passing through a web stream, at a cost of about a millisecond per page.
    // It also lets an error anywhere in the page still change the status to 500.
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={RENDER_LIMITS.afterShellMs} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
          deadline.shellReady();
        },
        onAllReady() {
          deadline.done();
          const chunks: Buffer[] = [];
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              const html = Buffer.concat(chunks);
              if (key && responseStatusCode === 200) renderCache.set(key, html, volatile, renderStartedAt);
              resolve(htmlResponse(html, responseHeaders, responseStatusCode));
              done();
            },
          });
          pipe(sink);
        },
        onShellError(error: unknown) {
          deadline.done();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready reach Remix (and its error log) through onShellError.
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

/** Logs unexpected errors with the request's id, which the error page shows instead of any details. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? "-";
  console.error(`[Fehler ${requestId}] ${request.method} ${new URL(request.url).pathname}`, error);
};
