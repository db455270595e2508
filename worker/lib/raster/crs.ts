// Just enough reprojection to put raster footprints into EPSG:4326 for STAC: WGS 84
// geographic, Web Mercator and the WGS 84 UTM zones. Other CRSs return null (no PROJ here).
import type { GeoTransform } from "./types.ts";

type ToLonLat = (x: number, y: number) => [number, number];

const DEG = 180 / Math.PI;
const A = 6378137;
const F = 1 / 298.257223563;

/** Inverse transverse Mercator by Krüger's series to n⁴ (Karney 2011): sub-millimetre within a zone. */
function utmInverse(zone: number, south: boolean): ToLonLat {
  const n = F / (2 - F);
  const [n2, n3, n4] = [n * n, n * n * n, n * n * n * n];
  const rectifying = (A / (1 + n)) * (1 + n2 / 4 + n4 / 64);
  const beta = [
    n / 2 - (2 * n2) / 3 + (37 * n3) / 96 - n4 / 360,
    n2 / 48 + n3 / 15 - (437 * n4) / 1440,
    (17 * n3) / 480 - (37 * n4) / 840,
    (4397 * n4) / 161280,
  ];
  const delta = [
    2 * n - (2 * n2) / 3 - 2 * n3 + (116 * n4) / 45,
    (7 * n2) / 3 - (8 * n3) / 5 - (227 * n4) / 45,
    (56 * n3) / 15 - (136 * n4) / 35,
    (4279 * n4) / 630,
  ];
  const k0 = 0.9996;
  const lon0 = zone * 6 - 183;
  return (x, y) => {
    const xi = (y - (south ? 10_000_000 : 0)) / (k0 * rectifying);
    const eta = (x - 500_000) / (k0 * rectifying);
    let xiP = xi;
    let etaP = eta;
    beta.forEach((b, j) => {
      const k = 2 * (j + 1);
      xiP -= b * Math.sin(k * xi) * Math.cosh(k * eta);
      etaP -= b * Math.cos(k * xi) * Math.sinh(k * eta);
    });
    const chi = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
    let phi = chi;
    delta.forEach((d, j) => (phi += d * Math.sin(2 * (j + 1) * chi)));
    return [lon0 + Math.atan2(Math.sinh(etaP), Math.cos(xiP)) * DEG, phi * DEG];
  };
}

/** A function mapping CRS coordinates to [lon, lat], or null when the CRS is not supported. */
export function toLonLat(epsg: number | null): ToLonLat | null {
  if (epsg === 4326) return (x, y) => [x, y];
  if (epsg === 3857) return (x, y) => [(x / A) * DEG, (2 * Math.atan(Math.exp(y / A)) - Math.PI / 2) * DEG];
  if (epsg !== null && epsg > 32600 && epsg <= 32760 && epsg % 100 >= 1 && epsg % 100 <= 60) {
    return utmInverse(epsg % 100, epsg > 32700);
  }
  return null;
}

export interface Footprint {
  bbox: [number, number, number, number];
  /** Closed ring of the four corners (UL, LL, LR, UR, UL) in [lon, lat]. */
  ring: Array<[number, number]>;
}

/**
 * The raster's outline in EPSG:4326. The ring has the corners; the bbox also covers points
 * along the edges, which bulge in projected CRSs.
 */
export function footprintWgs84(gt: GeoTransform, width: number, height: number, epsg: number | null): Footprint | null {
  const project = toLonLat(epsg);
  if (!project) return null;
  const at = (px: number, py: number) => project(gt[0] + px * gt[1] + py * gt[2], gt[3] + px * gt[4] + py * gt[5]);
  const ring = [at(0, 0), at(0, height), at(width, height), at(width, 0), at(0, 0)];
  const steps = 16;
  const edge: Array<[number, number]> = [];
  for (let i = 0; i <= steps; i++) {
    const [fx, fy] = [(i / steps) * width, (i / steps) * height];
    edge.push(at(fx, 0), at(fx, height), at(0, fy), at(width, fy));
  }
  const lons = edge.map((p) => p[0]);
  const lats = edge.map((p) => p[1]);
  return { bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], ring };
}
