// Faults with real processes: kill -9 of a worker mid-task (a sleeping job, and a GRIB download with
// its partial file on disk), SIGTERM (finish or release), a Postgres restart under a running server and
// worker, and an unusable cache directory.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../src/db/embedded.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createPrisma } from "../../src/db/prisma.ts";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, startWorkerProcess } from "../helpers/processes.ts";
import { collect, gql, untilJobFeedsLive, wsClient } from "../helpers/graphql.ts";
import { startFakeNomads } from "../helpers/fake-nomads.ts";
import { buildHourFile, gridValues, hrrrPaths, HRRR_VARS } from "../helpers/weather-fixtures.ts";
import { parseGrib2 } from "../../worker/lib/grib2/index.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function submit(url: string, args: Record<string, unknown>, maxAttempts = 3) {
  const res = await gql(url, `mutation($a: JSON, $m: Int) { submitJob(input: { type: "Diagnostic", args: $a, maxAttempts: $m }) { id } }`, { a: args, m: maxAttempts });
  expect(res.errors).toBeUndefined();
  return res.data.submitJob.id as string;
}

async function until<T>(what: string, f: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function lockedJobs(t: TestDb) {
  const rows = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL`;
  return Number(rows[0]!.n);
}

/** The killed holder's attempt is `crashed` (reaped: it stopped heartbeating), the survivor's `success`. */
async function expectCrashThenSuccess(t: TestDb, jobId: string, finishedBy: string | null, victim: string, survivor: string) {
  expect(finishedBy).toBe(survivor);
  const attempts = await t.db.jobAttempt.findMany({ where: { jobId }, orderBy: { id: "asc" } });
  expect(attempts.map((a) => [a.workerId, a.status])).toEqual([
    [victim, "crashed"],
    [survivor, "success"],
  ]);
  expect(attempts[0]!.errorMessage).toMatch(/stopped heartbeating/);
}

describe("worker crashes and shutdowns", () => {
  it("kill -9 mid-task: another worker picks the job up after 3 missed heartbeats and it finishes once", async () => {
    const t = await createTestDatabase();
    cleanups.push(() => t.drop());
    const api = await startServer(t.url, { WORKER_IN_PROCESS: "false" });
    cleanups.push(() => api.stop());
    const env = { WORKER_CONCURRENCY: "1", HEARTBEAT_INTERVAL_MS: "400" };
    // Two workers from the start; whichever takes the job is killed, the other must finish it.
    const workers = await Promise.all([startWorkerProcess(t.url, env), startWorkerProcess(t.url, env)]);
    for (const w of workers) cleanups.push(() => w.stop());
    const id = await submit(api.url, { sleepMs: 4000, steps: 4 });
    const holder = await until("job running", async () => {
      const j = await t.db.job.findUnique({ where: { id } });
      return j?.status === "Running" ? j.workerId : null;
    });
    const victim = workers.find((w) => w.workerId === holder)!;
    const survivor = workers.find((w) => w.workerId !== holder)!;
    await victim.stop("SIGKILL");
    const done = await until("job Success", async () => {
      const j = await t.db.job.findUnique({ where: { id } });
      return j?.status === "Success" ? j : null;
    });
    await expectCrashThenSuccess(t, id, done.workerId, victim.workerId, survivor.workerId);
    expect(await lockedJobs(t)).toBe(0);
  }, 60_000);

  it("kill -9 mid-download: the other worker finishes the ingest once; one GRIB file, no temp files, one asset row, attempts crashed → success", async () => {
    // Hour 0 with two variables, so t2m is a Range request for the first message only.
    const hour = buildHourFile(new Date("2023-01-25T13:00:00Z"), 0, HRRR_VARS.slice(0, 2));
    const p = hrrrPaths("20230125", 13, 0);
    const nomads = await startFakeNomads({ files: { [p.grib]: hour.grib, [p.idx]: hour.idx } });
    cleanups.push(() => nomads.close());
    // The first GRIB request sends half its body and then stalls for longer than the test runs, so the
    // job's first holder sits mid-download with a partial temp file when it is killed. The idle timeout is
    // longer still, so the stalled download can neither time out nor complete before the kill.
    nomads.setFault(p.grib, { type: "stall", ms: 120_000, times: 1 });
    const cache = mkdtempSync(join(tmpdir(), "pw-cache-kill-"));
    cleanups.push(async () => rmSync(cache, { recursive: true, force: true }));
    const t = await createTestDatabase();
    cleanups.push(() => t.drop());
    // KEEP_GRIBS: BuildTile (queued by the ingest) would otherwise delete the GRIB this test checks.
    const weatherEnv = { NOMADS_BASE_URL: nomads.baseUrl, CACHE_DIR: cache, KEEP_GRIBS: "true", UPSTREAM_RETRY_DELAY_MS: "10", UPSTREAM_TIMEOUT_MS: "300000" };
    const api = await startServer(t.url, { WORKER_IN_PROCESS: "false", ...weatherEnv });
    cleanups.push(() => api.stop());
    const env = { WORKER_CONCURRENCY: "1", HEARTBEAT_INTERVAL_MS: "400", ...weatherEnv };
    const workers = await Promise.all([startWorkerProcess(t.url, env), startWorkerProcess(t.url, env)]);
    for (const w of workers) cleanups.push(() => w.stop());

    const res = await gql(api.url, `mutation { submitJob(input: { type: "IngestGrib", args: { model: "hrrr", run: "20230125_13", hour: 0, variable: "t2m" }, maxAttempts: 3 }) { id } }`);
    expect(res.errors).toBeUndefined();
    const id = res.data.submitJob.id as string;
    const relGrib = "gribs/hrrr/20230125_13/t2m/grib_000.grib2";
    const dest = join(cache, relGrib);
    const tempsOf = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.tmp-/.test(f)) : []);

    const { holder, partial } = await until(
      "job Running with a partial download on disk",
      async () => {
        const j = await t.db.job.findUnique({ where: { id } });
        if (j?.status !== "Running" || !j.workerId) return null;
        const temp = tempsOf(join(cache, "gribs/hrrr/20230125_13/t2m")).find((f) => f.startsWith(".grib_000.grib2.tmp-"));
        const partial = temp && join(cache, "gribs/hrrr/20230125_13/t2m", temp);
        return partial && statSync(partial).size > 0 ? { holder: j.workerId, partial } : null;
      },
      60_000,
    );
    const victim = workers.find((w) => w.workerId === holder)!;
    const survivor = workers.find((w) => w.workerId !== holder)!;
    expect(victim).toBeDefined();
    expect(partial).toContain(`-${victim.pid}-`); // the temp names its writer's pid: that is how it is known dead
    expect(statSync(partial).size).toBeLessThan(hour.grib.length);
    expect(existsSync(dest)).toBe(false);
    await victim.stop("SIGKILL");
    expect(existsSync(partial)).toBe(true); // nobody cleaned up after the killed writer

    const done = await until(
      "job Success",
      async () => {
        const j = await t.db.job.findUnique({ where: { id } });
        return j?.status === "Success" || j?.status === "Failed" ? j : null;
      },
      60_000,
    );
    expect([done.status, done.errorMessage]).toEqual(["Success", null]);
    await expectCrashThenSuccess(t, id, done.workerId, victim.workerId, survivor.workerId);
    // The ingest queued BuildTile; let everything settle before looking at the disk.
    await until("no job Pending or Running", async () => (await t.db.job.count({ where: { status: { in: ["Pending", "Running"] } } })) === 0, 60_000);
    const failed = await t.db.job.findMany({ where: { status: "Failed" } });
    expect(failed.map((j) => `${j.type}: ${j.errorMessage}`)).toEqual([]);
    // Two GET requests for the GRIB: the stalled one and the survivor's.
    expect(nomads.requests.filter((r) => r.path === p.grib).map((r) => r.fault)).toEqual(["stall", null]);

    // Exactly one GRIB file, complete: t2m's message byte for byte, and it decodes.
    const files = readdirSync(cache, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith(".grib2"))).toEqual([relGrib]);
    const grib = readFileSync(dest);
    expect(createHash("md5").update(grib).digest("hex")).toBe(hour.md5.t2m);
    expect(grib.length).toBe(Number(hour.idx.split("\n")[1]!.split(":")[1])); // message 1 ends where message 2 starts
    const fields = parseGrib2(new Uint8Array(grib));
    expect(fields).toHaveLength(1);
    const want = gridValues(HRRR_VARS[0]!, 0);
    expect(Math.max(...fields[0]!.decode().map((v, k) => Math.abs(v - want[k]!)))).toBeLessThan(0.01);
    // The killed writer's partial temp was removed by the survivor, not left for the hourly sweep.
    expect(existsSync(partial)).toBe(false);
    expect(tempsOf(cache)).toEqual([]);

    // One asset row for the GRIB, with the file's md5 and size; no duplicate paths in the run.
    const assets = await t.db.asset.findMany({ where: { run: { runKey: "20230125_13" } }, orderBy: { id: "asc" } });
    const gribAssets = assets.filter((a) => a.kind === "grib");
    expect(gribAssets.map((a) => [a.path, a.md5, Number(a.sizeBytes)])).toEqual([[relGrib, hour.md5.t2m, grib.length]]);
    expect(new Set(assets.map((a) => a.path)).size).toBe(assets.length);
    expect(await t.db.asset.count({ where: { path: relGrib } })).toBe(1);
    expect(await lockedJobs(t)).toBe(0);
  }, 90_000);

  it("SIGTERM lets a running job finish; past the grace period it is aborted and released", async () => {
    const t = await createTestDatabase();
    cleanups.push(() => t.drop());
    const api = await startServer(t.url, { WORKER_IN_PROCESS: "false" });
    cleanups.push(() => api.stop());
    const w1 = await startWorkerProcess(t.url, { WORKER_SHUTDOWN_GRACE_MS: "10000" });
    const short = await submit(api.url, { sleepMs: 1500 });
    await until("short job running", async () => (await t.db.job.findUnique({ where: { id: short } }))?.status === "Running");
    expect(await w1.stop("SIGTERM")).toBe(0);
    expect((await t.db.job.findUniqueOrThrow({ where: { id: short } })).status).toBe("Success");

    const w2 = await startWorkerProcess(t.url, { WORKER_SHUTDOWN_GRACE_MS: "300" });
    const long = await submit(api.url, { sleepMs: 60_000 }, 3);
    await until("long job running", async () => (await t.db.job.findUnique({ where: { id: long } }))?.status === "Running");
    await w2.stop("SIGTERM");
    const job = await t.db.job.findUniqueOrThrow({ where: { id: long } });
    expect(job.status).toBe("Pending"); // released for a later attempt, not stuck Running
    expect(await lockedJobs(t)).toBe(0);
    const worker = await t.db.worker.findUniqueOrThrow({ where: { id: w2.workerId } });
    expect(worker.stoppedAt).not.toBeNull();
  }, 60_000);

  it("SIGTERM stops an API-only server cleanly, idle or with live subscriptions and keep-alive connections", async () => {
    const t = await createTestDatabase();
    cleanups.push(() => t.drop());
    // NODE_ENV=production as deployed (vitest's "test" changes Apollo's defaults, e.g. its signal handlers).
    const env = { WORKER_IN_PROCESS: "false", NODE_ENV: "production" };
    // Exit code 0, not the helper's SIGKILL fallback (null): a second, concurrent Apollo stop() once
    // made an idle server hang until its 60 s force-exit.
    const idle = await startServer(t.url, env);
    cleanups.push(() => idle.stop());
    expect(await idle.stop("SIGTERM", 15_000)).toBe(0);

    const busy = await startServer(t.url, env);
    cleanups.push(() => busy.stop());
    const client = wsClient(busy.url);
    cleanups.push(async () => client.dispose());
    const sub = collect(client, `subscription { queueUpdated { pending } }`);
    await expect.poll(() => sub.items.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await fetch(`${busy.url}/api/health`)).status).toBe(200); // leaves an idle keep-alive socket
    expect(await busy.stop("SIGTERM", 15_000)).toBe(0);
  }, 60_000);
});

describe("Postgres restart", () => {
  it("server and worker recover by themselves; subscriptions resume on reconnect; committed history is intact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pw-restart-pg-"));
    const port = await new Promise<number>((r) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => r(p));
      });
    });
    let pgServer = await startEmbeddedPostgres({ dir, port });
    cleanups.push(async () => {
      await pgServer.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    await migrate(pgServer.url);
    const api = await startServer(pgServer.url, { WORKER_CONCURRENCY: "2" });
    cleanups.push(() => api.stop());
    const before = await submit(api.url, {});
    const db = createPrisma(pgServer.url, 2);
    cleanups.push(() => db.$disconnect());
    await until("first job done", async () => (await db.job.findUnique({ where: { id: before } }))?.status === "Success");
    await db.$disconnect();

    await pgServer.stop();
    await new Promise((r) => setTimeout(r, 1000));
    pgServer = await startEmbeddedPostgres({ dir, port });

    // The same processes keep working: a new job runs end to end and is seen on a new subscription.
    const client = wsClient(api.url);
    cleanups.push(async () => client.dispose());
    const sub = collect<{ jobUpdated: { id: string; status: string } }>(client, `subscription { jobUpdated { id status } }`);
    await until("API answering again", async () => (await gql(api.url, `{ health { database } }`)).data?.health?.database === true);
    await untilJobFeedsLive(api.url, [sub], 40);
    const after = await submit(api.url, { sleepMs: 100 });
    await sub.waitFor((i) => i.some((e) => e.jobUpdated.id === after && e.jobUpdated.status === "Success"), 30_000, "job after restart");
    const c = new pg.Client({ connectionString: pgServer.url });
    await c.connect();
    const rows = await c.query(`SELECT id::text, status::text FROM jobs WHERE id = ANY($1::uuid[])`, [[before, after]]);
    await c.end();
    expect(Object.fromEntries(rows.rows.map((r) => [r.id, r.status]))).toEqual({ [before]: "Success", [after]: "Success" });
  }, 120_000);
});

describe("unusable cache directory", () => {
  it("the job fails with a clear reason and the system stays up", async () => {
    const files: Record<string, Uint8Array | string> = {};
    const f = buildHourFile(new Date("2023-01-25T13:00:00Z"), 0, HRRR_VARS.slice(0, 1));
    const p = hrrrPaths("20230125", 13, 0);
    files[p.grib] = f.grib;
    files[p.idx] = f.idx;
    const nomads = await startFakeNomads({ files });
    cleanups.push(() => nomads.close());
    const dir = mkdtempSync(join(tmpdir(), "pw-badcache-"));
    const notADir = join(dir, "cache-is-a-file");
    writeFileSync(notADir, "x");
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const t = await createTestDatabase();
    cleanups.push(() => t.drop());
    const api = await startServer(t.url, { NOMADS_BASE_URL: nomads.baseUrl, CACHE_DIR: notADir, UPSTREAM_RETRY_DELAY_MS: "10" });
    cleanups.push(() => api.stop());
    const res = await gql(api.url, `mutation { submitJob(input: { type: "IngestGrib", args: { model: "hrrr", run: "20230125_13", hour: 0, variable: "t2m" }, maxAttempts: 1 }) { id } }`);
    const id = res.data.submitJob.id as string;
    const job = await until("IngestGrib finished", async () => {
      const j = await t.db.job.findUnique({ where: { id } });
      return j && (j.status === "Failed" || j.status === "Success") ? j : null;
    });
    expect(job.status).toBe("Failed");
    expect(job.errorMessage).toMatch(/ENOTDIR|not a directory/i);
    const health = await fetch(`${api.url}/api/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).workers_online).toBe(1);
  }, 60_000);
});
