// GRIB2 writer for test fixtures: grid templates 3.0 / 3.30, product templates 4.0 / 4.8, packings
// 5.0, 5.2, 5.3 (fixed-size groups), 5.40 (lossless JPEG 2000) and 5.41 (PNG), bitmaps, several
// fields per message and junk between messages. Values are given in file scan order, NaN = missing.
import { packField } from "./encode-packing.ts";
import { ByteWriter, section } from "./writer.ts";

export type EncodeGridSpec =
  | {
      template: 0;
      ni: number; nj: number;
      la1: number; lo1: number; la2: number; lo2: number;
      /** Increments in degrees; derived from the corners when omitted. */
      di?: number; dj?: number;
      scanningMode?: number;
      /** Code table 3.2 shape of the earth (default 6, sphere of 6371229 m). */
      earthShape?: number;
      resolutionFlags?: number;
    }
  | {
      template: 30;
      ni: number; nj: number;
      la1: number; lo1: number; lov: number; lad?: number;
      /** Grid lengths in metres. */
      dx: number; dy: number;
      latin1: number; latin2: number;
      scanningMode?: number;
      earthShape?: number;
      projectionCentre?: number;
      resolutionFlags?: number;
    };

export interface EncodePackingSpec {
  template: 0 | 2 | 3 | 40 | 41;
  /** D: values are stored to 10^-D precision (default 0). */
  decimalScale?: number;
  /** E; or give bitsPerValue and E is chosen to fit the range (default E = 0). */
  binaryScale?: number;
  bitsPerValue?: number;
  /** 5.3 order of spatial differencing (default 2). */
  spatialOrder?: 1 | 2;
  /** 5.2/5.3 points per group (default 16). */
  groupSize?: number;
  /** 5.2/5.3 missing value management (default 1 when there are NaNs and no bitmap, else 0). */
  missingManagement?: 0 | 1 | 2;
}

export interface EncodeFieldSpec {
  values: ArrayLike<number>;
  grid: EncodeGridSpec;
  packing: EncodePackingSpec;
  discipline?: number;
  category: number;
  number: number;
  /** Code table 4.5 surfaces with values in SI units (Pa, m …); default surface. */
  level?: { type: number; value?: number | null; second?: { type: number; value?: number | null } };
  referenceTime: Date;
  forecastHour?: number;
  /** Writes template 4.8: e.g. {process: 1, startHour: 0, endHour: 1} for a 0-1 h accumulation. */
  statistics?: { process: number; startHour: number; endHour: number };
  /** Write NaNs through a bitmap (default for 5.0/5.40/5.41, and for complex when missingManagement is 0). */
  bitmap?: boolean;
  /** With missingManagement 2: which NaNs to code with the secondary missing value. */
  secondaryMissing?: ArrayLike<boolean>;
  centre?: number;
}

export interface EncodeOptions {
  /** Put all fields in one message (sections 3-7 or 4-7 repeated); they must share discipline and reference time. */
  singleMessage?: boolean;
  /** Bytes written before every message and after the last (e.g. a WMO bulletin header). */
  junk?: Uint8Array;
}

const angle = (deg: number) => Math.round(deg * 1e6);

function gridSection(g: EncodeGridSpec): Uint8Array {
  return section(3, (w) => {
    w.uint(0, 1);
    w.uint(g.ni * g.nj, 4);
    w.uint(0, 1);
    w.uint(0, 1);
    w.uint(g.template, 2);
    w.uint(g.earthShape ?? 6, 1);
    w.uint(0, 1); w.uint(0, 4); w.uint(0, 1); w.uint(0, 4); w.uint(0, 1); w.uint(0, 4);
    w.uint(g.ni, 4);
    w.uint(g.nj, 4);
    if (g.template === 0) {
      const iNeg = ((g.scanningMode ?? 0) & 0x80) !== 0;
      const spanI = (((iNeg ? g.lo1 - g.lo2 : g.lo2 - g.lo1) % 360) + 360) % 360;
      w.uint(0, 4); w.uint(0xffffffff, 4); // basic angle 0 → micro-degrees
      w.sint(angle(g.la1), 4);
      w.sint(angle(g.lo1), 4);
      w.uint(g.resolutionFlags ?? 0x30, 1);
      w.sint(angle(g.la2), 4);
      w.sint(angle(g.lo2), 4);
      w.uint(angle(g.di ?? (g.ni > 1 ? spanI / (g.ni - 1) : 0)), 4);
      w.uint(angle(g.dj ?? (g.nj > 1 ? Math.abs(g.la2 - g.la1) / (g.nj - 1) : 0)), 4);
      w.uint(g.scanningMode ?? 0, 1);
    } else {
      w.sint(angle(g.la1), 4);
      w.sint(angle(g.lo1), 4);
      w.uint(g.resolutionFlags ?? 0x08, 1);
      w.sint(angle(g.lad ?? g.latin1), 4);
      w.sint(angle(g.lov), 4);
      w.uint(Math.round(g.dx * 1000), 4);
      w.uint(Math.round(g.dy * 1000), 4);
      w.uint(g.projectionCentre ?? 0, 1);
      w.uint(g.scanningMode ?? 0x40, 1);
      w.sint(angle(g.latin1), 4);
      w.sint(angle(g.latin2), 4);
      w.sint(angle(-90), 4);
      w.sint(0, 4);
    }
  });
}

/** Scale factor and scaled integer for a surface value (smallest factor that represents it exactly). */
function scaledSurface(value: number | null | undefined): [number, number] {
  if (value === null || value === undefined) return [0, 0];
  for (let f = 0; f <= 9; f++) {
    const scaled = value * 10 ** f;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 && Math.abs(scaled) < 2 ** 31) return [f, Math.round(scaled)];
  }
  throw new Error(`level value ${value} cannot be encoded`);
}

function writeDate(w: ByteWriter, d: Date) {
  w.uint(d.getUTCFullYear(), 2);
  for (const v of [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]) w.uint(v, 1);
}

function productSection(f: EncodeFieldSpec): Uint8Array {
  const st = f.statistics;
  return section(4, (w) => {
    w.uint(0, 2);
    w.uint(st ? 8 : 0, 2);
    w.uint(f.category, 1);
    w.uint(f.number, 1);
    w.uint(2, 1); // forecast
    w.uint(0, 1);
    w.uint(255, 1);
    w.uint(0, 2);
    w.uint(0, 1);
    // Whole hours in unit 1 (hour), otherwise minutes.
    const hour = st ? st.startHour : (f.forecastHour ?? 0);
    const inHours = Number.isInteger(hour);
    w.uint(inHours ? 1 : 0, 1);
    w.sint(inHours ? hour : Math.round(hour * 60), 4);
    const level = f.level ?? { type: 1 };
    for (const s of [level, level.second ?? { type: 255 }]) {
      const [factor, scaled] = scaledSurface(s.value);
      w.uint(s.type, 1);
      w.sint(factor, 1);
      w.sint(scaled, 4);
    }
    if (st) {
      writeDate(w, new Date(f.referenceTime.getTime() + st.endHour * 3_600_000));
      w.uint(1, 1);
      w.uint(0, 4);
      w.uint(st.process, 1);
      w.uint(2, 1); // successive times processed have the same start of forecast, forecast time incremented
      w.uint(1, 1);
      w.uint(st.endHour - st.startHour, 4);
      w.uint(255, 1);
      w.uint(0, 4);
    }
  });
}

function identificationSection(f: EncodeFieldSpec): Uint8Array {
  return section(1, (w) => {
    w.uint(f.centre ?? 7, 2);
    w.uint(0, 2);
    w.uint(2, 1);
    w.uint(1, 1);
    w.uint(1, 1); // reference time = start of forecast
    writeDate(w, f.referenceTime);
    w.uint(0, 1);
    w.uint(1, 1); // forecast products
  });
}

function message(fields: EncodeFieldSpec[]): Uint8Array {
  const [first] = fields;
  // Sections 0 and 1 are shared, so the fields must agree on what they hold.
  if (fields.some((f) => (f.discipline ?? 0) !== (first.discipline ?? 0) || f.referenceTime.getTime() !== first.referenceTime.getTime() || (f.centre ?? 7) !== (first.centre ?? 7))) {
    throw new Error("fields of one message must share discipline, centre and reference time");
  }
  const parts: Uint8Array[] = [identificationSection(fields[0])];
  let lastGrid: EncodeGridSpec | undefined;
  let lastBitmap: Uint8Array | null = null;
  for (const f of fields) {
    if (f.values.length !== f.grid.ni * f.grid.nj) throw new Error(`${f.values.length} values for a ${f.grid.ni}×${f.grid.nj} grid`);
    if (f.grid !== lastGrid) parts.push(gridSection(f.grid));
    lastGrid = f.grid;
    const { packed, bitmap } = packField(f);
    parts.push(productSection(f), packed.section5);
    // Same bitmap as the previous field of this message: write indicator 254 instead of repeating it.
    const reuse = bitmap !== null && lastBitmap !== null && bitmap.length === lastBitmap.length && bitmap.every((b, k) => b === lastBitmap![k]);
    parts.push(section(6, (w) => {
      w.uint(bitmap ? (reuse ? 254 : 0) : 255, 1);
      if (bitmap && !reuse) w.bytes(bitmap);
    }));
    if (bitmap) lastBitmap = bitmap;
    parts.push(packed.section7);
  }
  parts.push(new TextEncoder().encode("7777"));
  const total = 16 + parts.reduce((a, b) => a + b.length, 0);
  const w = new ByteWriter();
  w.bytes(new TextEncoder().encode("GRIB"));
  w.uint(0, 2);
  w.uint(fields[0].discipline ?? 0, 1);
  w.uint(2, 1);
  w.uint(total, 8);
  for (const part of parts) w.bytes(part);
  return w.result();
}

export function encodeGrib2(fields: EncodeFieldSpec[], opts: EncodeOptions = {}): Uint8Array {
  if (fields.length === 0) throw new Error("no fields to encode");
  const messages = opts.singleMessage ? [message(fields)] : fields.map((f) => message([f]));
  const w = new ByteWriter();
  for (const m of messages) {
    if (opts.junk) w.bytes(opts.junk);
    w.bytes(m);
  }
  if (opts.junk) w.bytes(opts.junk);
  return w.result();
}
