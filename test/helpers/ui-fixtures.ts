// Dashboard data written with plain SQL: weather runs with gaps and a failed tile, disk usage with a
// runaway run, per-minute job rollups, FATHOM source files in two phases, and a fanned-out parent
// job with tasks in two stages. Deterministic, so page tests can assert exact numbers.
import { randomUUID } from "node:crypto";
import { closeSync, ftruncateSync, mkdirSync, openSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";
import pg from "pg";

const HRRR_VARS = ["t2m", "u10", "v10", "gust", "apcp", "refc", "mslp"];
const HOUR = 3_600_000;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Two HRRR runs: 20260106_12 has hours 0–7 expected, NOAA has 0–5, we have 0–3 (h04 failed, h05 not
 * queued, h06–h07 not yet upstream) and tiles of t2m h02 failed although its GRIB is there;
 * 20260106_11 is complete (0–3).
 */
export async function seedWeather(url: string) {
  await withClient(url, async (c) => {
    const now = Date.now();
    const runs = [
      { key: "20260106_12", cycle: now - 1 * HOUR, expected: [0, 1, 2, 3, 4, 5, 6, 7], upstream: [0, 1, 2, 3, 4, 5], have: [0, 1, 2, 3], failed: [4] },
      { key: "20260106_11", cycle: now - 2 * HOUR, expected: [0, 1, 2, 3], upstream: [0, 1, 2, 3], have: [0, 1, 2, 3], failed: [] as number[] },
    ];
    for (const r of runs) {
      const { rows } = await c.query(
        `INSERT INTO runs ("pipelineKey", source, "runKey", "cycleTime", "expectedHours", "upstreamHours", "lastScannedAt", "updatedAt")
         VALUES ('weather', 'hrrr', $1, $2, $3, $4, now() - interval '3 minutes', now()) RETURNING id`,
        [r.key, new Date(r.cycle), r.expected, r.upstream],
      );
      const runId = rows[0].id;
      for (const h of [...r.have, ...r.failed]) {
        for (const v of HRRR_VARS) {
          const { rows: a } = await c.query(
            `INSERT INTO assets ("pipelineKey", "runId", kind, path, "sizeBytes", "sourceMetadata", "updatedAt")
             VALUES ('weather', $1, 'grib', $2, 1000000, $3, now()) RETURNING id`,
            [runId, `gribs/hrrr/${r.key}/${v}/grib_${String(h).padStart(2, "0")}.grib2`, JSON.stringify({ model: "hrrr", run: r.key, hour: h, variable: v })],
          );
          const failedIngest = r.failed.includes(h);
          const tileFailed = r.key === "20260106_12" && h === 2 && v === "t2m";
          await c.query(
            `INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, error, "completedAt", "updatedAt") VALUES
               ($1, 'weather', 'ingest', $2::"PhaseState", $3, CASE WHEN $2 = 'done' THEN now() END, now()),
               ($1, 'weather', 'tile', $4::"PhaseState", $5, CASE WHEN $4 = 'done' THEN now() END, now())`,
            [a[0].id, failedIngest ? "failed" : "done", failedIngest ? "GRIB download failed: HTTP 500" : null, failedIngest ? "pending" : tileFailed ? "failed" : "done", tileFailed ? "decode error: truncated section 7" : null],
          );
        }
      }
    }
  });
}

/**
 * A cache tree for RefreshDiskUsage to walk (sparse files, so sizes cost no disk): three ordinary
 * runs of ~50 MB and one runaway of 500 MB; the oldest file is 30 h old, the newest 10 min.
 */
export function writeCacheFiles(root: string) {
  const runs = [
    ["hrrr", "20260106_12", 40e6, 12e6, 3],
    ["hrrr", "20260106_11", 42e6, 11e6, 4],
    ["gfs", "20260106_06", 38e6, 10e6, 9],
    ["gfs", "20260106_00", 480e6, 20e6, 30],
  ] as const;
  const now = Date.now();
  for (const [model, run, grib, tile, ageH] of runs) {
    const files = [
      [join(root, "gribs", model, run, "t2m", "grib_00.grib2"), grib, now - ageH * HOUR],
      [join(root, "tiles", "GH", "0.1deg", model, run, "t2m.npz"), tile, now - 10 * 60_000],
    ] as const;
    for (const [file, size, mtime] of files) {
      mkdirSync(dirname(file), { recursive: true });
      const fd = openSync(file, "w");
      ftruncateSync(fd, size);
      closeSync(fd);
      utimesSync(file, new Date(mtime), new Date(mtime));
    }
  }
}

/** Per-minute rollups over the last 3 hours: `completed` total and `failed` total, spread evenly. */
export async function seedRollups(url: string, minutes = 150) {
  await withClient(url, async (c) => {
    await c.query(
      `INSERT INTO job_rollups (minute, type, completed, failed, "durationMsSum")
       SELECT date_trunc('minute', now()) - make_interval(mins => m), 'IngestGrib', 2 + (m % 5), CASE WHEN m % 17 = 0 THEN 1 ELSE 0 END, 1000
       FROM generate_series(5, $1::int) AS m
       ON CONFLICT DO NOTHING`,
      [minutes],
    );
  });
}

export interface FathomSeed {
  /** region → [files, phase1 done, phase2 done] */
  regions: Record<string, [number, number, number]>;
}

/** FATHOM source files (8 per stack) per region with phase 1/2 progress; completions within the day. */
export async function seedFathom(url: string, seed: FathomSeed = { regions: { CI: [64, 64, 24], GH: [96, 48, 8], NG: [40, 8, 0] } }) {
  await withClient(url, async (c) => {
    let n = 0;
    for (const [region, [files, p1, p2]] of Object.entries(seed.regions)) {
      for (let i = 0; i < files; i++, n++) {
        const flood = ["fluvial", "pluvial", "coastal"][i % 3];
        const year = [2020, 2050][i % 2];
        const meta = { region, flood_type: flood, defense: "defended", year: String(year), ssp: year === 2020 ? null : "SSP2_4.5", tile: `n0${i % 4}w00${i % 3}` };
        const { rows } = await c.query(
          `INSERT INTO assets ("pipelineKey", kind, path, "sizeBytes", "sourceMetadata", "updatedAt")
           VALUES ('fathom', 'source', $1, $2, $3, now()) RETURNING id`,
          [`bronze/${region}/${i}.tif`, 25_000_000 + i * 1000, JSON.stringify(meta)],
        );
        const ago = ((i * 37) % 20) + 0.5; // hours ago, spread over the last day
        const s1 = i < p1 ? "done" : i === p1 && region === "GH" ? "failed" : "pending";
        const s2 = i < p2 ? "done" : "pending";
        await c.query(
          `INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "completedAt", "durationMs", error, "updatedAt") VALUES
             ($1, 'fathom', 'phase1', $2::"PhaseState", CASE WHEN $2 = 'done' THEN now() - make_interval(secs => $3::float8 * 3600) END, CASE WHEN $2 = 'done' THEN 45000 END, CASE WHEN $2 = 'failed' THEN 'corrupt TIFF' END, now()),
             ($1, 'fathom', 'phase2', $4::"PhaseState", CASE WHEN $4 = 'done' THEN now() - make_interval(secs => $3::float8 * 1800) END, CASE WHEN $4 = 'done' THEN 96000 END, NULL, now())`,
          [rows[0].id, s1, ago, s2],
        );
      }
    }
  });
}

/** A running process_fathom_stack job for GH with tasks in two stages; returns its id. */
export async function seedParentJob(url: string): Promise<{ id: string; childIds: string[] }> {
  return withClient(url, async (c) => {
    const id = randomUUID();
    await c.query(
      `INSERT INTO jobs (id, type, "pipelineKey", args, status, attempts, "maxAttempts", "workerId", "queuedAt", "startedAt", "peakMemoryBytes", stage, "stageName")
       VALUES ($1, 'process_fathom_stack', 'fathom', '{"region": "GH"}', 'Running', 1, 3, 'seed-worker', now() - interval '2 hours', now() - interval '2 hours', 2300000000, NULL, NULL)`,
      [id],
    );
    const childIds: string[] = [];
    const statuses = [...Array(20).fill("Success"), ...Array(3).fill("Running"), ...Array(6).fill("Pending"), "Failed"];
    for (const [i, status] of statuses.entries()) {
      const child = randomUUID();
      childIds.push(child);
      const stage = i < 4 ? 1 : 2;
      await c.query(
        `INSERT INTO jobs (id, type, "pipelineKey", args, status, attempts, "maxAttempts", "workerId", "queuedAt", "startedAt", "finishedAt", "durationMs", "errorMessage", "parentId", stage, "stageName")
         VALUES ($1, 'fathom_stack_task', 'fathom', $2, $3::"JobStatus", 1, 3, CASE WHEN $3 <> 'Pending' THEN 'seed-worker' END,
           now() - make_interval(mins => 120 - $4), CASE WHEN $3 <> 'Pending' THEN now() - make_interval(mins => 119 - $4) END,
           CASE WHEN $3 IN ('Success', 'Failed') THEN now() - make_interval(mins => 118 - $4) END, CASE WHEN $3 IN ('Success', 'Failed') THEN 45000 END,
           CASE WHEN $3 = 'Failed' THEN 'corrupt TIFF' END, $5, $6, $7)`,
        [child, JSON.stringify({ stack: `GH/FLUVIAL-2020/n0${i % 8}w001`, asset_ids: [String(i * 8 + 1)] }), status, i, id, stage, stage === 1 ? "Select stacks" : "Band Stack"],
      );
    }
    return { id, childIds };
  });
}
