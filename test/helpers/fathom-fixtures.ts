// A small FATHOM bronze container of real GeoTIFFs (written with geotiff.js's own writer):
// {container}/{region}/{layer id}/{tile}.tif, 1° tiles of SIZE×SIZE float32 pixels in EPSG:4326.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeArrayBuffer } from "geotiff";

export const RPS = [5, 10, 20, 50, 100, 200, 500, 1000];
export const SIZE = 32;

export interface Scenario {
  flood: "FLUVIAL" | "PLUVIAL" | "COASTAL";
  year: number;
  ssp?: string;
}

/** `GLOBAL-1ARCSEC-NW_OFFSET-1in{rp}-{flood}-DEFENDED-DEPTH-{year}[-{ssp}]-PERCENTILE50-v3.0` */
export const layerId = (s: Scenario, rp: number) =>
  ["GLOBAL", "1ARCSEC", "NW_OFFSET", `1in${rp}`, s.flood, "DEFENDED", "DEPTH", String(s.year), ...(s.ssp ? [s.ssp] : []), "PERCENTILE50", "v3.0"].join("-");

/** The layer id without its return period: the metadata's `scenario`. */
export const scenarioId = (s: Scenario) => layerId(s, 0).replace("-1in0", "");

export function tileName(lat: number, lon: number) {
  return `${lat < 0 ? "s" : "n"}${String(Math.abs(lat)).padStart(2, "0")}${lon < 0 ? "w" : "e"}${String(Math.abs(lon)).padStart(3, "0")}`;
}

/** Pixel value of a tile's band: tells return period and tile apart after stacking and merging. */
export const pixelValue = (rp: number, tileIndex: number) => rp * 100 + tileIndex;

/** Writes the 1° tile with lower-left corner (lat, lon), every pixel = value. Returns its path. */
export function writeTile(file: string, lat: number, lon: number, value: number): string {
  mkdirSync(dirname(file), { recursive: true });
  const data = new Float32Array(SIZE * SIZE).fill(value);
  const tiff = writeArrayBuffer(data, {
    width: SIZE,
    height: SIZE,
    ModelPixelScale: [1 / SIZE, 1 / SIZE, 0],
    ModelTiepoint: [0, 0, 0, lon, lat + 1, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    PhotometricInterpretation: 1,
    SamplesPerPixel: 1,
  });
  writeFileSync(file, Buffer.from(tiff));
  return file;
}

export interface TileSpec {
  region: string;
  scenario: Scenario;
  lat: number;
  lon: number;
  /** Distinguishes tiles in pixel values. */
  index: number;
}

/** Writes the 8 return-period files of one stack; returns their paths relative to `root`. */
export function writeStack(root: string, container: string, t: TileSpec): string[] {
  return RPS.map((rp) => {
    const rel = join(container, t.region, layerId(t.scenario, rp), `${tileName(t.lat, t.lon)}.tif`);
    writeTile(join(root, rel), t.lat, t.lon, pixelValue(rp, t.index));
    return rel;
  });
}
