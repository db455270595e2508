// Opening several inputs at once (all or nothing) and comparing their grids.
import { resolve } from "node:path";
import { openGeoTiff, type GeoTiffReader } from "./read.ts";
import { RasterError, type GeoTransform, type RasterMeta } from "./types.ts";

/** Writing over an input would destroy it while it is being read. */
export function checkDistinct(out: string, inputs: string[]): void {
  if (inputs.some((p) => resolve(p) === resolve(out))) {
    throw new RasterError(`output ${out} must not be one of the inputs`);
  }
}

/** Opens every input; if any fails, closes those already open and rethrows. */
export async function openAll(paths: string[]): Promise<GeoTiffReader[]> {
  const readers: GeoTiffReader[] = [];
  try {
    for (const p of paths) readers.push(await openGeoTiff(p));
    return readers;
  } catch (err) {
    await closeAll(readers);
    throw err;
  }
}

export async function closeAll(readers: GeoTiffReader[]): Promise<void> {
  await Promise.all(readers.map((r) => r.close().catch(() => undefined)));
}

/** Pixel sizes agree to 1e-9 relative: FATHOM's 1/3600° steps are not exact in binary. */
export const sameStep = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** Same pixel size and rotation, origins within a millionth of a pixel. */
export function sameGeotransform(a: GeoTransform, b: GeoTransform): boolean {
  const tol = 1e-6 * Math.abs(a[1]);
  return (
    Math.abs(a[0] - b[0]) <= tol &&
    Math.abs(a[3] - b[3]) <= tol &&
    [1, 2, 4, 5].every((i) => sameStep(a[i], b[i]))
  );
}

export function describeGrid(m: RasterMeta): string {
  const gt = m.georef?.geotransform;
  const where = gt ? ` origin (${gt[0]}, ${gt[3]}) pixel ${gt[1]}×${gt[5]}` : " (no georeferencing)";
  return `${m.width}×${m.height}${where} EPSG:${m.georef?.epsg ?? "?"}`;
}

/** Rejects a `what` mismatch with both values and both files named. */
export function requireSame(what: string, a: unknown, b: unknown, pathA: string, pathB: string): void {
  if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) {
    throw new RasterError(`${what} differs: ${pathA} has ${String(a)}, ${pathB} has ${String(b)}`);
  }
}
