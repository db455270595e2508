// Preloaded into a worker process by the queue bench's profiling run (`--import ./bench/pg-trace.ts`):
// counts every statement sent through node-postgres (Prisma's adapter-pg and graphile-worker both
// use it), grouped by its first characters, and writes the counts to $BENCH_PG_TRACE_FILE on exit.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const pg = require("pg") as typeof import("pg");
const counts = new Map<string, number>();
const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const original = proto.query;
proto.query = function (this: unknown, ...args: unknown[]) {
  const q = args[0] as string | { text?: string } | undefined;
  const text = typeof q === "string" ? q : (q?.text ?? "(other)");
  const key = text.replace(/\s+/g, " ").trim().slice(0, 70);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return original.apply(this, args);
};
process.on("exit", () => {
  const file = process.env.BENCH_PG_TRACE_FILE;
  if (file) writeFileSync(file, JSON.stringify(Object.fromEntries(counts)));
});
