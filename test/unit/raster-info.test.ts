import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { convertToCog, rasterInfo } from "../../worker/lib/raster/index.ts";
import { ifdByteSize, longs, shorts, writeIfd, type IfdEntry } from "../../worker/lib/raster/tiff-ifd.ts";
import { RGB, leftovers, parseTiff, ref, tagNums, tempDir, writeFixture } from "./raster-helpers.ts";

const tmp = tempDir();
afterAll(tmp.cleanup);

describe("rasterInfo on the real red.tif matches gdalinfo", () => {
  it("reports size, type, georeferencing, nodata, layout and statistics", async () => {
    const info = await rasterInfo(RGB[0]);
    const r = ref("red");
    expect(info).toMatchObject({
      width: r.summary.width,
      height: r.summary.height,
      bands: 1,
      dtype: "uint16",
      gdalType: "UInt16",
      geotransform: r.summary.geotransform,
      epsg: r.summary.epsg,
      pixelIsPoint: true,
      nodata: r.summary.nodata[0],
      compression: "LZW",
      tiled: true,
      blockSize: [512, 512],
      overviews: [[128, 130], [64, 65]],
      bigTiff: false,
    });
    const [stats] = info.bandStats;
    expect([stats.min, stats.max, stats.validCount]).toEqual([r.bands[0].min, r.bands[0].max, r.bands[0].count_valid]);
    expect(stats.mean).toBeCloseTo(r.bands[0].mean, 9);
    expect(info.cog).toMatchObject({ valid: r.summary.cog_validation.is_valid_cog, errors: [], warnings: [] });
    expect(info.cog.ghost).toMatchObject({ LAYOUT: "IFDS_BEFORE_DATA", BLOCK_LEADER: "SIZE_AS_UINT4" });
  });
});

/** Hand-built uncompressed 8-bit tiled TIFF (16px tiles) with the IFDs and tile data where a case puts them. */
function craft(path: string, at: { mainIfd: number; mainData: number; ovrIfd?: number; ovrData?: number }): void {
  const buf = new Uint8Array(4096);
  const view = new DataView(buf.buffer);
  buf.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, at.mainIfd, true);
  const entries = (size: number, data: number, reduced: boolean): IfdEntry[] => {
    const n = (size / 16) ** 2;
    return [
      ...(reduced ? [longs(254, [1])] : []),
      longs(256, [size]),
      longs(257, [size]),
      shorts(258, [8]),
      shorts(259, [1]),
      shorts(262, [1]),
      shorts(277, [1]),
      shorts(322, [16]),
      shorts(323, [16]),
      longs(324, Array.from({ length: n }, (_, k) => data + 256 * k)),
      longs(325, Array(n).fill(256)),
    ];
  };
  const hasOvr = at.ovrIfd !== undefined && at.ovrData !== undefined;
  expect(ifdByteSize(entries(32, 0, false), false)).toBeLessThan(250);
  writeIfd(view, at.mainIfd, entries(32, at.mainData, false), hasOvr ? at.ovrIfd! : 0, false);
  if (hasOvr) writeIfd(view, at.ovrIfd!, entries(16, at.ovrData!, true), 0, false);
  writeFileSync(path, buf);
}

describe("COG validation", () => {
  const check = async (name: string, at: Parameters<typeof craft>[1]) => {
    const path = join(tmp.dir, `${name}.tif`);
    craft(path, at);
    return (await rasterInfo(path)).cog;
  };

  it("accepts IFDs first (main, overview), then overview tiles, then main tiles", async () => {
    expect(await check("good", { mainIfd: 8, ovrIfd: 300, ovrData: 1000, mainData: 1256 })).toMatchObject({ valid: true, errors: [] });
  });

  it("only warns when a tiled image larger than a tile has no overviews", async () => {
    const cog = await check("no-ovr", { mainIfd: 8, mainData: 1000 });
    expect(cog.valid).toBe(true);
    expect(cog.warnings).toEqual(["the image (32×32) is larger than one 16×16 block but has no internal overviews"]);
  });

  it("rejects tile data placed before the IFDs", async () => {
    const cog = await check("data-first", { mainIfd: 2000, ovrIfd: 2300, ovrData: 8, mainData: 264 });
    expect(cog.valid).toBe(false);
    expect(cog.errors).toContain("the main IFD should start at byte 8 but starts at byte 2000");
    expect(cog.errors).toContain("tile data of main image starts at byte 264, before the last IFD (byte 2300)");
    expect(cog.errors).toContain("tile data of overview 0 starts at byte 8, before the last IFD (byte 2300)");
  });

  it("rejects main-resolution tiles stored before the overview tiles", async () => {
    const cog = await check("main-first", { mainIfd: 8, ovrIfd: 300, mainData: 1000, ovrData: 2024 });
    expect(cog.errors).toEqual(["the first block of main image should come after the first block of overview 0"]);
  });

  it("rejects an overview IFD placed before the main IFD", async () => {
    const cog = await check("ovr-ifd-first", { mainIfd: 600, ovrIfd: 8, ovrData: 1000, mainData: 1256 });
    expect(cog.errors).toContain("IFD of overview 0 (byte 8) comes before the IFD of main image (byte 600)");
  });

  it("rejects stripped files and reports missing overviews", async () => {
    const path = join(tmp.dir, "stripped.tif");
    writeFixture(path, { width: 600, height: 520, data: new Uint8Array(600 * 520) });
    const { cog } = await rasterInfo(path, { stats: false });
    expect(cog.errors).toEqual(["main image is not tiled (stored in strips)"]);
    expect(cog.warnings[0]).toMatch(/larger than one .* block but has no internal overviews/);
  });

  it("checks the block leaders and trailers the ghost header promises", async () => {
    const path = join(tmp.dir, "leader.tif");
    await convertToCog(RGB[0], path, { tileSize: 256 });
    const bytes = readFileSync(path);
    const firstTile = tagNums(parseTiff(path).ifds[0], 324)[0];
    bytes.writeUInt32LE(7, firstTile - 4);
    writeFileSync(path, bytes);
    const { cog } = await rasterInfo(path, { stats: false });
    expect(cog.valid).toBe(false);
    expect(cog.errors.some((e) => /block 0 leader does not hold its size/.test(e))).toBe(true);
  });
});

describe("npm run raster CLI", () => {
  const run = async (...args: string[]) =>
    promisify(execFile)("node_modules/.bin/tsx", ["worker/cli/raster.ts", ...args], { cwd: join(import.meta.dirname, "../..") })
      .then((r) => ({ code: 0, ...r }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  it("stack writes a COG and info --json describes it", async () => {
    const out = join(tmp.dir, "cli-rgb.tif");
    const stacked = await run("stack", out, ...RGB, "--tile-size", "128");
    expect(stacked).toMatchObject({ code: 0, stderr: "" });
    expect(stacked.stdout).toMatch(/wrote .*cli-rgb\.tif: 255×259×3 uint16, 128px tiles, overviews 128×130, 64×65/);
    const info = await run("info", out, "--json");
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout);
    expect(parsed).toMatchObject({ bands: 3, epsg: 32617, nodata: 0, descriptions: ["red", "green", "blue"], cog: { valid: true } });
    expect(parsed.bandStats.map((b: { min: number }) => b.min)).toEqual(["red", "green", "blue"].map((c) => ref(c).bands[0].min));
  });

  it("exits 1 with a one-line error on bad input and leaves no output", async () => {
    const other = join(tmp.dir, "other-grid.tif");
    writeFixture(other, { width: 10, height: 10, data: new Uint16Array(100) });
    const out = join(tmp.dir, "cli-bad.tif");
    const before = leftovers(tmp.dir);
    const res = await run("stack", out, RGB[0], other);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/^error: grids differ: .*red\.tif is 255×259 .*other-grid\.tif is 10×10/);
    expect(existsSync(out)).toBe(false);
    expect(leftovers(tmp.dir)).toEqual(before);
    const missing = await run("info", join(tmp.dir, "missing.tif"));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: input file not found: .*missing\.tif\n$/) });
    const usage = await run("frobnicate");
    expect(usage).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown command "frobnicate"[\s\S]*usage:/) });
  });
});
