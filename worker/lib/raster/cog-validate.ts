// COG structure check modelled on GDAL's validate_cloud_optimized_geotiff.py (full check):
// tiled, overviews when larger than a tile, IFDs first and in main→overview order, tile data
// after the IFDs with the smallest overview first and the main image last, and — when the
// ghost header promises them — row-major block order and the size leader / repeated trailer.
import { open, type FileHandle } from "node:fs/promises";
import type { GeoTIFF, GeoTIFFImage } from "geotiff";

export interface CogValidation {
  valid: boolean;
  errors: string[];
  warnings: string[];
  /** Parsed GDAL ghost header (GDAL_STRUCTURAL_METADATA), if present. */
  ghost: Record<string, string> | null;
}

interface Level {
  name: string;
  image: GeoTIFFImage;
  ifdOffset: number;
  offsets: number[];
  counts: number[];
}

const GHOST_PREFIX = "GDAL_STRUCTURAL_METADATA_SIZE=";
const GHOST_FIRST_LINE = `${GHOST_PREFIX}000000 bytes\n`.length;
const REDUCED = 1;
const MASK = 4;

async function readAt(fh: FileHandle, pos: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, pos);
  return buf.subarray(0, bytesRead);
}

/** Returns the ghost header's key/values and where the main IFD must then start. */
async function readGhost(fh: FileHandle, bigTiff: boolean): Promise<{ ghost: Record<string, string> | null; expectedIfd: number }> {
  const start = bigTiff ? 16 : 8;
  const first = (await readAt(fh, start, GHOST_FIRST_LINE)).toString("latin1");
  if (!first.startsWith(GHOST_PREFIX)) return { ghost: null, expectedIfd: start };
  const size = Number(first.slice(GHOST_PREFIX.length, GHOST_PREFIX.length + 6));
  const body = (await readAt(fh, start + GHOST_FIRST_LINE, size)).toString("latin1");
  const ghost: Record<string, string> = {};
  for (const line of body.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) ghost[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const end = start + GHOST_FIRST_LINE + size;
  return { ghost, expectedIfd: end + (end % 2) };
}

const nums = (v: unknown): number[] => Array.from(v as ArrayLike<number | bigint>, Number);

async function blockArrays(image: GeoTIFFImage): Promise<{ offsets: number[]; counts: number[] }> {
  const fd = image.fileDirectory;
  const tiled = image.isTiled;
  return {
    offsets: nums(await fd.loadValue(tiled ? "TileOffsets" : "StripOffsets")),
    counts: nums(await fd.loadValue(tiled ? "TileByteCounts" : "StripByteCounts")),
  };
}

async function checkBlocks(fh: FileHandle, level: Level, ghost: Record<string, string>, errors: string[]): Promise<void> {
  const rowMajor = ghost.BLOCK_ORDER === "ROW_MAJOR";
  const leader = ghost.BLOCK_LEADER === "SIZE_AS_UINT4";
  const trailer = ghost.BLOCK_TRAILER === "LAST_4_BYTES_REPEATED";
  let last = 0;
  for (let i = 0; i < level.offsets.length; i++) {
    const [off, count] = [level.offsets[i], level.counts[i]];
    if (off === 0) continue;
    if (rowMajor && off < last) errors.push(`${level.name}: offset of block ${i} is smaller than the previous block's`);
    last = off;
    if (leader && (await readAt(fh, off - 4, 4)).readUInt32LE(0) !== count) {
      errors.push(`${level.name}: block ${i} leader does not hold its size ${count}`);
    }
    if (trailer && count >= 4) {
      const tail = await readAt(fh, off + count - 4, 8);
      if (tail.length < 8 || !tail.subarray(0, 4).equals(tail.subarray(4, 8))) {
        errors.push(`${level.name}: block ${i} trailer does not repeat its last 4 bytes`);
      }
    }
  }
}

/** Validates the COG layout of an opened GeoTIFF; `path` is re-opened for raw reads. */
export async function validateCog(tiff: GeoTIFF, path: string): Promise<CogValidation> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const levels: Level[] = [];
  let ifdOffset = tiff.firstIFDOffset;
  const count = await tiff.getImageCount();
  for (let i = 0; i < count; i++) {
    const image = await tiff.getImage(i);
    const type = Number(image.fileDirectory.getValue("NewSubfileType") ?? 0);
    const isOverview = i > 0 && (type & REDUCED) !== 0 && (type & MASK) === 0;
    if (i === 0 || isOverview) {
      levels.push({ name: i === 0 ? "main image" : `overview ${levels.length - 1}`, image, ifdOffset, ...(await blockArrays(image)) });
    }
    ifdOffset = image.fileDirectory.nextIFDByteOffset;
  }
  const [main, ...overviews] = levels;

  for (const l of levels) if (!l.image.isTiled) errors.push(`${l.name} is not tiled (stored in strips)`);
  const [w, h] = [main.image.getWidth(), main.image.getHeight()];
  // Strips are not blocks a reader can fetch alone; judge them by GDAL's 512 px rule.
  const [bw, bh] = main.image.isTiled ? [main.image.getTileWidth(), main.image.getTileHeight()] : [512, 512];
  if ((w > bw || h > bh) && overviews.length === 0) {
    warnings.push(`the image (${w}×${h}) is larger than one ${bw}×${bh} block but has no internal overviews`);
  }
  levels.slice(1).forEach((l, i) => {
    const prev = levels[i].image;
    if (l.image.getWidth() > prev.getWidth() || l.image.getHeight() > prev.getHeight()) {
      errors.push(`${l.name} is larger than ${levels[i].name}`);
    }
    if (l.ifdOffset < levels[i].ifdOffset) {
      errors.push(`IFD of ${l.name} (byte ${l.ifdOffset}) comes before the IFD of ${levels[i].name} (byte ${levels[i].ifdOffset})`);
    }
  });

  const fh = await open(path, "r");
  try {
    const { ghost, expectedIfd } = await readGhost(fh, tiff.bigTiff);
    if (main.ifdOffset !== expectedIfd) {
      errors.push(`the main IFD should start at byte ${expectedIfd} but starts at byte ${main.ifdOffset}`);
    }
    if (ghost?.KNOWN_INCOMPATIBLE_EDITION === "YES") errors.push("the ghost header declares KNOWN_INCOMPATIBLE_EDITION=YES");

    const lastIfd = Math.max(...levels.map((l) => l.ifdOffset));
    const firstData = levels.map((l) => l.offsets.find((o) => o > 0) ?? 0);
    levels.forEach((l, i) => {
      const min = Math.min(...l.offsets.filter((o) => o > 0));
      if (Number.isFinite(min) && min < lastIfd) {
        errors.push(`tile data of ${l.name} starts at byte ${min}, before the last IFD (byte ${lastIfd})`);
      }
      // Data order: smallest overview first, main image last.
      const next = firstData[i + 1];
      if (next && firstData[i] && firstData[i] < next) {
        errors.push(`the first block of ${l.name} should come after the first block of ${levels[i + 1].name}`);
      }
    });
    if (ghost) for (const l of levels) await checkBlocks(fh, l, ghost, errors);
    return { valid: errors.length === 0, errors, warnings, ghost };
  } finally {
    await fh.close();
  }
}
