// Resampling onto a regular lat/lon grid. Source values are located by index math on the source
// grid's canonical order (lat/lon grids directly, Lambert grids after projecting the target point).
import { Grib2UnsupportedError } from "./errors.ts";
import { lambertAxes, latLonAxes, mod360, toCanonical, type GridDefinition } from "./grid.ts";

export interface RegridTarget {
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
  /** Spacing in degrees of both axes. */
  res: number;
  /** Bilinear (default) for continuous fields, nearest for categorical ones. */
  method?: "bilinear" | "nearest";
}

export interface RegridResult {
  /** Axis values: lat[k] = latMin + k·res (ascending, south to north), lon[m] = lonMin + m·res. */
  lat: Float64Array;
  lon: Float64Array;
  /** lat.length × lon.length, row-major (row 0 = latMin); NaN outside the source grid or where missing. */
  data: Float32Array;
}

function axis(min: number, max: number, res: number): Float64Array {
  if (!(res > 0) || !(max >= min)) throw new RangeError(`invalid target axis ${min}..${max} step ${res}`);
  const n = Math.floor((max - min) / res + 1e-9) + 1;
  return Float64Array.from({ length: n }, (_, k) => min + k * res);
}

/** Maps a target point to fractional canonical (i, j) on the source grid. */
type Locator = (lat: number, lon: number, out: Float64Array) => void;

function locator(g: GridDefinition): { locate: Locator; wrapsI: boolean } {
  if (g.kind === "latlon") {
    const ax = latLonAxes(g);
    return {
      locate(lat, lon, out) {
        out[0] = mod360(lon - ax.lon0) / ax.dlon;
        out[1] = (lat - ax.lat0) / ax.dlat;
      },
      // A global grid interpolates across the seam between its last and first columns.
      wrapsI: Math.abs(g.ni * ax.dlon - 360) < 1e-6,
    };
  }
  if (g.kind === "lambert") {
    const ax = lambertAxes(g);
    const xy = new Float64Array(2);
    return {
      locate(lat, lon, out) {
        ax.projection.forward(lat, lon, xy);
        out[0] = (xy[0] - ax.x0) / ax.dx;
        out[1] = (xy[1] - ax.y0) / ax.dy;
      },
      wrapsI: false,
    };
  }
  throw new Grib2UnsupportedError(`unsupported grid template 3.${g.template} for regridding`);
}

/** `values` are in file order (as Grib2Field.decode() returns them). */
export function regridToLatLon(field: { grid: GridDefinition }, values: Float32Array, target: RegridTarget): RegridResult {
  const g = field.grid;
  const src = toCanonical(g, values);
  const { locate, wrapsI } = locator(g);
  const lat = axis(target.latMin, target.latMax, target.res);
  const lon = axis(target.lonMin, target.lonMax, target.res);
  const data = new Float32Array(lat.length * lon.length).fill(NaN);
  const { ni, nj } = g;
  const maxI = wrapsI ? ni : ni - 1;
  const eps = 1e-9;
  const nearest = target.method === "nearest";
  const f = new Float64Array(2);
  const wrap = (i: number) => (i >= ni ? i - ni : i);
  for (let r = 0; r < lat.length; r++) {
    for (let c = 0; c < lon.length; c++) {
      locate(lat[r], lon[c], f);
      let fi = f[0];
      let fj = f[1];
      if (!(fi >= -eps && fi <= maxI + eps && fj >= -eps && fj <= nj - 1 + eps)) continue;
      fi = Math.min(Math.max(fi, 0), maxI);
      fj = Math.min(Math.max(fj, 0), nj - 1);
      let v: number;
      const vNearest = src[Math.round(fj) * ni + wrap(Math.round(fi))];
      if (nearest) v = vNearest;
      else {
        const i0 = Math.min(Math.floor(fi), Math.max(0, maxI - 1));
        const j0 = Math.min(Math.floor(fj), Math.max(0, nj - 2));
        const i1 = wrap(Math.min(i0 + 1, maxI));
        const j1 = Math.min(j0 + 1, nj - 1);
        const di = fi - i0;
        const dj = fj - j0;
        const v00 = src[j0 * ni + wrap(i0)], v10 = src[j0 * ni + i1];
        const v01 = src[j1 * ni + wrap(i0)], v11 = src[j1 * ni + i1];
        v = (v00 * (1 - di) + v10 * di) * (1 - dj) + (v01 * (1 - di) + v11 * di) * dj;
        // A missing neighbour would poison the blend: fall back to the nearest point instead.
        if (Number.isNaN(v)) v = vNearest;
      }
      data[r * lon.length + c] = v;
    }
  }
  return { lat, lon, data };
}
