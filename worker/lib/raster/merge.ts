// Mosaic of adjacent tiles (FATHOM: N×N 1° tiles) into one COG over their union. Streams by
// output slab: each slab reads only the rows of the tiles that overlap it.
import { writeCog, type CogOptions, type CogResult } from "./cog-writer.ts";
import type { GeoTiffReader } from "./read.ts";
import { checkDistinct, closeAll, openAll, requireSame, sameStep } from "./sources.ts";
import { DTYPES, RasterError, invalidPixel, isFloat, type GeoTransform, type RasterMeta, type RowSource } from "./types.ts";

export interface MergeOptions extends CogOptions {
  /** Output nodata; default: the first input's nodata, else NaN for floats and 0 for integers. */
  nodata?: number;
}

interface Placed {
  reader: GeoTiffReader;
  x: number;
  y: number;
}

/** Largest misalignment, in pixels, tolerated between tile origins and the common grid. */
const ALIGN_TOLERANCE = 1e-3;

function checkMergeable(readers: GeoTiffReader[]): void {
  const first = readers[0];
  for (const r of readers) {
    const gt = r.meta.georef?.geotransform;
    if (!gt) throw new RasterError(`${r.path} has no georeferencing; merge needs to know where each tile goes`);
    if (gt[2] !== 0 || gt[4] !== 0 || gt[5] >= 0) {
      throw new RasterError(`${r.path} is rotated or south-up; merge supports north-up rasters only`);
    }
  }
  const g0 = first.meta.georef!.geotransform;
  for (const r of readers.slice(1)) {
    const g = r.meta.georef!.geotransform;
    if (!sameStep(g[1], g0[1]) || !sameStep(g[5], g0[5])) {
      throw new RasterError(
        `resolution differs: ${first.path} has pixels ${g0[1]}×${g0[5]}, ${r.path} has ${g[1]}×${g[5]}`,
      );
    }
    requireSame("band count", first.meta.bands, r.meta.bands, first.path, r.path);
    requireSame("data type", first.meta.dtype, r.meta.dtype, first.path, r.path);
    requireSame("CRS (EPSG)", first.meta.georef!.epsg, r.meta.georef!.epsg, first.path, r.path);
  }
}

/** Output grid = union of the inputs; each input's pixel offset must be (nearly) whole. */
function layout(readers: GeoTiffReader[]): { geotransform: GeoTransform; width: number; height: number; placed: Placed[] } {
  const g0 = readers[0].meta.georef!.geotransform;
  const [px, py] = [g0[1], g0[5]];
  const left = Math.min(...readers.map((r) => r.meta.georef!.geotransform[0]));
  const top = Math.max(...readers.map((r) => r.meta.georef!.geotransform[3]));
  const placed = readers.map((reader) => {
    const g = reader.meta.georef!.geotransform;
    const fx = (g[0] - left) / px;
    const fy = (g[3] - top) / py;
    const [x, y] = [Math.round(fx), Math.round(fy)];
    if (Math.abs(fx - x) > ALIGN_TOLERANCE || Math.abs(fy - y) > ALIGN_TOLERANCE) {
      throw new RasterError(`${reader.path} is not aligned to the pixel grid of ${readers[0].path} (offset ${fx}, ${fy} pixels)`);
    }
    return { reader, x, y };
  });
  const width = Math.max(...placed.map((p) => p.x + p.reader.meta.width));
  const height = Math.max(...placed.map((p) => p.y + p.reader.meta.height));
  return { geotransform: [left, px, 0, top, 0, py], width, height, placed };
}

/**
 * Mosaics `inputs` (same resolution, band count, type and CRS) into one COG covering their
 * union. Pixels no input covers, and inputs' own nodata pixels, become the output nodata;
 * where inputs overlap, the later input's valid pixels win.
 */
export async function mergeToCog(inputs: string[], out: string, opts: MergeOptions = {}): Promise<CogResult> {
  if (inputs.length === 0) throw new RasterError("merge needs at least one input raster");
  checkDistinct(out, inputs);
  const readers = await openAll(inputs);
  try {
    checkMergeable(readers);
    const { geotransform, width, height, placed } = layout(readers);
    const first = readers[0].meta;
    const nodata = opts.nodata ?? first.nodata ?? (isFloat(first.dtype) ? NaN : 0);
    const meta: RasterMeta = { ...first, width, height, nodata, georef: { ...first.georef!, geotransform } };
    const invalid = placed.map((p) => invalidPixel(p.reader.meta.nodata, p.reader.meta.dtype));
    const source: RowSource = {
      meta,
      async readRows(y0, rows) {
        const slab = Array.from({ length: meta.bands }, () => DTYPES[meta.dtype].make(rows * width).fill(nodata));
        for (const [k, { reader, x, y }] of placed.entries()) {
          const top = Math.max(y0, y);
          const bottom = Math.min(y0 + rows, y + reader.meta.height);
          if (top >= bottom) continue;
          const w = reader.meta.width;
          const part = await reader.readRows(top - y, bottom - top);
          for (let b = 0; b < meta.bands; b++) {
            const src = part[b];
            const dst = slab[b];
            for (let r = 0; r < bottom - top; r++) {
              const d = (top - y0 + r) * width + x;
              for (let c = 0, s = r * w; c < w; c++, s++) if (!invalid[k](src[s])) dst[d + c] = src[s];
            }
          }
        }
        return slab;
      },
    };
    return await writeCog(out, source, opts);
  } finally {
    await closeAll(readers);
  }
}
