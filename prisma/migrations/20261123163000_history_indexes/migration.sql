-- Hand-written partial index (Prisma's schema cannot express it): the reaper's and the tracker's
-- look-up of attempts still marked running (worker/reaper.ts, worker/tracking-store.ts) reads a
-- handful of rows among millions; without it the reaper scanned all of job_attempts on every
-- heartbeat while any worker was stale (found by bench/stats.ts at 1M job rows).
CREATE INDEX "job_attempts_running_idx" ON "job_attempts" ("jobId") WHERE status = 'running';
