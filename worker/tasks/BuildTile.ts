// BuildTile(model, run, variable, region, res): decodes every ingested GRIB hour of one run/variable,
// resamples it onto the region's lat/lon grid and writes
//   cache/tiles/{region}/{res}deg/{model}/{run}/{variable}.npz      (lat, lon, f000, f001, … float32)
//   cache/tiles/{region}/{res}deg/{model}/{run}/{variable}.meta.json (md5 per hour, stats, grid)
// Hours whose GRIB md5 is unchanged are reused from the existing tile; nothing changed = no write.
import { existsSync } from "node:fs";
import { readFile, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { z } from "zod";
import { loadConfig } from "../../src/config.ts";
import { WEATHER, ensureRun, ingestedGribs, setPhase } from "../../src/domain/weather/assets.ts";
import type { BuildTileArgs } from "../../src/domain/weather/jobs.ts";
import { TILE_REGIONS, getVariable } from "../../src/domain/weather/models.ts";
import { iterateFields, regridToLatLon } from "../lib/grib2/index.ts";
import { readNpz, writeNpz, type NpyArray } from "../lib/npz.ts";
import { cacheRoot, md5File, tileMetaPath, tilePath, writeFileAtomic } from "../lib/storage.ts";
import type { TaskHandler } from "../context.ts";

export interface TileMeta {
  model: string;
  run: string;
  variable: string;
  name: string;
  units: string;
  region: string;
  res: number;
  hours: number[];
  /** Forecast hour → md5 of the GRIB it was built from (change detection). */
  source_grib_md5: Record<string, string>;
  generated_at: string;
  stats: { min: number | null; max: number | null; mean: number | null; valid_points: number };
  grid: { crs: "EPSG:4326"; lat_min: number; lat_max: number; lon_min: number; lon_max: number; res: number; shape: [number, number]; order: string };
  /** Array name in the .npz for each hour, e.g. {"0": "f000"}. */
  arrays: Record<string, string>;
}

const arrayName = (hour: number) => `f${String(hour).padStart(3, "0")}`;

export const BuildTile: TaskHandler<z.output<typeof BuildTileArgs>> = async (args, ctx) => {
  // Two builds of one tile would race on read-modify-write of the .npz: serialise them across workers.
  return ctx.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tile:${args.region}:${args.res}:${args.model}:${args.run}:${args.variable}`}))`;
      return build(args, ctx);
    },
    { timeout: 30 * 60_000, maxWait: 10 * 60_000 },
  );
};

async function build(args: z.output<typeof BuildTileArgs>, ctx: Parameters<TaskHandler>[1]) {
  const { model, run, variable, region, res } = args;
  const started = Date.now();
  const root = cacheRoot();
  const npzPath = tilePath(region, res, model, run, variable);
  const metaPath = tileMetaPath(region, res, model, run, variable);
  const bbox = TILE_REGIONS[region as keyof typeof TILE_REGIONS].bbox;
  const target = { latMin: bbox.south, latMax: bbox.north, lonMin: bbox.west, lonMax: bbox.east, res };
  const oldMeta: TileMeta | null = existsSync(metaPath) ? JSON.parse(await readFile(metaPath, "utf8")) : null;
  const oldArrays = oldMeta && existsSync(npzPath) ? readNpz(new Uint8Array(await readFile(npzPath))) : {};

  const gribs = await ingestedGribs(ctx.db, model, run, variable);
  const arrays: Record<string, NpyArray> = {};
  const md5s: Record<string, string> = {};
  const failed: { id: bigint; hour: number; error: string }[] = [];
  const included: bigint[] = [];
  let changed = false;
  let axes: { lat: Float64Array; lon: Float64Array } | null = null;
  ctx.progress(0, gribs.length);
  for (const [i, g] of gribs.entries()) {
    const file = join(root, g.path);
    const name = arrayName(g.hour);
    const onDisk = existsSync(file);
    const md5 = onDisk ? await md5File(file) : g.md5;
    if (md5 && oldMeta?.source_grib_md5[String(g.hour)] === md5 && oldArrays[name]) {
      arrays[name] = oldArrays[name]!;
      md5s[String(g.hour)] = md5;
      included.push(g.id);
    } else if (!onDisk) {
      failed.push({ id: g.id, hour: g.hour, error: "GRIB is no longer in the cache and the tile lacks this hour: re-run IngestGrib" });
    } else {
      try {
        const buf = new Uint8Array(await readFile(file));
        const field = iterateFields(buf).next().value;
        if (!field) throw new Error("GRIB file holds no field");
        const grid = regridToLatLon(field, field.decode(), target);
        axes ??= { lat: grid.lat, lon: grid.lon };
        arrays[name] = { data: grid.data, shape: [grid.lat.length, grid.lon.length] };
        md5s[String(g.hour)] = md5!;
        included.push(g.id);
        changed = true;
      } catch (e) {
        failed.push({ id: g.id, hour: g.hour, error: e instanceof Error ? e.message : String(e) });
      }
    }
    ctx.progress(i + 1, gribs.length);
  }
  // Hours the old tile had but whose GRIB asset is gone (pruned rows) are dropped: the tile mirrors the DB.
  if (oldMeta && Object.keys(oldMeta.source_grib_md5).some((h) => !(h in md5s) && !failed.some((f) => String(f.hour) === h))) {
    changed = true;
  }
  for (const f of failed) {
    await setPhase(ctx.db, [f.id], "tile", { state: "failed", jobId: ctx.jobId, error: f.error });
  }
  if (!changed && oldMeta) {
    await setPhase(ctx.db, included, "tile", { state: "done", jobId: ctx.jobId, durationMs: Date.now() - started });
    if (failed.length) throw tileError(failed);
    return { skipped: true, reason: "every GRIB md5 matches the existing tile", hours: oldMeta.hours };
  }
  if (!included.length) throw tileError(failed.length ? failed : [{ id: 0n, hour: -1, error: "no ingested GRIB for this run/variable" }]);

  if (!axes) {
    const lat = oldArrays.lat!.data as Float64Array;
    const lon = oldArrays.lon!.data as Float64Array;
    axes = { lat: Float64Array.from(lat), lon: Float64Array.from(lon) };
  }
  const hours = Object.keys(md5s).map(Number).sort((a, b) => a - b);
  const stats = summarizeHours(hours.map((h) => arrays[arrayName(h)]!.data as Float32Array));
  const out: Record<string, NpyArray> = {
    lat: { data: Float32Array.from(axes.lat), shape: [axes.lat.length] },
    lon: { data: Float32Array.from(axes.lon), shape: [axes.lon.length] },
  };
  for (const h of hours) out[arrayName(h)] = arrays[arrayName(h)]!;
  await writeNpz(npzPath, out);
  const v = getVariable(model, variable);
  const meta: TileMeta = {
    model, run, variable, name: v.name, units: v.units, region, res, hours,
    source_grib_md5: Object.fromEntries(hours.map((h) => [String(h), md5s[String(h)]!])),
    generated_at: new Date().toISOString(),
    stats,
    grid: {
      crs: "EPSG:4326", lat_min: axes.lat[0]!, lat_max: axes.lat[axes.lat.length - 1]!, lon_min: axes.lon[0]!,
      lon_max: axes.lon[axes.lon.length - 1]!, res, shape: [axes.lat.length, axes.lon.length],
      order: "row-major; row 0 = lat_min (south), column 0 = lon_min (west); NaN = no data",
    },
    arrays: Object.fromEntries(hours.map((h) => [String(h), arrayName(h)])),
  };
  await writeFileAtomic(metaPath, JSON.stringify(meta, null, 2));
  await registerTile(ctx, args, npzPath);
  await setPhase(ctx.db, included, "tile", { state: "done", jobId: ctx.jobId, durationMs: Date.now() - started });
  if (!loadConfig().KEEP_GRIBS) {
    // Retention (seed 000 §4.2): a GRIB is deleted once its hour is safely inside a written tile.
    for (const g of gribs) if (included.includes(g.id)) await rm(join(root, g.path), { force: true });
  }
  if (failed.length) throw tileError(failed);
  return { hours, stats, npz: relative(root, npzPath) };
}

function tileError(failed: { hour: number; error: string }[]) {
  return new Error(`tile failed for ${failed.length} hour(s): ${failed.map((f) => `h${String(f.hour).padStart(2, "0")}: ${f.error}`).join("; ")}`);
}

function summarizeHours(grids: Float32Array[]) {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (const g of grids)
    for (let i = 0; i < g.length; i++) {
      const x = g[i]!;
      if (Number.isNaN(x)) continue;
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
      n++;
    }
  return n ? { min, max, mean: sum / n, valid_points: n } : { min: null, max: null, mean: null, valid_points: 0 };
}

async function registerTile(ctx: Parameters<TaskHandler>[1], a: z.output<typeof BuildTileArgs>, npzPath: string) {
  const rel = relative(cacheRoot(), npzPath);
  const run = await ensureRun(ctx.db, a.model, a.run);
  const size = BigInt((await stat(npzPath)).size);
  const md5 = await md5File(npzPath);
  const meta = { model: a.model, run: a.run, variable: a.variable, region: a.region, res: a.res };
  await ctx.db.asset.upsert({
    where: { pipelineKey_path: { pipelineKey: WEATHER, path: rel } },
    create: { pipelineKey: WEATHER, runId: run.id, kind: "tile", path: rel, sizeBytes: size, md5, sourceMetadata: meta },
    update: { sizeBytes: size, md5 },
  });
}
