import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "#app/modules/auth/session.server";
import { createUser } from "#tests/factories/index";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { ensureBuild, startInstance } from "#tests/helpers/server";

// Oversized request bodies against the production server: refused with 413 before they are read,
// quickly, and without the server's memory growing by the body's size.

const MB = 1024 * 1024;

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
}

/**
 * Sends a body of `size` bytes in 64 KiB pieces, as a browser would, and stops sending once the
 * server has answered. Resolves with the status and the milliseconds until the answer.
 */
function send(url: string, size: number, headers: Record<string, string>, chunked = false): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // A keep-alive connection, as browsers use (Node's client would otherwise ask to close it).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const req = http.request(url, { method: "POST", agent, headers: { ...headers, ...(chunked ? {} : { "Content-Length": String(size) }) } });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        req.destroy();
        agent.destroy();
        resolve({ status: res.statusCode ?? 0, ms: Date.now() - started, body });
      });
    });
    // Once the server closes the connection, writing fails; the answer has been read by then.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const piece = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (!answered && sent < size && !req.destroyed) {
        const n = Math.min(piece.length, size - sent);
        sent += n;
        if (!req.write(n === piece.length ? piece : piece.subarray(0, n))) return void req.once("drain", write);
      }
      if (sent >= size && !answered) req.end();
    };
    write();
  });
}

describe(`request body limits (${dialectUnderTest})`, () => {
  const { db } = setupTestDatabase();
  const port = 4990 + Math.floor(Math.random() * 9);
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess;
  let cookie: string;

  beforeAll(async () => {
    ensureBuild();
    server = await startInstance(port, process.env.DATABASE_URL!);
    const user = await createUser(db(), { organisation: "Homburg" });
    cookie = `bundel_session=${(await createSession(db(), user.id)).token}`;
  }, 360_000);

  afterAll(() => {
    server?.kill("SIGKILL");
  });

  it("refuses form bodies of 1, 10 and 100 MB with 413 at once, with memory staying bounded", async () => {
    const before = rssMb(server.pid!);
    const headers = { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" };
    for (const size of [1, 10, 100]) {
      const r = await send(`${base}/anforderungen/neu`, size * MB, headers);
      expect(r.status, `${size} MB`).toBe(413);
      expect(r.body).toContain("zu groß");
      expect(r.ms, `${size} MB answered in`).toBeLessThan(2_000);
    }
    // 100 MB and more of uploads (multipart) are refused the same way.
    const upload = await send(`${base}/anforderungen/neu`, 100 * MB, { ...headers, "Content-Type": "multipart/form-data; boundary=x" });
    expect(upload.status).toBe(413);
    expect(rssMb(server.pid!) - before).toBeLessThan(40);
  }, 60_000);

  it("lets a form of normal size and an upload of a few MB through to the application", async () => {
    const headers = { Cookie: cookie, Origin: base };
    const form = await send(`${base}/anforderungen/neu`, 100 * 1024, { ...headers, "Content-Type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(400); // the application's answer: the fields are missing
    const upload = await send(`${base}/anforderungen/neu`, 5 * MB, { ...headers, "Content-Type": "multipart/form-data; boundary=x" });
    // Not refused for its size; the application answers (the multipart body itself is malformed).
    expect(upload.status).not.toBe(413);
    expect(upload.status).toBeLessThan(500);
  }, 60_000);

  it("refuses a body without a declared length (chunked) with 411", async () => {
    const r = await send(`${base}/anforderungen/neu`, 10 * MB, { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, true);
    expect(r.status).toBe(411);
    expect(r.ms).toBeLessThan(2_000);
  }, 60_000);
});
