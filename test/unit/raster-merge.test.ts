import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mergeToCog } from "../../worker/lib/raster/index.ts";
import { expectCogLayout, leftovers, readBands, tempDir, writeFixture } from "./raster-helpers.ts";

const tmp = tempDir();
afterAll(tmp.cleanup);

// 2×2 adjacent "1° tiles" of 40×30 pixels with 2 bands; each value encodes tile, band, row
// and column, so a pixel in the wrong place or band is detected.
const [W, H] = [40, 30];
const PX = 1 / W;
const PY = 1 / H;
const value = (tile: number, band: number, r: number, c: number) => tile * 100_000 + band * 10_000 + r * 100 + c;
const TILES = [
  { name: "n05w006", lat: 5, lon: -6 }, // lower-left of the 2×2 block
  { name: "n05w005", lat: 5, lon: -5 },
  { name: "n06w006", lat: 6, lon: -6 },
  { name: "n06w005", lat: 6, lon: -5 },
];

function writeTile(dir: string, t: number, opts: { nodataAt?: [number, number]; px?: number; bands?: number } = {}): string {
  const { lat, lon, name } = TILES[t];
  const bands = opts.bands ?? 2;
  const data = new Float32Array(W * H * bands);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      for (let b = 0; b < bands; b++) data[(r * W + c) * bands + b] = value(t, b, r, c);
    }
  }
  if (opts.nodataAt) data.fill(-9999, (opts.nodataAt[0] * W + opts.nodataAt[1]) * bands, (opts.nodataAt[0] * W + opts.nodataAt[1] + 1) * bands);
  const path = join(dir, `${name}.tif`);
  writeFixture(path, { width: W, height: H, bands, data, origin: [lon, lat + 1], pixel: [opts.px ?? PX, PY], nodata: -9999 });
  return path;
}

describe("mergeToCog", () => {
  it("puts every pixel of a 2×2 mosaic in its place", async () => {
    const inputs = [0, 1, 2, 3].map((t) => writeTile(tmp.dir, t));
    const out = join(tmp.dir, "merged.tif");
    const result = await mergeToCog(inputs, out, { tileSize: 32 });
    expect([result.width, result.height, result.bands]).toEqual([2 * W, 2 * H, 2]);
    const back = await readBands(out);
    expect(back.origin).toEqual([-6, 7, 0]);
    expect(back.resolution?.slice(0, 2)).toEqual([PX, -PY]);
    expect(back.nodata).toBe(-9999);
    for (let b = 0; b < 2; b++) {
      for (let y = 0; y < 2 * H; y++) {
        for (let x = 0; x < 2 * W; x++) {
          // Top row of the mosaic holds the northern tiles (2, 3).
          const t = (y < H ? 2 : 0) + (x < W ? 0 : 1);
          const got = back.bands[b][y * 2 * W + x];
          if (got !== value(t, b, y % H, x % W)) throw new Error(`band ${b} pixel (${x}, ${y}): ${got}`);
        }
      }
    }
    expectCogLayout(out, 32);
  });

  it("fills uncovered areas and the tiles' own nodata with nodata", async () => {
    const { dir, cleanup } = tempDir();
    try {
      // Tiles 0 (SW) and 3 (NE) only: NW and SE quadrants have no data.
      const inputs = [writeTile(dir, 0, { nodataAt: [0, 0] }), writeTile(dir, 3)];
      const out = join(dir, "diag.tif");
      await mergeToCog(inputs, out, { tileSize: 32 });
      const { bands, width } = await readBands(out);
      const at = (x: number, y: number) => bands[1][y * width + x];
      expect(at(5, 5)).toBe(-9999); // NW gap
      expect(at(W + 5, H + 5)).toBe(-9999); // SE gap
      expect(at(0, H)).toBe(-9999); // tile 0's own nodata pixel
      expect(at(1, H)).toBe(value(0, 1, 0, 1));
      expect(at(W + 7, 3)).toBe(value(3, 1, 3, 7));
      const valid = Array.from(bands[0]).filter((v) => v !== -9999).length;
      expect(valid).toBe(2 * W * H - 1);
    } finally {
      cleanup();
    }
  });

  it.each([
    ["resolution", { px: PX / 2 }, /resolution differs: .*n05w006\.tif has pixels 0\.025×-0\.0333.*, .*n05w005\.tif has 0\.0125×/],
    ["band count", { bands: 1 }, /band count differs: .* has 2, .* has 1/],
  ])("rejects a mismatched %s with a clear error and no output", async (_what, opts, message) => {
    const { dir, cleanup } = tempDir();
    try {
      const inputs = [writeTile(dir, 0), writeTile(dir, 1, opts)];
      await expect(mergeToCog(inputs, join(dir, "out.tif"))).rejects.toThrow(message);
      expect(leftovers(dir, ["n05w006.tif", "n05w005.tif"])).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it("rejects tiles off the common pixel grid", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const a = writeTile(dir, 0);
      const b = join(dir, "shifted.tif");
      writeFixture(b, { width: W, height: H, data: new Float32Array(W * H * 2), bands: 2, origin: [-5 + PX / 3, 6], pixel: [PX, PY] });
      await expect(mergeToCog([a, b], join(dir, "out.tif"))).rejects.toThrow(/not aligned to the pixel grid/);
    } finally {
      cleanup();
    }
  });
});
