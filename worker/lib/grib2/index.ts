// Public API of the GRIB2 decoder. Typical use:
//   for (const f of iterateFields(buf)) if (f.shortName === "TMP") values = f.decode();
export { Grib2FormatError, Grib2UnsupportedError } from "./errors.ts";
export { iterateFields, parseGrib2, scanMessages, type Grib2Field, type Grib2Message, type ScanResult } from "./decode.ts";
export {
  canonicalIndex, gridLatLon, toCanonical,
  type EarthShape, type GridDefinition, type LambertGrid, type LatLonGrid, type OtherGrid,
} from "./grid.ts";
export type { ComplexPacking, Packing } from "./packing.ts";
export type { Level, Statistics, TimeRange } from "./product.ts";
export { regridToLatLon, type RegridResult, type RegridTarget } from "./regrid.ts";
export { summarize, type Summary } from "./stats.ts";
export { describeLevel, parameterInfo, type ParameterInfo } from "./tables.ts";
export { encodeGrib2, type EncodeFieldSpec, type EncodeGridSpec, type EncodeOptions, type EncodePackingSpec } from "./encode.ts";
