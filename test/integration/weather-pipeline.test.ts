// The full weather cycle against a local NOMADS look-alike: ScanSource → IngestGrib → BuildTile leaves
// the seed's file layout; the .npz is checked with numpy (an independent reader); md5s, skip-on-
// unchanged, the inventory and /api/status/deep are checked against what the fixture served.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { gql } from "../helpers/graphql.ts";
import { startFakeNomads, type FakeNomads } from "../helpers/fake-nomads.ts";
import { GFS_GRID, HRRR_VARS, buildHourFile, gfsPaths, gfsVars, hrrrPaths, lambertIJ } from "../helpers/weather-fixtures.ts";

const RUN = "20230125_13";
const RUN_TIME = new Date("2023-01-25T13:00:00Z");
const HOURS = [0, 1, 2];
const TILE_DIR = `tiles/conus/0.1deg/hrrr/${RUN}`;

let t: TestDb;
let server: ServerProc;
let nomads: FakeNomads;
let cache: string;
const served = HOURS.map((h) => buildHourFile(RUN_TIME, h));

async function waitIdle(timeoutMs = 50_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const busy = await t.db.job.count({ where: { status: { in: ["Pending", "Running"] } } });
    if (busy === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  const jobs = await t.db.job.findMany({ select: { type: true, status: true, errorMessage: true, args: true, attempts: true } });
  throw new Error(`jobs did not finish in time: ${JSON.stringify(jobs).slice(0, 3000)}`);
}

async function submit(type: string, args: Record<string, unknown>, maxAttempts?: number) {
  const res = await gql(server.url, `mutation($t: String!, $a: JSON, $m: Int) { submitJob(input: { type: $t, args: $a, maxAttempts: $m }) { id } }`, { t: type, a: args, m: maxAttempts ?? null });
  expect(res.errors).toBeUndefined();
  return res.data.submitJob.id as string;
}

function numpy(script: string): any {
  return JSON.parse(execFileSync("python3", ["-c", script], { encoding: "utf8" }));
}

beforeAll(async () => {
  const files: Record<string, Uint8Array | string> = {};
  for (const [k, h] of HOURS.entries()) {
    const p = hrrrPaths("20230125", 13, h);
    files[p.grib] = served[k]!.grib;
    files[p.idx] = served[k]!.idx;
  }
  // A GFS run (regular lat/lon grid, template 3.0) with its first forecast hour.
  const gfs = buildHourFile(new Date("2023-01-25T12:00:00Z"), 0, gfsVars(0), GFS_GRID);
  files[gfsPaths("20230125", 12, 0).grib] = gfs.grib;
  files[gfsPaths("20230125", 12, 0).idx] = gfs.idx;
  // Hour 3 is still uploading: the GRIB is listed but its .idx is not there yet.
  files[hrrrPaths("20230125", 13, 3).grib] = buildHourFile(RUN_TIME, 3).grib;
  nomads = await startFakeNomads({ files });
  cache = mkdtempSync(join(tmpdir(), "pw-cache-"));
  t = await createTestDatabase();
  server = await startServer(t.url, {
    NOMADS_BASE_URL: nomads.baseUrl,
    CACHE_DIR: cache,
    SCAN_MAX_RUNS: "1",
    UPSTREAM_RETRY_DELAY_MS: "10",
    WORKER_CONCURRENCY: "2",
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await nomads?.close();
  await t?.drop();
  if (cache && !process.env.KEEP_CACHE) rmSync(cache, { recursive: true, force: true });
});

describe("weather ingestion", () => {
  it("ScanSource → IngestGrib → BuildTile leaves the seed's layout and deletes the GRIBs", async () => {
    await submit("ScanSource", { model: "hrrr" });
    await waitIdle();
    const failed = await t.db.job.findMany({ where: { status: "Failed" } });
    expect(failed.map((j) => `${j.type}: ${j.errorMessage}`)).toEqual([]);
    const types = await t.db.job.groupBy({ by: ["type"], _count: { _all: true } });
    const count = Object.fromEntries(types.map((x) => [x.type, x._count._all]));
    expect(count.ScanSource).toBe(1);
    expect(count.IngestGrib).toBe(3); // hours 0-2; hour 3 has no .idx yet
    expect(readdirSync(join(cache, TILE_DIR)).sort()).toEqual(HRRR_VARS.flatMap((v) => [`${v.id}.meta.json`, `${v.id}.npz`]).sort());
    // Retention: GRIBs are deleted once their hour is inside a tile (KEEP_GRIBS=false).
    const gribDir = join(cache, "gribs/hrrr", RUN);
    const leftover = existsSync(gribDir) ? readdirSync(gribDir, { recursive: true }).filter((f) => String(f).endsWith(".grib2")) : [];
    expect(leftover).toEqual([]);
    // No temp files anywhere.
    expect(readdirSync(cache, { recursive: true }).filter((f) => String(f).includes(".tmp"))).toEqual([]);
  });

  it("the .npz holds one float32 array per hour plus lat/lon axes, with the resampled values", async () => {
    const npz = join(cache, TILE_DIR, "t2m.npz");
    const out = numpy(`
import json, numpy as np
z = np.load(${JSON.stringify(npz)})
lat, lon = z["lat"], z["lon"]
pts = []
for la, lo in [(36.0, -97.0), (38.5, -95.5), (35.2, -96.3), (44.1, -80.2)]:
    k = int(round((la - lat[0]) / 0.1)); m = int(round((lo - lon[0]) / 0.1))
    pts.append([float(lat[k]), float(lon[m]), [float(z["f%03d" % h][k, m]) for h in (0, 1, 2)]])
print(json.dumps({"files": sorted(z.files), "dtypes": sorted({str(z[f].dtype) for f in z.files}),
  "shape": list(z["f000"].shape), "lat": [float(lat[0]), float(lat[-1]), len(lat)], "lon": [float(lon[0]), float(lon[-1]), len(lon)],
  "pts": pts, "nan_frac": float(np.isnan(z["f000"]).mean()),
  "min": float(np.nanmin([z[f] for f in ("f000", "f001", "f002")])), "max": float(np.nanmax([z[f] for f in ("f000", "f001", "f002")])),
  "mean": float(np.nanmean([z[f] for f in ("f000", "f001", "f002")]))}))
`);
    expect(out.files).toEqual(["f000", "f001", "f002", "lat", "lon"]);
    expect(out.dtypes).toEqual(["float32"]);
    expect(out.lat[0]).toBeCloseTo(24, 4);
    expect(out.lat[1]).toBeCloseTo(50, 4);
    expect(out.lon[0]).toBeCloseTo(-125, 4);
    expect(out.shape).toEqual([out.lat[2], out.lon[2]]);
    // Outside the small source grid the tile is NaN; inside it is the field resampled bilinearly,
    // and t2m is linear in (i, j), so bilinear resampling must reproduce it exactly.
    expect(out.nan_frac).toBeGreaterThan(0.5);
    const t2m = HRRR_VARS.find((v) => v.id === "t2m")!;
    for (const [la, lo, vals] of out.pts as [number, number, number[]][]) {
      const { i, j } = lambertIJ(la, lo);
      for (const [h, v] of vals.entries()) expect(Math.abs(v - t2m.f(i, j, h))).toBeLessThan(0.02);
    }
    const meta = JSON.parse(readFileSync(join(cache, TILE_DIR, "t2m.meta.json"), "utf8"));
    expect(meta.stats.min).toBeCloseTo(out.min, 3);
    expect(meta.stats.max).toBeCloseTo(out.max, 3);
    expect(meta.stats.mean).toBeCloseTo(out.mean, 2);
    expect(meta.hours).toEqual([0, 1, 2]);
    expect(meta.grid).toMatchObject({ crs: "EPSG:4326", lat_min: 24, lon_min: -125, res: 0.1, shape: out.shape });
    expect(Date.parse(meta.generated_at)).toBeGreaterThan(Date.now() - 600_000);
  });

  it("meta.json's source_grib_md5 is the md5 of each downloaded GRIB", () => {
    for (const v of HRRR_VARS) {
      const meta = JSON.parse(readFileSync(join(cache, TILE_DIR, `${v.id}.meta.json`), "utf8"));
      expect(meta.source_grib_md5).toEqual(Object.fromEntries(HOURS.map((h, k) => [String(h), served[k]!.md5[v.id]])));
    }
  });

  it("a second BuildTile with unchanged inputs does nothing", async () => {
    const npz = join(cache, TILE_DIR, "u10.npz");
    const before = statSync(npz).mtimeMs;
    const id = await submit("BuildTile", { model: "hrrr", run: RUN, variable: "u10", region: "conus", res: 0.1 });
    await waitIdle();
    const job = await t.db.job.findUniqueOrThrow({ where: { id } });
    expect(job.status).toBe("Success");
    expect(job.result).toMatchObject({ skipped: true });
    expect(statSync(npz).mtimeMs).toBe(before);
  });

  it("the inventory reports completeness, missing hours with reasons and the source status", async () => {
    const res = await gql(server.url, `{ inventory(model: "hrrr") { model run completeness status reason sourceStatus upstreamHours haveHours missingHours { hour reason } tileFailures { variable } } }`);
    expect(res.errors).toBeUndefined();
    const run = res.data.inventory.find((r: { run: string }) => r.run === RUN);
    expect(run.completeness).toBe("3/19");
    expect(run.status).toBe("partial");
    expect(run.upstreamHours).toEqual([0, 1, 2]);
    expect(run.haveHours).toEqual([0, 1, 2]);
    expect(run.sourceStatus).toBe("NOAA has 3h, we have 3h");
    expect(run.missingHours[0]).toEqual({ hour: 3, reason: "not yet upstream" });
    expect(run.missingHours).toHaveLength(16);
    expect(run.tileFailures).toEqual([]);

    const deep = await (await fetch(`${server.url}/api/status/deep`)).json();
    expect(Object.keys(deep).sort()).toEqual(["alerts", "inventory", "queue"]);
    expect(Object.keys(deep.queue).sort()).toEqual(["active", "failed_1h", "pending", "workers_online"]);
    expect(deep.queue).toMatchObject({ pending: 0, active: 0, workers_online: 1 });
    expect(deep.inventory).toContainEqual({
      model: "hrrr", run: RUN, status: "partial", missing_hours: Array.from({ length: 16 }, (_, k) => k + 3), reason: "not yet upstream (16 hours)",
    });
    // The run is from 2023: the newest-run-too-old alert fires.
    expect(deep.alerts.map((a: { code: string }) => a.code)).toContain("stale_run");
  });

  it("a GFS run on a regular lat/lon grid (3.0) goes through the same cycle", async () => {
    await submit("ScanSource", { model: "gfs" });
    await waitIdle();
    const dir = join(cache, "tiles/conus/0.25deg/gfs/20230125_12");
    expect(readdirSync(dir).filter((f) => f.endsWith(".npz")).sort()).toEqual(gfsVars(0).map((v) => `${v.id}.npz`).sort());
    const out = numpy(`
import json, numpy as np
z = np.load(${JSON.stringify(join(dir, "t2m.npz"))})
lat, lon = z["lat"], z["lon"]
pts = []
for la, lo in [(31.0, -99.0), (40.25, -85.5), (44.5, -81.0)]:
    k = int(round((la - lat[0]) / 0.25)); m = int(round((lo - lon[0]) / 0.25))
    pts.append([float(lat[k]), float(lon[m]), float(z["f000"][k, m])])
print(json.dumps({"files": sorted(z.files), "shape": list(z["f000"].shape), "pts": pts}))
`);
    expect(out.files).toEqual(["f000", "lat", "lon"]);
    expect(out.shape).toEqual([105, 235]);
    const t2m = HRRR_VARS.find((v) => v.id === "t2m")!;
    for (const [la, lo, v] of out.pts as [number, number, number][]) {
      const i = (lo + 360 - GFS_GRID.lo1) / 0.5;
      const j = (la - GFS_GRID.la1) / 0.5;
      expect(Math.abs(v - t2m.f(i, j, 0))).toBeLessThan(0.02);
    }
    const res = await gql(server.url, `{ inventory(model: "gfs") { run completeness sourceStatus } }`);
    expect(res.data.inventory).toEqual([{ run: "20230125_12", completeness: "1/121", sourceStatus: "NOAA has 1h, we have 1h" }]);
  });

  it("RefreshDiskUsage records bytes per model/run from the filesystem", async () => {
    await submit("RefreshDiskUsage", {});
    await waitIdle();
    const res = await gql(server.url, `{ diskUsage { totalBytes oldestMtime newestMtime runs { model run gribBytes tileBytes files } } }`);
    const row = res.data.diskUsage.runs.find((r: { run: string }) => r.run === RUN);
    const size = (dir: string) => readdirSync(join(cache, dir)).reduce((a, f) => a + statSync(join(cache, dir, f)).size, 0);
    const onDisk = size(TILE_DIR);
    expect(row).toMatchObject({ model: "hrrr", gribBytes: 0, tileBytes: onDisk, files: HRRR_VARS.length * 2 });
    expect(res.data.diskUsage.totalBytes).toBe(onDisk + size("tiles/conus/0.25deg/gfs/20230125_12"));
  });

  it("PruneCache keeps the newest runs and removes older runs' files and rows", async () => {
    // An older run with a tile on disk and a Run row.
    const old = "20230124_13";
    await t.db.run.create({ data: { pipelineKey: "weather", source: "hrrr", runKey: old, cycleTime: new Date("2023-01-24T13:00Z"), expectedHours: [0], upstreamHours: [0] } });
    const oldDir = join(cache, `tiles/conus/0.1deg/hrrr/${old}`);
    execFileSync("mkdir", ["-p", oldDir]);
    execFileSync("cp", [join(cache, TILE_DIR, "t2m.npz"), oldDir]);
    await submit("PruneCache", { model: "hrrr", keepRuns: 1 });
    await waitIdle();
    expect(existsSync(oldDir)).toBe(false);
    expect(existsSync(join(cache, TILE_DIR, "t2m.npz"))).toBe(true);
    expect(await t.db.run.count({ where: { runKey: old } })).toBe(0);
    expect(await t.db.run.count({ where: { runKey: RUN } })).toBe(1);
  });
});
