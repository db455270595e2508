import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_NOMADS_BASE_URL,
  MODELS,
  ModelRunSchema,
  TILE_REGIONS,
  WeatherTargetSchema,
  expectedHours,
  getVariable,
  gribUrl,
  idxUrl,
  nomadsBaseUrl,
  parseRunId,
  runDirUrl,
  runId,
  runListingUrl,
  variablesForHour,
} from "../../src/domain/weather/models.ts";

const savedBase = process.env.NOMADS_BASE_URL;
afterEach(() => {
  if (savedBase === undefined) delete process.env.NOMADS_BASE_URL;
  else process.env.NOMADS_BASE_URL = savedBase;
});

describe("run ids", () => {
  it("formats from a Date (UTC) or a date string and parses back", () => {
    expect(runId(new Date("2023-01-25T12:34:00Z"), 12)).toBe("20230125_12");
    expect(runId("20230125", 6)).toBe("20230125_06");
    expect(runId("2023-01-25", 0)).toBe("20230125_00");
    const r = parseRunId("20230125_12");
    expect(r).toMatchObject({ id: "20230125_12", date: "20230125", cycle: 12 });
    expect(r.time.toISOString()).toBe("2023-01-25T12:00:00.000Z");
  });

  it.each(["20230230_00", "20231301_00", "20230125_24", "20230125-12", "2023012_12", "20230125_1", " 20230125_12", "../_12"])(
    "rejects %j",
    (bad) => {
      expect(() => parseRunId(bad)).toThrow(/invalid run id/);
    },
  );
});

describe("forecast hours", () => {
  it("HRRR: 48 h at synoptic cycles, 18 h otherwise", () => {
    expect(expectedHours("hrrr", 0)).toEqual([...Array(49).keys()]);
    expect(expectedHours("hrrr", 18).at(-1)).toBe(48);
    expect(expectedHours("hrrr", 13)).toEqual([...Array(19).keys()]);
  });

  it("GFS: hourly to 120 by default, configurable, 3-hourly beyond 120", () => {
    expect(expectedHours("gfs", 12)).toEqual([...Array(121).keys()]);
    expect(expectedHours("gfs", 12, { maxHour: 6 })).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(expectedHours("gfs", 0, { maxHour: 129 }).slice(-4)).toEqual([120, 123, 126, 129]);
    expect(() => expectedHours("gfs", 3)).toThrow(/no 03z cycle/);
  });
});

describe("URLs", () => {
  it("defaults to the real NOMADS layout", () => {
    delete process.env.NOMADS_BASE_URL;
    expect(nomadsBaseUrl()).toBe(DEFAULT_NOMADS_BASE_URL);
    expect(gribUrl("hrrr", "20230125_12", 4)).toBe(
      "https://nomads.ncep.noaa.gov/pub/data/nccf/com/hrrr/prod/hrrr.20230125/conus/hrrr.t12z.wrfsfcf04.grib2",
    );
    expect(idxUrl("gfs", "20230125_06", 23)).toBe(
      "https://nomads.ncep.noaa.gov/pub/data/nccf/com/gfs/prod/gfs.20230125/06/atmos/gfs.t06z.pgrb2.0p25.f023.idx",
    );
    expect(runListingUrl("gfs")).toBe(`${DEFAULT_NOMADS_BASE_URL}/gfs/prod/`);
    expect(runDirUrl("hrrr", "20230125")).toBe(`${DEFAULT_NOMADS_BASE_URL}/hrrr/prod/hrrr.20230125/conus/`);
    expect(runDirUrl("gfs", "20230125")).toBe(`${DEFAULT_NOMADS_BASE_URL}/gfs/prod/gfs.20230125/`);
    expect(runDirUrl("gfs", "20230125", 18)).toBe(`${DEFAULT_NOMADS_BASE_URL}/gfs/prod/gfs.20230125/18/atmos/`);
  });

  it("honours NOMADS_BASE_URL (one base for both models) and explicit bases", () => {
    process.env.NOMADS_BASE_URL = "http://mirror.local:8080/nomads/";
    expect(gribUrl("hrrr", "20230125_00", 48)).toBe("http://mirror.local:8080/nomads/hrrr/prod/hrrr.20230125/conus/hrrr.t00z.wrfsfcf48.grib2");
    expect(gribUrl("gfs", "20230125_00", 120, "http://x")).toBe("http://x/gfs/prod/gfs.20230125/00/atmos/gfs.t00z.pgrb2.0p25.f120");
    process.env.NOMADS_BASE_URL = "ftp://nope";
    expect(() => nomadsBaseUrl()).toThrow(/http/);
  });

  it("refuses hours the run does not have", () => {
    expect(() => gribUrl("hrrr", "20230125_01", 19)).toThrow(/no forecast hour 19/);
    expect(() => gribUrl("gfs", "20230125_00", 121)).toThrow(/no forecast hour 121/);
  });
});

describe("edge validation", () => {
  it("accepts good job args", () => {
    expect(WeatherTargetSchema.parse({ model: "hrrr", run: "20230125_18", hour: 48, variables: ["t2m", "refc"] })).toBeTruthy();
    expect(ModelRunSchema.parse({ model: "gfs", run: "20230125_06" })).toEqual({ model: "gfs", run: "20230125_06" });
  });

  it.each([
    [{ model: "ecmwf", run: "20230125_00", hour: 0 }, "model"],
    [{ model: "hrrr", run: "2023-01-25", hour: 0 }, "run"],
    [{ model: "gfs", run: "20230125_03", hour: 0 }, "03z"],
    [{ model: "hrrr", run: "20230125_01", hour: 19 }, "forecast hour 19"],
    [{ model: "hrrr", run: "20230125_00", hour: -1 }, "hour"],
    [{ model: "hrrr", run: "20230125_00", hour: 1.5 }, "hour"],
    [{ model: "hrrr", run: "20230125_00", hour: 1, variables: ["nope"] }, "unknown hrrr variable"],
    [{ model: "gfs", run: "20230125_00", hour: 0, variables: ["apcp"] }, "starts at f01"],
  ])("rejects %j", (args, msg) => {
    const res = WeatherTargetSchema.safeParse(args);
    expect(res.success).toBe(false);
    expect(JSON.stringify(res.error?.issues)).toContain(msg);
  });
});

describe("variables and tiles", () => {
  it("every model keeps the core variables with unique ids", () => {
    for (const cfg of Object.values(MODELS)) {
      const ids = cfg.variables.map((v) => v.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(["t2m", "u10", "v10", "apcp", "refc", "gust", "mslp"]));
      for (const r of cfg.tiles.regions) expect(TILE_REGIONS[r]).toBeDefined();
    }
    expect(getVariable("gfs", "mslp").pattern).toMatch(/^PRMSL/);
    expect(getVariable("hrrr", "mslp").pattern).toMatch(/^MSLMA/);
    expect(() => getVariable("hrrr", "zz")).toThrow(/known: t2m/);
    expect(variablesForHour("gfs", 0).map((v) => v.id)).not.toContain("apcp");
    expect(variablesForHour("hrrr", 0).map((v) => v.id)).toContain("apcp");
  });
});
