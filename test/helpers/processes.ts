// Real processes for integration tests: the server (`src/server/main.ts`) and workers
// (`worker/main.ts`), each in its own process group so stopping one stops all its children.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Proc {
  proc: ChildProcess;
  output: () => string;
  /** Sends a signal to the whole group and waits for exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function start(script: string, env: Record<string, string>, ready: RegExp, timeoutMs = 60_000): Promise<Proc & { match: RegExpMatchArray }> {
  const proc = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const handle: Proc = {
    proc,
    output: () => out,
    async stop(signal = "SIGTERM") {
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
      }, 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      void handle.stop("SIGKILL");
      reject(new Error(`${script} did not become ready in ${timeoutMs} ms:\n${out}`));
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
      reject(new Error(`${script} exited with ${code} before it was ready:\n${out}`));
    });
  });
}

export interface ServerProc extends Proc {
  url: string;
  port: number;
  workerId: string | null;
}

export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProc> {
  const p = await start(
    "src/server/main.ts",
    { DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", PIPEWATCH_NO_UI: "1", SCAN_INTERVAL_MINUTES: "0", DISK_USAGE_INTERVAL_MINUTES: "0", ALLOW_ANONYMOUS_WRITES: "true", HEARTBEAT_INTERVAL_MS: "1000", WORKER_POLL_INTERVAL_MS: "200", FEED_INTERVAL_MS: "200", ...env },
    /listening on http:\/\/localhost:(\d+) \(worker: ([^)]+)\)/,
  );
  const port = Number(p.match[1]);
  return { ...p, port, url: `http://127.0.0.1:${port}`, workerId: p.match[2] === "off" ? null : p.match[2]! };
}

export async function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<Proc & { workerId: string }> {
  const p = await start(
    "worker/main.ts",
    { DATABASE_URL: databaseUrl, HEARTBEAT_INTERVAL_MS: "1000", WORKER_POLL_INTERVAL_MS: "200", SCAN_INTERVAL_MINUTES: "0", DISK_USAGE_INTERVAL_MINUTES: "0", ...env },
    /pipewatch worker (\S+) running/,
  );
  return { ...p, workerId: p.match[1]! };
}
