// Upstream faults: each one is retried, then the hour's assets end Failed with a reason the inventory
// shows; no partial or temp file is left; PruneCache never deletes outside the cache root.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { gql } from "../helpers/graphql.ts";
import { startFakeNomads, type FakeNomads } from "../helpers/fake-nomads.ts";
import { HRRR_VARS, buildHourFile, hrrrPaths } from "../helpers/weather-fixtures.ts";

const RUN = "20230125_13";
const RUN_TIME = new Date("2023-01-25T13:00:00Z");
const ATTEMPTS = 3;
let t: TestDb;
let server: ServerProc;
let nomads: FakeNomads;
let cache: string;

beforeAll(async () => {
  const files: Record<string, Uint8Array | string> = {};
  for (const h of [0, 1, 2, 3, 4, 5]) {
    const f = buildHourFile(RUN_TIME, h, HRRR_VARS.slice(0, 2));
    const p = hrrrPaths("20230125", 13, h);
    files[p.grib] = f.grib;
    files[p.idx] = f.idx;
  }
  // Hour 5: each message keeps its framing (GRIB, length … 7777) but its sections are garbage.
  const bad = buildHourFile(RUN_TIME, 5, HRRR_VARS.slice(0, 2));
  const starts = bad.idx.trim().split("\n").map((l) => Number(l.split(":")[1]));
  const ends = [...starts.slice(1), bad.grib.length];
  for (const [k, start] of starts.entries()) {
    for (let i = start + 16; i < ends[k]! - 4; i++) bad.grib[i] = (bad.grib[i]! * 31 + 7) & 0xff;
  }
  files[hrrrPaths("20230125", 13, 5).grib] = bad.grib;
  nomads = await startFakeNomads({ files });
  nomads.setFault(hrrrPaths("20230125", 13, 1).grib, { type: "status", status: 404 });
  nomads.setFault(hrrrPaths("20230125", 13, 2).grib, { type: "status", status: 500 });
  nomads.setFault(hrrrPaths("20230125", 13, 3).grib, { type: "delay", ms: 3000 });
  nomads.setFault(hrrrPaths("20230125", 13, 4).grib, { type: "truncate" });
  cache = mkdtempSync(join(tmpdir(), "pw-cache-faults-"));
  t = await createTestDatabase();
  server = await startServer(t.url, {
    NOMADS_BASE_URL: nomads.baseUrl,
    CACHE_DIR: cache,
    UPSTREAM_ATTEMPTS: String(ATTEMPTS),
    UPSTREAM_RETRY_DELAY_MS: "10",
    UPSTREAM_TIMEOUT_MS: "400",
    WORKER_CONCURRENCY: "4",
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await nomads?.close();
  await t?.drop();
  if (cache) rmSync(cache, { recursive: true, force: true });
});

async function runJob(type: string, args: Record<string, unknown>, maxAttempts = 1) {
  const res = await gql(server.url, `mutation($t: String!, $a: JSON, $m: Int) { submitJob(input: { type: $t, args: $a, maxAttempts: $m }) { id } }`, { t: type, a: args, m: maxAttempts });
  expect(res.errors).toBeUndefined();
  const id = res.data.submitJob.id as string;
  const end = Date.now() + 60_000;
  for (;;) {
    const job = await t.db.job.findUniqueOrThrow({ where: { id } });
    if (job.status === "Success" || job.status === "Failed") return job;
    if (Date.now() > end) throw new Error(`job ${type} did not finish: ${job.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ingest = (hour: number, variable = "t2m") => runJob("IngestGrib", { model: "hrrr", run: RUN, hour, variable });

function gribRequests(hour: number) {
  return nomads.requests.filter((r) => r.path === hrrrPaths("20230125", 13, hour).grib);
}

describe("upstream faults", () => {
  it("a healthy hour downloads (control)", async () => {
    expect((await ingest(0)).status).toBe("Success");
  });

  it("404: not retried at the HTTP level, the job fails with the status", async () => {
    const job = await ingest(1);
    expect(job.status).toBe("Failed");
    expect(job.errorMessage).toMatch(/404/);
    expect(gribRequests(1)).toHaveLength(1);
  });

  it("500: retried with backoff, then failed with the status and attempt count", async () => {
    const job = await ingest(2);
    expect(job.status).toBe("Failed");
    expect(job.errorMessage).toMatch(/HTTP 500.*after 3 attempts/);
    expect(gribRequests(2)).toHaveLength(ATTEMPTS);
  });

  it("timeout: retried, then failed", async () => {
    const job = await ingest(3);
    expect(job.status).toBe("Failed");
    expect(job.errorMessage).toMatch(/tim(ed|e) ?out/i);
    expect(gribRequests(3).length).toBe(ATTEMPTS);
  });

  it("truncated body: retried, then failed", async () => {
    const job = await ingest(4);
    expect(job.status).toBe("Failed");
    expect(gribRequests(4).length).toBe(ATTEMPTS);
  });

  it("corrupt GRIB: the download succeeds but the file is rejected and removed", async () => {
    const job = await ingest(5);
    expect(job.status).toBe("Failed");
    expect(job.errorMessage).toMatch(/not valid GRIB2/);
  });

  it("graphile-worker retries the job itself, too (job attempts)", async () => {
    const job = await runJob("IngestGrib", { model: "hrrr", run: RUN, hour: 2, variable: "u10" }, 2);
    expect(job.status).toBe("Failed");
    expect(job.attempts).toBe(2);
    expect(await t.db.jobAttempt.count({ where: { jobId: job.id, status: "failed" } })).toBe(2);
  }, 30_000);

  it("each failed hour shows its reason in the inventory; no partial or temp files remain", async () => {
    const res = await gql(server.url, `{ inventory(model: "hrrr") { run status missingHours { hour reason } } }`);
    const run = res.data.inventory.find((r: { run: string }) => r.run === RUN);
    const reason = (h: number) => run.missingHours.find((m: { hour: number }) => m.hour === h)?.reason as string;
    expect(reason(1)).toMatch(/404/);
    expect(reason(2)).toMatch(/500/);
    expect(reason(3)).toMatch(/tim(ed|e) ?out/i);
    expect(reason(5)).toMatch(/not valid GRIB2/);
    expect(run.status).toBe("failed");
    const deep = await (await fetch(`${server.url}/api/status/deep`)).json();
    const inv = deep.inventory.find((r: { run: string }) => r.run === RUN);
    expect(inv.status).toBe("failed");
    expect(deep.alerts.map((a: { code: string }) => a.code)).toContain("run_failed");
    const files = readdirSync(cache, { recursive: true }).map(String);
    expect(files.filter((f) => f.includes(".tmp") || f.includes(".part"))).toEqual([]);
    // Only the healthy hour got through; its GRIB went into the tile and was then deleted (retention).
    expect(files.filter((f) => f.endsWith(".grib2"))).toEqual([]);
    expect(files).toContain("tiles/conus/0.1deg/hrrr/20230125_13/t2m.npz");
  });
});

describe("PruneCache safety", () => {
  it("refuses to follow a symlink out of the cache root and deletes nothing outside it", async () => {
    // cache/gribs/gfs is a symlink to a directory elsewhere that looks like two GFS runs.
    const outside = mkdtempSync(join(tmpdir(), "pw-outside-"));
    for (const run of ["20200101_00", "20200102_00"]) {
      mkdirSync(join(outside, run, "t2m"), { recursive: true });
      writeFileSync(join(outside, run, "t2m", "precious.txt"), "do not delete");
    }
    mkdirSync(join(cache, "gribs"), { recursive: true });
    symlinkSync(outside, join(cache, "gribs/gfs"));
    const job = await runJob("PruneCache", { model: "gfs", keepRuns: 1 });
    expect(job.status).toBe("Failed");
    expect(job.errorMessage).toMatch(/refusing path/);
    expect(existsSync(join(outside, "20200101_00", "t2m", "precious.txt"))).toBe(true);
    expect(existsSync(join(outside, "20200102_00", "t2m", "precious.txt"))).toBe(true);
    rmSync(outside, { recursive: true, force: true });
  });

  it("rejects path-like or out-of-range arguments at the edge", async () => {
    const res = await gql(server.url, `mutation { submitJob(input: { type: "PruneCache", args: { model: "../../etc", keepRuns: 0 } }) { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/model/);
    expect(res.errors?.[0]?.message).toMatch(/keepRuns/);
  });
});
