// Migrations apply on an empty database, are a no-op the second time, and agree with schema.prisma.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MIGRATIONS_DIR, listMigrations, migrate } from "../../src/db/migrate.ts";
import { diffDatamodels } from "../../src/db/schema-engine.ts";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";

let fromMigrations: TestDb;
let fromSchema: TestDb;

beforeAll(async () => {
  fromMigrations = await createTestDatabase({ empty: true });
  fromSchema = await createTestDatabase({ empty: true });
});
afterAll(async () => {
  await fromMigrations?.drop();
  await fromSchema?.drop();
});

async function catalog(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const cols = await c.query(`
      SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`);
    const idx = await c.query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
        AND tablename <> '_prisma_migrations' ORDER BY 1, 2`);
    const fks = await c.query(`
      SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND contype IN ('f', 'u', 'p') ORDER BY 1`);
    return { cols: cols.rows, idx: idx.rows, fks: fks.rows.filter((r) => !r.conname.startsWith("_prisma")) };
  } finally {
    await c.end();
  }
}

it("applies every migration on an empty database, then is a no-op", async () => {
  const first = await migrate(fromMigrations.url);
  expect(first).toEqual(listMigrations().map((m) => m.name));
  expect(await migrate(fromMigrations.url)).toEqual([]);
  const rows = await fromMigrations.db.$queryRaw<{ migration_name: string; checksum: string }[]>`
    SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
  expect(rows).toEqual(listMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  // graphile-worker's own schema is there too.
  const gw = await fromMigrations.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM information_schema.routines WHERE routine_schema = 'graphile_worker' AND routine_name = 'add_job'`;
  expect(Number(gw[0]!.n)).toBeGreaterThan(0);
});

it("schema.prisma has no changes that a migration lacks", async () => {
  const current = readFileSync(join(MIGRATIONS_DIR, "../schema.prisma"), "utf8");
  const snapshot = readFileSync(join(MIGRATIONS_DIR, "schema.snapshot.prisma"), "utf8");
  const pending = await diffDatamodels({ tag: "datamodel", content: snapshot }, { tag: "datamodel", content: current }, fromSchema.url);
  expect(pending, "run `npm run db:diff -- <name>` to add a migration").toBe("");
});

it("the migrated database has exactly the tables, columns, keys and indexes schema.prisma describes", async () => {
  const current = readFileSync(join(MIGRATIONS_DIR, "../schema.prisma"), "utf8");
  const sql = await diffDatamodels({ tag: "empty" }, { tag: "datamodel", content: current }, fromSchema.url);
  await fromSchema.db.$executeRawUnsafe(`DO $$ BEGIN EXECUTE ${pgQuote(sql)}; END $$`);
  const [a, b] = await Promise.all([catalog(fromMigrations.url), catalog(fromSchema.url)]);
  expect(a.cols).toEqual(b.cols);
  expect(a.fks).toEqual(b.fks);
  // Hand-written migrations may add indexes (expression indexes for groupings); none may be missing.
  for (const i of b.idx) expect(a.idx).toContainEqual(i);
});

function pgQuote(s: string) {
  return `$pw$${s}$pw$`;
}
