// N single-band rasters on one grid → one N-band COG (FATHOM: the 8 return periods of a tile).
import { basename } from "node:path";
import { parseFathomPath, parseLayerId, returnPeriodLabel } from "../../../src/domain/fathom/names.ts";
import { writeCog, type CogOptions, type CogResult } from "./cog-writer.ts";
import type { GeoTiffReader } from "./read.ts";
import { checkDistinct, closeAll, describeGrid, openAll, requireSame, sameGeotransform } from "./sources.ts";
import { RasterError, type RasterMeta, type RowSource } from "./types.ts";

export interface StackOptions extends CogOptions {
  /** Band descriptions in input order; default: see defaultBandDescription. */
  descriptions?: string[];
}

/**
 * "1in100" when the path is a FATHOM `{region}/{layer}/{tile}.tif` or its file name is a layer
 * id with a return period; otherwise the file name without extension.
 */
export function defaultBandDescription(path: string): string {
  const fathom = parseFathomPath(path);
  if (fathom.ok && fathom.meta.return_period !== null) return returnPeriodLabel(fathom.meta.return_period);
  const stem = basename(path).replace(/\.tiff?$/i, "");
  const layer = parseLayerId(stem);
  if (layer.ok && layer.meta.return_period !== null) return returnPeriodLabel(layer.meta.return_period);
  return stem;
}

function checkStackable(readers: GeoTiffReader[]): void {
  const first = readers[0];
  for (const r of readers) {
    if (r.meta.bands !== 1) throw new RasterError(`${r.path} has ${r.meta.bands} bands; stack takes single-band rasters`);
  }
  for (const r of readers.slice(1)) {
    const a = first.meta;
    const b = r.meta;
    const ga = a.georef?.geotransform;
    const gb = b.georef?.geotransform;
    const sameGrid = a.width === b.width && a.height === b.height && (ga && gb ? sameGeotransform(ga, gb) : !ga && !gb);
    if (!sameGrid) {
      throw new RasterError(`grids differ: ${first.path} is ${describeGrid(a)}, ${r.path} is ${describeGrid(b)}`);
    }
    requireSame("CRS (EPSG)", a.georef?.epsg ?? null, b.georef?.epsg ?? null, first.path, r.path);
    requireSame("data type", a.dtype, b.dtype, first.path, r.path);
    // GDAL_NODATA holds one value for all bands, so the bands must agree on it.
    requireSame("nodata", a.nodata, b.nodata, first.path, r.path);
  }
}

/** Stacks single-band `inputs` (same grid, type and nodata) into an N-band COG at `out`. */
export async function stackToCog(inputs: string[], out: string, opts: StackOptions = {}): Promise<CogResult> {
  if (inputs.length === 0) throw new RasterError("stack needs at least one input raster");
  if (opts.descriptions && opts.descriptions.length !== inputs.length) {
    throw new RasterError(`got ${opts.descriptions.length} band descriptions for ${inputs.length} inputs`);
  }
  checkDistinct(out, inputs);
  const readers = await openAll(inputs);
  try {
    checkStackable(readers);
    const meta: RasterMeta = {
      ...readers[0].meta,
      bands: readers.length,
      descriptions: opts.descriptions ?? inputs.map(defaultBandDescription),
    };
    const source: RowSource = {
      meta,
      async readRows(y0, rows) {
        const slabs = await Promise.all(readers.map((r) => r.readRows(y0, rows)));
        return slabs.map((bands) => bands[0]);
      },
    };
    return await writeCog(out, source, opts);
  } finally {
    await closeAll(readers);
  }
}
