// A graphile-worker runner with our tracking, heartbeat and rollups. Used in-process by `npm start`
// and on its own by `npm run worker` (more machines = more of these on one Postgres).
import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { run, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import type { Db } from "../src/db/prisma.ts";
import { quietGraphileLogger } from "../src/db/migrate.ts";
import { logger } from "../src/logger.ts";
import { RollupBuffer } from "./rollups.ts";
import { TASKS } from "./tasks/index.ts";
import { tracked } from "./tracking.ts";
import { TrackingStore } from "./tracking-store.ts";
import { graphilePreset } from "./graphile-preset.ts";
import { reapDeadWorkers } from "./reaper.ts";

const log = logger("worker");

export interface WorkerRunnerOptions {
  connectionString: string;
  db: Db;
  concurrency: number;
  heartbeatMs: number;
  pollIntervalMs: number;
  /** Seconds running jobs get to finish on shutdown before they are aborted and released. */
  gracefulShutdownMs?: number;
  /** graphile-worker crontab lines (e.g. the ScanSource schedule). */
  crontab?: string;
  /** Called if the runner dies on its own (pool crash): the process should exit loudly. */
  onFatal?: (err: unknown) => void;
}

export interface WorkerRunner {
  id: string;
  stop(): Promise<void>;
}

export async function startWorker(opts: WorkerRunnerOptions): Promise<WorkerRunner> {
  const id = `${hostname()}:${process.pid}:${randomBytes(2).toString("hex")}`;
  const { db } = opts;
  const rollups = new RollupBuffer(db);
  const store = new TrackingStore(opts.connectionString, id);
  const taskList: TaskList = Object.fromEntries(
    Object.entries(TASKS).map(([type, handler]) => [type, tracked(type, handler, { db, workerId: id, rollups, store })]),
  );
  await db.worker.create({ data: { id, host: hostname(), pid: process.pid, concurrency: opts.concurrency } });
  const heartbeat = setInterval(() => {
    db.worker
      .update({ where: { id }, data: { lastHeartbeatAt: new Date() } })
      .then(() => reapDeadWorkers(db, opts.heartbeatMs))
      .catch((e) => log.warn("heartbeat failed", { error: String(e) }));
  }, opts.heartbeatMs);
  heartbeat.unref();

  const events: WorkerEvents = new EventEmitter();
  events.on("job:error", ({ job, error }) =>
    log.warn("job attempt failed", { type: job.task_identifier, attempt: job.attempts, error: String(error) }),
  );
  let stopping = false;
  let runner: Runner;
  try {
    runner = await run({
      connectionString: opts.connectionString,
      concurrency: opts.concurrency,
      pollInterval: opts.pollIntervalMs,
      noHandleSignals: true,
      taskList,
      events,
      logger: quietGraphileLogger,
      crontab: opts.crontab ?? "",
      preset: graphilePreset({ gracefulShutdownMs: opts.gracefulShutdownMs ?? 30_000 }),
    });
  } catch (e) {
    clearInterval(heartbeat);
    await rollups.stop();
    await store.close();
    throw e;
  }
  // runner.promise can settle when the pool crashes: that must not go unnoticed.
  runner.promise.then(
    () => !stopping && opts.onFatal?.(new Error("worker runner stopped unexpectedly")),
    (e) => !stopping && opts.onFatal?.(e),
  );
  log.info("worker started", { id, concurrency: opts.concurrency });
  return {
    id,
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(heartbeat);
      await runner.stop().catch((e) => log.warn("runner stop", { error: String(e) }));
      await rollups.stop();
      await store.close().catch(() => {});
      await db.worker.update({ where: { id }, data: { stoppedAt: new Date() } }).catch(() => {});
      log.info("worker stopped", { id });
    },
  };
}
