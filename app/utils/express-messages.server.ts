import http from "node:http";
import type { Socket } from "node:net";
import type { Express } from "express";

/**
 * Request and response classes for `http.createServer` whose instances are born with Express's own
 * prototypes (`app.request`, `app.response`), so Express's first middleware, which gives every
 * request and response those prototypes with `Object.setPrototypeOf`, finds them already set and
 * changes nothing.
 *
 * Why: V8 keeps an object whose prototype was changed after it was made, and everything it refers
 * to, through the young generation's collections; they reach the old generation, which V8 must then
 * mark and compact. With Express's change, every response (its headers, its listeners, the
 * request's signal, the page's data) was promoted: about 520 KB per young-generation collection in a
 * bare Express server, and 370 KB in Bündel's serving threads, which then ran a full collection
 * twice a second, its marking taking about half a core on V8's helper threads. Born with the right
 * prototype, the same bare server promotes about 1 KB per collection and never needs a full one
 * (README, Performance).
 */
export function expressMessageClasses(app: Express): { IncomingMessage: typeof http.IncomingMessage; ServerResponse: typeof http.ServerResponse } {
  function AppRequest(this: http.IncomingMessage, socket: Socket) {
    (http.IncomingMessage as unknown as (this: http.IncomingMessage, socket: Socket) => void).call(this, socket);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: http.ServerResponse, req: http.IncomingMessage, options?: unknown) {
    (http.ServerResponse as unknown as (this: http.ServerResponse, req: http.IncomingMessage, options?: unknown) => void).call(this, req, options);
  }
  AppResponse.prototype = app.response;
  return {
    IncomingMessage: AppRequest as unknown as typeof http.IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof http.ServerResponse,
  };
}
