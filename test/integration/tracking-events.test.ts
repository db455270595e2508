// The worker's batched job tracking (worker/tracking-store.ts), the per-statement job notifications
// it relies on and the jobUpdated throttle, against real Postgres with real LISTEN connections.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventHub, type PipewatchEvent } from "../../src/domain/events.ts";
import { TrackingStore } from "../../worker/tracking-store.ts";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";

let t: TestDb;
let store: TrackingStore;
let sql: pg.Client;

beforeAll(async () => {
  t = await createTestDatabase();
  store = new TrackingStore(t.url, "test-worker:1");
  sql = new pg.Client({ connectionString: t.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await store?.close();
  await t?.drop();
});

async function insertJobs(n: number, args: unknown = {}) {
  const ids = Array.from({ length: n }, () => randomUUID());
  await sql.query(
    `INSERT INTO jobs (id, type, args, "maxAttempts") SELECT id, 'Diagnostic', $2::jsonb, 3 FROM unnest($1::uuid[]) id`,
    [ids, JSON.stringify(args)],
  );
  return ids;
}

const startReq = (jobId: string, attempt = 1) => ({
  jobId,
  type: "Diagnostic",
  attempt,
  maxAttempts: 3,
  payload: { jobId },
  queuedAt: new Date(),
});

describe("job notifications", () => {
  it("a 400-row statement arrives as every row, packed into a few notifications under NOTIFY's 8 kB", async () => {
    const hub = new EventHub(t.url);
    await hub.start();
    const raw = new pg.Client({ connectionString: t.url });
    await raw.connect();
    const payloads: string[] = [];
    raw.on("notification", (m) => m.payload && payloads.push(m.payload));
    await raw.query("LISTEN pipewatch");
    const seen: PipewatchEvent[] = [];
    hub.on((e) => seen.push(e));
    try {
      const ids = await insertJobs(400, { note: "x".repeat(100) });
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(400);
      const jobEvents = seen.filter((e): e is Extract<PipewatchEvent, { k: "job" }> => e.k === "job");
      expect(new Set(jobEvents.map((e) => e.id))).toEqual(new Set(ids));
      expect(jobEvents.every((e) => e.row?.status === "Pending" && (e.row?.args as { note: string }).note.length === 100)).toBe(true);
      await expect.poll(() => payloads.length).toBeGreaterThan(1);
      expect(payloads.length).toBeLessThan(100);
    } finally {
      await raw.end();
      await hub.stop();
    }
  });
});

describe("TrackingStore", () => {
  it("starts 25 concurrent jobs: each Running with its own attempt row and its args", async () => {
    const ids = await insertJobs(25, { sleepMs: 5 });
    const started = await Promise.all(ids.map((id) => store.start(startReq(id))));
    expect(new Set(started.map((s) => s.attemptId)).size).toBe(25);
    expect(started.every((s) => (s.args as { sleepMs: number }).sleepMs === 5)).toBe(true);
    const rows = await sql.query(`SELECT status, "workerId", attempts FROM jobs WHERE id = ANY($1::uuid[])`, [ids]);
    expect(rows.rows.every((r) => r.status === "Running" && r.workerId === "test-worker:1" && r.attempts === 1)).toBe(true);
    const attempts = await sql.query(`SELECT count(*)::int AS n FROM job_attempts WHERE "jobId" = ANY($1::uuid[]) AND status = 'running'`, [ids]);
    expect(attempts.rows[0].n).toBe(25);
  });

  it("a start and a finish of different jobs go in one statement: one notification carries both", async () => {
    const [x, y] = await insertJobs(2);
    const sy = await store.start(startReq(y!));
    const raw = new pg.Client({ connectionString: t.url });
    await raw.connect();
    const payloads: string[] = [];
    raw.on("notification", (m) => m.payload && payloads.push(m.payload));
    await raw.query("LISTEN pipewatch");
    try {
      await Promise.all([
        store.start(startReq(x!)),
        store.finish({ jobId: y!, attemptId: sy.attemptId, status: "Success", durationMs: 1, peakMemoryBytes: 1, errorMessage: null, errorStack: null, result: { ok: true } }),
      ]);
      await expect.poll(() => payloads.length).toBeGreaterThan(0);
      const rows = (JSON.parse(payloads[0]!) as { rows: { id: string; row: { status: string } }[] }).rows;
      expect(rows.map((r) => `${r.id}:${r.row.status}`).sort()).toEqual([`${x}:Running`, `${y}:Success`].sort());
    } finally {
      await raw.end();
    }
  });

  it("a parent finished with its last task announces its final progress last (never an older copy)", async () => {
    const [parent] = await insertJobs(1);
    const child = randomUUID();
    await sql.query(`INSERT INTO jobs (id, type, args, "maxAttempts", "parentId") VALUES ($1, 'Diagnostic', '{}', 3, $2)`, [child, parent]);
    const [sp, sc] = await Promise.all([store.start(startReq(parent!)), store.start(startReq(child))]);
    const hub = new EventHub(t.url);
    await hub.start();
    const parentEvents: { status: unknown; done: unknown; total: unknown }[] = [];
    hub.on((e) => e.k === "job" && e.id === parent && e.row && parentEvents.push({ status: e.row.status, done: e.row.progressDone, total: e.row.progressTotal }));
    try {
      const done = (jobId: string, attemptId: string) =>
        store.finish({ jobId, attemptId, status: "Success", durationMs: 1, peakMemoryBytes: 1, errorMessage: null, errorStack: null, result: null });
      await Promise.all([done(parent!, sp.attemptId), done(child, sc.attemptId)]);
      await expect.poll(() => parentEvents.at(-1)).toEqual({ status: "Success", done: 1, total: 1 });
      expect(parentEvents.every((e) => e.done === 1)).toBe(true);
    } finally {
      await hub.stop();
    }
  });

  it("records NUL characters in errors and results without failing the record (Postgres refuses them)", async () => {
    const [ok, bad] = await insertJobs(2);
    const [s1, s2] = await Promise.all([store.start(startReq(ok!)), store.start(startReq(bad!))]);
    await Promise.all([
      store.finish({ jobId: ok!, attemptId: s1!.attemptId, status: "Success", durationMs: 12, peakMemoryBytes: 1e8, errorMessage: null, errorStack: null, result: { note: "a\u0000b" } }),
      store.finish({ jobId: bad!, attemptId: s2!.attemptId, status: "Failed", durationMs: 3, peakMemoryBytes: 1e8, errorMessage: "boom\u0000!", errorStack: "Error: boom\u0000!\n  at x", result: undefined }),
    ]);
    const rows = await sql.query(`SELECT id, status, "errorMessage", result, "durationMs", "finishedAt" FROM jobs WHERE id = ANY($1::uuid[])`, [[ok, bad]]);
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    expect(byId.get(ok)).toMatchObject({ status: "Success", result: { note: "ab" }, durationMs: 12 });
    expect(byId.get(bad)).toMatchObject({ status: "Failed", errorMessage: "boom!", durationMs: 3 });
    expect(byId.get(bad).finishedAt).toBeInstanceOf(Date);
    const attempts = await sql.query(`SELECT "jobId", status, "errorMessage" FROM job_attempts WHERE "jobId" = ANY($1::uuid[])`, [[ok, bad]]);
    expect(attempts.rows.map((r) => [r.jobId, r.status, r.errorMessage]).sort()).toEqual(
      [[ok, "success", null], [bad, "failed", "boom!"]].sort(),
    );
  });

  it("a retry (Pending) clears finishedAt; a new start closes an attempt left running as crashed", async () => {
    const [id] = await insertJobs(1);
    await store.start(startReq(id!, 1)); // this holder "dies": its attempt stays running
    const second = await store.start(startReq(id!, 2));
    await sql.query(`UPDATE jobs SET "finishedAt" = now() WHERE id = $1`, [id]); // so that clearing it shows
    await store.finish({ jobId: id!, attemptId: second.attemptId, status: "Pending", durationMs: 1, peakMemoryBytes: 1, errorMessage: "try again", errorStack: null, result: undefined });
    const job = await sql.query(`SELECT status, "finishedAt", "errorMessage", attempts FROM jobs WHERE id = $1`, [id]);
    expect(job.rows[0]).toMatchObject({ status: "Pending", finishedAt: null, errorMessage: "try again", attempts: 2 });
    const attempts = await sql.query(`SELECT attempt, status FROM job_attempts WHERE "jobId" = $1 ORDER BY attempt`, [id]);
    expect(attempts.rows).toEqual([{ attempt: 1, status: "crashed" }, { attempt: 2, status: "failed" }]);
  });

  it("creates the row of a job queued straight into graphile-worker (crontab), args without _cron", async () => {
    const id = randomUUID();
    const s = await store.start({ ...startReq(id), type: "RefreshDiskUsage", payload: { _cron: { ts: "x" }, jobId: id } });
    expect(s.args).toEqual({});
    const row = await sql.query(`SELECT type, status, args FROM jobs WHERE id = $1`, [id]);
    expect(row.rows[0]).toEqual({ type: "RefreshDiskUsage", status: "Running", args: {} });
  });

  it("a batch Postgres refuses is retried op by op: only the bad op fails, its neighbours start", async () => {
    const [good] = await insertJobs(1);
    const results = await Promise.allSettled([
      store.start(startReq(good!)),
      store.start({ ...startReq("not-a-uuid") }),
    ]);
    expect(results[0]!.status).toBe("fulfilled");
    expect(results[1]!.status).toBe("rejected");
  });
});

describe("jobUpdated (all jobs) throttle", () => {
  it("delivers a change after a quiet window at once; the next ones collapse per status and follow together", async () => {
    const { JobFeed } = await import("../../src/domain/feeds.ts");
    const hub = new EventHub(t.url);
    await hub.start();
    // A long window makes "at once" and "at the end of the window" tell apart without timing asserts.
    const feed = new JobFeed(hub, t.db, 4000);
    const ch = feed.subscribe();
    const got: { id: string; status: string; progressDone: number }[] = [];
    void (async () => {
      for await (const j of ch) got.push({ id: j.id, status: j.status, progressDone: j.progressDone });
    })();
    try {
      const [a] = await insertJobs(1);
      await expect.poll(() => got.length, { timeout: 2500 }).toBe(1); // well inside the 4 s window
      for (const done of [1, 2, 3]) await sql.query(`UPDATE jobs SET "progressDone" = $2 WHERE id = $1`, [a, done]);
      await sql.query(`UPDATE jobs SET status = 'Running' WHERE id = $1`, [a]);
      await sql.query(`UPDATE jobs SET "progressDone" = 4 WHERE id = $1`, [a]);
      await new Promise((r) => setTimeout(r, 1000));
      expect(got.length).toBe(1); // the rest waits for the window
      await expect.poll(() => got.length, { timeout: 6000 }).toBe(3);
      expect(got).toEqual([
        { id: a, status: "Pending", progressDone: 0 },
        { id: a, status: "Pending", progressDone: 3 },
        { id: a, status: "Running", progressDone: 4 },
      ]);
    } finally {
      ch.close();
      await hub.stop();
    }
  });
});
