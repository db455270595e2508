// What a task handler gets besides its validated args.
import type { Db } from "../src/db/prisma.ts";
import type { Logger } from "../src/logger.ts";
import type { SubmitInput } from "../src/domain/jobs.ts";

export interface TaskContext {
  jobId: string;
  attempt: number;
  maxAttempts: number;
  workerId: string;
  db: Db;
  log: Logger;
  /** Aborts when the worker shuts down past its grace period: long tasks should stop and throw. */
  signal: AbortSignal;
  /** Reports progress; writes are throttled, the last value is always saved. */
  progress(done: number, total?: number): void;
  /** Fan-out: queues a child job (a stage's task) of this job, in one transaction with its row. */
  spawn(children: Omit<SubmitInput, "parentId">[]): Promise<string[]>;
}

export type TaskHandler<A = Record<string, unknown>> = (args: A, ctx: TaskContext) => Promise<unknown>;
