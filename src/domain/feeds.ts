// Subscription feeds built on the EventHub. Aggregates are computed once per tick and shared by
// every subscriber of this process (never a query per viewer per event); bursts are coalesced.
import type { Db } from "../db/prisma.ts";
import type { Job } from "../generated/prisma/client.ts";
import { Channel } from "./channel.ts";
import type { EventHub, PipewatchEvent } from "./events.ts";
import { logger } from "../logger.ts";

const log = logger("feeds");

/** A value recomputed at most once per `minIntervalMs` when relevant events arrive, pushed to all. */
export class SharedFeed<T> {
  private subscribers = new Set<Channel<T>>();
  private last?: { value: T; at: number };
  private scheduled?: NodeJS.Timeout;
  private computing = false;
  private dirtyWhileComputing = false;
  private unsubscribeHub?: () => void;
  private ticker?: NodeJS.Timeout;

  constructor(
    private hub: EventHub,
    private compute: () => Promise<T>,
    private relevant: (e: PipewatchEvent) => boolean,
    private minIntervalMs: number,
    /** Recompute this often even when quiet (time windows, worker heartbeats going stale). */
    private idleRefreshMs = 5000,
  ) {}

  get subscriberCount() {
    return this.subscribers.size;
  }

  subscribe(): Channel<T> {
    const ch: Channel<T> = new Channel<T>(() => {
      this.subscribers.delete(ch);
      if (this.subscribers.size === 0) this.sleep();
    }, 10);
    this.subscribers.add(ch);
    if (this.subscribers.size === 1) this.wake();
    if (this.last && Date.now() - this.last.at < this.minIntervalMs) ch.push(this.last.value);
    else this.schedule(0);
    return ch;
  }

  private wake() {
    this.unsubscribeHub = this.hub.on((e) => {
      if (e.k === "resync" || this.relevant(e)) this.schedule();
    });
    this.ticker = setInterval(() => this.schedule(), this.idleRefreshMs);
    this.ticker.unref();
  }

  private sleep() {
    this.unsubscribeHub?.();
    if (this.ticker) clearInterval(this.ticker);
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = undefined;
    this.last = undefined;
  }

  private schedule(delay?: number) {
    if (this.computing) {
      this.dirtyWhileComputing = true;
      return;
    }
    if (this.scheduled) return;
    const since = this.last ? Date.now() - this.last.at : Infinity;
    const wait = delay ?? Math.max(0, this.minIntervalMs - since);
    this.scheduled = setTimeout(() => void this.run(), wait);
  }

  private async run() {
    this.scheduled = undefined;
    if (!this.subscribers.size) return;
    this.computing = true;
    try {
      const value = await this.compute();
      this.last = { value, at: Date.now() };
      for (const s of this.subscribers) s.push(value);
    } catch (e) {
      log.warn("feed compute failed", { error: String(e) });
    } finally {
      this.computing = false;
      if (this.dirtyWhileComputing) {
        this.dirtyWhileComputing = false;
        this.schedule();
      }
    }
  }
}

const DATE_FIELDS = ["queuedAt", "startedAt", "finishedAt", "updatedAt"] as const;

/** A jobs row as sent by the notify trigger (to_jsonb) back into the shape Prisma returns. */
export function reviveJob(row: Record<string, unknown>): Job {
  const job = { ...row } as Record<string, unknown>;
  for (const f of DATE_FIELDS) job[f] = row[f] ? new Date(row[f] as string) : null;
  job.peakMemoryBytes = row.peakMemoryBytes == null ? null : BigInt(row.peakMemoryBytes as number);
  job.errorStack ??= null;
  job.result ??= null;
  return job as unknown as Job;
}

/**
 * Job updates. With an id: the current row first, then every change (no coalescing: a single job's
 * progress writes are already throttled at the source). Without an id: a change after a quiet
 * `batchMs` is delivered at once, the changes that follow within `batchMs` of a delivery go
 * together at its end (leading + trailing throttle); every status transition is delivered in order,
 * bursts of same-status writes collapse.
 */
export class JobFeed {
  constructor(
    private hub: EventHub,
    private db: Db,
    private batchMs = 150,
  ) {}

  private async materialise(e: Extract<PipewatchEvent, { k: "job" }>): Promise<Job | null> {
    if (e.row && "args" in e.row) return reviveJob(e.row);
    return this.db.job.findUnique({ where: { id: e.id } });
  }

  subscribe(id?: string | null): Channel<Job> {
    let off = () => {};
    const ch = new Channel<Job>(() => off());
    // Serialise deliveries so a fetched row can never overtake a later inline one.
    let chain: Promise<unknown> = Promise.resolve();
    const deliver = (e: Extract<PipewatchEvent, { k: "job" }>) => {
      chain = chain.then(() => this.materialise(e).then((j) => j && ch.push(j)).catch(() => {}));
    };
    if (id) {
      off = this.hub.on((e) => {
        if (e.k === "job" && e.id === id) deliver(e);
        else if (e.k === "resync") deliver({ k: "job", id });
      });
      deliver({ k: "job", id });
      return ch;
    }
    // Consecutive events of one job with the same status collapse into the latest; a status change
    // always gets its own message, in order.
    let batch: Extract<PipewatchEvent, { k: "job" }>[] = [];
    let lastIndex = new Map<string, number>();
    let timer: NodeJS.Timeout | undefined;
    let lastFlush = -Infinity;
    const flush = () => {
      timer = undefined;
      lastFlush = Date.now();
      const events = batch;
      batch = [];
      lastIndex = new Map();
      for (const e of events) deliver(e);
    };
    const offHub = this.hub.on((e) => {
      if (e.k !== "job") return;
      const i = lastIndex.get(e.id);
      if (i !== undefined && e.row && batch[i]!.row?.status === e.row.status) batch[i] = e;
      else lastIndex.set(e.id, batch.push(e) - 1);
      if (timer) return;
      const wait = lastFlush + this.batchMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    off = () => {
      offHub();
      if (timer) clearTimeout(timer);
    };
    return ch;
  }
}
