import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeNpy, encodeNpy, readNpz, writeNpz } from "../../worker/lib/npz.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "pw-npz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** numpy, as the independent implementation: dumps each array's dtype, shape and C-order values. */
function numpyLoad(file: string): Record<string, { dtype: string; shape: number[]; c: boolean; values: Array<number | null> }> {
  const script = `
import json, math, sys, numpy as np
with np.load(sys.argv[1], allow_pickle=False) as z:
    out = {k: {"dtype": z[k].dtype.str, "shape": list(z[k].shape), "c": bool(z[k].flags.c_contiguous),
               "values": [None if math.isnan(v) else v for v in z[k].ravel(order="C").tolist()]} for k in z.files}
print(json.dumps(out))`;
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" }));
}

const nanToNull = (a: ArrayLike<number>) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

describe("npz", () => {
  it("writes files numpy loads with the right dtype, shape, order and values", async () => {
    const grid = new Float32Array(2 * 3 * 4).map((_, i) => i * 0.5 - 3);
    grid[5] = NaN;
    const f64 = Float64Array.from([Math.PI, -1e300, 0]);
    const file = path.join(dir, "tile.npz");
    await writeNpz(file, {
      t2m: { data: grid, shape: [2, 3, 4] },
      lat: { data: f64, shape: [3] },
      scalar: { data: Float32Array.of(42), shape: [] },
      empty: { data: new Float32Array(0), shape: [0, 5] },
    });
    expect(readdirSync(dir)).toEqual(["tile.npz"]); // no temp left

    const np = numpyLoad(file);
    expect(np.t2m).toEqual({ dtype: "<f4", shape: [2, 3, 4], c: true, values: nanToNull(grid) });
    expect(np.lat).toEqual({ dtype: "<f8", shape: [3], c: true, values: [Math.PI, -1e300, 0] });
    expect(np.scalar).toMatchObject({ dtype: "<f4", shape: [], values: [42] });
    expect(np.empty).toMatchObject({ dtype: "<f4", shape: [0, 5], values: [] });

    const back = readNpz(readFileSync(file));
    expect(back.t2m.shape).toEqual([2, 3, 4]);
    expect(back.t2m.data).toBeInstanceOf(Float32Array);
    expect(nanToNull(back.t2m.data)).toEqual(nanToNull(grid));
    expect(back.lat.data).toEqual(f64);
  });

  it("compressed output loads in numpy too", async () => {
    const file = path.join(dir, "c.npz");
    const data = new Float32Array(10_000).fill(1.25);
    await writeNpz(file, { v: { data, shape: [100, 100] } }, { compress: true });
    expect(readFileSync(file).length).toBeLessThan(data.byteLength / 10);
    expect(numpyLoad(file).v.values.every((v) => v === 1.25)).toBe(true);
  });

  it("reads what numpy writes (savez and savez_compressed)", () => {
    const file = path.join(dir, "fromnumpy.npz");
    execFileSync("python3", [
      "-c",
      `import numpy as np, sys
np.savez_compressed(sys.argv[1], a=np.arange(6, dtype="<f4").reshape(2, 3), b=np.array([1.5, np.nan], dtype="<f8"))`,
      file,
    ]);
    const z = readNpz(readFileSync(file));
    expect(z.a.shape).toEqual([2, 3]);
    expect(Array.from(z.a.data)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(nanToNull(z.b.data)).toEqual([1.5, null]);
  });

  it("pads the .npy header to 64 bytes, format 1.0", () => {
    const npy = encodeNpy({ data: new Float32Array(3), shape: [3] });
    expect(Array.from(npy.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLen = npy[8] | (npy[9] << 8);
    expect((10 + headerLen) % 64).toBe(0);
    expect(Buffer.from(npy.subarray(10, 10 + headerLen)).toString()).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3,\), \} *\n$/);
    expect(npy.length).toBe(10 + headerLen + 12);
  });

  it("rejects bad input", async () => {
    expect(() => encodeNpy({ data: new Float32Array(5), shape: [2, 3] })).toThrow(/needs 6 values/);
    expect(() => encodeNpy({ data: new Int32Array(2) as unknown as Float32Array, shape: [2] })).toThrow(/Float32Array/);
    await expect(writeNpz(path.join(dir, "bad.npz"), { "../x": { data: new Float32Array(1), shape: [1] } })).rejects.toThrow(/name/);
    expect(() => decodeNpy(new Uint8Array(20))).toThrow(/magic/);
    const npy = encodeNpy({ data: new Float32Array(4), shape: [4] });
    expect(() => decodeNpy(npy.subarray(0, npy.length - 1))).toThrow(/expected 16 data bytes/);
  });
});
