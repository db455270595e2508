import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  PathOutsideRootError,
  cacheRoot,
  discardOrphanTemps,
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

describe("orphaned temps of killed writers", () => {
  /** A temp of `dest` as a writer with this `pid` (and host tag `host`, default ours) would name it. */
  const tempOf = (dest: string, pid: number, host?: string) => {
    const m = /^(.*\.tmp-)([0-9a-f]{8})-(\d+)-([0-9a-f]{8})$/.exec(tempPathFor(dest))!;
    expect(m, "tempPathFor names temps .{name}.tmp-{host8}-{pid}-{rand8}").not.toBeNull();
    expect(Number(m[3])).toBe(process.pid);
    const p = `${m[1]}${host ?? m[2]}-${pid}-${m[4]}`;
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, "partial");
    return p;
  };
  const ourHost = (dest: string) => /\.tmp-([0-9a-f]{8})-/.exec(tempPathFor(dest))![1]!;
  const otherHost = (dest: string) => [...ourHost(dest)].map((c) => (parseInt(c, 16) ^ 1).toString(16)).join("");

  const children: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  });
  /** The pid of a process that has exited (and been reaped). */
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((r) => child.once("exit", r));
    return child.pid!;
  }
  /** The pid of a process that is still running. */
  async function livePid(): Promise<number> {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    children.push(child);
    await new Promise((r) => child.once("spawn", r));
    return child.pid!;
  }

  it("removes this host's temps whose writer is dead, and nothing else", async () => {
    const dest = path.join(root, "gribs/hrrr/20230125_12/t2m/grib_000.grib2");
    const dead = await deadPid();
    const live = await livePid();
    const orphan = tempOf(dest, dead);
    const ours = tempOf(dest, process.pid);
    const running = tempOf(dest, live);
    const elsewhere = tempOf(dest, dead, otherHost(dest)); // another machine's pid says nothing here
    const legacy = path.join(path.dirname(dest), `.grib_000.grib2.tmp-${dead}-abcdef01`); // untagged: age sweep only
    writeFileSync(legacy, "partial");
    const otherDest = tempOf(path.join(path.dirname(dest), "grib_001.grib2"), dead);
    const otherDir = tempOf(path.join(root, "gribs/hrrr/20230125_12/u10/grib_000.grib2"), dead);
    writeFileSync(dest, "the real file");

    expect(await discardOrphanTemps(dest)).toEqual([orphan]);
    expect(existsSync(orphan)).toBe(false);
    for (const kept of [ours, running, elsewhere, legacy, otherDest, otherDir, dest]) expect(existsSync(kept), kept).toBe(true);
    expect(await discardOrphanTemps(dest)).toEqual([]);
  });

  it("a destination directory that does not exist yet has nothing to clean", async () => {
    expect(await discardOrphanTemps(path.join(root, "not/yet/there.grib2"))).toEqual([]);
  });

  it("new temp names are still recognised as temps by the sweep and the disk accounting", async () => {
    const dest = path.join(root, "gribs/gfs/20230125_06/t2m/grib_000.grib2");
    const tmp = tempOf(dest, await deadPid());
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(tmp, old, old);
    expect((await diskUsage(root)).otherBytes).toBe("partial".length);
    expect(await sweepTempFiles(root)).toEqual({ removed: [tmp], bytes: "partial".length });
  });
});
