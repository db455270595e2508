// The baseline of the queue bench: plain graphile-worker `run()` with a no-op task, started and
// configured like worker/runner.ts does (same concurrency, poll interval, graphile preset, logger),
// minus our tracking. Spawned by bench/queue.ts the same way as `worker/main.ts`.
import { run } from "graphile-worker";
import { quietGraphileLogger } from "../src/db/migrate.ts";
import { graphilePreset } from "../worker/graphile-preset.ts";

const connectionString = process.env.DATABASE_URL!;
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
const pollInterval = Number(process.env.WORKER_POLL_INTERVAL_MS ?? 2000);

const runner = await run({
  connectionString,
  concurrency,
  pollInterval,
  noHandleSignals: true,
  taskList: { bench_noop: async () => {} },
  logger: quietGraphileLogger,
  crontab: "",
  preset: graphilePreset({ gracefulShutdownMs: 30_000 }),
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await runner.stop().catch(() => {});
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
console.log(`bare graphile-worker running (concurrency ${concurrency})`);
