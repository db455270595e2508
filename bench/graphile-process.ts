// The body of the queue bench's baseline worker processes (bare-worker.ts, untracked-worker.ts):
// graphile-worker `run()` configured like worker/runner.ts (same concurrency and poll interval from
// the environment, same graphile preset, quiet logger, no crontab), stopped cleanly on SIGINT/SIGTERM.
import { run, type TaskList } from "graphile-worker";
import { quietGraphileLogger } from "../src/db/migrate.ts";
import { graphilePreset } from "../worker/graphile-preset.ts";

export const benchWorkerEnv = {
  connectionString: process.env.DATABASE_URL!,
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
  pollInterval: Number(process.env.WORKER_POLL_INTERVAL_MS ?? 2000),
};

/** Runs `taskList` until a signal, then `afterStop()`, and exits; prints `readyLine` once running. */
export async function runGraphileProcess(taskList: TaskList, readyLine: string, afterStop: () => Promise<unknown> = async () => {}) {
  const { connectionString, concurrency, pollInterval } = benchWorkerEnv;
  const runner = await run({
    connectionString,
    concurrency,
    pollInterval,
    noHandleSignals: true,
    taskList,
    logger: quietGraphileLogger,
    crontab: "",
    preset: graphilePreset({ gracefulShutdownMs: 30_000 }),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runner.stop().catch(() => {});
    await afterStop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  console.log(readyLine);
}
