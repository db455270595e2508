// submitJob → subscription delivers Pending → Running → Success; failures, retry, cancel — against a
// real server process with its in-process worker, real Postgres and a real graphql-ws socket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { collect, gql, untilJobFeedsLive, wsClient } from "../helpers/graphql.ts";

const JOB_FIELDS = "id type status workerId durationMs attempts maxAttempts errorMessage progress { done total }";

let t: TestDb;
let server: ServerProc;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startServer(t.url, { WORKER_CONCURRENCY: "2" });
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

async function submit(args: Record<string, unknown>, extra = "") {
  const res = await gql<{ submitJob: { id: string; status: string } }>(
    server.url,
    `mutation($args: JSON) { submitJob(input: { type: "Diagnostic", args: $args ${extra} }) { id status } }`,
    { args },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.submitJob;
}

type JobEvent = { jobUpdated: { id: string; status: string; workerId: string | null; durationMs: number | null; errorMessage: string | null; attempts: number } };

/** Subscribes to all job updates and waits until a warm-up job is seen, so nothing is missed later. */
async function liveJobs() {
  const client = wsClient(server.url);
  const sub = collect<JobEvent>(client, `subscription { jobUpdated { ${JOB_FIELDS} } }`);
  await untilJobFeedsLive(server.url, [sub]);
  return { client, sub, events: (id: string) => sub.items.filter((i) => i.jobUpdated.id === id).map((i) => i.jobUpdated) };
}

describe("job lifecycle", () => {
  it("delivers Pending → Running → Success with worker id and duration, and the row agrees", async () => {
    const { client, sub, events } = await liveJobs();
    const job = await submit({ sleepMs: 400, steps: 2 });
    expect(job.status).toBe("Pending");
    await sub.waitFor(() => events(job.id).some((e) => e.status === "Success"), 20_000, "Success");
    const statuses = events(job.id).map((e) => e.status);
    expect(statuses.filter((s, i) => s !== statuses[i - 1])).toEqual(["Pending", "Running", "Success"]);
    const done = events(job.id).at(-1)!;
    expect(done.workerId).toBe(server.workerId);
    expect(done.durationMs).toBeGreaterThanOrEqual(400);

    const row = await t.db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("Success");
    expect(row.workerId).toBe(server.workerId);
    expect(row.durationMs).toBe(done.durationMs);
    expect(row.progressDone).toBe(2);
    expect(row.progressTotal).toBe(2);
    expect(row.startedAt!.getTime()).toBeGreaterThanOrEqual(row.queuedAt.getTime());
    expect(row.finishedAt!.getTime()).toBeGreaterThan(row.startedAt!.getTime());
    const attempts = await t.db.jobAttempt.findMany({ where: { jobId: job.id } });
    expect(attempts.map((a) => [a.attempt, a.status, a.workerId])).toEqual([[1, "success", server.workerId]]);
    sub.dispose();
    await client.dispose();
  });

  it("a task that throws ends Failed with its message after its attempts, and retryJob runs it again", async () => {
    const { client, sub, events } = await liveJobs();
    const job = await submit({ fail: "boom: upstream exploded" }, ", maxAttempts: 2");
    await sub.waitFor(() => events(job.id).some((e) => e.status === "Failed"), 30_000, "Failed");
    let row = await t.db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("Failed");
    expect(row.errorMessage).toBe("boom: upstream exploded");
    expect(row.errorStack).toContain("Diagnostic");
    expect(row.attempts).toBe(2);
    // Between the attempts the job went back to Pending (retry with backoff), not straight to Failed.
    const statuses = events(job.id).map((e) => e.status);
    expect(statuses.indexOf("Running")).toBeLessThan(statuses.lastIndexOf("Pending"));

    const retried = await gql(server.url, `mutation($id: ID!) { retryJob(id: $id) { id status attempts } }`, { id: job.id });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.retryJob.status).toBe("Pending");
    const before = events(job.id).length;
    await sub.waitFor(() => events(job.id).slice(before).some((e) => e.status === "Failed"), 30_000, "second Failed");
    expect(events(job.id).slice(before).map((e) => e.status)).toContain("Running");
    row = await t.db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("Failed");
    const attempts = await t.db.jobAttempt.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => a.status)).toEqual(["failed", "failed", "failed", "failed"]);
    sub.dispose();
    await client.dispose();
  });

  it("retryJob refuses jobs that are not Failed or Cancelled", async () => {
    const job = await submit({});
    const res = await gql(server.url, `mutation($id: ID!) { retryJob(id: $id) { id } }`, { id: job.id });
    expect(res.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("cancelJob removes a pending job from the queue and it never runs", async () => {
    // Fill both worker slots so the next job stays pending.
    const blockers = [await submit({ sleepMs: 3000 }), await submit({ sleepMs: 3000 })];
    await waitFor(async () => (await t.db.job.count({ where: { id: { in: blockers.map((b) => b.id) }, status: "Running" } })) === 2);
    const job = await submit({});
    const res = await gql(server.url, `mutation($id: ID!) { cancelJob(id: $id) { id status } }`, { id: job.id });
    expect(res.errors).toBeUndefined();
    expect(res.data.cancelJob.status).toBe("Cancelled");
    const queued = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${job.id}`;
    expect(Number(queued[0]!.n)).toBe(0);
    await waitFor(async () => (await t.db.job.count({ where: { id: { in: blockers.map((b) => b.id) }, status: "Success" } })) === 2);
    const row = await t.db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("Cancelled");
    expect(row.startedAt).toBeNull();
    // A cancelled job can be retried, and then it runs.
    await gql(server.url, `mutation($id: ID!) { retryJob(id: $id) { id } }`, { id: job.id });
    await waitFor(async () => (await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).status === "Success");
  });

  it("queueStats and workers reflect the running worker and finished jobs", async () => {
    const res = await gql(server.url, `{ queueStats { pending running completed1h failed1h failureRate1h workersOnline totalSlots } workers { id online concurrency } }`);
    expect(res.errors).toBeUndefined();
    const { queueStats, workers } = res.data;
    expect(queueStats.workersOnline).toBe(1);
    expect(queueStats.totalSlots).toBe(2);
    const completed = await t.db.job.count({ where: { status: "Success" } });
    await waitFor(async () => {
      const r = await gql(server.url, `{ queueStats { completed1h failed1h } }`);
      return r.data.queueStats.completed1h === completed;
    });
    expect(workers).toContainEqual({ id: server.workerId, online: true, concurrency: 2 });
  });

  it("pages through jobs with a cursor and filters by status and search", async () => {
    for (let i = 0; i < 5; i++) await submit({ fail: `marker-${i} upstream exploded` }, ", maxAttempts: 1");
    const all = await gql(server.url, `{ jobs(first: 200) { totalCount nodes { id } } }`);
    const total = all.data.jobs.totalCount as number;
    expect(total).toBeGreaterThan(4);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await gql(server.url, `query($after: String) { jobs(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`, { after });
      seen.push(...page.data.jobs.nodes.map((n: { id: string }) => n.id));
      after = page.data.jobs.pageInfo.hasNextPage ? page.data.jobs.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.data.jobs.nodes.map((n: { id: string }) => n.id));
    const failed = await gql(server.url, `{ jobs(filter: { status: [Failed] }) { totalCount nodes { status } } }`);
    expect(failed.data.jobs.totalCount).toBe(await t.db.job.count({ where: { status: "Failed" } }));
    const search = await gql(server.url, `{ jobs(filter: { search: "upstream exploded" }) { nodes { argsSummary } } }`);
    expect(search.data.jobs.nodes.length).toBeGreaterThan(0);
    expect(search.data.jobs.nodes.every((n: { argsSummary: string }) => n.argsSummary.includes("upstream exploded"))).toBe(true);
  });
});

async function waitFor(cond: () => Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met in time");
}
