// A fresh database per test file, cloned from the run's migrated template.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrisma, type Db } from "../../src/db/prisma.ts";

export function databaseUrl(name: string) {
  const u = new URL(inject("pgAdminUrl"));
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface TestDb {
  url: string;
  name: string;
  db: Db;
  drop(): Promise<void>;
}

/** Clones the migrated template (fast), or creates an empty database with `{ empty: true }`. */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDb> {
  const name = `${inject("pgPrefix")}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}${opts.empty ? "" : ` TEMPLATE ${inject("pgTemplate")}`}`);
  const url = databaseUrl(name);
  const db = createPrisma(url, 5);
  return {
    url,
    name,
    db,
    async drop() {
      await db.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
