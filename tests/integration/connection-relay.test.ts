import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveInThreads, type ThreadedServer } from "#app/utils/connection-relay.server";

// The connection relay of a multi-threaded server (WEB_CONCURRENCY > 1): the main thread accepts and
// passes each connection's bytes to a serving thread. Here the serving threads run a small HTTP
// server (tests/fixtures/relay-thread.ts, bundled with the relay's thread side).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-relay-"));
const threadFile = path.join(dir, "relay-thread.mjs");

function request(port: number, pathname: string, options: http.RequestOptions = {}, body?: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, agent: false, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const ended: { index: number; error?: Error }[] = [];

function start(count: number, workerData: Record<string, unknown> = {}) {
  return new Promise<{ server: ThreadedServer; gaveUp: Promise<{ times: number; error?: Error }> }>((resolve) => {
    let giveUp!: (value: { times: number; error?: Error }) => void;
    const gaveUp = new Promise<{ times: number; error?: Error }>((r) => (giveUp = r));
    const server: ThreadedServer = serveInThreads({
      count,
      startThread: (index) => new Worker(threadFile, { resourceLimits: { maxYoungGenerationSizeMb: 12 }, workerData: { index, ...workerData } }),
      port: 0,
      host: "127.0.0.1",
      onListening: () => resolve({ server, gaveUp }),
      onThreadEnded: (index, _code, error) => ended.push({ index, error }),
      onGiveUp: (_index, _code, times, error) => {
        giveUp({ times, error });
        resolve({ server, gaveUp });
      },
    });
  });
}

describe("connection relay between the main thread and serving threads", () => {
  let server: ThreadedServer;
  let port: number;

  beforeAll(async () => {
    await build({ entryPoints: [path.resolve("tests/fixtures/relay-thread.ts")], bundle: true, platform: "node", format: "esm", outfile: threadFile, logLevel: "warning" });
    ({ server } = await start(2));
    port = server.port();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives new connections to the threads in turn, and each thread sees the client's address", async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await request(port, "/who")).body.toString().split(" "));
    const threads = answers.map(([thread]) => thread);
    expect(new Set(threads).size).toBe(2);
    expect(threads[0]).not.toBe(threads[1]);
    expect(threads[2]).toBe(threads[0]);
    expect(answers.every(([, address]) => address === "127.0.0.1")).toBe(true);
  });

  it("gives back the memory of every answer's bytes once they are written to the client", async () => {
    // The main thread seldom collects its heap: written answers must not wait for that.
    const written: Uint8Array[] = [];
    const write = net.Socket.prototype.write;
    net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
      if (this.localPort === port && chunk instanceof Uint8Array) written.push(chunk);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof write;
    try {
      const body = randomBytes(2 * 1024 * 1024);
      const res = await request(port, "/echo", { method: "POST", headers: { "Content-Length": body.length } }, body);
      expect(res.body.equals(body)).toBe(true);
    } finally {
      net.Socket.prototype.write = write;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(written.reduce((sum, chunk) => sum + chunk.buffer.byteLength, 0)).toBe(0);
    expect(written.length).toBeGreaterThan(0);
  });

  it("passes a 4 MB body to the thread and its 4 MB answer back unchanged", async () => {
    const body = randomBytes(4 * 1024 * 1024);
    const res = await request(port, "/echo", { method: "POST", headers: { "Content-Length": body.length } }, body);
    expect(res.status).toBe(200);
    expect(res.body.equals(body)).toBe(true);
  });

  it("gives a reader that takes its time all of a 32 MB answer", async () => {
    const expected = createHash("sha256");
    const chunk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = i % 251;
    for (let i = 0; i < 512; i++) expected.update(chunk);
    const got = createHash("sha256");
    let bytes = 0;
    await new Promise<void>((resolve, reject) => {
      http.get({ host: "127.0.0.1", port, path: "/big?mb=32", agent: false }, async (res) => {
        for await (const part of res) {
          got.update(part as Buffer);
          bytes += (part as Buffer).length;
          await new Promise((r) => setImmediate(r));
        }
        resolve();
      }).on("error", reject);
    });
    expect(bytes).toBe(32 * 1024 * 1024);
    expect(got.digest("hex")).toBe(expected.digest("hex"));
  });

  it("keeps a connection between requests on one thread and closes it when it stays idle", async () => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise<void>((r) => socket.once("close", () => r()));
    const answers: string[] = [];
    for (let i = 0; i < 2; i++) {
      received = "";
      socket.write("GET /who HTTP/1.1\r\nHost: relay\r\n\r\n");
      while (!/\r\n\r\n\d+ 127\.0\.0\.1$/.test(received)) await new Promise((r) => socket.once("data", r));
      answers.push(received.split("\r\n\r\n")[1]!);
    }
    expect(answers[1]).toBe(answers[0]);
    // The thread's keep-alive timeout (300 ms) ends the idle connection; the client sees it close.
    await closed;
    expect(socket.destroyed).toBe(true);
  });

  it("replaces a thread that dies, closing its connections and no others", async () => {
    const held = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ host: "127.0.0.1", port, path: "/hold", agent: false }, (res) => res.once("data", () => resolve(res))).on("error", reject);
    });
    // The next new connection goes to the other thread (fewer connections): that one crashes.
    const crashed = ended.length;
    await new Promise<void>((resolve) => {
      http.get({ host: "127.0.0.1", port, path: "/crash", agent: false }, (res) => {
        res.on("close", () => resolve());
        res.resume();
      }).on("error", () => resolve());
    });
    for (let i = 0; i < 200 && ended.length === crashed; i++) await new Promise((r) => setTimeout(r, 25));
    expect(ended[crashed]?.error?.message).toBe("Absturz im Thread");
    // The held connection is on the other thread: still open.
    expect(held.destroyed).toBe(false);
    expect(held.socket.destroyed).toBe(false);
    held.destroy();
    // Both threads answer again (the replacement included).
    const threads = new Set<string>();
    for (let i = 0; i < 20 && threads.size < 2; i++) threads.add((await request(port, "/who")).body.toString().split(" ")[0]!);
    expect(threads.size).toBe(2);
  }, 30_000);

  it("stops with an error instead of replacing threads that fail at their start again and again", async () => {
    const { server: broken, gaveUp } = await start(2, { failAtStart: true });
    const { times, error } = await gaveUp;
    expect(times).toBe(3);
    expect(error?.message).toBe("kaputter Build");
    await broken.stop();
  }, 30_000);
});
