// Synthetic NOAA-layout GRIB2 files (with wgrib2-style .idx) for the weather pipeline tests, written
// with our own encoder. Every field is an analytic function of its grid indices, so tests can
// compute what any resampled value must be.
import { createHash } from "node:crypto";
import { encodeGrib2, type EncodeFieldSpec, type EncodeGridSpec, type EncodePackingSpec } from "../../worker/lib/grib2/index.ts";

export interface VarSpec {
  id: string;
  idxVar: string;
  idxLevel: string;
  category: number;
  number: number;
  level: { type: number; value?: number | null };
  packing: EncodePackingSpec;
  bitmap?: boolean;
  accumulation?: boolean;
  /** value at grid index (i, j) for forecast hour h */
  f(i: number, j: number, h: number): number;
}

// Covers packings 5.0, 5.2 and 5.3, with and without a bitmap.
export const HRRR_VARS: VarSpec[] = [
  { id: "t2m", idxVar: "TMP", idxLevel: "2 m above ground", category: 0, number: 0, level: { type: 103, value: 2 }, packing: { template: 3, decimalScale: 2 }, f: (i, j, h) => 250 + 0.5 * i + 0.25 * j + h },
  { id: "u10", idxVar: "UGRD", idxLevel: "10 m above ground", category: 2, number: 2, level: { type: 103, value: 10 }, packing: { template: 0, decimalScale: 2 }, f: (i, j, h) => -5 + 0.1 * i - 0.05 * j + 0.5 * h },
  { id: "v10", idxVar: "VGRD", idxLevel: "10 m above ground", category: 2, number: 3, level: { type: 103, value: 10 }, packing: { template: 2, decimalScale: 2 }, f: (i, j, h) => 3 - 0.02 * i + 0.1 * j - h },
  { id: "gust", idxVar: "GUST", idxLevel: "surface", category: 2, number: 22, level: { type: 1 }, packing: { template: 0, decimalScale: 1 }, bitmap: true, f: (i, j, h) => (i < 3 ? NaN : 10 + 0.1 * j + h) },
  { id: "apcp", idxVar: "APCP", idxLevel: "surface", category: 1, number: 8, level: { type: 1 }, packing: { template: 3, decimalScale: 1 }, accumulation: true, f: (i, j, h) => 0.1 * h * (i + j) },
  { id: "refc", idxVar: "REFC", idxLevel: "entire atmosphere", category: 16, number: 196, level: { type: 10 }, packing: { template: 2, decimalScale: 0 }, f: (i, j) => (i + j) % 40 },
  { id: "mslp", idxVar: "MSLMA", idxLevel: "mean sea level", category: 3, number: 198, level: { type: 101 }, packing: { template: 3, decimalScale: -1 }, f: (i, j, h) => 101000 + 10 * i - 20 * j + 100 * h },
];

/** A small Lambert conformal grid over the central US (HRRR's projection, coarser). */
export const HRRR_GRID: Extract<EncodeGridSpec, { template: 30 }> = {
  template: 30, ni: 40, nj: 30, la1: 33, lo1: 262, lov: 262.5, lad: 38.5, dx: 50_000, dy: 50_000, latin1: 38.5, latin2: 38.5, scanningMode: 0x40,
};

const pad = (n: number, w: number) => String(n).padStart(w, "0");

function fcstLabel(v: VarSpec, h: number) {
  if (v.accumulation) return h === 0 ? "0-0 day acc fcst" : `0-${h} hour acc fcst`;
  return h === 0 ? "anl" : `${h} hour fcst`;
}

/** The values of a variable in file scan order (scanning mode 0x40: i fastest, j south→north). */
export function gridValues(v: VarSpec, h: number, grid: { ni: number; nj: number } = HRRR_GRID): Float64Array {
  const out = new Float64Array(grid.ni * grid.nj);
  for (let j = 0; j < grid.nj; j++) for (let i = 0; i < grid.ni; i++) out[j * grid.ni + i] = v.f(i, j, h);
  return out;
}

export interface HourFile {
  grib: Uint8Array;
  idx: string;
  /** md5 of the bytes of each variable's message (what a range download stores). */
  md5: Record<string, string>;
}

export function buildHourFile(runTime: Date, hour: number, vars = HRRR_VARS, grid: EncodeGridSpec = HRRR_GRID): HourFile {
  const parts: Uint8Array[] = [];
  const lines: string[] = [];
  const md5: Record<string, string> = {};
  const d = `${runTime.getUTCFullYear()}${pad(runTime.getUTCMonth() + 1, 2)}${pad(runTime.getUTCDate(), 2)}${pad(runTime.getUTCHours(), 2)}`;
  let offset = 0;
  for (const [n, v] of vars.entries()) {
    const spec: EncodeFieldSpec = {
      values: gridValues(v, hour, grid),
      grid,
      packing: v.packing,
      category: v.category,
      number: v.number,
      level: v.level,
      referenceTime: runTime,
      forecastHour: hour,
      bitmap: v.bitmap,
      ...(v.accumulation && hour > 0 ? { statistics: { process: 1, startHour: 0, endHour: hour } } : {}),
    };
    const msg = encodeGrib2([spec]);
    lines.push(`${n + 1}:${offset}:d=${d}:${v.idxVar}:${v.idxLevel}:${fcstLabel(v, hour)}:`);
    md5[v.id] = createHash("md5").update(msg).digest("hex");
    parts.push(msg);
    offset += msg.length;
  }
  const grib = new Uint8Array(offset);
  let p = 0;
  for (const m of parts) {
    grib.set(m, p);
    p += m.length;
  }
  return { grib, idx: lines.join("\n") + "\n", md5 };
}

/** Spherical Lambert conformal (tangent cone) forward projection, written independently of the decoder. */
export function lambertIJ(lat: number, lon: number, g = HRRR_GRID, R = 6371229): { i: number; j: number } {
  const rad = Math.PI / 180;
  const phi1 = g.latin1 * rad;
  const n = Math.sin(phi1);
  const F = (Math.cos(phi1) * Math.pow(Math.tan(Math.PI / 4 + phi1 / 2), n)) / n;
  const rho = (phi: number) => (R * F) / Math.pow(Math.tan(Math.PI / 4 + phi / 2), n);
  const rho0 = rho((g.lad ?? g.latin1) * rad);
  const xy = (la: number, lo: number) => {
    let dl = lo - g.lov;
    if (dl > 180) dl -= 360;
    if (dl < -180) dl += 360;
    const r = rho(la * rad);
    return { x: r * Math.sin(n * dl * rad), y: rho0 - r * Math.cos(n * dl * rad) };
  };
  const o = xy(g.la1, g.lo1);
  const p = xy(lat, lon < 0 ? lon + 360 : lon);
  return { i: (p.x - o.x) / g.dx, j: (p.y - o.y) / g.dy };
}

/** NOMADS paths of an HRRR file and its .idx. */
export function hrrrPaths(date: string, cycle: number, hour: number) {
  const file = `hrrr/prod/hrrr.${date}/conus/hrrr.t${pad(cycle, 2)}z.wrfsfcf${pad(hour, 2)}.grib2`;
  return { grib: file, idx: `${file}.idx` };
}

/** A small regular lat/lon grid (template 3.0), south to north, 0.5° spacing, in GFS's 0–360 longitudes. */
export const GFS_GRID: Extract<EncodeGridSpec, { template: 0 }> = {
  template: 0, ni: 41, nj: 31, la1: 30, lo1: 260, la2: 45, lo2: 280, di: 0.5, dj: 0.5, scanningMode: 0x40,
};

/** GFS's variable set: PRMSL instead of HRRR's MSLMA, and no accumulation at f000. */
export function gfsVars(hour: number): VarSpec[] {
  return HRRR_VARS.filter((v) => !(v.accumulation && hour === 0)).map((v) =>
    v.id === "mslp" ? { ...v, idxVar: "PRMSL", number: 1 } : v,
  );
}

export function gfsPaths(date: string, cycle: number, hour: number) {
  const c = pad(cycle, 2);
  const file = `gfs/prod/gfs.${date}/${c}/atmos/gfs.t${c}z.pgrb2.0p25.f${pad(hour, 3)}`;
  return { grib: file, idx: `${file}.idx` };
}
