import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { staticTopLevel } from "#app/utils/static-files.server";

let dir: string;
let base: string;
let server: ReturnType<ReturnType<typeof express>["listen"]>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-static-"));
  fs.writeFileSync(path.join(dir, "favicon.svg"), "<svg/>");
  fs.writeFileSync(path.join(dir, "ä b.txt"), "umlaut");
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets", "app-1.js"), "console.log(1)");
  const app = express();
  app.use(staticTopLevel(dir, { maxAge: "1h" }));
  app.all("*", (req, res) => {
    res.type("text/plain").send(`app ${req.method} ${req.path}`);
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = async (p: string, init?: RequestInit) => {
  const res = await fetch(base + p, init);
  return { status: res.status, body: await res.text(), cacheControl: res.headers.get("cache-control") };
};

describe("static files known at start", () => {
  it("serves the folder's files and sub-folders with the given caching", async () => {
    expect(await get("/favicon.svg")).toEqual({ status: 200, body: "<svg/>", cacheControl: "public, max-age=3600" });
    expect((await get("/assets/app-1.js")).body).toBe("console.log(1)");
    expect((await get("/%C3%A4%20b.txt")).body).toBe("umlaut");
  });

  it("hands every other request to the app, including missing files in a known sub-folder", async () => {
    expect((await get("/anforderungen")).body).toBe("app GET /anforderungen");
    expect((await get("/")).body).toBe("app GET /");
    expect((await get("/assets/fehlt.js")).body).toBe("app GET /assets/fehlt.js");
    expect((await get("/favicon.svg", { method: "POST" })).body).toBe("app POST /favicon.svg");
    // A malformed escape is no file name: passed on unchanged (Express then answers 400, not 500).
    expect((await get("/%E0%A4%A")).status).toBe(400);
  });

  it("does not ask the disk for paths outside the folder's entries", async () => {
    const stat = vi.spyOn(fs, "stat");
    try {
      await get("/anforderungen/12");
      expect(stat).not.toHaveBeenCalled();
      await get("/favicon.svg");
      expect(stat).toHaveBeenCalled();
    } finally {
      stat.mockRestore();
    }
  });
});
