// Queue throughput: N no-op jobs through this system (Job rows + tracked worker) vs bare
// graphile-worker, same Postgres, same concurrency, same kind of process, alternating in one run.
// Opt-in third system (BENCH_QUEUE_VARIANTS=untracked): bench/untracked-worker.ts, an experiment.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { makeWorkerUtils } from "graphile-worker";
import { createPrisma } from "../src/db/prisma.ts";
import { quietGraphileLogger } from "../src/db/migrate.ts";
import { submitJob } from "../src/domain/jobs.ts";
import { type ProfileSummary, summarizeProfile } from "./profile.ts";
import {
  Inspector,
  type BenchOptions,
  type BenchResult,
  createDatabase,
  cpuMs,
  finishMachineInfo,
  fmt,
  insertTrackedJobs,
  log,
  machineInfo,
  machineLine,
  median,
  sleep,
  startProcess,
  table,
} from "./lib.ts";

export const name = "queue";

/** untracked = bench/untracked-worker.ts, an experiment (opt-in: BENCH_QUEUE_VARIANTS=untracked). */
type System = "pipewatch" | "bare" | "untracked";

interface Params {
  jobs: number;
  concurrencies: number[];
  repeats: number;
  batchSize: number;
  pollIntervalMs: number;
  submitSample: number;
  /** Jobs per system in the extra profiled run (0 = no profiling run). */
  profileJobs: number;
}

interface RunResult {
  system: System;
  concurrency: number;
  repeat: number;
  jobs: number;
  /** Time to enqueue all jobs (pipewatch, untracked: batched Job INSERT + add_job per row; bare: addJobs). */
  enqueueMs: number;
  enqueuePerSec: number;
  /** First job locked → graphile's queue table empty (last job completed). */
  durationMs: number;
  jobsPerSec: number;
  /** pipewatch only: max(finishedAt) − min(startedAt) from the jobs table, as a cross-check. */
  dbSpanMs?: number;
  workerCpuMsPerJob: number;
  /** CPU of the Postgres backends serving the worker (its pools), per job. */
  pgBackendCpuMsPerJob: number;
  /** pg_stat_database deltas for the bench database, per job (our own poll queries subtracted). */
  commitsPerJob: number;
  tupInsertedPerJob: number;
  tupUpdatedPerJob: number;
  tupDeletedPerJob: number;
  /** Profiled runs only: worker CPU profile of the measured window. */
  profile?: ProfileSummary;
  /** Profiled runs only: statements the worker sent through node-postgres, per job, by kind. */
  statementsPerJob?: { total: number; byKind: { sql: string; perJob: number }[] };
}

interface ConcurrencySummary {
  concurrency: number;
  pipewatch: { best: number; median: number; runs: number[] };
  bare: { best: number; median: number; runs: number[] };
  ratioBest: number;
  ratioMedian: number;
  /**
   * (bare worker + Postgres CPU per job) / (pipewatch worker + Postgres CPU per job): the throughput
   * ratio to expect when both are CPU-bound, and much less sensitive to other load on the machine.
   */
  cpuRatio: number;
  /** Only with BENCH_QUEUE_VARIANTS=untracked. */
  untracked?: {
    best: number;
    median: number;
    runs: number[];
    ratioBest: number;
    ratioMedian: number;
    commitsPerJob: number;
    workerCpuMsPerJob: number;
    pgCpuMsPerJob: number;
  };
  pipewatchCommitsPerJob: number;
  bareCommitsPerJob: number;
  pipewatchWorkerCpuMsPerJob: number;
  bareWorkerCpuMsPerJob: number;
  pipewatchPgCpuMsPerJob: number;
  barePgCpuMsPerJob: number;
}

interface Summary {
  goalRatio: number;
  byConcurrency: ConcurrencySummary[];
  /** The product's own submitJob() (Prisma transaction per job), sequential, one client. */
  submitJobPerSec: number;
  submitJobMsP50: number;
  /** One extra run per system with the worker CPU-profiled and its SQL counted (not in the table above). */
  profiled?: RunResult[];
}

const GOAL = 0.8;

async function resetQueue(c: pg.Client) {
  await c.query(`TRUNCATE jobs, job_attempts, job_rollups, workers CASCADE`);
  await c.query(`DELETE FROM graphile_worker._private_jobs`);
  for (const t of ["jobs", "job_attempts", "job_rollups", "workers", "graphile_worker._private_jobs"]) {
    await c.query(`VACUUM ANALYZE ${t}`);
  }
  // Flush the WAL of the previous run so no run pays for another's checkpoint.
  await c.query("CHECKPOINT");
}

interface DbStats {
  commits: number;
  ins: number;
  upd: number;
  del: number;
}

async function dbStats(c: pg.Client): Promise<DbStats> {
  await c.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await c.query(
    `SELECT xact_commit::float8 AS commits, tup_inserted::float8 AS ins, tup_updated::float8 AS upd,
            tup_deleted::float8 AS del
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  return rows[0] as DbStats;
}

async function backendPids(c: pg.Client): Promise<number[]> {
  const { rows } = await c.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows.map((r) => r.pid);
}

async function enqueue(system: System, c: pg.Client, n: number, batchSize: number, url: string) {
  if (system !== "bare") {
    for (let i = 0; i < n; i += batchSize) {
      const ids = Array.from({ length: Math.min(batchSize, n - i) }, () => randomUUID());
      await insertTrackedJobs(c, ids, "Diagnostic", {});
    }
    return;
  }
  const utils = await makeWorkerUtils({ connectionString: url, logger: quietGraphileLogger });
  try {
    for (let i = 0; i < n; i += batchSize) {
      const specs = Array.from({ length: Math.min(batchSize, n - i) }, () => ({ identifier: "bench_noop", payload: {} }));
      await utils.addJobs(specs);
    }
  } finally {
    await utils.release();
  }
}

export async function runOnce(
  system: System,
  concurrency: number,
  repeat: number,
  p: Params,
  c: pg.Client,
  url: string,
  profile = false,
): Promise<RunResult> {
  const n = profile ? p.profileJobs : p.jobs;
  await resetQueue(c);
  const e0 = performance.now();
  await enqueue(system, c, n, p.batchSize, url);
  const enqueueMs = performance.now() - e0;
  await c.query("SELECT pg_stat_force_next_flush()");
  await sleep(1200); // let the enqueue backends' stats land before the "before" snapshot
  const before = await dbStats(c);
  let polls = 1; // the dbStats query above is counted in `after`, too

  const traceFile = join(tmpdir(), `pw-bench-pgtrace-${process.pid}-${system}.json`);
  const env: Record<string, string> = { DATABASE_URL: url, WORKER_CONCURRENCY: String(concurrency), WORKER_POLL_INTERVAL_MS: "2000" };
  const extra = profile ? { nodeArgs: ["--inspect=127.0.0.1:0"], imports: ["./bench/pg-trace.ts"] } : {};
  if (profile) env.BENCH_PG_TRACE_FILE = traceFile;
  const worker =
    system === "pipewatch"
      ? await startProcess("worker/main.ts", env, /pipewatch worker (\S+) running/, extra)
      : system === "untracked"
        ? await startProcess("bench/untracked-worker.ts", env, /untracked worker (\S+) running/, extra)
        : await startProcess("bench/bare-worker.ts", env, /bare graphile-worker running/, extra);
  let inspector: Inspector | undefined;
  try {
    if (profile) {
      inspector = await Inspector.attach(worker);
      await inspector.startProfile();
    }
    // Wait for the first job to be locked (the worker is up and fetching).
    let tStart = 0;
    const deadline = Date.now() + 60_000;
    while (!tStart) {
      const { rows } = await c.query<{ locked: number; remaining: number }>(
        `SELECT count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS locked, count(*)::int AS remaining
         FROM graphile_worker._private_jobs`,
      );
      polls++;
      if (rows[0]!.locked > 0 || rows[0]!.remaining < n) tStart = performance.now();
      else if (Date.now() > deadline) throw new Error(`${system} worker never started a job:\n${worker.output()}`);
      else await sleep(10);
    }
    const cpu0 = cpuMs(worker.pid);
    const pids0 = await backendPids(c);
    polls++;
    const pgCpu0 = new Map(pids0.map((pid) => [pid, cpuMs(pid)]));
    // Wait until graphile's queue is empty: every job completed (and, for pipewatch, tracked).
    let tEnd = 0;
    let lastLog = Date.now();
    const limit = Date.now() + 15 * 60_000;
    while (!tEnd) {
      const { rows } = await c.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM graphile_worker._private_jobs) AS any`);
      polls++;
      if (!rows[0]!.any) {
        tEnd = performance.now();
        break;
      }
      if (Date.now() > limit) throw new Error(`${system} did not finish ${n} jobs in 15 minutes`);
      if (Date.now() - lastLog > 10_000) {
        const left = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`)).rows[0]!.n;
        polls++;
        log(`  ${system} c=${concurrency}: ${n - left}/${n} done`);
        lastLog = Date.now();
      }
      await sleep(20);
    }
    const workerCpu = cpuMs(worker.pid) - cpu0;
    const cpuProfile = inspector ? summarizeProfile(await inspector.stopProfile(), 15) : undefined;
    inspector?.close();
    const pids1 = await backendPids(c);
    polls++;
    let pgCpu = 0;
    for (const pid of pids1) pgCpu += cpuMs(pid) - (pgCpu0.get(pid) ?? 0);
    await worker.stop();
    await sleep(500);
    const after = await dbStats(c);
    const durationMs = tEnd - tStart;

    let dbSpanMs: number | undefined;
    // untracked leaves its Job rows Pending on purpose: like bare, it is done when the queue is empty.
    if (system === "pipewatch") {
      const { rows } = await c.query<{ ok: number; attempts: number; span: number }>(
        // Only the bench's Diagnostic jobs: the worker's crontab (RefreshDiskUsage every 5 min) adds its own.
        `SELECT (SELECT count(*) FROM jobs WHERE type = 'Diagnostic' AND status = 'Success')::int AS ok,
                (SELECT count(*) FROM job_attempts a JOIN jobs j ON j.id = a."jobId"
                  WHERE j.type = 'Diagnostic' AND a.status = 'success')::int AS attempts,
                (SELECT extract(epoch FROM max("finishedAt") - min("startedAt")) * 1000 FROM jobs
                  WHERE type = 'Diagnostic')::float8 AS span`,
      );
      if (rows[0]!.ok !== n || rows[0]!.attempts !== n) {
        throw new Error(`${system} run incomplete: ${rows[0]!.ok} Success jobs, ${rows[0]!.attempts} attempts of ${n}`);
      }
      dbSpanMs = Math.round(rows[0]!.span);
    }
    const per = (x: number) => Math.round((x / n) * 100) / 100;
    let statementsPerJob: RunResult["statementsPerJob"];
    if (profile && existsSync(traceFile)) {
      const counts = JSON.parse(readFileSync(traceFile, "utf8")) as Record<string, number>;
      rmSync(traceFile, { force: true });
      const byKind = Object.entries(counts)
        .map(([sql, k]) => ({ sql, perJob: per(k) }))
        .filter((k) => k.perJob >= 0.01)
        .sort((a, b) => b.perJob - a.perJob);
      statementsPerJob = { total: per(Object.values(counts).reduce((a, b) => a + b, 0)), byKind };
    }
    const r: RunResult = {
      system,
      concurrency,
      repeat,
      jobs: n,
      enqueueMs: Math.round(enqueueMs),
      enqueuePerSec: Math.round((n * 1000) / enqueueMs),
      durationMs: Math.round(durationMs),
      jobsPerSec: Math.round((n * 1000) / durationMs),
      dbSpanMs,
      workerCpuMsPerJob: per(workerCpu),
      pgBackendCpuMsPerJob: per(pgCpu),
      commitsPerJob: per(after.commits - before.commits - polls),
      tupInsertedPerJob: per(after.ins - before.ins),
      tupUpdatedPerJob: per(after.upd - before.upd),
      tupDeletedPerJob: per(after.del - before.del),
      profile: cpuProfile,
      statementsPerJob,
    };
    log(
      `  ${system.padEnd(9)} c=${concurrency} ${profile ? "profiled" : `#${repeat + 1}`}: ${fmt(r.jobsPerSec)} jobs/s (${fmt(durationMs / 1000, 2)} s; ` +
        `worker ${r.workerCpuMsPerJob} ms CPU/job, pg ${r.pgBackendCpuMsPerJob} ms CPU/job, ${r.commitsPerJob} commits/job)`,
    );
    return r;
  } finally {
    inspector?.close();
    await worker.stop();
  }
}

/** The product's own path, one call at a time: what a single API client sees per submission. */
async function measureSubmitJob(url: string, count: number) {
  const db = createPrisma(url, 4);
  try {
    for (let i = 0; i < 20; i++) await submitJob(db, { type: "Diagnostic", args: {} }); // warm-up
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const s = performance.now();
      await submitJob(db, { type: "Diagnostic", args: {} });
      times.push(performance.now() - s);
    }
    const total = performance.now() - t0;
    return { perSec: Math.round((count * 1000) / total), p50: Math.round(median(times) * 100) / 100 };
  } finally {
    await db.$disconnect();
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult<Params, Summary>> {
  const p: Params = {
    jobs: Number(process.env.BENCH_QUEUE_JOBS ?? (opts.quick ? 1_000 : 20_000)),
    concurrencies: (process.env.BENCH_QUEUE_CONCURRENCY ?? "10").split(",").map(Number),
    repeats: Number(process.env.BENCH_QUEUE_REPEATS ?? 2),
    batchSize: 1_000,
    pollIntervalMs: 2_000,
    submitSample: opts.quick ? 100 : 500,
    profileJobs: Number(process.env.BENCH_QUEUE_PROFILE_JOBS ?? (opts.quick ? 0 : 3_000)),
  };
  const machine = await machineInfo();
  const db = await createDatabase("queue");
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const runs: RunResult[] = [];
  const profiled: RunResult[] = [];
  const variants = (process.env.BENCH_QUEUE_VARIANTS ?? "").split(",").filter(Boolean);
  const systems: System[] = variants.includes("untracked") ? ["pipewatch", "untracked", "bare"] : ["pipewatch", "bare"];
  let submit: { perSec: number; p50: number };
  try {
    log(`queue: submitJob() sample (${p.submitSample} sequential calls)`);
    submit = await measureSubmitJob(db.url, p.submitSample);
    log(`  submitJob: ${submit.perSec} jobs/s, p50 ${submit.p50} ms`);
    for (const concurrency of p.concurrencies) {
      for (let r = 0; r < p.repeats; r++) {
        // Alternate who goes first so drift on a shared machine hits all alike.
        const order = r % 2 === 0 ? systems : [...systems].reverse();
        for (const system of order) runs.push(await runOnce(system, concurrency, r, p, c, db.url));
      }
    }
    if (p.profileJobs > 0) {
      log(`queue: profiled runs (${p.profileJobs} jobs each, concurrency ${p.concurrencies[0]}; not counted above)`);
      for (const system of systems) {
        profiled.push(await runOnce(system, p.concurrencies[0]!, 0, p, c, db.url, true));
      }
    }
  } finally {
    await c.end().catch(() => {});
    await db.drop();
  }

  const byConcurrency = p.concurrencies.map((concurrency): ConcurrencySummary => {
    const of = (s: System) => runs.filter((r) => r.system === s && r.concurrency === concurrency);
    const stat = (s: System) => {
      const v = of(s).map((r) => r.jobsPerSec);
      return { best: Math.max(...v), median: Math.round(median(v)), runs: v };
    };
    const avg = (s: System, k: keyof RunResult) => Math.round(median(of(s).map((r) => r[k] as number)) * 100) / 100;
    const ours = stat("pipewatch");
    const bare = stat("bare");
    const untracked = of("untracked").length ? stat("untracked") : undefined;
    return {
      concurrency,
      pipewatch: ours,
      bare,
      ratioBest: Math.round((ours.best / bare.best) * 1000) / 1000,
      ratioMedian: Math.round((ours.median / bare.median) * 1000) / 1000,
      untracked: untracked && {
        ...untracked,
        ratioBest: Math.round((untracked.best / bare.best) * 1000) / 1000,
        ratioMedian: Math.round((untracked.median / bare.median) * 1000) / 1000,
        commitsPerJob: avg("untracked", "commitsPerJob"),
        workerCpuMsPerJob: avg("untracked", "workerCpuMsPerJob"),
        pgCpuMsPerJob: avg("untracked", "pgBackendCpuMsPerJob"),
      },
      cpuRatio: cpuRatioOf(
        avg("pipewatch", "workerCpuMsPerJob") + avg("pipewatch", "pgBackendCpuMsPerJob"),
        avg("bare", "workerCpuMsPerJob") + avg("bare", "pgBackendCpuMsPerJob"),
      ),
      pipewatchCommitsPerJob: avg("pipewatch", "commitsPerJob"),
      bareCommitsPerJob: avg("bare", "commitsPerJob"),
      pipewatchWorkerCpuMsPerJob: avg("pipewatch", "workerCpuMsPerJob"),
      bareWorkerCpuMsPerJob: avg("bare", "workerCpuMsPerJob"),
      pipewatchPgCpuMsPerJob: avg("pipewatch", "pgBackendCpuMsPerJob"),
      barePgCpuMsPerJob: avg("bare", "pgBackendCpuMsPerJob"),
    };
  });
  const notes = [
    "pipewatch jobs are enqueued with the SQL of submitJobTx (jobs INSERT + graphile_worker.add_job(identifier, {jobId}, max_attempts, job_key)) but in batches of 1,000 per transaction (one INSERT … SELECT unnest, one SELECT add_job(…) per row); bare jobs with WorkerUtils.addJobs in batches of 1,000.",
    "Both workers are separate `node --import tsx` processes with the same graphile-worker preset (worker/graphile-preset.ts), concurrency, pollInterval and pool defaults, so they differ only in tracking: pipewatch = worker/main.ts (startWorker: tracked Diagnostic handler, {} args), bare = bench/bare-worker.ts (run() with a no-op task).",
    "pipewatch tracking per job, batched across the jobs running at once (worker/tracking-store.ts, its own small node-postgres pool): one statement per batch marks the jobs that just started Running (inserting their attempt rows) and records the ones that just finished (Success, attempt closed); peak RSS comes from one process-wide sampler; rollups are buffered and flushed once a second.",
    "Throughput = jobs / (first job locked → graphile_worker._private_jobs empty), polled every 10–20 ms from a separate connection. The queue is filled before the worker starts.",
    "Queue tables are truncated and vacuumed and a CHECKPOINT is taken before every run; runs alternate which system goes first.",
    "commits per job = pg_stat_database.xact_commit delta / jobs; it includes the transactions Postgres runs in every LISTENing backend of the database to read a NOTIFY (graphile-worker's listener is woken by pipewatch's job notifications too: the jobs_notify_insert/_update triggers send one per statement, not one per row).",
    ...(systems.includes("untracked")
      ? [
          "untracked (BENCH_QUEUE_VARIANTS=untracked) = bench/untracked-worker.ts, an experiment, not the product: started like bench/bare-worker.ts, running the product's tasks through the product's tracked() wrapper with a TrackingStore that writes nothing (args from the payload, {} here). Enqueued like pipewatch (Job rows included, left Pending); done when graphile's queue is empty, like bare.",
        ]
      : []),
    "Profiled runs (full mode): one more run per system, worker started with --inspect=127.0.0.1:0 (CPU profile of the measured window via the inspector) and --import ./bench/pg-trace.ts (counts statements sent through node-postgres); they are slower and not part of the throughput table.",
  ];
  return {
    name,
    quick: opts.quick,
    machine: finishMachineInfo(machine),
    params: p,
    summary: {
      goalRatio: GOAL,
      byConcurrency,
      submitJobPerSec: submit!.perSec,
      submitJobMsP50: submit!.p50,
      profiled: profiled.length ? profiled : undefined,
    },
    notes,
    runs,
  };
}

function cpuRatioOf(oursMs: number, bareMs: number) {
  return Math.round((bareMs / oursMs) * 1000) / 1000;
}

export function markdown(r: BenchResult<Params, Summary>): string {
  const s = r.summary;
  const rows = s.byConcurrency.map((c) => [
    c.concurrency,
    `${fmt(c.pipewatch.best)} / ${fmt(c.pipewatch.median)}`,
    `${fmt(c.bare.best)} / ${fmt(c.bare.median)}`,
    `**${fmt(c.ratioBest, 2)}** / ${fmt(c.ratioMedian, 2)}`,
    c.ratioMedian >= s.goalRatio ? "met" : "**missed**",
    fmt(
      c.cpuRatio ??
        cpuRatioOf(c.pipewatchWorkerCpuMsPerJob + c.pipewatchPgCpuMsPerJob, c.bareWorkerCpuMsPerJob + c.barePgCpuMsPerJob),
      2,
    ),
    `${c.pipewatchCommitsPerJob} / ${c.bareCommitsPerJob}`,
    `${c.pipewatchWorkerCpuMsPerJob} / ${c.bareWorkerCpuMsPerJob}`,
    `${c.pipewatchPgCpuMsPerJob} / ${c.barePgCpuMsPerJob}`,
  ]);
  return [
    `### queue — ${fmt(r.params.jobs)} no-op jobs, ${r.params.repeats} runs per system and concurrency`,
    "",
    machineLine(r.machine, r.quick),
    "",
    table(
      [
        "concurrency",
        "pipewatch jobs/s (best / median)",
        "bare graphile-worker jobs/s (best / median)",
        "ratio (best / median)",
        `goal ≥ ${s.goalRatio}`,
        "CPU ratio (bare ÷ pw CPU ms/job)",
        "commits per job (pw / bare)",
        "worker CPU ms/job (pw / bare)",
        "Postgres backend CPU ms/job (pw / bare)",
      ],
      rows,
    ),
    ...s.byConcurrency.flatMap((c) => (c.untracked ? ["", untrackedLine(c, s.goalRatio)] : [])),
    "",
    `The product's own \`submitJob()\` (one Prisma transaction per job, sequential, one client): ${fmt(s.submitJobPerSec)} jobs/s, p50 ${s.submitJobMsP50} ms per call.`,
    ...profiledMarkdown(s.profiled),
  ].join("\n");
}

/** The opt-in experiment: the product's wrapper with the durable Job writes skipped. */
function untrackedLine(c: ConcurrencySummary, goal: number): string {
  const u = c.untracked!;
  const verdict =
    u.ratioMedian >= goal
      ? "the gap between pipewatch and bare is the durable per-job writes"
      : "skipping the durable per-job writes alone does not close the gap to bare";
  return (
    `Untracked (\`BENCH_QUEUE_VARIANTS=untracked\`, bench/untracked-worker.ts: the product's wrapper with the durable Job writes skipped; not the product), concurrency ${c.concurrency}: ` +
    `${fmt(u.best)} / ${fmt(u.median)} jobs/s (best / median), ratio to bare **${fmt(u.ratioBest, 2)}** / ${fmt(u.ratioMedian, 2)} ` +
    `(pipewatch ${fmt(c.ratioBest, 2)} / ${fmt(c.ratioMedian, 2)}); ${u.commitsPerJob} commits/job, worker ${u.workerCpuMsPerJob} ms + Postgres ${u.pgCpuMsPerJob} ms CPU per job: ${verdict}.`
  );
}

function profiledMarkdown(runs: RunResult[] | undefined): string[] {
  const pw = runs?.find((r) => r.system === "pipewatch");
  const bare = runs?.find((r) => r.system === "bare");
  if (!pw?.profile || !bare?.profile) return [];
  const pct = (r: RunResult, bucket: string) => r.profile!.byBucket.find((b) => b.bucket === bucket)?.pct;
  const msPerJob = (r: RunResult, bucket: string) => {
    const b = r.profile!.byBucket.find((x) => x.bucket === bucket);
    return b ? b.ms / r.jobs : undefined;
  };
  const buckets = pw.profile.byBucket.slice(0, 10).map((b) => b.bucket);
  const stmts = pw.statementsPerJob?.byKind.slice(0, 10) ?? [];
  return [
    "",
    `**Where the worker's time goes** (extra profiled run, ${fmt(pw.jobs)} jobs, concurrency ${pw.concurrency}: pipewatch ${fmt(pw.jobsPerSec)} jobs/s, bare ${fmt(bare.jobsPerSec)} jobs/s under the profiler). ` +
      `Statements sent per job: pipewatch **${pw.statementsPerJob?.total ?? "?"}**, bare **${bare.statementsPerJob?.total ?? "?"}**. ` +
      `Worker CPU per job: pipewatch ${pw.workerCpuMsPerJob} ms, bare ${bare.workerCpuMsPerJob} ms; Postgres backends: ${pw.pgBackendCpuMsPerJob} vs ${bare.pgBackendCpuMsPerJob} ms.`,
    "",
    table(
      ["worker self time by package / file", "pipewatch share", "pipewatch µs/job", "bare share", "bare µs/job"],
      buckets.map((b) => [
        b,
        `${fmt(pct(pw, b), 1)} %`,
        fmt((msPerJob(pw, b) ?? NaN) * 1000),
        pct(bare, b) === undefined ? "–" : `${fmt(pct(bare, b), 1)} %`,
        fmt((msPerJob(bare, b) ?? NaN) * 1000),
      ]),
    ),
    "",
    table(
      ["statement (pipewatch worker, first 70 chars)", "per job"],
      stmts.map((k) => [`\`${k.sql.replace(/\|/g, "\\|")}\``, k.perJob]),
    ),
  ];
}
