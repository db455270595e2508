import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  RasterError,
  convertLargeToCog,
  convertToCog,
  mergeToCog,
  rasterInfo,
  stackToCog,
  writeCog,
  type RowSource,
} from "../../worker/lib/raster/index.ts";
import { RGB, leftovers, tempDir } from "./raster-helpers.ts";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const OPERATIONS: Array<[string, (input: string, out: string) => Promise<unknown>]> = [
  ["cog", (input, out) => convertToCog(input, out)],
  ["cog --windowed", (input, out) => convertLargeToCog(input, out)],
  ["stack", (input, out) => stackToCog([RGB[0], input], out)],
  ["merge", (input, out) => mergeToCog([RGB[0], input], out)],
  ["info", (input) => rasterInfo(input)],
];

/** Bad inputs, each set up in `dir`, with the message a user should see. */
const BAD_INPUTS: Array<[string, (dir: string) => string, RegExp]> = [
  ["a missing file", (d) => join(d, "nope.tif"), /input file not found: .*nope\.tif/],
  [
    "a text file named .tif",
    (d) => (writeFileSync(join(d, "notes.tif"), "just some text\n"), join(d, "notes.tif")),
    /notes\.tif is not a TIFF file/,
  ],
  ["an empty file", (d) => (writeFileSync(join(d, "empty.tif"), ""), join(d, "empty.tif")), /is not a TIFF file/],
  [
    "a TIFF cut inside its tile data",
    (d) => (writeFileSync(join(d, "cut.tif"), readFileSync(RGB[0]).subarray(0, 100_000)), join(d, "cut.tif")),
    /cut\.tif is truncated: block 0 ends at byte 156187 but the file has 100000 bytes/,
  ],
  [
    "a TIFF cut before its first IFD",
    (d) => (writeFileSync(join(d, "head.tif"), readFileSync(RGB[0]).subarray(0, 120)), join(d, "head.tif")),
    /head\.tif is truncated or corrupt: first IFD at byte 192, file has 120 bytes/,
  ],
];

describe.each(OPERATIONS)("%s", (_name, run) => {
  it.each(BAD_INPUTS)("rejects %s with a clear error and writes nothing", async (_what, make, message) => {
    const input = make(dir);
    const before = leftovers(dir);
    const err = await run(input, join(dir, "out.tif")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RasterError);
    expect((err as Error).message).toMatch(message);
    expect(leftovers(dir)).toEqual(before);
  });
});

describe("writeCog failure mid-way", () => {
  it("removes its temp and spill files and leaves no output, even over an existing file", async () => {
    const out = join(dir, "out.tif");
    copyFileSync(RGB[1], out);
    const source: RowSource = {
      meta: { width: 100, height: 100, bands: 1, dtype: "uint8", georef: null, nodata: null, descriptions: [""] },
      async readRows(y0, rows) {
        if (y0 > 0) throw new Error("disk on fire");
        return [new Uint8Array(rows * 100)];
      },
    };
    await expect(writeCog(out, source, { tileSize: 32 })).rejects.toThrow("disk on fire");
    expect(leftovers(dir)).toEqual(["out.tif"]);
    expect(readFileSync(out).equals(readFileSync(RGB[1]))).toBe(true);
  });

  it("rejects a tile size that is not a multiple of 16", async () => {
    await expect(convertToCog(RGB[0], join(dir, "out.tif"), { tileSize: 100 })).rejects.toThrow(/multiple of 16/);
    expect(leftovers(dir)).toEqual([]);
  });
});
