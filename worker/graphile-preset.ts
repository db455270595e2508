// graphile-worker settings shared by our runner and the queue bench's bare baseline, so the bench
// compares tracking overhead and nothing else.
import type { GraphileConfig } from "graphile-config";

export function graphilePreset(opts: { gracefulShutdownMs: number }): GraphileConfig.Preset {
  return {
    worker: {
      gracefulShutdownAbortTimeout: opts.gracefulShutdownMs,
      // With a batcher (even a 0 ms one) graphile-worker flushes job completions on shutdown;
      // without one, a completion fired just before the pool closes can be lost and the job
      // stays locked (seen in test/integration/faults.test.ts).
      completeJobBatchDelay: 0,
      failJobBatchDelay: 0,
    },
  };
}
