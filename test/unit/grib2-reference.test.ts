// Real NOAA files decoded and compared with ecCodes 2.28 (see test/fixtures/grib2/ref/*.ref.json):
// every value of the whole grid, statistics, header, grid geometry and sample point locations.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gridLatLon, parseGrib2, regridToLatLon, summarize, type Grib2Field } from "../../worker/lib/grib2/index.ts";

const DIR = new URL("../fixtures/grib2/", import.meta.url);

/** value is null where the point is missing. */
interface RefPoint { index: number; i: number; j: number; lat: number; lon: number; value: number | null }
interface Ref {
  messages: {
    offset: number;
    totalLength: number;
    header: Record<string, number | string>;
    grid: Record<string, number | number[] | string>;
    packing: Record<string, number | string>;
    stats: { count_missing: number; min: number; max: number; mean: number };
    sample_points: RefPoint[];
  }[];
}

function load(file: string) {
  const field = parseGrib2(readFileSync(new URL(file, DIR)));
  const ref = JSON.parse(readFileSync(new URL(`ref/${file}.ref.json`, DIR), "utf8")) as Ref;
  const raw = gunzipSync(readFileSync(new URL(`ref/${file}.msg01.f32le.gz`, DIR)));
  const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  return { fields: field, ref: ref.messages[0], refValues: values };
}

/** Largest error packing may introduce: half a quantum 2^E·10^-D, plus float32 rounding of the value. */
function tolerance(f: Grib2Field, v: number): number {
  return 0.5 * 2 ** f.packing.binaryScale * 10 ** -f.packing.decimalScale + Math.abs(v) * 2 ** -23;
}

const lonDiff = (a: number, b: number) => Math.abs((((a - b) % 360) + 540) % 360 - 180);

const CASES = [
  { file: "hrrr.t06z.wrfsfcf01-TMP.grib2", shortName: "TMP", level: "surface", packing: 3 },
  { file: "hrrr.t06z.wrfsfcf01-UGRD.grib2", shortName: "UGRD", level: "10 m above ground", packing: 0 },
  { file: "hrrr.t06z.wrfsfcf01-CFRZR.grib2", shortName: "CFRZR", level: "surface", packing: 0 },
  { file: "gfs.t12z.pgrb2.0p25.f023-PV-TMP-missing.grib2", shortName: "TMP", level: "PV=-2e-06 (Km^2/kg/s) surface", packing: 3 },
];

describe.each(CASES)("$file against ecCodes", ({ file, shortName, level, packing }) => {
  const { fields, ref, refValues } = load(file);
  const f = fields[0];
  const values = f.decode();

  it("has one field with the reference header", () => {
    expect(fields).toHaveLength(1);
    const h = ref.header;
    expect(f.offset).toBe(ref.offset);
    expect(f.messageLength).toBe(ref.totalLength);
    expect([f.discipline, f.category, f.number]).toEqual([h.discipline, h.parameterCategory, h.parameterNumber]);
    expect(f.shortName).toBe(shortName);
    expect(f.centre).toBe(h.centre);
    expect(f.productTemplate).toBe(h.productDefinitionTemplateNumber);
    expect(f.level?.type).toBe(h.typeOfFirstFixedSurface);
    expect(f.level?.description).toBe(level);
    const refTime = new Date(Date.UTC(+h.year, +h.month - 1, +h.day, +h.hour, +h.minute, +h.second));
    expect(f.referenceTime.toISOString()).toBe(refTime.toISOString());
    expect(f.forecastHour).toBe(h.forecastTime);
    expect(f.statistics).toBeNull();
  });

  it("has the reference grid and packing", () => {
    const g = ref.grid;
    expect(f.grid.template).toBe(g.gridDefinitionTemplateNumber);
    expect([f.grid.ni, f.grid.nj, f.grid.scanningMode]).toEqual([g.Ni, g.Nj, g.scanningMode]);
    expect(f.grid.earth.code).toBe(g.shapeOfTheEarth);
    if (f.grid.kind === "lambert") {
      expect([f.grid.la1, f.grid.lo1, f.grid.lad, f.grid.lov, f.grid.latin1, f.grid.latin2]).toEqual(
        [g.latitudeOfFirstGridPointInDegrees, g.longitudeOfFirstGridPointInDegrees, g.LaDInDegrees, g.LoVInDegrees, g.Latin1InDegrees, g.Latin2InDegrees]);
      expect([f.grid.dx, f.grid.dy]).toEqual([g.DxInMetres, g.DyInMetres]);
    } else if (f.grid.kind === "latlon") {
      expect([f.grid.la1, f.grid.lo1, f.grid.la2, f.grid.lo2, f.grid.di, f.grid.dj]).toEqual(
        [g.latitudeOfFirstGridPointInDegrees, g.longitudeOfFirstGridPointInDegrees, g.latitudeOfLastGridPointInDegrees,
          g.longitudeOfLastGridPointInDegrees, g.iDirectionIncrementInDegrees, g.jDirectionIncrementInDegrees]);
    }
    const p = ref.packing;
    expect(f.packing.template).toBe(packing);
    expect(f.packing.template).toBe(p.dataRepresentationTemplateNumber);
    expect(f.packing.bitsPerValue).toBe(p.bitsPerValue);
    expect(f.packing.referenceValue).toBe(p.referenceValue);
    expect(f.packing.binaryScale).toBe(p.binaryScaleFactor);
    expect(f.packing.decimalScale).toBe(p.decimalScaleFactor);
    expect(f.hasBitmap).toBe(p.bitmapPresent === 1);
    if (f.packing.complex) {
      const c = f.packing.complex;
      expect(c.missingManagement).toBe(p.missingValueManagementUsed);
      expect(c.groups).toBe(p.numberOfGroupsOfDataValues);
      expect(c.lastGroupLength).toBe(p.trueLengthOfLastGroup);
      expect(c.spatialOrder).toBe(p.orderOfSpatialDifferencing);
      expect(c.extraDescriptorOctets).toBe(p.numberOfOctetsExtraDescriptors);
    }
  });

  it("decodes every value of the grid within packing precision", () => {
    expect(values.length).toBe(refValues.length);
    let maxDiff = 0;
    let missingMismatch = 0;
    let overTolerance = 0;
    for (let k = 0; k < values.length; k++) {
      const a = values[k], b = refValues[k];
      if (Number.isNaN(a) || Number.isNaN(b)) {
        if (Number.isNaN(a) !== Number.isNaN(b)) missingMismatch++;
        continue;
      }
      const d = Math.abs(a - b);
      if (d > maxDiff) maxDiff = d;
      if (d > tolerance(f, b)) overTolerance++;
    }
    expect(missingMismatch).toBe(0);
    expect(overTolerance).toBe(0);
    expect(maxDiff).toBeLessThanOrEqual(tolerance(f, ref.stats.max));
  });

  it("has the reference statistics", () => {
    const s = summarize(values);
    expect(s.missing).toBe(ref.stats.count_missing);
    expect(s.min).toBeCloseTo(ref.stats.min, 4);
    expect(s.max).toBeCloseTo(ref.stats.max, 4);
    expect(Math.abs(s.mean - ref.stats.mean)).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref.stats.mean)));
  });

  it("locates the first, last and sample points like ecCodes", () => {
    const { lat, lon } = gridLatLon(f.grid);
    const [lat1, lon1] = ref.grid.computed_lat_lon_of_first_point as number[];
    const [latN, lonN] = ref.grid.computed_lat_lon_of_last_point as number[];
    const n = lat.length - 1;
    // ecCodes prints 6 decimals; Lambert points must agree to 1e-3 degrees at worst.
    expect(Math.abs(lat[0] - lat1)).toBeLessThan(1e-5);
    expect(lonDiff(lon[0], lon1)).toBeLessThan(1e-5);
    expect(Math.abs(lat[n] - latN)).toBeLessThan(1e-5);
    expect(lonDiff(lon[n], lonN)).toBeLessThan(1e-5);
    for (const p of ref.sample_points) {
      expect(Math.abs(lat[p.index] - p.lat)).toBeLessThan(1e-5);
      expect(lonDiff(lon[p.index], p.lon)).toBeLessThan(1e-5);
      if (p.value === null) expect(values[p.index]).toBeNaN();
      else expect(Math.abs(values[p.index] - p.value)).toBeLessThanOrEqual(tolerance(f, p.value));
    }
  });

  it("regrids back to each interior sample point's value", () => {
    // Edge points are skipped: their rounded coordinates may fall a hair outside the grid.
    const interior = ref.sample_points.filter((p) => p.i > 0 && p.j > 0 && p.i < f.grid.ni - 1 && p.j < f.grid.nj - 1);
    expect(interior.length).toBeGreaterThan(5);
    for (const p of interior) {
      const r = regridToLatLon(f, values, { latMin: p.lat, latMax: p.lat, lonMin: p.lon, lonMax: p.lon, res: 1 });
      // Sample coordinates are rounded to 1e-6°, so the bilinear blend leans a hair towards neighbours;
      // next to missing points the nearest value is used, so the exact value comes back.
      if (p.value === null) expect(r.data[0]).toBeNaN();
      else expect(Math.abs(r.data[0] - p.value)).toBeLessThan(0.01);
    }
  });
});

describe("decode speed", () => {
  it("decodes the HRRR 1799×1059 complex-packed TMP field in well under a second", () => {
    const f = parseGrib2(readFileSync(new URL("hrrr.t06z.wrfsfcf01-TMP.grib2", DIR)))[0];
    const t0 = performance.now();
    const v = f.decode();
    const ms = performance.now() - t0;
    expect(v.length).toBe(1799 * 1059);
    expect(ms).toBeLessThan(1000);
  });
});

describe("canonical order", () => {
  it("flips the north-to-south GFS rows so row 0 is the south pole", () => {
    const { fields, refValues } = load("gfs.t12z.pgrb2.0p25.f023-PV-TMP-missing.grib2");
    const f = fields[0];
    const canonical = f.decodeCanonical();
    const { lat } = gridLatLon(f.grid, "canonical");
    expect(lat[0]).toBe(-90);
    expect(lat[lat.length - 1]).toBe(90);
    // Canonical row j is file row Nj-1-j.
    const ni = 1440, nj = 721;
    for (const [i, j] of [[0, 0], [17, 5], [1439, 360], [700, 720]]) {
      const a = canonical[j * ni + i], b = refValues[(nj - 1 - j) * ni + i];
      expect(Number.isNaN(a) ? "NaN" : a).toEqual(Number.isNaN(b) ? "NaN" : b);
    }
  });
});
