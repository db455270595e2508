// Any GeoTIFF → COG, either reading the whole raster at once (fast for rasters that fit in
// memory) or slab by slab (memory bounded by the raster's width, not its height).
import { writeCog, type CogOptions, type CogResult } from "./cog-writer.ts";
import { openGeoTiff } from "./read.ts";
import { checkDistinct } from "./sources.ts";
import type { RowSource, TypedArray } from "./types.ts";

/** Converts `input` to a COG, decoding the whole raster in one read (memory O(raster size)). */
export async function convertToCog(input: string, out: string, opts: CogOptions = {}): Promise<CogResult> {
  checkDistinct(out, [input]);
  const reader = await openGeoTiff(input);
  try {
    const width = reader.meta.width;
    let all: TypedArray[] | null = null;
    const source: RowSource = {
      meta: reader.meta,
      async readRows(y0, rows) {
        all ??= await reader.readRows(0, reader.meta.height);
        return all.map((band) => band.subarray(y0 * width, (y0 + rows) * width));
      },
    };
    return await writeCog(out, source, opts);
  } finally {
    await reader.close();
  }
}

/**
 * Converts `input` to a COG reading one row of output tiles at a time, so peak memory is
 * O(width × max(tileSize, source block height) × bands × bytesPerSample), independent of the
 * height: the current slab, one tile row per overview level (their widths halve, so together
 * about one more slab), geotiff.js's transient copies while decoding a slab (~2 slabs),
 * TILES_IN_FLIGHT tiles being compressed, and 16 bytes of bookkeeping per output tile.
 * Measured: ≈ 5 slabs + ~90 MiB runtime. A stripped source whose single strip is the whole
 * image can only be decoded whole — that is the strip layout's limit, not ours.
 */
export async function convertLargeToCog(input: string, out: string, opts: CogOptions = {}): Promise<CogResult> {
  checkDistinct(out, [input]);
  const reader = await openGeoTiff(input);
  try {
    return await writeCog(out, reader, opts);
  } finally {
    await reader.close();
  }
}
