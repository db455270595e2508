// Streaming Cloud-Optimized GeoTIFF writer.
//
// The source is consumed one row of tiles at a time. Each finished tile row is compressed and
// appended to a per-level spill file, then halved into the next overview level's row buffer,
// which flushes in turn once it holds a full tile row. When the source is exhausted the
// final file is assembled in GDAL's COG order:
//   header | ghost header | IFD main | IFD ovr1 | … | IFD ovrN | tiles ovrN | … | tiles ovr1 | tiles main
// Every tile is framed by a 4-byte size leader and a trailer repeating its last 4 bytes, as
// GDAL writes and as the ghost header announces. Output goes to a temp file renamed at the end.
import { mkdir, open, unlink, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { commitTemp, discardOrphanTemps, discardTemp, tempPathFor } from "../storage.ts";
import { formatNodata, gdalMetadataXml, georefEntries, TAG } from "./geotags.ts";
import { downsample2, type DownsampleSpec, type Resampling } from "./overview.ts";
import { encodeTile, predictorFor, type Compression, type TileSpec } from "./tile-encode.ts";
import { FieldType, ascii, ifdByteSize, longs, shorts, writeIfd, type IfdEntry } from "./tiff-ifd.ts";
import {
  DTYPES,
  RasterError,
  invalidPixel,
  isFloat,
  type GeoTransform,
  type RasterMeta,
  type RowSource,
  type TypedArray,
} from "./types.ts";

export interface CogOptions {
  /** Tile edge in pixels, a multiple of 16 (TIFF rule). Default 512 like GDAL's COG driver. */
  tileSize?: number;
  compression?: Compression;
  /** zlib level 1–9, default 6. */
  deflateLevel?: number;
  /** Overview resampling; both ignore nodata. Default "average". */
  resampling?: Resampling;
  /** "auto" (default) switches to BigTIFF only when 32-bit offsets would overflow. */
  bigTiff?: boolean | "auto";
}

export interface CogResult {
  path: string;
  width: number;
  height: number;
  bands: number;
  dtype: RasterMeta["dtype"];
  tileSize: number;
  /** [width, height] of each internal overview, largest first. */
  overviews: Array<[number, number]>;
  bytes: number;
  bigTiff: boolean;
  geotransform: GeoTransform | null;
  epsg: number | null;
  nodata: number | null;
  descriptions: string[];
}

const GHOST =
  "LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\n" +
  "BLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n ";
const GHOST_HEADER = `GDAL_STRUCTURAL_METADATA_SIZE=${String(GHOST.length).padStart(6, "0")} bytes\n${GHOST}`;
const FRAME = 8; // leader + trailer bytes around each tile
const MAX_CLASSIC = 0xffff_ffff;
/** Tiles compressed concurrently (libuv's pool has 4 threads); bounds the encode buffers too. */
const TILES_IN_FLIGHT = 4;

interface Level {
  width: number;
  height: number;
  tilesX: number;
  /** Compressed size of each tile, row-major. */
  byteCounts: number[];
  spillPath: string;
  spill: FileHandle;
  spillBytes: number;
  /** Overview levels accumulate one tile row here (one array per band). */
  buffer: TypedArray[];
  bufferedRows: number;
  receivedRows: number;
}

function levelSizes(width: number, height: number, tile: number): Array<[number, number]> {
  const sizes: Array<[number, number]> = [[width, height]];
  let [w, h] = [width, height];
  // Power-of-two overviews until the smallest fits into one tile (GDAL's COG rule).
  while (w > tile || h > tile) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    sizes.push([w, h]);
  }
  return sizes;
}

class CogBuilder {
  readonly levels: Level[] = [];
  readonly tileSpec: TileSpec;
  readonly down: DownsampleSpec;

  constructor(
    readonly meta: RasterMeta,
    readonly out: string,
    readonly tileSize: number,
    opts: Required<Pick<CogOptions, "compression" | "deflateLevel" | "resampling">>,
  ) {
    const fill = meta.nodata ?? (isFloat(meta.dtype) ? NaN : 0);
    this.tileSpec = { dtype: meta.dtype, bands: meta.bands, tileSize, fill, compression: opts.compression, level: opts.deflateLevel };
    this.down = { method: opts.resampling, dtype: meta.dtype, invalid: invalidPixel(meta.nodata, meta.dtype), fill };
  }

  async open(): Promise<void> {
    for (const [i, [width, height]] of levelSizes(this.meta.width, this.meta.height, this.tileSize).entries()) {
      const spillPath = tempPathFor(this.out);
      const spill = await open(spillPath, "wx+", 0o600);
      const rowLen = i === 0 ? 0 : width * this.tileSize; // level 0 is fed straight from the source
      this.levels.push({
        width,
        height,
        tilesX: Math.ceil(width / this.tileSize),
        byteCounts: [],
        spillPath,
        spill,
        spillBytes: 0,
        buffer: Array.from({ length: this.meta.bands }, () => DTYPES[this.meta.dtype].make(rowLen)),
        bufferedRows: 0,
        receivedRows: 0,
      });
    }
  }

  /** Encodes one tile row of level `l`, then feeds its halved version to level l+1. */
  async flushTileRow(l: number, slab: TypedArray[], rows: number): Promise<void> {
    const level = this.levels[l];
    for (let tx = 0; tx < level.tilesX; tx += TILES_IN_FLIGHT) {
      const batch: Array<Promise<Uint8Array>> = [];
      for (let t = tx; t < Math.min(tx + TILES_IN_FLIGHT, level.tilesX); t++) {
        batch.push(encodeTile(this.tileSpec, slab, level.width, rows, t * this.tileSize));
      }
      for (const data of await Promise.all(batch)) {
        const framed = Buffer.allocUnsafe(data.length + FRAME);
        framed.writeUInt32LE(data.length, 0);
        framed.set(data, 4);
        framed.set(data.subarray(data.length - 4), data.length + 4);
        await level.spill.write(framed, 0, framed.length, level.spillBytes);
        level.spillBytes += framed.length;
        level.byteCounts.push(data.length);
      }
    }
    const next = this.levels[l + 1];
    if (!next) return;
    for (let b = 0; b < slab.length; b++) {
      downsample2(this.down, slab[b], level.width, rows, next.buffer[b], next.bufferedRows);
    }
    const produced = Math.ceil(rows / 2);
    next.bufferedRows += produced;
    next.receivedRows += produced;
    if (next.bufferedRows === this.tileSize || next.receivedRows === next.height) {
      const filled = next.bufferedRows;
      next.bufferedRows = 0;
      await this.flushTileRow(l + 1, next.buffer, filled);
    }
  }

  /** Entries of level `l`'s IFD, given its tile offsets. */
  ifdEntries(l: number, offsets: number[], bigTiff: boolean): IfdEntry[] {
    const { meta, tileSize } = this;
    const level = this.levels[l];
    const bands = meta.bands;
    const info = DTYPES[meta.dtype];
    const offsetType = bigTiff ? FieldType.LONG8 : FieldType.LONG;
    const entries: IfdEntry[] = [
      longs(256, [level.width]),
      longs(257, [level.height]),
      shorts(258, Array(bands).fill(info.bytes * 8)),
      shorts(259, [this.tileSpec.compression === "deflate" ? 8 : 1]),
      shorts(262, [1]), // MinIsBlack: bands are data, not colours
      shorts(277, [bands]),
      shorts(284, [1]),
      shorts(322, [tileSize]),
      shorts(323, [tileSize]),
      { tag: 324, type: offsetType, values: offsets },
      { tag: 325, type: offsetType, values: level.byteCounts },
      shorts(339, Array(bands).fill(info.sampleFormat)),
    ];
    if (l > 0) entries.push(longs(254, [1])); // NewSubfileType: reduced-resolution image
    const predictor = predictorFor(meta.dtype, this.tileSpec.compression);
    if (predictor !== 1) entries.push(shorts(317, [predictor]));
    if (bands > 1) entries.push(shorts(338, Array(bands - 1).fill(0))); // ExtraSamples: unspecified
    if (meta.nodata !== null) entries.push(ascii(TAG.GdalNodata, formatNodata(meta.nodata)));
    if (l === 0) {
      if (meta.georef) entries.push(...georefEntries(meta.georef));
      const xml = gdalMetadataXml(meta.descriptions);
      if (xml) entries.push(ascii(TAG.GdalMetadata, xml));
    }
    return entries;
  }

  /** Where the IFDs go; their sizes do not depend on the offset values, so byte counts stand in. */
  layout(bigTiff: boolean): { ifdStart: number; ifdSizes: number[]; headSize: number } {
    const headerSize = bigTiff ? 16 : 8;
    let ifdStart = headerSize + GHOST_HEADER.length;
    ifdStart += ifdStart & 1; // IFDs start on a word boundary
    const ifdSizes = this.levels.map((lv, l) => ifdByteSize(this.ifdEntries(l, lv.byteCounts, bigTiff), bigTiff));
    return { ifdStart, ifdSizes, headSize: ifdStart + ifdSizes.reduce((a, b) => a + b, 0) };
  }

  /** Header + ghost + all IFDs, with tile offsets pointing into the data section that follows. */
  buildHead(bigTiff: boolean): Uint8Array {
    const { ifdStart, ifdSizes, headSize } = this.layout(bigTiff);

    // Data: smallest overview first, main resolution last; offsets skip each tile's leader.
    const offsets: number[][] = this.levels.map(() => []);
    let pos = headSize;
    for (let l = this.levels.length - 1; l >= 0; l--) {
      for (const count of this.levels[l].byteCounts) {
        offsets[l].push(pos + 4);
        pos += count + FRAME;
      }
    }

    const head = new Uint8Array(headSize);
    const view = new DataView(head.buffer);
    head.set([0x49, 0x49], 0);
    if (bigTiff) {
      view.setUint16(2, 43, true);
      view.setUint16(4, 8, true);
      view.setBigUint64(8, BigInt(ifdStart), true);
    } else {
      view.setUint16(2, 42, true);
      view.setUint32(4, ifdStart, true);
    }
    head.set(Buffer.from(GHOST_HEADER, "latin1"), bigTiff ? 16 : 8);
    let at = ifdStart;
    this.levels.forEach((_, l) => {
      const next = l + 1 < this.levels.length ? at + ifdSizes[l] : 0;
      at = writeIfd(view, at, this.ifdEntries(l, offsets[l], bigTiff), next, bigTiff);
    });
    return head;
  }

  dataBytes(): number {
    return this.levels.reduce((sum, lv) => sum + lv.spillBytes, 0);
  }

  async assemble(tmp: string, bigTiff: boolean): Promise<number> {
    const head = this.buildHead(bigTiff);
    const fh = await open(tmp, "wx", 0o644);
    try {
      await fh.write(head, 0, head.length, 0);
      let pos = head.length;
      const chunk = Buffer.allocUnsafe(4 << 20);
      for (let l = this.levels.length - 1; l >= 0; l--) {
        const level = this.levels[l];
        for (let read = 0; read < level.spillBytes; ) {
          const { bytesRead } = await level.spill.read(chunk, 0, Math.min(chunk.length, level.spillBytes - read), read);
          await fh.write(chunk, 0, bytesRead, pos);
          read += bytesRead;
          pos += bytesRead;
        }
      }
      await fh.sync();
      return pos;
    } finally {
      await fh.close();
    }
  }

  async dispose(): Promise<void> {
    for (const level of this.levels) {
      await level.spill.close().catch(() => undefined);
      await unlink(level.spillPath).catch(() => undefined);
    }
  }
}

function checkOptions(meta: RasterMeta, tileSize: number, deflateLevel: number): void {
  if (!Number.isInteger(deflateLevel) || deflateLevel < 1 || deflateLevel > 9) {
    throw new RasterError(`deflate level must be an integer from 1 to 9, got ${deflateLevel}`);
  }
  if (!Number.isInteger(tileSize) || tileSize < 16 || tileSize > 4096 || tileSize % 16 !== 0) {
    throw new RasterError(`tile size must be a multiple of 16 between 16 and 4096, got ${tileSize}`);
  }
  if (meta.bands < 1 || meta.width < 1 || meta.height < 1) {
    throw new RasterError(`cannot write an empty raster (${meta.width}×${meta.height}×${meta.bands})`);
  }
}

/**
 * Writes `source` as a COG at `out`. Requests the source in slabs of `tileSize` rows and keeps
 * one tile row per overview level besides, so the writer's own memory is about two slabs
 * (2 × width × tileSize × bands × bytesPerSample) whatever the height; compressed tiles wait
 * in per-level spill files next to `out`. Either the complete file appears at `out` or nothing does.
 */
export async function writeCog(out: string, source: RowSource, opts: CogOptions = {}): Promise<CogResult> {
  const meta = source.meta;
  const tileSize = opts.tileSize ?? 512;
  const deflateLevel = opts.deflateLevel ?? 6;
  checkOptions(meta, tileSize, deflateLevel);
  const builder = new CogBuilder(meta, out, tileSize, {
    compression: opts.compression ?? "deflate",
    deflateLevel,
    resampling: opts.resampling ?? "average",
  });
  await mkdir(dirname(out), { recursive: true });
  // A writer of this COG killed mid-build (kill -9, OOM) left its output temp and level spill files (all
  // named after `out`, together about the size of the output) behind: a rebuild removes them first.
  // Nothing else would: the hourly age sweep only covers CACHE_DIR.
  await discardOrphanTemps(out);
  const tmp = tempPathFor(out);
  try {
    await builder.open();
    for (let y = 0; y < meta.height; y += tileSize) {
      const rows = Math.min(tileSize, meta.height - y);
      const slab = await source.readRows(y, rows);
      await builder.flushTileRow(0, slab, rows);
    }
    const classicSize = builder.layout(false).headSize + builder.dataBytes();
    const bigTiff = opts.bigTiff === true || (opts.bigTiff !== false && classicSize > MAX_CLASSIC);
    if (!bigTiff && classicSize > MAX_CLASSIC) {
      throw new RasterError('output exceeds 4 GiB; allow BigTIFF (bigTiff: true or "auto")');
    }
    const bytes = await builder.assemble(tmp, bigTiff);
    await commitTemp(tmp, out);
    return {
      path: out,
      width: meta.width,
      height: meta.height,
      bands: meta.bands,
      dtype: meta.dtype,
      tileSize,
      overviews: builder.levels.slice(1).map((l): [number, number] => [l.width, l.height]),
      bytes,
      bigTiff,
      geotransform: meta.georef?.geotransform ?? null,
      epsg: meta.georef?.epsg ?? null,
      nodata: meta.nodata,
      descriptions: meta.descriptions,
    };
  } catch (err) {
    await discardTemp(tmp);
    throw err;
  } finally {
    await builder.dispose();
  }
}
