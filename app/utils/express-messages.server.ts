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
 * mark and compact. With Express's change, a bare Express server in the same relayed threads
 * promoted about 520 KB per young-generation collection; with requests and responses born right,
 * about 1 KB, and it never needed a full collection. In Bündel's serving threads, together with the
 * loaders' requests and the list's shared rows, promotion fell from 370 to 134 KB per collection and
 * full collections to half (README, Performance).
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
