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

export type Grouping = {
  __typename?: 'Grouping';
  collapsed: Scalars['Boolean']['output'];
  field: Scalars['String']['output'];
  label: Scalars['String']['output'];
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
  /** Liveness of the API itself. */
  health: Health;
  inventory: Array<RunInventory>;
  job?: Maybe<Job>;
  jobTypes: Array<JobType>;
  jobs: JobConnection;
  pipeline?: Maybe<Pipeline>;
  pipelines: Array<Pipeline>;
  queueStats: QueueStats;
  runs: Array<Run>;
  /** What the caller may do: the UI shows write actions only when canWrite. */
  viewer: Viewer;
  workers: Array<Worker>;
};


export type QueryAssetsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<Scalars['String']['input']>;
  pipeline: Scalars['String']['input'];
};


export type QueryInventoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  model?: InputMaybe<Scalars['String']['input']>;
};


export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPipelineArgs = {
  key: Scalars['String']['input'];
};


export type QueryRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  pipeline: Scalars['String']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
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
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Grouping: ResolverTypeWrapper<Grouping>;
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
  PhaseProgress: ResolverTypeWrapper<PhaseProgress>;
  PhaseState: PhaseState;
  Pipeline: ResolverTypeWrapper<PipelineView>;
  Progress: ResolverTypeWrapper<Progress>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  QueueStats: ResolverTypeWrapper<QueueStats>;
  Run: ResolverTypeWrapper<Run>;
  RunInventory: ResolverTypeWrapper<RunInventory>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  SubmitAction: ResolverTypeWrapper<SubmitAction>;
  SubmitJobInput: SubmitJobInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TaskCounts: ResolverTypeWrapper<TaskCounts>;
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
  Float: Scalars['Float']['output'];
  Grouping: Grouping;
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
  PhaseProgress: PhaseProgress;
  Pipeline: PipelineView;
  Progress: Progress;
  Query: Record<PropertyKey, never>;
  QueueStats: QueueStats;
  Run: Run;
  RunInventory: RunInventory;
  String: Scalars['String']['output'];
  SubmitAction: SubmitAction;
  SubmitJobInput: SubmitJobInput;
  Subscription: Record<PropertyKey, never>;
  TaskCounts: TaskCounts;
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
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  inventory?: Resolver<Array<ResolversTypes['RunInventory']>, ParentType, ContextType, RequireFields<QueryInventoryArgs, 'limit'>>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobTypes?: Resolver<Array<ResolversTypes['JobType']>, ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<QueryJobsArgs, 'first'>>;
  pipeline?: Resolver<Maybe<ResolversTypes['Pipeline']>, ParentType, ContextType, RequireFields<QueryPipelineArgs, 'key'>>;
  pipelines?: Resolver<Array<ResolversTypes['Pipeline']>, ParentType, ContextType>;
  queueStats?: Resolver<ResolversTypes['QueueStats'], ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['Run']>, ParentType, ContextType, RequireFields<QueryRunsArgs, 'first' | 'pipeline'>>;
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

export type SubmitActionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SubmitAction'] = ResolversParentTypes['SubmitAction']> = {
  icon?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  jobType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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

export type TileFailureResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TileFailure'] = ResolversParentTypes['TileFailure']> = {
  error?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hours?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  variable?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  canWrite?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
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
  PhaseProgress?: PhaseProgressResolvers<ContextType>;
  Pipeline?: PipelineResolvers<ContextType>;
  Progress?: ProgressResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  QueueStats?: QueueStatsResolvers<ContextType>;
  Run?: RunResolvers<ContextType>;
  RunInventory?: RunInventoryResolvers<ContextType>;
  SubmitAction?: SubmitActionResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TaskCounts?: TaskCountsResolvers<ContextType>;
  TileFailure?: TileFailureResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
  Worker?: WorkerResolvers<ContextType>;
};

