import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rasterInfo } from "../../worker/lib/raster/index.ts";
import { COG_MEDIA_TYPE, buildCollection, buildStacItem, type StacRaster } from "../../worker/lib/stac.ts";
import { FIXTURES, RGB } from "./raster-helpers.ts";

// A FATHOM-like 1° tile at 1 arc-second, lower-left corner (4°N, 6°W).
const TILE: StacRaster = {
  width: 3600,
  height: 3600,
  geotransform: [-6, 1 / 3600, 0, 5, 0, -1 / 3600],
  epsg: 4326,
  dtype: "int16",
  nodata: -32768,
  descriptions: ["1in5", "1in10"],
};

describe("buildStacItem", () => {
  it("describes a COG in EPSG:4326 as a STAC 1.0 Item", () => {
    const item = buildStacItem({
      id: "CI-fluvial-n04w006",
      collection: "fathom-phase1",
      href: "s3://silver/fathom/CI/n04w006.tif",
      raster: TILE,
      datetime: "2020-01-01",
      properties: { "fathom:flood_type": "fluvial" },
    });
    expect(item).toMatchObject({
      type: "Feature",
      stac_version: "1.0.0",
      id: "CI-fluvial-n04w006",
      collection: "fathom-phase1",
      bbox: [-6, 4, -5, 5],
      links: [],
      properties: {
        datetime: "2020-01-01T00:00:00.000Z",
        "proj:epsg": 4326,
        "proj:shape": [3600, 3600],
        "proj:transform": [1 / 3600, 0, -6, 0, -1 / 3600, 5],
        "fathom:flood_type": "fluvial",
      },
      assets: {
        data: {
          href: "s3://silver/fathom/CI/n04w006.tif",
          type: COG_MEDIA_TYPE,
          roles: ["data"],
          "raster:bands": [
            { data_type: "int16", nodata: -32768, description: "1in5" },
            { data_type: "int16", nodata: -32768, description: "1in10" },
          ],
        },
      },
    });
    expect(COG_MEDIA_TYPE).toBe("image/tiff; application=geotiff; profile=cloud-optimized");
    expect(item.geometry).toEqual({
      type: "Polygon",
      coordinates: [[[-6, 5], [-6, 4], [-5, 4], [-5, 5], [-6, 5]]],
    });
    expect(item.stac_extensions).toContain("https://stac-extensions.github.io/projection/v1.1.0/schema.json");
    expect(JSON.parse(JSON.stringify(item))).toEqual(item);
  });

  it("reprojects a UTM footprint to the same corners as gdalinfo's wgs84Extent", async () => {
    const info = await rasterInfo(RGB[0], { stats: false });
    const item = buildStacItem({ id: "red", collection: "c", href: "red.tif", raster: info, datetime: new Date(0) });
    const gdal = JSON.parse(readFileSync(join(FIXTURES, "ref/red.tif.ref.json"), "utf8")).gdalinfo.wgs84Extent.coordinates[0];
    item.geometry!.coordinates[0].forEach(([lon, lat], i) => {
      expect(lon).toBeCloseTo(gdal[i][0], 6);
      expect(lat).toBeCloseTo(gdal[i][1], 6);
    });
    // The bbox covers the ring (and the edges' bulge between corners).
    const [w, s, e, n] = item.bbox!;
    for (const [lon, lat] of gdal) expect(lon >= w && lon <= e && lat >= s && lat <= n).toBe(true);
    expect(item.properties["proj:epsg"]).toBe(32617);
    expect(item.properties["proj:shape"]).toEqual([259, 255]);
  });

  it("handles Web Mercator, NaN nodata and CRSs it cannot reproject", () => {
    const merc = buildStacItem({
      id: "m",
      collection: "c",
      href: "m.tif",
      datetime: "2024-05-01T12:00:00Z",
      raster: { width: 2, height: 2, geotransform: [0, 10018754.171394622, 0, 20037508.342789244, 0, -10018754.171394622], epsg: 3857, dtype: "float32", nodata: NaN },
    });
    expect(merc.bbox![0]).toBeCloseTo(0, 9);
    expect(merc.bbox![2]).toBeCloseTo(180, 9);
    expect(merc.bbox![3]).toBeCloseTo(85.0511287798, 9);
    expect(merc.bbox![1]).toBeCloseTo(0, 9);
    expect((merc.assets.data["raster:bands"] as Array<{ nodata: unknown }>)[0].nodata).toBe("nan");

    const unknown = buildStacItem({ id: "u", collection: "c", href: "u.tif", datetime: "2024-01-01", raster: { ...TILE, epsg: 2154 } });
    expect(unknown.geometry).toBeNull();
    expect(unknown).not.toHaveProperty("bbox");
    expect(unknown.properties["proj:epsg"]).toBe(2154);
    expect(() => buildStacItem({ id: "x", collection: "c", href: "x", datetime: "not a date", raster: TILE })).toThrow(/invalid STAC datetime/);
  });
});

describe("buildCollection", () => {
  const item = (id: string, lon: number, lat: number, datetime: string) =>
    buildStacItem({ id, collection: "fathom", href: `${id}.tif`, datetime, raster: { ...TILE, geotransform: [lon, 1 / 3600, 0, lat + 1, 0, -1 / 3600] } });

  it("takes its extent from the items", () => {
    const c = buildCollection({ id: "fathom", description: "FATHOM flood depth stacks", items: [item("a", -6, 4, "2020-01-01"), item("b", -3, 7, "2050-01-01")] });
    expect(c).toMatchObject({
      type: "Collection",
      stac_version: "1.0.0",
      id: "fathom",
      license: "proprietary",
      extent: {
        spatial: { bbox: [[-6, 4, -2, 8]] },
        temporal: { interval: [["2020-01-01T00:00:00.000Z", "2050-01-01T00:00:00.000Z"]] },
      },
      links: [],
    });
  });

  it("widens an existing collection instead of replacing its extent", () => {
    const first = buildCollection({ id: "fathom", title: "FATHOM", description: "d", license: "CC-BY-4.0", items: [item("a", -6, 4, "2030-01-01")] });
    const merged = buildCollection({ id: "fathom", description: "d", existing: first, items: [item("b", 10, -2, "2020-01-01")] });
    expect(merged.extent.spatial.bbox).toEqual([[-6, -2, 11, 5]]);
    expect(merged.extent.temporal.interval).toEqual([["2020-01-01T00:00:00.000Z", "2030-01-01T00:00:00.000Z"]]);
    expect(merged).toMatchObject({ title: "FATHOM", license: "CC-BY-4.0" });
  });
});
