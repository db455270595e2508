// Scale-out: two API instances and one separate worker process on one database. Subscribers on each
// instance see the events of a job that the separate worker runs (fan-out through Postgres).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, startWorkerProcess, type Proc, type ServerProc } from "../helpers/processes.ts";
import { collect, gql, untilJobFeedsLive, wsClient } from "../helpers/graphql.ts";

let t: TestDb;
let api1: ServerProc;
let api2: ServerProc;
let worker: Proc & { workerId: string };

beforeAll(async () => {
  t = await createTestDatabase();
  [api1, api2] = await Promise.all([
    startServer(t.url, { WORKER_IN_PROCESS: "false" }),
    startServer(t.url, { WORKER_IN_PROCESS: "false" }),
  ]);
  worker = await startWorkerProcess(t.url);
});

afterAll(async () => {
  await Promise.all([api1?.stop(), api2?.stop(), worker?.stop()]);
  await t?.drop();
});

type Ev = { jobUpdated: { id: string; status: string; workerId: string | null } };
type Q = { queueUpdated: { workersOnline: number; completed1h: number } };

it("every instance's subscribers receive the events of a job run by a separate worker", async () => {
  expect(api1.workerId).toBeNull();
  expect(api2.workerId).toBeNull();
  const clients = [wsClient(api1.url), wsClient(api2.url)];
  const subs = clients.map((c) => collect<Ev>(c, `subscription { jobUpdated { id status workerId } }`));
  const queues = clients.map((c) => collect<Q>(c, `subscription { queueUpdated { workersOnline completed1h } }`));
  // The queue feed pushes its first value on subscribe: both sockets are live after this.
  await Promise.all(queues.map((q) => q.waitFor((i) => i.length > 0, 20_000, "first queue stats")));
  // Make sure each instance's jobUpdated subscription is registered before the real job.
  await untilJobFeedsLive(api1.url, subs);

  // Submitted through instance 2, run by the separate worker, observed on both instances.
  const res = await gql(api2.url, `mutation { submitJob(input: { type: "Diagnostic", args: { sleepMs: 300 } }) { id } }`);
  const id = res.data.submitJob.id as string;
  for (const s of subs) {
    await s.waitFor((i) => i.some((e) => e.jobUpdated.id === id && e.jobUpdated.status === "Success"), 20_000, `Success of ${id}`);
    const mine = s.items.filter((e) => e.jobUpdated.id === id).map((e) => e.jobUpdated);
    expect(mine.map((e) => e.status)).toEqual(["Pending", "Running", "Success"]);
    expect(mine.at(-1)!.workerId).toBe(worker.workerId);
  }
  // Aggregate feeds on both instances count the separate worker and the finished jobs.
  for (const q of queues) {
    await q.waitFor((i) => i.some((e) => e.queueUpdated.workersOnline === 1 && e.queueUpdated.completed1h >= 2), 20_000, "queue stats with the job");
  }
  subs.forEach((s) => s.dispose());
  queues.forEach((q) => q.dispose());
  await Promise.all(clients.map((c) => c.dispose()));
});
