// Grid geometry: scanning-mode orders worked out by hand, Lambert conformal projection checks,
// and regridding to regular lat/lon.
import { describe, expect, it } from "vitest";
import {
  encodeGrib2, gridLatLon, parseGrib2, regridToLatLon, type EncodeFieldSpec, type EncodeGridSpec, type Grib2Field,
} from "../../worker/lib/grib2/index.ts";
import { lambertConformal } from "../../worker/lib/grib2/lambert.ts";

const REF_TIME = new Date("2024-01-01T00:00:00Z");

function one(values: ArrayLike<number>, grid: EncodeGridSpec, extra: Partial<EncodeFieldSpec> = {}): Grib2Field {
  return parseGrib2(encodeGrib2([{ values, grid, packing: { template: 0, decimalScale: 3 }, category: 0, number: 0, referenceTime: REF_TIME, ...extra }]))[0];
}

describe("scanning modes on a 3×2 lat/lon grid", () => {
  // Canonical order: index j*3 + i, i west→east, j south→north (row 0 = lat 0, row 1 = lat 1).
  // File values are 0..5 in storage order; expected = which file value lands on each canonical cell.
  const cases: [number, string, number[]][] = [
    [0x00, "+i -j (north row first)", [3, 4, 5, 0, 1, 2]],
    [0x40, "+i +j", [0, 1, 2, 3, 4, 5]],
    [0x80, "-i -j", [5, 4, 3, 2, 1, 0]],
    [0xc0, "-i +j", [2, 1, 0, 5, 4, 3]],
    [0x60, "+i +j, j consecutive", [0, 2, 4, 1, 3, 5]],
    [0x20, "+i -j, j consecutive", [1, 3, 5, 0, 2, 4]],
    [0x50, "+i +j, alternating rows", [0, 1, 2, 5, 4, 3]],
    [0x10, "+i -j, alternating rows", [5, 4, 3, 0, 1, 2]],
    [0xd0, "-i +j, alternating rows", [2, 1, 0, 3, 4, 5]],
    [0x70, "+i +j, j consecutive, alternating columns", [0, 3, 4, 1, 2, 5]],
  ];
  // West/east columns at lon 10, 11, 12; south/north rows at lat 0, 1.
  const corners = (mode: number) => {
    const iNeg = mode & 0x80, jPos = mode & 0x40;
    return { la1: jPos ? 0 : 1, la2: jPos ? 1 : 0, lo1: iNeg ? 12 : 10, lo2: iNeg ? 10 : 12 };
  };

  it.each(cases)("mode 0x%s (%s)", (mode, _name, expected) => {
    const f = one([0, 1, 2, 3, 4, 5], { template: 0, ni: 3, nj: 2, ...corners(mode), scanningMode: mode });
    expect(Array.from(f.decode())).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(f.decodeCanonical())).toEqual(expected);
    // File-order coordinates follow the values: file value v sits where the canonical cell holding v is.
    const { lat, lon } = gridLatLon(f.grid);
    const canon = gridLatLon(f.grid, "canonical");
    expect(Array.from(canon.lat)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(canon.lon)).toEqual([10, 11, 12, 10, 11, 12]);
    for (let v = 0; v < 6; v++) {
      const cell = expected.indexOf(v);
      expect([lat[v], lon[v]]).toEqual([canon.lat[cell], canon.lon[cell]]);
    }
    expect([lat[0], lon[0]]).toEqual([corners(mode).la1, corners(mode).lo1]);
  });
});

describe("Lambert conformal grids", () => {
  const R = 6371229;
  const greatCircle = (lat1: number, lon1: number, lat2: number, lon2: number) => {
    const r = Math.PI / 180;
    const h = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
    return 2 * R * Math.asin(Math.sqrt(h));
  };

  it("is true to scale along the standard parallel of a tangent cone (north and south)", () => {
    for (const [latin, lov] of [[38.5, 262.5], [-35, 140]]) {
      const p = lambertConformal({ latin1: latin, latin2: latin, lov, a: R, b: R });
      const a = new Float64Array(2), b = new Float64Array(2);
      p.forward(latin, lov - 0.01, a);
      p.forward(latin, lov + 0.01, b);
      expect(Math.hypot(b[0] - a[0], b[1] - a[1]) / greatCircle(latin, lov - 0.01, latin, lov + 0.01)).toBeCloseTo(1, 7);
      // y grows northward along the central meridian in both hemispheres.
      p.forward(latin + 1, lov, b);
      expect(b[1]).toBeGreaterThan(a[1]);
    }
  });

  it("inverts its forward projection on a sphere and an ellipsoid, secant or tangent", () => {
    const out = new Float64Array(2), back = new Float64Array(2);
    for (const params of [
      { latin1: 38.5, latin2: 38.5, lov: 262.5, a: R, b: R },
      { latin1: 25, latin2: 50, lov: 265, a: 6378137, b: 6356752.3142 },
      { latin1: -30, latin2: -60, lov: 140, a: 6378137, b: 6356752.3142 },
    ]) {
      const p = lambertConformal(params);
      for (const [lat, lon] of [[21, -120], [50, -60], [35, -100]].map(([la, lo]) => [Math.sign(params.latin1) * la, lo + params.lov - 262.5])) {
        p.forward(lat, lon, out);
        p.inverse(out[0], out[1], back);
        expect(back[0]).toBeCloseTo(lat, 9);
        expect(((back[1] - lon + 540) % 360) - 180).toBeCloseTo(0, 9);
      }
    }
  });

  it("matches ecCodes on a secant WGS84 grid (shape of earth 5)", () => {
    // Points computed by ecCodes 2.28 (grib_get_data) for this grid definition.
    const f = one(new Array(31 * 19).fill(0), {
      template: 30, ni: 31, nj: 19, la1: 21.138123, lo1: 237.280472, lov: 262.5, lad: 25, dx: 30000, dy: 30000,
      latin1: 25, latin2: 50, scanningMode: 0x40, earthShape: 5,
    });
    const { lat, lon } = gridLatLon(f.grid);
    const ecCodes: [number, number, number][] = [
      [0, 21.138123, 237.280472], [1, 21.208915, 237.554564], [31, 21.395185, 237.204402],
      [298, 24.722704, 241.994801], [588, 27.728432, 244.688762],
    ];
    for (const [k, la, lo] of ecCodes) {
      expect(Math.abs(lat[k] - la)).toBeLessThan(2e-6);
      expect(Math.abs(lon[k] - lo)).toBeLessThan(2e-6);
    }
  });

  it("places neighbours of a southern-hemisphere grid (projection centre flag 0x80) dx apart", () => {
    const f = one(new Array(20 * 10).fill(0), {
      template: 30, ni: 20, nj: 10, la1: -50, lo1: 120, lov: 140, dx: 10000, dy: 10000, latin1: -45, latin2: -45,
      projectionCentre: 0x80, scanningMode: 0x40,
    });
    const { lat, lon } = gridLatLon(f.grid);
    expect([lat[0], lon[0]]).toEqual([expect.closeTo(-50, 9), expect.closeTo(120, 9)]);
    // Along the row at -50° the scale factor differs from 1 only slightly (secant at -45°).
    const d = greatCircle(lat[0], lon[0], lat[1], lon[1]);
    expect(d).toBeGreaterThan(9900);
    expect(d).toBeLessThan(10300);
    expect(lon[1]).toBeGreaterThan(lon[0]); // +i is eastward
    expect(lat[20]).toBeGreaterThan(lat[0]); // +j is northward
  });
});

describe("regridToLatLon", () => {
  it("interpolates a lat/lon grid exactly for a bilinear function, NaN outside", () => {
    const grid: EncodeGridSpec = { template: 0, ni: 11, nj: 6, la1: 45, lo1: 10, la2: 40, lo2: 20, scanningMode: 0 };
    // File rows run north → south; value = 2·lon + 3·lat.
    const values = Array.from({ length: 66 }, (_, k) => 2 * (10 + (k % 11)) + 3 * (45 - Math.floor(k / 11)));
    const f = one(values, grid);
    const r = regridToLatLon(f, f.decode(), { latMin: 39.5, latMax: 45, lonMin: 9.75, lonMax: 20.25, res: 0.25 });
    expect(r.lat[0]).toBe(39.5);
    expect(r.lon.length).toBe(43);
    for (let i = 0; i < r.lat.length; i++) {
      for (let j = 0; j < r.lon.length; j++) {
        const la = r.lat[i], lo = r.lon[j];
        const v = r.data[i * r.lon.length + j];
        if (la < 40 || lo < 10 || lo > 20) expect(v).toBeNaN();
        else expect(v).toBeCloseTo(2 * lo + 3 * la, 3);
      }
    }
  });

  it("wraps across the seam of a global grid", () => {
    const ni = 360, nj = 181;
    const values = Array.from({ length: ni * nj }, (_, k) => Math.cos(((k % ni) * Math.PI) / 180));
    const f = one(values, { template: 0, ni, nj, la1: 90, lo1: 0, la2: -90, lo2: 359, scanningMode: 0 });
    const r = regridToLatLon(f, f.decode(), { latMin: 0, latMax: 0, lonMin: -1.5, lonMax: 1.5, res: 0.5 });
    for (let j = 0; j < r.lon.length; j++) expect(r.data[j]).toBeCloseTo(Math.cos((r.lon[j] * Math.PI) / 180), 3);
  });

  it("projects target points onto a Lambert grid", () => {
    const grid: EncodeGridSpec = {
      template: 30, ni: 60, nj: 40, la1: 30, lo1: 250, lov: 262.5, dx: 20000, dy: 20000, latin1: 38.5, latin2: 38.5, scanningMode: 0x40,
    };
    const probe = one(new Array(60 * 40).fill(0), grid);
    const { lat, lon } = gridLatLon(probe.grid);
    // Smooth field known everywhere: value = latitude + longitude/10 (lon in degrees east, 0-360).
    const f = one(Array.from(lat, (la, k) => la + lon[k] / 10), grid);
    const r = regridToLatLon(f, f.decode(), { latMin: 28, latMax: 40, lonMin: -112, lonMax: -95, res: 0.5 });
    let inside = 0;
    for (let i = 0; i < r.lat.length; i++) {
      for (let j = 0; j < r.lon.length; j++) {
        const v = r.data[i * r.lon.length + j];
        if (Number.isNaN(v)) continue;
        inside++;
        expect(v).toBeCloseTo(r.lat[i] + (r.lon[j] + 360) / 10, 2);
      }
    }
    expect(inside).toBeGreaterThan(200);
    // South-west of the first grid point is outside the grid.
    expect(r.data[0]).toBeNaN();
  });

  it("uses nearest neighbours for categorical fields and next to missing points", () => {
    const grid: EncodeGridSpec = { template: 0, ni: 4, nj: 4, la1: 0, lo1: 0, la2: 3, lo2: 3, scanningMode: 0x40 };
    const cat = one([0, 1, 1, 0, 0, 1, 3, 3, 2, 2, 3, 0, 1, 1, 0, 0], grid);
    const r = regridToLatLon(cat, cat.decode(), { latMin: 0, latMax: 3, lonMin: 0, lonMax: 3, res: 0.3, method: "nearest" });
    expect(new Set(r.data)).toEqual(new Set([0, 1, 2, 3]));
    const holes = one([1, 1, 1, 1, 1, NaN, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], grid);
    const h = regridToLatLon(holes, holes.decode(), { latMin: 1, latMax: 1, lonMin: 1, lonMax: 2, res: 0.25 });
    // lon 1.0 is the missing point itself; 1.25 blends it in, so its nearest point (the missing one)
    // is used; from 1.5 on the nearest point is valid.
    expect(Array.from(h.data)).toEqual([NaN, NaN, 1, 1, 1]);
  });
});
