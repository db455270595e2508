import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Job as JobModel, Worker as WorkerModel } from '../prisma/client.ts';
import type { PipelineView, PhaseView } from '../../graphql/resolvers/pipelines.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO-8601 timestamp with time zone. */
  DateTime: { input: Date; output: Date; }
  /** Arbitrary JSON value. */
  JSON: { input: unknown; output: unknown; }
};

export type Alert = {
  __typename?: 'Alert';
  code: Scalars['String']['output'];
  /** warning | critical */
  level: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** A tracked file. */
export type Asset = {
  __typename?: 'Asset';
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  md5?: Maybe<Scalars['String']['output']>;
  missingSince?: Maybe<Scalars['DateTime']['output']>;
  path: Scalars['String']['output'];
  phases: Array<AssetPhaseState>;
  pipeline: Scalars['String']['output'];
  sizeBytes: Scalars['Float']['output'];
  sourceMetadata: Scalars['JSON']['output'];
};

export type AssetPhaseState = {
  __typename?: 'AssetPhaseState';
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  durationMs?: Maybe<Scalars['Int']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  jobId?: Maybe<Scalars['ID']['output']>;
  phase: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  state: PhaseState;
};

export type DiskUsageRow = {
  __typename?: 'DiskUsageRow';
  files: Scalars['Int']['output'];
  gribBytes: Scalars['Float']['output'];
  model: Scalars['String']['output'];
  newestMtime?: Maybe<Scalars['DateTime']['output']>;
  oldestMtime?: Maybe<Scalars['DateTime']['output']>;
  run: Scalars['String']['output'];
  tileBytes: Scalars['Float']['output'];
};

export type DiskUsageSummary = {
  __typename?: 'DiskUsageSummary';
  newestMtime?: Maybe<Scalars['DateTime']['output']>;
  oldestMtime?: Maybe<Scalars['DateTime']['output']>;
  runs: Array<DiskUsageRow>;
  /** When RefreshDiskUsage last walked the cache (null = never). */
  scannedAt?: Maybe<Scalars['DateTime']['output']>;
  totalBytes: Scalars['Float']['output'];
};

/** A submitted job of the pipeline that is queued or running, or whose tasks are. */
export type EtlActiveJob = {
  __typename?: 'EtlActiveJob';
  job?: Maybe<Job>;
  jobId: Scalars['ID']['output'];
  jobType: Scalars['String']['output'];
  stage: Scalars['Int']['output'];
  /** processing | queued */
  status: Scalars['String']['output'];
  taskCounts: EtlTaskCounts;
};

export type EtlGroupingBreakdown = {
  __typename?: 'EtlGroupingBreakdown';
  field: Scalars['String']['output'];
  label: Scalars['String']['output'];
  rows: Array<EtlSliceRow>;
};

export type EtlPhaseCount = {
  __typename?: 'EtlPhaseCount';
  done: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  phase: Scalars['String']['output'];
};

export type EtlPhaseRate = {
  __typename?: 'EtlPhaseRate';
  /** Files completed in the last hour. */
  perHour: Scalars['Int']['output'];
  phase: Scalars['String']['output'];
};

export type EtlPhaseStats = {
  __typename?: 'EtlPhaseStats';
  completed: Scalars['Int']['output'];
  /** Later phases only: previous phase done, this one not. */
  eligible?: Maybe<Scalars['Int']['output']>;
  failed: Scalars['Int']['output'];
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** First phase only: files not done, processing or failed. */
  pending?: Maybe<Scalars['Int']['output']>;
  percentComplete: Scalars['Float']['output'];
  processing: Scalars['Int']['output'];
};

export type EtlProcessingRate = {
  __typename?: 'EtlProcessingRate';
  /** Hours until the slowest phase is through at the last hour's rates; null when a phase with work left has no rate. */
  etaHours?: Maybe<Scalars['Float']['output']>;
  perHour: Array<EtlPhaseRate>;
};

export type EtlSliceRow = {
  __typename?: 'EtlSliceRow';
  /** One value per grouping field, in the order asked for. */
  keys: Array<Scalars['String']['output']>;
  phases: Array<EtlPhaseCount>;
  total: Scalars['Int']['output'];
};

/** GET /api/etl/stats in GraphQL: one pipeline's files, phases, breakdowns, active jobs and rate. */
export type EtlStats = {
  __typename?: 'EtlStats';
  activeJobs: Array<EtlActiveJob>;
  /** Counts per value of every registry grouping. */
  byGrouping: Array<EtlGroupingBreakdown>;
  /** Phases in pipeline order. */
  phases: Array<EtlPhaseStats>;
  pipeline: Pipeline;
  processingRate: EtlProcessingRate;
  /** Counts per combination of the `groupBy` fields (empty without groupBy). */
  slices: Array<EtlSliceRow>;
  summary: EtlSummary;
  timestamp: Scalars['DateTime']['output'];
};

export type EtlSummary = {
  __typename?: 'EtlSummary';
  totalFiles: Scalars['Int']['output'];
  totalSizeBytes: Scalars['Float']['output'];
  /** Decimal units, e.g. 2.4 TB. */
  totalSizeFormatted: Scalars['String']['output'];
};

export type EtlTaskCounts = {
  __typename?: 'EtlTaskCounts';
  completed: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  pending: Scalars['Int']['output'];
  processing: Scalars['Int']['output'];
};

export type Grouping = {
  __typename?: 'Grouping';
  collapsed: Scalars['Boolean']['output'];
  field: Scalars['String']['output'];
  label: Scalars['String']['output'];
};

/** Keep assets whose grouping `field` has one of `values` (case-insensitive; `none` = no value). */
export type GroupingFilter = {
  /** A registry grouping of the pipeline, e.g. region. */
  field: Scalars['String']['input'];
  values: Array<Scalars['String']['input']>;
};

export type Health = {
  __typename?: 'Health';
  database: Scalars['Boolean']['output'];
  ok: Scalars['Boolean']['output'];
  version: Scalars['String']['output'];
  workersOnline: Scalars['Int']['output'];
};

/** A unit of work: a submitted job, or one task of a fanned-out job (then it has a parent). */
export type Job = {
  __typename?: 'Job';
  args: Scalars['JSON']['output'];
  /** Compact `key=value, …` rendering of args for tables. */
  argsSummary: Scalars['String']['output'];
  /** Every execution attempt, including ones whose worker crashed. */
  attemptHistory: Array<JobAttempt>;
  /** Attempts of the current run (graphile-worker counts them; resets on retryJob). */
  attempts: Scalars['Int']['output'];
  /** Fan-out children (tasks) of this job, newest first. */
  children: JobConnection;
  durationMs?: Maybe<Scalars['Int']['output']>;
  errorMessage?: Maybe<Scalars['String']['output']>;
  errorStack?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  maxAttempts: Scalars['Int']['output'];
  parent?: Maybe<Job>;
  parentId?: Maybe<Scalars['ID']['output']>;
  peakMemoryBytes?: Maybe<Scalars['Float']['output']>;
  /** The registered pipeline this job type belongs to, if any. */
  pipeline?: Maybe<Pipeline>;
  progress: Progress;
  queuedAt: Scalars['DateTime']['output'];
  result?: Maybe<Scalars['JSON']['output']>;
  stage?: Maybe<Scalars['Int']['output']>;
  stageName?: Maybe<Scalars['String']['output']>;
  /** The children grouped by stage (in stage order) with status counts: the job monitor's stages. */
  stages: Array<StageSummary>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: JobStatus;
  /** Status counts of the children, the seed's task_counts. */
  taskCounts: TaskCounts;
  type: Scalars['String']['output'];
  workerId?: Maybe<Scalars['String']['output']>;
};


/** A unit of work: a submitted job, or one task of a fanned-out job (then it has a parent). */
export type JobChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type JobAttempt = {
  __typename?: 'JobAttempt';
  attempt: Scalars['Int']['output'];
  durationMs?: Maybe<Scalars['Int']['output']>;
  errorMessage?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  startedAt: Scalars['DateTime']['output'];
  /** running | success | failed | crashed */
  status: Scalars['String']['output'];
  workerId: Scalars['String']['output'];
};

export type JobConnection = {
  __typename?: 'JobConnection';
  edges: Array<JobEdge>;
  nodes: Array<Job>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type JobEdge = {
  __typename?: 'JobEdge';
  cursor: Scalars['String']['output'];
  node: Job;
};

export type JobFilter = {
  parentId?: InputMaybe<Scalars['ID']['input']>;
  pipeline?: InputMaybe<Scalars['String']['input']>;
  /** Matches an id prefix, the type, or any text inside the args. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<JobStatus>>;
  /** Hide fan-out children (tasks). */
  topLevelOnly?: InputMaybe<Scalars['Boolean']['input']>;
  type?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type JobStatus =
  | 'Cancelled'
  | 'Failed'
  | 'Pending'
  | 'Running'
  | 'Success';

export type JobType = {
  __typename?: 'JobType';
  /** JSON Schema of the arguments: forms and docs are generated from it. */
  argsSchema: Scalars['JSON']['output'];
  /** False while the handler has not landed: submissions are refused. */
  available: Scalars['Boolean']['output'];
  description: Scalars['String']['output'];
  label: Scalars['String']['output'];
  maxAttempts: Scalars['Int']['output'];
  pipeline?: Maybe<Scalars['String']['output']>;
  type: Scalars['String']['output'];
};

export type MissingHour = {
  __typename?: 'MissingHour';
  hour: Scalars['Int']['output'];
  /** last error, queued, running, not yet upstream, not queued */
  reason: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  _noop?: Maybe<Scalars['Boolean']['output']>;
  /** Removes a Pending job from the queue. */
  cancelJob: Job;
  /** Retries every Failed job (optionally only these types); returns how many were re-queued. */
  retryFailedJobs: Scalars['Int']['output'];
  /** Re-queues a Failed or Cancelled job. */
  retryJob: Job;
  /** Validates args against the job type's schema, then writes the Job and queues it atomically. */
  submitJob: Job;
};


export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetryFailedJobsArgs = {
  type?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationRetryJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSubmitJobArgs = {
  input: SubmitJobInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Phase = {
  __typename?: 'Phase';
  description: Scalars['String']['output'];
  /** Job type whose tasks move assets through this phase. */
  jobType?: Maybe<Scalars['String']['output']>;
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
  order: Scalars['Int']['output'];
  progress: PhaseProgress;
};

/** A phase's processing rate over time and the average time a file spent in it. */
export type PhaseHistory = {
  __typename?: 'PhaseHistory';
  /** Mean duration of the files done in the window, null when none were. */
  avgDurationMs?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  phase: Scalars['String']['output'];
  points: Array<PhaseRatePoint>;
};

export type PhaseProgress = {
  __typename?: 'PhaseProgress';
  done: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  pending: Scalars['Int']['output'];
  percentComplete: Scalars['Float']['output'];
  phase: Scalars['String']['output'];
  pipeline: Scalars['String']['output'];
  processing: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

/** Files through one phase per time bucket. */
export type PhaseRatePoint = {
  __typename?: 'PhaseRatePoint';
  /** Start of the bucket. */
  at: Scalars['DateTime']['output'];
  done: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
};

export type PhaseState =
  | 'done'
  | 'failed'
  | 'pending'
  | 'processing';

/** A registered pipeline (src/domain/registry.ts). */
export type Pipeline = {
  __typename?: 'Pipeline';
  description: Scalars['String']['output'];
  groupings: Array<Grouping>;
  jobTypes: Array<JobType>;
  key: Scalars['String']['output'];
  kind: Scalars['String']['output'];
  name: Scalars['String']['output'];
  phases: Array<Phase>;
  submitActions: Array<SubmitAction>;
};

export type Progress = {
  __typename?: 'Progress';
  done: Scalars['Int']['output'];
  /** 0–100, null when the total is unknown. */
  percent?: Maybe<Scalars['Float']['output']>;
  total?: Maybe<Scalars['Int']['output']>;
};

export type Query = {
  __typename?: 'Query';
  alerts: Array<Alert>;
  assets: Array<Asset>;
  diskUsage: DiskUsageSummary;
  /** ETL stats of a pipeline (GET /api/etl/stats), filtered by any registry groupings and sliced by `groupBy`. */
  etlStats: EtlStats;
  /** Liveness of the API itself. */
  health: Health;
  inventory: Array<RunInventory>;
  job?: Maybe<Job>;
  /** Completed and failed jobs per minute over the last `minutes` (1–1440), oldest first, zeros included. */
  jobThroughput: Array<ThroughputPoint>;
  jobTypes: Array<JobType>;
  jobs: JobConnection;
  /** Per-phase rate over the last `hours` in buckets of `bucketMinutes` (at most 500 buckets), filtered like etlStats. */
  phaseHistory: Array<PhaseHistory>;
  pipeline?: Maybe<Pipeline>;
  pipelines: Array<Pipeline>;
  queueStats: QueueStats;
  runs: Array<Run>;
  /** Dry run of submitJob for the submit forms: validates args, counts files and tasks. */
  submitPreview: SubmitPreview;
  /** What the caller may do: the UI shows write actions only when canWrite. */
  viewer: Viewer;
  workers: Array<Worker>;
};


export type QueryAssetsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<Scalars['String']['input']>;
  pipeline: Scalars['String']['input'];
};


export type QueryEtlStatsArgs = {
  filter?: InputMaybe<Array<GroupingFilter>>;
  groupBy?: InputMaybe<Array<Scalars['String']['input']>>;
  pipeline: Scalars['String']['input'];
};


export type QueryInventoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  model?: InputMaybe<Scalars['String']['input']>;
};


export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobThroughputArgs = {
  minutes?: InputMaybe<Scalars['Int']['input']>;
  type?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPhaseHistoryArgs = {
  bucketMinutes?: InputMaybe<Scalars['Int']['input']>;
  filter?: InputMaybe<Array<GroupingFilter>>;
  hours?: InputMaybe<Scalars['Int']['input']>;
  pipeline: Scalars['String']['input'];
};


export type QueryPipelineArgs = {
  key: Scalars['String']['input'];
};


export type QueryRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  pipeline: Scalars['String']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySubmitPreviewArgs = {
  args?: InputMaybe<Scalars['JSON']['input']>;
  type: Scalars['String']['input'];
};

/** Queue health: the seed's Job Queue summary. */
export type QueueStats = {
  __typename?: 'QueueStats';
  /** Job slots in use across online workers (Active Workers n). */
  busySlots: Scalars['Int']['output'];
  completed1h: Scalars['Int']['output'];
  failed1h: Scalars['Int']['output'];
  /** Failed / (failed + completed) over the last hour, 0–1. */
  failureRate1h: Scalars['Float']['output'];
  pending: Scalars['Int']['output'];
  running: Scalars['Int']['output'];
  /** Job slots configured across online workers (Active Workers / total). */
  totalSlots: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
  workersOnline: Scalars['Int']['output'];
};

/** One batch of upstream data: a model cycle or an ETL inventory batch. */
export type Run = {
  __typename?: 'Run';
  cycleTime?: Maybe<Scalars['DateTime']['output']>;
  expectedHours: Array<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  lastScannedAt?: Maybe<Scalars['DateTime']['output']>;
  pipeline: Scalars['String']['output'];
  runKey: Scalars['String']['output'];
  source: Scalars['String']['output'];
  upstreamHours: Array<Scalars['Int']['output']>;
};

/** Completeness of one model run (seed 000 §2.2). */
export type RunInventory = {
  __typename?: 'RunInventory';
  /** `X/Y` hours. */
  completeness: Scalars['String']['output'];
  cycleTime?: Maybe<Scalars['DateTime']['output']>;
  expectedHours: Array<Scalars['Int']['output']>;
  haveHours: Array<Scalars['Int']['output']>;
  lastScannedAt?: Maybe<Scalars['DateTime']['output']>;
  missingHours: Array<MissingHour>;
  model: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  run: Scalars['String']['output'];
  /** e.g. `NOAA has 48h, we have 40h`. */
  sourceStatus: Scalars['String']['output'];
  /** complete | partial | missing | failed */
  status: Scalars['String']['output'];
  /** Variables whose GRIB is present but whose tile failed. */
  tileFailures: Array<TileFailure>;
  upstreamHours: Array<Scalars['Int']['output']>;
};

/** The children of a job in one stage. */
export type StageSummary = {
  __typename?: 'StageSummary';
  counts: TaskCounts;
  name?: Maybe<Scalars['String']['output']>;
  /** 0–100: finished (completed, failed or cancelled) children of the stage. */
  percent: Scalars['Float']['output'];
  /** null for children without a stage. */
  stage?: Maybe<Scalars['Int']['output']>;
};

export type SubmitAction = {
  __typename?: 'SubmitAction';
  icon: Scalars['String']['output'];
  jobType: Scalars['String']['output'];
  label: Scalars['String']['output'];
};

export type SubmitJobInput = {
  args?: InputMaybe<Scalars['JSON']['input']>;
  /** Override the job type's default attempts (1–25). */
  maxAttempts?: InputMaybe<Scalars['Int']['input']>;
  type: Scalars['String']['input'];
};

/** What a submission would take on, without queuing it. */
export type SubmitPreview = {
  __typename?: 'SubmitPreview';
  files: Scalars['Int']['output'];
  /** e.g. Phase 1 for GH: 896 pending files → 112 stack tasks */
  message: Scalars['String']['output'];
  /** Jobs it would run: its fan-out tasks, or 1. */
  tasks: Scalars['Int']['output'];
  type: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  _noop?: Maybe<Scalars['Boolean']['output']>;
  /** One job's changes (current state first), or every job's status transitions when id is omitted. */
  jobUpdated: Job;
  /** Per-phase progress of a pipeline, pushed at most a few times per second. */
  phaseProgress: Array<PhaseProgress>;
  /** Queue health, pushed at most a few times per second. */
  queueUpdated: QueueStats;
};


export type SubscriptionJobUpdatedArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionPhaseProgressArgs = {
  pipeline: Scalars['String']['input'];
};

export type TaskCounts = {
  __typename?: 'TaskCounts';
  cancelled: Scalars['Int']['output'];
  completed: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  pending: Scalars['Int']['output'];
  processing: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

/** Jobs that finished in one minute (from the per-minute rollups). */
export type ThroughputPoint = {
  __typename?: 'ThroughputPoint';
  completed: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  minute: Scalars['DateTime']['output'];
};

export type TileFailure = {
  __typename?: 'TileFailure';
  error: Scalars['String']['output'];
  hours: Array<Scalars['Int']['output']>;
  variable: Scalars['String']['output'];
};

export type Viewer = {
  __typename?: 'Viewer';
  canWrite: Scalars['Boolean']['output'];
  /** Why changes are refused, if they are. */
  reason?: Maybe<Scalars['String']['output']>;
  /** True when a (valid) API token would allow changes: the server has API_TOKEN set. */
  tokenAccepted: Scalars['Boolean']['output'];
};

export type Worker = {
  __typename?: 'Worker';
  concurrency: Scalars['Int']['output'];
  host: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastHeartbeatAt: Scalars['DateTime']['output'];
  /** Heartbeat seen within the last 3 intervals and not stopped. */
  online: Scalars['Boolean']['output'];
  pid: Scalars['Int']['output'];
  startedAt: Scalars['DateTime']['output'];
  stoppedAt?: Maybe<Scalars['DateTime']['output']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Alert: ResolverTypeWrapper<Alert>;
  Asset: ResolverTypeWrapper<Asset>;
  AssetPhaseState: ResolverTypeWrapper<AssetPhaseState>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DiskUsageRow: ResolverTypeWrapper<DiskUsageRow>;
  DiskUsageSummary: ResolverTypeWrapper<DiskUsageSummary>;
  EtlActiveJob: ResolverTypeWrapper<Omit<EtlActiveJob, 'job'> & { job?: Maybe<ResolversTypes['Job']> }>;
  EtlGroupingBreakdown: ResolverTypeWrapper<EtlGroupingBreakdown>;
  EtlPhaseCount: ResolverTypeWrapper<EtlPhaseCount>;
  EtlPhaseRate: ResolverTypeWrapper<EtlPhaseRate>;
  EtlPhaseStats: ResolverTypeWrapper<EtlPhaseStats>;
  EtlProcessingRate: ResolverTypeWrapper<EtlProcessingRate>;
  EtlSliceRow: ResolverTypeWrapper<EtlSliceRow>;
  EtlStats: ResolverTypeWrapper<Omit<EtlStats, 'activeJobs' | 'pipeline'> & { activeJobs: Array<ResolversTypes['EtlActiveJob']>, pipeline: ResolversTypes['Pipeline'] }>;
  EtlSummary: ResolverTypeWrapper<EtlSummary>;
  EtlTaskCounts: ResolverTypeWrapper<EtlTaskCounts>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Grouping: ResolverTypeWrapper<Grouping>;
  GroupingFilter: GroupingFilter;
  Health: ResolverTypeWrapper<Health>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Job: ResolverTypeWrapper<JobModel>;
  JobAttempt: ResolverTypeWrapper<JobAttempt>;
  JobConnection: ResolverTypeWrapper<Omit<JobConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['JobEdge']>, nodes: Array<ResolversTypes['Job']> }>;
  JobEdge: ResolverTypeWrapper<Omit<JobEdge, 'node'> & { node: ResolversTypes['Job'] }>;
  JobFilter: JobFilter;
  JobStatus: JobStatus;
  JobType: ResolverTypeWrapper<JobType>;
  MissingHour: ResolverTypeWrapper<MissingHour>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Phase: ResolverTypeWrapper<PhaseView>;
  PhaseHistory: ResolverTypeWrapper<PhaseHistory>;
  PhaseProgress: ResolverTypeWrapper<PhaseProgress>;
  PhaseRatePoint: ResolverTypeWrapper<PhaseRatePoint>;
  PhaseState: PhaseState;
  Pipeline: ResolverTypeWrapper<PipelineView>;
  Progress: ResolverTypeWrapper<Progress>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  QueueStats: ResolverTypeWrapper<QueueStats>;
  Run: ResolverTypeWrapper<Run>;
  RunInventory: ResolverTypeWrapper<RunInventory>;
  StageSummary: ResolverTypeWrapper<StageSummary>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  SubmitAction: ResolverTypeWrapper<SubmitAction>;
  SubmitJobInput: SubmitJobInput;
  SubmitPreview: ResolverTypeWrapper<SubmitPreview>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TaskCounts: ResolverTypeWrapper<TaskCounts>;
  ThroughputPoint: ResolverTypeWrapper<ThroughputPoint>;
  TileFailure: ResolverTypeWrapper<TileFailure>;
  Viewer: ResolverTypeWrapper<Viewer>;
  Worker: ResolverTypeWrapper<WorkerModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Alert: Alert;
  Asset: Asset;
  AssetPhaseState: AssetPhaseState;
  Boolean: Scalars['Boolean']['output'];
  DateTime: Scalars['DateTime']['output'];
  DiskUsageRow: DiskUsageRow;
  DiskUsageSummary: DiskUsageSummary;
  EtlActiveJob: Omit<EtlActiveJob, 'job'> & { job?: Maybe<ResolversParentTypes['Job']> };
  EtlGroupingBreakdown: EtlGroupingBreakdown;
  EtlPhaseCount: EtlPhaseCount;
  EtlPhaseRate: EtlPhaseRate;
  EtlPhaseStats: EtlPhaseStats;
  EtlProcessingRate: EtlProcessingRate;
  EtlSliceRow: EtlSliceRow;
  EtlStats: Omit<EtlStats, 'activeJobs' | 'pipeline'> & { activeJobs: Array<ResolversParentTypes['EtlActiveJob']>, pipeline: ResolversParentTypes['Pipeline'] };
  EtlSummary: EtlSummary;
  EtlTaskCounts: EtlTaskCounts;
  Float: Scalars['Float']['output'];
  Grouping: Grouping;
  GroupingFilter: GroupingFilter;
  Health: Health;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  Job: JobModel;
  JobAttempt: JobAttempt;
  JobConnection: Omit<JobConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['JobEdge']>, nodes: Array<ResolversParentTypes['Job']> };
  JobEdge: Omit<JobEdge, 'node'> & { node: ResolversParentTypes['Job'] };
  JobFilter: JobFilter;
  JobType: JobType;
  MissingHour: MissingHour;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Phase: PhaseView;
  PhaseHistory: PhaseHistory;
  PhaseProgress: PhaseProgress;
  PhaseRatePoint: PhaseRatePoint;
  Pipeline: PipelineView;
  Progress: Progress;
  Query: Record<PropertyKey, never>;
  QueueStats: QueueStats;
  Run: Run;
  RunInventory: RunInventory;
  StageSummary: StageSummary;
  String: Scalars['String']['output'];
  SubmitAction: SubmitAction;
  SubmitJobInput: SubmitJobInput;
  SubmitPreview: SubmitPreview;
  Subscription: Record<PropertyKey, never>;
  TaskCounts: TaskCounts;
  ThroughputPoint: ThroughputPoint;
  TileFailure: TileFailure;
  Viewer: Viewer;
  Worker: WorkerModel;
};

export type AlertResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AssetResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Asset'] = ResolversParentTypes['Asset']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  md5?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  missingSince?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phases?: Resolver<Array<ResolversTypes['AssetPhaseState']>, ParentType, ContextType>;
  pipeline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sourceMetadata?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
};

export type AssetPhaseStateResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AssetPhaseState'] = ResolversParentTypes['AssetPhaseState']> = {
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  jobId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  phase?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['PhaseState'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DiskUsageRowResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DiskUsageRow'] = ResolversParentTypes['DiskUsageRow']> = {
  files?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gribBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  newestMtime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  oldestMtime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  run?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tileBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type DiskUsageSummaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DiskUsageSummary'] = ResolversParentTypes['DiskUsageSummary']> = {
  newestMtime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  oldestMtime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['DiskUsageRow']>, ParentType, ContextType>;
  scannedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  totalBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type EtlActiveJobResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlActiveJob'] = ResolversParentTypes['EtlActiveJob']> = {
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  jobId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  taskCounts?: Resolver<ResolversTypes['EtlTaskCounts'], ParentType, ContextType>;
};

export type EtlGroupingBreakdownResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlGroupingBreakdown'] = ResolversParentTypes['EtlGroupingBreakdown']> = {
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['EtlSliceRow']>, ParentType, ContextType>;
};

export type EtlPhaseCountResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlPhaseCount'] = ResolversParentTypes['EtlPhaseCount']> = {
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  phase?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EtlPhaseRateResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlPhaseRate'] = ResolversParentTypes['EtlPhaseRate']> = {
  perHour?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  phase?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EtlPhaseStatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlPhaseStats'] = ResolversParentTypes['EtlPhaseStats']> = {
  completed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  eligible?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pending?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  percentComplete?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  processing?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EtlProcessingRateResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlProcessingRate'] = ResolversParentTypes['EtlProcessingRate']> = {
  etaHours?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  perHour?: Resolver<Array<ResolversTypes['EtlPhaseRate']>, ParentType, ContextType>;
};

export type EtlSliceRowResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlSliceRow'] = ResolversParentTypes['EtlSliceRow']> = {
  keys?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  phases?: Resolver<Array<ResolversTypes['EtlPhaseCount']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EtlStatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlStats'] = ResolversParentTypes['EtlStats']> = {
  activeJobs?: Resolver<Array<ResolversTypes['EtlActiveJob']>, ParentType, ContextType>;
  byGrouping?: Resolver<Array<ResolversTypes['EtlGroupingBreakdown']>, ParentType, ContextType>;
  phases?: Resolver<Array<ResolversTypes['EtlPhaseStats']>, ParentType, ContextType>;
  pipeline?: Resolver<ResolversTypes['Pipeline'], ParentType, ContextType>;
  processingRate?: Resolver<ResolversTypes['EtlProcessingRate'], ParentType, ContextType>;
  slices?: Resolver<Array<ResolversTypes['EtlSliceRow']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['EtlSummary'], ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type EtlSummaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlSummary'] = ResolversParentTypes['EtlSummary']> = {
  totalFiles?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalSizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalSizeFormatted?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EtlTaskCountsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EtlTaskCounts'] = ResolversParentTypes['EtlTaskCounts']> = {
  completed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  processing?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type GroupingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Grouping'] = ResolversParentTypes['Grouping']> = {
  collapsed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HealthResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Health'] = ResolversParentTypes['Health']> = {
  database?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workersOnline?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type JobResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  args?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  argsSummary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  attemptHistory?: Resolver<Array<ResolversTypes['JobAttempt']>, ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  children?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<JobChildrenArgs, 'first'>>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  errorMessage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorStack?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maxAttempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  parentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  peakMemoryBytes?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  pipeline?: Resolver<Maybe<ResolversTypes['Pipeline']>, ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Progress'], ParentType, ContextType>;
  queuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  stage?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  stageName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stages?: Resolver<Array<ResolversTypes['StageSummary']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  taskCounts?: Resolver<ResolversTypes['TaskCounts'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workerId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type JobAttemptResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobAttempt'] = ResolversParentTypes['JobAttempt']> = {
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  errorMessage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workerId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['JobEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Job']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type JobEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobEdge'] = ResolversParentTypes['JobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type JobTypeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobType'] = ResolversParentTypes['JobType']> = {
  argsSchema?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  available?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxAttempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pipeline?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MissingHourResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MissingHour'] = ResolversParentTypes['MissingHour']> = {
  hour?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  _noop?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  cancelJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationCancelJobArgs, 'id'>>;
  retryFailedJobs?: Resolver<ResolversTypes['Int'], ParentType, ContextType, Partial<MutationRetryFailedJobsArgs>>;
  retryJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationRetryJobArgs, 'id'>>;
  submitJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationSubmitJobArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PhaseResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Phase'] = ResolversParentTypes['Phase']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  jobType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['PhaseProgress'], ParentType, ContextType>;
};

export type PhaseHistoryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PhaseHistory'] = ResolversParentTypes['PhaseHistory']> = {
  avgDurationMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phase?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['PhaseRatePoint']>, ParentType, ContextType>;
};

export type PhaseProgressResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PhaseProgress'] = ResolversParentTypes['PhaseProgress']> = {
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  percentComplete?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  phase?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pipeline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  processing?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PhaseRatePointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PhaseRatePoint'] = ResolversParentTypes['PhaseRatePoint']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PipelineResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Pipeline'] = ResolversParentTypes['Pipeline']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  groupings?: Resolver<Array<ResolversTypes['Grouping']>, ParentType, ContextType>;
  jobTypes?: Resolver<Array<ResolversTypes['JobType']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phases?: Resolver<Array<ResolversTypes['Phase']>, ParentType, ContextType>;
  submitActions?: Resolver<Array<ResolversTypes['SubmitAction']>, ParentType, ContextType>;
};

export type ProgressResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Progress'] = ResolversParentTypes['Progress']> = {
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  percent?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  total?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  alerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType>;
  assets?: Resolver<Array<ResolversTypes['Asset']>, ParentType, ContextType, RequireFields<QueryAssetsArgs, 'first' | 'pipeline'>>;
  diskUsage?: Resolver<ResolversTypes['DiskUsageSummary'], ParentType, ContextType>;
  etlStats?: Resolver<ResolversTypes['EtlStats'], ParentType, ContextType, RequireFields<QueryEtlStatsArgs, 'pipeline'>>;
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  inventory?: Resolver<Array<ResolversTypes['RunInventory']>, ParentType, ContextType, RequireFields<QueryInventoryArgs, 'limit'>>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobThroughput?: Resolver<Array<ResolversTypes['ThroughputPoint']>, ParentType, ContextType, RequireFields<QueryJobThroughputArgs, 'minutes'>>;
  jobTypes?: Resolver<Array<ResolversTypes['JobType']>, ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<QueryJobsArgs, 'first'>>;
  phaseHistory?: Resolver<Array<ResolversTypes['PhaseHistory']>, ParentType, ContextType, RequireFields<QueryPhaseHistoryArgs, 'bucketMinutes' | 'hours' | 'pipeline'>>;
  pipeline?: Resolver<Maybe<ResolversTypes['Pipeline']>, ParentType, ContextType, RequireFields<QueryPipelineArgs, 'key'>>;
  pipelines?: Resolver<Array<ResolversTypes['Pipeline']>, ParentType, ContextType>;
  queueStats?: Resolver<ResolversTypes['QueueStats'], ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['Run']>, ParentType, ContextType, RequireFields<QueryRunsArgs, 'first' | 'pipeline'>>;
  submitPreview?: Resolver<ResolversTypes['SubmitPreview'], ParentType, ContextType, RequireFields<QuerySubmitPreviewArgs, 'type'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
  workers?: Resolver<Array<ResolversTypes['Worker']>, ParentType, ContextType>;
};

export type QueueStatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['QueueStats'] = ResolversParentTypes['QueueStats']> = {
  busySlots?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  completed1h?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed1h?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failureRate1h?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalSlots?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  workersOnline?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RunResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Run'] = ResolversParentTypes['Run']> = {
  cycleTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  expectedHours?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastScannedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  pipeline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  runKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  upstreamHours?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type RunInventoryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RunInventory'] = ResolversParentTypes['RunInventory']> = {
  completeness?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cycleTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  expectedHours?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  haveHours?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  lastScannedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  missingHours?: Resolver<Array<ResolversTypes['MissingHour']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  run?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sourceStatus?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tileFailures?: Resolver<Array<ResolversTypes['TileFailure']>, ParentType, ContextType>;
  upstreamHours?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type StageSummaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['StageSummary'] = ResolversParentTypes['StageSummary']> = {
  counts?: Resolver<ResolversTypes['TaskCounts'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  percent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  stage?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SubmitActionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SubmitAction'] = ResolversParentTypes['SubmitAction']> = {
  icon?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  jobType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubmitPreviewResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SubmitPreview'] = ResolversParentTypes['SubmitPreview']> = {
  files?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tasks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  _noop?: SubscriptionResolver<Maybe<ResolversTypes['Boolean']>, "_noop", ParentType, ContextType>;
  jobUpdated?: SubscriptionResolver<ResolversTypes['Job'], "jobUpdated", ParentType, ContextType, Partial<SubscriptionJobUpdatedArgs>>;
  phaseProgress?: SubscriptionResolver<Array<ResolversTypes['PhaseProgress']>, "phaseProgress", ParentType, ContextType, RequireFields<SubscriptionPhaseProgressArgs, 'pipeline'>>;
  queueUpdated?: SubscriptionResolver<ResolversTypes['QueueStats'], "queueUpdated", ParentType, ContextType>;
};

export type TaskCountsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TaskCounts'] = ResolversParentTypes['TaskCounts']> = {
  cancelled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  completed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  processing?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ThroughputPointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ThroughputPoint'] = ResolversParentTypes['ThroughputPoint']> = {
  completed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minute?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type TileFailureResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TileFailure'] = ResolversParentTypes['TileFailure']> = {
  error?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hours?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  variable?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  canWrite?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tokenAccepted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type WorkerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Worker'] = ResolversParentTypes['Worker']> = {
  concurrency?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  host?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastHeartbeatAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  online?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  stoppedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  Alert?: AlertResolvers<ContextType>;
  Asset?: AssetResolvers<ContextType>;
  AssetPhaseState?: AssetPhaseStateResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DiskUsageRow?: DiskUsageRowResolvers<ContextType>;
  DiskUsageSummary?: DiskUsageSummaryResolvers<ContextType>;
  EtlActiveJob?: EtlActiveJobResolvers<ContextType>;
  EtlGroupingBreakdown?: EtlGroupingBreakdownResolvers<ContextType>;
  EtlPhaseCount?: EtlPhaseCountResolvers<ContextType>;
  EtlPhaseRate?: EtlPhaseRateResolvers<ContextType>;
  EtlPhaseStats?: EtlPhaseStatsResolvers<ContextType>;
  EtlProcessingRate?: EtlProcessingRateResolvers<ContextType>;
  EtlSliceRow?: EtlSliceRowResolvers<ContextType>;
  EtlStats?: EtlStatsResolvers<ContextType>;
  EtlSummary?: EtlSummaryResolvers<ContextType>;
  EtlTaskCounts?: EtlTaskCountsResolvers<ContextType>;
  Grouping?: GroupingResolvers<ContextType>;
  Health?: HealthResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Job?: JobResolvers<ContextType>;
  JobAttempt?: JobAttemptResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  JobType?: JobTypeResolvers<ContextType>;
  MissingHour?: MissingHourResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Phase?: PhaseResolvers<ContextType>;
  PhaseHistory?: PhaseHistoryResolvers<ContextType>;
  PhaseProgress?: PhaseProgressResolvers<ContextType>;
  PhaseRatePoint?: PhaseRatePointResolvers<ContextType>;
  Pipeline?: PipelineResolvers<ContextType>;
  Progress?: ProgressResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  QueueStats?: QueueStatsResolvers<ContextType>;
  Run?: RunResolvers<ContextType>;
  RunInventory?: RunInventoryResolvers<ContextType>;
  StageSummary?: StageSummaryResolvers<ContextType>;
  SubmitAction?: SubmitActionResolvers<ContextType>;
  SubmitPreview?: SubmitPreviewResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TaskCounts?: TaskCountsResolvers<ContextType>;
  ThroughputPoint?: ThroughputPointResolvers<ContextType>;
  TileFailure?: TileFailureResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
  Worker?: WorkerResolvers<ContextType>;
};

