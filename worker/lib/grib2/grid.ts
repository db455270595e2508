// Grid definitions (section 3) and point geometry. Two orders exist for a field's values:
//  - file order: exactly as stored (scanning mode decides), what Grib2Field.decode() returns;
//  - canonical order: row-major, index = j*Ni + i, i increasing eastward (+x) and j increasing
//    northward (+y), so row 0 is the southernmost row. toCanonical() converts.
import { SectionView } from "./bits.ts";
import { Grib2FormatError, Grib2UnsupportedError } from "./errors.ts";
import { lambertConformal, type Projection } from "./lambert.ts";

export interface EarthShape {
  /** Code table 3.2 value. */
  code: number;
  /** Semi-major / semi-minor axes in metres (equal for a sphere); NaN for codes we cannot interpret. */
  a: number;
  b: number;
}

interface GridBase {
  template: number;
  numberOfPoints: number;
  /** Points along a parallel (x) and along a meridian (y). */
  ni: number;
  nj: number;
  /** Flag table 3.4: 0x80 -i, 0x40 +j, 0x20 j-consecutive, 0x10 alternate row direction. */
  scanningMode: number;
  earth: EarthShape;
  /** Flag table 3.3; 0x08 = u/v relative to the grid's x/y rather than east/north. */
  resolutionFlags: number;
}

export interface LatLonGrid extends GridBase {
  kind: "latlon";
  template: 0;
  la1: number; lo1: number; la2: number; lo2: number;
  /** Increments in degrees (always positive; direction comes from the scanning mode). */
  di: number; dj: number;
}

export interface LambertGrid extends GridBase {
  kind: "lambert";
  template: 30;
  la1: number; lo1: number; lov: number;
  /** Latitude where dx/dy apply. Like ecCodes, dx/dy are used as projected distances whatever LaD is. */
  lad: number;
  /** Grid lengths in metres. */
  dx: number; dy: number;
  latin1: number; latin2: number;
  /** Flag table 3.5: 0x80 = south pole is on the projection plane. */
  projectionCentre: number;
}

/** A grid template we can carry but not locate (e.g. Gaussian, polar stereographic): values still decode. */
export interface OtherGrid extends GridBase {
  kind: "other";
}

export type GridDefinition = LatLonGrid | LambertGrid | OtherGrid;

const MISSING32 = 0xffffffff;

function earthShape(s: SectionView): EarthShape {
  const code = s.u8(15);
  const scaled = (factorOctet: number) => s.u32(factorOctet + 1) / 10 ** s.u8(factorOctet);
  switch (code) {
    case 0: return { code, a: 6367470, b: 6367470 };
    case 1: { const r = scaled(16); return { code, a: r, b: r }; }
    case 2: return { code, a: 6378160, b: 6356775 };
    case 3: return { code, a: scaled(21) * 1000, b: scaled(26) * 1000 };
    case 4: return { code, a: 6378137, b: 6356752.314 };
    case 5: return { code, a: 6378137, b: 6356752.3142 };
    case 6: return { code, a: 6371229, b: 6371229 };
    case 7: return { code, a: scaled(21), b: scaled(26) };
    case 8: return { code, a: 6371200, b: 6371200 };
    case 9: return { code, a: 6377563.396, b: 6356256.909 };
    default: return { code, a: NaN, b: NaN };
  }
}

// Templates whose octets 15-38 are shape of earth, Ni (31-34) and Nj (35-38).
const NI_NJ_TEMPLATES = new Set([0, 1, 2, 3, 10, 20, 30, 31, 40, 41, 42, 43]);

export function parseGrid(s: SectionView): GridDefinition {
  const numberOfPoints = s.u32(7);
  if (s.u8(6) !== 0) throw new Grib2UnsupportedError(`unsupported grid definition source ${s.u8(6)} (predefined grid)`);
  const template = s.u16(13);
  if (!NI_NJ_TEMPLATES.has(template)) {
    return { kind: "other", template, numberOfPoints, ni: numberOfPoints, nj: 1, scanningMode: 0, earth: { code: 255, a: NaN, b: NaN }, resolutionFlags: 0 };
  }
  const earth = earthShape(s);
  const ni = s.u32(31);
  const nj = s.u32(35);
  if (template === 0) {
    // Angles are in micro-degrees unless a basic angle / subdivisions pair says otherwise.
    const basic = s.u32(39);
    const sub = s.u32(43);
    const unit = basic === 0 || basic === MISSING32 || sub === 0 || sub === MISSING32 ? 1e-6 : basic / sub;
    const inc = (octet: number) => (s.u32(octet) === MISSING32 ? NaN : s.u32(octet) * unit);
    const grid: LatLonGrid = {
      kind: "latlon", template, numberOfPoints, ni, nj, earth,
      la1: s.s32(47) * unit, lo1: s.s32(51) * unit, resolutionFlags: s.u8(55),
      la2: s.s32(56) * unit, lo2: s.s32(60) * unit, di: inc(64), dj: inc(68), scanningMode: s.u8(72),
    };
    checkPoints(grid);
    return grid;
  }
  if (template === 30) {
    const grid: LambertGrid = {
      kind: "lambert", template, numberOfPoints, ni, nj, earth,
      la1: s.s32(39) * 1e-6, lo1: s.s32(43) * 1e-6, resolutionFlags: s.u8(47),
      lad: s.s32(48) * 1e-6, lov: s.s32(52) * 1e-6, dx: s.u32(56) * 1e-3, dy: s.u32(60) * 1e-3,
      projectionCentre: s.u8(64), scanningMode: s.u8(65), latin1: s.s32(66) * 1e-6, latin2: s.s32(70) * 1e-6,
    };
    checkPoints(grid);
    return grid;
  }
  // Other Ni/Nj templates: keep the size; geometry is not interpreted.
  const quasiRegular = ni === MISSING32 || nj === MISSING32;
  return {
    kind: "other", template, numberOfPoints, earth, resolutionFlags: 0, scanningMode: 0,
    ni: quasiRegular ? numberOfPoints : ni, nj: quasiRegular ? 1 : nj,
  };
}

function checkPoints(g: GridDefinition): void {
  if (g.ni === MISSING32 || g.nj === MISSING32) throw new Grib2UnsupportedError(`unsupported quasi-regular grid (template 3.${g.template})`);
  if (g.ni * g.nj !== g.numberOfPoints) {
    throw new Grib2FormatError(`grid says ${g.numberOfPoints} points but Ni×Nj = ${g.ni}×${g.nj}`);
  }
}

function requireScanSupported(g: GridDefinition): asserts g is LatLonGrid | LambertGrid {
  if (g.kind === "other") throw new Grib2UnsupportedError(`unsupported grid template 3.${g.template} for point order and locations`);
  if (g.scanningMode & 0x0f) throw new Grib2UnsupportedError(`unsupported scanning mode 0x${g.scanningMode.toString(16)} (staggered rows)`);
}

/** For each value in file order, its index in canonical order (see top of file). */
export function canonicalIndex(g: GridDefinition): Uint32Array {
  requireScanSupported(g);
  const { ni, nj, scanningMode: mode } = g;
  const iNeg = (mode & 0x80) !== 0;
  const jPos = (mode & 0x40) !== 0;
  const jConsecutive = (mode & 0x20) !== 0;
  const alternate = (mode & 0x10) !== 0;
  const nFast = jConsecutive ? nj : ni;
  const nSlow = jConsecutive ? ni : nj;
  const perm = new Uint32Array(ni * nj);
  let k = 0;
  for (let s = 0; s < nSlow; s++) {
    const reversed = alternate && s % 2 === 1;
    for (let f = 0; f < nFast; f++, k++) {
      const fe = reversed ? nFast - 1 - f : f;
      const iFile = jConsecutive ? s : fe;
      const jFile = jConsecutive ? fe : s;
      const ic = iNeg ? ni - 1 - iFile : iFile;
      const jc = jPos ? jFile : nj - 1 - jFile;
      perm[k] = jc * ni + ic;
    }
  }
  return perm;
}

/** Reorders file-order values (or any per-point array) into canonical order. */
export function toCanonical<T extends Float32Array | Float64Array>(g: GridDefinition, values: T): T {
  if (values.length !== g.ni * g.nj) throw new Grib2FormatError(`expected ${g.ni * g.nj} values, got ${values.length}`);
  const perm = canonicalIndex(g);
  const out = new (values.constructor as { new (n: number): T })(values.length);
  for (let k = 0; k < perm.length; k++) out[perm[k]] = values[k];
  return out;
}

/** Canonical-order geometry of a lat/lon grid: lat = lat0 + j*dlat, lon = lon0 + i*dlon (dlat, dlon > 0 normally). */
export function latLonAxes(g: LatLonGrid): { lat0: number; dlat: number; lon0: number; dlon: number } {
  const iNeg = (g.scanningMode & 0x80) !== 0;
  const jPos = (g.scanningMode & 0x40) !== 0;
  const di = Number.isFinite(g.di) ? g.di : g.ni > 1 ? mod360(iNeg ? g.lo1 - g.lo2 : g.lo2 - g.lo1) / (g.ni - 1) : 0;
  const dj = Number.isFinite(g.dj) ? g.dj : g.nj > 1 ? Math.abs(g.la2 - g.la1) / (g.nj - 1) : 0;
  // The first stored point sits at canonical i = Ni-1 when scanning -i, at j = Nj-1 when scanning -j.
  return {
    lon0: g.lo1 - (iNeg ? g.ni - 1 : 0) * di,
    dlon: di,
    lat0: g.la1 - (jPos ? 0 : g.nj - 1) * dj,
    dlat: dj,
  };
}

/** Canonical-order geometry of a Lambert grid in projected metres: x = x0 + i*dx, y = y0 + j*dy. */
export function lambertAxes(g: LambertGrid): { projection: Projection; x0: number; y0: number; dx: number; dy: number } {
  const projection = lambertProjection(g);
  const p = new Float64Array(2);
  projection.forward(g.la1, g.lo1, p);
  const iNeg = (g.scanningMode & 0x80) !== 0;
  const jPos = (g.scanningMode & 0x40) !== 0;
  return { projection, x0: p[0] - (iNeg ? g.ni - 1 : 0) * g.dx, y0: p[1] - (jPos ? 0 : g.nj - 1) * g.dy, dx: g.dx, dy: g.dy };
}

export function lambertProjection(g: LambertGrid): Projection {
  if (!Number.isFinite(g.earth.a)) throw new Grib2UnsupportedError(`unsupported shape of the earth code ${g.earth.code}`);
  return lambertConformal({ latin1: g.latin1, latin2: g.latin2, lov: g.lov, a: g.earth.a, b: g.earth.b });
}

export function mod360(x: number): number {
  return x - 360 * Math.floor(x / 360);
}

/**
 * Latitude and longitude (degrees; longitude in [0, 360), as GRIB stores it) of every point,
 * in file order by default so they line up with decode()'s values, or in canonical order.
 */
export function gridLatLon(g: GridDefinition, order: "file" | "canonical" = "file"): { lat: Float64Array; lon: Float64Array } {
  requireScanSupported(g);
  const { ni, nj } = g;
  const lat = new Float64Array(ni * nj);
  const lon = new Float64Array(ni * nj);
  if (g.kind === "latlon") {
    const ax = latLonAxes(g);
    for (let j = 0; j < nj; j++) {
      const la = ax.lat0 + j * ax.dlat;
      for (let i = 0; i < ni; i++) {
        lat[j * ni + i] = la;
        lon[j * ni + i] = mod360(ax.lon0 + i * ax.dlon);
      }
    }
  } else {
    const ax = lambertAxes(g);
    const p = new Float64Array(2);
    for (let j = 0; j < nj; j++) {
      const y = ax.y0 + j * ax.dy;
      for (let i = 0; i < ni; i++) {
        ax.projection.inverse(ax.x0 + i * ax.dx, y, p);
        lat[j * ni + i] = p[0];
        lon[j * ni + i] = mod360(p[1]);
      }
    }
  }
  if (order === "canonical") return { lat, lon };
  // Canonical → file order: file value k lives at canonical perm[k].
  const perm = canonicalIndex(g);
  const flat = new Float64Array(lat.length);
  const flon = new Float64Array(lon.length);
  for (let k = 0; k < perm.length; k++) {
    flat[k] = lat[perm[k]];
    flon[k] = lon[perm[k]];
  }
  return { lat: flat, lon: flon };
}
