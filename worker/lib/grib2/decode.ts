// Fields: headers parsed eagerly (cheap), values decoded only when decode() is called.
import type { SectionView } from "./bits.ts";
import { Grib2FormatError, Grib2UnsupportedError } from "./errors.ts";
import { parseGrid, toCanonical, type GridDefinition } from "./grid.ts";
import { parsePacking, type Packing } from "./packing.ts";
import { parseIdentification, parseProduct, type Level, type Statistics } from "./product.ts";
import { findMagic, parseFrame, trustedLength, type FieldSections } from "./sections.ts";
import { parameterInfo } from "./tables.ts";
import { unpack } from "./unpack.ts";

export interface Grib2Field {
  /** 1-based message number and 1-based field number inside it, as in wgrib2 inventories ("3.2"). */
  messageIndex: number;
  fieldIndex: number;
  /** Byte offset of the message's "GRIB" and the message length (shared by its fields). */
  offset: number;
  messageLength: number;
  discipline: number;
  category: number;
  number: number;
  /** NCEP abbreviation (TMP, UGRD, …) as in .idx files, with long name and units. */
  shortName: string;
  name: string;
  units: string;
  centre: number;
  subCentre: number;
  level: Level | null;
  referenceTime: Date;
  /** Hours from reference to valid time; for statistical products the end of the interval. NaN if unknown. */
  forecastHour: number;
  validTime: Date | null;
  /** Time-interval processing (template 4.8 and relatives), null for instantaneous fields. */
  statistics: Statistics | null;
  productTemplate: number;
  grid: GridDefinition;
  packing: Packing;
  hasBitmap: boolean;
  /** Section 6 indicator: 0 bitmap here, 254 previous bitmap reused, 255 none, else predefined. */
  bitmapIndicator: number;
  /** All grid points in file scan order, NaN where missing. */
  decode(): Float32Array;
  /** All grid points in canonical order (row-major, west→east, south→north; see grid.ts). */
  decodeCanonical(): Float32Array;
}

export interface Grib2Message {
  index: number;
  offset: number;
  length: number;
  discipline: number;
  fields: Grib2Field[];
}

export type ScanResult =
  | { ok: true; message: Grib2Message }
  | { ok: false; index: number; offset: number; error: Grib2FormatError | Grib2UnsupportedError };

function buildField(sec: FieldSections, discipline: number, messageIndex: number, fieldIndex: number, offset: number, messageLength: number, grid: GridDefinition): Grib2Field {
  const ident = parseIdentification(sec.s1);
  const product = parseProduct(sec.s4, ident.referenceTime);
  const packing = parsePacking(sec.s5);
  const param = parameterInfo(discipline, product.category, product.number);
  const validTime = Number.isFinite(product.forecastHour) ? new Date(ident.referenceTime.getTime() + product.forecastHour * 3_600_000) : null;
  const decode = () => decodeValues(sec, grid, packing);
  return {
    messageIndex, fieldIndex, offset, messageLength, discipline,
    category: product.category,
    number: product.number,
    shortName: param.shortName,
    name: param.name,
    units: param.units,
    centre: ident.centre,
    subCentre: ident.subCentre,
    level: product.level,
    referenceTime: ident.referenceTime,
    forecastHour: product.forecastHour,
    validTime,
    statistics: product.statistics,
    productTemplate: product.template,
    grid, packing,
    hasBitmap: sec.bitmap !== null,
    bitmapIndicator: sec.bitmapIndicator,
    decode,
    decodeCanonical: () => toCanonical(grid, decode()),
  };
}

// 2^28 float32 values = 1 GiB; beyond that a point count is far more likely corrupt than real.
const MAX_POINTS = 2 ** 28;

function decodeValues(sec: FieldSections, grid: GridDefinition, packing: Packing): Float32Array {
  const npts = grid.numberOfPoints;
  if (npts > MAX_POINTS) throw new Grib2UnsupportedError(`grid of ${npts} points is larger than the ${MAX_POINTS} supported`);
  if (sec.bitmapIndicator !== 0 && sec.bitmapIndicator !== 254 && sec.bitmapIndicator !== 255) {
    throw new Grib2UnsupportedError(`unsupported predefined bitmap ${sec.bitmapIndicator}`);
  }
  if (!sec.bitmap) {
    if (packing.numberOfValues !== npts) throw new Grib2FormatError(`${packing.numberOfValues} packed values for a grid of ${npts} points without a bitmap`, sec.s5.start);
    return unpack(packing, sec.s7.tail(6));
  }
  const bm = sec.bitmap.tail(7);
  if (bm.length * 8 < npts) throw new Grib2FormatError(`bitmap of ${bm.length} bytes is too short for ${npts} points`, sec.bitmap.start);
  let on = 0;
  for (let k = 0; k < npts; k++) on += (bm[k >> 3] >> (7 - (k & 7))) & 1;
  if (on !== packing.numberOfValues) throw new Grib2FormatError(`bitmap marks ${on} points present but ${packing.numberOfValues} values are packed`, sec.bitmap.start);
  const packed = unpack(packing, sec.s7.tail(6));
  const out = new Float32Array(npts);
  for (let k = 0, j = 0; k < npts; k++) out[k] = (bm[k >> 3] >> (7 - (k & 7))) & 1 ? packed[j++] : NaN;
  return out;
}

function parseMessage(buf: Uint8Array, offset: number, index: number): Grib2Message {
  const frame = parseFrame(buf, offset);
  const grids = new Map<SectionView, GridDefinition>();
  const fields = frame.fields.map((sec, k) => {
    let grid = grids.get(sec.s3);
    if (!grid) grids.set(sec.s3, (grid = parseGrid(sec.s3)));
    return buildField(sec, frame.discipline, index, k + 1, offset, frame.length, grid);
  });
  return { index, offset, length: frame.length, discipline: frame.discipline, fields };
}

function isGribError(e: unknown): e is Grib2FormatError | Grib2UnsupportedError {
  return e instanceof Grib2FormatError || e instanceof Grib2UnsupportedError;
}

/**
 * Every message in `buf`, tolerating junk between messages (WMO/NOAAPORT headers) and bad messages:
 * a bad message yields {ok:false} and the scan resumes after it (or at the next "GRIB" when its
 * length cannot be trusted). A buffer with no "GRIB" at all yields one error.
 */
export function* scanMessages(buf: Uint8Array): Generator<ScanResult> {
  let index = 0;
  for (let pos = findMagic(buf, 0); pos !== -1; ) {
    index++;
    let next: number;
    try {
      const message = parseMessage(buf, pos, index);
      next = pos + message.length;
      yield { ok: true, message };
    } catch (e) {
      if (!isGribError(e)) throw e;
      next = pos + (trustedLength(buf, pos) ?? 4);
      yield { ok: false, index, offset: pos, error: e };
    }
    pos = findMagic(buf, next);
  }
  if (index === 0) {
    yield { ok: false, index: 0, offset: 0, error: new Grib2FormatError(`no GRIB message found in ${buf.length} bytes`) };
  }
}

/** Fields of every message in order; throws the first message's error (after yielding earlier fields). */
export function* iterateFields(buf: Uint8Array): Generator<Grib2Field> {
  for (const r of scanMessages(buf)) {
    if (!r.ok) throw r.error;
    yield* r.message.fields;
  }
}

export function parseGrib2(buf: Uint8Array): Grib2Field[] {
  return [...iterateFields(buf)];
}
