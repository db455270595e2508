// Test helpers for the raster suites: fixtures written with geotiff.js's own writer, reads
// through geotiff.js, and a small TIFF structure parser independent of the code under test.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromFile, writeArrayBuffer, type GeotiffWriterMetadata } from "geotiff";
import { expect } from "vitest";

export const FIXTURES = fileURLToPath(new URL("../fixtures/geotiff", import.meta.url));
export const RGB = ["red", "green", "blue"].map((c) => join(FIXTURES, `${c}.tif`));

export interface RefBand {
  pixels_sha256: string;
  min: number;
  max: number;
  mean: number;
  count_valid: number;
  sample_pixels: Array<{ col: number; row: number; value: number }>;
}
export interface Ref {
  summary: { width: number; height: number; geotransform: number[]; epsg: number; nodata: number[]; cog_validation: { is_valid_cog: boolean } };
  bands: RefBand[];
}
export const ref = (color: string): Ref => JSON.parse(readFileSync(join(FIXTURES, "ref", `${color}.tif.ref.json`), "utf8"));

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "pipewatch-raster-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Files other than `keep` in `dir` (temp files and half-written outputs must not linger). */
export const leftovers = (dir: string, keep: string[] = []) => readdirSync(dir).filter((f) => !keep.includes(f));

type Num = ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };
export const sha256 = (a: Num) => createHash("sha256").update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest("hex");

export interface FixtureOptions {
  width: number;
  height: number;
  /** Pixel-interleaved values of every band. */
  data: Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;
  /** Overrides the sample format, e.g. 2 to store Int16 bits passed as a Uint16Array. */
  sampleFormat?: number;
  bands?: number;
  /** Upper-left corner and pixel size (EPSG:4326 unless epsg is given). */
  origin?: [number, number];
  pixel?: [number, number];
  epsg?: number;
  nodata?: number;
}

/**
 * Writes a stripped, uncompressed, big-endian GeoTIFF with geotiff.js's writer. Its encoder
 * only knows unsigned and float arrays, so signed types are passed as same-width unsigned bits
 * with an explicit SampleFormat.
 */
export function writeFixture(path: string, o: FixtureOptions): void {
  const bands = o.bands ?? 1;
  const [x0, y0] = o.origin ?? [-6, 5];
  const [px, py] = o.pixel ?? [0.01, 0.01];
  const meta: GeotiffWriterMetadata = {
    width: o.width,
    height: o.height,
    ModelPixelScale: [px, py, 0],
    ModelTiepoint: [0, 0, 0, x0, y0, 0],
    GTModelTypeGeoKey: o.epsg && o.epsg !== 4326 ? 1 : 2,
    GTRasterTypeGeoKey: 1,
    ...(o.epsg && o.epsg !== 4326 ? { ProjectedCSTypeGeoKey: o.epsg } : { GeographicTypeGeoKey: 4326 }),
    PhotometricInterpretation: 1,
    SamplesPerPixel: bands,
    ...(o.sampleFormat ? { SampleFormat: Array(bands).fill(o.sampleFormat) } : {}),
    ...(o.nodata !== undefined ? { GDAL_NODATA: String(o.nodata) } : {}),
  };
  writeFileSync(path, Buffer.from(writeArrayBuffer(o.data, meta)));
}

/** Every band of image `index` plus its metadata, read by geotiff.js (file closed afterwards). */
export async function readBands(path: string, index = 0) {
  const tiff = await fromFile(path);
  try {
    const image = await tiff.getImage(index);
    const rasters = await image.readRasters({ interleave: false });
    const bands = Array.from(rasters);
    const descriptions: unknown[] = [];
    for (let i = 0; i < bands.length; i++) descriptions.push((await image.getGDALMetadata(i))?.DESCRIPTION);
    return {
      bands,
      width: rasters.width,
      height: rasters.height,
      nodata: image.getGDALNoData(),
      descriptions,
      origin: index === 0 ? image.getOrigin() : null,
      resolution: index === 0 ? image.getResolution() : null,
    };
  } finally {
    await tiff.close();
  }
}

// ---------- independent TIFF structure parser ----------

export interface ParsedIfd {
  offset: number;
  /** First byte after the IFD and its out-of-line values. */
  end: number;
  tags: Map<number, number[] | string>;
}

export interface TiffLayout {
  bigTiff: boolean;
  ghost: string | null;
  ifds: ParsedIfd[];
}

const SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8 };

/** Walks the IFD chain of a little-endian TIFF/BigTIFF and decodes every tag's values. */
export function parseTiff(path: string): TiffLayout {
  const buf = readFileSync(path);
  if (buf.toString("latin1", 0, 2) !== "II") throw new Error("test parser handles little-endian only");
  const bigTiff = buf.readUInt16LE(2) === 43;
  const u = (p: number, n: number) => (n === 2 ? buf.readUInt16LE(p) : n === 4 ? buf.readUInt32LE(p) : Number(buf.readBigUInt64LE(p)));
  const headerEnd = bigTiff ? 16 : 8;
  const ghostText = buf.toString("latin1", headerEnd, headerEnd + 43);
  const ghost = ghostText.startsWith("GDAL_STRUCTURAL_METADATA_SIZE=")
    ? buf.toString("latin1", headerEnd, headerEnd + 43 + Number(ghostText.slice(30, 36)))
    : null;
  const ifds: ParsedIfd[] = [];
  for (let off = u(bigTiff ? 8 : 4, bigTiff ? 8 : 4); off !== 0; ) {
    const count = u(off, bigTiff ? 8 : 2);
    const entrySize = bigTiff ? 20 : 12;
    const first = off + (bigTiff ? 8 : 2);
    const tags = new Map<number, number[] | string>();
    let end = first + count * entrySize + (bigTiff ? 8 : 4);
    for (let i = 0; i < count; i++) {
      const e = first + i * entrySize;
      const [tag, type] = [u(e, 2), u(e + 2, 2)];
      const n = u(e + 4, bigTiff ? 8 : 4);
      const bytes = n * SIZES[type];
      const inline = bytes <= (bigTiff ? 8 : 4);
      const at = inline ? e + (bigTiff ? 12 : 8) : u(e + (bigTiff ? 12 : 8), bigTiff ? 8 : 4);
      if (!inline) end = Math.max(end, at + bytes);
      if (type === 2) tags.set(tag, buf.toString("utf8", at, at + n).replace(/\0$/, ""));
      else if (type === 12) tags.set(tag, Array.from({ length: n }, (_, k) => buf.readDoubleLE(at + 8 * k)));
      else tags.set(tag, Array.from({ length: n }, (_, k) => u(at + k * SIZES[type], SIZES[type])));
    }
    ifds.push({ offset: off, end, tags });
    off = u(first + count * entrySize, bigTiff ? 8 : 4);
  }
  return { bigTiff, ghost, ifds };
}

export const tagNums = (ifd: ParsedIfd, tag: number): number[] => (ifd.tags.get(tag) as number[] | undefined) ?? [];

/**
 * Asserts GDAL's COG layout by reading the bytes: ghost header then the main IFD, every level
 * tiled, overview IFDs after the main one with halving sizes down to one tile, all IFDs before
 * any tile data, tile data ordered smallest overview → main, blocks row-major with a size
 * leader and a repeated 4-byte trailer.
 */
export function expectCogLayout(path: string, tileSize: number): TiffLayout {
  const layout = parseTiff(path);
  const buf = readFileSync(path);
  expect(layout.ghost).toMatch(/^GDAL_STRUCTURAL_METADATA_SIZE=\d{6} bytes\nLAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\n/);
  const ghostEnd = (layout.bigTiff ? 16 : 8) + layout.ghost!.length;
  expect(layout.ifds[0].offset).toBe(ghostEnd + (ghostEnd % 2));
  const levels = layout.ifds.map((ifd) => ({
    width: tagNums(ifd, 256)[0],
    height: tagNums(ifd, 257)[0],
    offsets: tagNums(ifd, 324),
    counts: tagNums(ifd, 325),
  }));
  for (const [i, ifd] of layout.ifds.entries()) {
    expect(tagNums(ifd, 322)).toEqual([tileSize]);
    expect(tagNums(ifd, 323)).toEqual([tileSize]);
    expect(tagNums(ifd, 254)).toEqual(i === 0 ? [] : [1]);
    const lv = levels[i];
    expect(lv.offsets.length).toBe(Math.ceil(lv.width / tileSize) * Math.ceil(lv.height / tileSize));
    if (i > 0) {
      expect(ifd.offset).toBeGreaterThan(layout.ifds[i - 1].offset);
      expect([lv.width, lv.height]).toEqual([Math.ceil(levels[i - 1].width / 2), Math.ceil(levels[i - 1].height / 2)]);
    }
  }
  // Overviews continue until the smallest level fits in one tile (and stop there).
  const last = levels.at(-1)!;
  expect(last.width <= tileSize && last.height <= tileSize).toBe(true);
  if (levels.length > 1) expect(levels.at(-2)!.width > tileSize || levels.at(-2)!.height > tileSize).toBe(true);
  const ifdEnd = Math.max(...layout.ifds.map((ifd) => ifd.end));
  levels.forEach((lv, i) => {
    lv.offsets.forEach((off, k) => {
      if (k > 0) expect(off).toBeGreaterThan(lv.offsets[k - 1]);
      expect(off).toBeGreaterThanOrEqual(ifdEnd + 4);
      expect(buf.readUInt32LE(off - 4)).toBe(lv.counts[k]);
      const end = off + lv.counts[k];
      expect(buf.subarray(end - 4, end).equals(buf.subarray(end, end + 4))).toBe(true);
    });
    const next = levels[i + 1];
    if (next) {
      const nextEnd = Math.max(...next.offsets.map((o, k) => o + next.counts[k]));
      expect(Math.min(...lv.offsets)).toBeGreaterThan(nextEnd);
    }
  });
  return layout;
}
