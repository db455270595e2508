// Shared helpers for the benchmarks: throwaway databases, child processes in their own process
// group, /proc readings (RSS, CPU), percentiles, machine info, result files and the README table.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { spawnUntilReady, type SpawnOptions } from "../test/helpers/processes.ts";
import { migrate } from "../src/db/migrate.ts";
import { validateSubmission } from "../src/domain/jobs.ts";
import { pipelineOfJobType } from "../src/domain/registry.ts";

export const ROOT = resolve(import.meta.dirname, "..");
export const BENCH_DIR = resolve(import.meta.dirname);
export const RESULTS_DIR = join(BENCH_DIR, "results");

/** Admin connection to the Postgres the benchmarks create their databases on. Local only. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DB_PREFIX = "pw_bench_";

export interface BenchOptions {
  quick: boolean;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function log(msg: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 23)}] ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// Cleanup: every process and database a bench creates registers here, so Ctrl-C cleans up too.

const cleanups = new Set<() => Promise<unknown>>();

export function onCleanup(fn: () => Promise<unknown>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function runCleanups() {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    await fn().catch((e) => log(`cleanup failed: ${String(e)}`));
  }
}

let signalsHooked = false;
export function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      log(`${sig}: cleaning up`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Databases

export function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Drops pw_bench_* databases left behind by bench runs that were killed (their pid is gone). */
export async function dropStaleDatabases() {
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${DB_PREFIX}%`],
    );
    for (const { datname } of rows) {
      const pid = Number(datname.split("_").pop());
      if (Number.isInteger(pid) && pid !== process.pid && !pidAlive(pid)) {
        log(`dropping stale database ${datname}`);
        await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  });
}

export interface BenchDb {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database `pw_bench_<tag>_<pid>`, dropped by `drop()` (or on Ctrl-C). */
export async function createDatabase(tag: string): Promise<BenchDb> {
  const name = `${DB_PREFIX}${tag}_${process.pid}`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(ADMIN_URL, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    off();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  const off = onCleanup(drop);
  await migrate(url);
  return { name, url, drop };
}

/**
 * Inserts Job rows and queues them in graphile-worker in ONE transaction, with the same SQL as
 * `submitJobTx` + `enqueue` in src/domain/jobs.ts (a `jobs` row, then
 * `graphile_worker.add_job(identifier, payload {jobId}, max_attempts, job_key => id)`), but set-based:
 * one INSERT for the whole batch and one SELECT that calls add_job once per row. Args are validated
 * and defaulted by the product's own `validateSubmission`. Ids are chosen by the caller so that
 * subscribers can watch jobs before they exist.
 */
export async function insertTrackedJobs(
  client: pg.ClientBase,
  ids: string[],
  type = "Diagnostic",
  rawArgs: unknown = {},
): Promise<void> {
  const { args, maxAttempts } = validateSubmission({ type, args: rawArgs });
  const pipelineKey = pipelineOfJobType(type)?.key ?? null;
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO jobs (id, type, "pipelineKey", args, "maxAttempts")
       SELECT id, $2, $3, $4::jsonb, $5 FROM unnest($1::uuid[]) AS id`,
      [ids, type, pipelineKey, JSON.stringify(args), maxAttempts],
    );
    await client.query(
      `SELECT count(graphile_worker.add_job(
         identifier => $2::text,
         payload => json_build_object('jobId', id::text),
         max_attempts => $3::int,
         job_key => id::text)) FROM unnest($1::uuid[]) AS id`,
      [ids, type, maxAttempts],
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

export interface Proc {
  proc: ChildProcess;
  pid: number;
  output: () => string;
  match: RegExpMatchArray;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves on exit. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

let scratch: string | undefined;
/**
 * Environment for every server/worker process a bench starts: no schedule that reaches the internet
 * (ScanSource), upstream URLs pointing at a closed local port, and empty scratch dirs for the
 * cache/ETL roots, so nothing leaves 127.0.0.1 and the repository's own cache/ and data/ are untouched.
 */
function isolatedEnv(): Record<string, string> {
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), "pw-bench-"));
    scratch = dir;
    onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  }
  return {
    SCAN_INTERVAL_MINUTES: "0",
    DISK_USAGE_INTERVAL_MINUTES: "0",
    NOMADS_BASE_URL: "http://127.0.0.1:9",
    CACHE_DIR: join(scratch, "cache"),
    BRONZE_DIR: join(scratch, "bronze"),
    SILVER_DIR: join(scratch, "silver"),
  };
}

/**
 * Starts a script like the tests do (`spawnUntilReady`: own process group, resolves when `ready`
 * matches), with the bench's environment, and registers it for cleanup until it is stopped.
 */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  opts: SpawnOptions = {},
): Promise<Proc> {
  const p = await spawnUntilReady(script, { ...isolatedEnv(), ...env }, ready, {
    timeoutMs: 90_000,
    ...opts,
    baseEnv: { ...process.env, LOG_LEVEL: "warn", NODE_ENV: "production" },
  });
  const off = onCleanup(() => p.stop("SIGTERM", 5_000));
  return {
    ...p,
    stop: (signal?: NodeJS.Signals, graceMs?: number) => {
      off();
      return p.stop(signal, graceMs);
    },
  };
}

export interface ServerProc extends Proc {
  url: string;
  port: number;
}

/** The real server (`src/server/main.ts`), API only, on a free port of 127.0.0.1. */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ServerProc> {
  const p = await startProcess(
    "src/server/main.ts",
    { DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", PIPEWATCH_NO_UI: "1", ...env },
    /listening on http:\/\/localhost:(\d+) \(worker: ([^)]+)\)/,
    { nodeArgs },
  );
  const port = Number(p.match[1]);
  return { ...p, port, url: `http://127.0.0.1:${port}` };
}

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * The inspector of a process started with `--inspect=127.0.0.1:0` (a local socket only): used to force
 * a full GC before memory readings and to CPU-profile a chosen time window.
 */
export class Inspector {
  private id = 0;
  private constructor(private ws: import("ws").WebSocket) {}

  static async attach(p: Proc): Promise<Inspector> {
    const m = p.output().match(/Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/);
    if (!m) throw new Error("process was not started with --inspect=127.0.0.1:0");
    const { WebSocket } = await import("ws");
    const ws = new WebSocket(m[1]!);
    await new Promise<void>((res, rej) => {
      ws.once("open", () => res());
      ws.once("error", rej);
    });
    return new Inspector(ws);
  }

  call<T = any>(method: string, params?: Record<string, unknown>, timeoutMs = 60_000): Promise<T> {
    return new Promise((res, rej) => {
      const my = ++this.id;
      const timer = setTimeout(() => rej(new Error(`inspector ${method} timed out`)), timeoutMs);
      const on = (data: Buffer) => {
        const msg = JSON.parse(data.toString());
        if (msg.id !== my) return;
        clearTimeout(timer);
        this.ws.off("message", on);
        msg.error ? rej(new Error(msg.error.message)) : res(msg.result);
      };
      this.ws.on("message", on);
      this.ws.send(JSON.stringify({ id: my, method, params }));
    });
  }

  /** Full GC, then the process's own process.memoryUsage() (rss, heapUsed, external, arrayBuffers). */
  async gcAndMeasure(): Promise<MemoryUsage> {
    await this.call("HeapProfiler.collectGarbage");
    await sleep(200);
    await this.call("HeapProfiler.collectGarbage");
    await sleep(200);
    const { result } = await this.call<{ result: { value: string } }>("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    });
    return JSON.parse(result.value) as MemoryUsage;
  }

  async startProfile() {
    await this.call("Profiler.enable");
    await this.call("Profiler.start");
  }

  /** Stops the CPU profile started by startProfile(); returns the .cpuprofile object. */
  async stopProfile(): Promise<unknown> {
    const { profile } = await this.call<{ profile: unknown }>("Profiler.stop");
    await this.call("Profiler.disable");
    return profile;
  }

  close() {
    this.ws.close();
  }
}

/** Resident set size of a process in bytes (0 when it is gone). */
export function rssBytes(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

let clkTck: number | undefined;
/** User + system CPU time a process has used so far, in ms (0 when it is gone). */
export function cpuMs(pid: number): number {
  clkTck ??= (() => {
    try {
      return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    } catch {
      return 100;
    }
  })();
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clkTck;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: s.length,
    min: r(s[0] ?? NaN),
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1] ?? NaN),
    mean: r(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// ---------------------------------------------------------------------------------------------
// Machine info and results

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemGiB: number;
  os: string;
  node: string;
  postgres: string;
  date: string;
  /** 1-minute load average when the bench started and ended: other work on the box skews numbers. */
  loadAvgStart: number;
  loadAvgEnd?: number;
}

export async function machineInfo(): Promise<MachineInfo> {
  const postgres = await admin(async (c) => (await c.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version.split(" ")[0]!);
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    totalMemGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    postgres,
    date: new Date().toISOString(),
    loadAvgStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export function finishMachineInfo(m: MachineInfo): MachineInfo {
  return { ...m, loadAvgEnd: Math.round(loadavg()[0]! * 100) / 100 };
}

export interface BenchResult<P = unknown, S = unknown> {
  name: string;
  quick: boolean;
  machine: MachineInfo;
  params: P;
  summary: S;
  notes: string[];
  [extra: string]: unknown;
}

export function resultPath(name: string, quick: boolean) {
  return join(RESULTS_DIR, quick ? `${name}.quick.json` : `${name}.json`);
}

/** Full runs write `results/<name>.json` (shown in the README); --quick runs `<name>.quick.json`. */
export function writeResult(result: BenchResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = resultPath(result.name, result.quick);
  writeFileSync(path, JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? Number(v) : v), 2) + "\n");
  return path;
}

export function readResult(name: string): BenchResult<any, any> | undefined {
  for (const quick of [false, true]) {
    const p = resultPath(name, quick);
    if (existsSync(p)) return JSON.parse(readFileSync(p, "utf8"));
  }
  return undefined;
}

export function listResults(): string[] {
  if (!existsSync(RESULTS_DIR)) return [];
  return readdirSync(RESULTS_DIR).filter((f) => f.endsWith(".json"));
}

export function fmt(n: number | null | undefined, digits = 0): string {
  if (n == null || Number.isNaN(n)) return "–";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function mib(bytes: number): string {
  return `${fmt(bytes / 2 ** 20, 1)} MiB`;
}

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

export function machineLine(m: MachineInfo, quick: boolean): string {
  return (
    `_${m.date.slice(0, 16).replace("T", " ")} UTC · ${m.cpus}× ${m.cpuModel} · ${m.totalMemGiB} GiB · ` +
    `Node ${m.node} · PostgreSQL ${m.postgres} · load avg ${m.loadAvgStart}→${m.loadAvgEnd ?? "?"}` +
    `${quick ? " · **--quick run**" : ""}_`
  );
}

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

/** Replaces the generated part of bench/README.md (between the markers) with `body`. */
export function updateReadme(body: string) {
  const path = join(BENCH_DIR, "README.md");
  const text = existsSync(path) ? readFileSync(path, "utf8") : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`bench/README.md lacks the ${START} … ${END} markers`);
  const next = text.slice(0, a + START.length) + "\n" + body.trim() + "\n" + text.slice(b);
  writeFileSync(path, next);
}
