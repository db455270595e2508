// Diagnostic: proves the queue works end to end on a deployment (sleep, progress steps, or fail).
import { setTimeout as sleep } from "node:timers/promises";
import type { JobArgs } from "../../src/domain/registry.ts";
import type { TaskHandler } from "../context.ts";

export const Diagnostic: TaskHandler<JobArgs<"Diagnostic">> = async (args, ctx) => {
  const steps = Math.max(args.steps, 0);
  const perStep = steps ? args.sleepMs / steps : args.sleepMs;
  // No timer for "no sleep": Node clamps a 0 ms timeout to 1 ms, which would make a no-op job
  // (the queue bench's) wait a millisecond for nothing.
  if (!steps && args.sleepMs > 0) await sleep(args.sleepMs, undefined, { signal: ctx.signal });
  for (let i = 1; i <= steps; i++) {
    await sleep(perStep, undefined, { signal: ctx.signal });
    ctx.progress(i, steps);
  }
  if (args.fail) throw new Error(args.fail);
  return { sleptMs: args.sleepMs, attempt: ctx.attempt };
};
