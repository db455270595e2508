// Encoder ↔ decoder round trips over every grid / product / packing / bitmap combination we write.
import { describe, expect, it } from "vitest";
import {
  canonicalIndex, encodeGrib2, parseGrib2, type EncodeFieldSpec, type EncodeGridSpec,
  type EncodePackingSpec, type Grib2Field,
} from "../../worker/lib/grib2/index.ts";

const REF_TIME = new Date("2024-03-10T18:00:00Z");
const NI = 23, NJ = 17;

const LATLON: EncodeGridSpec = { template: 0, ni: NI, nj: NJ, la1: 50, lo1: 250, la2: 34, lo2: 272, scanningMode: 0 };
const LAMBERT: EncodeGridSpec = {
  template: 30, ni: NI, nj: NJ, la1: 21.138123, lo1: 237.280472, lov: 262.5, lad: 38.5, dx: 3000, dy: 3000,
  latin1: 38.5, latin2: 38.5, scanningMode: 0x40,
};

/** A smooth field with some fine structure, and the same with holes (isolated points and a block). */
function sample(n: number, offset = 0): { full: number[]; holes: number[] } {
  const full = Array.from({ length: n }, (_, k) => offset + 280 + 15 * Math.sin(k / 13) + 3 * Math.cos(k / 2.7));
  const holes = full.map((v, k) => (k % 17 === 3 || (k >= 40 && k < 95) ? NaN : v));
  return { full, holes };
}

function field(values: number[], grid: EncodeGridSpec, packing: EncodePackingSpec, extra: Partial<EncodeFieldSpec> = {}): EncodeFieldSpec {
  return {
    values, grid, packing, discipline: 0, category: 0, number: 0, referenceTime: REF_TIME, forecastHour: 6,
    level: { type: 103, value: 2 }, ...extra,
  };
}

/** Half a quantum 2^E·10^-D (packing) plus float32 rounding of the decoded value. */
function expectClose(f: Grib2Field, decoded: Float32Array, expected: ArrayLike<number>) {
  expect(decoded.length).toBe(expected.length);
  const quantum = 2 ** f.packing.binaryScale * 10 ** -f.packing.decimalScale;
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k];
    if (Number.isNaN(e)) {
      expect(decoded[k], `point ${k} should be missing`).toBeNaN();
      continue;
    }
    expect(Math.abs(decoded[k] - e), `point ${k}`).toBeLessThanOrEqual(0.5 * quantum * (1 + 1e-9) + Math.abs(e) * 2 ** -23);
  }
}

const PACKINGS: { name: string; packing: EncodePackingSpec; missing: ("bitmap" | "in-band 1" | "in-band 2")[] }[] = [
  { name: "5.0 simple", packing: { template: 0, decimalScale: 2 }, missing: ["bitmap"] },
  { name: "5.0 simple, 12 bits (E chosen)", packing: { template: 0, bitsPerValue: 12 }, missing: ["bitmap"] },
  { name: "5.2 complex", packing: { template: 2, decimalScale: 1, groupSize: 7 }, missing: ["bitmap", "in-band 1", "in-band 2"] },
  { name: "5.3 complex, 1st-order differences", packing: { template: 3, decimalScale: 2, spatialOrder: 1 }, missing: ["bitmap", "in-band 1", "in-band 2"] },
  { name: "5.3 complex, 2nd-order differences", packing: { template: 3, decimalScale: 2, spatialOrder: 2, groupSize: 5 }, missing: ["bitmap", "in-band 1", "in-band 2"] },
  { name: "5.3 with negative D", packing: { template: 3, decimalScale: -1 }, missing: ["in-band 1"] },
  { name: "5.40 JPEG 2000", packing: { template: 40, decimalScale: 2 }, missing: ["bitmap"] },
  { name: "5.41 PNG", packing: { template: 41, decimalScale: 1 }, missing: ["bitmap"] },
];

describe.each([
  { gridName: "3.0 lat/lon", grid: LATLON },
  { gridName: "3.30 Lambert", grid: LAMBERT },
])("round trip on $gridName", ({ grid }) => {
  const { full, holes } = sample(NI * NJ);

  describe.each(PACKINGS)("$name", ({ packing, missing }) => {
    it("without missing values", () => {
      const [f] = parseGrib2(encodeGrib2([field(full, grid, packing)]));
      expect(f.packing.template).toBe(packing.template);
      expect(f.hasBitmap).toBe(false);
      if (packing.bitsPerValue) expect(f.packing.bitsPerValue).toBe(packing.bitsPerValue);
      expectClose(f, f.decode(), full);
    });

    it.each(missing)("with missing values (%s)", (how) => {
      const spec = field(holes, grid, how === "bitmap" ? packing : { ...packing, missingManagement: how === "in-band 1" ? 1 : 2 }, {
        bitmap: how === "bitmap",
        secondaryMissing: holes.map((_, k) => k % 2 === 0),
      });
      const [f] = parseGrib2(encodeGrib2([spec]));
      expect(f.hasBitmap).toBe(how === "bitmap");
      expect(f.bitmapIndicator).toBe(how === "bitmap" ? 0 : 255);
      if (how !== "bitmap") expect(f.packing.complex?.missingManagement).toBe(how === "in-band 1" ? 1 : 2);
      expectClose(f, f.decode(), holes);
    });
  });

  it.each([0, 2, 3, 40, 41] as const)("decodes a constant field of template 5.%i as 0 bits per value", (template) => {
    const values = new Array<number>(NI * NJ).fill(273.5);
    const [f] = parseGrib2(encodeGrib2([field(values, grid, { template, decimalScale: 1 })]));
    expect(f.packing.bitsPerValue).toBe(0);
    expectClose(f, f.decode(), values);
  });

  it("keeps header fields", () => {
    const [f] = parseGrib2(encodeGrib2([field(full, grid, { template: 0 }, { discipline: 0, category: 2, number: 3, level: { type: 100, value: 85000 }, forecastHour: 18, centre: 7 })]));
    expect([f.discipline, f.category, f.number, f.shortName]).toEqual([0, 2, 3, "VGRD"]);
    expect(f.level).toEqual({ type: 100, value: 85000, description: "850 mb", second: null });
    expect(f.referenceTime.toISOString()).toBe("2024-03-10T18:00:00.000Z");
    expect(f.forecastHour).toBe(18);
    expect(f.validTime?.toISOString()).toBe("2024-03-11T12:00:00.000Z");
    expect(f.centre).toBe(7);
    expect([f.grid.template, f.grid.ni, f.grid.nj, f.grid.scanningMode]).toEqual([grid.template, NI, NJ, grid.scanningMode]);
  });
});

describe("product templates", () => {
  it("writes and reads template 4.8 accumulations with their time range", () => {
    const values = sample(NI * NJ).full.map((v) => v - 270);
    const [f] = parseGrib2(encodeGrib2([field(values, LATLON, { template: 3, decimalScale: 2 }, {
      category: 1, number: 8, level: { type: 1 }, statistics: { process: 1, startHour: 3, endHour: 6 },
    })]));
    expect(f.productTemplate).toBe(8);
    expect(f.shortName).toBe("APCP");
    expect(f.level?.description).toBe("surface");
    expect(f.forecastHour).toBe(6);
    expect(f.statistics).toMatchObject({ startHour: 3, endHour: 6, description: "3-6 hour acc fcst" });
    expect(f.statistics?.endTime.toISOString()).toBe("2024-03-11T00:00:00.000Z");
    expect(f.statistics?.ranges).toEqual([{ process: 1, processName: "acc", incrementType: 2, lengthHours: 3, incrementHours: 0 }]);
    expectClose(f, f.decode(), values);
  });

  it("describes layers and odd levels like wgrib2", () => {
    const values = sample(NI * NJ).full;
    const cases: [EncodeFieldSpec["level"], string][] = [
      [{ type: 103, value: 0, second: { type: 103, value: 6000 } }, "0-6000 m above ground"],
      [{ type: 108, value: 18000, second: { type: 108, value: 0 } }, "180-0 mb above ground"],
      [{ type: 109, value: -2e-6 }, "PV=-2e-06 (Km^2/kg/s) surface"],
      [{ type: 101 }, "mean sea level"],
      [{ type: 200 }, "entire atmosphere (considered as a single layer)"],
      [{ type: 106, value: 0.1, second: { type: 106, value: 0.4 } }, "0.1-0.4 m underground"],
    ];
    const fields = parseGrib2(encodeGrib2(cases.map(([level]) => field(values, LATLON, { template: 0 }, { level }))));
    expect(fields.map((f) => f.level?.description)).toEqual(cases.map(([, d]) => d));
    expect(fields[2].level?.value).toBe(-2e-6);
    expect(fields[0].level?.second).toEqual({ type: 103, value: 6000 });
  });
});

describe("scanning modes", () => {
  // Every combination of -i (0x80), +j (0x40), j-consecutive (0x20) and alternating rows (0x10).
  const modes = Array.from({ length: 16 }, (_, k) => k << 4);
  const canonical = Array.from({ length: NI * NJ }, (_, k) => 100 + (k % NI) * 0.5 + Math.floor(k / NI) * 7);

  it.each(modes.flatMap((mode) => [[mode, LATLON], [mode, LAMBERT]] as const))("mode 0x%s round-trips on template %#", (mode, base) => {
    const grid = { ...base, scanningMode: mode };
    // Store the canonical field in this mode's file order: file value k sits at canonical perm[k].
    const [probe] = parseGrib2(encodeGrib2([field(new Array(NI * NJ).fill(0), grid, { template: 0 })]));
    const perm = canonicalIndex(probe.grid);
    const fileOrder = Array.from(perm, (c) => canonical[c]);
    for (const packing of [{ template: 0, decimalScale: 1 }, { template: 3, decimalScale: 1 }] as const) {
      const [f] = parseGrib2(encodeGrib2([field(fileOrder, grid, packing)]));
      expect(f.grid.scanningMode).toBe(mode);
      expectClose(f, f.decode(), fileOrder);
      expectClose(f, f.decodeCanonical(), canonical);
    }
  });
});

describe("messages with several fields and junk between messages", () => {
  const { full, holes } = sample(NI * NJ);
  const u = field(holes, LAMBERT, { template: 0, decimalScale: 2 }, { category: 2, number: 2, level: { type: 103, value: 10 } });
  const v = field(holes.map((x) => x / 2), LAMBERT, { template: 3, decimalScale: 2 }, { category: 2, number: 3, level: { type: 103, value: 10 }, bitmap: true });
  const t = field(full, LATLON, { template: 2, decimalScale: 1 });

  it("yields one field per repeated section 4-7 or 3-7, reusing the bitmap (indicator 254)", () => {
    const fields = parseGrib2(encodeGrib2([u, v, t], { singleMessage: true }));
    expect(fields.map((f) => [f.messageIndex, f.fieldIndex, f.shortName])).toEqual([[1, 1, "UGRD"], [1, 2, "VGRD"], [1, 3, "TMP"]]);
    expect(new Set(fields.map((f) => f.offset)).size).toBe(1);
    expect(fields.map((f) => f.bitmapIndicator)).toEqual([0, 254, 255]);
    expect(fields[0].grid).toBe(fields[1].grid);
    expect(fields[2].grid.template).toBe(0);
    expectClose(fields[0], fields[0].decode(), u.values);
    expectClose(fields[1], fields[1].decode(), v.values);
    expectClose(fields[2], fields[2].decode(), t.values);
  });

  it("skips WMO headers and trailers between messages", () => {
    const junk = new TextEncoder().encode("\x01\r\r\n123\r\r\nYTXA98 KWBC 101800\r\r\nGRI\x03");
    const buf = encodeGrib2([t, u, v], { junk });
    const fields = parseGrib2(buf);
    expect(fields.map((f) => [f.messageIndex, f.shortName])).toEqual([[1, "TMP"], [2, "UGRD"], [3, "VGRD"]]);
    for (const f of fields) expect(new TextDecoder().decode(buf.subarray(f.offset, f.offset + 4))).toBe("GRIB");
    expect(fields[0].offset).toBe(junk.length);
    expectClose(fields[2], fields[2].decode(), v.values);
  });
});
