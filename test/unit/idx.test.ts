import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MODELS } from "../../src/domain/weather/models.ts";
import { IdxParseError, compilePattern, mergeRanges, parseIdx, selectEntries } from "../../worker/lib/sources/idx.ts";

const REAL = readFileSync(new URL("../fixtures/idx/hrrr.t00z.wrfsfcf00.grib2.idx", import.meta.url), "utf8");

describe("parseIdx on a real HRRR inventory", () => {
  const entries = parseIdx(REAL);

  it("reads every line with contiguous byte ranges", () => {
    expect(entries).toHaveLength(170);
    expect(entries[0]).toMatchObject({ num: "1", offset: 0, end: 404022, date: "2023120100", variable: "REFC", level: "entire atmosphere", forecast: "anl", key: "REFC:entire atmosphere:anl" });
    for (let i = 1; i < entries.length; i++) expect(entries[i].offset).toBe(entries[i - 1].end! + 1);
    expect(entries.at(-1)).toMatchObject({ num: "170", offset: 138388309, end: null, variable: "SBT114" });
    expect(parseIdx(REAL, 139_000_000).at(-1)!.end).toBe(138_999_999);
  });

  it("keeps odd fields intact (unnamed parameters, long levels)", () => {
    expect(entries[2].variable).toBe("var discipline=0 center=7 local_table=1 parmcat=16 parm=201");
    expect(entries.find((e) => e.variable === "PWAT")!.level).toBe("entire atmosphere (considered as a single layer)");
  });

  it("selects each configured HRRR variable exactly once", () => {
    const byId = Object.fromEntries(
      MODELS.hrrr.variables.map((v) => [v.id, selectEntries(entries, [v.pattern]).map((e) => `${e.num}:${e.key}`)]),
    );
    expect(byId).toEqual({
      t2m: ["71:TMP:2 m above ground:anl"],
      u10: ["77:UGRD:10 m above ground:anl"],
      v10: ["78:VGRD:10 m above ground:anl"],
      gust: ["9:GUST:surface:anl"],
      apcp: ["84:APCP:surface:0-0 day acc fcst"],
      refc: ["1:REFC:entire atmosphere:anl"],
      mslp: ["41:MSLMA:mean sea level:anl"],
    });
  });

  it("anchors patterns at the variable name and accepts RegExps", () => {
    expect(selectEntries(entries, ["GRD:10 m above ground"])).toEqual([]); // not UGRD/VGRD mid-string
    expect(selectEntries(entries, [/[UV]GRD:10 m above ground:/]).map((e) => e.num)).toEqual(["77", "78"]);
    expect(selectEntries(entries, [/tmp:2 m/i]).map((e) => e.num)).toEqual(["71"]);
    expect(compilePattern(/a/g).flags).toBe("");
  });

  it("merges the ranges of adjacent messages", () => {
    const sel = selectEntries(entries, [/[UV]GRD:10 m above ground:/, "TMP:2 m above ground:"]);
    const merged = mergeRanges(sel.map((e) => ({ start: e.offset, end: e.end })));
    expect(merged).toEqual([
      { start: 37248515, end: 38436247 },
      { start: 44463260, end: 49226489 },
    ]);
  });
});

describe("parseIdx edge cases", () => {
  it("gives sub-messages (n.1, n.2) the shared message range", () => {
    const text = "1:0:d=2023012500:TMP:2 m above ground:anl:\n2.1:100:d=2023012500:UGRD:10 m above ground:anl:\n2.2:100:d=2023012500:VGRD:10 m above ground:anl:\n3:250:d=2023012500:GUST:surface:anl:\n";
    const e = parseIdx(text);
    expect(e.map((x) => [x.num, x.offset, x.end])).toEqual([
      ["1", 0, 99],
      ["2.1", 100, 249],
      ["2.2", 100, 249],
      ["3", 250, null],
    ]);
    expect(mergeRanges(e.slice(1, 3).map((x) => ({ start: x.offset, end: x.end })))).toEqual([{ start: 100, end: 249 }]);
  });

  it("merges open-ended and overlapping ranges", () => {
    expect(mergeRanges([{ start: 50, end: null }, { start: 0, end: 9 }, { start: 10, end: 20 }, { start: 15, end: 60 }])).toEqual([
      { start: 0, end: null },
    ]);
    expect(mergeRanges([{ start: 30, end: 39 }, { start: 0, end: 9 }])).toEqual([
      { start: 0, end: 9 },
      { start: 30, end: 39 },
    ]);
  });

  it.each([
    ["<html><body>404</body></html>", /line 1/],
    ["1:0:d=2023012500:TMP:2 m above ground:anl:\n2:x:d=1:UGRD:10 m:anl:", /line 2/],
    ["1:500:d=2023012500:TMP:2 m above ground:anl:\n2:100:d=2023012500:UGRD:10 m:anl:", /backwards/],
  ])("rejects malformed inventories (%#)", (text, msg) => {
    expect(() => parseIdx(text)).toThrow(IdxParseError);
    expect(() => parseIdx(text)).toThrow(msg);
  });

  it("rejects offsets past the known file size", () => {
    expect(() => parseIdx("1:0:d=1:A:b:anl:\n2:100:d=1:B:c:anl:\n", 50)).toThrow(/past the end/);
  });
});
