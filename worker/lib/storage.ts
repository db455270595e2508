/**
 * On-disk cache layout and the safety rules for touching it.
 *
 *   <CACHE_DIR>/gribs/{model}/{run}/{variable}/grib_{HHH}.grib2        hour zero-padded to 3 digits (GFS
 *                                                                      reaches 384) so names sort by hour
 *   <CACHE_DIR>/tiles/{region}/{res}deg/{model}/{run}/{variable}.npz   (+ `{variable}.meta.json`)
 *
 * Every write goes through a temp file in the destination directory (`.{name}.tmp-{host}-{pid}-{random}`)
 * that is renamed into place, so readers never see a partial file. Temps left by a killed writer are removed
 * by the next writer of the same destination when their writer is provably dead (`discardOrphanTemps`), and
 * otherwise by age (`sweepTempFiles`).
 * Paths built from outside input go through `resolveInside`, which also refuses symlinks leading out of the
 * root: mount a bigger disk at CACHE_DIR itself rather than symlinking a subdirectory elsewhere.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { lstat, mkdir, open, opendir, readdir, rename, rm, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { ForecastHourSchema, ModelKeySchema, RegionIdSchema, RunIdSchema, VariableIdSchema } from "../../src/domain/weather/models.ts";

export class PathOutsideRootError extends Error {
  override name = "PathOutsideRootError";
  constructor(
    readonly root: string,
    readonly requested: string,
    why: string,
  ) {
    super(`refusing path ${JSON.stringify(requested)} under ${root}: ${why}`);
  }
}

export function cacheRoot(): string {
  return path.resolve(process.env.CACHE_DIR || "./cache");
}

/**
 * Joins `parts` under `root`, refusing anything that could land outside it: absolute parts, `.`/`..`
 * segments, NUL bytes, and symlinks (anywhere along the existing part of the path) resolving outside the
 * root. Returns the lexical path under the resolved root. Parts may contain `/`-separated segments.
 */
export function resolveInside(root: string, ...parts: string[]): string {
  const absRoot = path.resolve(root);
  const requested = parts.join("/");
  const refuse = (why: string) => new PathOutsideRootError(absRoot, requested, why);
  if (parts.length === 0) throw refuse("no path given");
  for (const part of parts) {
    if (part.includes("\0")) throw refuse("NUL byte");
    if (path.isAbsolute(part)) throw refuse("absolute path");
    for (const seg of part.split("/")) {
      if (seg === "" || seg === "." || seg === "..") throw refuse(`segment ${JSON.stringify(seg)} not allowed`);
    }
  }
  const target = path.join(absRoot, ...parts);
  // Symlinks: compare real paths. The target may not exist yet, so resolve its deepest existing ancestor.
  const realRoot = realpathOrSelf(absRoot);
  let probe = target;
  for (;;) {
    const real = realpathOrNull(probe);
    if (real !== null) {
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw refuse(`resolves to ${real} via a symlink`);
      return target;
    }
    if (probe === absRoot) return target; // root does not exist yet: nothing can point anywhere
    probe = path.dirname(probe);
  }
}

function realpathOrNull(p: string): string | null {
  try {
    return realpathSync.native(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}
const realpathOrSelf = (p: string) => realpathOrNull(p) ?? p;

const pad3 = (h: number) => String(h).padStart(3, "0");

/** `0.25` → `0.25`; refuses values whose decimal form would be ambiguous or exponent-formatted. */
export function formatResolution(resDeg: number): string {
  if (!(resDeg > 0 && resDeg <= 10) || Math.abs(Math.round(resDeg * 1e4) - resDeg * 1e4) > 1e-6)
    throw new Error(`invalid tile resolution ${resDeg}° (0 < res <= 10, at most 4 decimals)`);
  return String(resDeg);
}

export function gribPath(model: string, run: string, variable: string, hour: number, root = cacheRoot()): string {
  ModelKeySchema.parse(model);
  RunIdSchema.parse(run);
  VariableIdSchema.parse(variable);
  ForecastHourSchema.parse(hour);
  return resolveInside(root, "gribs", model, run, variable, `grib_${pad3(hour)}.grib2`);
}

function tileBase(region: string, resDeg: number, model: string, run: string, variable: string, root: string): string {
  RegionIdSchema.parse(region);
  ModelKeySchema.parse(model);
  RunIdSchema.parse(run);
  VariableIdSchema.parse(variable);
  return resolveInside(root, "tiles", region, `${formatResolution(resDeg)}deg`, model, run, variable);
}

export function tilePath(region: string, resDeg: number, model: string, run: string, variable: string, root = cacheRoot()): string {
  return `${tileBase(region, resDeg, model, run, variable, root)}.npz`;
}

export function tileMetaPath(region: string, resDeg: number, model: string, run: string, variable: string, root = cacheRoot()): string {
  return `${tileBase(region, resDeg, model, run, variable, root)}.meta.json`;
}

// ---------- atomic writes ----------

/**
 * Which processes' pids a temp's pid can be checked against: 8 hex of sha1(hostname + boot id + pid
 * namespace). The pid namespace is part of it because two containers can share a hostname (host
 * networking) and a cache volume while their pids mean different processes; the boot id because the
 * initial namespace has the same inode on every machine, so cloned VMs with one hostname sharing a
 * network cache would otherwise look alike. Where /proc is missing it is the hostname alone.
 */
const HOST_TAG = createHash("sha1")
  .update(`${hostname()}\0${readProc("/proc/sys/kernel/random/boot_id")}\0${pidNamespace()}`)
  .digest("hex")
  .slice(0, 8);

function readProc(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

function pidNamespace(): string {
  try {
    return readlinkSync("/proc/self/ns/pid"); // e.g. "pid:[4026531836]"
  } catch {
    return "";
  }
}

/** `.{name}.tmp-{host8}-{pid}-{rand8}`; also the older `.{name}.tmp-{pid}-{rand8}` (no host tag). */
const TEMP_RE = /^\..+\.tmp-(?:[0-9a-f]{8}-)?\d+-[0-9a-f]{8}$/;

/** A fresh temp name next to `dest` (same directory, hence same filesystem, so rename is atomic). */
export function tempPathFor(dest: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.tmp-${HOST_TAG}-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** False only when `pid` certainly names no process here (ESRCH); EPERM means it exists under another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Removes the temps of `dest` whose writer is dead: tagged with this host (see HOST_TAG), not this process,
 * and whose pid no longer exists. A writer killed with -9 (worker crash, OOM kill) leaves its partial temp
 * behind; the next writer of the same destination calls this first, so a retried job leaves exactly one file
 * instead of waiting for the hourly age sweep. Temps of other hosts (a cache shared across machines) and of
 * the old untagged form cannot be checked from here and are left to `sweepTempFiles`; so is a temp whose pid
 * was reused by an unrelated process. Returns the removed paths.
 */
export async function discardOrphanTemps(dest: string): Promise<string[]> {
  const dir = path.dirname(dest);
  const prefix = `.${path.basename(dest)}.tmp-`;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const removed: string[] = [];
  for (const ent of entries) {
    if (!ent.isFile() || !ent.name.startsWith(prefix)) continue;
    const m = /^([0-9a-f]{8})-(\d+)-[0-9a-f]{8}$/.exec(ent.name.slice(prefix.length));
    if (!m || m[1] !== HOST_TAG) continue;
    const pid = Number(m[2]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processAlive(pid)) continue;
    const p = path.join(dir, ent.name);
    await discardTemp(p);
    removed.push(p);
  }
  return removed;
}

/** Removes a temp file, ignoring "already gone"; used on every error path. */
export async function discardTemp(tmp: string): Promise<void> {
  await unlink(tmp).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "ENOENT") throw err;
  });
}

/** Renames a fully written (and fsynced) temp into place, then fsyncs the directory so the rename is durable. */
export async function commitTemp(tmp: string, dest: string): Promise<void> {
  await rename(tmp, dest);
  const dir = await open(path.dirname(dest), "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

export async function writeFileAtomic(dest: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  const tmp = tempPathFor(dest);
  try {
    const fh = await open(tmp, "wx", 0o644);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await commitTemp(tmp, dest);
  } catch (err) {
    await discardTemp(tmp);
    throw err;
  }
}

export async function md5File(file: string): Promise<string> {
  const hash = createHash("md5");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** `rm -rf` of `root/parts…`; refuses the root itself and anything resolving outside it. */
export async function removeTree(root: string, ...parts: string[]): Promise<void> {
  const target = resolveInside(root, ...parts);
  await rm(target, { recursive: true, force: true });
}

// ---------- scanning (periodic jobs, not per request) ----------

export interface FileInfo {
  rel: string[]; // path segments relative to root
  name: string;
  size: number;
  mtimeMs: number;
}

/** Regular files under `root`, depth first. Symlinks are neither followed nor reported. */
export async function* walkFiles(root: string, rel: string[] = []): AsyncGenerator<FileInfo> {
  let dir;
  try {
    dir = await opendir(path.join(root, ...rel));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return; // root missing or removed mid-walk
    throw err;
  }
  for await (const ent of dir) {
    if (ent.isDirectory()) yield* walkFiles(root, [...rel, ent.name]);
    else if (ent.isFile()) {
      const st = await lstat(path.join(root, ...rel, ent.name)).catch(() => null); // may vanish mid-walk
      if (st) yield { rel, name: ent.name, size: st.size, mtimeMs: st.mtimeMs };
    }
  }
}

export interface RunUsage {
  model: string;
  run: string;
  gribBytes: number;
  tileBytes: number;
  files: number;
  oldestMtime: Date;
  newestMtime: Date;
}

export interface DiskUsage {
  totalBytes: number;
  /** Temp files and anything outside the gribs/tiles layout. */
  otherBytes: number;
  runs: RunUsage[]; // sorted by model, then run
  oldestMtime: Date | null;
  newestMtime: Date | null;
}

/** Bytes per {model, run} for gribs and tiles, plus file age bounds, for cache accounting and eviction. */
export async function diskUsage(root = cacheRoot()): Promise<DiskUsage> {
  const runs = new Map<string, RunUsage>();
  const usage: DiskUsage = { totalBytes: 0, otherBytes: 0, runs: [], oldestMtime: null, newestMtime: null };
  for await (const f of walkFiles(root)) {
    usage.totalBytes += f.size;
    const mtime = new Date(f.mtimeMs);
    if (!usage.oldestMtime || mtime < usage.oldestMtime) usage.oldestMtime = mtime;
    if (!usage.newestMtime || mtime > usage.newestMtime) usage.newestMtime = mtime;
    // gribs/{model}/{run}/… or tiles/{region}/{res}/{model}/{run}/…
    const [kind] = f.rel;
    const at = kind === "gribs" ? 1 : kind === "tiles" ? 3 : -1;
    const model = f.rel[at];
    const run = f.rel[at + 1];
    if (at < 0 || !model || !run || TEMP_RE.test(f.name)) {
      usage.otherBytes += f.size;
      continue;
    }
    const key = `${model}/${run}`;
    let r = runs.get(key);
    if (!r) runs.set(key, (r = { model, run, gribBytes: 0, tileBytes: 0, files: 0, oldestMtime: mtime, newestMtime: mtime }));
    if (kind === "gribs") r.gribBytes += f.size;
    else r.tileBytes += f.size;
    r.files++;
    if (mtime < r.oldestMtime) r.oldestMtime = mtime;
    if (mtime > r.newestMtime) r.newestMtime = mtime;
  }
  usage.runs = [...runs.values()].sort((a, b) => a.model.localeCompare(b.model) || a.run.localeCompare(b.run));
  return usage;
}

/**
 * Deletes temp files not modified for `olderThanMs` (default 1 h). An in-flight download keeps touching its
 * temp, so only temps abandoned by a crashed or killed writer are old.
 */
export async function sweepTempFiles(root = cacheRoot(), olderThanMs = 3_600_000): Promise<{ removed: string[]; bytes: number }> {
  const cutoff = Date.now() - olderThanMs;
  const removed: string[] = [];
  let bytes = 0;
  for await (const f of walkFiles(root)) {
    if (!TEMP_RE.test(f.name) || f.mtimeMs > cutoff) continue;
    const p = path.join(root, ...f.rel, f.name);
    await discardTemp(p);
    removed.push(p);
    bytes += f.size;
  }
  return { removed, bytes };
}
