// The FATHOM pipeline end to end on real files: a bronze container of real GeoTIFFs (two regions,
// 2×2 tiles, one or two scenarios, 8 return periods, some bad names, one corrupt file), a real
// server with its worker, and the GraphQL API: inventory (twice, then with a file deleted), Phase 1
// fan-out into stack tasks, Phase 2 merges, STAC, raster_v2 conversion, and the stats after each step.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromFile } from "geotiff";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateCog } from "../../worker/lib/raster/index.ts";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { gql } from "../helpers/graphql.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { RPS, SIZE, layerId, pixelValue, scenarioId, tileName, writeStack, type Scenario, type TileSpec } from "../helpers/fathom-fixtures.ts";

const CONTAINER = "bronze-fathom";
const FLUVIAL_2020: Scenario = { flood: "FLUVIAL", year: 2020 };
const PLUVIAL_2050: Scenario = { flood: "PLUVIAL", year: 2050, ssp: "SSP2_4.5" };
const quad = (lat: number, lon: number) => [[lat, lon], [lat, lon + 1], [lat + 1, lon], [lat + 1, lon + 1]] as const;
// CI: two scenarios on tiles n04w006…n05w005 (grid cell n04w008_4x4); GH: one on n06w002…n07w001 (n04w004_4x4).
const TILES: TileSpec[] = [
  ...quad(4, -6).map(([lat, lon], i) => ({ region: "CI", scenario: FLUVIAL_2020, lat, lon, index: i })),
  ...quad(4, -6).map(([lat, lon], i) => ({ region: "CI", scenario: PLUVIAL_2050, lat, lon, index: 10 + i })),
  ...quad(6, -2).map(([lat, lon], i) => ({ region: "GH", scenario: FLUVIAL_2020, lat, lon, index: 20 + i })),
];
const BAD_NAMES = [
  `${CONTAINER}/README.txt`,
  `${CONTAINER}/CI/NOT-A-FATHOM-LAYER/n04w006.tif`,
  `${CONTAINER}/CI/${layerId(FLUVIAL_2020, 7)}/n04w006.tif`,
  `${CONTAINER}/gh/${layerId(FLUVIAL_2020, 5)}/n06w002.tif`,
];
const GH_DELETED = `${CONTAINER}/GH/${layerId(FLUVIAL_2020, 20)}/n07w001.tif`;
const CI_CORRUPT = `${CONTAINER}/CI/${layerId(PLUVIAL_2050, 500)}/n05w005.tif`;

let t: TestDb;
let server: ServerProc;
let dir: string;
let bronze: string;
let silver: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pipewatch-fathom-"));
  bronze = join(dir, "bronze");
  silver = join(dir, "silver");
  for (const tile of TILES) writeStack(bronze, CONTAINER, tile);
  for (const bad of BAD_NAMES) {
    mkdirSync(join(bronze, bad, ".."), { recursive: true });
    writeFileSync(join(bronze, bad), "not a FATHOM file");
  }
  writeFileSync(join(bronze, CI_CORRUPT), "II*\0 this is not really a TIFF");
  t = await createTestDatabase();
  server = await startServer(t.url, { BRONZE_DIR: bronze, SILVER_DIR: silver, WORKER_CONCURRENCY: "4" });
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function submit(type: string, args: Record<string, unknown>): Promise<string> {
  const res = await gql(server.url, `mutation($t: String!, $a: JSON) { submitJob(input: { type: $t, args: $a }) { id } }`, { t: type, a: args });
  expect(res.errors).toBeUndefined();
  return res.data.submitJob.id;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Runs a job to its end; for a fan-out job, until every task has finished too. */
async function run(type: string, args: Record<string, unknown>) {
  const id = await submit(type, args);
  const job = await waitFor(`${type} to finish`, async () => {
    const j = await t.db.job.findUniqueOrThrow({ where: { id } });
    if (j.status === "Pending" || j.status === "Running") return false;
    const open = await t.db.job.count({ where: { parentId: id, status: { in: ["Pending", "Running"] } } });
    return open === 0 && j;
  });
  const children = await t.db.job.findMany({ where: { parentId: id }, orderBy: { queuedAt: "asc" } });
  return { job: await t.db.job.findUniqueOrThrow({ where: { id: job.id } }), children };
}

async function stats(query = "") {
  const res = await fetch(`${server.url}/api/etl/stats?etl_type=fathom${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

async function phaseStates(where = "") {
  return t.db.$queryRawUnsafe<{ phase: string; state: string; n: number }[]>(
    `SELECT ap."phaseKey" AS phase, ap.state::text AS state, count(*)::int AS n FROM asset_phases ap JOIN assets a ON a.id = ap."assetId"
     WHERE a."pipelineKey" = 'fathom' AND a."missingSince" IS NULL ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
  );
}

async function readCog(path: string) {
  const tiff = await fromFile(path);
  try {
    const validation = await validateCog(tiff, path);
    const image = await tiff.getImage(0);
    const bands = Array.from(await image.readRasters({ interleave: false })) as Float32Array[];
    const descriptions: unknown[] = [];
    for (let i = 0; i < bands.length; i++) descriptions.push((await image.getGDALMetadata(i))?.DESCRIPTION);
    return { validation, bands, descriptions, width: image.getWidth(), height: image.getHeight(), origin: image.getOrigin() };
  } finally {
    await tiff.close();
  }
}

const stackedPath = (tile: TileSpec) => join(silver, "fathom-stacked", tile.region, scenarioId(tile.scenario), `${tileName(tile.lat, tile.lon)}.tif`);

describe("FATHOM pipeline", () => {
  it("inventories the container: registers parsed files, reports bad names, is idempotent, flags deleted files", async () => {
    const first = await run("inventory_fathom_container", { container: CONTAINER });
    expect(first.job.status).toBe("Success");
    const r1 = first.job.result as any;
    expect(r1).toMatchObject({ files: 96, added: 96, changed: 0, restored: 0, missing: { count: 0 } });
    expect(r1.unparseable.count).toBe(BAD_NAMES.length);
    expect(r1.unparseable.examples.map((e: any) => e.path).sort()).toEqual([...BAD_NAMES].sort());
    expect(r1.unparseable.examples.find((e: any) => e.path.includes("1in7")).reason).toContain("return period");
    expect(await t.db.asset.count({ where: { pipelineKey: "fathom" } })).toBe(96);
    const asset = await t.db.asset.findFirstOrThrow({ where: { path: `${CONTAINER}/CI/${layerId(FLUVIAL_2020, 100)}/n04w006.tif` } });
    expect(asset.sourceMetadata).toMatchObject({
      region: "CI", flood_type: "fluvial", defense: "defended", year: 2020, ssp: null, return_period: 100,
      tile: "n04w006", grid_cell: "n04w008_4x4", scenario: scenarioId(FLUVIAL_2020), stack_key: `CI/${scenarioId(FLUVIAL_2020)}/n04w006`,
    });
    expect(Number(asset.sizeBytes)).toBeGreaterThan(SIZE * SIZE * 4);
    const run1 = await t.db.run.findFirstOrThrow({ where: { pipelineKey: "fathom", source: CONTAINER } });
    expect(asset.runId).toBe(run1.id);

    const second = await run("inventory_fathom_container", { container: CONTAINER });
    expect(second.job.result).toMatchObject({ files: 96, added: 0, changed: 0, restored: 0, missing: { count: 0 } });
    expect(await t.db.asset.count({ where: { pipelineKey: "fathom" } })).toBe(96);
    expect(await t.db.assetPhase.count({ where: { pipelineKey: "fathom" } })).toBe(192);
    expect(await t.db.run.count({ where: { pipelineKey: "fathom" } })).toBe(1);

    unlinkSync(join(bronze, GH_DELETED));
    const third = await run("inventory_fathom_container", { container: CONTAINER });
    expect(third.job.result).toMatchObject({ files: 95, added: 0, missing: { count: 1, examples: [GH_DELETED] } });
    expect((await t.db.asset.findFirstOrThrow({ where: { path: GH_DELETED } })).missingSince).not.toBeNull();

    const s = await stats();
    expect(s.summary.total_files).toBe(95);
    expect(s.phases.phase1).toEqual({ name: "Band Stack", pending: 95, processing: 0, completed: 0, failed: 0, percent_complete: 0 });
    expect(s.phases.phase2).toMatchObject({ eligible: 0, completed: 0 });
    expect(s.by_grouping.region).toEqual({
      CI: { total: 64, phase1_done: 0, phase2_done: 0, phase1_failed: 0, phase2_failed: 0 },
      GH: { total: 31, phase1_done: 0, phase2_done: 0, phase1_failed: 0, phase2_failed: 0 },
    });
  });

  it("previews Phase 1 for the submit form", async () => {
    const q = `query($a: JSON) { submitPreview(type: "process_fathom_stack", args: $a) { files tasks message } }`;
    let res = await gql(server.url, q, { a: { region: "GH" } });
    expect(res.data.submitPreview).toEqual({ files: 24, tasks: 3, message: "Phase 1 for GH: 24 pending files → 3 stack tasks (1 incomplete stack skipped)" });
    res = await gql(server.url, q, { a: { limit: 5 } });
    expect(res.data.submitPreview).toMatchObject({ files: 40, tasks: 5 });
    res = await gql(server.url, q, { a: { region: "nowhere" } });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("Phase 1 fans out one stack task per complete stack; the corrupt file fails only its stack", async () => {
    const { job, children } = await run("process_fathom_stack", {});
    expect(job.status).toBe("Success");
    expect(job.result).toMatchObject({ tasks: 11, files: 88, incomplete: { count: 1, examples: [{ stack: `GH/${scenarioId(FLUVIAL_2020)}/n07w001` }] } });
    expect(children).toHaveLength(11);
    expect(children.every((c) => c.type === "fathom_stack_task" && c.stage === 2 && c.stageName === "Band Stack")).toBe(true);
    expect([job.progressDone, job.progressTotal]).toEqual([11, 11]);

    const failed = children.filter((c) => c.status === "Failed");
    expect(failed).toHaveLength(1);
    expect(failed[0].attempts).toBe(1); // a bad input is not retried
    expect(failed[0].errorMessage).toContain(CI_CORRUPT.split("/").at(-1));
    expect((failed[0].args as any).stack).toBe(`CI/${scenarioId(PLUVIAL_2050)}/n05w005`);
    const taskCounts = await gql(server.url, `query($id: ID!) { job(id: $id) { taskCounts { completed failed pending } progress { done total } } }`, { id: job.id });
    expect(taskCounts.data.job).toEqual({ taskCounts: { completed: 10, failed: 1, pending: 0 }, progress: { done: 11, total: 11 } });

    const failedAssets = await t.db.assetPhase.findMany({ where: { phaseKey: "phase1", state: "failed" }, include: { asset: true } });
    expect(failedAssets).toHaveLength(8);
    expect(new Set(failedAssets.map((a) => (a.asset.sourceMetadata as any).stack_key))).toEqual(new Set([`CI/${scenarioId(PLUVIAL_2050)}/n05w005`]));
    expect(failedAssets.every((a) => a.jobId === failed[0].id && a.error?.includes("n05w005"))).toBe(true);
    const done = await t.db.assetPhase.findMany({ where: { phaseKey: "phase1", state: "done" } });
    expect(done).toHaveLength(80);
    const succeeded = new Set(children.filter((c) => c.status === "Success").map((c) => c.id));
    expect(done.every((a) => a.completedAt && a.durationMs !== null && succeeded.has(a.jobId!))).toBe(true);
    expect(await phaseStates(`AND ap."phaseKey" = 'phase1'`)).toEqual([
      { phase: "phase1", state: "done", n: 80 },
      { phase: "phase1", state: "failed", n: 8 },
      { phase: "phase1", state: "pending", n: 7 },
    ]);

    // Every stacked COG is valid, 8 bands in return-period order, and carries its tile's values.
    for (const tile of TILES) {
      const stack = `${tile.region}/${scenarioId(tile.scenario)}/${tileName(tile.lat, tile.lon)}`;
      const path = stackedPath(tile);
      if (stack.endsWith("GH/" + scenarioId(FLUVIAL_2020) + "/n07w001") || stack === `CI/${scenarioId(PLUVIAL_2050)}/n05w005`) {
        expect(existsSync(path), stack).toBe(false);
        continue;
      }
      const cog = await readCog(path);
      expect(cog.validation.errors, stack).toEqual([]);
      expect(cog.validation.valid).toBe(true);
      expect(cog.bands).toHaveLength(8);
      expect(cog.bands.map((b) => b[0])).toEqual(RPS.map((rp) => pixelValue(rp, tile.index)));
      expect(cog.descriptions).toEqual(RPS.map((rp) => `1in${rp}`));
      const item = JSON.parse(readFileSync(path.replace(/\.tif$/, ".json"), "utf8"));
      expect(item).toMatchObject({ type: "Feature", collection: "fathom-stacked", bbox: [tile.lon, tile.lat, tile.lon + 1, tile.lat + 1] });
      expect(item.assets.data.href).toBe(`./${tileName(tile.lat, tile.lon)}.tif`);
    }
    const collection = JSON.parse(readFileSync(join(silver, "stac/fathom-stacked/collection.json"), "utf8"));
    expect(collection.type).toBe("Collection");
    expect(collection.links.filter((l: any) => l.rel === "item")).toHaveLength(10);
    expect(collection.extent.spatial.bbox[0]).toEqual([-6, 4, 0, 8]);

    const s = await stats();
    expect(s.phases.phase1).toEqual({ name: "Band Stack", pending: 7, processing: 0, completed: 80, failed: 8, percent_complete: 84.2 });
    expect(s.phases.phase2).toMatchObject({ eligible: 80, completed: 0 });
    expect(s.processing_rate.phase1_per_hour).toBe(80);
    expect(s.active_jobs).toEqual([]);
    expect((await stats("&region=gh")).phases.phase1).toMatchObject({ pending: 7, completed: 24, failed: 0 });
  });

  it("Phase 2 merges each grid cell's stacks into one COG over their union", async () => {
    const preview = await gql(server.url, `{ submitPreview(type: "process_fathom_merge", args: {}) { files tasks message } }`);
    expect(preview.data.submitPreview).toEqual({ files: 80, tasks: 3, message: "Phase 2 for all regions: 80 eligible files → 3 merge tasks (4×4 grid cells)" });

    const { job, children } = await run("process_fathom_merge", {});
    expect(job.result).toMatchObject({ tasks: 3, eligible_files: 80 });
    expect(children.map((c) => [c.status, (c.args as any).region, (c.args as any).grid_cell]).sort()).toEqual([
      ["Success", "CI", "n04w008_4x4"],
      ["Success", "CI", "n04w008_4x4"],
      ["Success", "GH", "n04w004_4x4"],
    ]);
    expect(await phaseStates(`AND ap."phaseKey" = 'phase2'`)).toEqual([
      { phase: "phase2", state: "done", n: 80 },
      { phase: "phase2", state: "pending", n: 15 },
    ]);

    // CI fluvial: all four tiles → 2°×2°, each quadrant from its own tile.
    const ci = await readCog(join(silver, "fathom/CI", scenarioId(FLUVIAL_2020), "n04w008_4x4.tif"));
    expect(ci.validation.valid).toBe(true);
    expect([ci.width, ci.height, ci.bands.length]).toEqual([2 * SIZE, 2 * SIZE, 8]);
    expect(ci.origin.slice(0, 2)).toEqual([-6, 6]);
    const at = (bands: Float32Array[], band: number, row: number, col: number) => bands[band][row * 2 * SIZE + col];
    const CI_TILES = TILES.filter((tl) => tl.region === "CI" && tl.scenario === FLUVIAL_2020);
    for (const tile of CI_TILES) {
      const row = (5 - tile.lat) * SIZE + 1; // north up: lat 5…6 is the top half
      const col = (tile.lon + 6) * SIZE + 1;
      expect(RPS.map((rp, b) => at(ci.bands, b, row, col))).toEqual(RPS.map((rp) => pixelValue(rp, tile.index)));
    }
    // GH: n07w001 never stacked (a file was missing): the union still spans the cell's tiles, that quadrant is nodata.
    const gh = await readCog(join(silver, "fathom/GH", scenarioId(FLUVIAL_2020), "n04w004_4x4.tif"));
    expect([gh.width, gh.height]).toEqual([2 * SIZE, 2 * SIZE]);
    expect(Number.isNaN(at(gh.bands, 0, 1, SIZE + 1))).toBe(true);
    expect(at(gh.bands, 0, SIZE + 1, 1)).toBe(pixelValue(5, 20));

    const collection = JSON.parse(readFileSync(join(silver, "stac/fathom/collection.json"), "utf8"));
    expect(collection.links.filter((l: any) => l.rel === "item").map((l: any) => l.href).sort()).toEqual([
      `../../fathom/CI/${scenarioId(FLUVIAL_2020)}/n04w008_4x4.json`,
      `../../fathom/CI/${scenarioId(PLUVIAL_2050)}/n04w008_4x4.json`,
      `../../fathom/GH/${scenarioId(FLUVIAL_2020)}/n04w004_4x4.json`,
    ]);
    const item = JSON.parse(readFileSync(join(silver, "fathom/CI", scenarioId(PLUVIAL_2050), "n04w008_4x4.json"), "utf8"));
    expect(item.properties["fathom:tiles"]).toEqual(["n04w005", "n04w006", "n05w006"]);
    expect(item.bbox).toEqual([-6, 4, -4, 6]);

    const s = await stats();
    expect(s.phases.phase2).toEqual({ name: "Spatial Merge", eligible: 0, processing: 0, completed: 80, failed: 0, percent_complete: 84.2 });
    expect(s.by_grouping.flood_type).toEqual({
      fluvial: { total: 63, phase1_done: 56, phase2_done: 56, phase1_failed: 0, phase2_failed: 0 },
      pluvial: { total: 32, phase1_done: 24, phase2_done: 24, phase1_failed: 8, phase2_failed: 0 },
    });
  });

  it("converts any bronze GeoTIFF to a COG and tracks it in raster_v2", async () => {
    const source = `${CONTAINER}/GH/${layerId(FLUVIAL_2020, 100)}/n06w002.tif`;
    for (const type of ["process_raster_v2", "process_large_raster_v2"]) {
      const { job } = await run(type, { source, output: `${type}/n06w002.tif` });
      expect(job.status).toBe("Success");
      const cog = await readCog(join(silver, "cogs", type, "n06w002.tif"));
      expect(cog.validation.valid).toBe(true);
      expect(cog.bands[0][0]).toBe(pixelValue(100, 20));
    }
    const bad = await run("process_raster_v2", { source: CI_CORRUPT });
    expect(bad.job.status).toBe("Failed");
    expect(bad.job.attempts).toBe(1);
    const s = await (await fetch(`${server.url}/api/etl/stats?etl_type=raster_v2`)).json();
    expect(s.phases.phase1).toMatchObject({ completed: 1, failed: 1 });
    expect(s.summary.total_files).toBe(2);
  });

  it("a re-scan restores a file that came back and restarts the phases of a changed one", async () => {
    const ghTile = TILES.find((tl) => tl.region === "GH" && tl.lat === 7 && tl.lon === -1)!;
    writeStack(bronze, CONTAINER, ghTile); // brings GH_DELETED back and rewrites its 7 siblings (new mtimes)
    const changed = `${CONTAINER}/CI/${layerId(FLUVIAL_2020, 50)}/n04w006.tif`;
    writeFileSync(join(bronze, changed), readFileSync(join(bronze, changed)).subarray(0, 100)); // truncated: new size
    const { job } = await run("inventory_fathom_container", { container: CONTAINER });
    expect(job.result).toMatchObject({ files: 96, added: 0, restored: 1, changed: 9, missing: { count: 0 } });
    expect((await t.db.asset.findFirstOrThrow({ where: { path: GH_DELETED } })).missingSince).toBeNull();
    const phases = await t.db.assetPhase.findMany({ where: { asset: { path: changed } }, orderBy: { phaseKey: "asc" } });
    expect(phases.map((p) => [p.phaseKey, p.state, p.completedAt])).toEqual([["phase1", "pending", null], ["phase2", "pending", null]]);
    // Ready for Phase 1 now: the completed GH stack, the CI stack whose file changed (all 8 are
    // restacked) and, as after every failure, the stack that failed.
    const res = await gql(server.url, `{ submitPreview(type: "process_fathom_stack", args: {}) { files tasks } }`);
    expect(res.data.submitPreview).toEqual({ files: 24, tasks: 3 });
    expect((await stats()).summary.total_files).toBe(96);
  });
});
