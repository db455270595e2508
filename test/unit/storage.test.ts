import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  PathOutsideRootError,
  cacheRoot,
  diskUsage,
  gribPath,
  md5File,
  removeTree,
  resolveInside,
  sweepTempFiles,
  tempPathFor,
  tileMetaPath,
  tilePath,
  writeFileAtomic,
} from "../../worker/lib/storage.ts";

let root: string;
let outside: string;
const savedCacheDir = process.env.CACHE_DIR;

beforeEach(() => {
  const base = mkdtempSync(path.join(os.tmpdir(), "pw-storage-"));
  root = path.join(base, "cache");
  outside = path.join(base, "outside");
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(path.join(outside, "secret.txt"), "secret");
});
afterEach(() => rmSync(path.dirname(root), { recursive: true, force: true }));
afterAll(() => {
  if (savedCacheDir === undefined) delete process.env.CACHE_DIR;
  else process.env.CACHE_DIR = savedCacheDir;
});

describe("layout", () => {
  it("cacheRoot comes from CACHE_DIR, default ./cache", () => {
    delete process.env.CACHE_DIR;
    expect(cacheRoot()).toBe(path.resolve("cache"));
    process.env.CACHE_DIR = root;
    expect(cacheRoot()).toBe(root);
    expect(gribPath("hrrr", "20230125_12", "t2m", 4)).toBe(path.join(root, "gribs/hrrr/20230125_12/t2m/grib_004.grib2"));
  });

  it("builds grib and tile paths", () => {
    expect(gribPath("gfs", "20230125_06", "apcp", 384, root)).toBe(path.join(root, "gribs/gfs/20230125_06/apcp/grib_384.grib2"));
    expect(tilePath("conus", 0.25, "gfs", "20230125_06", "t2m", root)).toBe(path.join(root, "tiles/conus/0.25deg/gfs/20230125_06/t2m.npz"));
    expect(tileMetaPath("conus", 0.1, "hrrr", "20230125_07", "refc", root)).toBe(path.join(root, "tiles/conus/0.1deg/hrrr/20230125_07/refc.meta.json"));
  });

  it.each([
    () => gribPath("../hrrr", "20230125_12", "t2m", 0, "/tmp/x"),
    () => gribPath("hrrr", "../../etc", "t2m", 0, "/tmp/x"),
    () => gribPath("hrrr", "20230125_12", "../t2m", 0, "/tmp/x"),
    () => gribPath("hrrr", "20230125_12", "t2m", -1, "/tmp/x"),
    () => tilePath("conus", 1e-7, "hrrr", "20230125_12", "t2m", "/tmp/x"),
    () => tilePath("../conus", 0.1, "hrrr", "20230125_12", "t2m", "/tmp/x"),
  ])("validates every component (%#)", (fn) => {
    expect(fn).toThrow();
  });
});

describe("resolveInside", () => {
  it("joins safe parts", () => {
    expect(resolveInside(root, "gribs", "hrrr/20230125_12", "x.grib2")).toBe(path.join(root, "gribs/hrrr/20230125_12/x.grib2"));
  });

  it.each([["../outside/secret.txt"], ["gribs/../../outside"], ["/etc/passwd"], ["a\0b"], ["./x"], ["a//b"], [""]])("refuses %j", (p) => {
    expect(() => resolveInside(root, p)).toThrow(PathOutsideRootError);
  });

  it("refuses symlinks that lead out of the root, wherever they are in the path", () => {
    symlinkSync(outside, path.join(root, "escape"));
    expect(() => resolveInside(root, "escape")).toThrow(/via a symlink/);
    expect(() => resolveInside(root, "escape", "secret.txt")).toThrow(PathOutsideRootError);
    expect(() => resolveInside(root, "escape", "not-yet", "new.txt")).toThrow(PathOutsideRootError);
  });

  it("allows symlinks that stay inside, and a root that is itself a symlink", () => {
    mkdirSync(path.join(root, "real"));
    symlinkSync(path.join(root, "real"), path.join(root, "alias"));
    expect(resolveInside(root, "alias", "f")).toBe(path.join(root, "alias", "f"));
    const linkedRoot = path.join(path.dirname(root), "rootlink");
    symlinkSync(root, linkedRoot);
    expect(resolveInside(linkedRoot, "real", "f")).toBe(path.join(linkedRoot, "real", "f"));
  });
});

describe("writes and removal", () => {
  it("writeFileAtomic creates directories, replaces content, leaves no temp", async () => {
    const dest = path.join(root, "a/b/c.json");
    await writeFileAtomic(dest, "one");
    await writeFileAtomic(dest, new Uint8Array([116, 119, 111]));
    expect(readFileSync(dest, "utf8")).toBe("two");
    expect(readdirSync(path.dirname(dest))).toEqual(["c.json"]);
  });

  it("writeFileAtomic cleans its temp on failure and keeps the old file", async () => {
    const dest = path.join(root, "x.bin");
    await writeFileAtomic(dest, "old");
    mkdirSync(path.join(root, "dir-in-the-way"));
    await expect(writeFileAtomic(path.join(root, "dir-in-the-way"), "new")).rejects.toThrow();
    expect(readdirSync(root).sort()).toEqual(["dir-in-the-way", "x.bin"]);
    expect(readFileSync(dest, "utf8")).toBe("old");
  });

  it("md5File matches node:crypto", async () => {
    const data = Buffer.alloc(300_000, 7);
    writeFileSync(path.join(root, "f"), data);
    expect(await md5File(path.join(root, "f"))).toBe(createHash("md5").update(data).digest("hex"));
  });

  it("removeTree removes inside the root only", async () => {
    mkdirSync(path.join(root, "gribs/hrrr/20230125_12"), { recursive: true });
    writeFileSync(path.join(root, "gribs/hrrr/20230125_12/f"), "x");
    await removeTree(root, "gribs", "hrrr", "20230125_12");
    expect(existsSync(path.join(root, "gribs/hrrr/20230125_12"))).toBe(false);
    expect(existsSync(path.join(root, "gribs/hrrr"))).toBe(true);

    symlinkSync(outside, path.join(root, "escape"));
    await expect(removeTree(root, "..", "outside")).rejects.toThrow(PathOutsideRootError);
    await expect(removeTree(root, "escape")).rejects.toThrow(PathOutsideRootError);
    await expect(removeTree(root, outside)).rejects.toThrow(PathOutsideRootError);
    await expect(removeTree(root)).rejects.toThrow(PathOutsideRootError);
    expect(readFileSync(path.join(outside, "secret.txt"), "utf8")).toBe("secret");
  });
});

describe("diskUsage and temp sweeping", () => {
  const put = (rel: string, bytes: number, mtime: Date) => {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, Buffer.alloc(bytes));
    utimesSync(p, mtime, mtime);
    return p;
  };
  const t = (iso: string) => new Date(iso);

  it("totals bytes per model/run for gribs and tiles with mtime bounds", async () => {
    put("gribs/hrrr/20230125_12/t2m/grib_000.grib2", 100, t("2023-01-25T13:00:00Z"));
    put("gribs/hrrr/20230125_12/u10/grib_001.grib2", 50, t("2023-01-25T14:00:00Z"));
    put("tiles/conus/0.1deg/hrrr/20230125_12/t2m.npz", 30, t("2023-01-25T15:00:00Z"));
    put("tiles/conus/0.1deg/hrrr/20230125_12/t2m.meta.json", 5, t("2023-01-25T15:00:00Z"));
    put("gribs/gfs/20230125_06/t2m/grib_000.grib2", 7, t("2023-01-25T09:00:00Z"));
    put("gribs/gfs/20230125_06/t2m/.grib_001.grib2.tmp-123-abcdef01", 11, t("2023-01-25T09:00:00Z"));
    put("stray.txt", 2, t("2023-01-26T00:00:00Z"));
    symlinkSync(outside, path.join(root, "gribs/escape")); // not followed

    const u = await diskUsage(root);
    expect(u.totalBytes).toBe(205);
    expect(u.otherBytes).toBe(13);
    expect(u.oldestMtime).toEqual(t("2023-01-25T09:00:00Z"));
    expect(u.newestMtime).toEqual(t("2023-01-26T00:00:00Z"));
    expect(u.runs).toEqual([
      { model: "gfs", run: "20230125_06", gribBytes: 7, tileBytes: 0, files: 1, oldestMtime: t("2023-01-25T09:00:00Z"), newestMtime: t("2023-01-25T09:00:00Z") },
      { model: "hrrr", run: "20230125_12", gribBytes: 150, tileBytes: 35, files: 4, oldestMtime: t("2023-01-25T13:00:00Z"), newestMtime: t("2023-01-25T15:00:00Z") },
    ]);
  });

  it("handles a missing root", async () => {
    expect(await diskUsage(path.join(root, "nope"))).toEqual({ totalBytes: 0, otherBytes: 0, runs: [], oldestMtime: null, newestMtime: null });
  });

  it("sweeps only stale temp files", async () => {
    const dest = path.join(root, "gribs/hrrr/20230125_12/t2m/grib_000.grib2");
    const old = put(path.relative(root, tempPathFor(dest)), 10, new Date(Date.now() - 2 * 3600_000));
    const fresh = put(path.relative(root, tempPathFor(dest)), 10, new Date());
    const real = put(path.relative(root, dest), 10, new Date(Date.now() - 2 * 3600_000));
    const res = await sweepTempFiles(root);
    expect(res).toEqual({ removed: [old], bytes: 10 });
    expect([existsSync(old), existsSync(fresh), existsSync(real)]).toEqual([false, true, true]);
  });
});
