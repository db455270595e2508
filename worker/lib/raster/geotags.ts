// The GeoTIFF and GDAL tags that carry georeferencing, nodata and band descriptions.
import { ascii, doubles, shorts, type IfdEntry } from "./tiff-ifd.ts";
import type { Georef } from "./types.ts";

export const TAG = {
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  ModelTransformation: 34264,
  GeoKeyDirectory: 34735,
  GeoDoubleParams: 34736,
  GeoAsciiParams: 34737,
  GdalMetadata: 42112,
  GdalNodata: 42113,
} as const;

/** Georeferencing tags for the main IFD; the GeoKeys are copied as read so any CRS survives. */
export function georefEntries(georef: Georef): IfdEntry[] {
  const gt = [...georef.geotransform];
  if (georef.pixelIsPoint) {
    // Undo the half-pixel shift applied when reading: the tiepoint names the pixel centre.
    gt[0] += 0.5 * (gt[1] + gt[2]);
    gt[3] += 0.5 * (gt[4] + gt[5]);
  }
  const entries: IfdEntry[] =
    gt[2] === 0 && gt[4] === 0
      ? [doubles(TAG.ModelPixelScale, [gt[1], -gt[5], 0]), doubles(TAG.ModelTiepoint, [0, 0, 0, gt[0], gt[3], 0])]
      : [doubles(TAG.ModelTransformation, [gt[1], gt[2], 0, gt[0], gt[4], gt[5], 0, gt[3], 0, 0, 0, 0, 0, 0, 0, 1])];
  const keys = georef.geoKeys;
  if (keys) {
    entries.push(shorts(TAG.GeoKeyDirectory, keys.directory));
    if (keys.doubleParams?.length) entries.push(doubles(TAG.GeoDoubleParams, keys.doubleParams));
    // geotiff.js returns the ASCII params with their terminating NUL; ascii() adds it back.
    if (keys.asciiParams) entries.push(ascii(TAG.GeoAsciiParams, keys.asciiParams.replace(/\0$/, "")));
  }
  return entries;
}

/** GDAL_NODATA is text; GDAL reads "nan" for NaN. */
export const formatNodata = (v: number): string => (Number.isNaN(v) ? "nan" : String(v));

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** GDAL_METADATA XML with one description item per band (GDAL numbers samples from 0). */
export function gdalMetadataXml(descriptions: string[]): string | null {
  const items = descriptions
    .map((d, i) => (d ? `  <Item name="DESCRIPTION" sample="${i}" role="description">${escapeXml(d)}</Item>\n` : ""))
    .join("");
  return items ? `<GDALMetadata>\n${items}</GDALMetadata>\n` : null;
}
