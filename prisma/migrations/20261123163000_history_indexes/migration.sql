-- Hand-written partial indexes (Prisma's schema cannot express them) that keep two hot queries
-- proportional to the work in flight rather than to the job history (found by bench/stats.ts at
-- 1M job rows):
-- * the active jobs of /api/etl/stats (src/domain/stats/etl.ts activeJobs): roots still open;
CREATE INDEX "jobs_open_roots_idx" ON "jobs" ("pipelineKey", "queuedAt" DESC)
  WHERE "parentId" IS NULL AND (status IN ('Pending', 'Running') OR "progressDone" < "progressTotal");
-- * the reaper's and the tracker's look-up of attempts still marked running (worker/reaper.ts,
--   worker/tracking-store.ts): a handful of rows among millions.
CREATE INDEX "job_attempts_running_idx" ON "job_attempts" ("jobId") WHERE status = 'running';
