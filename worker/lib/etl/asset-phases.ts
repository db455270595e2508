// A task's hold on its assets in one phase. A parent job claims the assets for each task it spawns
// (state processing, jobId = the task, see fanout.ts); the task confirms the claim when it starts and
// releases the assets as done or failed. Every write is limited to rows this job holds, so a task
// that lost its claim (assets re-queued under another job) cannot overwrite the newer state.
import type { Db } from "../../../src/db/prisma.ts";
import type { TaskContext } from "../../context.ts";
import { PermanentError } from "../../errors.ts";
import { RasterError } from "../raster/index.ts";

class ClaimLost extends Error {}

/**
 * Takes (or keeps) all `ids` for this job: rows it already holds, and rows nobody holds (pending or
 * failed). All or nothing; false when another job holds one of them or one is done under another job.
 */
export async function confirmClaim(db: Db, ids: string[], phase: string, jobId: string): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      const n = await tx.$executeRaw`
        UPDATE asset_phases SET state = 'processing', "jobId" = ${jobId}, "startedAt" = now(),
          "completedAt" = NULL, "durationMs" = NULL, error = NULL, "updatedAt" = now()
        WHERE "assetId" = ANY(${ids}::bigint[]) AND "phaseKey" = ${phase}
          AND ("jobId" = ${jobId} OR state IN ('pending', 'failed'))`;
      if (n !== ids.length) throw new ClaimLost();
    });
    return true;
  } catch (e) {
    if (e instanceof ClaimLost) return false;
    throw e;
  }
}

/** Takes `ids` whatever their state: for jobs a user submits for named inputs (raster conversion). */
export async function takeOver(db: Db, ids: string[], phase: string, jobId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE asset_phases SET state = 'processing', "jobId" = ${jobId}, "startedAt" = now(),
      "completedAt" = NULL, "durationMs" = NULL, error = NULL, "updatedAt" = now()
    WHERE "assetId" = ANY(${ids}::bigint[]) AND "phaseKey" = ${phase}`;
}

export async function markDone(db: Db, ids: string[], phase: string, jobId: string, durationMs: number): Promise<void> {
  await db.$executeRaw`
    UPDATE asset_phases SET state = 'done', "completedAt" = now(), "durationMs" = ${Math.round(durationMs)},
      error = NULL, "updatedAt" = now()
    WHERE "assetId" = ANY(${ids}::bigint[]) AND "phaseKey" = ${phase} AND "jobId" = ${jobId}`;
}

/**
 * Records a failed attempt and returns the error to throw. Bad input (RasterError, PermanentError)
 * and the last attempt mark the assets failed; otherwise they stay held by this job for its retry.
 */
export async function releaseOnError(ctx: TaskContext, ids: string[], phase: string, e: unknown, durationMs: number): Promise<Error> {
  const error =
    e instanceof RasterError ? new PermanentError(e.message, { cause: e }) : e instanceof Error ? e : new Error(String(e));
  const final = error instanceof PermanentError || ctx.attempt >= ctx.maxAttempts;
  await ctx.db.$executeRaw`
    UPDATE asset_phases SET state = CASE WHEN ${final} THEN 'failed' ELSE state END,
      error = ${error.message.slice(0, 2000)}, "durationMs" = ${Math.round(durationMs)}, "updatedAt" = now()
    WHERE "assetId" = ANY(${ids}::bigint[]) AND "phaseKey" = ${phase} AND "jobId" = ${ctx.jobId}`;
  return error;
}
