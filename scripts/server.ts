import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { ensureFirstAdminLink } from "#app/modules/auth/auth.server";
import { isEnvelope } from "#app/utils/cluster.server";
import { isSameOrigin } from "#app/utils/origin.server";
import { closeDb, getDb, migrateToLatest } from "#db/client.server";
import { seedDemo } from "#db/seed/demo";
import { DEMO_PASSWORD, demoUsers } from "#db/seed/demo-users";
import { ensureReferenceData } from "#db/seed/reference";

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

/** Creates and migrates the database, loads reference data, and (demo) the demo accounts. */
export async function prepareDatabase({ demo }: { demo: boolean }): Promise<void> {
  const db = getDb();
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`Migrationen angewendet: ${applied.join(", ")}`);
  await ensureReferenceData(db);
  if (demo) {
    const { created } = await seedDemo(db);
    if (created) console.log("Demodaten geladen.");
    console.log("\nDemo-Zugänge (Passwort für alle: %s):", DEMO_PASSWORD);
    for (const u of demoUsers) console.log(`  ${u.email.padEnd(40)} ${u.purpose}`);
  }
}

/**
 * WEB_CONCURRENCY > 1 runs that many worker processes on one port (node:cluster), so a server uses
 * more than one core. The primary prepares the database once and passes messages between workers
 * (live workshop events, rate-limit counts: app/utils/cluster.server.ts); a worker that dies is
 * replaced. Default: one process.
 */
export async function startServer({ demo }: { demo: boolean }) {
  const workers = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1);
  const port = Number(process.env.PORT ?? 3000);
  const origin = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  if (cluster.isPrimary) {
    await prepareDatabase({ demo });
    const firstAdmin = await ensureFirstAdminLink(getDb());
    if (firstAdmin) console.log(`\nNoch kein Administrationskonto. Einmaliger Einrichtungslink (24 h gültig):\n  ${origin}/einrichtung/${firstAdmin}\n`);
    if (workers > 1) {
      await closeDb();
      runPrimary(workers, origin);
      return null;
    }
  }

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
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  // Static files above may be cached; anything past this point may show a signed-in user's data.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.headers.cookie ?? "").includes("bundel_session=")) res.setHeader("Cache-Control", "no-store");
    next();
  });
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) => ({ clientAddress: req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce as string, requestId: res.locals.requestId as string }),
    }),
  );
  const server = app.listen(port, process.env.HOST ?? "0.0.0.0", () => {
    if (cluster.isPrimary) console.log(`\nBündel läuft auf ${origin}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    // Live workshop event streams never end by themselves: give requests in flight a moment, then close.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  return server;
}

function runPrimary(workers: number, origin: string) {
  let stopping = false;
  let listening = 0;
  cluster.on("message", (_worker, message: unknown) => {
    if (!isEnvelope(message)) return;
    for (const w of Object.values(cluster.workers ?? {})) if (w?.isConnected()) w.send(message);
  });
  cluster.on("listening", () => {
    if (++listening === workers) console.log(`\nBündel läuft auf ${origin} (${workers} Prozesse)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Prozess ${worker.process.pid} beendet (${signal ?? code}), wird neu gestartet.`);
    cluster.fork();
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
