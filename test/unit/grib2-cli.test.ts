// `npm run grib -- inspect`: run the real CLI (through tsx) on the reference files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "test/fixtures/grib2");
const FILES = [
  "hrrr.t06z.wrfsfcf01-TMP.grib2",
  "hrrr.t06z.wrfsfcf01-UGRD.grib2",
  "hrrr.t06z.wrfsfcf01-CFRZR.grib2",
  "gfs.t12z.pgrb2.0p25.f023-PV-TMP-missing.grib2",
];

function grib(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "worker/cli/grib.ts"), ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Inventory { offset: number; shortName: string; Ni: number; Nj: number; count_missing: number; min: number; max: number; mean: number; stepRange: string; dataRepresentationTemplateNumber: number; gridDefinitionTemplateNumber: number }

const tmp = mkdtempSync(join(tmpdir(), "grib-cli-"));
// All four files back to back, with a NOAAPORT-style header in front of the second one.
const parts = FILES.map((f) => readFileSync(join(FIXTURES, f)));
const junk = Buffer.from("\x01\r\r\n421\r\r\nLTAA98 KWBC 220600\r\r\n");
const combined = join(tmp, "combined.grib2");
writeFileSync(combined, Buffer.concat([parts[0], junk, parts[1], parts[2], parts[3]]));

describe("grib inspect", () => {
  it("lists every field of the real files as JSON, matching ecCodes", () => {
    const r = grib("inspect", combined, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, any>[];
    expect(out).toHaveLength(4);
    let offset = 0;
    out.forEach((e, k) => {
      const inv = (JSON.parse(readFileSync(join(FIXTURES, "ref", `${FILES[k]}.ref.json`), "utf8")).inventory as Inventory[])[0];
      if (k === 1) offset += junk.length;
      expect(e.message).toBe(k + 1);
      expect(e.field).toBe(1);
      expect(e.offset).toBe(offset);
      offset += parts[k].length;
      expect(e.grid.template).toBe(inv.gridDefinitionTemplateNumber);
      expect([e.grid.ni, e.grid.nj]).toEqual([inv.Ni, inv.Nj]);
      expect(e.packing.template).toBe(inv.dataRepresentationTemplateNumber);
      expect(String(e.forecastHour)).toBe(inv.stepRange);
      expect(e.missing).toBe(inv.count_missing);
      expect(e.min).toBeCloseTo(inv.min, 4);
      expect(e.max).toBeCloseTo(inv.max, 4);
      expect(e.mean).toBeCloseTo(inv.mean, 4);
    });
    expect(out.map((e) => [e.shortName, e.level.description])).toEqual([
      ["TMP", "surface"],
      ["UGRD", "10 m above ground"],
      ["CFRZR", "surface"],
      ["TMP", "PV=-2e-06 (Km^2/kg/s) surface"],
    ]);
    expect(out[0].referenceTime).toBe("2023-07-22T06:00:00.000Z");
    expect(out[3].referenceTime).toBe("2026-06-05T12:00:00.000Z");
  });

  it("prints one readable line per field", () => {
    const r = grib("inspect", join(FIXTURES, FILES[0]));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([
      "1.1 @0 | TMP (0.0.0) | surface | ref=2023-07-22T06:00:00.000Z | 1 hour fcst | grid=3.30 1799x1059 scan=0x40 | pack=5.3 bits=10 | min=260.3623 max=317.0498 mean=293.6991 missing=0",
    ]);
  });

  it("gives partial results and the error of a truncated later message (exit 2)", () => {
    const file = join(tmp, "partial.grib2");
    writeFileSync(file, Buffer.concat([parts[2], parts[0].subarray(0, 5000)]));
    const r = grib("inspect", file, "--json");
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Record<string, any>[];
    expect(out.map((e) => e.shortName ?? null)).toEqual(["CFRZR", null]);
    expect(out[1]).toMatchObject({ message: 2, offset: parts[2].length });
    expect(out[1].error).toMatch(/^Grib2FormatError: truncated GRIB2 message/);
    const text = grib("inspect", file);
    expect(text.stdout).toContain(`2 @${parts[2].length} | ERROR Grib2FormatError: truncated`);
  });

  it("exits 1 with a clear message on unreadable or non-GRIB files and bad usage", () => {
    const missing = grib("inspect", join(tmp, "nope.grib2"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.grib2: ENOENT/);
    const text = join(tmp, "text.grib2");
    writeFileSync(text, "not a grib file\n");
    const notGrib = grib("inspect", text);
    expect(notGrib.code).toBe(1);
    expect(notGrib.stderr).toMatch(/is not a readable GRIB2 file: Grib2FormatError: no GRIB message found/);
    const usage = grib("list");
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/^usage: npm run grib -- inspect FILE/);
  });

  it("skips value decoding with --headers", () => {
    const r = grib("inspect", join(FIXTURES, FILES[3]), "--json", "--headers");
    expect(r.code).toBe(0);
    const [e] = JSON.parse(r.stdout);
    expect(e.shortName).toBe("TMP");
    expect(e).not.toHaveProperty("min");
  });
});
