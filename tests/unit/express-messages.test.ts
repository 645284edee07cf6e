import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { expressMessageClasses } from "#app/utils/express-messages.server";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server around `app` made with `options`; records each request's and response's prototype before Express sees them. */
async function serveWith(app: express.Express, options: http.ServerOptions) {
  const born: { request: boolean; response: boolean; nodeTypes: boolean }[] = [];
  server = http.createServer(options, (req, res) => {
    born.push({
      request: Object.getPrototypeOf(req) === app.request,
      response: Object.getPrototypeOf(res) === app.response,
      nodeTypes: req instanceof http.IncomingMessage && res instanceof http.ServerResponse,
    });
    app(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { born, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("requests and responses born with Express's prototypes", () => {
  it("are Express's and Node's both, before Express's first middleware runs", async () => {
    const app = express();
    app.get("/echo", (req, res) => {
      res.status(201).set("X-Seen", req.get("x-test") ?? "").json({ path: req.path, query: req.query, secure: req.secure });
    });
    const { born, base } = await serveWith(app, expressMessageClasses(app));
    const answer = await fetch(`${base}/echo?a=1`, { headers: { "X-Test": "Mitzeichnung" } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("x-seen")).toBe("Mitzeichnung");
    expect(await answer.json()).toEqual({ path: "/echo", query: { a: "1" }, secure: false });
    expect(born).toEqual([{ request: true, response: true, nodeTypes: true }]);
  });

  it("serve several requests on one kept-alive connection, each with its own objects", async () => {
    const app = express();
    const seen = new Set<unknown>();
    app.use((req, res) => {
      seen.add(req);
      seen.add(res);
      res.send(`Nr. ${seen.size / 2}`);
    });
    const { born, base } = await serveWith(app, expressMessageClasses(app));
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push(await (await fetch(`${base}/`)).text());
    expect(texts).toEqual(["Nr. 1", "Nr. 2", "Nr. 3"]);
    expect(born.every((b) => b.request && b.response)).toBe(true);
  });

  it("without them, Express has to change each prototype itself", async () => {
    const app = express();
    app.use((_req, res) => res.end());
    const { born, base } = await serveWith(app, {});
    await (await fetch(`${base}/`)).text();
    expect(born).toEqual([{ request: false, response: false, nodeTypes: true }]);
  });
});
