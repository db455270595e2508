// Bad input: truncation, garbage, GRIB1, unsupported templates, corrupt lengths, random corruption.
// Every failure must be a Grib2FormatError or Grib2UnsupportedError, quickly, never a hang or crash.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  encodeGrib2, Grib2FormatError, Grib2UnsupportedError, gridLatLon, iterateFields, parseGrib2, scanMessages,
  type EncodeFieldSpec,
} from "../../worker/lib/grib2/index.ts";

const HRRR_TMP = readFileSync(new URL("../fixtures/grib2/hrrr.t06z.wrfsfcf01-TMP.grib2", import.meta.url));

function spec(template: 0 | 2 | 3 | 41, values?: number[]): EncodeFieldSpec {
  return {
    values: values ?? Array.from({ length: 12 * 9 }, (_, k) => (k % 10 === 0 ? NaN : 250 + Math.sin(k) * 20)),
    grid: { template: 0, ni: 12, nj: 9, la1: 40, lo1: 260, la2: 32, lo2: 271, scanningMode: 0 },
    packing: { template, decimalScale: 1 },
    category: 0, number: 0, referenceTime: new Date("2024-01-01T00:00Z"),
  };
}

/** Byte offset of section `num` (the first one) of the message starting at `msg`. */
function sectionAt(buf: Uint8Array, num: number, msg = 0): number {
  for (let p = msg + 16; ; ) {
    const len = new DataView(buf.buffer, buf.byteOffset).getUint32(p);
    if (buf[p + 4] === num) return p;
    p += len;
  }
}

function setU16(buf: Uint8Array, p: number, v: number) {
  new DataView(buf.buffer, buf.byteOffset).setUint16(p, v);
}

const decodeAll = (buf: Uint8Array) => {
  for (const f of iterateFields(buf)) f.decode();
};

describe("malformed files", () => {
  it("reports truncation at any length as Grib2FormatError without hanging", () => {
    const t0 = performance.now();
    for (const len of [0, 3, 4, 10, 16, 40, 100, 1000, 100_000, HRRR_TMP.length - 4, HRRR_TMP.length - 1]) {
      expect(() => decodeAll(HRRR_TMP.subarray(0, len)), `length ${len}`).toThrow(Grib2FormatError);
    }
    expect(() => decodeAll(HRRR_TMP.subarray(0, 5000))).toThrow(/truncated GRIB2 message: header says 1272861 bytes but only 5000 remain/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("rejects garbage with a clear message", () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, k) => (k * 7919) % 251);
    expect(() => parseGrib2(garbage)).toThrow(new Grib2FormatError("no GRIB message found in 4096 bytes"));
    expect(() => parseGrib2(new TextEncoder().encode("GRIB but not really a message at all"))).toThrow(Grib2FormatError);
  });

  it("rejects GRIB edition 1 clearly", () => {
    // Section 0 of GRIB1: "GRIB", 3-byte total length, edition 1; then a stub ending in "7777".
    const grib1 = new Uint8Array(64);
    grib1.set(new TextEncoder().encode("GRIB"), 0);
    grib1.set([0, 0, 64, 1], 4);
    grib1.set(new TextEncoder().encode("7777"), 60);
    expect(() => parseGrib2(grib1)).toThrow(/GRIB edition 1 is not supported/);
    expect(() => parseGrib2(grib1)).toThrow(Grib2FormatError);
  });

  it("detects a data section too short for its packing", () => {
    const buf = encodeGrib2([spec(0)]);
    buf[sectionAt(buf, 5) + 19] = 30; // bits per value: 30 instead of ~10
    const [f] = parseGrib2(buf);
    expect(() => f.decode()).toThrow(/data section holds \d+ bytes but \d+ values of 30 bits need/);
  });

  it("detects complex-packing descriptors that do not add up", () => {
    const buf = encodeGrib2([spec(3)]);
    const s5 = sectionAt(buf, 5);
    new DataView(buf.buffer).setUint32(s5 + 42, 99); // true length of the last group
    expect(() => parseGrib2(buf)[0].decode()).toThrow(/group lengths add up to \d+, expected 108 values/);
    new DataView(buf.buffer).setUint32(s5 + 31, 0xfffffff0); // number of groups
    expect(() => parseGrib2(buf)[0].decode()).toThrow(Grib2FormatError);
  });

  it("detects inconsistent section lengths and sequences", () => {
    const buf = encodeGrib2([spec(0)]);
    new DataView(buf.buffer).setUint32(sectionAt(buf, 4), 3);
    expect(() => parseGrib2(buf)).toThrow(/section 4 has invalid length 3/);
    const noEnd = encodeGrib2([spec(0)]);
    noEnd[noEnd.length - 1] = 0x30;
    expect(() => parseGrib2(noEnd)).toThrow(/does not end with "7777"/);
    const reuse = encodeGrib2([spec(0)]);
    reuse[sectionAt(reuse, 6) + 5] = 254;
    expect(() => parseGrib2(reuse)).toThrow(/bitmap indicator 254 .* no bitmap was defined/);
  });

  it("keeps the good messages around a corrupt one", () => {
    const good = encodeGrib2([spec(0)]);
    const bad = encodeGrib2([spec(2)]);
    new DataView(bad.buffer).setUint32(sectionAt(bad, 3), 2); // impossible section length
    const file = new Uint8Array([...good, ...bad, ...good]);
    const results = [...scanMessages(file)];
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const failed = results[1];
    expect(!failed.ok && failed.offset).toBe(good.length);
    expect(!failed.ok && failed.error).toBeInstanceOf(Grib2FormatError);
    // The strict iterator yields the first message's field, then throws.
    const seen: string[] = [];
    expect(() => {
      for (const f of iterateFields(file)) seen.push(f.shortName);
    }).toThrow(Grib2FormatError);
    expect(seen).toEqual(["TMP"]);
  });

  it("survives random corruption: only GRIB2 errors, never a hang", () => {
    const base = encodeGrib2([spec(3), spec(0), spec(2), spec(41)], { singleMessage: true });
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const t0 = performance.now();
    let failures = 0;
    for (let round = 0; round < 400; round++) {
      const buf = base.slice();
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) buf[Math.floor(rand() * buf.length)] = Math.floor(rand() * 256);
      try {
        for (const f of iterateFields(buf)) {
          f.decode();
          if (f.grid.kind !== "other") gridLatLon(f.grid);
        }
      } catch (e) {
        failures++;
        expect(e instanceof Grib2FormatError || e instanceof Grib2UnsupportedError, String(e)).toBe(true);
      }
    }
    expect(failures).toBeGreaterThan(50);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});

describe("unsupported features", () => {
  it.each([42, 50, 200])("throws 'unsupported packing template 5.%i' on decode, not on header parsing", (template) => {
    const buf = encodeGrib2([spec(0)]);
    setU16(buf, sectionAt(buf, 5) + 9, template);
    const [f] = parseGrib2(buf);
    expect(f.packing.template).toBe(template);
    expect(() => f.decode()).toThrow(Grib2UnsupportedError);
    expect(() => f.decode()).toThrow(`unsupported packing template 5.${template}`);
  });

  it("decodes values of an unknown grid template but cannot locate them", () => {
    const values = Array.from({ length: 108 }, (_, k) => k);
    const buf = encodeGrib2([spec(0, values)]);
    setU16(buf, sectionAt(buf, 3) + 12, 40); // claim a Gaussian grid
    const [f] = parseGrib2(buf);
    expect(f.grid.kind).toBe("other");
    expect(Array.from(f.decode())).toEqual(values);
    expect(() => gridLatLon(f.grid)).toThrow(Grib2UnsupportedError);
  });

  it("parses headers lazily: a corrupt data section only fails decode()", () => {
    const buf = encodeGrib2([spec(3)]);
    const s7 = sectionAt(buf, 7);
    buf.fill(0xff, s7 + 5, buf.length - 4);
    const [f] = parseGrib2(buf);
    expect(f.shortName).toBe("TMP");
    expect(() => f.decode()).toThrow(Grib2FormatError);
  });
});

describe("optional sections", () => {
  it("accepts a local use section (2) between sections 1 and 3", () => {
    const buf = encodeGrib2([spec(0)]);
    const s3 = sectionAt(buf, 3);
    const local = Uint8Array.from([0, 0, 0, 9, 2, 1, 2, 3, 4]);
    const out = new Uint8Array([...buf.subarray(0, s3), ...local, ...buf.subarray(s3)]);
    new DataView(out.buffer).setUint32(12, out.length); // low half of the 8-byte total length
    const [f] = parseGrib2(out);
    expect(f.messageLength).toBe(out.length);
    expect(Array.from(f.decode())).toEqual(Array.from(parseGrib2(buf)[0].decode()));
  });
});
