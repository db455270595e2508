// The SQL behind job tracking, batched: concurrent starts become one statement and concurrent
// finishes another (see lib/batch.ts), sent through a small node-postgres pool of the worker's own.
// This is the hot path of every job, so it avoids an ORM round trip per row and per transaction:
// each statement is a single data-modifying CTE, atomic without BEGIN/COMMIT.
import pg from "pg";
import { pipelineOfJobType } from "../src/domain/registry.ts";
import { batched } from "./lib/batch.ts";

export interface StartRequest {
  jobId: string;
  type: string;
  attempt: number;
  maxAttempts: number;
  /** graphile-worker's payload, the args of a row we have to create (crontab jobs). */
  payload: unknown;
  queuedAt: Date;
}

export interface Started {
  attemptId: string;
  args: unknown;
}

export interface FinishRequest {
  jobId: string;
  attemptId: string;
  /** Pending = graphile-worker will retry it. */
  status: "Success" | "Failed" | "Pending";
  durationMs: number;
  peakMemoryBytes: number;
  errorMessage: string | null;
  errorStack: string | null;
  result: unknown;
}

// Running: the job row, the attempts a previous holder left `running` (it crashed or its lock
// expired) closed as crashed, and a new attempt row — for every job of the batch at once.
const START = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]) AS t(id, attempt, max_attempts)
  ), j AS (
    UPDATE jobs SET status = 'Running', attempts = input.attempt, "maxAttempts" = input.max_attempts,
      "workerId" = $4, "startedAt" = now(), "finishedAt" = NULL, "updatedAt" = now()
    FROM input WHERE jobs.id = input.id
    RETURNING jobs.id, jobs.args, input.attempt
  ), crashed AS (
    UPDATE job_attempts SET status = 'crashed', "finishedAt" = now(),
      "errorMessage" = 'worker ' || "workerId" || ' stopped before finishing (lock expired or process killed)'
    -- = ANY(array) rather than a join: history grows without bound, the index must be used
    WHERE "jobId" = ANY($1::uuid[]) AND status = 'running'
  ), ins AS (
    INSERT INTO job_attempts ("jobId", attempt, "workerId", status)
    SELECT id, attempt, $4, 'running' FROM j
    RETURNING id, "jobId"
  )
  SELECT ins.id::text AS attempt_id, ins."jobId"::text AS job_id, j.args
  FROM ins JOIN j ON j.id = ins."jobId"`;

// Jobs queued straight into graphile-worker (the crontab, other tools) get their row on first run.
const INSERT_MISSING = `
  INSERT INTO jobs (id, type, "pipelineKey", args, "maxAttempts", "queuedAt", "updatedAt")
  SELECT * , now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::int[], $6::timestamptz[])
  ON CONFLICT (id) DO NOTHING`;

const FINISH = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::"JobStatus"[], $4::int[], $5::bigint[],
      $6::text[], $7::text[], $8::jsonb[])
      AS t(id, attempt_id, status, duration_ms, peak, message, stack, result)
  ), j AS (
    UPDATE jobs SET status = input.status,
      "finishedAt" = CASE WHEN input.status = 'Pending' THEN NULL ELSE now() END,
      "durationMs" = input.duration_ms, "peakMemoryBytes" = input.peak,
      "errorMessage" = input.message, "errorStack" = input.stack, result = input.result,
      -- a fanned-out job's progress is its children's (the jobs_fanout_progress trigger keeps it)
      "progressDone" = CASE WHEN input.status = 'Success' AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c."parentId" = jobs.id)
        THEN coalesce("progressTotal", "progressDone") ELSE "progressDone" END,
      "updatedAt" = now()
    FROM input WHERE jobs.id = input.id
    RETURNING jobs.id
  )
  UPDATE job_attempts a SET status = CASE WHEN input.status = 'Success' THEN 'success' ELSE 'failed' END,
    "finishedAt" = now(), "durationMs" = input.duration_ms, "errorMessage" = input.message
  FROM input WHERE a.id = input.attempt_id AND a.id = ANY($2::bigint[])`;

/** Postgres text and jsonb refuse NUL characters; a task's error text must never make its own record fail. */
const noNul = (s: string | null) => (s === null ? null : s.replace(/\u0000/g, ""));

function resultJson(result: unknown): string | null {
  if (result === undefined) return null;
  const json = JSON.stringify(result, (_k, v) => (typeof v === "string" ? v.replace(/\u0000/g, "") : v));
  return json === undefined ? null : json;
}

export class TrackingStore {
  private pool: pg.Pool;
  readonly start: (r: StartRequest) => Promise<Started>;
  readonly finish: (r: FinishRequest) => Promise<void>;

  constructor(connectionString: string, private workerId: string) {
    // Batching keeps this to a statement or two in flight; 3 connections leave room for a retry.
    this.pool = new pg.Pool({ connectionString, max: 3 });
    this.pool.on("error", () => {}); // idle-client errors: the next query reconnects
    this.start = batched((reqs) => this.startBatch(reqs));
    this.finish = batched(async (reqs) => {
      await this.finishBatch(reqs);
      return reqs.map(() => undefined);
    });
  }

  private async runStart(reqs: StartRequest[]) {
    const res = await this.pool.query<{ attempt_id: string; job_id: string; args: unknown }>({ name: "pw_track_start", text: START, values: [
      reqs.map((r) => r.jobId),
      reqs.map((r) => r.attempt),
      reqs.map((r) => r.maxAttempts),
      this.workerId,
    ] });
    return new Map(res.rows.map((r) => [r.job_id, { attemptId: r.attempt_id, args: r.args }]));
  }

  private async startBatch(reqs: StartRequest[]): Promise<Started[]> {
    let found = await this.runStart(reqs);
    const missing = reqs.filter((r) => !found.has(r.jobId));
    if (missing.length) {
      await this.pool.query(INSERT_MISSING, [
        missing.map((r) => r.jobId),
        missing.map((r) => r.type),
        missing.map((r) => pipelineOfJobType(r.type)?.key ?? null),
        missing.map((r) => JSON.stringify(argsOf(r.payload))),
        missing.map((r) => r.maxAttempts),
        missing.map((r) => r.queuedAt),
      ]);
      found = new Map([...found, ...(await this.runStart(missing))]);
    }
    return reqs.map((r) => {
      const s = found.get(r.jobId);
      if (!s) throw new Error(`job ${r.jobId} vanished from the jobs table`);
      return s;
    });
  }

  private async finishBatch(reqs: FinishRequest[]) {
    await this.pool.query({ name: "pw_track_finish", text: FINISH, values: [
      reqs.map((r) => r.jobId),
      reqs.map((r) => r.attemptId),
      reqs.map((r) => r.status),
      reqs.map((r) => Math.min(Math.round(r.durationMs), 2_147_483_647)),
      reqs.map((r) => Math.round(r.peakMemoryBytes)),
      reqs.map((r) => noNul(r.errorMessage)),
      reqs.map((r) => noNul(r.errorStack)),
      reqs.map((r) => resultJson(r.result)),
    ] });
  }

  close() {
    return this.pool.end();
  }
}

/** A crontab job's payload minus graphile-worker's `_cron` bookkeeping is its args. */
function argsOf(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return {};
  const { _cron, jobId: _ignored, ...args } = payload as Record<string, unknown>;
  return args;
}
