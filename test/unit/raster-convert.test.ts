import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { convertLargeToCog, convertToCog } from "../../worker/lib/raster/index.ts";
import type { DType } from "../../worker/lib/raster/types.ts";
import { RGB, expectCogLayout, readBands, ref, sha256, tempDir, writeFixture, type FixtureOptions } from "./raster-helpers.ts";

const tmp = tempDir();
afterAll(tmp.cleanup);

const [W, H] = [150, 100];

/** Typed array of `dtype` with values that exercise its range, plus the bits geotiff.js's writer takes. */
function sample(dtype: DType, n: number): { values: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }; fixture: FixtureOptions["data"]; sampleFormat?: number } {
  const f = (i: number) => Math.sin(i * 0.37) * 0.5 + 0.5; // 0..1, not monotonic
  switch (dtype) {
    case "uint8": { const v = Uint8Array.from({ length: n }, (_, i) => Math.round(f(i) * 255)); return { values: v, fixture: v }; }
    case "int8": { const v = Int8Array.from({ length: n }, (_, i) => Math.round(f(i) * 255) - 128); return { values: v, fixture: new Uint8Array(v.buffer), sampleFormat: 2 }; }
    case "uint16": { const v = Uint16Array.from({ length: n }, (_, i) => Math.round(f(i) * 65535)); return { values: v, fixture: v }; }
    case "int16": { const v = Int16Array.from({ length: n }, (_, i) => Math.round(f(i) * 65535) - 32768); return { values: v, fixture: new Uint16Array(v.buffer), sampleFormat: 2 }; }
    case "uint32": { const v = Uint32Array.from({ length: n }, (_, i) => Math.round(f(i) * 4e9)); return { values: v, fixture: v }; }
    case "int32": { const v = Int32Array.from({ length: n }, (_, i) => Math.round(f(i) * 4e9) - 2e9); return { values: v, fixture: new Uint32Array(v.buffer), sampleFormat: 2 }; }
    case "float32": { const v = Float32Array.from({ length: n }, (_, i) => (f(i) - 0.5) * 1e6); return { values: v, fixture: v }; }
    case "float64": { const v = Float64Array.from({ length: n }, (_, i) => (f(i) - 0.5) * 1e300); return { values: v, fixture: v }; }
  }
}

/** Band b of a pixel-interleaved array, as its own typed array. */
function bandOf<T extends ArrayLike<number>>(values: T, bands: number, b: number): T {
  const Ctor = (values as unknown as { constructor: new (n: number) => T & number[] }).constructor;
  const out = new Ctor(values.length / bands);
  for (let i = 0; i < out.length; i++) out[i] = values[i * bands + b];
  return out;
}

describe("convertToCog", () => {
  const cases: Array<[DType, number]> = [
    ["uint8", 3],
    ["int8", 1],
    ["uint16", 1],
    ["int16", 2],
    ["uint32", 1],
    ["int32", 1],
    ["float32", 4],
    ["float64", 1],
  ];
  it.each(cases)("converts a stripped big-endian %s raster with %i band(s) losslessly", async (dtype, bands) => {
    const { values, fixture, sampleFormat } = sample(dtype, W * H * bands);
    const input = join(tmp.dir, `${dtype}.tif`);
    writeFixture(input, { width: W, height: H, bands, data: fixture, sampleFormat, nodata: 0 });
    const out = join(tmp.dir, `${dtype}.cog.tif`);
    const result = await convertToCog(input, out, { tileSize: 64 });
    expect(result).toMatchObject({ dtype, bands, overviews: [[75, 50], [38, 25]] });
    const back = await readBands(out);
    expect(back.bands).toHaveLength(bands);
    for (let b = 0; b < bands; b++) expect(sha256(back.bands[b])).toBe(sha256(bandOf(values, bands, b)));
    expect(back.nodata).toBe(0);
    expect(back.origin).toEqual([-6, 5, 0]);
    const layout = expectCogLayout(out, 64);
    expect(layout.ifds[0].tags.get(317)).toEqual([dtype.startsWith("float") ? 3 : 2]);
  });

  it("re-tiles a tiled LZW COG (the real red.tif) without changing a pixel", async () => {
    const out = join(tmp.dir, "red-64.tif");
    await convertToCog(RGB[0], out, { tileSize: 64, compression: "none" });
    const back = await readBands(out);
    expect(sha256(back.bands[0])).toBe(ref("red").bands[0].pixels_sha256);
    const layout = expectCogLayout(out, 64);
    expect(layout.ifds[0].tags.get(259)).toEqual([1]);
    expect(layout.ifds.map((i) => i.tags.get(256))).toEqual([[255], [128], [64], [32]]); // 64×65 still exceeds a 64px tile
  });

  it("reads its own output back (deflate + floating-point predictor) as input", async () => {
    const first = join(tmp.dir, "float32.cog.tif");
    const again = join(tmp.dir, "float32.again.tif");
    await convertToCog(first, again, { tileSize: 32 });
    const [a, b] = await Promise.all([readBands(first), readBands(again)]);
    a.bands.forEach((band, i) => expect(sha256(b.bands[i])).toBe(sha256(band)));
  });

  it("averages overviews ignoring NaN nodata, and writes nan as GDAL_NODATA", async () => {
    const data = new Float32Array(W * H).fill(NaN);
    for (let i = 0; i < data.length; i += 2) data[i] = i % 1000; // every other column valid
    const input = join(tmp.dir, "nan.tif");
    writeFixture(input, { width: W, height: H, data, nodata: NaN });
    const out = join(tmp.dir, "nan.cog.tif");
    await convertToCog(input, out, { tileSize: 64 });
    const ovr = await readBands(out, 1);
    expect(ovr.nodata).toBeNaN();
    // Overview pixel (x, y) = mean of the valid (even-column) pixels of rows 2y, 2y+1.
    for (const [x, y] of [[0, 0], [10, 7], [74, 49]]) {
      const expected = (data[2 * y * W + 2 * x] + data[(2 * y + 1) * W + 2 * x]) / 2;
      expect(ovr.bands[0][y * 75 + x]).toBeCloseTo(expected, 3);
    }
  });

  it("writes BigTIFF on request", async () => {
    const out = join(tmp.dir, "big.tif");
    const result = await convertToCog(RGB[2], out, { tileSize: 128, bigTiff: true });
    expect(result.bigTiff).toBe(true);
    expect(readFileSync(out).readUInt16LE(2)).toBe(43);
    expectCogLayout(out, 128);
    expect(sha256((await readBands(out)).bands[0])).toBe(ref("blue").bands[0].pixels_sha256);
  });
});

describe("convertLargeToCog (windowed)", () => {
  it("produces byte-identical output to the in-memory conversion", async () => {
    const { fixture, sampleFormat } = sample("int16", 300 * 290 * 2);
    const input = join(tmp.dir, "wide.tif");
    writeFixture(input, { width: 300, height: 290, bands: 2, data: fixture, sampleFormat, nodata: -1 });
    const [a, b] = [join(tmp.dir, "wide.mem.tif"), join(tmp.dir, "wide.win.tif")];
    await convertToCog(input, a, { tileSize: 64 });
    const result = await convertLargeToCog(input, b, { tileSize: 64 });
    expect(result.overviews).toEqual([[150, 145], [75, 73], [38, 37]]);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
    expectCogLayout(b, 64);
  });

  it("keeps the real red.tif pixels", async () => {
    const out = join(tmp.dir, "red.win.tif");
    await convertLargeToCog(RGB[0], out, { tileSize: 32, resampling: "nearest" });
    expect(sha256((await readBands(out)).bands[0])).toBe(ref("red").bands[0].pixels_sha256);
    const ovr = await readBands(out, 1);
    const full = (await readBands(out)).bands[0];
    // "nearest" keeps the upper-left pixel of each 2×2 block.
    expect(ovr.bands[0][10 * 128 + 20]).toBe(full[20 * 255 + 40]);
    expectCogLayout(out, 32);
  });
});
