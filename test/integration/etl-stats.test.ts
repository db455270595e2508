// GET /api/etl/stats and Query.etlStats against a real server and database: a few thousand assets
// are written with plain SQL (inserts, state updates, missing flags, metadata edits, deletes — the
// rollup triggers see every kind of change), and every number is checked against the same dataset
// counted in plain JS here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { gql } from "../helpers/graphql.ts";

type State = "pending" | "processing" | "done" | "failed";
interface Row {
  path: string;
  pipeline: string;
  size: number;
  meta: Record<string, string | number | null>;
  phase1: State;
  phase2: State | null;
  done1Ago: number | null;
  done2Ago: number | null;
  missing: boolean;
  deleted: boolean;
}

const FIELDS = ["region", "flood_type", "defense", "year", "ssp"] as const;
const HOUR = 3_600_000;

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dataset(): Row[] {
  const r = rng(42);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const state = (weights: [State, number][]): State => {
    let x = r();
    for (const [s, w] of weights) if ((x -= w) < 0) return s;
    return weights.at(-1)![0];
  };
  // Completions either well inside the last hour or well outside it: no boundary flakiness.
  const ago = () => (r() < 0.3 ? (5 + r() * 45) * 60_000 : (2 + r() * 46) * HOUR);
  const rows: Row[] = [];
  for (let i = 0; i < 3000; i++) {
    const year = pick([2020, 2030, 2050, 2080]);
    const phase1 = state([["done", 0.5], ["processing", 0.05], ["failed", 0.05], ["pending", 0.4]]);
    const phase2 = phase1 === "done" ? state([["done", 0.4], ["processing", 0.05], ["failed", 0.05], ["pending", 0.5]]) : "pending";
    rows.push({
      path: `bench-etl/${i}.tif`,
      pipeline: "fathom",
      size: 1000 + Math.floor(r() * 5_000_000),
      meta: {
        region: pick(["CI", "GH", "NG", "KE"]),
        flood_type: pick(["fluvial", "pluvial", "coastal"]),
        defense: r() < 0.05 ? null : pick(["defended", "undefended"]),
        year,
        ssp: year === 2020 ? null : pick(["SSP2_4.5", "SSP5_8.5"]),
        tile: `n0${i % 8}w00${i % 5}`,
      },
      phase1,
      phase2,
      done1Ago: phase1 === "done" ? ago() : null,
      done2Ago: phase2 === "done" ? ago() : null,
      missing: false,
      deleted: false,
    });
  }
  for (let i = 0; i < 60; i++) {
    rows.push({ path: `rasters/${i}.tif`, pipeline: "raster_v2", size: 5000, meta: {}, phase1: i % 2 ? "done" : "pending", phase2: null, done1Ago: i % 2 ? 60_000 : null, done2Ago: null, missing: false, deleted: false });
  }
  return rows;
}

let t: TestDb;
let server: ServerProc;
let rows: Row[];

async function seed() {
  rows = dataset();
  const sql = (q: string, ...params: unknown[]) => t.db.$executeRawUnsafe(q, ...params);
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await sql(
      `INSERT INTO assets ("pipelineKey", kind, path, "sizeBytes", "sourceMetadata", "updatedAt")
       SELECT p, 'source', path, size, meta, now() FROM unnest($1::text[], $2::text[], $3::bigint[], $4::jsonb[]) AS t(p, path, size, meta)`,
      chunk.map((r) => r.pipeline), chunk.map((r) => r.path), chunk.map((r) => r.size), chunk.map((r) => JSON.stringify(r.meta)),
    );
  }
  await sql(`INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "updatedAt")
    SELECT id, "pipelineKey", 'phase1', 'pending', now() FROM assets`);
  await sql(`INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "updatedAt")
    SELECT id, "pipelineKey", 'phase2', 'pending', now() FROM assets WHERE "pipelineKey" = 'fathom'`);
  for (const [phase, state, ago] of [["phase1", (r: Row) => r.phase1, (r: Row) => r.done1Ago], ["phase2", (r: Row) => r.phase2, (r: Row) => r.done2Ago]] as const) {
    const changed = rows.filter((r) => state(r) && state(r) !== "pending");
    await sql(
      `UPDATE asset_phases ap SET state = c.state::"PhaseState",
         "completedAt" = CASE WHEN c.ago IS NULL THEN NULL ELSE now() - c.ago * interval '1 millisecond' END
       FROM unnest($1::text[], $2::text[], $3::float8[]) AS c(path, state, ago), assets a
       WHERE a.path = c.path AND ap."assetId" = a.id AND ap."phaseKey" = $4`,
      changed.map((r) => r.path), changed.map((r) => state(r)), changed.map((r) => ago(r)), phase,
    );
  }
  // Later changes of every kind: files going missing (and one coming back), regrouped metadata, deletes.
  const fathom = rows.filter((r) => r.pipeline === "fathom");
  const missing = fathom.filter((_, i) => i % 37 === 0);
  await sql(`UPDATE assets SET "missingSince" = now() WHERE path = ANY($1::text[])`, missing.map((r) => r.path));
  for (const r of missing) r.missing = true;
  await sql(`UPDATE assets SET "missingSince" = NULL WHERE path = $1`, missing[1].path);
  missing[1].missing = false;
  const moved = fathom.filter((_, i) => i % 53 === 1);
  await sql(`UPDATE assets SET "sourceMetadata" = "sourceMetadata" || '{"region": "GH"}' WHERE path = ANY($1::text[])`, moved.map((r) => r.path));
  for (const r of moved) r.meta.region = "GH";
  const deleted = fathom.filter((_, i) => i % 71 === 2);
  await sql(`DELETE FROM assets WHERE path = ANY($1::text[])`, deleted.map((r) => r.path));
  for (const r of deleted) r.deleted = true;
}

/** Seed 003 §2 numbers for `filter`, counted over the rows in plain JS. */
function expected(filter: Record<string, string[]>) {
  const value = (r: Row, f: string) => String(r.meta[f] ?? "none");
  const matches = (r: Row) => Object.entries(filter).every(([f, vs]) => vs.some((v) => v.toLowerCase() === value(r, f).toLowerCase()));
  const live = rows.filter((r) => r.pipeline === "fathom" && !r.missing && !r.deleted && matches(r));
  const n = (pred: (r: Row) => boolean) => live.filter(pred).length;
  const total = live.length;
  const pct = (x: number) => Math.round((1000 * x) / total) / 10;
  const done1 = n((r) => r.phase1 === "done");
  const done2 = n((r) => r.phase2 === "done");
  const by_grouping: Record<string, Record<string, Record<string, number>>> = {};
  for (const f of FIELDS) {
    by_grouping[f] = {};
    for (const v of [...new Set(live.map((r) => value(r, f)))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }))) {
      const g = live.filter((r) => value(r, f) === v);
      by_grouping[f][v] = {
        total: g.length,
        phase1_done: g.filter((r) => r.phase1 === "done").length,
        phase1_failed: g.filter((r) => r.phase1 === "failed").length,
        phase2_done: g.filter((r) => r.phase2 === "done").length,
        phase2_failed: g.filter((r) => r.phase2 === "failed").length,
      };
    }
  }
  // Throughput counts files that went missing since, too.
  const done = rows.filter((r) => r.pipeline === "fathom" && !r.deleted && matches(r));
  const lastHour1 = done.filter((r) => r.done1Ago !== null && r.done1Ago < HOUR).length;
  const lastHour2 = done.filter((r) => r.done2Ago !== null && r.done2Ago < HOUR).length;
  // Hours until the slowest phase is through; unknown when a phase with work left has no rate.
  const hours = [[total - done1, lastHour1], [total - done2, lastHour2]].filter(([left]) => left > 0).map(([left, rate]) => left / rate);
  const eta = hours.some((h) => !Number.isFinite(h)) ? null : Math.round(Math.max(0, ...hours) * 10) / 10;
  return {
    total,
    bytes: live.reduce((s, r) => s + r.size, 0),
    phases: {
      phase1: { name: "Band Stack", pending: n((r) => r.phase1 === "pending"), processing: n((r) => r.phase1 === "processing"), completed: done1, failed: n((r) => r.phase1 === "failed"), percent_complete: pct(done1) },
      phase2: { name: "Spatial Merge", eligible: n((r) => r.phase1 === "done" && r.phase2 !== "done"), processing: n((r) => r.phase2 === "processing"), completed: done2, failed: n((r) => r.phase2 === "failed"), percent_complete: pct(done2) },
    },
    by_grouping,
    processing_rate: { phase1_per_hour: lastHour1, phase2_per_hour: lastHour2, eta_hours: eta },
  };
}

async function rest(query: string) {
  const res = await fetch(`${server.url}/api/etl/stats?${query}`);
  return { status: res.status, body: (await res.json()) as any };
}

let parentId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startServer(t.url);
  await seed();
  // A Phase 1 job with ten tasks in every state. Rows only, never queued: the worker leaves them be.
  const [parent] = await t.db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO jobs (id, type, "pipelineKey", args, status, "maxAttempts") VALUES (gen_random_uuid(), 'process_fathom_stack', 'fathom', '{"region": "GH"}', 'Success', 3) RETURNING id::text`,
  );
  parentId = parent.id;
  await t.db.$executeRawUnsafe(
    `INSERT INTO jobs (id, type, "pipelineKey", args, status, "maxAttempts", "parentId", stage, "stageName")
     SELECT gen_random_uuid(), 'fathom_stack_task', 'fathom', '{}', s::"JobStatus", 3, $1::uuid, 2, 'Band Stack'
     FROM unnest(ARRAY['Success','Success','Success','Running','Running','Pending','Pending','Pending','Pending','Failed']) AS s`,
    parentId,
  );
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

describe("GET /api/etl/stats", () => {
  it("returns seed 003 §2 exactly: summary, phases, every grouping, rate", async () => {
    const { status, body } = await rest("etl_type=fathom");
    expect(status).toBe(200);
    const e = expected({});
    expect(Object.keys(body)).toEqual(["etl_type", "pipeline", "summary", "phases", "by_grouping", "active_jobs", "processing_rate", "timestamp"]);
    expect(body.etl_type).toBe("fathom");
    expect(body.pipeline).toEqual({ name: "FATHOM Flood Data", description: "Global flood hazard data processing" });
    expect(body.summary.total_files).toBe(e.total);
    expect(body.summary.total_size_bytes).toBe(e.bytes);
    expect(body.summary.total_size_formatted).toMatch(/^\d+(\.\d)? (KB|MB|GB)$/);
    expect(body.phases).toEqual(e.phases);
    expect(body.by_grouping).toEqual(e.by_grouping);
    expect(body.processing_rate).toEqual(e.processing_rate);
    expect(Date.now() - Date.parse(body.timestamp)).toBeLessThan(60_000);
  });

  it.each([
    ["region=CI", { region: ["CI"] }],
    ["region=ci", { region: ["ci"] }],
    ["region=CI&flood_type=fluvial", { region: ["CI"], flood_type: ["fluvial"] }],
    ["region=CI,GH&year=2050", { region: ["CI", "GH"], year: ["2050"] }],
    ["region=NG&region=KE", { region: ["NG", "KE"] }],
    ["ssp=none&defense=UNDEFENDED", { ssp: ["none"], defense: ["undefended"] }],
    ["defense=none", { defense: ["none"] }],
  ])("filters by registry groupings: %s", async (query, filter) => {
    const { status, body } = await rest(`etl_type=fathom&${query}`);
    expect(status).toBe(200);
    const e = expected(filter);
    expect(e.total).toBeGreaterThan(0);
    expect(body.summary.total_files).toBe(e.total);
    expect(body.summary.total_size_bytes).toBe(e.bytes);
    expect(body.phases).toEqual(e.phases);
    expect(body.by_grouping).toEqual(e.by_grouping);
    expect(body.processing_rate).toEqual(e.processing_rate);
  });

  it("lists active jobs with their stage and task counts; the parent's progress is its tasks'", async () => {
    const { body } = await rest("etl_type=fathom");
    expect(body.active_jobs).toEqual([
      { job_id: parentId, job_type: "process_fathom_stack", status: "processing", stage: 2, task_counts: { completed: 3, processing: 2, pending: 4, failed: 1 } },
    ]);
    expect((await rest("etl_type=fathom&region=GH")).body.active_jobs).toHaveLength(1);
    expect((await rest("etl_type=fathom&region=CI")).body.active_jobs).toEqual([]);
    const parent = await t.db.job.findUniqueOrThrow({ where: { id: parentId } });
    expect([parent.progressDone, parent.progressTotal]).toEqual([4, 10]);
    // A task's own progress report overwrites both counters (ScanSource reports i/N after spawning):
    // the parent is still active while its tasks are, whatever its counters say.
    await t.db.job.update({ where: { id: parentId }, data: { progressDone: 1, progressTotal: 1 } });
    try {
      expect((await rest("etl_type=fathom")).body.active_jobs.map((j: { job_id: string }) => j.job_id)).toEqual([parentId]);
    } finally {
      await t.db.job.update({ where: { id: parentId }, data: { progressDone: 4, progressTotal: 10 } });
    }
  });

  it("keeps pipelines apart", async () => {
    const { status, body } = await rest("etl_type=raster_v2");
    expect(status).toBe(200);
    expect(body.summary.total_files).toBe(60);
    expect(body.phases).toEqual({ phase1: { name: "COG Convert", pending: 30, processing: 0, completed: 30, failed: 0, percent_complete: 50 } });
    expect(body.by_grouping).toEqual({});
    expect(body.processing_rate).toEqual({ phase1_per_hour: 30, eta_hours: 1 });
  });

  it("answers 400 with the valid choices for unknown types and groupings", async () => {
    let r = await rest("etl_type=nope");
    expect(r.status).toBe(400);
    expect(r.body.error).toContain("fathom, raster_v2");
    r = await rest("region=CI");
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/etl_type is required; valid: .*fathom/);
    r = await rest("etl_type=fathom&colour=blue");
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('unknown grouping "colour" for fathom; valid groupings: region, flood_type, defense, year, ssp');
    r = await rest("etl_type=raster_v2&region=CI");
    expect(r.status).toBe(400);
    expect(r.body.error).toContain("valid groupings: (none)");
    r = await rest("etl_type=fathom&region=");
    expect(r.status).toBe(400);
  });
});

describe("Query.etlStats", () => {
  const QUERY = `query($p: String!, $f: [GroupingFilter!], $g: [String!]) {
    etlStats(pipeline: $p, filter: $f, groupBy: $g) {
      pipeline { key name }
      summary { totalFiles totalSizeBytes }
      phases { key name pending eligible processing completed failed percentComplete }
      byGrouping { field label rows { keys total phases { phase done failed } } }
      slices { keys total phases { phase done failed } }
      activeJobs { jobId status stage taskCounts { completed processing pending failed } job { type progress { done total } } }
      processingRate { perHour { phase perHour } etaHours }
    }
  }`;

  it("gives the REST numbers with filters, plus flood_type × year slices", async () => {
    const res = await gql(server.url, QUERY, { p: "fathom", f: [{ field: "region", values: ["CI"] }], g: ["flood_type", "year"] });
    expect(res.errors).toBeUndefined();
    const s = res.data.etlStats;
    const e = expected({ region: ["CI"] });
    expect(s.pipeline).toEqual({ key: "fathom", name: "FATHOM Flood Data" });
    expect(s.summary).toEqual({ totalFiles: e.total, totalSizeBytes: e.bytes });
    const phase = (key: string, p: { name: string; pending?: number; eligible?: number; processing: number; completed: number; failed: number; percent_complete: number }) => ({
      key, name: p.name, pending: p.pending ?? null, eligible: p.eligible ?? null,
      processing: p.processing, completed: p.completed, failed: p.failed, percentComplete: p.percent_complete,
    });
    expect(s.phases).toEqual([phase("phase1", e.phases.phase1), phase("phase2", e.phases.phase2)]);
    const region = s.byGrouping.find((g: any) => g.field === "region");
    expect(region.rows).toEqual([{ keys: ["CI"], total: e.total, phases: [
      { phase: "phase1", done: e.phases.phase1.completed, failed: e.phases.phase1.failed },
      { phase: "phase2", done: e.phases.phase2.completed, failed: e.phases.phase2.failed },
    ] }]);

    const ci = rows.filter((r) => r.pipeline === "fathom" && !r.missing && !r.deleted && r.meta.region === "CI");
    const combos = [...new Set(ci.map((r) => `${r.meta.flood_type}|${r.meta.year}`))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    expect(s.slices).toEqual(
      combos.map((c) => {
        const g = ci.filter((r) => `${r.meta.flood_type}|${r.meta.year}` === c);
        return {
          keys: c.split("|"),
          total: g.length,
          phases: [
            { phase: "phase1", done: g.filter((r) => r.phase1 === "done").length, failed: g.filter((r) => r.phase1 === "failed").length },
            { phase: "phase2", done: g.filter((r) => r.phase2 === "done").length, failed: g.filter((r) => r.phase2 === "failed").length },
          ],
        };
      }),
    );
    expect(s.processingRate).toEqual({
      perHour: [{ phase: "phase1", perHour: e.processing_rate.phase1_per_hour }, { phase: "phase2", perHour: e.processing_rate.phase2_per_hour }],
      etaHours: e.processing_rate.eta_hours,
    });
    expect(s.activeJobs).toEqual([]);
  });

  it("links active jobs to their Job", async () => {
    const res = await gql(server.url, QUERY, { p: "fathom" });
    expect(res.errors).toBeUndefined();
    expect(res.data.etlStats.slices).toEqual([]);
    expect(res.data.etlStats.activeJobs).toEqual([
      { jobId: parentId, status: "processing", stage: 2, taskCounts: { completed: 3, processing: 2, pending: 4, failed: 1 }, job: { type: "process_fathom_stack", progress: { done: 4, total: 10 } } },
    ]);
  });

  it("refuses unknown pipelines and groupings with BAD_USER_INPUT listing the valid ones", async () => {
    let res = await gql(server.url, QUERY, { p: "nope" });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toContain("fathom, raster_v2");
    res = await gql(server.url, QUERY, { p: "fathom", g: ["colour"] });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toContain("valid groupings: region, flood_type, defense, year, ssp");
    res = await gql(server.url, QUERY, { p: "fathom", f: [{ field: "tile", values: ["x"] }] });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
