// Keeps our Job table true while graphile-worker runs the work: every task is wrapped so that
// Running / Success / Failed (and each attempt) are written by the process that runs it, in order.
import { createHash } from "node:crypto";
import type { JobHelpers, Task } from "graphile-worker";
import type { Db } from "../src/db/prisma.ts";
import { getJobType, pipelineOfJobType } from "../src/domain/registry.ts";
import { describeIssues } from "../src/domain/errors.ts";
import { submitJobTx } from "../src/domain/jobs.ts";
import { logger } from "../src/logger.ts";
import type { TaskContext, TaskHandler } from "./context.ts";
import { PermanentError } from "./errors.ts";
import type { RollupBuffer } from "./rollups.ts";

const log = logger("tracking");
const PROGRESS_MIN_GAP_MS = 500;
const MEMORY_SAMPLE_MS = 500;

/** Jobs added straight to graphile-worker (crontab, other tools) get a stable Job id from theirs. */
function jobIdFor(payload: unknown, helpers: JobHelpers): string {
  const id = (payload as { jobId?: unknown } | null)?.jobId;
  if (typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id)) return id;
  const h = createHash("md5").update(`graphile:${helpers.job.id}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function markRunning(db: Db, jobId: string, helpers: JobHelpers, workerId: string, payload: unknown) {
  const { job } = helpers;
  // A job queued without our row (e.g. by the crontab) gets one now, with the payload as its args
  // (minus graphile-worker's own `_cron` bookkeeping).
  const { _cron, jobId: _ignored, ...args } = (payload ?? {}) as Record<string, unknown>;
  await db.$executeRaw`
    INSERT INTO jobs (id, type, "pipelineKey", args, "maxAttempts", "queuedAt", "updatedAt")
    VALUES (${jobId}::uuid, ${job.task_identifier}, ${pipelineOfJobType(job.task_identifier)?.key ?? null}, ${JSON.stringify(args)}::jsonb, ${job.max_attempts}, ${job.created_at}, now())
    ON CONFLICT (id) DO NOTHING`;
  const rows = await db.$queryRaw<{ id: bigint; args: unknown }[]>`
    WITH j AS (
      UPDATE jobs SET status = 'Running', attempts = ${job.attempts}, "maxAttempts" = ${job.max_attempts},
        "workerId" = ${workerId}, "startedAt" = now(), "finishedAt" = NULL, "updatedAt" = now()
      WHERE id = ${jobId}::uuid RETURNING id, args
    ), crashed AS (
      UPDATE job_attempts SET status = 'crashed', "finishedAt" = now(),
        "errorMessage" = 'worker ' || "workerId" || ' stopped before finishing (lock expired or process killed)'
      WHERE "jobId" = ${jobId}::uuid AND status = 'running'
    )
    INSERT INTO job_attempts ("jobId", attempt, "workerId", status)
    SELECT id, ${job.attempts}, ${workerId}, 'running' FROM j
    RETURNING id, (SELECT args FROM j) AS args`;
  if (!rows[0]) throw new Error(`job ${jobId} vanished from the jobs table`);
  return rows[0];
}

export interface TrackingDeps {
  db: Db;
  workerId: string;
  rollups: RollupBuffer;
}

export function tracked(type: string, handler: TaskHandler<any>, deps: TrackingDeps): Task {
  const { db, workerId, rollups } = deps;
  return async (payload, helpers) => {
    const jobId = jobIdFor(payload, helpers);
    const started = Date.now();
    const attemptRow = await markRunning(db, jobId, helpers, workerId, payload);
    const attemptId = attemptRow.id;
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), MEMORY_SAMPLE_MS);
    const progress = progressWriter(db, jobId);
    try {
      const def = getJobType(type);
      const parsed = def ? def.args.safeParse(attemptRow.args ?? {}) : undefined;
      if (!def || !parsed?.success) {
        // Bad args never get better with retries: fail for good, without throwing.
        const msg = def ? `invalid args: ${describeIssues(parsed?.error?.issues ?? [])}` : `unknown job type ${type}`;
        await finish(db, { jobId, attemptId, ok: false, final: true, started, peak, error: new Error(msg) });
        rollups.add(type, false, Date.now() - started);
        return;
      }
      const ctx: TaskContext = {
        jobId,
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        workerId,
        db,
        log: logger(`task:${type}`),
        signal: helpers.abortSignal ?? new AbortController().signal,
        progress: progress.report,
        spawn: (children) =>
          db.$transaction(async (tx) => {
            const ids: string[] = [];
            for (const c of children) ids.push((await submitJobTx(tx, { ...c, parentId: jobId })).id);
            return ids;
          }),
      };
      const result = await handler(parsed.data, ctx);
      await progress.flush();
      peak = Math.max(peak, process.memoryUsage.rss());
      await finish(db, { jobId, attemptId, ok: true, final: true, started, peak, result });
      rollups.add(type, true, Date.now() - started);
    } catch (e) {
      await progress.flush().catch(() => {});
      const error = e instanceof Error ? e : new Error(String(e));
      const permanent = error instanceof PermanentError;
      const final = permanent || helpers.job.attempts >= helpers.job.max_attempts;
      await finish(db, { jobId, attemptId, ok: false, final, started, peak, error }).catch((err) =>
        log.error("could not record failure", { jobId, error: String(err) }),
      );
      if (final) rollups.add(type, false, Date.now() - started);
      // Thrown, graphile-worker would retry it: like bad args, a permanent failure ends here.
      if (permanent) return;
      throw error;
    } finally {
      clearInterval(sampler);
      progress.stop();
    }
  };
}

interface Finish {
  jobId: string;
  attemptId: bigint;
  ok: boolean;
  /** false = graphile-worker will retry: the job goes back to Pending with its last error. */
  final: boolean;
  started: number;
  peak: number;
  result?: unknown;
  error?: Error;
}

async function finish(db: Db, f: Finish) {
  const duration = Date.now() - f.started;
  const status = f.ok ? "Success" : f.final ? "Failed" : "Pending";
  const result = f.result === undefined ? null : JSON.stringify(f.result);
  const message = f.error ? f.error.message.slice(0, 10_000) : null;
  const stack = f.error?.stack?.slice(0, 20_000) ?? null;
  await db.$transaction([
    db.$executeRaw`
      UPDATE jobs SET status = ${status}::"JobStatus",
        "finishedAt" = CASE WHEN ${status} = 'Pending' THEN NULL ELSE now() END,
        "durationMs" = ${duration}, "peakMemoryBytes" = ${BigInt(f.peak)},
        "errorMessage" = ${message}, "errorStack" = ${stack},
        result = ${result}::jsonb,
        -- a fanned-out job's progress is its children's (the jobs_fanout_progress trigger keeps it)
        "progressDone" = CASE WHEN ${f.ok} AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c."parentId" = jobs.id)
          THEN coalesce("progressTotal", "progressDone") ELSE "progressDone" END,
        "updatedAt" = now()
      WHERE id = ${f.jobId}::uuid`,
    db.$executeRaw`
      UPDATE job_attempts SET status = ${f.ok ? "success" : "failed"}, "finishedAt" = now(),
        "durationMs" = ${duration}, "errorMessage" = ${message}
      WHERE id = ${f.attemptId}`,
  ]);
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
