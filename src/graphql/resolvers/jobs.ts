// Job resolvers: parse, call the domain, map. No SQL here.
import type { Job } from "../../generated/prisma/client.ts";
import type { Resolvers } from "../../generated/graphql/resolvers.ts";
import { cancelJob, parseJobTypes, retryFailedJobs, retryJob, submitJob } from "../../domain/jobs.ts";
import { getJob, isOnline, jobAttempts, jobThroughput, listJobs, listWorkers, queueStats, stageSummaries, taskCounts } from "../../domain/job-queries.ts";
import { pipelineOfJobType } from "../../domain/registry.ts";
import { guard } from "../errors.ts";
import { pipelineView } from "./pipelines.ts";
import { summarizeArgs } from "../../domain/format.ts";

function connection(page: Awaited<ReturnType<typeof listJobs>>) {
  return {
    nodes: page.nodes,
    edges: page.nodes.map((node) => ({ node, cursor: "" })),
    totalCount: page.totalCount,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}

export const jobResolvers: Resolvers = {
  Query: {
    jobs: guard((_p, { filter, first, after }, { services }) =>
      listJobs(
        services.db,
        {
          status: filter?.status ?? undefined,
          type: filter?.type ?? undefined,
          search: filter?.search ?? undefined,
          pipeline: filter?.pipeline ?? undefined,
          parentId: filter?.parentId ?? undefined,
          topLevelOnly: filter?.topLevelOnly ?? undefined,
        },
        first ?? 50,
        after ?? undefined,
      ).then(connection),
    ),
    jobThroughput: guard((_p, { minutes, type }, { services }) =>
      jobThroughput(services.db, minutes ?? 180, parseJobTypes(type ?? undefined)),
    ),
    job: guard((_p, { id }, { services }) => getJob(services.db, id)),
    workers: guard((_p, _a, { services }) => listWorkers(services.db)),
    queueStats: guard((_p, _a, { services }) => queueStats(services.db, services.heartbeatMs)),
  },
  Mutation: {
    submitJob: guard((_p, { input }, { services }) =>
      submitJob(services.db, { type: input.type, args: input.args ?? {}, maxAttempts: input.maxAttempts ?? undefined }),
    ),
    retryJob: guard((_p, { id }, { services }) => retryJob(services.db, id)),
    retryFailedJobs: guard((_p, { type }, { services }) => retryFailedJobs(services.db, { type: type ?? undefined })),
    cancelJob: guard((_p, { id }, { services }) => cancelJob(services.db, id)),
  },
  Subscription: {
    jobUpdated: {
      subscribe: (_p, { id }, { services }) => services.jobFeed.subscribe(id ?? null),
      resolve: (job: Job) => job,
    },
    queueUpdated: {
      subscribe: (_p, _a, { services }) => services.queueFeed.subscribe(),
      resolve: (s: unknown) => s as never,
    },
  },
  Job: {
    pipeline: (job) => {
      const p = pipelineOfJobType(job.type);
      return p ? pipelineView(p) : null;
    },
    argsSummary: (job) => summarizeArgs(job.args),
    progress: (job) => ({
      done: job.progressDone,
      total: job.progressTotal,
      percent: job.progressTotal ? Math.min(100, (100 * job.progressDone) / job.progressTotal) : null,
    }),
    peakMemoryBytes: (job) => (job.peakMemoryBytes == null ? null : Number(job.peakMemoryBytes)),
    parent: guard((job, _a, { services }) => (job.parentId ? getJob(services.db, job.parentId) : null)),
    children: guard((job, { first, after }, { services }) =>
      listJobs(services.db, { parentId: job.id }, first ?? 50, after ?? undefined).then(connection),
    ),
    taskCounts: guard((job, _a, { services }) => taskCounts(services.db, job.id)),
    stages: guard((job, _a, { services }) => stageSummaries(services.db, job.id)),
    attemptHistory: guard((job, _a, { services }) => jobAttempts(services.db, job.id)),
  },
  Worker: {
    online: (w, _a, { services }) => isOnline(w, services.heartbeatMs),
  },
};
