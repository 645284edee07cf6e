import type http from "node:http";
import net from "node:net";
import { Duplex } from "node:stream";
import { parentPort, type MessagePort, type Worker } from "node:worker_threads";

// A server with several serving threads (WEB_CONCURRENCY > 1, scripts/server.ts) in one process:
// Node 20 cannot hand a socket to a worker thread, so the main thread accepts every connection and
// relays its bytes to one serving thread, which reads them as its own connection (any Duplex may
// be given to an HTTP server as a connection). The main thread parses nothing; it picks for each new
// connection the thread with the fewest open ones (in turn when that is a tie), passes bytes both
// ways with backpressure, and passes half-closes and closes. One process instead of a cluster
// primary and worker processes: Node's own code and libraries are in memory once, not once per
// process (README, Performance).

/** A serving thread tells the main thread it is ready for connections; the main thread asks it to stop. */
export const THREAD_READY = "buendel:ready";
export const THREAD_STOP = "buendel:stop";

/** What travels between the main thread and a serving thread, per connection `c`. */
type ToThread =
  | { c: number; open: { remoteAddress?: string; remotePort?: number; remoteFamily?: string; localAddress?: string; localPort?: number } }
  | { c: number; data: Uint8Array }
  | { c: number; end: true }
  | { c: number; closed: true }
  | { c: number; full: boolean };
type ToMain = { c: number; data: Uint8Array } | { c: number; end: true } | { c: number; destroy: true } | { c: number; reading: boolean };

/** A copy of the chunk's bytes in a buffer of its own, so it can be transferred instead of cloned. */
function own(chunk: Uint8Array): Uint8Array {
  return new Uint8Array(chunk);
}

/**
 * Gives a received buffer's memory back at once, once its bytes are written. The main thread
 * allocates almost nothing on its own heap, so V8 seldom collects there, and the response bytes the
 * threads sent (dead once written) stayed allocated until it did: 37 MB after a few seconds of load,
 * and V8 waits for up to 64 MB before it collects for such memory. A buffer transferred through a closed
 * port is detached and its memory dropped (the standard requires the transfer even then).
 */
const shredder = (() => {
  const { port1 } = new MessageChannel();
  port1.close();
  return port1;
})();
function release(bytes: Uint8Array): void {
  if (bytes.buffer.byteLength === 0) return;
  try {
    shredder.postMessage(null, [bytes.buffer as ArrayBuffer]);
  } catch {
    // Not transferable after all (never sent so by the threads): left to the garbage collector.
  }
}

interface Thread {
  worker: Worker;
  open: number;
}

/**
 * Main thread: hands each accepted connection (accepted paused: `pauseOnConnect`) to a serving
 * thread. Threads join with `add` and leave with `remove` (a replaced thread is a new one).
 */
export class ConnectionRelay {
  private threads: Thread[] = [];
  private sockets = new Map<number, { socket: net.Socket; thread: Thread }>();
  private nextId = 1;
  private turn = 0;

  add(worker: Worker): void {
    const thread: Thread = { worker, open: 0 };
    this.threads.push(thread);
    worker.on("message", (message: unknown) => this.fromThread(thread, message));
  }

  /** A thread has ended: its connections are closed, as a crashed worker process's were. */
  remove(worker: Worker): void {
    const thread = this.threads.find((t) => t.worker === worker);
    if (!thread) return;
    this.threads = this.threads.filter((t) => t !== thread);
    for (const [id, entry] of this.sockets) {
      if (entry.thread !== thread) continue;
      this.sockets.delete(id);
      entry.socket.destroy();
    }
  }

  hand(socket: net.Socket): void {
    const thread = this.pick();
    if (!thread) {
      socket.destroy();
      return;
    }
    const c = this.nextId++;
    thread.open++;
    this.sockets.set(c, { socket, thread });
    const post = (message: ToThread, transfer?: ArrayBuffer[]) => thread.worker.postMessage(message, transfer);
    socket.setNoDelay(true);
    post({ c, open: { remoteAddress: socket.remoteAddress, remotePort: socket.remotePort, remoteFamily: socket.remoteFamily, localAddress: socket.localAddress, localPort: socket.localPort } });
    socket.on("data", (chunk: Buffer) => {
      const bytes = own(chunk);
      post({ c, data: bytes }, [bytes.buffer as ArrayBuffer]);
    });
    socket.on("end", () => post({ c, end: true }));
    socket.on("drain", () => post({ c, full: false }));
    socket.on("error", () => {
      // 'close' follows and tells the thread.
    });
    socket.on("close", () => {
      if (this.sockets.get(c)?.socket !== socket) return;
      this.sockets.delete(c);
      thread.open--;
      post({ c, closed: true });
    });
    socket.resume();
  }

  private pick(): Thread | undefined {
    let best: Thread | undefined;
    for (let i = 0; i < this.threads.length; i++) {
      const t = this.threads[(this.turn + i) % this.threads.length]!;
      if (!best || t.open < best.open) best = t;
    }
    this.turn = (this.turn + 1) % Math.max(1, this.threads.length);
    return best;
  }

  private fromThread(thread: Thread, message: unknown): void {
    if (!message || typeof message !== "object" || typeof (message as ToMain).c !== "number") return;
    const m = message as ToMain;
    const entry = this.sockets.get(m.c);
    if (!entry || entry.thread !== thread) return;
    const { socket } = entry;
    if ("data" in m) {
      // The buffer is this message's own (the thread sends a copy of its own and transfers it).
      const data = m.data;
      if (!socket.write(data, () => release(data))) thread.worker.postMessage({ c: m.c, full: true } satisfies ToThread);
    } else if ("end" in m) socket.end();
    else if ("destroy" in m) socket.destroy();
    else if ("reading" in m) {
      if (m.reading) socket.resume();
      else socket.pause();
    }
  }
}

/**
 * A relayed connection as a serving thread's HTTP server sees it. It behaves as a socket in what
 * the server uses: remote address, half-close, `setTimeout` (keep-alive and idle timeouts), and
 * backpressure both ways (a slow client pauses the writer; a busy server pauses the client's bytes).
 */
export class RelayedSocket extends Duplex {
  readonly remoteAddress?: string;
  readonly remotePort?: number;
  readonly remoteFamily?: string;
  readonly localAddress?: string;
  readonly localPort?: number;
  private full = false;
  private paused = false;
  private waiting: (() => void)[] = [];
  private closedByMain = false;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly c: number,
    private readonly port: MessagePort,
    info: Extract<ToThread, { open: unknown }>["open"],
  ) {
    super({ allowHalfOpen: true });
    Object.assign(this, info);
  }

  /** Bytes from the client. */
  receive(data: Uint8Array): void {
    this.touch();
    if (!this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength)) && !this.paused) {
      this.paused = true;
      this.port.postMessage({ c: this.c, reading: false } satisfies ToMain);
    }
  }

  /** The main thread's socket can take more (false) or has a backlog (true). */
  setFull(full: boolean): void {
    this.full = full;
    if (!full) for (const go of this.waiting.splice(0)) go();
  }

  /** The client's socket is gone. */
  closedOnClient(): void {
    this.closedByMain = true;
    this.destroy();
  }

  override _read(): void {
    if (!this.paused) return;
    this.paused = false;
    this.port.postMessage({ c: this.c, reading: true } satisfies ToMain);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.send(own(chunk), callback);
  }

  /** Several writes at once (the HTTP server corks a response's head and body): one message. */
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    // A buffer of its own (Buffer.concat may take a slice of Node's shared pool, which must not be transferred).
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.chunk.length, 0));
    let at = 0;
    for (const { chunk } of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    this.send(bytes, callback);
  }

  private send(bytes: Uint8Array, callback: (error?: Error | null) => void): void {
    this.touch();
    this.port.postMessage({ c: this.c, data: bytes } satisfies ToMain, [bytes.buffer as ArrayBuffer]);
    if (this.full) this.waiting.push(() => callback());
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.port.postMessage({ c: this.c, end: true } satisfies ToMain);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdle();
    for (const go of this.waiting.splice(0)) go();
    if (!this.closedByMain) this.port.postMessage({ c: this.c, destroy: true } satisfies ToMain);
    callback(error);
  }

  /** As net.Socket#setTimeout: 'timeout' after `ms` without bytes either way; 0 turns it off. */
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.idleMs = ms;
    if (onTimeout) {
      if (ms > 0) this.once("timeout", onTimeout);
      else this.removeListener("timeout", onTimeout);
    }
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  address() {
    return { address: this.localAddress ?? "", port: this.localPort ?? 0, family: this.remoteFamily ?? "" };
  }

  private touch(): void {
    this.clearIdle();
    if (this.idleMs > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit("timeout"), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/**
 * Serving thread: takes the connections the main thread relays and gives them to `server`.
 * Other messages (such as the request to stop) go to `onOther`.
 */
export function acceptRelayedConnections(server: http.Server, onOther: (message: unknown) => void, port: MessagePort | null = parentPort): void {
  if (!port) throw new Error("acceptRelayedConnections runs in a worker thread");
  const sockets = new Map<number, RelayedSocket>();
  port.on("message", (message: unknown) => {
    if (!message || typeof message !== "object" || typeof (message as ToThread).c !== "number") return onOther(message);
    const m = message as ToThread;
    if ("open" in m) {
      const socket = new RelayedSocket(m.c, port, m.open);
      sockets.set(m.c, socket);
      socket.on("close", () => sockets.delete(m.c));
      server.emit("connection", socket);
      return;
    }
    const socket = sockets.get(m.c);
    if (!socket) return;
    if ("data" in m) socket.receive(m.data);
    else if ("end" in m) socket.push(null);
    else if ("full" in m) socket.setFull(m.full);
    else if ("closed" in m) {
      sockets.delete(m.c);
      socket.closedOnClient();
    }
  });
}

export interface ThreadedServer {
  /** Stops accepting, asks every thread to stop, and resolves once all have ended. */
  stop(): Promise<void>;
  /** The port listened on, once listening. */
  port(): number;
}

/**
 * Main thread: starts `count` serving threads, listens once all of them are ready and relays each
 * connection to one of them. A thread that ends is replaced; threads that end before they were ever
 * ready three times in a row (a broken build) make it give up (`onGiveUp`) instead of looping.
 */
export function serveInThreads(options: {
  count: number;
  startThread: (index: number) => Worker;
  port: number;
  host: string;
  onListening: () => void;
  /** A thread ended and is being replaced; `error` is what it died of, if it threw. */
  onThreadEnded: (index: number, code: number, error: Error | undefined) => void;
  onGiveUp: (index: number, code: number, times: number, error: Error | undefined) => void;
}): ThreadedServer {
  const relay = new ConnectionRelay();
  const alive = new Set<Worker>();
  const ready = new Set<Worker>();
  let stopping: (() => void) | null = null;
  let listening = false;
  let failedStarts = 0;
  const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (socket) => relay.hand(socket));
  const start = (index: number) => {
    const thread = options.startThread(index);
    let failure: Error | undefined;
    alive.add(thread);
    relay.add(thread);
    thread.on("message", (message: unknown) => {
      if (message !== THREAD_READY) return;
      ready.add(thread);
      failedStarts = 0;
      if (!listening && ready.size === options.count) {
        listening = true;
        server.listen(options.port, options.host, options.onListening);
      }
    });
    // An uncaught exception ends the thread; 'exit' follows.
    thread.on("error", (error) => (failure = error));
    thread.on("exit", (code) => {
      const served = ready.delete(thread);
      alive.delete(thread);
      relay.remove(thread);
      if (stopping) {
        if (alive.size === 0) stopping();
        return;
      }
      if (!served && ++failedStarts >= 3) return options.onGiveUp(index, code, failedStarts, failure);
      options.onThreadEnded(index, code, failure);
      start(index);
    });
  };
  for (let i = 0; i < options.count; i++) start(i);
  return {
    port: () => (server.address() as net.AddressInfo | null)?.port ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (stopping) return resolve();
        stopping = resolve;
        server.close();
        for (const thread of alive) thread.postMessage(THREAD_STOP);
        if (alive.size === 0) resolve();
      }),
  };
}
