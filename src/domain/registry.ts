// The pipeline registry: the one place that declares pipelines, their phases, groupings, submit
// actions and job types (with the zod schema of each job type's arguments). The DB sync, GraphQL
// validation, stats queries, submit forms and docs all read it (seed 003 §1).
import { z } from "zod";
import { BuildTileArgs, IngestGribArgs, PruneCacheArgs, ScanSourceArgs } from "./weather/jobs.ts";

/** Relative path inside a storage root: no `..`, no absolute paths, no NUL (checked again on disk). */
const relPath = z
  .string()
  .max(1024)
  .refine((p) => !p.includes("\0") && !p.startsWith("/") && !p.split(/[\\/]/).includes(".."), {
    message: "must be a relative path inside the storage root (no '..', no leading '/')",
  });
const region = z.string().regex(/^[A-Z]{2,3}$/, "region is an ISO country code such as GH");
/** Asset ids (bigint) as decimal strings: a fan-out task's share of the work. */
const assetIds = (max: number) => z.array(z.string().regex(/^\d{1,19}$/, "asset ids are decimal integers")).min(1).max(max);

export interface JobTypeDef<S extends z.ZodType = z.ZodType> {
  /** Task identifier in graphile-worker and `Job.type`. */
  type: string;
  label: string;
  description: string;
  args: S;
  /** graphile-worker attempts (exponential backoff between them). */
  maxAttempts: number;
  /** Declared but its handler has not landed yet: submissions are refused with a clear error. */
  planned?: boolean;
  /** A fan-out task that only its parent job submits (the parent has claimed its assets). */
  internal?: boolean;
}

function jobType<S extends z.ZodType>(def: JobTypeDef<S>): JobTypeDef<S> {
  return def;
}

export interface Grouping {
  field: string;
  label: string;
  /** Shown folded by default (seed: "By Scenario (default: collapsed)"). */
  collapsed?: boolean;
}

export interface PhaseDef {
  key: string;
  name: string;
  description: string;
  /** Job type whose tasks move assets through this phase (its card's Submit button). */
  jobType?: string;
}

export interface SubmitAction {
  jobType: string;
  label: string;
  icon: string;
}

export interface PipelineDef {
  key: string;
  name: string;
  description: string;
  kind: "weather" | "etl";
  jobTypes: string[];
  phases: PhaseDef[];
  groupings: Grouping[];
  submitActions: SubmitAction[];
}

export const JOB_TYPES = {
  Diagnostic: jobType({
    type: "Diagnostic",
    label: "Diagnostic",
    description: "Exercises the queue end to end: optionally sleeps, reports progress, or fails on purpose.",
    args: z.strictObject({
      sleepMs: z.number().int().min(0).max(600_000).default(0),
      steps: z.number().int().min(0).max(10_000).default(0),
      fail: z.string().max(500).optional(),
    }),
    maxAttempts: 3,
  }),
  RefreshDiskUsage: jobType({
    type: "RefreshDiskUsage",
    label: "Refresh disk usage",
    description: "Walk the cache once and store bytes per model/run and file ages (read by the status page).",
    args: z.strictObject({}),
    maxAttempts: 1,
  }),
  ScanSource: jobType({
    type: "ScanSource",
    label: "Scan source",
    description: "Check NOAA/NOMADS for new runs and queue downloads for the hours we lack.",
    args: ScanSourceArgs,
    maxAttempts: 3,
  }),
  IngestGrib: jobType({
    type: "IngestGrib",
    label: "Ingest GRIB",
    description: "Download one forecast hour (selected variables only, via .idx byte ranges).",
    args: IngestGribArgs,
    maxAttempts: 5,
  }),
  BuildTile: jobType({
    type: "BuildTile",
    label: "Build tile",
    description: "Decode GRIBs of one run/variable and write the region tile (.npz + .meta.json).",
    args: BuildTileArgs,
    maxAttempts: 3,
  }),
  PruneCache: jobType({
    type: "PruneCache",
    label: "Prune cache",
    description: "Remove old runs' tiles, GRIBs and rows, keeping the newest runs.",
    args: PruneCacheArgs,
    maxAttempts: 1,
  }),
  inventory_fathom_container: jobType({
    type: "inventory_fathom_container",
    label: "Run Inventory",
    description: "Scan a bronze container, parse FATHOM names and register source files.",
    args: z.strictObject({ container: relPath, prefix: relPath.optional() }),
    maxAttempts: 3,
  }),
  process_fathom_stack: jobType({
    type: "process_fathom_stack",
    label: "Submit Phase 1",
    description: "Stack the 8 return-period TIFFs of each tile/scenario into one multi-band COG.",
    args: z.strictObject({
      region: region.optional(),
      flood_type: z.enum(["fluvial", "pluvial", "coastal"]).optional(),
      /** At most this many stacks (tasks). */
      limit: z.number().int().min(1).max(100_000).optional(),
    }),
    maxAttempts: 3,
  }),
  fathom_stack_task: jobType({
    type: "fathom_stack_task",
    label: "Band Stack task",
    description: "Stack one tile/scenario's 8 return-period TIFFs into a COG with a STAC item (a task of Submit Phase 1).",
    args: z.strictObject({
      /** `{region}/{scenario}/{tile}`, for people reading the job list; the assets decide. */
      stack: z.string().min(1).max(512),
      asset_ids: assetIds(8),
    }),
    maxAttempts: 3,
    internal: true,
  }),
  process_fathom_merge: jobType({
    type: "process_fathom_merge",
    label: "Submit Phase 2",
    description: "Merge N×N phase-1 tiles into one grid-cell COG.",
    args: z.strictObject({
      region: region.optional(),
      grid_size: z.number().int().min(1).max(16).default(4),
      /** At most this many grid cells (tasks). */
      limit: z.number().int().min(1).max(100_000).optional(),
    }),
    maxAttempts: 3,
  }),
  fathom_merge_task: jobType({
    type: "fathom_merge_task",
    label: "Spatial Merge task",
    description: "Merge the phase-1 COGs of one grid cell and scenario into one COG with a STAC item (a task of Submit Phase 2).",
    args: z.strictObject({
      region,
      scenario: z.string().min(1).max(256),
      grid_cell: z.string().regex(/^[ns]\d{2}[ew]\d{3}_\d+x\d+$/, "grid cell looks like n04w008_4x4"),
      /** Every phase-1-done source asset of the cell: 8 per tile, up to 16×16 tiles. */
      asset_ids: assetIds(8 * 16 * 16),
    }),
    maxAttempts: 3,
    internal: true,
  }),
  process_raster_v2: jobType({
    type: "process_raster_v2",
    label: "Convert raster",
    description: "Convert a GeoTIFF to a Cloud-Optimized GeoTIFF.",
    args: z.strictObject({ source: relPath, output: relPath.optional() }),
    maxAttempts: 3,
  }),
  process_large_raster_v2: jobType({
    type: "process_large_raster_v2",
    label: "Convert large raster",
    description: "Convert a large GeoTIFF to COG window by window with bounded memory.",
    args: z.strictObject({ source: relPath, output: relPath.optional() }),
    maxAttempts: 3,
  }),
} as const;

export type JobTypeName = keyof typeof JOB_TYPES;
export type JobArgs<T extends JobTypeName> = z.output<(typeof JOB_TYPES)[T]["args"]>;

export const PIPELINES: PipelineDef[] = [
  {
    key: "weather",
    name: "Weather Models",
    description: "NOAA HRRR and GFS GRIB2 ingestion into regional tiles",
    kind: "weather",
    jobTypes: ["ScanSource", "IngestGrib", "BuildTile", "PruneCache"],
    phases: [
      { key: "ingest", name: "GRIB Ingest", description: "Download selected variables per forecast hour", jobType: "IngestGrib" },
      { key: "tile", name: "Tile Build", description: "Decode and resample into region tiles", jobType: "BuildTile" },
    ],
    groupings: [
      { field: "model", label: "Model" },
      { field: "variable", label: "Variable" },
    ],
    submitActions: [
      { jobType: "ScanSource", label: "Scan Source", icon: "🔎" },
      { jobType: "PruneCache", label: "Prune Cache", icon: "🧹" },
    ],
  },
  {
    key: "fathom",
    name: "FATHOM Flood Data",
    description: "Global flood hazard data processing",
    kind: "etl",
    jobTypes: ["process_fathom_stack", "process_fathom_merge", "inventory_fathom_container", "fathom_stack_task", "fathom_merge_task"],
    phases: [
      { key: "phase1", name: "Band Stack", description: "Stack 8 return period TIFFs into multi-band COG", jobType: "process_fathom_stack" },
      { key: "phase2", name: "Spatial Merge", description: "Merge N×N tiles into larger grid cells", jobType: "process_fathom_merge" },
    ],
    groupings: [
      { field: "region", label: "Region" },
      { field: "flood_type", label: "Flood Type" },
      { field: "defense", label: "Defense" },
      { field: "year", label: "Year" },
      { field: "ssp", label: "Scenario", collapsed: true },
    ],
    submitActions: [
      { jobType: "inventory_fathom_container", label: "Run Inventory", icon: "📋" },
      { jobType: "process_fathom_stack", label: "Submit Phase 1", icon: "📦" },
      { jobType: "process_fathom_merge", label: "Submit Phase 2", icon: "🔗" },
    ],
  },
  {
    key: "raster_v2",
    name: "Raster Processing",
    description: "General raster to COG conversion",
    kind: "etl",
    jobTypes: ["process_raster_v2", "process_large_raster_v2"],
    phases: [{ key: "phase1", name: "COG Convert", description: "Convert each raster to a Cloud-Optimized GeoTIFF", jobType: "process_raster_v2" }],
    groupings: [],
    submitActions: [
      { jobType: "process_raster_v2", label: "Convert Raster", icon: "🗺️" },
      { jobType: "process_large_raster_v2", label: "Convert Large Raster", icon: "🧱" },
    ],
  },
];

export function getPipeline(key: string): PipelineDef | undefined {
  return PIPELINES.find((p) => p.key === key);
}

export function getJobType(type: string): JobTypeDef | undefined {
  return Object.hasOwn(JOB_TYPES, type) ? JOB_TYPES[type as JobTypeName] : undefined;
}

/** The pipeline a job type belongs to, if any (drives "View Pipeline Dashboard" links). */
export function pipelineOfJobType(type: string): PipelineDef | undefined {
  return PIPELINES.find((p) => p.jobTypes.includes(type));
}

/** JSON Schema of a job type's arguments: the UI builds its submit forms from this. */
export function argsJsonSchema(def: JobTypeDef): unknown {
  return z.toJSONSchema(def.args, { io: "input" });
}
