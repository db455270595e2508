// Real processes for integration tests: the server (`src/server/main.ts`) and workers
// (`worker/main.ts`), each in its own process group so stopping one stops all its children.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Proc {
  proc: ChildProcess;
  pid: number;
  output: () => string;
  /** Sends a signal to the whole group and waits for exit (SIGKILL after `graceMs`, default 20 s). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

export interface SpawnOptions {
  timeoutMs?: number;
  /** Open an IPC channel (child `process.send`). */
  ipc?: boolean;
  args?: string[];
  nodeArgs?: string[];
  /** Extra `--import` modules (after tsx). */
  imports?: string[];
  /** Defaults to `{ ...process.env, LOG_LEVEL: "warn" }`; `env` is applied on top. */
  baseEnv?: NodeJS.ProcessEnv;
}

/**
 * Starts `node --import tsx <script>` in its own process group (so stopping it stops everything it
 * started) and resolves once its stdout matches `ready`. Shared by the tests and bench/.
 */
export function spawnUntilReady(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  opts: SpawnOptions = {},
): Promise<Proc & { match: RegExpMatchArray }> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const imports = (opts.imports ?? []).flatMap((m) => ["--import", m]);
  const proc: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", ...imports, script, ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...(opts.baseEnv ?? { ...process.env, LOG_LEVEL: "warn" }), ...env },
    detached: true,
    stdio: opts.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  // Keep the tail only: a long-running server's log must not grow memory without bound.
  let out = "";
  const keep = (d: Buffer) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-150_000);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const handle: Proc = {
    proc,
    pid: proc.pid!,
    output: () => out,
    async stop(signal = "SIGTERM", graceMs = 20_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      try {
        process.kill(-proc.pid!, signal);
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-proc.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }, graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      void handle.stop("SIGKILL");
      reject(new Error(`${script} did not become ready in ${timeoutMs} ms:\n${out.slice(-5000)}`));
    }, timeoutMs);
    const check = () => {
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off("data", check);
        resolveStart({ ...handle, match: m });
      }
    };
    proc.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${out.slice(-5000)}`));
    });
  });
}

export interface ServerProc extends Proc {
  url: string;
  port: number;
  workerId: string | null;
}

export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProc> {
  const p = await spawnUntilReady(
    "src/server/main.ts",
    { DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", PIPEWATCH_NO_UI: "1", SCAN_INTERVAL_MINUTES: "0", DISK_USAGE_INTERVAL_MINUTES: "0", ALLOW_ANONYMOUS_WRITES: "true", HEARTBEAT_INTERVAL_MS: "1000", WORKER_POLL_INTERVAL_MS: "200", FEED_INTERVAL_MS: "200", ...env },
    /listening on http:\/\/localhost:(\d+) \(worker: ([^)]+)\)/,
  );
  const port = Number(p.match[1]);
  return { ...p, port, url: `http://127.0.0.1:${port}`, workerId: p.match[2] === "off" ? null : p.match[2]! };
}

export async function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<Proc & { workerId: string }> {
  const p = await spawnUntilReady(
    "worker/main.ts",
    { DATABASE_URL: databaseUrl, HEARTBEAT_INTERVAL_MS: "1000", WORKER_POLL_INTERVAL_MS: "200", SCAN_INTERVAL_MINUTES: "0", DISK_USAGE_INTERVAL_MINUTES: "0", ...env },
    /pipewatch worker (\S+) running/,
  );
  return { ...p, workerId: p.match[1]! };
}
