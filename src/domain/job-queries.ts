// Read models for jobs, workers and queue health. Hot SQL lives here, parameterised.
import type { Db } from "../db/prisma.ts";
import { Prisma, type Job, type JobStatus, type Worker } from "../generated/prisma/client.ts";
import { ServiceError } from "./errors.ts";
import { parseJobId, parseJobTypes } from "./jobs.ts";

export const MAX_PAGE = 200;

export interface JobFilter {
  status?: JobStatus[];
  type?: string[];
  /** Matches an id prefix or any text inside the args. */
  search?: string;
  pipeline?: string;
  parentId?: string;
  /** Hide fan-out children (tasks) from the main list. */
  topLevelOnly?: boolean;
}

function encodeCursor(job: Pick<Job, "queuedAt" | "id">) {
  return Buffer.from(`${job.queuedAt.toISOString()}|${job.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { queuedAt: Date; id: string } {
  const [ts, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const queuedAt = new Date(ts ?? "");
  if (!id || Number.isNaN(queuedAt.getTime())) throw new ServiceError("invalid cursor", "BAD_USER_INPUT");
  return { queuedAt, id: parseJobId(id) };
}

function whereSql(filter: JobFilter, after?: { queuedAt: Date; id: string }) {
  const parts: Prisma.Sql[] = [];
  if (filter.status?.length) parts.push(Prisma.sql`status::text IN (${Prisma.join(filter.status)})`);
  if (filter.type?.length) parts.push(Prisma.sql`type IN (${Prisma.join(filter.type)})`);
  if (filter.pipeline) parts.push(Prisma.sql`"pipelineKey" = ${filter.pipeline}`);
  if (filter.parentId) parts.push(Prisma.sql`"parentId" = ${parseJobId(filter.parentId)}::uuid`);
  if (filter.topLevelOnly) parts.push(Prisma.sql`"parentId" IS NULL`);
  if (filter.search?.trim()) {
    const s = filter.search.trim().slice(0, 200);
    const like = `%${s.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
    parts.push(Prisma.sql`(id::text LIKE ${s.toLowerCase() + "%"} OR args::text ILIKE ${like} OR type ILIKE ${like})`);
  }
  if (after) parts.push(Prisma.sql`("queuedAt", id) < (${after.queuedAt}::timestamptz, ${after.id}::uuid)`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

export async function listJobs(db: Db, filter: JobFilter = {}, first = 50, after?: string) {
  parseJobTypes(filter.type);
  if (filter.search?.includes("\0") || filter.pipeline?.includes("\0")) {
    throw new ServiceError("filters cannot contain NUL characters", "BAD_USER_INPUT");
  }
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw new ServiceError(`first must be an integer from 1 to ${MAX_PAGE}`, "BAD_USER_INPUT");
  }
  const cursor = after ? decodeCursor(after) : undefined;
  const rows = await db.$queryRaw<Job[]>`
    SELECT * FROM jobs ${whereSql(filter, cursor)}
    ORDER BY "queuedAt" DESC, id DESC LIMIT ${first + 1}`;
  const [{ count }] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM jobs ${whereSql(filter)}`;
  const page = rows.slice(0, first);
  return {
    nodes: page,
    totalCount: Number(count),
    hasNextPage: rows.length > first,
    endCursor: page.length ? encodeCursor(page[page.length - 1]!) : null,
  };
}

export async function getJob(db: Db, id: string): Promise<Job | null> {
  parseJobId(id);
  return db.job.findUnique({ where: { id } });
}

export async function requireJob(db: Db, id: string): Promise<Job> {
  const job = await getJob(db, id);
  if (!job) throw new ServiceError(`job ${id} not found`, "NOT_FOUND");
  return job;
}

export function isOnline(w: Pick<Worker, "lastHeartbeatAt" | "stoppedAt">, heartbeatMs: number, now = Date.now()) {
  return !w.stoppedAt && now - w.lastHeartbeatAt.getTime() < 3 * heartbeatMs;
}

export async function listWorkers(db: Db) {
  return db.worker.findMany({ orderBy: { startedAt: "desc" }, take: 500 });
}

export interface QueueStats {
  pending: number;
  running: number;
  failed1h: number;
  completed1h: number;
  failureRate1h: number;
  workersOnline: number;
  busySlots: number;
  totalSlots: number;
  updatedAt: Date;
}

/** Queue health: one round trip; the 1 h window reads per-minute rollups, not job history. */
export async function queueStats(db: Db, heartbeatMs: number): Promise<QueueStats> {
  const [row] = await db.$queryRaw<
    { pending: bigint; running: bigint; failed: bigint; completed: bigint; online: bigint; slots: bigint | null }[]
  >`
    SELECT
      (SELECT count(*) FROM jobs WHERE status = 'Pending') AS pending,
      (SELECT count(*) FROM jobs WHERE status = 'Running') AS running,
      (SELECT coalesce(sum(failed), 0) FROM job_rollups WHERE minute > now() - interval '1 hour') AS failed,
      (SELECT coalesce(sum(completed), 0) FROM job_rollups WHERE minute > now() - interval '1 hour') AS completed,
      (SELECT count(*) FROM workers w WHERE w."stoppedAt" IS NULL
         AND w."lastHeartbeatAt" > now() - make_interval(secs => ${(3 * heartbeatMs) / 1000})) AS online,
      (SELECT sum(concurrency) FROM workers w WHERE w."stoppedAt" IS NULL
         AND w."lastHeartbeatAt" > now() - make_interval(secs => ${(3 * heartbeatMs) / 1000})) AS slots`;
  const failed = Number(row!.failed);
  const completed = Number(row!.completed);
  return {
    pending: Number(row!.pending),
    running: Number(row!.running),
    failed1h: failed,
    completed1h: completed,
    failureRate1h: failed + completed ? failed / (failed + completed) : 0,
    workersOnline: Number(row!.online),
    busySlots: Number(row!.running),
    totalSlots: Number(row!.slots ?? 0),
    updatedAt: new Date(),
  };
}

export async function jobAttempts(db: Db, jobId: string) {
  return db.jobAttempt.findMany({ where: { jobId }, orderBy: { id: "asc" } });
}

/** Status counts of a job's fan-out children (the seed's task_counts). */
export async function taskCounts(db: Db, parentId: string) {
  const rows = await db.job.groupBy({ by: ["status"], where: { parentId }, _count: { _all: true } });
  const c = Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Partial<Record<JobStatus, number>>;
  return {
    completed: c.Success ?? 0,
    processing: c.Running ?? 0,
    pending: c.Pending ?? 0,
    failed: c.Failed ?? 0,
    cancelled: c.Cancelled ?? 0,
    total: rows.reduce((a, r) => a + r._count._all, 0),
  };
}

export interface ThroughputPoint {
  minute: Date;
  completed: number;
  failed: number;
}

/**
 * Jobs completed and failed per minute over the last `minutes` (oldest first, one point per minute,
 * zeros included) from the per-minute rollups: the /status chart. Optionally only some job types.
 */
export async function jobThroughput(db: Db, minutes = 180, types?: string[]): Promise<ThroughputPoint[]> {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    throw new ServiceError("minutes must be an integer from 1 to 1440", "BAD_USER_INPUT");
  }
  const typeCond = types?.length ? Prisma.sql`AND r.type IN (${Prisma.join(types)})` : Prisma.empty;
  const rows = await db.$queryRaw<{ minute: Date; completed: number; failed: number }[]>`
    SELECT m.minute, coalesce(sum(r.completed), 0)::int AS completed, coalesce(sum(r.failed), 0)::int AS failed
    FROM generate_series(date_trunc('minute', now()) - make_interval(mins => ${minutes - 1}::int), date_trunc('minute', now()), interval '1 minute') AS m(minute)
    LEFT JOIN job_rollups r ON r.minute = m.minute ${typeCond}
    GROUP BY m.minute ORDER BY m.minute`;
  return rows;
}

export interface StageSummary {
  stage: number | null;
  name: string | null;
  counts: Awaited<ReturnType<typeof taskCounts>>;
  percent: number;
}

/** A job's children grouped by stage, in stage order, with status counts (the job monitor's stages). */
export async function stageSummaries(db: Db, parentId: string): Promise<StageSummary[]> {
  const rows = await db.$queryRaw<{ stage: number | null; name: string | null; status: JobStatus; n: number }[]>`
    SELECT stage, max("stageName") AS name, status, count(*)::int AS n
    FROM jobs WHERE "parentId" = ${parseJobId(parentId)}::uuid GROUP BY stage, status ORDER BY stage NULLS LAST`;
  const stages = new Map<number | null, StageSummary>();
  for (const r of rows) {
    let s = stages.get(r.stage);
    if (!s) {
      s = { stage: r.stage, name: r.name, counts: { completed: 0, processing: 0, pending: 0, failed: 0, cancelled: 0, total: 0 }, percent: 0 };
      stages.set(r.stage, s);
    }
    s.name ??= r.name;
    const key = ({ Success: "completed", Running: "processing", Pending: "pending", Failed: "failed", Cancelled: "cancelled" } as const)[r.status];
    s.counts[key] += r.n;
    s.counts.total += r.n;
  }
  for (const s of stages.values()) {
    s.percent = s.counts.total ? Math.round((1000 * (s.counts.completed + s.counts.failed + s.counts.cancelled)) / s.counts.total) / 10 : 0;
  }
  return [...stages.values()];
}
