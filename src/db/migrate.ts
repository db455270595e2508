// Applies prisma/migrations/* in order and records them in `_prisma_migrations` exactly as
// `prisma migrate deploy` would (checksum = sha256 of migration.sql), so the native CLI stays
// compatible where it exists. The native schema engine cannot be downloaded here (FACTS.md).
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { runMigrations } from "graphile-worker";
import { logger } from "../logger.ts";

const log = logger("migrate");
export const MIGRATIONS_DIR = resolve(import.meta.dirname, "../../prisma/migrations");

// Serialises concurrent starts (several instances booting against one database).
const LOCK_KEY = 7_245_118_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Applies pending app migrations, then graphile-worker's own. Returns the names it applied. */
export async function migrate(connectionString: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(BOOKKEEPING);
    const done = new Map<string, string>(
      (
        await client.query<{ migration_name: string; checksum: string }>(
          `SELECT migration_name, checksum FROM "_prisma_migrations"
           WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      ).rows.map((r) => [r.migration_name, r.checksum]),
    );
    for (const m of listMigrations(dir)) {
      const prev = done.get(m.name);
      if (prev !== undefined) {
        if (prev !== m.checksum) {
          throw new Error(`migration ${m.name} was modified after it was applied (checksum mismatch); add a new migration instead`);
        }
        continue;
      }
      log.info("applying", { migration: m.name });
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  await runMigrations({ connectionString, logger: quietGraphileLogger });
  return applied;
}

import { Logger as GraphileLogger } from "graphile-worker";
/** graphile-worker logs every migration step at info; keep it to warnings and errors. */
export const quietGraphileLogger = new GraphileLogger((scope) => (level, message, meta) => {
  if (level === "error") log.error(message, { scope, ...(meta ?? {}) });
  else if (level === "warning") log.warn(message, { scope });
});
