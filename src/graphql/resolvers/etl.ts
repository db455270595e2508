// ETL stats and submit previews: parse, call the domain, map to the GraphQL shape. No SQL here.
import type { Resolvers } from "../../generated/graphql/resolvers.ts";
import { getJob } from "../../domain/job-queries.ts";
import type { PipelineDef } from "../../domain/registry.ts";
import { etlStats, filtersFromParams, requireEtlPipeline, type EtlStats, type SliceRow } from "../../domain/stats/etl.ts";
import { submitPreview } from "../../domain/submit-preview.ts";
import { guard } from "../errors.ts";
import { pipelineView } from "./pipelines.ts";

function toGraphQL(p: PipelineDef, stats: EtlStats, slices: SliceRow[]) {
  const phaseKeys = p.phases.map((ph) => ph.key);
  const row = (r: SliceRow) => ({
    keys: r.keys,
    total: r.counts.total,
    phases: phaseKeys.map((phase) => ({ phase, done: r.counts[`${phase}_done`], failed: r.counts[`${phase}_failed`] })),
  });
  return {
    pipeline: pipelineView(p),
    summary: {
      totalFiles: stats.summary.total_files,
      totalSizeBytes: stats.summary.total_size_bytes,
      totalSizeFormatted: stats.summary.total_size_formatted,
    },
    phases: phaseKeys.map((key) => {
      const s = stats.phases[key];
      return { key, name: s.name, pending: s.pending ?? null, eligible: s.eligible ?? null, processing: s.processing, completed: s.completed, failed: s.failed, percentComplete: s.percent_complete };
    }),
    byGrouping: p.groupings.map((g) => ({
      field: g.field,
      label: g.label,
      rows: Object.entries(stats.by_grouping[g.field]).map(([value, counts]) => row({ keys: [value], counts })),
    })),
    slices: slices.map(row),
    activeJobs: stats.active_jobs.map((j) => ({ jobId: j.job_id, jobType: j.job_type, status: j.status, stage: j.stage, taskCounts: j.task_counts })),
    processingRate: {
      perHour: phaseKeys.map((phase) => ({ phase, perHour: stats.processing_rate[`${phase}_per_hour`] ?? 0 })),
      etaHours: stats.processing_rate.eta_hours,
    },
    timestamp: new Date(stats.timestamp),
  };
}

export const etlResolvers: Resolvers = {
  Query: {
    etlStats: guard(async (_p, { pipeline, filter, groupBy }, { services }) => {
      const p = requireEtlPipeline(pipeline);
      const params: Record<string, string[]> = {};
      for (const f of filter ?? []) params[f.field] = [...(params[f.field] ?? []), ...f.values];
      const { stats, slices } = await etlStats(services.db, { pipeline, filters: filtersFromParams(p, params), groupBy: groupBy ?? [] });
      return toGraphQL(p, stats, slices);
    }),
    submitPreview: guard((_p, { type, args }, { services }) => submitPreview(services.db, type, args ?? {})),
  },
  EtlActiveJob: {
    job: guard((j, _a, { services }) => getJob(services.db, j.jobId)),
  },
};
