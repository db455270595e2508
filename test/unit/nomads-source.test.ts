import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeNomads, type FakeNomads } from "../helpers/fake-nomads.ts";
import { UpstreamError, UpstreamNotFoundError } from "../../worker/lib/sources/http.ts";
import { NomadsClient, VariableNotInInventoryError, parseListing } from "../../worker/lib/sources/nomads.ts";

/** Fake GRIB message: `GRIB`, edition 2, filler, `7777`. Enough for framing checks, not for decoding. */
function fakeMessage(size: number, seed: number): Uint8Array {
  const m = new Uint8Array(size).map((_, i) => (i * 31 + seed * 7) & 0xff);
  m.set(Buffer.from("GRIB"), 0);
  m[7] = 2;
  m.set(Buffer.from("7777"), size - 4);
  return m;
}

/** Concatenates messages into a GRIB file and writes its wgrib2-style inventory. */
function gribWithIdx(msgs: Array<{ key: string; bytes: Uint8Array }>, date = "2023012512") {
  let offset = 0;
  const lines = msgs.map((m, i) => {
    const line = `${i + 1}:${offset}:d=${date}:${m.key}:`;
    offset += m.bytes.length;
    return line;
  });
  return { grib: Buffer.concat(msgs.map((m) => m.bytes)), idx: lines.join("\n") + "\n" };
}

const realUgrd = readFileSync(new URL("../fixtures/grib2/hrrr.t06z.wrfsfcf01-UGRD.grib2", import.meta.url));
const HRRR = "hrrr/prod/hrrr.20230125/conus/";
const f00 = gribWithIdx([
  { key: "REFC:entire atmosphere:anl", bytes: fakeMessage(1000, 1) },
  { key: "TMP:2 m above ground:anl", bytes: fakeMessage(1500, 2) },
  { key: "DPT:2 m above ground:anl", bytes: fakeMessage(700, 3) },
  { key: "UGRD:10 m above ground:anl", bytes: fakeMessage(900, 4) },
  { key: "VGRD:10 m above ground:anl", bytes: fakeMessage(900, 5) },
  { key: "GUST:surface:anl", bytes: fakeMessage(600, 6) },
]);
// f01 carries a real HRRR message (10 m U wind) between fakes, and ends with the selected APCP message.
const f01 = gribWithIdx([
  { key: "TMP:2 m above ground:1 hour fcst", bytes: fakeMessage(1200, 7) },
  { key: "UGRD:10 m above ground:1 hour fcst", bytes: realUgrd },
  { key: "VGRD:10 m above ground:1 hour fcst", bytes: fakeMessage(800, 8) },
  { key: "APCP:surface:0-1 hour acc fcst", bytes: fakeMessage(500, 9) },
]);
const f02 = fakeMessage(3000, 10); // no .idx published

const files: Record<string, Uint8Array | string> = {
  [`${HRRR}hrrr.t12z.wrfsfcf00.grib2`]: f00.grib,
  [`${HRRR}hrrr.t12z.wrfsfcf00.grib2.idx`]: f00.idx,
  [`${HRRR}hrrr.t12z.wrfsfcf01.grib2`]: f01.grib,
  [`${HRRR}hrrr.t12z.wrfsfcf01.grib2.idx`]: f01.idx,
  [`${HRRR}hrrr.t12z.wrfsfcf02.grib2`]: f02,
  [`${HRRR}hrrr.t12z.wrfprsf00.grib2`]: fakeMessage(100, 0), // other product: ignored
  [`${HRRR}hrrr.t00z.wrfsfcf00.grib2`]: fakeMessage(100, 0),
  "hrrr/prod/hrrr.20230124/conus/hrrr.t23z.wrfsfcf00.grib2": fakeMessage(100, 0),
  "hrrr/prod/hrrr.20230124/conus/hrrr.t22z.wrfsfcf00.grib2": fakeMessage(100, 0),
  "hrrr/prod/hrrr.20231399/conus/hrrr.t22z.wrfsfcf00.grib2": fakeMessage(100, 0), // not a date
  "hrrr/prod/README.txt": "hello",
  "gfs/prod/gfs.20230125/06/atmos/gfs.t06z.pgrb2.0p25.f000": fakeMessage(100, 0),
  "gfs/prod/gfs.20230125/06/atmos/gfs.t06z.pgrb2.0p25.f001": fakeMessage(100, 0),
  "gfs/prod/gfs.20230125/06/atmos/gfs.t06z.pgrb2.0p25.f001.idx": "1:0:d=2023012506:TMP:2 m above ground:1 hour fcst:\n",
  "gfs/prod/gfs.20230125/06/atmos/gfs.t06z.pgrb2.0p25.f121": fakeMessage(100, 0), // not a GFS hour
  "gfs/prod/gfs.20230125/06/atmos/gfs.t06z.pgrb2.1p00.f000": fakeMessage(100, 0),
  "gfs/prod/gfs.20230125/12/wave/x": "x",
  "gfs/prod/gfs.20230125/03/atmos/x": "x", // no 03z GFS cycle
  "gfs/prod/gfs.20230124/18/atmos/gfs.t18z.pgrb2.0p25.f000": fakeMessage(100, 0),
};

let nomads: FakeNomads;
let client: NomadsClient;
let tmpRoot: string;
let destDir: string;
const RUN = "20230125_12";
const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 2000 };

beforeAll(async () => {
  nomads = await startFakeNomads({ files });
  client = new NomadsClient({ baseUrl: nomads.baseUrl, http: fast });
  tmpRoot = mkdtempSync(path.join(os.tmpdir(), "pw-nomads-"));
});
afterAll(async () => {
  await nomads.close();
  rmSync(tmpRoot, { recursive: true, force: true });
});
beforeEach((ctx) => {
  destDir = path.join(tmpRoot, ctx.task.id);
});
afterEach(() => {
  nomads.clearFaults();
  nomads.requests.length = 0;
});

const hits = (suffix: string) => nomads.requests.filter((r) => r.path.endsWith(suffix));
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
const leftovers = () => (existsSync(destDir) ? readdirSync(destDir) : []);

describe("discovery", () => {
  it("parses Apache listings", () => {
    expect(parseListing(`<a href="?C=N;O=D">Name</a><a href="/pub/">Parent</a><a href="hrrr.20230125/">x</a><a HREF="a%20b.grib2">y</a><a href="https://elsewhere/">z</a>`)).toEqual([
      "hrrr.20230125/",
      "a b.grib2",
    ]);
  });

  it("lists HRRR runs from day directories and file names", async () => {
    expect(await client.listRuns("hrrr")).toEqual(["20230124_22", "20230124_23", "20230125_00", "20230125_12"]);
    expect(await client.listRuns("hrrr", { days: 1 })).toEqual(["20230125_00", "20230125_12"]);
  });

  it("lists GFS runs from cycle subdirectories", async () => {
    expect(await client.listRuns("gfs")).toEqual(["20230124_18", "20230125_06", "20230125_12"]);
  });

  it("lists available hours, noting which have an .idx", async () => {
    expect(await client.availableHours("hrrr", RUN)).toEqual([
      { hour: 0, hasIdx: true },
      { hour: 1, hasIdx: true },
      { hour: 2, hasIdx: false },
    ]);
    expect(await client.availableHours("gfs", "20230125_06")).toEqual([
      { hour: 0, hasIdx: false },
      { hour: 1, hasIdx: true },
    ]);
  });

  it("reads the base URL from NOMADS_BASE_URL by default", async () => {
    const saved = process.env.NOMADS_BASE_URL;
    process.env.NOMADS_BASE_URL = nomads.baseUrl;
    try {
      expect(await new NomadsClient({ http: fast }).listRuns("gfs", { days: 1 })).toEqual(["20230125_06", "20230125_12"]);
    } finally {
      if (saved === undefined) delete process.env.NOMADS_BASE_URL;
      else process.env.NOMADS_BASE_URL = saved;
    }
  });

  it("retries listings and reports a missing run as not found", async () => {
    nomads.setFault("hrrr/prod/", { type: "status", status: 503, times: 1 });
    expect(await client.listRuns("hrrr", { days: 1 })).toHaveLength(2);
    await expect(client.availableHours("hrrr", "20230126_00")).rejects.toBeInstanceOf(UpstreamNotFoundError);
  });
});

describe("downloadGrib with .idx ranges", () => {
  it("fetches exactly the selected messages, merging adjacent ones", async () => {
    const dest = path.join(destDir, "grib_000.grib2");
    const res = await client.downloadGrib("hrrr", RUN, 0, ["t2m", "u10", "v10"], dest);
    const expected = Buffer.concat([f00.grib.subarray(1000, 2500), f00.grib.subarray(3200, 5000)]);
    expect(readFileSync(dest)).toEqual(expected);
    expect(res).toEqual({
      bytes: expected.length,
      md5: md5(expected),
      ranges: [
        { start: 1000, end: 2499 },
        { start: 3200, end: 4999 },
      ],
      usedIdx: true,
      url: `${nomads.baseUrl}/${HRRR}hrrr.t12z.wrfsfcf00.grib2`,
      messages: [
        { variable: "t2m", key: "TMP:2 m above ground:anl" },
        { variable: "u10", key: "UGRD:10 m above ground:anl" },
        { variable: "v10", key: "VGRD:10 m above ground:anl" },
      ],
    });
    expect(hits("wrfsfcf00.grib2").map((r) => r.range)).toEqual(["bytes=1000-2499", "bytes=3200-4999"]);
    expect(leftovers()).toEqual(["grib_000.grib2"]);
  });

  it("gets a real GRIB message byte for byte, and an open-ended last message", async () => {
    const u10 = path.join(destDir, "u10.grib2");
    await client.downloadGrib("hrrr", RUN, 1, ["u10"], u10);
    expect(md5(readFileSync(u10))).toBe(md5(realUgrd));

    const apcp = path.join(destDir, "apcp.grib2");
    const res = await client.downloadGrib("hrrr", RUN, 1, ["apcp"], apcp);
    const start = f01.grib.length - 500;
    expect(readFileSync(apcp)).toEqual(f01.grib.subarray(start));
    expect(res.ranges).toEqual([{ start, end: f01.grib.length - 1 }]);
    expect(hits("wrfsfcf01.grib2").at(-1)!.range).toBe(`bytes=${start}-`);
  });

  it("falls back to the whole file when there is no .idx", async () => {
    const dest = path.join(destDir, "grib_002.grib2");
    const res = await client.downloadGrib("hrrr", RUN, 2, ["t2m"], dest);
    expect(readFileSync(dest)).toEqual(Buffer.from(f02));
    expect(res).toMatchObject({ usedIdx: false, bytes: f02.length, md5: md5(f02), ranges: [{ start: 0, end: f02.length - 1 }], messages: [] });
    expect(hits("wrfsfcf02.grib2.idx").map((r) => r.status)).toEqual([404]); // 404 not retried
    expect(hits("wrfsfcf02.grib2").map((r) => r.range)).toEqual([null]);
  });
});

describe("downloadGrib failures", () => {
  it("succeeds on the 3rd attempt after two 500s", async () => {
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "status", status: 500, times: 2 });
    const dest = path.join(destDir, "g.grib2");
    await client.downloadGrib("hrrr", RUN, 0, ["gust"], dest);
    expect(readFileSync(dest)).toEqual(f00.grib.subarray(5000));
    expect(hits("wrfsfcf00.grib2").map((r) => r.status)).toEqual([500, 500, 206]);
  });

  it("gives up after the bounded attempts on persistent 500s", async () => {
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "status", status: 500 });
    const err = await client.downloadGrib("hrrr", RUN, 0, ["t2m"], path.join(destDir, "g.grib2")).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).not.toBeInstanceOf(UpstreamNotFoundError);
    expect(err).toMatchObject({ status: 500, attempts: 3 });
    expect(err.message).toBe(`HTTP 500 from ${nomads.baseUrl}/${HRRR}hrrr.t12z.wrfsfcf00.grib2 after 3 attempts`);
    expect(hits("wrfsfcf00.grib2")).toHaveLength(3);
    expect(leftovers()).toEqual([]);
  });

  it("does not fall back to the whole file when the .idx itself keeps failing", async () => {
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2.idx", { type: "status", status: 502 });
    await expect(client.downloadGrib("hrrr", RUN, 0, ["t2m"], path.join(destDir, "g.grib2"))).rejects.toThrow(/HTTP 502 from .*\.idx after 3 attempts/);
    expect(hits("wrfsfcf00.grib2")).toHaveLength(0);
    expect(leftovers()).toEqual([]);
  });

  it("404 → UpstreamNotFoundError without retries", async () => {
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "status", status: 404 });
    const err = await client.downloadGrib("hrrr", RUN, 0, ["t2m", "gust"], path.join(destDir, "g.grib2")).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamNotFoundError);
    expect(err).toMatchObject({ status: 404, attempts: 1 });
    expect(err.message).toContain("HTTP 404 from");
    expect(hits("wrfsfcf00.grib2")).toHaveLength(1);
    expect(leftovers()).toEqual([]);
  });

  it("times out a stalled response, retries, then fails", async () => {
    const impatient = new NomadsClient({ baseUrl: nomads.baseUrl, http: { ...fast, timeoutMs: 150 } });
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "delay", ms: 1000, times: 1 });
    const ok = path.join(destDir, "ok.grib2");
    await impatient.downloadGrib("hrrr", RUN, 0, ["t2m"], ok);
    expect(readFileSync(ok)).toEqual(f00.grib.subarray(1000, 2500));

    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "delay", ms: 1000 });
    const t0 = Date.now();
    await expect(impatient.downloadGrib("hrrr", RUN, 0, ["t2m"], path.join(destDir, "g.grib2"))).rejects.toThrow(
      /^timeout \(no data for 150 ms\) from .* after 3 attempts$/,
    );
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(leftovers()).toEqual(["ok.grib2"]);
  });

  it("retries a truncated body, then fails if it stays truncated", async () => {
    nomads.setFault("hrrr.t12z.wrfsfcf01.grib2", { type: "truncate", times: 1 });
    const ok = path.join(destDir, "ok.grib2");
    const res = await client.downloadGrib("hrrr", RUN, 1, ["u10"], ok);
    expect(res.md5).toBe(md5(realUgrd));

    nomads.setFault("hrrr.t12z.wrfsfcf01.grib2", { type: "truncate", bytes: 100 });
    const err = await client.downloadGrib("hrrr", RUN, 1, ["u10"], path.join(destDir, "g.grib2")).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.attempts).toBe(3);
    expect(err.message).toMatch(/^truncated body \(connection lost after 100 of \d+ bytes\) from .* after 3 attempts$/);
    expect(leftovers()).toEqual(["ok.grib2"]);
  });

  it("retries corrupt bytes and dropped connections", async () => {
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "corrupt", times: 1 });
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "reset", times: 1 });
    const dest = path.join(destDir, "g.grib2");
    await client.downloadGrib("hrrr", RUN, 0, ["refc"], dest);
    expect(readFileSync(dest)).toEqual(f00.grib.subarray(0, 1000));
    expect(hits("wrfsfcf00.grib2").map((r) => r.fault)).toEqual(["corrupt", "reset", null]);

    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "corrupt" });
    await expect(client.downloadGrib("hrrr", RUN, 0, ["refc"], path.join(destDir, "bad.grib2"))).rejects.toThrow(
      /^corrupt GRIB data \(1000 bytes, no 'GRIB' at start\) from .* after 3 attempts$/,
    );
    expect(leftovers()).toEqual(["g.grib2"]);
  });

  it("fails cleanly when a later range fails after an earlier one was written", async () => {
    const dest = path.join(destDir, "g.grib2");
    mkdirSync(destDir, { recursive: true });
    writeFileSync(dest, "previous good file");
    // refc (first message) and gust (last) are separate ranges: the first gets through, the second never does.
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "status", status: 500, skip: 1 });
    const err = await client.downloadGrib("hrrr", RUN, 0, ["refc", "gust"], dest).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(hits("wrfsfcf00.grib2").map((r) => r.status)).toEqual([206, 500, 500, 500]);
    expect(readFileSync(dest, "utf8")).toBe("previous good file");
    expect(leftovers()).toEqual(["g.grib2"]);
  });

  it("stops at once, leaving nothing behind, when the caller aborts", async () => {
    nomads.setFault("hrrr.t12z.wrfsfcf00.grib2", { type: "delay", ms: 1000 });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error("job cancelled")), 50);
    await expect(client.downloadGrib("hrrr", RUN, 0, ["t2m"], path.join(destDir, "g.grib2"), { signal: ctl.signal })).rejects.toThrow("job cancelled");
    expect(hits("wrfsfcf00.grib2")).toHaveLength(1);
    expect(leftovers()).toEqual([]);
  });

  it("reports variables missing from the inventory and validates arguments before any request", async () => {
    await expect(client.downloadGrib("hrrr", RUN, 0, ["apcp"], path.join(destDir, "g.grib2"))).rejects.toBeInstanceOf(VariableNotInInventoryError);
    nomads.requests.length = 0;
    await expect(client.downloadGrib("hrrr", "20230125_13", 19, ["t2m"], path.join(destDir, "g.grib2"))).rejects.toThrow(/forecast hour 19/);
    await expect(client.downloadGrib("hrrr", RUN, 0, ["nope"], path.join(destDir, "g.grib2"))).rejects.toThrow(/unknown hrrr variable/);
    expect(nomads.requests).toEqual([]);
    expect(leftovers()).toEqual([]);
  });
});

describe("fake NOMADS server", () => {
  const get = (rel: string, headers: Record<string, string> = {}) => fetch(`${nomads.baseUrl}/${rel}`, { headers, redirect: "manual" });

  it("serves ranges like Apache", async () => {
    const rel = `${HRRR}hrrr.t12z.wrfsfcf00.grib2`;
    const suffix = await get(rel, { range: "bytes=-600" });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get("content-range")).toBe(`bytes ${f00.grib.length - 600}-${f00.grib.length - 1}/${f00.grib.length}`);
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(f00.grib.subarray(-600));
    const beyond = await get(rel, { range: `bytes=${f00.grib.length}-` });
    expect([beyond.status, beyond.headers.get("content-range")]).toEqual([416, `bytes */${f00.grib.length}`]);
    const multi = await get(rel, { range: "bytes=0-1,5-6" });
    expect([multi.status, (await multi.arrayBuffer()).byteLength]).toEqual([200, f00.grib.length]);
  });

  it("redirects directories to their slash form and 404s unknown paths", async () => {
    const r = await get("hrrr/prod");
    expect([r.status, r.headers.get("location")]).toEqual([301, "/pub/data/nccf/com/hrrr/prod/"]);
    expect((await get("hrrr/prod/nope/")).status).toBe(404);
    expect((await fetch(nomads.baseUrl.replace("/pub/data/nccf/com", "/other/"))).status).toBe(404);
  });

  it("serves a directory tree from disk", async () => {
    const root = path.join(tmpRoot, "tree");
    mkdirSync(path.join(root, "gfs/prod/gfs.20230101/00/atmos"), { recursive: true });
    writeFileSync(path.join(root, "gfs/prod/gfs.20230101/00/atmos/gfs.t00z.pgrb2.0p25.f000"), fakeMessage(64, 1));
    const disk = await startFakeNomads({ root });
    try {
      const c = new NomadsClient({ baseUrl: disk.baseUrl, http: fast });
      expect(await c.listRuns("gfs")).toEqual(["20230101_00"]);
      const dest = path.join(destDir, "f.grib2");
      expect(await c.downloadGrib("gfs", "20230101_00", 0, ["t2m"], dest)).toMatchObject({ usedIdx: false, bytes: 64 });
    } finally {
      await disk.close();
    }
  });
});
