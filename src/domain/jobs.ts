// Job services: submit, retry and cancel. Each write to our Job table and graphile-worker's queue
// happens in one transaction, so neither can exist without the other.
import { z } from "zod";
import type { Db } from "../db/prisma.ts";
import type { Job } from "../generated/prisma/client.ts";
import { JOB_TYPES, getJobType, pipelineOfJobType } from "./registry.ts";
import { ServiceError, describeIssues } from "./errors.ts";

export interface SubmitInput {
  type: string;
  args?: unknown;
  /** Overrides the job type's default attempts (1–25). */
  maxAttempts?: number;
  parentId?: string;
  stage?: number;
  stageName?: string;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Validates a submission against the registry; returns the parsed args. Throws ServiceError. */
export function validateSubmission(input: SubmitInput) {
  const def = getJobType(input.type);
  if (!def) {
    const valid = Object.keys(JOB_TYPES).join(", ");
    throw new ServiceError(`unknown job type "${input.type}"; valid types: ${valid}`, "BAD_USER_INPUT");
  }
  if (def.planned) {
    throw new ServiceError(`job type "${def.type}" is declared but not available in this version yet`, "BAD_USER_INPUT");
  }
  if (def.internal && !input.parentId) {
    throw new ServiceError(`job type "${def.type}" is a task that its parent job submits; submit the parent instead`, "BAD_USER_INPUT");
  }
  const parsed = def.args.safeParse(input.args ?? {});
  if (!parsed.success) {
    throw new ServiceError(`invalid args for ${def.type}: ${describeIssues(parsed.error.issues)}`, "BAD_USER_INPUT", {
      issues: parsed.error.issues,
    });
  }
  const maxAttempts = input.maxAttempts ?? def.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 25) {
    throw new ServiceError("maxAttempts must be an integer from 1 to 25", "BAD_USER_INPUT");
  }
  return { def, args: parsed.data as Record<string, unknown>, maxAttempts };
}

/** Queues a graphile-worker job for an existing Job row, inside the caller's transaction. */
async function enqueue(tx: Tx, job: Pick<Job, "id" | "type" | "maxAttempts">) {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    identifier => ${job.type}::text,
    payload => json_build_object('jobId', ${job.id}::text),
    max_attempts => ${job.maxAttempts}::int,
    job_key => ${job.id}::text
  )`;
}

/** Inserts a Job row and enqueues it inside an existing transaction (used for fan-out, too). */
export async function submitJobTx(tx: Tx, input: SubmitInput): Promise<Job> {
  const { def, args, maxAttempts } = validateSubmission(input);
  const job = await tx.job.create({
    data: {
      type: def.type,
      pipelineKey: pipelineOfJobType(def.type)?.key ?? null,
      args: args as object,
      maxAttempts,
      parentId: input.parentId ?? null,
      stage: input.stage ?? null,
      stageName: input.stageName ?? null,
    },
  });
  await enqueue(tx, job);
  return job;
}

export function submitJob(db: Db, input: SubmitInput): Promise<Job> {
  // Validate before opening a transaction so bad input never touches the database.
  validateSubmission(input);
  return db.$transaction((tx) => submitJobTx(tx, input));
}

const uuid = z.uuid();

export function parseJobId(id: string): string {
  if (!uuid.safeParse(id).success) throw new ServiceError(`job id must be a UUID, got "${id.slice(0, 64)}"`, "BAD_USER_INPUT");
  return id;
}

async function lockJob(tx: Tx, id: string): Promise<Job> {
  const rows = await tx.$queryRaw<Job[]>`SELECT * FROM jobs WHERE id = ${id}::uuid FOR UPDATE`;
  if (!rows[0]) throw new ServiceError(`job ${id} not found`, "NOT_FOUND");
  return rows[0];
}

/** Re-queues a Failed or Cancelled job under the same id; its attempt history is kept. */
export function retryJob(db: Db, id: string): Promise<Job> {
  parseJobId(id);
  return db.$transaction(async (tx) => {
    const job = await lockJob(tx, id);
    if (job.status !== "Failed" && job.status !== "Cancelled") {
      throw new ServiceError(`only Failed or Cancelled jobs can be retried; job ${id} is ${job.status}`, "CONFLICT");
    }
    const updated = await tx.job.update({
      where: { id },
      data: { status: "Pending", attempts: 0, queuedAt: new Date(), startedAt: null, finishedAt: null, durationMs: null },
    });
    await enqueue(tx, updated);
    return updated;
  });
}

/** Job type names from outside must be ones the registry knows (they reach SQL as parameters). */
export function parseJobTypes(types: string[] | undefined): string[] | undefined {
  for (const t of types ?? []) {
    if (!getJobType(t)) {
      throw new ServiceError(`unknown job type "${t.slice(0, 64)}"; valid types: ${Object.keys(JOB_TYPES).join(", ")}`, "BAD_USER_INPUT");
    }
  }
  return types;
}

/** Retries every Failed job matching a filter; returns how many were re-queued. */
export async function retryFailedJobs(db: Db, where: { type?: string[] } = {}): Promise<number> {
  parseJobTypes(where.type);
  const ids = await db.job.findMany({
    where: { status: "Failed", ...(where.type?.length ? { type: { in: where.type } } : {}) },
    select: { id: true },
    take: 10_000,
  });
  let n = 0;
  for (const { id } of ids) {
    await retryJob(db, id).then(() => n++, () => {});
  }
  return n;
}

/** Removes a Pending job from the queue. A job that already started cannot be cancelled. */
export function cancelJob(db: Db, id: string): Promise<Job> {
  parseJobId(id);
  return db.$transaction(async (tx) => {
    const job = await lockJob(tx, id);
    if (job.status !== "Pending") {
      throw new ServiceError(`only Pending jobs can be cancelled; job ${id} is ${job.status}`, "CONFLICT");
    }
    const removed = await tx.$queryRaw<{ locked_at: Date | null }[]>`
      SELECT locked_at FROM graphile_worker.remove_job(${id}::text)`;
    if (removed[0]?.locked_at) {
      throw new ServiceError(`job ${id} has just started running and can no longer be cancelled`, "CONFLICT");
    }
    return tx.job.update({ where: { id }, data: { status: "Cancelled", finishedAt: new Date() } });
  });
}
