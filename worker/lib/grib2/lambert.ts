// Lambert conformal conic (Snyder, "Map Projections: A Working Manual", eqs. 15-1…15-11, ellipsoidal
// form; e = 0 gives the sphere exactly). The origin is the cone apex (ρ0 = 0), which is fine because
// GRIB2 grids are positioned relative to their first point, never to a false origin.

export interface LambertParams {
  latin1: number; // standard parallels, degrees
  latin2: number;
  lov: number; // central meridian (orientation of the grid), degrees
  a: number; // semi-major axis, m
  b: number; // semi-minor axis, m (= a for a sphere)
}

export interface Projection {
  /** Degrees → metres; writes x, y into `out`. */
  forward(lat: number, lon: number, out: Float64Array): void;
  /** Metres → degrees; writes lat, lon (lon in [-180, 180)) into `out`. */
  inverse(x: number, y: number, out: Float64Array): void;
}

const D2R = Math.PI / 180;

export function lambertConformal(p: LambertParams): Projection {
  const e = p.a === p.b ? 0 : Math.sqrt(1 - (p.b * p.b) / (p.a * p.a));
  const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - e * e * Math.sin(phi) ** 2);
  const t = (phi: number) => {
    const es = e * Math.sin(phi);
    return Math.tan(Math.PI / 4 - phi / 2) / ((1 - es) / (1 + es)) ** (e / 2);
  };
  const phi1 = p.latin1 * D2R;
  const phi2 = p.latin2 * D2R;
  const n =
    Math.abs(phi1 - phi2) < 1e-10
      ? Math.sin(phi1)
      : (Math.log(m(phi1)) - Math.log(m(phi2))) / (Math.log(t(phi1)) - Math.log(t(phi2)));
  const aF = (p.a * m(phi1)) / (n * t(phi1) ** n);
  const lam0 = p.lov * D2R;
  const sign = n < 0 ? -1 : 1;

  return {
    forward(lat, lon, out) {
      let dl = lon * D2R - lam0;
      dl -= 2 * Math.PI * Math.round(dl / (2 * Math.PI));
      const rho = aF * t(lat * D2R) ** n;
      const theta = n * dl;
      out[0] = rho * Math.sin(theta);
      out[1] = -rho * Math.cos(theta);
    },
    inverse(x, y, out) {
      const rho = sign * Math.hypot(x, y);
      const theta = Math.atan2(sign * x, -sign * y);
      const tt = (rho / aF) ** (1 / n);
      let phi = Math.PI / 2 - 2 * Math.atan(tt);
      // Fixed-point iteration for the ellipsoid; converges to 1e-12 rad in a handful of steps.
      for (let k = 0; e !== 0 && k < 15; k++) {
        const es = e * Math.sin(phi);
        const next = Math.PI / 2 - 2 * Math.atan(tt * ((1 - es) / (1 + es)) ** (e / 2));
        if (Math.abs(next - phi) < 1e-12) {
          phi = next;
          break;
        }
        phi = next;
      }
      let lon = (theta / n + lam0) / D2R;
      lon -= 360 * Math.floor((lon + 180) / 360);
      out[0] = phi / D2R;
      out[1] = lon;
    },
  };
}
