import { describe, expect, it } from "vitest";
import {
  RETURN_PERIODS,
  gridCellOf,
  parseFathomPath,
  parseLayerId,
  parseTileName,
  stackKey,
  tileName,
} from "../../src/domain/fathom/names.ts";

const LAYER = "GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0";

describe("parseFathomPath", () => {
  it("parses the issue's example into lower-case, typed fields", () => {
    const res = parseFathomPath(`CI/${LAYER}/n04w006.tif`);
    expect(res).toEqual({
      ok: true,
      meta: {
        region: "CI",
        layer: LAYER,
        model: "GLOBAL",
        resolution: "1ARCSEC",
        offset: "NW_OFFSET",
        return_period: 100,
        flood_type: "fluvial",
        defense: "defended",
        metric: "depth",
        year: 2020,
        ssp: null,
        warming_level: null,
        percentile: 50,
        version: "v3.0",
        tile: "n04w006",
        lat: 4,
        lon: -6,
        scenario: "GLOBAL-1ARCSEC-NW_OFFSET-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0",
        grid_cell: "n04w008_4x4",
      },
    });
  });

  it.each([
    // [path, expected subset]
    ["GH/GLOBAL-1ARCSEC-NW_OFFSET-1in5-PLUVIAL-DEPTH-2020-PERCENTILE50-v3.0/n05e000.tif", { flood_type: "pluvial", defense: null, return_period: 5, lat: 5, lon: 0 }],
    ["NG/GLOBAL-1ARCSEC-NW_OFFSET-1in1000-COASTAL-UNDEFENDED-DEPTH-2050-SSP5_8.5-PERCENTILE95-v3.0/s01e010.tif", { flood_type: "coastal", defense: "undefended", year: 2050, ssp: "SSP5_8.5", percentile: 95, lat: -1, lon: 10 }],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in20-FLUVIAL-UNDEFENDED-DEPTH-2080-SSP2_4.5-PERCENTILE5-v3.0/n07w009.tif", { year: 2080, ssp: "SSP2_4.5", percentile: 5 }],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in50-FLUVIAL-DEFENDED-DEPTH-2030-dT1.5-v3.0/n04w006.tif", { year: 2030, warming_level: 1.5, ssp: null, percentile: null }],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in200-FLUVIAL-DEFENDED-DEPTH-dT2-v3.0/n04w006.TIF", { year: null, warming_level: 2 }],
    ["CI/GLOBAL-3ARCSEC-NW_OFFSET-1in500-PLUVIAL-DEPTH-v3/n04w006.tiff", { resolution: "3ARCSEC", version: "v3", year: null, percentile: null }],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-FLUVIAL-DEFENDED-DEPTH-2020-v3.0/n04w006.tif", { return_period: null, scenario: "GLOBAL-1ARCSEC-NW_OFFSET-FLUVIAL-DEFENDED-DEPTH-2020-v3.0" }],
    ["container/fathom/GH/GLOBAL-1ARCSEC-NW_OFFSET-1in10-COASTAL-DEFENDED-DEPTH-2020-SSP1_2.6-PERCENTILE50-v3.0/s12w180.tif", { region: "GH", lat: -12, lon: -180, grid_cell: "s12w180_4x4" }],
    ["CI/US-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2020-v3.1.2/n89e179.tif", { model: "US", version: "v3.1.2", lat: 89, lon: 179 }],
  ])("parses %s", (path, expected) => {
    const res = parseFathomPath(path);
    if (!res.ok) throw new Error(res.error);
    expect(res.meta).toMatchObject(expected);
  });

  it.each([
    ["CI/n04w006.tif", /should be \{region\}\/\{layer id\}\/\{tile\}\.tif/],
    [`ci/${LAYER}/n04w006.tif`, /region "ci" should be an upper-case ISO country code such as CI/],
    [`C1/${LAYER}/n04w006.tif`, /region "C1"/],
    [`CIVX/${LAYER}/n04w006.tif`, /region "CIVX"/],
    [`CI/${LAYER}/n04w006.png`, /file "n04w006\.png" should be a GeoTIFF/],
    [`CI/${LAYER}/n4w6.tif`, /tile "n4w6\.tif" should look like n04w006\.tif/],
    [`CI/${LAYER}/x04w006.tif`, /tile "x04w006\.tif" should look like/],
    [`CI/${LAYER}/n95w006.tif`, /latitude 95 is outside/],
    [`CI/${LAYER}/n04e190.tif`, /longitude 190 is outside/],
    ["CI/GLOBAL-1ARCSEC/n04w006.tif", /does not have the FATHOM shape/],
    ["CI/global-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEPTH-v3.0/n04w006.tif", /model "global" .* should be upper-case/],
    ["CI/GLOBAL-1SEC-NW_OFFSET-1in100-FLUVIAL-DEPTH-v3.0/n04w006.tif", /resolution "1SEC" should look like 1ARCSEC/],
    ["CI/GLOBAL-1ARCSEC-NORTHWEST-1in100-FLUVIAL-DEPTH-v3.0/n04w006.tif", /offset "NORTHWEST" should look like NW_OFFSET/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in25-FLUVIAL-DEPTH-v3.0/n04w006.tif", /return period "1in25" is not one of 1in5, 1in10, 1in20, 1in50, 1in100, 1in200, 1in500, 1in1000/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1IN100-FLUVIAL-DEPTH-v3.0/n04w006.tif", /return period "1IN100" must be written 1in<N>/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-RIVER-DEPTH-v3.0/n04w006.tif", /flood type "RIVER" .* is not one of FLUVIAL, PLUVIAL, COASTAL/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-fluvial-DEPTH-v3.0/n04w006.tif", /flood type "fluvial"/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-2020-v3.0/n04w006.tif", /metric "2020" .* should be an upper-case word such as DEPTH/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2040-v3.0/n04w006.tif", /year 2040 is not one of 2020, 2030, 2050, 2080/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2050-SSP6_9.9-v3.0/n04w006.tif", /climate scenario "SSP6_9.9" should look like SSP2_4.5/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2050-dTwo-v3.0/n04w006.tif", /warming level "dTwo" should look like dT1.5/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2050-PERCENTILE150-v3.0/n04w006.tif", /percentile 150 is above 100/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50/n04w006.tif", /missing its version \(e\.g\. v3\.0\) at the end/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-3.0/n04w006.tif", /unexpected "3\.0" .*expected the version \(v3\.0\)/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEFENDED-DEPTH-PERCENTILE50-2020-v3.0/n04w006.tif", /unexpected "2020" .*expected the version/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-FLUVIAL-1in100-DEPTH-v3.0/n04w006.tif", /return period "1in100" must come right after the offset/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEPTH-BOGUS-v3.0/n04w006.tif", /unexpected "BOGUS" .*expected a year \(2020\/2030\/2050\/2080\), a scenario/],
    ["CI/GLOBAL-1ARCSEC-NW_OFFSET-1in100-FLUVIAL-DEPTH-v3.0-extra/n04w006.tif", /unexpected "extra" after the version "v3\.0"/],
    ["CI/GLOBAL--NW_OFFSET-1in100-FLUVIAL-DEPTH-v3.0/n04w006.tif", /does not have the FATHOM shape/],
  ])("rejects %s with a helpful error", (path, message) => {
    const res = parseFathomPath(path);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(message);
  });
});

describe("stack keys and grid cells", () => {
  it("groups the 8 return periods of one tile and scenario under one stack key", () => {
    const keys = RETURN_PERIODS.map((rp) => {
      const res = parseFathomPath(`CI/${LAYER.replace("1in100", `1in${rp}`)}/n04w006.tif`);
      if (!res.ok) throw new Error(res.error);
      return stackKey(res.meta);
    });
    expect(new Set(keys)).toEqual(new Set(["CI/GLOBAL-1ARCSEC-NW_OFFSET-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0/n04w006"]));
    const other = parseFathomPath(`CI/${LAYER}/n04w007.tif`);
    expect(other.ok && stackKey(other.meta)).not.toBe(keys[0]);
  });

  it.each([
    [4, -6, 4, "n04w008_4x4"],
    [7, -5, 4, "n04w008_4x4"],
    [8, -8, 4, "n08w008_4x4"],
    [-1, 10, 4, "s04e008_4x4"],
    [0, 0, 2, "n00e000_2x2"],
    [-3, -1, 2, "s04w002_2x2"],
    [4, -6, 1, "n04w006_1x1"],
  ])("gridCellOf(%i, %i, %i) = %s", (lat, lon, n, cell) => {
    expect(gridCellOf(lat, lon, n)).toBe(cell);
  });

  it("uses the grid size passed to parseFathomPath", () => {
    const res = parseFathomPath(`CI/${LAYER}/n04w006.tif`, 2);
    expect(res.ok && res.meta.grid_cell).toBe("n04w006_2x2");
    expect(() => gridCellOf(0, 0, 0)).toThrow(/positive integer/);
  });

  it("round-trips tile names", () => {
    for (const [lat, lon] of [[4, -6], [-1, 10], [0, 0], [-90, -180], [89, 179]]) {
      const res = parseTileName(`${tileName(lat, lon)}.tif`);
      expect(res).toEqual({ ok: true, meta: { tile: tileName(lat, lon), lat, lon } });
    }
    expect(tileName(-1, 10)).toBe("s01e010");
  });

  it("parses bare layer ids", () => {
    const res = parseLayerId(LAYER);
    expect(res.ok && res.meta.return_period).toBe(100);
  });
});
