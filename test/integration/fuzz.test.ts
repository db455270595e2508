// Randomised bad input: at least 1,000 generated inputs per REST route and per mutation. The server
// must never answer 5xx or die, and rejected calls must leave the database as it was.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";

const N = 1000;
let t: TestDb;
let server: ServerProc;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startServer(t.url, { WORKER_IN_PROCESS: "false", MUTATION_RATE_PER_MINUTE: "100000" });
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

// Seeded, so a failure can be replayed.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ["", " ", "../../etc/passwd", "/etc/passwd", "..", "%2e%2e%2f", "\u0000", "'; DROP TABLE jobs;--", "<script>", "🚀", "a".repeat(5000),
  "00000000-0000-4000-8000-000000000000", "NaN", "-1", "1e309", "null", "true", "hrrr", "gfs", "20230125_12", "GH", "fathom", "Diagnostic", "ScanSource"];

function value(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 2 ? 6 : 9));
  switch (k) {
    case 0: return NASTY[Math.floor(r() * NASTY.length)];
    case 1: return Math.floor((r() - 0.5) * 10 ** Math.floor(r() * 12));
    case 2: return r() * 1e6 - 5e5;
    case 3: return r() < 0.5;
    case 4: return null;
    case 5: return String.fromCharCode(...Array.from({ length: Math.floor(r() * 20) }, () => Math.floor(r() * 0xffff))).toWellFormed();
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default: {
      const keys = ["model", "run", "hour", "variable", "sleepMs", "fail", "steps", "keepRuns", "container", "prefix", "region", "limit", "source", "output", "res", "__proto__", "constructor"];
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 5) }, () => [keys[Math.floor(r() * keys.length)]!, value(r, depth + 1)]));
    }
  }
}

function query(r: () => number): string {
  const keys = ["etl_type", "type", "job_id", "region", "flood_type", "model", "limit", "x", "__proto__"];
  const parts = Array.from({ length: Math.floor(r() * 4) }, () => {
    const v = value(r);
    return `${encodeURIComponent(keys[Math.floor(r() * keys.length)]!)}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`;
  });
  return parts.length ? `?${parts.join("&")}` : "";
}

async function counts() {
  const q = await t.db.$queryRaw<{ jobs: bigint; queued: bigint; assets: bigint; runs: bigint }[]>`
    SELECT (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM graphile_worker._private_jobs) AS queued,
           (SELECT count(*) FROM assets) AS assets, (SELECT count(*) FROM runs) AS runs`;
  return Object.fromEntries(Object.entries(q[0]!).map(([k, v]) => [k, Number(v)]));
}

it(`REST routes survive ${N} random query strings each`, async () => {
  const r = rng(1);
  const before = await counts();
  const routes = ["/api/health", "/api/status/deep", "/api/etl/stats", "/api/interface/pipeline", "/api/interface/tasks", "/api/nope"];
  const statuses = new Map<number, number>();
  for (const route of routes) {
    for (let i = 0; i < N; i++) {
      const res = await fetch(`${server.url}${route}${query(r)}`, { redirect: "manual" });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${route}`).toBeLessThan(500);
    }
  }
  expect(await counts()).toEqual(before);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
}, 300_000);

it(`mutations survive ${N} random inputs each; only accepted calls write`, async () => {
  const r = rng(2);
  const before = await counts();
  let accepted = 0;
  const types = ["Diagnostic", "ScanSource", "IngestGrib", "BuildTile", "PruneCache", "inventory_fathom_container", "process_fathom_stack", "process_raster_v2", "Nope", ""];
  const ops = [
    (v: unknown) => ({ query: `mutation($t: String!, $a: JSON, $m: Int) { submitJob(input: { type: $t, args: $a, maxAttempts: $m }) { id } }`, variables: { t: r() < 0.8 ? types[Math.floor(r() * types.length)] : value(r), a: value(r), m: r() < 0.3 ? value(r) : null } }),
    (v: unknown) => ({ query: `mutation($id: ID!) { retryJob(id: $id) { id } }`, variables: { id: v } }),
    (v: unknown) => ({ query: `mutation($id: ID!) { cancelJob(id: $id) { id } }`, variables: { id: v } }),
    (v: unknown) => ({ query: `mutation($t: [String!]) { retryFailedJobs(type: $t) }`, variables: { t: v } }),
  ];
  for (const [k, op] of ops.entries()) {
    for (let i = 0; i < N; i++) {
      const body = op(value(r));
      const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
      const json = (await res.json()) as { data?: { submitJob?: { id: string } }; errors?: { extensions?: { code?: string } }[] };
      for (const e of json.errors ?? []) expect(e.extensions?.code, JSON.stringify(body).slice(0, 300)).not.toBe("INTERNAL_SERVER_ERROR");
      if (k === 0 && json.data?.submitJob?.id) accepted++;
    }
  }
  // Garbage bodies, too.
  for (let i = 0; i < N; i++) {
    const v = value(r);
    const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": r() < 0.5 ? "application/json" : "text/plain" }, body: typeof v === "string" ? v : JSON.stringify(v) });
    expect(res.status).toBeLessThan(500);
  }
  const after = await counts();
  // The only writes are the accepted submissions (a Job row + a queue entry each).
  expect(after).toEqual({ ...before, jobs: before.jobs! + accepted, queued: before.queued! + accepted });
  expect(accepted).toBeGreaterThan(0);
}, 300_000);
