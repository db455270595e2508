// Keeps our Job table true while graphile-worker runs the work: every task is wrapped so that
// Running / Success / Failed (and each attempt) are written by the process that runs it, in order.
// The writes themselves are batched across the worker's concurrent jobs (tracking-store.ts).
import { createHash } from "node:crypto";
import type { JobHelpers, Task } from "graphile-worker";
import type { Db } from "../src/db/prisma.ts";
import { getJobType } from "../src/domain/registry.ts";
import { describeIssues } from "../src/domain/errors.ts";
import { submitJobTx } from "../src/domain/jobs.ts";
import { logger, type Logger } from "../src/logger.ts";
import type { TaskContext, TaskHandler } from "./context.ts";
import { PermanentError } from "./errors.ts";
import type { RollupBuffer } from "./rollups.ts";
import type { FinishRequest, TrackingStore } from "./tracking-store.ts";

const log = logger("tracking");
const PROGRESS_MIN_GAP_MS = 500;
const MEMORY_SAMPLE_MS = 500;

/** Jobs added straight to graphile-worker (crontab, other tools) get a stable Job id from theirs. */
function jobIdFor(payload: unknown, helpers: JobHelpers): string {
  const id = (payload as { jobId?: unknown } | null)?.jobId;
  if (typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase();
  const h = createHash("md5").update(`graphile:${helpers.job.id}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Peak RSS per running job from ONE process-wide sampler: reading RSS costs a syscall, and a timer
 * per job would cost more than a no-op job itself. A job's peak is the highest sample taken while it
 * ran, the one in force at its start included; the sampler runs while any job does, and a job that
 * starts an idle spell reads RSS afresh, so no job inherits the figure of an earlier, bigger one.
 */
class PeakMemory {
  private rss = process.memoryUsage.rss();
  private active = new Set<{ peak: number }>();
  private timer?: NodeJS.Timeout;

  track(): { peak: number } {
    if (!this.timer) this.rss = process.memoryUsage.rss();
    const slot = { peak: this.rss };
    this.active.add(slot);
    this.timer ??= setInterval(() => this.sample(), MEMORY_SAMPLE_MS).unref();
    return slot;
  }

  release(slot: { peak: number }): number {
    this.active.delete(slot);
    if (this.active.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    return Math.max(slot.peak, this.rss);
  }

  private sample() {
    this.rss = process.memoryUsage.rss();
    for (const s of this.active) s.peak = Math.max(s.peak, this.rss);
  }
}

const peakMemory = new PeakMemory();
const taskLoggers = new Map<string, Logger>();
const taskLogger = (type: string) => taskLoggers.get(type) ?? taskLoggers.set(type, logger(`task:${type}`)).get(type)!;

export interface TrackingDeps {
  db: Db;
  workerId: string;
  rollups: RollupBuffer;
  store: TrackingStore;
}

export function tracked(type: string, handler: TaskHandler<any>, deps: TrackingDeps): Task {
  const { db, workerId, rollups, store } = deps;
  return async (payload, helpers) => {
    const jobId = jobIdFor(payload, helpers);
    const started = Date.now();
    const { attemptId, args } = await store.start({
      jobId,
      type,
      attempt: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
      payload,
      queuedAt: helpers.job.created_at,
    });
    const memory = peakMemory.track();
    let progress: ReturnType<typeof progressWriter> | undefined;
    const finish = (f: { status: FinishRequest["status"]; result?: unknown; error?: Error }) =>
      store.finish({
        jobId,
        attemptId,
        status: f.status,
        durationMs: Date.now() - started,
        peakMemoryBytes: peakMemory.release(memory),
        errorMessage: f.error ? f.error.message.slice(0, 10_000) : null,
        errorStack: f.error?.stack?.slice(0, 20_000) ?? null,
        result: f.result,
      });
    try {
      const def = getJobType(type);
      const parsed = def ? def.args.safeParse(args ?? {}) : undefined;
      if (!def || !parsed?.success) {
        // Bad args never get better with retries: fail for good, without throwing.
        const msg = def ? `invalid args: ${describeIssues(parsed?.error?.issues ?? [])}` : `unknown job type ${type}`;
        await finish({ status: "Failed", error: new Error(msg) });
        rollups.add(type, false, Date.now() - started);
        return;
      }
      const ctx: TaskContext = {
        jobId,
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        workerId,
        db,
        log: taskLogger(type),
        signal: helpers.abortSignal ?? new AbortController().signal,
        progress: (done, total) => (progress ??= progressWriter(db, jobId)).report(done, total),
        spawn: (children) =>
          db.$transaction(async (tx) => {
            const ids: string[] = [];
            for (const c of children) ids.push((await submitJobTx(tx, { ...c, parentId: jobId })).id);
            return ids;
          }),
      };
      const result = await handler(parsed.data, ctx);
      await progress?.flush();
      await finish({ status: "Success", result });
      rollups.add(type, true, Date.now() - started);
    } catch (e) {
      await progress?.flush().catch(() => {});
      const error = e instanceof Error ? e : new Error(String(e));
      const permanent = error instanceof PermanentError;
      const final = permanent || helpers.job.attempts >= helpers.job.max_attempts;
      await finish({ status: final ? "Failed" : "Pending", error }).catch((err) =>
        log.error("could not record failure", { jobId, error: String(err) }),
      );
      if (final) rollups.add(type, false, Date.now() - started);
      // Thrown, graphile-worker would retry it: like bad args, a permanent failure ends here.
      if (permanent) return;
      throw error;
    } finally {
      peakMemory.release(memory);
      progress?.stop();
    }
  };
}

/** Throttled progress writes: at most one UPDATE per PROGRESS_MIN_GAP_MS, the latest value wins. */
function progressWriter(db: Db, jobId: string) {
  let latest: { done: number; total?: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  const write = () => {
    timer = undefined;
    const p = latest;
    latest = undefined;
    if (!p) return writing;
    writing = writing.then(() =>
      db.$executeRaw`UPDATE jobs SET "progressDone" = ${Math.floor(p.done)},
          "progressTotal" = coalesce(${p.total === undefined ? null : Math.floor(p.total)}::int, "progressTotal"),
          "updatedAt" = now()
        WHERE id = ${jobId}::uuid`.catch((e) => log.warn("progress write failed", { jobId, error: String(e) })),
    );
    return writing;
  };
  return {
    report(done: number, total?: number) {
      latest = { done, total };
      timer ??= setTimeout(write, PROGRESS_MIN_GAP_MS);
    },
    flush() {
      if (timer) clearTimeout(timer);
      return write();
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
