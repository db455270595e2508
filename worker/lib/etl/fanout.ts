// Fan-out with claims: a parent job spawns one child task per share of the work and marks the
// share's assets `processing` for that child, in the same transaction as the child's Job row and
// queue entry. Claims of one pipeline are serialised by an advisory lock and re-checked under it, so
// two parents submitted at once never queue the same assets twice.
//
// The parent returns once it has spawned: it does not wait for its children (a waiting parent would
// hold a worker slot, and with WORKER_CONCURRENCY=1 its children could never run). Its progress is
// its children's (jobs_fanout_progress trigger) and monitors follow the children.
import type { TaskContext } from "../../context.ts";
import { submitJobTx } from "../../../src/domain/jobs.ts";

export interface Share {
  args: Record<string, unknown>;
  assetIds: string[];
}

export interface FanOut {
  pipeline: string;
  /** Phase whose rows the children take over. */
  phase: string;
  /** Later phases: redoing `phase` invalidates them, so their done/failed rows go back to pending. */
  laterPhases: string[];
  childType: string;
  stage: number;
  stageName: string;
  shares: Share[];
}

/** Shares per transaction: bounds how long the claim lock is held. */
const CHUNK = 200;

/** Returns how many children were spawned and how many shares were skipped (taken meanwhile). */
export async function spawnClaimed(ctx: TaskContext, f: FanOut): Promise<{ spawned: number; skipped: number }> {
  let spawned = 0;
  let skipped = 0;
  for (let i = 0; i < f.shares.length; i += CHUNK) {
    ctx.signal.throwIfAborted();
    const chunk = f.shares.slice(i, i + CHUNK);
    const n = await ctx.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`pipewatch:claim:${f.pipeline}`}))`;
        const rows = await tx.$queryRaw<{ id: string; state: string; phase: string }[]>`
          SELECT "assetId"::text AS id, state::text AS state, "phaseKey" AS phase FROM asset_phases
          WHERE "assetId" = ANY(${chunk.flatMap((s) => s.assetIds)}::bigint[])
            AND ("phaseKey" = ${f.phase} OR state = 'processing')`;
        const busy = new Set(rows.filter((r) => r.state === "processing").map((r) => r.id));
        const todo = new Set(rows.filter((r) => r.phase === f.phase && (r.state === "pending" || r.state === "failed")).map((r) => r.id));
        const ids: string[] = [];
        const jobs: string[] = [];
        for (const share of chunk) {
          if (share.assetIds.some((id) => busy.has(id)) || !share.assetIds.some((id) => todo.has(id))) continue;
          const job = await submitJobTx(tx, { type: f.childType, args: share.args, parentId: ctx.jobId, stage: f.stage, stageName: f.stageName });
          for (const id of share.assetIds) {
            ids.push(id);
            jobs.push(job.id);
          }
        }
        await tx.$executeRaw`
          UPDATE asset_phases ap SET state = 'processing', "jobId" = c.job, "startedAt" = NULL,
            "completedAt" = NULL, "durationMs" = NULL, error = NULL, "updatedAt" = now()
          FROM unnest(${ids}::bigint[], ${jobs}::text[]) AS c(id, job)
          WHERE ap."assetId" = c.id AND ap."phaseKey" = ${f.phase}`;
        if (f.laterPhases.length) {
          await tx.$executeRaw`
            UPDATE asset_phases SET state = 'pending', "jobId" = NULL, "startedAt" = NULL, "completedAt" = NULL,
              "durationMs" = NULL, error = NULL, "updatedAt" = now()
            WHERE "assetId" = ANY(${ids}::bigint[]) AND "phaseKey" = ANY(${f.laterPhases}::text[]) AND state <> 'pending'`;
        }
        return new Set(jobs).size;
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
    spawned += n;
    skipped += chunk.length - n;
  }
  return { spawned, skipped };
}
