// EXPERIMENT, NOT THE PRODUCT: what the queue bench's opt-in "untracked" system runs
// (BENCH_QUEUE_VARIANTS=untracked). It isolates the cost of pipewatch's durable per-job tracking
// writes: the product's real tasks (worker/tasks) wrapped by the product's real `tracked()`
// (worker/tracking.ts) — same wrapper, args validation, handler, rollups buffer and peak-memory
// sampler — but given a TrackingStore that writes nothing, so zero tracking statements are sent
// (no Running/attempt row at start, no Success/attempt close at finish; the bench's Job rows stay
// Pending). Started exactly like bench/bare-worker.ts (runGraphileProcess: same run() options, preset, logger,
// concurrency/poll env, signal handling, no crontab, no worker row or heartbeat), and spawned by
// bench/queue.ts the same way. Never use it to run real work: nothing would record it.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { TaskList } from "graphile-worker";
import { createPrisma } from "../src/db/prisma.ts";
import { benchWorkerEnv, runGraphileProcess } from "./graphile-process.ts";
import { RollupBuffer } from "../worker/rollups.ts";
import { TASKS } from "../worker/tasks/index.ts";
import { tracked } from "../worker/tracking.ts";
import type { FinishRequest, StartRequest, Started, TrackingStore } from "../worker/tracking-store.ts";

const { connectionString, concurrency } = benchWorkerEnv;
const workerId = `${hostname()}:${process.pid}:${randomBytes(2).toString("hex")}`;

// Same pool size as worker/main.ts gives the product's `db` (used here by the rollups buffer only).
const db = createPrisma(connectionString, concurrency + 4);
const rollups = new RollupBuffer(db);
// Warm Prisma before the first job, as the product's startWorker() does with its worker row: its
// first query loads the query compiler (~1 s of CPU), which would otherwise stall the measured run
// at the rollups' first flush.
await db.$queryRaw`SELECT 1`;

/**
 * A job's args without a database read: pipewatch jobs carry only `{jobId}` (their args live in the
 * `jobs` table), so this is the payload's own fields minus `jobId` / `_cron` — the rule the real
 * store uses for rows it has to create — which is `{}` for the bench's Diagnostic jobs.
 */
function argsOf(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return {};
  const { _cron, jobId: _ignored, ...args } = payload as Record<string, unknown>;
  return args;
}

// TrackingStore's public surface with the same signatures, and no database writes.
const noWrites = {
  async start(req: StartRequest): Promise<Started> {
    return { attemptId: "0", args: argsOf(req.payload) };
  },
  async finish(_req: FinishRequest): Promise<void> {},
  async close(): Promise<void> {},
} satisfies Pick<TrackingStore, "start" | "finish" | "close">;
// TrackingStore is a class with private members, so a structurally equal object is not assignable
// to it: cast (the `satisfies` above keeps the public signatures checked against the class).
const store = noWrites as unknown as TrackingStore;

const taskList: TaskList = Object.fromEntries(
  Object.entries(TASKS).map(([type, handler]) => [type, tracked(type, handler, { db, workerId, rollups, store })]),
);

await runGraphileProcess(taskList, `untracked worker ${workerId} running (concurrency ${concurrency})`, async () => {
  await rollups.stop();
  await db.$disconnect();
});
