// Processing rate per phase over time (the pipeline page's rate chart) and the average time a file
// spends in each phase. Reads asset_phases through its (pipelineKey, phaseKey, completedAt) index;
// grouping filters work like etlStats' (case-insensitive, "none" = no value).
import type { Db } from "../db/prisma.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { ServiceError } from "./errors.ts";
import { requirePipeline } from "./phase-progress.ts";
import type { GroupingFilters } from "./stats/etl.ts";

export interface PhaseRatePoint {
  /** Start of the bucket. */
  at: Date;
  done: number;
  failed: number;
}

export interface PhaseHistory {
  phase: string;
  name: string;
  /** Mean durationMs of the files done in the window; null when none were. */
  avgDurationMs: number | null;
  points: PhaseRatePoint[];
}

export interface PhaseHistoryQuery {
  pipeline: string;
  hours?: number;
  bucketMinutes?: number;
  filters?: GroupingFilters;
}

export async function phaseHistory(db: Db, q: PhaseHistoryQuery): Promise<PhaseHistory[]> {
  const p = requirePipeline(q.pipeline);
  const hours = q.hours ?? 24;
  const bucket = q.bucketMinutes ?? 60;
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 30) throw new ServiceError("hours must be an integer from 1 to 720", "BAD_USER_INPUT");
  if (!Number.isInteger(bucket) || bucket < 1 || bucket > 1440) throw new ServiceError("bucketMinutes must be an integer from 1 to 1440", "BAD_USER_INPUT");
  if ((hours * 60) / bucket > 500) throw new ServiceError("at most 500 buckets: raise bucketMinutes or lower hours", "BAD_USER_INPUT");
  for (const f of Object.keys(q.filters ?? {})) {
    if (!p.groupings.some((g) => g.field === f)) throw new ServiceError(`unknown grouping "${f}" for ${p.key}`, "BAD_USER_INPUT");
  }
  const conds = Object.entries(q.filters ?? {}).map(
    ([field, values]) => Prisma.sql`AND lower(coalesce(a."sourceMetadata"->>${field}::text, 'none')) = ANY(${values.map((v) => v.toLowerCase())}::text[])`,
  );
  const filter = conds.length ? Prisma.join(conds, " ") : Prisma.empty;
  const phases = p.phases.map((ph) => ph.key);
  // Buckets end at the current bucket; done rows by completedAt, failed rows by their last update.
  const rows = await db.$queryRaw<{ phase: string; at: Date; done: number; failed: number; ms_sum: number; ms_n: number }[]>`
    WITH ev AS (
      SELECT ap."phaseKey" AS phase, ap.state, ap."durationMs",
        CASE WHEN ap.state = 'done' THEN ap."completedAt" ELSE ap."updatedAt" END AS t
      FROM asset_phases ap JOIN assets a ON a.id = ap."assetId"
      WHERE ap."pipelineKey" = ${p.key} AND ap."phaseKey" = ANY(${phases}::text[]) AND a."missingSince" IS NULL
        AND ((ap.state = 'done' AND ap."completedAt" > now() - make_interval(hours => ${hours}::int))
          OR (ap.state = 'failed' AND ap."updatedAt" > now() - make_interval(hours => ${hours}::int)))
        ${filter}
    )
    SELECT phase, to_timestamp(floor(extract(epoch FROM t) / ${bucket * 60}::int) * ${bucket * 60}::int) AS at,
      count(*) FILTER (WHERE state = 'done')::int AS done,
      count(*) FILTER (WHERE state = 'failed')::int AS failed,
      coalesce(sum("durationMs") FILTER (WHERE state = 'done'), 0)::float8 AS ms_sum,
      count("durationMs") FILTER (WHERE state = 'done')::int AS ms_n
    FROM ev GROUP BY 1, 2`;
  const bucketMs = bucket * 60_000;
  const last = Math.floor(Date.now() / bucketMs) * bucketMs;
  const n = Math.ceil((hours * 60) / bucket);
  return p.phases.map((ph) => {
    const mine = rows.filter((r) => r.phase === ph.key);
    const byAt = new Map(mine.map((r) => [r.at.getTime(), r]));
    const msN = mine.reduce((s, r) => s + r.ms_n, 0);
    return {
      phase: ph.key,
      name: ph.name,
      avgDurationMs: msN ? mine.reduce((s, r) => s + r.ms_sum, 0) / msN : null,
      points: Array.from({ length: n }, (_, i) => {
        const at = last - (n - 1 - i) * bucketMs;
        const r = byAt.get(at);
        return { at: new Date(at), done: r?.done ?? 0, failed: r?.failed ?? 0 };
      }),
    };
  });
}
