// Creates the next append-only migration from the change in prisma/schema.prisma since the last one.
// Usage: npm run db:diff -- <name>   (needs a reachable Postgres: DATABASE_URL or 127.0.0.1:5432;
// the engine connects at start but the diff reads nothing from it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diffDatamodels } from "../src/db/schema-engine.ts";
import { MIGRATIONS_DIR } from "../src/db/migrate.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <snake_case_name>");
  process.exit(2);
}
const SNAPSHOT = join(MIGRATIONS_DIR, "schema.snapshot.prisma");
const current = readFileSync(new URL("../prisma/schema.prisma", import.meta.url), "utf8");
const from = existsSync(SNAPSHOT)
  ? ({ tag: "datamodel", content: readFileSync(SNAPSHOT, "utf8") } as const)
  : ({ tag: "empty" } as const);
const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const sql = await diffDatamodels(from, { tag: "datamodel", content: current }, url);
if (!sql.trim()) {
  console.log("schema.prisma matches the last migration: nothing to do");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
writeFileSync(SNAPSHOT, current);
console.log(`wrote ${dir}/migration.sql`);
process.exit(0);
