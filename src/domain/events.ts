// The event bus: Postgres NOTIFY on channel `pipewatch` (sent by triggers, see the notify_triggers
// migration) and one LISTEN connection per API process, fanned out in memory to local subscribers.
// A change made by any process on any machine reaches every instance.
import pg from "pg";
import { logger } from "../logger.ts";

const log = logger("events");
export const CHANNEL = "pipewatch";

export type PipewatchEvent =
  | { k: "job"; id: string; row?: Record<string, unknown> }
  | { k: "worker"; id: string }
  | { k: "phase"; p: string; ph: string }
  /** The LISTEN connection was re-established: events may have been missed, recompute. */
  | { k: "resync" };

/** What the triggers send: job rows come packed, several per notification. */
type WireEvent = PipewatchEvent | { k: "jobs"; rows: { id: string; row?: Record<string, unknown> }[] };

/**
 * A notification's events, or null if it is not one of ours: anyone with access to the database can
 * NOTIFY this channel, and a bad payload must never throw inside the connection's event handler.
 */
export function parseNotification(payload: string): PipewatchEvent[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || typeof (parsed as { k?: unknown }).k !== "string") return null;
  const e = parsed as WireEvent;
  // Job changes arrive packed per statement (see the notify_jobs_per_statement migration).
  if (e.k !== "jobs") return [e];
  if (!Array.isArray(e.rows)) return null;
  return e.rows.filter((r) => typeof r?.id === "string").map((r) => ({ k: "job", id: r.id, row: r.row }));
}

export type Listener = (e: PipewatchEvent) => void;

export class EventHub {
  private listeners = new Set<Listener>();
  private client?: pg.Client;
  private stopped = false;
  private retryMs = 250;
  private ready?: Promise<void>;

  constructor(private connectionString: string) {}

  start(): Promise<void> {
    this.ready ??= this.connect(false);
    return this.ready;
  }

  on(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get listenerCount() {
    return this.listeners.size;
  }

  emit(e: PipewatchEvent) {
    for (const fn of this.listeners) {
      // A faulty subscriber must never take the hub (or the other subscribers) down.
      try {
        fn(e);
      } catch (err) {
        log.error("event listener threw", { error: String(err) });
      }
    }
  }

  private async connect(isReconnect: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
    client.on("notification", (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      const events = parseNotification(msg.payload);
      if (!events) log.warn("unparseable notification", { payload: msg.payload.slice(0, 200) });
      else for (const e of events) this.emit(e);
    });
    client.on("error", (err) => {
      log.warn("LISTEN connection error", { error: err.message });
      this.reconnectSoon(client);
    });
    client.on("end", () => this.reconnectSoon(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    this.retryMs = 250;
    if (isReconnect) {
      log.info("LISTEN connection restored");
      this.emit({ k: "resync" });
    }
  }

  private reconnectSoon(failed: pg.Client) {
    if (this.stopped || this.client !== failed) return;
    this.client = undefined;
    failed.removeAllListeners("end");
    failed.end().catch(() => {});
    const attempt = () => {
      if (this.stopped) return;
      this.connect(true).catch((e) => {
        log.warn("LISTEN reconnect failed", { error: String(e), retryMs: this.retryMs });
        this.retryMs = Math.min(this.retryMs * 2, 5000);
        setTimeout(attempt, this.retryMs).unref();
      });
    };
    setTimeout(attempt, this.retryMs).unref();
  }

  async stop() {
    this.stopped = true;
    const c = this.client;
    this.client = undefined;
    this.listeners.clear();
    if (c) {
      c.removeAllListeners("end");
      await c.end().catch(() => {});
    }
  }
}
