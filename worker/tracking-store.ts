// The SQL behind job tracking, batched: the starts and finishes of concurrent jobs become one
// statement (see lib/batch.ts), sent through a small node-postgres pool of the worker's own.
// This is the hot path of every job, so it avoids an ORM round trip per row and per transaction:
// each statement is a single data-modifying CTE, atomic without BEGIN/COMMIT.
import pg from "pg";
import { pipelineOfJobType } from "../src/domain/registry.ts";
import { batched, ItemFailure } from "./lib/batch.ts";

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
// expired) closed as crashed, and a new attempt row — for every starting job of the batch at once.
const START_CTES = `
  s_in AS (
    SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]) AS t(id, attempt, max_attempts)
  ), s_job AS (
    UPDATE jobs SET status = 'Running', attempts = s_in.attempt, "maxAttempts" = s_in.max_attempts,
      "workerId" = $4, "startedAt" = now(), "finishedAt" = NULL, "updatedAt" = now()
    FROM s_in WHERE jobs.id = s_in.id
    RETURNING jobs.id, jobs.args, s_in.attempt
  ), s_crashed AS (
    UPDATE job_attempts SET status = 'crashed', "finishedAt" = now(),
      "errorMessage" = 'worker ' || "workerId" || ' stopped before finishing (lock expired or process killed)'
    -- = ANY(array) rather than a join: history grows without bound, the index must be used
    WHERE "jobId" = ANY($1::uuid[]) AND status = 'running'
  ), s_attempt AS (
    INSERT INTO job_attempts ("jobId", attempt, "workerId", status)
    SELECT id, attempt, $4, 'running' FROM s_job
    RETURNING id, "jobId"
  )`;

// Success / Failed / Pending (= graphile-worker retries it) with the attempt closed, for every
// finishing job of the batch.
const FINISH_CTES = `
  f_in AS (
    SELECT * FROM unnest($5::uuid[], $6::bigint[], $7::"JobStatus"[], $8::int[], $9::bigint[],
      $10::text[], $11::text[], $12::jsonb[])
      AS t(id, attempt_id, status, duration_ms, peak, message, stack, result)
  ), f_job AS (
    UPDATE jobs SET status = f_in.status,
      "finishedAt" = CASE WHEN f_in.status = 'Pending' THEN NULL ELSE now() END,
      "durationMs" = f_in.duration_ms, "peakMemoryBytes" = f_in.peak,
      "errorMessage" = f_in.message, "errorStack" = f_in.stack, result = f_in.result,
      -- a fanned-out job's progress is its children's (the jobs_fanout_progress trigger keeps it)
      "progressDone" = CASE WHEN f_in.status = 'Success' AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c."parentId" = jobs.id)
        THEN coalesce("progressTotal", "progressDone") ELSE "progressDone" END,
      "updatedAt" = now()
    FROM f_in WHERE jobs.id = f_in.id
    RETURNING jobs.id
  ), f_attempt AS (
    UPDATE job_attempts a SET status = CASE WHEN f_in.status = 'Success' THEN 'success' ELSE 'failed' END,
      "finishedAt" = now(), "durationMs" = f_in.duration_ms, "errorMessage" = f_in.message
    FROM f_in WHERE a.id = f_in.attempt_id AND a.id = ANY($6::bigint[])
    RETURNING a.id
  )`;

// Starts and finishes of a batch in ONE statement (one round trip, one commit, one NOTIFY): they
// always concern different jobs, since a job's finish waits for its start. Data-modifying CTEs run
// to completion whether or not the final SELECT reads them.
const TRACK = `
  WITH ${START_CTES}, ${FINISH_CTES}
  SELECT s_attempt.id::text AS attempt_id, s_attempt."jobId"::text AS job_id, s_job.args
  FROM s_attempt JOIN s_job ON s_job.id = s_attempt."jobId"`;

// Jobs queued straight into graphile-worker (the crontab, other tools) get their row on first run.
const INSERT_MISSING = `
  INSERT INTO jobs (id, type, "pipelineKey", args, "maxAttempts", "queuedAt", "updatedAt")
  SELECT * , now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::int[], $6::timestamptz[])
  ON CONFLICT (id) DO NOTHING`;

/** Postgres text and jsonb refuse NUL characters; a task's error text must never make its own record fail. */
const noNul = (s: string | null) => (s === null ? null : s.replace(/\u0000/g, ""));

/** JSON for a jsonb column, NUL characters dropped from strings (jsonb refuses `\u0000`). */
function resultJson(result: unknown): string | null {
  if (result === undefined) return null;
  const json = JSON.stringify(result, (_k, v) => (typeof v === "string" ? v.replace(/\u0000/g, "") : v));
  return json === undefined ? null : json;
}

type Op = { kind: "start"; req: StartRequest } | { kind: "finish"; req: FinishRequest };

export class TrackingStore {
  private pool: pg.Pool;
  private track: (op: Op) => Promise<Started | undefined>;

  constructor(connectionString: string, private workerId: string) {
    // Batching keeps this to one statement in flight; 3 connections leave room for one-by-one retries.
    // Every job start and finish of this worker waits on it, so a half-open connection or a stuck
    // lock must fail (and the task with it, to be retried) rather than stall the worker for good.
    this.pool = new pg.Pool({
      connectionString,
      max: 3,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
      statement_timeout: 30_000,
      query_timeout: 35_000,
    });
    this.pool.on("error", () => {}); // idle-client errors: the next query reconnects
    this.track = batched((ops) => this.write(ops));
  }

  /** Marks the job Running with a new attempt; resolves with the attempt and the job's args. */
  async start(req: StartRequest): Promise<Started> {
    return (await this.track({ kind: "start", req }))!;
  }

  /** Records the end of an attempt; resolves once it is committed. */
  async finish(req: FinishRequest): Promise<void> {
    await this.track({ kind: "finish", req });
  }

  private async run(starts: StartRequest[], finishes: FinishRequest[]) {
    // Finishing tasks of two fan-out parents, two workers' batches can lock the parents (progress
    // trigger) in opposite orders: Postgres aborts one statement, which then simply runs again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(starts, finishes);
      } catch (e) {
        if ((e as { code?: string }).code !== "40P01" || attempt >= 3) throw e;
      }
    }
  }

  private async runOnce(starts: StartRequest[], finishes: FinishRequest[]) {
    const res = await this.pool.query<{ attempt_id: string; job_id: string; args: unknown }>({
      name: "pw_track",
      text: TRACK,
      values: [
        starts.map((r) => r.jobId),
        starts.map((r) => r.attempt),
        starts.map((r) => r.maxAttempts),
        this.workerId,
        finishes.map((r) => r.jobId),
        finishes.map((r) => r.attemptId),
        finishes.map((r) => r.status),
        finishes.map((r) => Math.min(Math.round(r.durationMs), 2_147_483_647)),
        finishes.map((r) => Math.round(r.peakMemoryBytes)),
        finishes.map((r) => noNul(r.errorMessage)),
        finishes.map((r) => noNul(r.errorStack)),
        finishes.map((r) => resultJson(r.result)),
      ],
    });
    return new Map(res.rows.map((r) => [r.job_id, { attemptId: r.attempt_id, args: r.args }]));
  }

  private async write(ops: Op[]): Promise<(Started | undefined | ItemFailure)[]> {
    const starts = ops.flatMap((o) => (o.kind === "start" ? [o.req] : []));
    const finishes = ops.flatMap((o) => (o.kind === "finish" ? [o.req] : []));
    // Throwing is only safe until this statement commits (the batcher then retries every op one by
    // one); after it, a failure must stay with the ops it concerns, or committed starts would run
    // again and close their own fresh attempts as crashed.
    const started = await this.run(starts, finishes);
    const missing = starts.filter((r) => !started.has(r.jobId));
    let missingFailure: ItemFailure | undefined;
    if (missing.length) {
      try {
        for (const [id, s] of await this.startMissing(missing)) started.set(id, s);
      } catch (e) {
        missingFailure = new ItemFailure(e);
      }
    }
    return ops.map((o) => {
      if (o.kind === "finish") return undefined;
      const s = started.get(o.req.jobId);
      return s ?? missingFailure ?? new ItemFailure(new Error(`job ${o.req.jobId} vanished from the jobs table`));
    });
  }

  /** Jobs queued straight into graphile-worker (crontab, other tools): create their rows, then start them. */
  private async startMissing(missing: StartRequest[]) {
    await this.pool.query(INSERT_MISSING, [
      missing.map((r) => r.jobId),
      missing.map((r) => r.type),
      missing.map((r) => pipelineOfJobType(r.type)?.key ?? null),
      missing.map((r) => resultJson(argsOf(r.payload))),
      missing.map((r) => r.maxAttempts),
      missing.map((r) => r.queuedAt),
    ]);
    return this.run(missing, []);
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
