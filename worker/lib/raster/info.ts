// `raster info`: what gdalinfo -stats would tell about a GeoTIFF, plus COG validation.
import { stat } from "node:fs/promises";
import { validateCog, type CogValidation } from "./cog-validate.ts";
import { openGeoTiff, type GeoTiffReader } from "./read.ts";
import { DTYPES, invalidPixel, type DType, type GeoTransform } from "./types.ts";

export interface BandStats {
  band: number;
  /** null when the band has no valid pixel. */
  min: number | null;
  max: number | null;
  mean: number | null;
  validCount: number;
}

export interface RasterInfo {
  path: string;
  sizeBytes: number;
  width: number;
  height: number;
  bands: number;
  dtype: DType;
  /** GDAL's name for the type, e.g. "UInt16". */
  gdalType: string;
  geotransform: GeoTransform | null;
  epsg: number | null;
  pixelIsPoint: boolean;
  nodata: number | null;
  /** Per-band descriptions from GDAL_METADATA ("" when unset). */
  descriptions: string[];
  compression: string;
  predictor: number;
  tiled: boolean;
  blockSize: [number, number];
  overviews: Array<[number, number]>;
  bigTiff: boolean;
  bandStats: BandStats[];
  cog: CogValidation;
}

const COMPRESSIONS: Record<number, string> = {
  1: "NONE",
  5: "LZW",
  7: "JPEG",
  8: "DEFLATE",
  32773: "PACKBITS",
  32946: "DEFLATE",
  34887: "LERC",
  50000: "ZSTD",
  50001: "WEBP",
};

/** Min/max/mean per band over valid pixels (not nodata, not NaN), streamed slab by slab. */
async function bandStats(reader: GeoTiffReader): Promise<BandStats[]> {
  const { meta } = reader;
  const invalid = invalidPixel(meta.nodata, meta.dtype);
  const acc = Array.from({ length: meta.bands }, () => ({ min: Infinity, max: -Infinity, sum: 0, n: 0 }));
  const slabRows = Math.max(reader.image.getTileHeight(), 256);
  for (let y = 0; y < meta.height; y += slabRows) {
    const slab = await reader.readRows(y, Math.min(slabRows, meta.height - y));
    slab.forEach((band, b) => {
      const a = acc[b];
      for (let i = 0; i < band.length; i++) {
        const v = band[i];
        if (invalid(v)) continue;
        if (v < a.min) a.min = v;
        if (v > a.max) a.max = v;
        a.sum += v;
        a.n++;
      }
    });
  }
  return acc.map((a, b) => ({
    band: b + 1,
    min: a.n ? a.min : null,
    max: a.n ? a.max : null,
    mean: a.n ? a.sum / a.n : null,
    validCount: a.n,
  }));
}

async function overviewSizes(reader: GeoTiffReader): Promise<Array<[number, number]>> {
  const sizes: Array<[number, number]> = [];
  const count = await reader.tiff.getImageCount();
  for (let i = 1; i < count; i++) {
    const img = await reader.tiff.getImage(i);
    const type = Number(img.fileDirectory.getValue("NewSubfileType") ?? 0);
    if ((type & 1) !== 0 && (type & 4) === 0) sizes.push([img.getWidth(), img.getHeight()]);
  }
  return sizes;
}

/** Describes a GeoTIFF; `stats: false` skips the full read for per-band statistics. */
export async function rasterInfo(path: string, opts: { stats?: boolean } = {}): Promise<RasterInfo> {
  const reader = await openGeoTiff(path);
  try {
    const { meta, image } = reader;
    const fd = image.fileDirectory;
    const code = Number(fd.getValue("Compression") ?? 1);
    return {
      path,
      sizeBytes: (await stat(path)).size,
      width: meta.width,
      height: meta.height,
      bands: meta.bands,
      dtype: meta.dtype,
      gdalType: DTYPES[meta.dtype].gdalName,
      geotransform: meta.georef?.geotransform ?? null,
      epsg: meta.georef?.epsg ?? null,
      pixelIsPoint: meta.georef?.pixelIsPoint ?? false,
      nodata: meta.nodata,
      descriptions: meta.descriptions,
      compression: COMPRESSIONS[code] ?? `code ${code}`,
      predictor: Number((await fd.loadValue("Predictor")) ?? 1),
      tiled: image.isTiled,
      blockSize: [image.getTileWidth(), image.getTileHeight()],
      overviews: await overviewSizes(reader),
      bigTiff: reader.tiff.bigTiff,
      bandStats: opts.stats === false ? [] : await bandStats(reader),
      cog: await validateCog(reader.tiff, path),
    };
  } finally {
    await reader.close();
  }
}

const fmt = (v: number | null) => (v === null ? "n/a" : Number.isInteger(v) ? String(v) : v.toPrecision(8));

/** Human-readable report, in the spirit of gdalinfo. */
export function formatInfo(info: RasterInfo): string {
  const lines = [
    `File: ${info.path} (${info.sizeBytes} bytes${info.bigTiff ? ", BigTIFF" : ""})`,
    `Size: ${info.width} × ${info.height}, ${info.bands} band(s), ${info.gdalType}`,
    `Layout: ${info.tiled ? "tiled" : "stripped"} ${info.blockSize.join("×")}, compression ${info.compression}, predictor ${info.predictor}`,
    `Overviews: ${info.overviews.length ? info.overviews.map((o) => o.join("×")).join(", ") : "none"}`,
    `CRS: ${info.epsg ? `EPSG:${info.epsg}` : "unknown"}${info.pixelIsPoint ? " (PixelIsPoint)" : ""}`,
    `GeoTransform: ${info.geotransform ? info.geotransform.join(", ") : "none"}`,
    `NoData: ${info.nodata === null ? "none" : info.nodata}`,
  ];
  info.descriptions.forEach((d, i) => {
    const s = info.bandStats[i];
    const stats = s ? `: min=${fmt(s.min)} max=${fmt(s.max)} mean=${fmt(s.mean)} valid=${s.validCount}` : "";
    lines.push(`Band ${i + 1}${d ? ` "${d}"` : ""}${stats}`);
  });
  lines.push(`COG: ${info.cog.valid ? "valid" : "NOT valid"}`);
  for (const e of info.cog.errors) lines.push(`  error: ${e}`);
  for (const w of info.cog.warnings) lines.push(`  warning: ${w}`);
  return lines.join("\n");
}
