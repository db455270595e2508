import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fromFile } from "geotiff";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETURN_PERIODS } from "../../src/domain/fathom/names.ts";
import { stackToCog } from "../../worker/lib/raster/index.ts";
import { RGB, expectCogLayout, leftovers, readBands, ref, sha256, tempDir, writeFixture } from "./raster-helpers.ts";

const tmp = tempDir();
afterAll(tmp.cleanup);

describe("stackToCog with the real red/green/blue rasters", () => {
  const out = join(tmp.dir, "rgb.tif");
  beforeAll(async () => {
    await stackToCog(RGB, out, { tileSize: 128 });
  });

  it("keeps every pixel of every band, in input order (SHA-256 against gdalinfo's reference)", async () => {
    const { bands, width, height } = await readBands(out);
    expect([width, height]).toEqual([255, 259]);
    expect(bands).toHaveLength(3);
    ["red", "green", "blue"].forEach((color, b) => {
      expect(bands[b]).toBeInstanceOf(Uint16Array);
      expect(sha256(bands[b])).toBe(ref(color).bands[0].pixels_sha256);
      for (const p of ref(color).bands[0].sample_pixels) expect(bands[b][p.row * width + p.col]).toBe(p.value);
    });
  });

  it("keeps nodata, georeferencing (incl. PixelIsPoint) and names bands after the inputs", async () => {
    const [src, dst] = await Promise.all([fromFile(RGB[0]), fromFile(out)]);
    try {
      const [a, b] = await Promise.all([src.getImage(0), dst.getImage(0)]);
      expect(b.getGDALNoData()).toBe(0);
      expect(b.getOrigin()).toEqual(a.getOrigin());
      expect(b.getResolution()).toEqual(a.getResolution());
      expect(b.getGeoKeys()).toEqual(a.getGeoKeys());
      expect(b.getGeoKeys()?.ProjectedCSTypeGeoKey).toBe(ref("red").summary.epsg);
      expect(b.pixelIsArea()).toBe(false);
      // GDAL's corner-based geotransform = PixelIsPoint tiepoint minus half a pixel.
      const [x, y] = b.getOrigin();
      const [rx, ry] = b.getResolution();
      expect([x - rx / 2, rx, 0, y - ry / 2, 0, ry]).toEqual(ref("red").summary.geotransform);
      for (const [i, name] of ["red", "green", "blue"].entries()) {
        expect(await b.getGDALMetadata(i)).toEqual({ DESCRIPTION: name });
      }
    } finally {
      await Promise.all([src.close(), dst.close()]);
    }
  });

  it("is laid out as a COG: tiled, overviews, IFDs first, overview data before full resolution", () => {
    const layout = expectCogLayout(out, 128);
    expect(layout.ifds.map((i) => [i.tags.get(256), i.tags.get(257)])).toEqual([
      [[255], [259]],
      [[128], [130]],
      [[64], [65]],
    ]);
    const main = layout.ifds[0];
    expect(main.tags.get(259)).toEqual([8]); // DEFLATE
    expect(main.tags.get(317)).toEqual([2]); // horizontal predictor for integers
    expect(main.tags.get(42113)).toBe("0");
    expect(main.tags.get(42112)).toContain('<Item name="DESCRIPTION" sample="2" role="description">blue</Item>');
  });

  it("builds nodata-aware average overviews", async () => {
    const full = (await readBands(out, 0)).bands[0];
    const ovr = (await readBands(out, 1)).bands[0];
    // Pixel (x, y) of overview 1 averages the valid pixels of the 2×2 block at (2x, 2y).
    for (const [x, y] of [[0, 0], [60, 60], [127, 129], [100, 20], [30, 90]]) {
      const vals = [0, 1, 2, 3]
        .map((k) => [Math.min(2 * x + (k & 1), 254), Math.min(2 * y + (k >> 1), 258)])
        .map(([c, r]) => full[r * 255 + c])
        .filter((v) => v !== 0);
      expect(ovr[y * 128 + x]).toBe(vals.length ? Math.round(vals.reduce((a, b) => a + b, 0) / vals.length) : 0);
    }
  });
});

describe("stackToCog with FATHOM return-period rasters", () => {
  it("stacks the 8 return periods into 8 bands described 1in5 … 1in1000", async () => {
    const layer = (rp: number) => `GLOBAL-1ARCSEC-NW_OFFSET-1in${rp}-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0`;
    const [w, h] = [90, 70];
    const inputs = RETURN_PERIODS.map((rp) => {
      const dir = join(tmp.dir, "CI", layer(rp));
      mkdirSync(dir, { recursive: true });
      const path = join(dir, "n04w006.tif");
      // Int16 depths in cm, -32768 as nodata on the left edge.
      const data = Int16Array.from({ length: w * h }, (_, i) => (i % w === 0 ? -32768 : rp + (i % 1000) - 500));
      writeFixture(path, { width: w, height: h, data: new Uint16Array(data.buffer), sampleFormat: 2, origin: [-6, 5], pixel: [1 / 3600, 1 / 3600], nodata: -32768 });
      return { path, data };
    });
    const out = join(tmp.dir, "stack8.tif");
    const result = await stackToCog(inputs.map((i) => i.path), out, { tileSize: 32 });
    expect(result.descriptions).toEqual(RETURN_PERIODS.map((rp) => `1in${rp}`));
    const back = await readBands(out);
    back.bands.forEach((band, b) => {
      expect(band).toBeInstanceOf(Int16Array);
      expect(sha256(band)).toBe(sha256(inputs[b].data));
    });
    expect(back.nodata).toBe(-32768);
    expect(back.descriptions).toEqual(RETURN_PERIODS.map((rp) => `1in${rp}`));
    expect(back.origin).toEqual([-6, 5, 0]);
    expect(back.resolution?.[0]).toBe(1 / 3600);
    expectCogLayout(out, 32);
  });
});

describe("stackToCog rejects inputs it cannot stack", () => {
  const base = { width: 20, height: 10, data: new Float32Array(200) };

  it.each([
    ["grid size", { ...base, width: 10, data: new Float32Array(100) }, /grids differ/],
    ["origin", { ...base, origin: [-5, 5] as [number, number] }, /grids differ.*origin \(-6, 5\).*origin \(-5, 5\)/],
    ["data type", { ...base, data: new Uint16Array(200) }, /data type differs: .*float32.*uint16/],
    ["nodata", { ...base, nodata: -9999 }, /nodata differs/],
    ["CRS", { ...base, epsg: 3857 }, /CRS \(EPSG\) differs: .* 4326, .* 3857/],
    ["band count", { ...base, bands: 2, data: new Float32Array(400) }, /has 2 bands; stack takes single-band rasters/],
  ])("mismatched %s → clear error, no output", async (_what, other, message) => {
    const { dir, cleanup } = tempDir();
    try {
      writeFixture(join(dir, "a.tif"), base);
      writeFixture(join(dir, "b.tif"), other);
      await expect(stackToCog([join(dir, "a.tif"), join(dir, "b.tif")], join(dir, "out.tif"))).rejects.toThrow(message);
      expect(leftovers(dir, ["a.tif", "b.tif"])).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it("refuses to overwrite one of its inputs", async () => {
    await expect(stackToCog(RGB, RGB[1])).rejects.toThrow(/must not be one of the inputs/);
  });
});
