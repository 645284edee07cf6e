import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "#app/modules/i18n/config";
import { i18nServer } from "#app/modules/i18n/i18next.server";
import { securityHeaders } from "#app/utils/headers.server";
import { NonceProvider } from "#app/utils/nonce";

const ABORT_DELAY = 5_000;

// One initialised i18next instance per language, shared by all requests (each is fixed to its language).
const instances = new Map<string, Promise<ReturnType<typeof createInstance>>>();
function i18nFor(lng: string) {
  let instance = instances.get(lng);
  if (!instance) {
    const i = createInstance();
    instance = i
      .use(initReactI18next)
      .init({ ...i18nConfig, lng })
      .then(() => i);
    instances.set(lng, instance);
  }
  return instance;
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

  // Crawlers get the whole page at once; browsers get the shell as soon as it is ready.
  const bot = isbot(request.headers.get("user-agent") ?? "");

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Cleared once everything is rendered: a pending timer would keep each finished render alive.
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!bot) send();
        },
        onAllReady() {
          clearTimeout(timer);
          if (bot) send();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    function send() {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    }
  });
}

/** Logs unexpected errors with the request's id, which the error page shows instead of any details. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? "-";
  console.error(`[Fehler ${requestId}] ${request.method} ${new URL(request.url).pathname}`, error);
};
