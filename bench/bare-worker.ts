// The baseline of the queue bench: plain graphile-worker `run()` with a no-op task, started and
// configured like worker/runner.ts does (same concurrency, poll interval, graphile preset, logger),
// minus our tracking. Spawned by bench/queue.ts the same way as `worker/main.ts`.
import { benchWorkerEnv, runGraphileProcess } from "./graphile-process.ts";

await runGraphileProcess({ bench_noop: async () => {} }, `bare graphile-worker running (concurrency ${benchWorkerEnv.concurrency})`);
