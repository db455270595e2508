// Opening GeoTIFFs with geotiff.js: validation of the container (geotiff.js reads past the
// end of a truncated file as zeros, so we check every block lies inside the file), the
// metadata in GDAL's terms, and windowed reads.
import { open, stat } from "node:fs/promises";
import { fromFile, type GeoTIFF, type GeoTIFFImage } from "geotiff";
import {
  RasterError,
  dtypeFromTiff,
  type GeoKeys,
  type GeoTransform,
  type Georef,
  type RasterMeta,
  type RowSource,
  type TypedArray,
} from "./types.ts";

export interface GeoTiffReader extends RowSource {
  path: string;
  tiff: GeoTIFF;
  image: GeoTIFFImage;
  close(): Promise<void>;
}

const TIFF_MAGICS = ["49492a00", "4d4d002a", "49492b00", "4d4d002b"];

/** Existence, TIFF signature and a first IFD inside the file; returns the file size. */
async function checkContainer(path: string): Promise<number> {
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw err.code === "ENOENT" ? new RasterError(`input file not found: ${path}`) : err;
  });
  if (!st.isFile()) throw new RasterError(`${path} is not a regular file`);
  const size = st.size;
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await fh.read(head, 0, 16, 0);
    const magic = head.toString("hex", 0, 4);
    if (bytesRead < 8 || !TIFF_MAGICS.includes(magic)) {
      throw new RasterError(`${path} is not a TIFF file (bad magic bytes)`);
    }
    const le = magic.startsWith("4949");
    const bigTiff = head[2] === 0x2b || head[3] === 0x2b;
    const firstIfd = bigTiff
      ? Number(le ? head.readBigUInt64LE(8) : head.readBigUInt64BE(8))
      : le ? head.readUInt32LE(4) : head.readUInt32BE(4);
    if (firstIfd < 8 || firstIfd + 2 > size) {
      throw new RasterError(`${path} is truncated or corrupt: first IFD at byte ${firstIfd}, file has ${size} bytes`);
    }
  } finally {
    await fh.close();
  }
  return size;
}

const toNumbers = (v: unknown): number[] => Array.from(v as ArrayLike<number | bigint>, Number);

/** Every strip/tile must lie inside the file; otherwise the file was cut short. */
async function checkBlocksInside(image: GeoTIFFImage, fileSize: number, path: string): Promise<void> {
  const fd = image.fileDirectory;
  const [offTag, cntTag] = image.isTiled
    ? (["TileOffsets", "TileByteCounts"] as const)
    : (["StripOffsets", "StripByteCounts"] as const);
  if (!fd.hasTag(offTag) || !fd.hasTag(cntTag)) {
    throw new RasterError(`${path}: image has no ${offTag}/${cntTag}; not a readable raster`);
  }
  const offsets = toNumbers(await fd.loadValue(offTag));
  const counts = toNumbers(await fd.loadValue(cntTag));
  for (let i = 0; i < offsets.length; i++) {
    if (offsets[i] + counts[i] > fileSize) {
      throw new RasterError(
        `${path} is truncated: block ${i} ends at byte ${offsets[i] + counts[i]} but the file has ${fileSize} bytes`,
      );
    }
  }
}

function readGeotransform(image: GeoTIFFImage, pixelIsPoint: boolean): GeoTransform | null {
  const fd = image.fileDirectory;
  const scale = fd.hasTag("ModelPixelScale") ? toNumbers(fd.getValue("ModelPixelScale")) : null;
  const tie = fd.hasTag("ModelTiepoint") ? toNumbers(fd.getValue("ModelTiepoint")) : null;
  const mt = fd.hasTag("ModelTransformation") ? toNumbers(fd.getValue("ModelTransformation")) : null;
  let gt: GeoTransform;
  if (scale && tie && tie.length >= 6) {
    const [i, j, , x, y] = tie;
    gt = [x - i * scale[0], scale[0], 0, y + j * scale[1], 0, -scale[1]];
  } else if (mt && mt.length >= 16) {
    gt = [mt[3], mt[0], mt[1], mt[7], mt[4], mt[5]];
  } else {
    return null;
  }
  // Like GDAL (GTIFF_POINT_GEO_IGNORE=NO): a PixelIsPoint tiepoint marks the centre of
  // pixel (0,0), so the corner-based geotransform is half a pixel up-left of it.
  if (pixelIsPoint) {
    gt[0] -= 0.5 * (gt[1] + gt[2]);
    gt[3] -= 0.5 * (gt[4] + gt[5]);
  }
  return gt;
}

function readGeoKeys(image: GeoTIFFImage): GeoKeys | null {
  const fd = image.fileDirectory;
  if (!fd.hasTag("GeoKeyDirectory")) return null;
  const keys: GeoKeys = { directory: toNumbers(fd.getValue("GeoKeyDirectory")) };
  if (fd.hasTag("GeoDoubleParams")) keys.doubleParams = toNumbers(fd.getValue("GeoDoubleParams"));
  if (fd.hasTag("GeoAsciiParams")) keys.asciiParams = String(fd.getValue("GeoAsciiParams"));
  return keys;
}

const USER_DEFINED = 32767;

function readGeoref(image: GeoTIFFImage): Georef | null {
  const keys = image.getGeoKeys() ?? {};
  const pixelIsPoint = keys.GTRasterTypeGeoKey === 2;
  const geotransform = readGeotransform(image, pixelIsPoint);
  if (!geotransform) return null;
  const code = [keys.ProjectedCSTypeGeoKey, keys.GeographicTypeGeoKey].find(
    (c): c is number => typeof c === "number" && c > 0 && c !== USER_DEFINED,
  );
  return { geotransform, pixelIsPoint, geoKeys: readGeoKeys(image), epsg: code ?? null };
}

const XML_ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&" };

/** Band descriptions from GDAL_METADATA items with role="description" (GDAL's SetDescription). */
export function parseBandDescriptions(xml: string | null, bands: number): string[] {
  const out: string[] = Array(bands).fill("");
  if (!xml) return out;
  for (const m of xml.matchAll(/<Item\s([^>]*)>([^<]*)<\/Item>/g)) {
    const attrs = m[1];
    const sample = /sample="(\d+)"/.exec(attrs);
    if (!sample || !/role="description"/.test(attrs)) continue;
    const i = Number(sample[1]);
    if (i < bands) out[i] = m[2].replace(/&(lt|gt|quot|apos|amp);/g, (e) => XML_ENTITIES[e]);
  }
  return out;
}

function parseNodata(image: GeoTIFFImage): number | null {
  const fd = image.fileDirectory;
  if (!fd.hasTag("GDAL_NODATA")) return null;
  const text = String(fd.getValue("GDAL_NODATA")).replace(/\0/g, "").trim();
  if (/^nan$/i.test(text)) return NaN;
  const v = Number(text);
  return Number.isNaN(v) ? null : v;
}

async function readMeta(image: GeoTIFFImage, path: string): Promise<RasterMeta> {
  const bands = image.getSamplesPerPixel();
  const bits = toNumbers(image.fileDirectory.getValue("BitsPerSample"));
  const formats = image.fileDirectory.hasTag("SampleFormat")
    ? toNumbers(image.fileDirectory.getValue("SampleFormat"))
    : [1];
  const dtypes = new Set<string>();
  for (let b = 0; b < bands; b++) {
    const dt = dtypeFromTiff(formats[b] ?? formats[0], bits[b] ?? bits[0]);
    if (!dt) {
      throw new RasterError(
        `${path}: unsupported sample type (SampleFormat ${formats[b] ?? formats[0]}, ${bits[b] ?? bits[0]} bits)`,
      );
    }
    dtypes.add(dt);
  }
  if (dtypes.size > 1) throw new RasterError(`${path}: bands have different sample types (${[...dtypes].join(", ")})`);
  const fd = image.fileDirectory;
  const xml = fd.hasTag("GDAL_METADATA") ? String(await fd.loadValue("GDAL_METADATA")) : null;
  return {
    width: image.getWidth(),
    height: image.getHeight(),
    bands,
    dtype: [...dtypes][0] as RasterMeta["dtype"],
    georef: readGeoref(image),
    nodata: parseNodata(image),
    descriptions: parseBandDescriptions(xml, bands),
  };
}

/** Opens a GeoTIFF's first (full-resolution) image; throws RasterError for unusable files. */
export async function openGeoTiff(path: string): Promise<GeoTiffReader> {
  const fileSize = await checkContainer(path);
  let tiff: GeoTIFF;
  let image: GeoTIFFImage;
  try {
    tiff = await fromFile(path);
  } catch (err) {
    throw new RasterError(`${path}: cannot parse TIFF structure (${(err as Error).message})`);
  }
  try {
    image = await tiff.getImage(0);
    if (!image.getWidth() || !image.getHeight()) throw new RasterError(`${path}: image has no width/height`);
    await checkBlocksInside(image, fileSize, path);
    const meta = await readMeta(image, path);
    const readFullRows = async (y0: number, y1: number): Promise<TypedArray[]> => {
      try {
        return Array.from(await image.readRasters({ window: [0, y0, meta.width, y1], interleave: false })) as TypedArray[];
      } catch (err) {
        throw new RasterError(`${path}: cannot decode rows ${y0}–${y1} (${(err as Error).message})`);
      }
    };
    // Slabs are read in whole source-block rows and kept until a request leaves them, so a
    // source block taller than the requested slab is decoded once, not once per slab.
    const blockHeight = image.getTileHeight();
    let cached: { y0: number; y1: number; bands: TypedArray[] } | null = null;
    const readRows = async (y0: number, rows: number) => {
      if (!cached || y0 < cached.y0 || y0 + rows > cached.y1) {
        const start = Math.floor(y0 / blockHeight) * blockHeight;
        const end = Math.min(meta.height, Math.ceil((y0 + rows) / blockHeight) * blockHeight);
        cached = null; // release the previous slab before decoding the next
        cached = { y0: start, y1: end, bands: await readFullRows(start, end) };
      }
      const from = (y0 - cached.y0) * meta.width;
      return cached.bands.map((band) => band.subarray(from, from + rows * meta.width));
    };
    return {
      path,
      tiff,
      image,
      meta,
      readRows,
      async close() {
        await tiff.close();
      },
    };
  } catch (err) {
    await tiff.close();
    if (err instanceof RasterError) throw err;
    throw new RasterError(`${path}: cannot read TIFF (${(err as Error).message})`);
  }
}
