import { randomBytes } from "node:crypto";
import type pg from "pg";
import { dialectOfUrl } from "#db/client.server";
import { inCluster, onClusterMessage, sendToCluster } from "#app/utils/cluster.server";

// The live-event bus of workshops. Events are small (ids and a kind): clients re-read the state from
// the database when one arrives, so a late joiner, a reload or a reconnect always sees the truth.

export const LIVE_KINDS = ["hello", "started", "opened", "scored", "revealed", "reopened", "noted", "decided", "ended", "published", "changed", "cancelled", "presence", "resync"] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

export interface LiveEvent {
  /** workshop id */
  w: number;
  k: LiveKind;
  /** agenda item id, where the event concerns one */
  i?: number | null;
  /** user who caused it (for "scored": who scored, never what) */
  u?: number | null;
  /** sender's clock, ms: makes every event distinct and lets the benchmark measure delivery */
  t: number;
}

/** What travels between instances: an event, or one instance's list of connected users of a workshop. */
interface Wire {
  x: string;
  e?: LiveEvent;
  p?: { w: number; users: number[]; q?: 1 };
}

interface Transport {
  send(message: Wire): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = "buendel_workshops";
const HEARTBEAT_MS = 20_000;
const PRESENCE_TTL_MS = 65_000;

/**
 * The one dialect switch of live updates. SQLite: one server on one machine; a single process hands a
 * message straight back, the workers of a multi-process server (WEB_CONCURRENCY) pass it through
 * their primary to every worker. PostgreSQL: several instances may run; a dedicated connection per
 * process LISTENs on one channel and NOTIFY carries the message to every instance, this one included.
 */
function openTransport(url: string, deliver: (message: Wire) => void, onReconnect: () => void): Transport {
  if (dialectOfUrl(url) !== "postgres") {
    if (inCluster()) {
      const stop = onClusterMessage("live", (body) => deliver(body as Wire));
      return {
        send: async (message) => sendToCluster("live", message),
        close: async () => stop(),
      };
    }
    return {
      send: async (message) => queueMicrotask(() => deliver(message)),
      close: async () => {},
    };
  }
  let current: Promise<pg.Client> | null = null;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | null = null;

  const drop = (client: pg.Client) => {
    if (closed) return;
    current = null;
    client.removeAllListeners("notification");
    client.end().catch(() => {});
    // Reconnect in the background; clients re-read their state once it is back (they may have missed events).
    timer ??= setTimeout(() => {
      timer = null;
      connect().then(
        () => {
          retryMs = 250;
          onReconnect();
        },
        () => {
          retryMs = Math.min(retryMs * 2, 5_000);
        },
      );
    }, retryMs);
    timer.unref();
  };

  const connect = (): Promise<pg.Client> => {
    if (closed) return Promise.reject(new Error("live bus closed"));
    current ??= (async () => {
      // Loaded only on PostgreSQL installations (see db/client.server.ts).
      const { Client } = (await import("pg")).default;
      const client = new Client({ connectionString: url });
      client.on("notification", (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return;
        try {
          deliver(JSON.parse(msg.payload) as Wire);
        } catch {
          // not one of ours
        }
      });
      client.on("error", () => drop(client));
      client.on("end", () => drop(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        drop(client);
        throw error;
      }
      return client;
    })();
    return current;
  };

  // Listen from the start, not only once this process first sends: an instance must not miss what
  // others announce while its first clients connect. A failure here reconnects in the background.
  connect().catch(() => {});

  // One query at a time on the connection (pg deprecates overlapping ones); NOTIFYs are tiny.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    send(message) {
      const run = queue.then(async () => {
        const client = await connect();
        await client.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(message)]);
      });
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = current;
      current = null;
      if (c) await c.then((client) => client.end()).catch(() => {});
    },
  };
}

type Subscriber = (event: LiveEvent) => void;

export class LiveBus {
  readonly instance = randomBytes(6).toString("hex");
  private transport: Transport;
  private subscribers = new Map<number, Set<Subscriber>>();
  /** Connections per user and workshop in this process. */
  private local = new Map<number, Map<number, number>>();
  /** What other instances last said about their connected users. */
  private remote = new Map<number, Map<string, { users: number[]; seen: number }>>();
  private heartbeat: NodeJS.Timeout;

  constructor(url: string) {
    this.transport = openTransport(
      url,
      (m) => this.receive(m),
      () => {
        for (const w of this.subscribers.keys()) this.emit({ w, k: "resync", t: Date.now() });
        for (const w of this.local.keys()) void this.announce(w, true);
      },
    );
    this.heartbeat = setInterval(() => this.tick(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Sends an event to every client of the workshop on every instance. Never throws: live updates are a courtesy. */
  async publish(event: Omit<LiveEvent, "t">): Promise<void> {
    try {
      await this.transport.send({ x: this.instance, e: { ...event, t: Date.now() } });
    } catch (error) {
      console.error("Live-Ereignis konnte nicht gesendet werden:", error);
    }
  }

  subscribe(workshopId: number, fn: Subscriber): () => void {
    let set = this.subscribers.get(workshopId);
    if (!set) this.subscribers.set(workshopId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.subscribers.delete(workshopId);
    };
  }

  /** Registers a connected user (one call per connection); the returned function unregisters. */
  join(workshopId: number, userId: number): () => void {
    const before = this.presenceKey(workshopId);
    let users = this.local.get(workshopId);
    const firstHere = !users;
    if (!users) this.local.set(workshopId, (users = new Map()));
    users.set(userId, (users.get(userId) ?? 0) + 1);
    void this.announce(workshopId, firstHere);
    this.emitIfChanged(workshopId, before);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const was = this.presenceKey(workshopId);
      const map = this.local.get(workshopId);
      if (!map) return;
      const n = (map.get(userId) ?? 1) - 1;
      if (n > 0) map.set(userId, n);
      else map.delete(userId);
      if (map.size === 0) this.local.delete(workshopId);
      if (n <= 0) void this.announce(workshopId, false);
      this.emitIfChanged(workshopId, was);
    };
  }

  /** Users connected to the workshop on any instance. */
  presence(workshopId: number): number[] {
    const all = new Set<number>(this.local.get(workshopId)?.keys() ?? []);
    for (const entry of this.remote.get(workshopId)?.values() ?? []) for (const u of entry.users) all.add(u);
    return [...all].sort((a, b) => a - b);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.transport.close();
  }

  private presenceKey(workshopId: number): string {
    return this.presence(workshopId).join(",");
  }

  private emitIfChanged(workshopId: number, before: string) {
    if (this.presenceKey(workshopId) !== before) this.emit({ w: workshopId, k: "presence", t: Date.now() });
  }

  private emit(event: LiveEvent) {
    for (const fn of this.subscribers.get(event.w) ?? []) {
      try {
        fn(event);
      } catch {
        // a closed stream; its cleanup unsubscribes it
      }
    }
  }

  private async announce(workshopId: number, query: boolean) {
    const users = [...(this.local.get(workshopId)?.keys() ?? [])];
    try {
      await this.transport.send({ x: this.instance, p: { w: workshopId, users, ...(query ? { q: 1 as const } : {}) } });
    } catch {
      // the next heartbeat tells the others
    }
  }

  private receive(message: Wire) {
    if (message.e) {
      this.emit(message.e);
      return;
    }
    const p = message.p;
    if (!p || message.x === this.instance) return;
    const before = this.presenceKey(p.w);
    let byInstance = this.remote.get(p.w);
    if (!byInstance) this.remote.set(p.w, (byInstance = new Map()));
    if (p.users.length) byInstance.set(message.x, { users: p.users, seen: Date.now() });
    else byInstance.delete(message.x);
    if (byInstance.size === 0) this.remote.delete(p.w);
    // A newcomer asks who is there: answer with this instance's users.
    if (p.q && this.local.has(p.w)) void this.announce(p.w, false);
    this.emitIfChanged(p.w, before);
  }

  private tick() {
    for (const w of this.local.keys()) void this.announce(w, false);
    const limit = Date.now() - PRESENCE_TTL_MS;
    for (const [w, byInstance] of this.remote) {
      const before = this.presenceKey(w);
      for (const [x, entry] of byInstance) if (entry.seen < limit) byInstance.delete(x);
      if (byInstance.size === 0) this.remote.delete(w);
      this.emitIfChanged(w, before);
    }
  }
}

let bus: LiveBus | undefined;

/** The process-wide bus, on the database named by DATABASE_URL. */
export function getLiveBus(): LiveBus {
  bus ??= new LiveBus(process.env.DATABASE_URL || "file:./data/buendel.sqlite");
  return bus;
}

export async function closeLiveBus(): Promise<void> {
  const b = bus;
  bus = undefined;
  await b?.close();
}
