// Public raster API used by the worker tasks and the `npm run raster` CLI.
export { writeCog, type CogOptions, type CogResult } from "./cog-writer.ts";
export { validateCog, type CogValidation } from "./cog-validate.ts";
export { convertLargeToCog, convertToCog } from "./convert.ts";
export { footprintWgs84, toLonLat } from "./crs.ts";
export { formatInfo, rasterInfo, type BandStats, type RasterInfo } from "./info.ts";
export { mergeToCog, type MergeOptions } from "./merge.ts";
export { openGeoTiff, type GeoTiffReader } from "./read.ts";
export { defaultBandDescription, stackToCog, type StackOptions } from "./stack.ts";
export { RasterError, type DType, type GeoTransform, type RasterMeta, type RowSource, type TypedArray } from "./types.ts";
