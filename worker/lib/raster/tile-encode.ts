// Turns one tile of a band-separate slab into the bytes stored in the TIFF: pixel-interleaved
// (PlanarConfiguration=1), padded to a full tile, predictor applied, then zlib-deflated.
// Deflate runs in Node's native zlib on the libuv thread pool, so several tiles compress in
// parallel while the main thread prepares the next ones.
import { promisify } from "node:util";
import { deflate } from "node:zlib";
import { DTYPES, isFloat, type DType, type TypedArray } from "./types.ts";

export type Compression = "deflate" | "none";

const deflateAsync = promisify(deflate);

/** TIFF Predictor: 2 (horizontal differencing) suits integers, 3 (floating point) suits floats. */
export function predictorFor(dtype: DType, compression: Compression): 1 | 2 | 3 {
  if (compression === "none") return 1;
  return isFloat(dtype) ? 3 : 2;
}

export interface TileSpec {
  dtype: DType;
  bands: number;
  tileSize: number;
  /** Value for the padding outside the raster in edge tiles. */
  fill: number;
  compression: Compression;
  /** zlib level 1–9. */
  level: number;
}

/** Predictor 2 in place: each sample minus the same band's sample to its left (modular arithmetic). */
function horizontalDiff(tile: TypedArray, rowLen: number, stride: number): void {
  for (let row = tile.length - rowLen; row >= 0; row -= rowLen) {
    for (let i = row + rowLen - 1; i >= row + stride; i--) tile[i] -= tile[i - stride];
  }
}

/**
 * Predictor 3 (Adobe TIFF tech note 3): per row, bytes are regrouped most-significant plane
 * first, then byte-wise differenced with the sample stride. Matches libtiff's fpDiff.
 */
function floatingPointDiff(tile: TypedArray, rowLen: number, stride: number, bytes: number): Uint8Array {
  const src = new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
  const out = new Uint8Array(src.length);
  const rowBytes = rowLen * bytes;
  for (let row = 0; row < src.length; row += rowBytes) {
    for (let i = 0; i < rowLen; i++) {
      for (let b = 0; b < bytes; b++) out[row + (bytes - 1 - b) * rowLen + i] = src[row + i * bytes + b];
    }
    for (let j = row + rowBytes - 1; j >= row + stride; j--) out[j] -= out[j - stride];
  }
  return out;
}

/**
 * Encodes the tile whose left edge is column x0 of a slab (`rows` rows, `width` columns,
 * one array per band).
 */
export async function encodeTile(spec: TileSpec, slab: TypedArray[], width: number, rows: number, x0: number): Promise<Uint8Array> {
  const { tileSize: t, bands } = spec;
  const tile = DTYPES[spec.dtype].make(t * t * bands);
  tile.fill(spec.fill);
  const cols = Math.min(t, width - x0);
  for (let r = 0; r < rows; r++) {
    const srcRow = r * width + x0;
    const dstRow = r * t * bands;
    for (let b = 0; b < bands; b++) {
      const band = slab[b];
      for (let c = 0, d = dstRow + b; c < cols; c++, d += bands) tile[d] = band[srcRow + c];
    }
  }
  const predictor = predictorFor(spec.dtype, spec.compression);
  let raw: Uint8Array;
  if (predictor === 2) {
    horizontalDiff(tile, t * bands, bands);
    raw = new Uint8Array(tile.buffer);
  } else if (predictor === 3) {
    raw = floatingPointDiff(tile, t * bands, bands, DTYPES[spec.dtype].bytes);
  } else {
    raw = new Uint8Array(tile.buffer);
  }
  return spec.compression === "deflate" ? deflateAsync(raw, { level: spec.level }) : raw;
}
