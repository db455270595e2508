// One process of graphql-ws clients for the fan-out bench, driven by bench/fanout.ts over IPC.
// Every client subscribes to queueUpdated; some also to jobUpdated (all jobs) and/or to
// jobUpdated(id) for jobs that do not exist yet. Each message's receipt time (Date.now(), the same
// clock Postgres' now() reads on this machine) is recorded and reported back at the end.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface ClientSpec {
  all: boolean;
  ids: string[];
}

export type ParentMsg =
  | { type: "start"; url: string; clients: ClientSpec[]; connectConcurrency: number }
  | { type: "warm"; id: string }
  | { type: "report" };

export type ChildMsg =
  | { type: "connected"; clients: number; failed: number; ms: number }
  | { type: "warm"; seen: number; expected: number }
  | {
      type: "report";
      /** Per client: [receivedAtMs, pending, running][] */
      queue: [number, number, number][][];
      /** [clientIndex, feed ("all" | "id"), jobId, status, changedAtMs (queuedAt/startedAt/finishedAt), receivedAtMs] */
      jobs: [number, "all" | "id", string, string, number, number][];
      errors: string[];
    }
  | { type: "error"; error: string };

const QUEUE = `subscription { queueUpdated { pending running } }`;
const FIELDS = `id status queuedAt startedAt finishedAt`;
const JOBS = `subscription { jobUpdated { ${FIELDS} } }`;
const JOB = `subscription ($id: ID!) { jobUpdated(id: $id) { ${FIELDS} } }`;

interface Job {
  id: string;
  status: string;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** When the transaction that wrote this status began (now() in it; Job.updatedAt is not exposed). */
function changedAt(j: Job): number {
  const t = j.status === "Pending" ? j.queuedAt : j.status === "Running" ? j.startedAt : j.finishedAt;
  return t ? Date.parse(t) : NaN;
}

const send = (m: ChildMsg) => process.send!(m);
const clients: Client[] = [];
const queue: [number, number, number][][] = [];
const jobs: [number, "all" | "id", string, string, number, number][] = [];
const errors: string[] = [];
/** Per jobUpdated subscription: the id it watches (null = all jobs) and the jobs it saw finish. */
const jobSubs: { watch: string | null; seen: Set<string> }[] = [];

function addError(e: unknown) {
  if (errors.length < 50) errors.push(e instanceof Error ? e.message : JSON.stringify(e).slice(0, 300));
}

async function start(m: Extract<ParentMsg, { type: "start" }>) {
  const t0 = Date.now();
  const wsUrl = m.url.replace(/^http/, "ws") + "/graphql";
  let failed = 0;
  const connectOne = (spec: ClientSpec, index: number) =>
    new Promise<void>((resolve) => {
      const q: [number, number, number][] = [];
      queue[index] = q;
      let firstQueue: () => void;
      const gotFirst = new Promise<void>((r) => (firstQueue = r));
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        on: {
          error: (e) => {
            addError(e);
            failed++;
            resolve();
          },
        },
      });
      clients[index] = client;
      const sink = <T>(onData: (d: T) => void) => ({
        next: (v: { data?: unknown; errors?: unknown }) => {
          if (v.data) onData(v.data as T);
          if (v.errors) addError(v.errors);
        },
        error: addError,
        complete: () => {},
      });
      client.subscribe<{ queueUpdated: { pending: number; running: number } }>(
        { query: QUEUE },
        sink((d: { queueUpdated: { pending: number; running: number } }) => {
          q.push([Date.now(), d.queueUpdated.pending, d.queueUpdated.running]);
          firstQueue();
        }),
      );
      const onJob = (feed: "all" | "id", seen: Set<string>) => (d: { jobUpdated: Job }) => {
        const now = Date.now();
        const j = d.jobUpdated;
        jobs.push([index, feed, j.id, j.status, changedAt(j), now]);
        if (j.status === "Success") seen.add(j.id);
      };
      if (spec.all) {
        const seen = new Set<string>();
        jobSubs.push({ watch: null, seen });
        client.subscribe({ query: JOBS }, sink(onJob("all", seen)));
      }
      for (const id of spec.ids) {
        const seen = new Set<string>();
        jobSubs.push({ watch: id, seen });
        client.subscribe({ query: JOB, variables: { id } }, sink(onJob("id", seen)));
      }
      void gotFirst.then(resolve);
    });
  // Connect with bounded parallelism, like real browsers arriving over a few seconds.
  let next = 0;
  const workers = Array.from({ length: m.connectConcurrency }, async () => {
    while (next < m.clients.length) {
      const i = next++;
      await connectOne(m.clients[i]!, i);
    }
  });
  await Promise.all(workers);
  send({ type: "connected", clients: m.clients.length, failed, ms: Date.now() - t0 });
}

process.on("message", (m: ParentMsg) => {
  if (m.type === "start") {
    start(m).catch((e) => send({ type: "error", error: String(e?.stack ?? e) }));
  } else if (m.type === "warm") {
    // A subscription is live once it has seen the warm-up job finish (all-jobs and per-id alike).
    const subs = jobSubs.filter((s) => s.watch === null || s.watch === m.id);
    send({ type: "warm", seen: subs.filter((s) => s.seen.has(m.id)).length, expected: subs.length });
  } else if (m.type === "report") {
    send({ type: "report", queue, jobs, errors });
    setTimeout(() => {
      for (const c of clients) void c?.dispose();
      setTimeout(() => process.exit(0), 500);
    }, 200);
  }
});
process.on("disconnect", () => process.exit(0));
console.log("fanout client ready");
