// One server: the Express app around the Remix build (security headers, body limits, CSRF check,
// static files), listening on PORT or, in a serving thread, taking the connections the main thread
// relays. Loaded only by the threads that serve requests.
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parentPort } from "node:worker_threads";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { inCluster } from "#app/utils/cluster.server";
import { acceptRelayedConnections, THREAD_READY, THREAD_STOP } from "#app/utils/connection-relay.server";
import { expressMessageClasses } from "#app/utils/express-messages.server";
import { installLeanLoaderRequests } from "#app/utils/loader-request.server";
import { isSameOrigin } from "#app/utils/origin.server";
import { runInRequestScope } from "#app/utils/request-scope.server";
import { rememberRouteMatches, routerOwnMatchingRouted } from "#app/utils/route-matching.server";
import { staticTopLevel } from "#app/utils/static-files.server";
import { installPlainEncoding } from "#app/utils/turbo-encode.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// BUILD_DIR lets a second checkout's build run side by side (benchmarks, tests); default: ./build.
const buildDir = path.resolve(root, process.env.BUILD_DIR ?? "build");
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_MB ?? 25) * 1024 * 1024;
/** Forms without files: the longest form (a requirement, about 30,000 characters) stays far below. */
const MAX_FORM_BYTES = 512 * 1024;

/**
 * Answers at once without keeping the body: Node discards the rest as it arrives (the client, still
 * sending, can read the answer), and a client that keeps sending for more than ten seconds is cut off.
 */
function refuseBody(req: Request, res: Response, status: number, message: string) {
  res.status(status).type("text/plain; charset=utf-8").send(message);
  const cutOff = setTimeout(() => req.socket.destroy(), 10_000);
  cutOff.unref();
  req.once("end", () => clearTimeout(cutOff));
  req.once("close", () => clearTimeout(cutOff));
}

export async function serve({ port, origin }: { port: number; origin: string }) {
  // Route matching answers from memory for paths it has matched before (app/utils/route-matching.server.ts).
  rememberRouteMatches();
  if (!routerOwnMatchingRouted()) console.warn("Die Routenzuordnung des Routers selbst wird nicht gemerkt (hookRouterMatching lief zu spät).");
  // Loader data encoded for the browser in one pass where turbo-stream would write the same text (app/utils/turbo-encode.server.ts).
  if (!installPlainEncoding()) console.warn("turbo-stream nicht gefunden: Seitendaten werden mit dessen eigenem Encoder kodiert.");
  // Loaders get the page's own Request where Remix would copy it for nothing (app/utils/loader-request.server.ts).
  if (!installLeanLoaderRequests()) console.warn("Remix' Ladefunktion nicht gefunden: Jede Ladefunktion erhält eine Kopie der Anfrage.");
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Event streams go out uncompressed: gzip would have to flush every small event on every connection.
  app.use(compression({ filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res) }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.locals.requestId = randomBytes(6).toString("hex");
    if (req.secure || req.headers["x-forwarded-proto"] === "https") {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });
  // Remix's legacy data requests (?_data=…): the app uses single fetch (.data addresses), and Remix
  // answers the old form only with an English error, for a POST even a 500. No page of the app makes
  // them; a hand-made one is refused here in German.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!/[?&]_data(?:[=&]|$)/.test(req.originalUrl)) return next();
    refuseBody(req, res, 400, "Ungültige Anfrage: Diese Adresse beantwortet Bündel nicht.");
  });
  // Refuse oversized bodies before anything reads them: by their declared length, which every browser
  // form and fetch sends (a body longer than declared is a protocol error Node refuses by itself).
  // Only file uploads (multipart) may be large; every other form fits in MAX_FORM_BYTES. A body
  // without a declared length (chunked) is refused with 411 instead of being read to find out.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const declared = req.headers["content-length"];
    if (declared === undefined && req.headers["transfer-encoding"]) {
      return refuseBody(req, res, 411, "Bitte senden Sie die Daten mit Längenangabe (Content-Length).");
    }
    const multipart = String(req.headers["content-type"] ?? "").startsWith("multipart/form-data");
    if (Number(declared ?? 0) > (multipart ? MAX_BODY_BYTES : MAX_FORM_BYTES)) return refuseBody(req, res, 413, "Die gesendeten Daten sind zu groß.");
    next();
  });
  // CSRF: a mutation must come from this origin (Origin header, or Sec-Fetch-Site from browsers).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const host = req.headers.host ?? "";
    if (!isSameOrigin(req.headers.origin, req.headers["sec-fetch-site"] as string | undefined, host)) {
      res.status(403).type("text/plain; charset=utf-8").send("Anfrage von fremder Herkunft abgelehnt.");
      return;
    }
    next();
  });
  app.get("/favicon.ico", (_req: Request, res: Response) => res.redirect(301, "/favicon.svg"));
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(staticTopLevel(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.use(staticTopLevel(path.join(root, "public"), { maxAge: "1h" }));
  // Static files above may be cached; anything past this point may show a signed-in user's data: it
  // goes out no-store. Checked as the headers go out, not set now: the Remix adapter appends a
  // response's own Cache-Control (CSV downloads, attachments) to what is set here, which sent the
  // header twice. A response that says no-store itself keeps its header; any other gets no-store.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.headers.cookie ?? "").includes("bundel_session=")) {
      const writeHead = res.writeHead;
      res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
        if (!/\bno-store\b/i.test(String(this.getHeader("Cache-Control") ?? ""))) this.setHeader("Cache-Control", "no-store");
        return writeHead.apply(this, args);
      } as Response["writeHead"];
    }
    next();
  });
  // app.use, not app.all("*"): a route pattern decodes the path first and would answer a malformed
  // escape (/anforderungen/%FF) with Express's bare English 400 page; the app answers it in German.
  app.use(
    // One scope per request for all its loaders and its action (app/utils/request-scope.server.ts).
    (_req: Request, _res: Response, next: NextFunction) => runInRequestScope(next),
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) => ({ clientAddress: req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce as string, requestId: res.locals.requestId as string }),
    }),
  );
  // Requests and responses born with Express's prototypes (app/utils/express-messages.server.ts).
  const server = http.createServer(expressMessageClasses(app), app);
  const stop = () => {
    server.close(() => process.exit(0));
    // Live workshop event streams never end by themselves: give requests in flight a moment, then close.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  };
  if (inCluster()) {
    // A serving thread: the main thread accepts the connections and relays them (scripts/server.ts).
    acceptRelayedConnections(server, (message) => message === THREAD_STOP && stop());
    parentPort!.postMessage(THREAD_READY);
    return server;
  }
  server.listen(port, process.env.HOST ?? "0.0.0.0", () => console.log(`\nBündel läuft auf ${origin}`));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  return server;
}
