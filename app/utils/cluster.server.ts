import cluster from "node:cluster";

// Messages between the workers of one server (WEB_CONCURRENCY > 1, scripts/server.ts). A worker
// sends to the primary, which hands every message to every worker, the sender included; each
// message says which worker sent it. Outside a cluster there is no one to tell: send does nothing.

interface Envelope {
  buendel: string;
  from: number;
  body: unknown;
}

type Handler = (body: unknown, fromSelf: boolean) => void;
const handlers = new Map<string, Set<Handler>>();
let listening = false;

/** True in a worker of a multi-process server. */
export function inCluster(): boolean {
  return cluster.isWorker && typeof process.send === "function";
}

export function isEnvelope(message: unknown): message is Envelope {
  return !!message && typeof message === "object" && typeof (message as Envelope).buendel === "string";
}

export function sendToCluster(topic: string, body: unknown): void {
  if (!inCluster()) return;
  process.send!({ buendel: topic, from: process.pid, body } satisfies Envelope);
}

export function onClusterMessage(topic: string, handler: Handler): () => void {
  if (!listening && inCluster()) {
    listening = true;
    process.on("message", (message) => {
      if (!isEnvelope(message)) return;
      for (const h of handlers.get(message.buendel) ?? []) h(message.body, message.from === process.pid);
    });
  }
  let set = handlers.get(topic);
  if (!set) handlers.set(topic, (set = new Set()));
  set.add(handler);
  return () => set.delete(handler);
}
