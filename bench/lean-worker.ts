// EXPERIMENT, not product code: what the queue bench's "pipewatch-lean" variant runs
// (BENCH_QUEUE_VARIANTS=lean). The same bookkeeping as worker/tracking.ts — Job Running with
// attempts/worker/startedAt, crashed attempts closed, an attempt row, then Success/Failed/Pending
// with duration, peak memory, result and error, the attempt closed, rollups — written with the
// changes suggested in the bench report, to measure what they buy:
//   1. markRunning in ONE statement (the crontab "insert missing row" path only when it finds none);
//   2. finish in ONE statement (a data-modifying CTE is atomic on its own: no BEGIN/COMMIT);
//   3. both through graphile-worker's own pg pool (helpers.query), not Prisma;
//   4. one process-wide RSS sampler instead of per-job process.memoryUsage.rss() calls + timers.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { run, type JobHelpers, type Task, type TaskList } from "graphile-worker";
import { quietGraphileLogger } from "../src/db/migrate.ts";
import { createPrisma } from "../src/db/prisma.ts";
import { getJobType } from "../src/domain/registry.ts";
import { describeIssues } from "../src/domain/errors.ts";
import { logger } from "../src/logger.ts";
import { RollupBuffer } from "../worker/rollups.ts";
import { TASKS } from "../worker/tasks/index.ts";
import type { TaskContext, TaskHandler } from "../worker/context.ts";

const connectionString = process.env.DATABASE_URL!;
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
const pollInterval = Number(process.env.WORKER_POLL_INTERVAL_MS ?? 2000);
const workerId = `${hostname()}:${process.pid}:${randomBytes(2).toString("hex")}`;
const db = createPrisma(connectionString, 4);
const rollups = new RollupBuffer(db);

let rssNow = process.memoryUsage.rss();
setInterval(() => (rssNow = process.memoryUsage.rss()), 500).unref();

const MARK_RUNNING = `
  WITH j AS (
    UPDATE jobs SET status = 'Running', attempts = $2, "maxAttempts" = $3, "workerId" = $4,
      "startedAt" = now(), "finishedAt" = NULL, "updatedAt" = now()
    WHERE id = $1::uuid RETURNING id, args
  ), crashed AS (
    UPDATE job_attempts SET status = 'crashed', "finishedAt" = now(),
      "errorMessage" = 'worker ' || "workerId" || ' stopped before finishing (lock expired or process killed)'
    WHERE "jobId" = $1::uuid AND status = 'running'
  )
  INSERT INTO job_attempts ("jobId", attempt, "workerId", status)
  SELECT id, $2, $4, 'running' FROM j
  RETURNING id, (SELECT args FROM j) AS args`;

const INSERT_MISSING = `
  INSERT INTO jobs (id, type, args, "maxAttempts", "queuedAt", "updatedAt")
  VALUES ($1::uuid, $2, $3::jsonb, $4, $5, now()) ON CONFLICT (id) DO NOTHING`;

const FINISH = `
  WITH j AS (
    UPDATE jobs SET status = $2::"JobStatus",
      "finishedAt" = CASE WHEN $2 = 'Pending' THEN NULL ELSE now() END,
      "durationMs" = $3, "peakMemoryBytes" = $4, "errorMessage" = $5, "errorStack" = $6, result = $7::jsonb,
      "progressDone" = CASE WHEN $8 AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c."parentId" = jobs.id)
        THEN coalesce("progressTotal", "progressDone") ELSE "progressDone" END,
      "updatedAt" = now()
    WHERE id = $1::uuid RETURNING 1
  )
  UPDATE job_attempts SET status = $9, "finishedAt" = now(), "durationMs" = $3, "errorMessage" = $5
  WHERE id = $10`;

function jobIdFor(payload: unknown, helpers: JobHelpers): string {
  const id = (payload as { jobId?: unknown } | null)?.jobId;
  if (typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id)) return id;
  throw new Error("the lean experiment only runs jobs submitted with a jobId");
}

async function markRunning(helpers: JobHelpers, jobId: string, payload: unknown) {
  const { job } = helpers;
  const params = [jobId, job.attempts, job.max_attempts, workerId];
  let res = await helpers.query<{ id: string; args: unknown }>(MARK_RUNNING, params);
  if (!res.rows[0]) {
    await helpers.query(INSERT_MISSING, [jobId, job.task_identifier, JSON.stringify(payload ?? {}), job.max_attempts, job.created_at]);
    res = await helpers.query<{ id: string; args: unknown }>(MARK_RUNNING, params);
  }
  if (!res.rows[0]) throw new Error(`job ${jobId} vanished from the jobs table`);
  return res.rows[0];
}

function finish(
  helpers: JobHelpers,
  f: { jobId: string; attemptId: string; ok: boolean; final: boolean; started: number; peak: number; result?: unknown; error?: Error },
) {
  const status = f.ok ? "Success" : f.final ? "Failed" : "Pending";
  const message = f.error ? f.error.message.slice(0, 10_000) : null;
  return helpers.query(FINISH, [
    f.jobId,
    status,
    Date.now() - f.started,
    String(f.peak),
    message,
    f.error?.stack?.slice(0, 20_000) ?? null,
    f.result === undefined ? null : JSON.stringify(f.result),
    f.ok,
    f.ok ? "success" : "failed",
    f.attemptId,
  ]);
}

function leanTracked(type: string, handler: TaskHandler<any>): Task {
  const log = logger(`task:${type}`);
  return async (payload, helpers) => {
    const jobId = jobIdFor(payload, helpers);
    const started = Date.now();
    const row = await markRunning(helpers, jobId, payload);
    const peakAtStart = rssNow;
    const def = getJobType(type);
    const parsed = def ? def.args.safeParse(row.args ?? {}) : undefined;
    if (!def || !parsed?.success) {
      const msg = def ? `invalid args: ${describeIssues(parsed?.error?.issues ?? [])}` : `unknown job type ${type}`;
      await finish(helpers, { jobId, attemptId: row.id, ok: false, final: true, started, peak: rssNow, error: new Error(msg) });
      rollups.add(type, false, Date.now() - started);
      return;
    }
    const ctx: TaskContext = {
      jobId,
      attempt: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
      workerId,
      db,
      log,
      signal: helpers.abortSignal ?? new AbortController().signal,
      progress: () => {},
      spawn: () => Promise.reject(new Error("not in the lean experiment")),
    };
    try {
      const result = await handler(parsed.data, ctx);
      await finish(helpers, { jobId, attemptId: row.id, ok: true, final: true, started, peak: Math.max(peakAtStart, rssNow), result });
      rollups.add(type, true, Date.now() - started);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const final = helpers.job.attempts >= helpers.job.max_attempts;
      await finish(helpers, { jobId, attemptId: row.id, ok: false, final, started, peak: Math.max(peakAtStart, rssNow), error });
      if (final) rollups.add(type, false, Date.now() - started);
      throw error;
    }
  };
}

const taskList: TaskList = Object.fromEntries(Object.entries(TASKS).map(([type, h]) => [type, leanTracked(type, h)]));
await db.worker.create({ data: { id: workerId, host: hostname(), pid: process.pid, concurrency } });
const runner = await run({
  connectionString,
  concurrency,
  pollInterval,
  noHandleSignals: true,
  taskList,
  logger: quietGraphileLogger,
  crontab: "",
  preset: { worker: { gracefulShutdownAbortTimeout: 30_000 } },
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await runner.stop().catch(() => {});
  await rollups.stop();
  await db.worker.update({ where: { id: workerId }, data: { stoppedAt: new Date() } }).catch(() => {});
  await db.$disconnect();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
console.log(`lean pipewatch worker ${workerId} running (concurrency ${concurrency})`);
