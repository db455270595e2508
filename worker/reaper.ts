// Releases jobs held by workers that died without letting go (kill -9, lost machine). A worker that
// misses 3 heartbeats is dead: its running attempts are marked `crashed` and graphile-worker's locks
// on those jobs are released, so another worker picks them up now rather than after graphile-worker's
// own 4-hour lock expiry. Every live worker runs this; the UPDATE … RETURNING makes one of them win.
import type { Db } from "../src/db/prisma.ts";
import { logger } from "../src/logger.ts";

const log = logger("reaper");

export async function reapDeadWorkers(db: Db, heartbeatMs: number): Promise<number> {
  return db.$transaction(async (tx) => {
    const crashed = await tx.$queryRaw<{ jobId: string; workerId: string }[]>`
      UPDATE job_attempts a SET status = 'crashed', "finishedAt" = now(),
        "errorMessage" = 'worker ' || a."workerId" || ' stopped heartbeating mid-task; the job was released for another worker'
      FROM workers w
      WHERE a."workerId" = w.id AND a.status = 'running' AND w."stoppedAt" IS NULL
        AND w."lastHeartbeatAt" < now() - make_interval(secs => ${(3 * heartbeatMs) / 1000})
      RETURNING a."jobId"::text AS "jobId", a."workerId"`;
    if (!crashed.length) return 0;
    const jobIds = crashed.map((c) => c.jobId);
    const locks = await tx.$queryRaw<{ locked_by: string }[]>`
      SELECT DISTINCT locked_by FROM graphile_worker._private_jobs WHERE key = ANY(${jobIds}::text[]) AND locked_by IS NOT NULL`;
    if (locks.length) {
      await tx.$executeRaw`SELECT graphile_worker.force_unlock_workers(${locks.map((l) => l.locked_by)}::text[])`;
    }
    // Back to Pending when graphile-worker will run it again; Failed when that was its last attempt.
    await tx.$executeRaw`
      UPDATE jobs SET status = CASE WHEN attempts >= "maxAttempts" THEN 'Failed'::"JobStatus" ELSE 'Pending'::"JobStatus" END,
        "errorMessage" = 'worker ' || "workerId" || ' died while running this job',
        "finishedAt" = CASE WHEN attempts >= "maxAttempts" THEN now() END, "updatedAt" = now()
      WHERE id = ANY(${jobIds}::uuid[]) AND status = 'Running'`;
    log.warn("released jobs of dead workers", { jobs: jobIds.length, workers: [...new Set(crashed.map((c) => c.workerId))] });
    return jobIds.length;
  });
}
