/**
 * THE configuration of the weather models we ingest (HRRR, GFS 0.25°): where their files live on NOMADS,
 * which cycles and forecast hours exist, which variables we keep and how they are tiled.
 * Everything that takes a model/run/hour from outside (job args, GraphQL) validates it with the schemas here.
 *
 * URL layout. One base URL serves both models; each model lives in `<base>/<model>/prod/`:
 *   <base>/hrrr/prod/hrrr.YYYYMMDD/conus/hrrr.tCCz.wrfsfcfHH.grib2        (+ .idx)
 *   <base>/gfs/prod/gfs.YYYYMMDD/CC/atmos/gfs.tCCz.pgrb2.0p25.fFFF       (+ .idx)
 * The default base is NOAA NOMADS (`https://nomads.ncep.noaa.gov/pub/data/nccf/com`); set `NOMADS_BASE_URL`
 * to a mirror that exposes the same `hrrr/prod/...` and `gfs/prod/...` trees (e.g. the test fake server).
 */
import { z } from "zod";

export const DEFAULT_NOMADS_BASE_URL = "https://nomads.ncep.noaa.gov/pub/data/nccf/com";

export const MODEL_KEYS = ["hrrr", "gfs"] as const;
export const ModelKeySchema = z.enum(MODEL_KEYS);
export type ModelKey = z.infer<typeof ModelKeySchema>;

/** A variable we keep: `pattern` is a regex matched from the start of an .idx entry's `VAR:LEVEL:FORECAST`. */
export interface WeatherVariable {
  id: string; // short id used in cache paths and tile array names
  pattern: string;
  name: string;
  units: string;
  /** First forecast hour carrying the field (GFS has no accumulations at f000). */
  fromHour?: number;
}

export interface TileRegion {
  label: string;
  bbox: { west: number; south: number; east: number; north: number };
}

export const TILE_REGIONS = {
  conus: { label: "Contiguous United States", bbox: { west: -125, south: 24, east: -66.5, north: 50 } },
} as const satisfies Record<string, TileRegion>;
export type RegionId = keyof typeof TILE_REGIONS;
export const RegionIdSchema = z.enum(Object.keys(TILE_REGIONS) as [RegionId, ...RegionId[]]);

export interface ModelConfig {
  key: ModelKey;
  label: string;
  /** Directory of the model under the NOMADS base URL. */
  productDir: string;
  cycles: readonly number[];
  /** Hours ingested by default (expectedHours caps at this); the file's own valid hours can go further. */
  defaultMaxHour: number;
  /** Every forecast hour the model publishes for a cycle, ascending. */
  validHours(cycle: number): number[];
  /** Day directory name, e.g. `hrrr.20230125`. */
  dayDir(date: string): string;
  /** Path of a run's files relative to the day directory, e.g. `conus/` or `12/atmos/`. */
  runSubdir(cycle: number): string;
  /**
   * How a day's cycles show up: as file names in `<day>/<dayListingSubdir>` (HRRR keeps every cycle in
   * `conus/`) or as `CC/` subdirectories of the day directory (GFS).
   */
  cycleListing: { subdir: string; from: "files" | "subdirs" };
  fileName(cycle: number, hour: number): string;
  /** Recognises this model's GRIB file names in a run directory listing. */
  filePattern: RegExp;
  variables: readonly WeatherVariable[];
  /** BuildTile defaults. A tile stacks all hours of a run, which is why resolutions are coarse. */
  tiles: { regions: readonly RegionId[]; resolutionsDeg: readonly number[] };
}

const range = (from: number, to: number, step = 1): number[] => {
  const out: number[] = [];
  for (let h = from; h <= to; h += step) out.push(h);
  return out;
};
const pad = (n: number, width: number) => String(n).padStart(width, "0");

// APCP: the accumulation since the run started ("0-N hour acc" / wgrib2's "0-N day acc"), not the
// last-bucket one that some hours also carry.
const APCP_SINCE_START = "APCP:surface:0-\\d+ (hour|day) acc";

export const MODELS: Record<ModelKey, ModelConfig> = {
  hrrr: {
    key: "hrrr",
    label: "HRRR CONUS (3 km, surface)",
    productDir: "hrrr/prod",
    cycles: range(0, 23),
    defaultMaxHour: 48,
    // Synoptic cycles (00/06/12/18z) run to 48 h, the others to 18 h.
    validHours: (cycle) => range(0, cycle % 6 === 0 ? 48 : 18),
    dayDir: (date) => `hrrr.${date}`,
    runSubdir: () => "conus/",
    cycleListing: { subdir: "conus/", from: "files" },
    fileName: (cycle, hour) => `hrrr.t${pad(cycle, 2)}z.wrfsfcf${pad(hour, 2)}.grib2`,
    filePattern: /^hrrr\.t(\d{2})z\.wrfsfcf(\d{2})\.grib2$/,
    variables: [
      { id: "t2m", pattern: "TMP:2 m above ground:", name: "2 m temperature", units: "K" },
      { id: "u10", pattern: "UGRD:10 m above ground:", name: "10 m U wind", units: "m s-1" },
      { id: "v10", pattern: "VGRD:10 m above ground:", name: "10 m V wind", units: "m s-1" },
      { id: "gust", pattern: "GUST:surface:", name: "Surface wind gust", units: "m s-1" },
      { id: "apcp", pattern: APCP_SINCE_START, name: "Total precipitation since run start", units: "kg m-2" },
      { id: "refc", pattern: "REFC:entire atmosphere:", name: "Composite reflectivity", units: "dBZ" },
      { id: "mslp", pattern: "MSLMA:mean sea level:", name: "Mean sea level pressure (MAPS)", units: "Pa" },
    ],
    tiles: { regions: ["conus"], resolutionsDeg: [0.1] },
  },
  gfs: {
    key: "gfs",
    label: "GFS 0.25°",
    productDir: "gfs/prod",
    cycles: [0, 6, 12, 18],
    defaultMaxHour: 120,
    // Hourly to 120 h, then 3-hourly to 384 h.
    validHours: () => [...range(0, 120), ...range(123, 384, 3)],
    dayDir: (date) => `gfs.${date}`,
    runSubdir: (cycle) => `${pad(cycle, 2)}/atmos/`,
    cycleListing: { subdir: "", from: "subdirs" },
    fileName: (cycle, hour) => `gfs.t${pad(cycle, 2)}z.pgrb2.0p25.f${pad(hour, 3)}`,
    filePattern: /^gfs\.t(\d{2})z\.pgrb2\.0p25\.f(\d{3})$/,
    variables: [
      { id: "t2m", pattern: "TMP:2 m above ground:", name: "2 m temperature", units: "K" },
      { id: "u10", pattern: "UGRD:10 m above ground:", name: "10 m U wind", units: "m s-1" },
      { id: "v10", pattern: "VGRD:10 m above ground:", name: "10 m V wind", units: "m s-1" },
      { id: "gust", pattern: "GUST:surface:", name: "Surface wind gust", units: "m s-1" },
      { id: "apcp", pattern: APCP_SINCE_START, name: "Total precipitation since run start", units: "kg m-2", fromHour: 1 },
      { id: "refc", pattern: "REFC:entire atmosphere", name: "Composite reflectivity", units: "dBZ" },
      { id: "mslp", pattern: "PRMSL:mean sea level:", name: "Mean sea level pressure", units: "Pa" },
    ],
    tiles: { regions: ["conus"], resolutionsDeg: [0.25] },
  },
};

// ---------- runs ----------

export interface ParsedRun {
  id: string; // YYYYMMDD_CC
  date: string; // YYYYMMDD
  cycle: number;
  time: Date; // cycle start, UTC
}

const RUN_RE = /^(\d{4})(\d{2})(\d{2})_(\d{2})$/;

function parseRunOrNull(id: string): ParsedRun | null {
  const m = RUN_RE.exec(id);
  if (!m) return null;
  const [y, mo, d, c] = m.slice(1).map(Number);
  const time = new Date(Date.UTC(y, mo - 1, d, c));
  // Date.UTC rolls Feb 30 over to March; a round trip catches impossible dates.
  if (c > 23 || time.getUTCFullYear() !== y || time.getUTCMonth() !== mo - 1 || time.getUTCDate() !== d) return null;
  return { id, date: id.slice(0, 8), cycle: c, time };
}

export const RunIdSchema = z
  .string()
  .refine((s) => parseRunOrNull(s) !== null, { message: "run id must be YYYYMMDD_CC (a real UTC date, cycle 00-23)" });

export function parseRunId(id: string): ParsedRun {
  const run = parseRunOrNull(id);
  if (!run) throw new Error(`invalid run id ${JSON.stringify(id)}: expected YYYYMMDD_CC, e.g. 20230125_12`);
  return run;
}

/** `runId(new Date("2023-01-25T12:00Z"), 12)` or `runId("20230125", 12)` → `20230125_12`. */
export function runId(date: Date | string, cycle: number): string {
  const ymd =
    typeof date === "string"
      ? date.replaceAll("-", "")
      : `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`;
  if (!Number.isInteger(cycle)) throw new Error(`invalid cycle ${cycle}`);
  return parseRunId(`${ymd}_${pad(cycle, 2)}`).id;
}

// ---------- hours ----------

export function isValidHour(model: ModelKey, cycle: number, hour: number): boolean {
  return MODELS[model].validHours(cycle).includes(hour);
}

/** Forecast hours a run should publish, capped at `maxHour` (default: the model's `defaultMaxHour`). */
export function expectedHours(model: ModelKey, cycleHour: number, opts: { maxHour?: number } = {}): number[] {
  const cfg = MODELS[model];
  if (!cfg.cycles.includes(cycleHour)) throw new Error(`${model} has no ${pad(cycleHour, 2)}z cycle`);
  const max = opts.maxHour ?? cfg.defaultMaxHour;
  return cfg.validHours(cycleHour).filter((h) => h <= max);
}

// ---------- variables ----------

export function getVariable(model: ModelKey, id: string): WeatherVariable {
  const v = MODELS[model].variables.find((x) => x.id === id);
  if (!v) throw new Error(`unknown ${model} variable ${JSON.stringify(id)} (known: ${MODELS[model].variables.map((x) => x.id).join(", ")})`);
  return v;
}

/** Variables present in a given forecast hour's file. */
export function variablesForHour(model: ModelKey, hour: number): WeatherVariable[] {
  return MODELS[model].variables.filter((v) => hour >= (v.fromHour ?? 0));
}

// ---------- edge validation ----------

export const ForecastHourSchema = z.number().int().min(0).max(384);
export const VariableIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "variable id must be lowercase [a-z0-9_]");

/** `{ model, run }`: the run's cycle must exist for the model. */
export const ModelRunSchema = z
  .object({ model: ModelKeySchema, run: RunIdSchema })
  .superRefine((v, ctx) => {
    const run = parseRunOrNull(v.run);
    if (run && !MODELS[v.model].cycles.includes(run.cycle))
      ctx.addIssue({ code: "custom", path: ["run"], message: `${v.model} has no ${pad(run.cycle, 2)}z cycle` });
  });

/** `{ model, run, hour, variables? }` as passed to ingestion jobs. */
export const WeatherTargetSchema = z
  .object({
    model: ModelKeySchema,
    run: RunIdSchema,
    hour: ForecastHourSchema,
    variables: z.array(VariableIdSchema).min(1).optional(),
  })
  .superRefine((v, ctx) => {
    const run = parseRunOrNull(v.run);
    if (!run) return;
    const cfg = MODELS[v.model];
    if (!cfg.cycles.includes(run.cycle)) {
      ctx.addIssue({ code: "custom", path: ["run"], message: `${v.model} has no ${pad(run.cycle, 2)}z cycle` });
    } else if (!cfg.validHours(run.cycle).includes(v.hour)) {
      ctx.addIssue({ code: "custom", path: ["hour"], message: `${v.model} ${pad(run.cycle, 2)}z has no forecast hour ${v.hour}` });
    }
    for (const [i, id] of (v.variables ?? []).entries()) {
      const known = cfg.variables.find((x) => x.id === id);
      if (!known) ctx.addIssue({ code: "custom", path: ["variables", i], message: `unknown ${v.model} variable ${id}` });
      else if (v.hour < (known.fromHour ?? 0))
        ctx.addIssue({ code: "custom", path: ["variables", i], message: `${v.model} ${id} starts at f${pad(known.fromHour ?? 0, 2)}` });
    }
  });
export type WeatherTarget = z.infer<typeof WeatherTargetSchema>;

// ---------- URLs ----------

/** NOMADS base URL (no trailing slash): `NOMADS_BASE_URL`, else NOAA's server. Read per call so tests can set it. */
export function nomadsBaseUrl(): string {
  const raw = process.env.NOMADS_BASE_URL?.trim() || DEFAULT_NOMADS_BASE_URL;
  const url = new URL(raw); // throws on garbage, naming the bad value
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`NOMADS_BASE_URL must be http(s): ${raw}`);
  return raw.replace(/\/+$/, "");
}

/** Directory listing the model's day directories (`hrrr.YYYYMMDD/`). */
export function runListingUrl(model: ModelKey, base = nomadsBaseUrl()): string {
  return `${base}/${MODELS[model].productDir}/`;
}

/**
 * Without `cycle`: the directory whose listing shows which cycles a day has (HRRR: `conus/` file names,
 * GFS: `CC/` subdirectories). With `cycle`: the directory holding that run's GRIB files.
 */
export function runDirUrl(model: ModelKey, date: string, cycle?: number, base = nomadsBaseUrl()): string {
  const cfg = MODELS[model];
  if (!/^\d{8}$/.test(date)) throw new Error(`invalid date ${JSON.stringify(date)}: expected YYYYMMDD`);
  const day = `${runListingUrl(model, base)}${cfg.dayDir(date)}/`;
  return day + (cycle === undefined ? cfg.cycleListing.subdir : cfg.runSubdir(cycle));
}

export function gribUrl(model: ModelKey, run: string, hour: number, base = nomadsBaseUrl()): string {
  const { date, cycle } = parseRunId(run);
  if (!isValidHour(model, cycle, hour)) throw new Error(`${model} ${run} has no forecast hour ${hour}`);
  return runDirUrl(model, date, cycle, base) + MODELS[model].fileName(cycle, hour);
}

export function idxUrl(model: ModelKey, run: string, hour: number, base = nomadsBaseUrl()): string {
  return `${gribUrl(model, run, hour, base)}.idx`;
}
