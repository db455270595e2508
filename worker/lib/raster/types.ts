// Shared raster vocabulary: sample types, georeferencing and the row-streaming source
// interface every writer input (single file, stack, mosaic) implements.

export type DType = "uint8" | "int8" | "uint16" | "int16" | "uint32" | "int32" | "float32" | "float64";

export type TypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

interface DTypeInfo {
  bytes: number;
  /** TIFF SampleFormat: 1 unsigned int, 2 signed int, 3 IEEE float. */
  sampleFormat: 1 | 2 | 3;
  gdalName: string;
  make: (length: number) => TypedArray;
}

export const DTYPES: Record<DType, DTypeInfo> = {
  uint8: { bytes: 1, sampleFormat: 1, gdalName: "Byte", make: (n) => new Uint8Array(n) },
  int8: { bytes: 1, sampleFormat: 2, gdalName: "Int8", make: (n) => new Int8Array(n) },
  uint16: { bytes: 2, sampleFormat: 1, gdalName: "UInt16", make: (n) => new Uint16Array(n) },
  int16: { bytes: 2, sampleFormat: 2, gdalName: "Int16", make: (n) => new Int16Array(n) },
  uint32: { bytes: 4, sampleFormat: 1, gdalName: "UInt32", make: (n) => new Uint32Array(n) },
  int32: { bytes: 4, sampleFormat: 2, gdalName: "Int32", make: (n) => new Int32Array(n) },
  float32: { bytes: 4, sampleFormat: 3, gdalName: "Float32", make: (n) => new Float32Array(n) },
  float64: { bytes: 8, sampleFormat: 3, gdalName: "Float64", make: (n) => new Float64Array(n) },
};

export function dtypeFromTiff(sampleFormat: number, bits: number): DType | null {
  for (const [name, info] of Object.entries(DTYPES) as [DType, DTypeInfo][]) {
    if (info.sampleFormat === sampleFormat && info.bytes * 8 === bits) return name;
  }
  return null;
}

export const isFloat = (dtype: DType): boolean => DTYPES[dtype].sampleFormat === 3;

/** GDAL-style affine geotransform: [originX, pixelW, rotX, originY, rotY, pixelH] (pixel-corner convention). */
export type GeoTransform = [number, number, number, number, number, number];

/** The GeoKey directory and its parameter tags, copied verbatim so any CRS round-trips. */
export interface GeoKeys {
  directory: number[];
  doubleParams?: number[];
  asciiParams?: string;
}

export interface Georef {
  geotransform: GeoTransform;
  /** GTRasterTypeGeoKey = PixelIsPoint: the tiepoint names a pixel centre, not its corner. */
  pixelIsPoint: boolean;
  geoKeys: GeoKeys | null;
  epsg: number | null;
}

export interface RasterMeta {
  width: number;
  height: number;
  bands: number;
  dtype: DType;
  georef: Georef | null;
  nodata: number | null;
  /** Per-band descriptions ("" when unset); length = bands. */
  descriptions: string[];
}

/**
 * A raster delivered top to bottom in horizontal slabs. Writers request consecutive
 * slabs only, so implementations may stream from disk and hold one slab at a time.
 */
export interface RowSource {
  meta: RasterMeta;
  /** Rows [y0, y0+rows) of every band, each a rows×width row-major array. */
  readRows(y0: number, rows: number): Promise<TypedArray[]>;
}

/** Errors about the caller's input (bad file, mismatched grids): the CLI prints them without a stack. */
export class RasterError extends Error {
  override name = "RasterError";
}

/** Returns a predicate that is true for pixels to ignore (nodata, and NaN for floats). */
export function invalidPixel(nodata: number | null, dtype: DType): (v: number) => boolean {
  if (nodata === null) return (v) => v !== v;
  if (Number.isNaN(nodata)) return (v) => v !== v;
  // Float32 samples are compared at float32 precision, as GDAL does.
  const nd = dtype === "float32" ? Math.fround(nodata) : nodata;
  return (v) => v === nd || v !== v;
}
