// ETL stats at scale: GET /api/etl/stats's domain call (src/domain/stats/etl.ts) over 10k, 100k and
// 1M FATHOM assets (2 phase rows each), seeded with generate_series into a throwaway database.
// Also measured: the plain-aggregate query the summary rows replace, the rebuild of those rows,
// and what their triggers add to a task's 8-row state change.
//
//   LOG_LEVEL=warn npx tsx bench/etl-stats.ts [--quick] [--sizes=10000,100000]
//   → bench/results/etl-stats.json (--quick: 10k and 100k only → etl-stats.quick.json)
//
// Uses BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres) to create and drop
// its database. Exports name/run/markdown like the other benches, so bench/run.ts can list it.
import { pathToFileURL } from "node:url";
import pg from "pg";
import { createPrisma } from "../src/db/prisma.ts";
import { syncRegistry } from "../src/domain/registry-sync.ts";
import { etlStats } from "../src/domain/stats/etl.ts";
import {
  createDatabase,
  finishMachineInfo,
  fmt,
  hookSignals,
  log,
  machineInfo,
  machineLine,
  runCleanups,
  summarize,
  table,
  writeResult,
  type BenchResult,
  type Summary,
} from "./lib.ts";

export const name = "etl-stats";

const ITERATIONS = 30;
const WARMUP = 3;

interface Scenario {
  label: string;
  filters?: Record<string, string[]>;
  groupBy?: string[];
}

const SCENARIOS: Scenario[] = [
  { label: "all" },
  { label: "region=GH", filters: { region: ["GH"] } },
  { label: "region=GH&flood_type=fluvial", filters: { region: ["GH"], flood_type: ["fluvial"] } },
  { label: "groupBy flood_type×year", groupBy: ["flood_type", "year"] },
];

/**
 * N source assets laid out like FATHOM: 8 return periods per stack, 256 tiles per scenario,
 * scenarios cycling through 20 regions × 3 flood types × 2 defences × 4 years (SSPs after 2020).
 * Phase states are per stack (~60% stacked, ~30% merged, a few processing/failed); completions are
 * spread over the last 7 days. Written with triggers off (replica role), then the summary rows are
 * rebuilt once, as after a restore.
 */
const SEED = `
  INSERT INTO assets ("pipelineKey", kind, path, "sizeBytes", "sourceMetadata", "updatedAt")
  SELECT 'fathom', 'source', 'bench/' || g || '.tif', 1000000 + (g % 977) * 1000,
    jsonb_build_object(
      'region', (ARRAY['CI','GH','NG','KE','TZ','UG','SN','ML','BF','NE','CM','ET','MZ','ZM','MW','AO','CD','SD','TD','MG'])[1 + s % 20],
      'flood_type', (ARRAY['fluvial','pluvial','coastal'])[1 + s / 20 % 3],
      'defense', (ARRAY['defended','undefended'])[1 + s / 60 % 2],
      'year', (ARRAY[2020, 2030, 2050, 2080])[1 + s / 120 % 4],
      'ssp', CASE WHEN s / 120 % 4 = 0 THEN NULL ELSE (ARRAY['SSP1_2.6','SSP2_4.5','SSP5_8.5'])[1 + s / 480 % 3] END,
      'return_period', (ARRAY[5, 10, 20, 50, 100, 200, 500, 1000])[1 + g % 8],
      'tile', tile, 'lat', t / 16, 'lon', -(t % 16), 'grid_cell', 'n00w016_4x4',
      'scenario', 'GLOBAL-1ARCSEC-NW_OFFSET-FLUVIAL-DEFENDED-DEPTH-2020-PERCENTILE50-v3.0-' || s,
      'stack_key', 'XX/' || s || '/' || tile, 'version', 'v3.0', 'metric', 'depth', 'mtime', '2026-01-01T00:00:00.000Z'),
    now()
  FROM generate_series(0, $1::int - 1) g,
    LATERAL (SELECT g / 8 % 256 AS t, g / 8 / 256 AS s) k,
    LATERAL (SELECT 'n' || lpad((t / 16)::text, 2, '0') || 'w' || lpad((t % 16)::text, 3, '0') AS tile) n;
  INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "completedAt", "updatedAt")
  SELECT id, 'fathom', 'phase1', st, CASE WHEN st = 'done' THEN now() - (id * 7919 % 604800) * interval '1 second' END, now()
  FROM assets, LATERAL (SELECT (CASE WHEN id / 8 % 100 < 60 THEN 'done' WHEN id / 8 % 100 < 63 THEN 'processing'
    WHEN id / 8 % 100 < 65 THEN 'failed' ELSE 'pending' END)::"PhaseState" AS st) x;
  INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "completedAt", "updatedAt")
  SELECT id, 'fathom', 'phase2', st, CASE WHEN st = 'done' THEN now() - (id * 104729 % 604800) * interval '1 second' END, now()
  FROM assets, LATERAL (SELECT (CASE WHEN id / 8 % 100 < 30 THEN 'done' WHEN id / 8 % 100 < 32 THEN 'processing'
    WHEN id / 8 % 100 < 33 THEN 'failed' ELSE 'pending' END)::"PhaseState" AS st) x;
  INSERT INTO jobs (id, type, "pipelineKey", args, status, "maxAttempts")
    VALUES ('00000000-0000-4000-8000-000000000001', 'process_fathom_stack', 'fathom', '{"region": "GH"}', 'Success', 3);
  INSERT INTO jobs (id, type, "pipelineKey", args, status, "maxAttempts", "parentId", stage, "stageName")
  SELECT gen_random_uuid(), 'fathom_stack_task', 'fathom', '{}', (ARRAY['Pending','Running','Success'])[1 + i % 3]::"JobStatus", 3,
    '00000000-0000-4000-8000-000000000001', 2, 'Band Stack'
  FROM generate_series(1, 500) i;`;

/** What stats would cost without summary rows: totals and every grouping in one pass over the join. */
const PLAIN_AGGREGATE = `
  SELECT m->>'region', m->>'flood_type', m->>'defense', m->>'year', m->>'ssp',
    count(*), sum("sizeBytes"),
    count(*) FILTER (WHERE p1.state = 'done'), count(*) FILTER (WHERE p1.state = 'failed'), count(*) FILTER (WHERE p1.state = 'processing'),
    count(*) FILTER (WHERE p2.state = 'done'), count(*) FILTER (WHERE p2.state = 'failed'), count(*) FILTER (WHERE p2.state = 'processing')
  FROM (SELECT id, "sizeBytes", "sourceMetadata" AS m FROM assets WHERE "pipelineKey" = 'fathom' AND "missingSince" IS NULL) a
  LEFT JOIN asset_phases p1 ON p1."assetId" = a.id AND p1."phaseKey" = 'phase1'
  LEFT JOIN asset_phases p2 ON p2."assetId" = a.id AND p2."phaseKey" = 'phase2'
  GROUP BY GROUPING SETS ((), (1), (2), (3), (4), (5))`;

export interface SizeResult {
  assets: number;
  seedMs: number;
  rebuildMs: number;
  stats: Record<string, Summary>;
  plainAggregateMs: Summary;
  /** One task's claim/release: UPDATE of 8 asset_phases rows, with and without the rollup triggers. */
  taskUpdateMs: { withTriggers: Summary; withoutTriggers: Summary };
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function measureSize(url: string, n: number): Promise<SizeResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const db = createPrisma(url, 4);
  try {
    log(`seeding ${n.toLocaleString("en-US")} assets`);
    const seedMs = await timed(async () => {
      await c.query("SET session_replication_role = replica");
      await c.query("TRUNCATE assets, jobs CASCADE");
      await c.query(SEED.replace("$1::int", String(n)));
      await c.query("SET session_replication_role = DEFAULT");
      await c.query("VACUUM ANALYZE assets");
      await c.query("VACUUM ANALYZE asset_phases");
    });
    const rebuildMs = await timed(() => c.query("SELECT etl_rollup.rebuild('fathom')"));

    const stats: Record<string, Summary> = {};
    for (const s of SCENARIOS) {
      const call = () => etlStats(db, { pipeline: "fathom", filters: s.filters, groupBy: s.groupBy });
      for (let i = 0; i < WARMUP; i++) await call();
      const times: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) times.push(await timed(call));
      stats[s.label] = summarize(times);
      log(`${n} ${s.label}: p50 ${stats[s.label].p50} ms, p95 ${stats[s.label].p95} ms`);
    }

    const plain: number[] = [];
    for (let i = 0; i < 3; i++) plain.push(await timed(() => c.query(PLAIN_AGGREGATE)));

    const { rows } = await c.query<{ ids: string[] }>(
      `SELECT array_agg(id::text) AS ids FROM (SELECT id FROM assets ORDER BY id LIMIT 800) x`,
    );
    const update = async (triggers: boolean) => {
      await c.query(`SET session_replication_role = ${triggers ? "DEFAULT" : "replica"}`);
      const times: number[] = [];
      for (let i = 0; i < 100; i++) {
        const ids = rows[0].ids.slice((i % 100) * 8, (i % 100) * 8 + 8);
        times.push(await timed(() => c.query(`UPDATE asset_phases SET state = 'processing' WHERE "assetId" = ANY($1::bigint[]) AND "phaseKey" = 'phase1'`, [ids])));
        await c.query(`UPDATE asset_phases SET state = 'pending' WHERE "assetId" = ANY($1::bigint[]) AND "phaseKey" = 'phase1'`, [ids]);
      }
      await c.query("SET session_replication_role = DEFAULT");
      return summarize(times);
    };
    const taskUpdateMs = { withoutTriggers: await update(false), withTriggers: await update(true) };
    // The trigger-less pass left the summary rows behind the table: bring them back in line.
    await c.query("SELECT etl_rollup.rebuild('fathom')");
    return { assets: n, seedMs: Math.round(seedMs), rebuildMs: Math.round(rebuildMs), stats, plainAggregateMs: summarize(plain), taskUpdateMs };
  } finally {
    await db.$disconnect();
    await c.end();
  }
}

export async function run(opts: { quick: boolean; sizes?: number[] }): Promise<BenchResult<{ sizes: number[]; iterations: number }, SizeResult[]>> {
  const sizes = opts.sizes ?? (opts.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]);
  const machine = await machineInfo();
  const bdb = await createDatabase("etlstats");
  try {
    const db = createPrisma(bdb.url, 2);
    await syncRegistry(db);
    await db.$disconnect();
    const results: SizeResult[] = [];
    for (const n of sizes) results.push(await measureSize(bdb.url, n));
    return {
      name,
      quick: opts.quick,
      machine: finishMachineInfo(machine),
      params: { sizes, iterations: ITERATIONS },
      summary: results,
      notes: [
        "stats = etlStats() of src/domain/stats/etl.ts (what GET /api/etl/stats runs), sequential calls after 3 warm-ups",
        "plainAggregate = the same counts computed by one GROUPING SETS pass over assets ⨝ asset_phases (no summary rows)",
        "taskUpdate = one task's 8-row asset_phases state change, with the rollup triggers on and off",
      ],
    };
  } finally {
    await bdb.drop();
  }
}

export function markdown(r: BenchResult<{ sizes: number[] }, SizeResult[]>): string {
  const rows = r.summary.flatMap((s) =>
    Object.entries(s.stats).map(([label, t]) => [fmt(s.assets), label, fmt(t.p50, 1), fmt(t.p95, 1)]),
  );
  const other = r.summary.map((s) => [
    fmt(s.assets),
    fmt(s.plainAggregateMs.p50),
    fmt(s.rebuildMs),
    `${fmt(s.taskUpdateMs.withTriggers.p50, 2)} / ${fmt(s.taskUpdateMs.withoutTriggers.p50, 2)}`,
  ]);
  return [
    `### ${name}`,
    machineLine(r.machine, r.quick),
    table(["assets", "query", "p50 ms", "p95 ms"], rows),
    table(["assets", "plain aggregate ms (p50)", "summary rebuild ms", "task update ms p50 (triggers on / off)"], other),
  ].join("\n\n");
}

async function main() {
  hookSignals();
  const args = process.argv.slice(2);
  const sizesArg = args.find((a) => a.startsWith("--sizes="));
  const sizes = sizesArg?.slice("--sizes=".length).split(",").map(Number);
  if (sizes?.some((n) => !Number.isInteger(n) || n < 8)) throw new Error("--sizes takes integers ≥ 8, e.g. --sizes=10000,100000");
  try {
    const result = await run({ quick: args.includes("--quick"), sizes });
    log(`wrote ${writeResult(result)}`);
    console.log(markdown(result));
  } finally {
    await runCleanups();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
