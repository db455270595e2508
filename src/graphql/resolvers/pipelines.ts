// Pipeline resolvers read the registry; progress numbers come from the domain.
import type { Resolvers } from "../../generated/graphql/resolvers.ts";
import { JOB_TYPES, PIPELINES, argsJsonSchema, getPipeline, pipelineOfJobType, type JobTypeDef, type PipelineDef } from "../../domain/registry.ts";
import { phaseProgress, requirePipeline } from "../../domain/phase-progress.ts";
import { phaseHistory } from "../../domain/phase-history.ts";
import { guard } from "../errors.ts";

function jobTypeView(def: JobTypeDef) {
  return {
    type: def.type,
    label: def.label,
    description: def.description,
    argsSchema: argsJsonSchema(def),
    maxAttempts: def.maxAttempts,
    available: !def.planned,
    pipeline: pipelineOfJobType(def.type)?.key ?? null,
  };
}

export type PipelineView = ReturnType<typeof pipelineView>;
export type PhaseView = PipelineView["phases"][number];

export function pipelineView(p: PipelineDef) {
  return {
    key: p.key,
    name: p.name,
    description: p.description,
    kind: p.kind,
    groupings: p.groupings.map((g) => ({ ...g, collapsed: !!g.collapsed })),
    submitActions: p.submitActions,
    jobTypes: p.jobTypes.map((t) => jobTypeView(JOB_TYPES[t as keyof typeof JOB_TYPES])),
    phases: p.phases.map((ph, i) => ({ ...ph, pipelineKey: p.key, order: i + 1, jobType: ph.jobType ?? null })),
  };
}

export const pipelineResolvers: Resolvers = {
  Query: {
    pipelines: () => PIPELINES.map(pipelineView),
    pipeline: (_p, { key }) => {
      const p = getPipeline(key);
      return p ? pipelineView(p) : null;
    },
    jobTypes: () => Object.values(JOB_TYPES).map(jobTypeView),
    phaseHistory: guard((_p, { pipeline, hours, bucketMinutes, filter }, { services }) => {
      const filters: Record<string, string[]> = {};
      for (const f of filter ?? []) filters[f.field] = [...(filters[f.field] ?? []), ...f.values];
      return phaseHistory(services.db, { pipeline, hours: hours ?? 24, bucketMinutes: bucketMinutes ?? 60, filters });
    }),
  },
  Phase: {
    progress: guard(async (phase, _a, { services }) => {
      const all = await phaseProgress(services.db, phase.pipelineKey);
      return all.find((x) => x.phase === phase.key)!;
    }),
  },
  Subscription: {
    phaseProgress: {
      subscribe: (_p, { pipeline }, { services }) => {
        requirePipeline(pipeline);
        return services.phaseFeed(pipeline).subscribe();
      },
      resolve: (v: unknown) => v as never,
    },
  },
};
