// Stats latency vs data size: GET /api/status/deep and GET /api/etl/stats (all, and one filtered
// variant) of a real server process, measured while one database grows step by step:
//   FATHOM assets 10k → 100k → 1M (2 asset_phases rows each), then job history 100k → 1M rows,
// so every step changes one dimension by 10× and the p50 ratio between steps shows how each
// route's cost grows with it. `--quick`: the first two steps (10k and 100k assets, 100k jobs).
//
// Seeding is set-based SQL (generate_series) with triggers off (session_replication_role = replica,
// as bench/etl-stats.ts does); what the triggers and the worker would have kept is then recomputed
// the way the product defines it: `etl_rollup.rebuild()` for the ETL summary rows, job_rollups per
// minute and type from the finished jobs, parents' fan-out progress from their children.
// VACUUM ANALYZE after every step. The server is NOT restarted between steps: it caches neither
// result, and ANALYZE invalidates any cached plans.
//
// Besides the growing FATHOM set there is a fixed weather set that /api/status/deep reads (~9k GRIB
// assets over 40 HRRR/GFS runs with ingest/tile phases, a few failed; disk_usage rows per run;
// 12 past workers and one that died without stopping), seeded once before the first step.
import pg from "pg";
import {
  type BenchOptions,
  type BenchResult,
  type Summary,
  createDatabase,
  finishMachineInfo,
  fmt,
  log,
  machineInfo,
  machineLine,
  startServer,
  summarize,
  table,
} from "./lib.ts";

export const name = "stats";

interface Step {
  fathomAssets: number;
  jobs: number;
}

const FULL_STEPS: Step[] = [
  { fathomAssets: 10_000, jobs: 100_000 },
  { fathomAssets: 100_000, jobs: 100_000 },
  { fathomAssets: 1_000_000, jobs: 100_000 },
  { fathomAssets: 1_000_000, jobs: 1_000_000 },
];

/** A region that exists from the first step on (scenarios cycle through 20 regions, GH is the 2nd). */
const FILTER_REGION = "GH";

const ROUTES = [
  { key: "deep", path: "/api/status/deep" },
  { key: "etl", path: "/api/etl/stats?etl_type=fathom" },
  { key: "etl-region", path: `/api/etl/stats?etl_type=fathom&region=${FILTER_REGION}` },
] as const;

interface Params {
  steps: Step[];
  warmup: number;
  iterations: number;
  routes: string[];
  client: string;
}

interface RouteTiming {
  route: string;
  ms: Summary;
  /** Body size of the last response (uncompressed: the server does not compress). */
  bytes: number;
}

interface StepResult extends Step {
  /** Rows actually present when this step was measured. */
  rows: {
    assets: number;
    assetPhases: number;
    jobs: number;
    pending: number;
    running: number;
    failed: number;
    jobAttempts: number;
    jobRollups: number;
    etlRollupGroups: number;
  };
  /** pg_total_relation_size (table + indexes + TOAST), MiB. */
  sizeMiB: { assets: number; assetPhases: number; jobs: number; jobAttempts: number; database: number };
  /** Wall time of this step's seeding: inserts, the recomputed summaries, VACUUM ANALYZE. */
  seedMs: { assets: number; etlRollupRebuild: number; jobs: number; jobSummaries: number; vacuumAnalyze: number; total: number };
  routes: RouteTiming[];
  /** What the responses said (checked against the tables). */
  seen: { deepAlerts: string[]; deepPending: number; etlTotalFiles: number; etlRegionFiles: number; etlActiveJobs: number };
}

interface StatsSummary {
  steps: StepResult[];
  /** Whole bench: database, server start, all seeding and all requests. */
  wallMs: number;
  seedMsTotal: number;
}

// ---------------------------------------------------------------------------------------------
// Seeding

const WORKER_ID = (n: string) => `format('bench-host-%s:%s:%s', (${n}) % 3, 10000 + (${n}), lpad(to_hex((${n}) * 4099 % 65536), 4, '0'))`;

/**
 * The fixed part: 12 past workers (stopped), one that died 2 h ago without stopping (worker_offline
 * alert; also what the reaper's per-heartbeat query sees), HRRR runs of the last 36 hours and GFS
 * runs of the last day with one GRIB asset per upstream hour and variable and its ingest/tile phase
 * rows (newest runs partly upstream and untiled, a few ingest and tile failures), disk_usage rows.
 */
const SEED_FIXED = `
  INSERT INTO workers (id, host, pid, concurrency, "startedAt", "lastHeartbeatAt", "stoppedAt")
  SELECT ${WORKER_ID("n")}, 'bench-host-' || n % 3, 10000 + n, 4,
    now() - interval '31 days' + n * interval '62 hours', now() - interval '31 days' + n * interval '62 hours' + interval '60 hours',
    now() - interval '31 days' + n * interval '62 hours' + interval '60 hours'
  FROM generate_series(0, 11) n;
  INSERT INTO workers (id, host, pid, concurrency, "startedAt", "lastHeartbeatAt", "stoppedAt")
    VALUES ('bench-host-9:31337:dead', 'bench-host-9', 31337, 4, now() - interval '1 day', now() - interval '2 hours', NULL);

  INSERT INTO runs ("pipelineKey", source, "runKey", "cycleTime", "expectedHours", "upstreamHours", "lastScannedAt", "updatedAt")
  SELECT 'weather', m, to_char(ct, 'YYYYMMDD_HH24'), ct, e.hours,
    CASE WHEN k = 1 THEN e.hours[1:least(cardinality(e.hours), 12)] ELSE e.hours END, now(), now()
  FROM (
    SELECT 'hrrr' AS m, k, date_trunc('hour', now()) - k * interval '1 hour' AS ct FROM generate_series(1, 36) k
    UNION ALL
    SELECT 'gfs', k, date_trunc('day', now()) + floor(extract(hour FROM now()) / 6) * interval '6 hours' - k * interval '6 hours'
    FROM generate_series(1, 4) k
  ) r,
  LATERAL (SELECT ARRAY(SELECT generate_series(0, CASE WHEN m = 'gfs' THEN 120 WHEN extract(hour FROM ct)::int % 6 = 0 THEN 48 ELSE 18 END)) AS hours) e;

  INSERT INTO assets ("pipelineKey", "runId", kind, path, "sizeBytes", "sourceMetadata", "updatedAt")
  SELECT 'weather', r.id, 'grib', r.source || '/' || r."runKey" || '/' || v || '/f' || lpad(h::text, 3, '0') || '.grib2',
    1500000 + (r.id * 7 + h * 13 + length(v) * 101) % 997 * 1000,
    jsonb_build_object('model', r.source, 'run', r."runKey", 'hour', h, 'variable', v), now()
  FROM runs r, unnest(r."upstreamHours") h, unnest(ARRAY['t2m', 'u10', 'v10', 'gust', 'apcp', 'refc', 'mslp']) v
  WHERE r."pipelineKey" = 'weather' AND NOT (r.source = 'gfs' AND v = 'apcp' AND h = 0);

  WITH a AS (
    SELECT a.id, r."cycleTime" AS ct, (a."sourceMetadata"->>'hour')::int AS h, a."sourceMetadata"->>'variable' AS v,
      row_number() OVER (PARTITION BY r.source ORDER BY r."cycleTime" DESC) AS k
    FROM assets a JOIN runs r ON r.id = a."runId" WHERE a."pipelineKey" = 'weather'
  ), s AS (
    SELECT a.*,
      CASE WHEN k % 7 = 3 AND h % 11 = 5 AND v = 'gust' THEN 'failed' WHEN k = 1 AND h % 4 = 3 THEN 'processing' ELSE 'done' END AS ingest,
      CASE WHEN k <= 2 THEN 'pending' WHEN k % 9 = 4 AND v = 'refc' THEN 'failed' ELSE 'done' END AS tile
    FROM a
  )
  INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "startedAt", "completedAt", "durationMs", error, "updatedAt")
  SELECT id, 'weather', ph, st::"PhaseState", ct + interval '50 minutes' + h * interval '1 minute',
    CASE WHEN st = 'done' THEN ct + interval '51 minutes' + h * interval '1 minute' END,
    CASE WHEN st IN ('done', 'failed') THEN 2000 + (id * 31 % 5000)::int END,
    CASE WHEN st = 'failed' AND ph = 'ingest' THEN 'idx entry not found: GUST:surface: (HTTP 404 for ' || v || ' .idx range)'
         WHEN st = 'failed' THEN 'decode failed: unsupported GRIB2 data representation template 5.42 in ' || v END,
    now()
  FROM s, LATERAL (VALUES ('ingest', s.ingest), ('tile', CASE WHEN s.ingest = 'done' THEN s.tile ELSE 'pending' END)) p(ph, st);

  INSERT INTO disk_usage (model, run, "gribBytes", "tileBytes", files, "oldestMtime", "newestMtime", "scannedAt")
  SELECT r.source, r."runKey", coalesce(sum(a."sizeBytes"), 0), 1400000000, count(a.id)::int + 2,
    r."cycleTime" + interval '50 minutes', r."cycleTime" + interval '2 hours', now() - interval '3 minutes'
  FROM runs r LEFT JOIN assets a ON a."runId" = r.id GROUP BY r.id;`;

/**
 * FATHOM source assets g ∈ [from, to), laid out as bench/etl-stats.ts does (8 return periods per
 * stack, 256 tiles per scenario, scenarios cycling through 20 regions × 3 flood types × 2 defences ×
 * 4 years, SSPs after 2020), and their phase1/phase2 rows (~60% / ~30% done per stack, a few
 * processing or failed, completions spread over the last 7 days).
 */
const SEED_FATHOM = `
  INSERT INTO assets ("pipelineKey", kind, path, "sizeBytes", "sourceMetadata", "updatedAt")
  SELECT 'fathom', 'source', 'fathom/v3.0/' || region || '/S' || s || '/' || tile || '_1in' || rp || '.tif', 1000000 + (g % 977) * 1000,
    jsonb_build_object(
      'region', region,
      'flood_type', (ARRAY['fluvial','pluvial','coastal'])[1 + s / 20 % 3],
      'defense', (ARRAY['defended','undefended'])[1 + s / 60 % 2],
      'year', (ARRAY[2020, 2030, 2050, 2080])[1 + s / 120 % 4],
      'ssp', CASE WHEN s / 120 % 4 = 0 THEN NULL ELSE (ARRAY['SSP1_2.6','SSP2_4.5','SSP5_8.5'])[1 + s / 480 % 3] END,
      'return_period', rp,
      'tile', tile, 'lat', t / 16, 'lon', -(t % 16), 'grid_cell', 'n00w016_4x4',
      'scenario', 'GLOBAL-1ARCSEC-NW_OFFSET-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0-' || s,
      'stack_key', region || '/' || s || '/' || tile, 'version', 'v3.0', 'metric', 'depth', 'mtime', '2026-01-01T00:00:00.000Z'),
    now()
  FROM generate_series($1::int, $2::int - 1) g,
    LATERAL (SELECT g / 8 % 256 AS t, g / 8 / 256 AS s, (ARRAY[5, 10, 20, 50, 100, 200, 500, 1000])[1 + g % 8] AS rp) k,
    LATERAL (SELECT 'n' || lpad((t / 16)::text, 2, '0') || 'w' || lpad((t % 16)::text, 3, '0') AS tile,
      (ARRAY['CI','GH','NG','KE','TZ','UG','SN','ML','BF','NE','CM','ET','MZ','ZM','MW','AO','CD','SD','TD','MG'])[1 + s % 20] AS region) n;
  INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "startedAt", "completedAt", "durationMs", error, "updatedAt")
  SELECT id, 'fathom', 'phase1', st, CASE WHEN st <> 'pending' THEN now() - (id * 7919 % 604800) * interval '1 second' - interval '1 minute' END,
    CASE WHEN st = 'done' THEN now() - (id * 7919 % 604800) * interval '1 second' END,
    CASE WHEN st IN ('done', 'failed') THEN 20000 + (id * 31 % 60000)::int END,
    CASE WHEN st = 'failed' THEN 'gdal: TIFFReadDirectory: Incorrect count for "StripOffsets"; tag ignored, then: ' || path END, now()
  FROM assets, LATERAL (SELECT (CASE WHEN id / 8 % 100 < 60 THEN 'done' WHEN id / 8 % 100 < 63 THEN 'processing'
    WHEN id / 8 % 100 < 65 THEN 'failed' ELSE 'pending' END)::"PhaseState" AS st) x
  WHERE "pipelineKey" = 'fathom' AND id > $3::bigint;
  INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "completedAt", "updatedAt")
  SELECT id, 'fathom', 'phase2', st, CASE WHEN st = 'done' THEN now() - (id * 104729 % 604800) * interval '1 second' END, now()
  FROM assets, LATERAL (SELECT (CASE WHEN id / 8 % 100 < 30 THEN 'done' WHEN id / 8 % 100 < 32 THEN 'processing'
    WHEN id / 8 % 100 < 33 THEN 'failed' ELSE 'pending' END)::"PhaseState" AS st) x
  WHERE "pipelineKey" = 'fathom' AND id > $3::bigint;`;

/**
 * Job history rows g ∈ [from, to) in batches of 50 rows that start at a pseudo-random moment of the
 * last 30 days (at least 30 minutes ago): weather batches (40%: ScanSource, 47 IngestGrib, 2
 * BuildTile), FATHOM fan-outs (35% Phase 1: a process_fathom_stack parent + 49 fathom_stack_task
 * children; 10% Phase 2 with fathom_merge_task children), Diagnostic (10%), RefreshDiskUsage (2%),
 * raster conversions (3%). Batches of the last 3 hours are still in flight: rows 35–39 and fan-out
 * parents Running (on the live worker), rows 40–49 Pending. Older rows finished: Failed at a
 * per-type rate (2–10%, with error message and stack, all attempts used), 0.3% Cancelled, the rest
 * Success (10% of them after a retry). job_attempts rows for every Failed, Running or retried job and
 * ~25% of the other successes. Ids are md5-derived (random-looking, like the product's v4 UUIDs).
 */
const SEED_JOBS = `
  WITH src AS (
    SELECT g, g / 50 AS b, g % 50 AS r, g::bigint * 2654435761 % 1000003 AS h,
      (g / 50)::bigint * 2654435761 % 4294967296 / 4294967296.0 AS u,
      ((g / 50)::bigint * 7919 + 13) % 100 AS kp
    FROM generate_series($1::int, $2::int - 1) g
  ), k AS (
    SELECT s.*, now() - interval '30 minutes' - u * interval '30 days' AS t0, kp >= 40 AND kp < 85 AS fanout,
      CASE WHEN kp < 40 THEN CASE WHEN r = 0 THEN 'ScanSource' WHEN r < 48 THEN 'IngestGrib' ELSE 'BuildTile' END
           WHEN kp < 75 THEN CASE WHEN r = 0 THEN 'process_fathom_stack' ELSE 'fathom_stack_task' END
           WHEN kp < 85 THEN CASE WHEN r = 0 THEN 'process_fathom_merge' ELSE 'fathom_merge_task' END
           WHEN kp < 95 THEN 'Diagnostic' WHEN kp < 97 THEN 'RefreshDiskUsage'
           WHEN r % 5 = 0 THEN 'process_large_raster_v2' ELSE 'process_raster_v2' END AS type,
      CASE WHEN b % 5 = 0 THEN 'gfs' ELSE 'hrrr' END AS model,
      (ARRAY['CI','GH','NG','KE','TZ','UG','SN','ML','BF','NE','CM','ET','MZ','ZM','MW','AO','CD','SD','TD','MG'])[1 + b % 20] AS region
    FROM src s
  ), t AS (
    SELECT k.*, now() - t0 < interval '3 hours' AS recent,
      -- seconds after t0 the row was queued, waited in the queue, ran
      CASE WHEN fanout THEN least(r, 1) WHEN kp < 40 THEN CASE WHEN r = 0 THEN 0 WHEN r < 48 THEN 5 ELSE 240 END ELSE r * 20 END AS q_off,
      CASE WHEN type = 'fathom_stack_task' THEN (r - 1) / 4 * 60 WHEN type = 'fathom_merge_task' THEN (r - 1) / 4 * 120
           WHEN type = 'IngestGrib' THEN (r - 1) / 4 * 10 ELSE h % 5 END AS wait,
      (CASE type WHEN 'ScanSource' THEN 4 WHEN 'IngestGrib' THEN 8 WHEN 'BuildTile' THEN 60 WHEN 'process_fathom_stack' THEN 840
         WHEN 'fathom_stack_task' THEN 50 WHEN 'process_fathom_merge' THEN 1600 WHEN 'fathom_merge_task' THEN 90 WHEN 'Diagnostic' THEN 1
         WHEN 'RefreshDiskUsage' THEN 2 WHEN 'process_raster_v2' THEN 30 ELSE 300 END) * (0.5 + h % 1000 / 1000.0) AS dur,
      CASE type WHEN 'IngestGrib' THEN 50 WHEN 'BuildTile' THEN 30 WHEN 'fathom_stack_task' THEN 20 WHEN 'fathom_merge_task' THEN 30
        WHEN 'Diagnostic' THEN 100 WHEN 'ScanSource' THEN 20 WHEN 'process_raster_v2' THEN 40 WHEN 'process_large_raster_v2' THEN 40 ELSE 10 END AS fail_permille,
      CASE type WHEN 'IngestGrib' THEN 5 WHEN 'RefreshDiskUsage' THEN 1 ELSE 3 END AS max_attempts
    FROM k
  ), j AS (
    SELECT t.*,
      CASE WHEN recent AND r >= 40 THEN 'Pending' WHEN recent AND (r BETWEEN 35 AND 39 OR (fanout AND r = 0)) THEN 'Running'
           WHEN h % 1000 < fail_permille THEN 'Failed' WHEN h % 1000 >= 997 THEN 'Cancelled' ELSE 'Success' END AS st,
      t0 + q_off * interval '1 second' AS queued,
      CASE WHEN model = 'gfs' THEN to_char(date_trunc('day', t0) + floor(extract(hour FROM t0) / 6) * interval '6 hours' - interval '6 hours', 'YYYYMMDD_HH24')
           ELSE to_char(date_trunc('hour', t0) - interval '1 hour', 'YYYYMMDD_HH24') END AS run
    FROM t
  ), ins AS (
    INSERT INTO jobs (id, type, "pipelineKey", args, status, attempts, "maxAttempts", "workerId", "queuedAt", "startedAt", "finishedAt",
      "durationMs", "errorMessage", "errorStack", "parentId", stage, "stageName", "updatedAt")
    SELECT md5('pw-bench-job/' || g)::uuid, type,
      CASE WHEN kp < 40 THEN 'weather' WHEN fanout THEN 'fathom' WHEN kp >= 97 THEN 'raster_v2' END,
      CASE type
        WHEN 'ScanSource' THEN jsonb_build_object('model', model)
        WHEN 'IngestGrib' THEN jsonb_build_object('model', model, 'run', run, 'hour', CASE WHEN model = 'gfs' THEN (r - 1) * 2 ELSE (r - 1) % 19 END)
        WHEN 'BuildTile' THEN jsonb_build_object('model', model, 'run', run, 'variable', (ARRAY['t2m','u10','v10','gust','apcp','refc','mslp'])[1 + g % 7], 'region', 'conus', 'res', 0.1)
        WHEN 'process_fathom_stack' THEN jsonb_build_object('region', region, 'flood_type', (ARRAY['fluvial','pluvial','coastal'])[1 + b % 3])
        WHEN 'fathom_stack_task' THEN jsonb_build_object('stack', region || '/' || b % 480 || '/n' || lpad((r % 16)::text, 2, '0') || 'w' || lpad((r / 16)::text, 3, '0'),
          'asset_ids', jsonb_build_array((g * 8)::text, (g * 8 + 1)::text, (g * 8 + 2)::text, (g * 8 + 3)::text, (g * 8 + 4)::text, (g * 8 + 5)::text, (g * 8 + 6)::text, (g * 8 + 7)::text))
        WHEN 'process_fathom_merge' THEN jsonb_build_object('region', region, 'grid_size', 4)
        WHEN 'fathom_merge_task' THEN jsonb_build_object('region', region, 'scenario', 'GLOBAL-1ARCSEC-NW_OFFSET-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0-' || b % 480,
          'grid_cell', 'n' || lpad((r % 16)::text, 2, '0') || 'w' || lpad((r / 16 * 4)::text, 3, '0') || '_4x4',
          'asset_ids', jsonb_build_array((g * 16)::text, (g * 16 + 1)::text, (g * 16 + 2)::text, (g * 16 + 3)::text, (g * 16 + 4)::text, (g * 16 + 5)::text, (g * 16 + 6)::text, (g * 16 + 7)::text))
        WHEN 'Diagnostic' THEN jsonb_build_object('sleepMs', 1000, 'steps', 0)
        WHEN 'RefreshDiskUsage' THEN '{}'::jsonb
        ELSE jsonb_build_object('source', 'raster/in/' || g || '.tif') END,
      st::"JobStatus",
      CASE st WHEN 'Pending' THEN 0 WHEN 'Running' THEN 1 WHEN 'Failed' THEN max_attempts WHEN 'Cancelled' THEN 0
        ELSE CASE WHEN h % 10 = 0 THEN 2 ELSE 1 END END,
      max_attempts,
      CASE WHEN st = 'Running' THEN $3::text WHEN st IN ('Pending', 'Cancelled') THEN NULL ELSE ${WORKER_ID("h % 12")} END,
      queued,
      CASE WHEN st NOT IN ('Pending', 'Cancelled') THEN queued + wait * interval '1 second' END,
      CASE WHEN st IN ('Success', 'Failed') THEN queued + (wait + dur) * interval '1 second' WHEN st = 'Cancelled' THEN queued + interval '1 minute' END,
      CASE WHEN st IN ('Success', 'Failed') THEN (dur * 1000)::int END,
      CASE WHEN st = 'Cancelled' THEN 'cancelled by user'
           WHEN st = 'Failed' THEN CASE type
             WHEN 'IngestGrib' THEN 'HTTP 404 Not Found: ' || model || '/prod/' || model || '.' || left(run, 8) || '/conus/' || model || '.t' || right(run, 2) || 'z.wrfsfcf' || lpad(((r - 1) % 19)::text, 2, '0') || '.grib2.idx'
             WHEN 'BuildTile' THEN 'decode failed: unsupported GRIB2 data representation template 5.42'
             WHEN 'fathom_stack_task' THEN 'gdal: TIFFReadDirectory: Incorrect count for "StripOffsets"; tag ignored'
             WHEN 'fathom_merge_task' THEN 'ENOSPC: no space left on device, write'
             WHEN 'Diagnostic' THEN 'diagnostic failure requested (fail: "boom")'
             ELSE 'fetch failed: connect ECONNREFUSED 127.0.0.1:9' END END,
      CASE WHEN st = 'Failed' THEN E'Error: job failed\\n    at runTask (worker/tracking.ts:123:19)\\n    at async tracked (worker/tracking.ts:98:7)\\n    at async worker (node_modules/graphile-worker/dist/worker.js:218:36)' END,
      CASE WHEN fanout AND r > 0 THEN md5('pw-bench-job/' || (g - r))::uuid END,
      CASE WHEN fanout AND r > 0 THEN 2 END,
      CASE WHEN type = 'fathom_stack_task' THEN 'Band Stack' WHEN type = 'fathom_merge_task' THEN 'Spatial Merge' END,
      CASE WHEN st IN ('Success', 'Failed') THEN queued + (wait + dur) * interval '1 second' ELSE queued + wait * interval '1 second' END
    FROM j
    RETURNING id, status, attempts, "workerId", "startedAt", "finishedAt", "durationMs", "errorMessage"
  )
  INSERT INTO job_attempts ("jobId", attempt, "workerId", status, "startedAt", "finishedAt", "durationMs", "errorMessage")
  SELECT i.id, a, i."workerId",
    CASE WHEN a < i.attempts THEN 'failed' WHEN i.status = 'Running' THEN 'running' WHEN i.status = 'Success' THEN 'success' ELSE 'failed' END,
    i."startedAt" - (i.attempts - a) * interval '2 minutes',
    CASE WHEN a = i.attempts THEN i."finishedAt" ELSE i."startedAt" - (i.attempts - a) * interval '2 minutes' + interval '30 seconds' END,
    CASE WHEN a = i.attempts THEN i."durationMs" ELSE 30000 END,
    CASE WHEN a < i.attempts THEN 'fetch failed: read ECONNRESET (attempt ' || a || ')' WHEN i.status = 'Failed' THEN i."errorMessage" END
  FROM ins i, generate_series(1, i.attempts) a
  WHERE i.status IN ('Failed', 'Running') OR i.attempts > 1 OR i."durationMs" % 4 = 0;`;

/** What the worker's RollupBuffer and the fan-out trigger would have written for these jobs. */
const JOB_SUMMARIES = `
  TRUNCATE job_rollups;
  INSERT INTO job_rollups (minute, type, completed, failed, "durationMsSum")
  SELECT date_trunc('minute', "finishedAt"), type, count(*) FILTER (WHERE status = 'Success'), count(*) FILTER (WHERE status = 'Failed'),
    coalesce(sum("durationMs"), 0)
  FROM jobs WHERE status IN ('Success', 'Failed') AND "finishedAt" IS NOT NULL GROUP BY 1, 2;
  UPDATE jobs p SET "progressTotal" = c.total, "progressDone" = c.done
  FROM (SELECT "parentId" AS id, count(*)::int AS total, count(*) FILTER (WHERE status IN ('Success', 'Failed', 'Cancelled'))::int AS done
        FROM jobs WHERE "parentId" IS NOT NULL GROUP BY 1) c
  WHERE p.id = c.id AND (p."progressTotal" IS DISTINCT FROM c.total OR p."progressDone" <> c.done);`;

const VACUUM_TABLES = [
  "assets",
  "asset_phases",
  "jobs",
  "job_attempts",
  "job_rollups",
  "workers",
  "runs",
  "disk_usage",
  "etl_rollup.asset_groups",
  "etl_rollup.phase_groups",
];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return Math.round(performance.now() - t0);
}

/** A connection that writes like a restore: triggers off; UTC so run keys match cycle times. */
async function seedClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET TimeZone = 'UTC';
    SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`);
  return c;
}

async function countRows(c: pg.Client): Promise<StepResult["rows"]> {
  const { rows } = await c.query(`SELECT
    (SELECT count(*) FROM assets)::int AS assets,
    (SELECT count(*) FROM asset_phases)::int AS "assetPhases",
    (SELECT count(*) FROM jobs)::int AS jobs,
    (SELECT count(*) FROM jobs WHERE status = 'Pending')::int AS pending,
    (SELECT count(*) FROM jobs WHERE status = 'Running')::int AS running,
    (SELECT count(*) FROM jobs WHERE status = 'Failed')::int AS failed,
    (SELECT count(*) FROM job_attempts)::int AS "jobAttempts",
    (SELECT count(*) FROM job_rollups)::int AS "jobRollups",
    (SELECT count(*) FROM etl_rollup.asset_groups)::int + (SELECT count(*) FROM etl_rollup.phase_groups)::int AS "etlRollupGroups"`);
  return rows[0];
}

async function sizes(c: pg.Client): Promise<StepResult["sizeMiB"]> {
  const { rows } = await c.query(`SELECT
    pg_total_relation_size('assets') AS assets, pg_total_relation_size('asset_phases') AS "assetPhases",
    pg_total_relation_size('jobs') AS jobs, pg_total_relation_size('job_attempts') AS "jobAttempts",
    pg_database_size(current_database()) AS database`);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Math.round(Number(v) / 2 ** 20)])) as StepResult["sizeMiB"];
}

// ---------------------------------------------------------------------------------------------
// Requests

async function get(base: string, path: string): Promise<{ ms: number; bytes: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(base + path);
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 500)}`);
  return { ms, bytes: Buffer.byteLength(body), body };
}

async function measureRoute(base: string, path: string, warmup: number, iterations: number) {
  for (let i = 0; i < warmup; i++) await get(base, path);
  const times: number[] = [];
  let last = { ms: 0, bytes: 0, body: "" };
  for (let i = 0; i < iterations; i++) {
    last = await get(base, path);
    times.push(last.ms);
  }
  return { timing: { route: path, ms: summarize(times), bytes: last.bytes } satisfies RouteTiming, body: JSON.parse(last.body) };
}

// ---------------------------------------------------------------------------------------------

export async function run(opts: BenchOptions): Promise<BenchResult<Params, StatsSummary>> {
  const t0 = Date.now();
  const p: Params = {
    steps: opts.quick ? FULL_STEPS.slice(0, 2) : FULL_STEPS,
    warmup: 3,
    iterations: Number(process.env.BENCH_STATS_ITERATIONS ?? (opts.quick ? 10 : 30)),
    routes: ROUTES.map((r) => r.path),
    client: "fetch (Node undici, keep-alive), one request at a time",
  };
  const machine = await machineInfo();
  const db = await createDatabase("stats");
  const steps: StepResult[] = [];
  try {
    // SCAN_/DISK_USAGE_INTERVAL_MINUTES=0 are startServer's defaults too: no crontab, so the
    // in-process worker has nothing to run (no graphile-worker jobs are ever queued here).
    const server = await startServer(db.url, { SCAN_INTERVAL_MINUTES: "0", DISK_USAGE_INTERVAL_MINUTES: "0" });
    const liveWorker = server.match[2]!;
    const c = await seedClient(db.url);
    try {
      log(`stats: server ${server.url} (worker ${liveWorker}); seeding the fixed weather set`);
      const fixedMs = await timed(async () => {
        await c.query(SEED_FIXED);
        await c.query(`SELECT etl_rollup.rebuild('weather')`);
      });
      let assetsNow = 0;
      let jobsNow = 0;
      for (const [i, step] of p.steps.entries()) {
        const seedMs = { assets: 0, etlRollupRebuild: 0, jobs: 0, jobSummaries: 0, vacuumAnalyze: 0, total: 0 };
        if (i === 0) seedMs.assets += fixedMs;
        if (step.fathomAssets > assetsNow) {
          log(`stats: FATHOM assets ${fmt(assetsNow)} → ${fmt(step.fathomAssets)}`);
          const { rows } = await c.query(`SELECT coalesce(max(id), 0)::text AS max FROM assets`);
          seedMs.assets += await timed(() => c.query(SEED_FATHOM.replace("$1::int", String(assetsNow)).replace("$2::int", String(step.fathomAssets)).replaceAll("$3::bigint", rows[0].max)));
          seedMs.etlRollupRebuild = await timed(() => c.query(`SELECT etl_rollup.rebuild('fathom')`));
          assetsNow = step.fathomAssets;
        }
        if (step.jobs > jobsNow) {
          log(`stats: job history ${fmt(jobsNow)} → ${fmt(step.jobs)} rows`);
          seedMs.jobs = await timed(() => c.query(SEED_JOBS, [jobsNow, step.jobs, liveWorker]));
          seedMs.jobSummaries = await timed(() => c.query(JOB_SUMMARIES));
          jobsNow = step.jobs;
        }
        seedMs.vacuumAnalyze = await timed(async () => {
          for (const t of VACUUM_TABLES) await c.query(`VACUUM ANALYZE ${t}`);
        });
        seedMs.total = Object.values(seedMs).reduce((a, b) => a + b, 0);
        const rows = await countRows(c);
        const sizeMiB = await sizes(c);
        log(`stats: step ${i + 1}: ${fmt(rows.assets)} assets, ${fmt(rows.jobs)} jobs, seeded in ${fmt(seedMs.total / 1000, 1)} s; measuring`);

        const timings: RouteTiming[] = [];
        const bodies: Record<string, any> = {};
        for (const r of ROUTES) {
          const m = await measureRoute(server.url, r.path, p.warmup, p.iterations);
          timings.push(m.timing);
          bodies[r.key] = m.body;
          log(`  ${r.path}: p50 ${m.timing.ms.p50} ms, p95 ${m.timing.ms.p95} ms, max ${m.timing.ms.max} ms, ${fmt(m.timing.bytes)} B`);
        }
        // The responses must reflect the data: otherwise the numbers measure the wrong thing.
        const { rows: expect } = await c.query(`SELECT
          (SELECT count(*) FROM assets WHERE "pipelineKey" = 'fathom' AND "missingSince" IS NULL)::int AS fathom,
          (SELECT count(*) FROM assets WHERE "pipelineKey" = 'fathom' AND "missingSince" IS NULL AND "sourceMetadata"->>'region' = $1)::int AS region`, [FILTER_REGION]);
        const seen: StepResult["seen"] = {
          deepAlerts: [...new Set<string>(bodies.deep.alerts.map((a: { code: string }) => a.code))].sort(),
          deepPending: bodies.deep.queue.pending,
          etlTotalFiles: bodies.etl.summary.total_files,
          etlRegionFiles: bodies["etl-region"].summary.total_files,
          etlActiveJobs: bodies.etl.active_jobs.length,
        };
        const problems = [
          seen.deepPending !== rows.pending && `status/deep pending ${seen.deepPending} ≠ ${rows.pending} Pending rows`,
          seen.etlTotalFiles !== expect[0].fathom && `etl/stats total_files ${seen.etlTotalFiles} ≠ ${expect[0].fathom} FATHOM assets`,
          seen.etlRegionFiles !== expect[0].region && `etl/stats region=${FILTER_REGION} total_files ${seen.etlRegionFiles} ≠ ${expect[0].region}`,
          !(expect[0].region > 0) && `no FATHOM asset in region ${FILTER_REGION}`,
        ].filter(Boolean);
        if (problems.length) throw new Error(`stats: responses do not match the seeded data: ${problems.join("; ")}`);
        steps.push({ ...step, rows, sizeMiB, seedMs, routes: timings, seen });
      }
    } finally {
      await c.end();
      await server.stop();
    }
  } finally {
    await db.drop();
  }
  const wallMs = Date.now() - t0;
  return {
    name,
    quick: opts.quick,
    machine: finishMachineInfo(machine),
    params: p,
    summary: { steps, wallMs, seedMsTotal: steps.reduce((a, s) => a + s.seedMs.total, 0) },
    notes: [
      "Server: src/server/main.ts as its own process (PIPEWATCH_NO_UI=1, SCAN_INTERVAL_MINUTES=0, DISK_USAGE_INTERVAL_MINUTES=0, in-process worker idle: nothing is queued in graphile-worker), not restarted between steps.",
      `Per route and step: ${p.warmup} warm-up requests, then ${p.iterations} timed sequential GETs with fetch (keep-alive), timed from request to the last body byte; status 200 and response contents are checked against the tables.`,
      "Data grows in place: FATHOM assets (2 asset_phases rows each; etl_rollup rebuilt with etl_rollup.rebuild()) 10k → 100k → 1M, then jobs 100k → 1M (job_rollups and fan-out progress recomputed from them); a fixed weather set (40 runs, ~9k GRIB assets, disk_usage, workers) throughout; VACUUM ANALYZE after each step.",
      "growth = p50 ÷ p50 of the previous step, next to the factor by which that step grew the data.",
    ],
  };
}

// ---------------------------------------------------------------------------------------------

function growthCell(prev: StepResult | undefined, cur: StepResult, route: string): string {
  if (!prev) return "–";
  const dims = [
    cur.fathomAssets !== prev.fathomAssets && `assets ×${fmt(cur.fathomAssets / prev.fathomAssets, 0)}`,
    cur.jobs !== prev.jobs && `jobs ×${fmt(cur.jobs / prev.jobs, 0)}`,
  ].filter(Boolean);
  const a = prev.routes.find((r) => r.route === route)!.ms.p50;
  const b = cur.routes.find((r) => r.route === route)!.ms.p50;
  return `${dims.join(", ") || "same data"} → p50 **×${fmt(b / a, 2)}**`;
}

export function markdown(r: BenchResult<Params, StatsSummary>): string {
  const { steps } = r.summary;
  const rows = r.params.routes.flatMap((route) =>
    steps.map((s, i) => {
      const t = s.routes.find((x) => x.route === route)!;
      return [
        `\`${route}\``,
        fmt(s.fathomAssets),
        fmt(s.jobs),
        `**${fmt(t.ms.p50, 1)}**`,
        fmt(t.ms.p95, 1),
        fmt(t.ms.max, 1),
        `${fmt(t.bytes / 1024, 1)} KiB`,
        growthCell(steps[i - 1], s, route),
      ];
    }),
  );
  const data = steps.map((s) => [
    `${fmt(s.fathomAssets)} / ${fmt(s.jobs)}`,
    `${fmt(s.rows.assets)} / ${fmt(s.rows.assetPhases)}`,
    `${fmt(s.rows.jobs)} (${fmt(s.rows.pending)} / ${fmt(s.rows.running)} / ${fmt(s.rows.failed)})`,
    `${fmt(s.rows.jobAttempts)} / ${fmt(s.rows.jobRollups)}`,
    `${fmt(s.sizeMiB.assets + s.sizeMiB.assetPhases)} / ${fmt(s.sizeMiB.jobs + s.sizeMiB.jobAttempts)} / ${fmt(s.sizeMiB.database)}`,
    `${fmt(s.seedMs.total / 1000, 1)} (${fmt(s.seedMs.assets / 1000, 1)} + ${fmt(s.seedMs.etlRollupRebuild / 1000, 1)} / ${fmt(s.seedMs.jobs / 1000, 1)} + ${fmt(s.seedMs.jobSummaries / 1000, 1)} / ${fmt(s.seedMs.vacuumAnalyze / 1000, 1)})`,
    s.seen.deepAlerts.join(", ") || "none",
  ]);
  return [
    `### stats — \`/api/status/deep\` and \`/api/etl/stats\` as the data grows, ${r.params.iterations} sequential requests per route and step`,
    "",
    machineLine(r.machine, r.quick),
    "",
    table(["route", "FATHOM assets", "job rows", "p50 ms", "p95 ms", "max ms", "response", "growth vs previous step"], rows),
    "",
    table(
      [
        "step (assets / jobs)",
        "assets / asset_phases rows",
        "jobs (Pending / Running / Failed)",
        "job_attempts / job_rollups rows",
        "MiB: assets+phases / jobs+attempts / database",
        "seeding s (assets + rollup rebuild / jobs + summaries / VACUUM ANALYZE)",
        "status/deep alerts",
      ],
      data,
    ),
    "",
    `Whole run ${fmt(r.summary.wallMs / 60_000, 1)} min, of which seeding ${fmt(r.summary.seedMsTotal / 60_000, 1)} min.`,
  ].join("\n");
}
