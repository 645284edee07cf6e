import { BroadcastChannel, isMainThread, workerData } from "node:worker_threads";

// Messages between the serving threads of one server (WEB_CONCURRENCY > 1, scripts/server.ts). A
// message reaches every serving thread, the sender included (told so by `fromSelf`). Outside such a
// server there is no one to tell: send does nothing.

const SERVING_THREAD = "buendelServingThread";

interface Envelope {
  buendel: string;
  body: unknown;
}

type Handler = (body: unknown, fromSelf: boolean) => void;
const handlers = new Map<string, Set<Handler>>();
let channel: BroadcastChannel | null = null;

/** The `workerData` a serving thread is started with (scripts/server.ts). */
export function servingThreadData(index: number): Record<string, unknown> {
  return { [SERVING_THREAD]: index };
}

/** True in a serving thread of a multi-threaded server. */
export function inCluster(): boolean {
  return !isMainThread && !!workerData && typeof workerData === "object" && SERVING_THREAD in workerData;
}

function isEnvelope(message: unknown): message is Envelope {
  return !!message && typeof message === "object" && typeof (message as Envelope).buendel === "string";
}

function dispatch(message: unknown, fromSelf: boolean) {
  if (!isEnvelope(message)) return;
  for (const h of handlers.get(message.buendel) ?? []) h(message.body, fromSelf);
}

function open(): BroadcastChannel {
  if (!channel) {
    channel = new BroadcastChannel("buendel");
    channel.onmessage = (event) => dispatch((event as { data: unknown }).data, false);
    // The channel alone does not keep a thread alive.
    channel.unref();
  }
  return channel;
}

export function sendToCluster(topic: string, body: unknown): void {
  if (!inCluster()) return;
  const message: Envelope = { buendel: topic, body };
  open().postMessage(message);
  // The sender hears its own message too, as the others do: after the current work, not within it.
  queueMicrotask(() => dispatch(message, true));
}

export function onClusterMessage(topic: string, handler: Handler): () => void {
  if (inCluster()) open();
  let set = handlers.get(topic);
  if (!set) handlers.set(topic, (set = new Set()));
  set.add(handler);
  return () => set.delete(handler);
}
