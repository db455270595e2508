// Subscription fan-out: a real server process, ~1,000 graphql-ws clients (spread over a few client
// processes), Diagnostic jobs going Pending → Running → Success one at a time, and the latency from
// each change to its receipt at every subscriber. Also server RSS before/after the clients connect.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { ChildMsg, ClientSpec, ParentMsg } from "./fanout-client.ts";
import { type ProfileSummary, summarizeProfile } from "./profile.ts";
import {
  type BenchOptions,
  type BenchResult,
  type Proc,
  type Summary,
  Inspector,
  type MemoryUsage,
  createDatabase,
  cpuMs,
  finishMachineInfo,
  fmt,
  insertTrackedJobs,
  log,
  machineInfo,
  machineLine,
  median,
  rssBytes,
  sleep,
  startProcess,
  startServer,
  summarize,
  table,
} from "./lib.ts";

export const name = "fanout";

interface Params {
  clients: number;
  clientProcesses: number;
  /** Every n-th client also subscribes to jobUpdated (all jobs). */
  allJobsEvery: number;
  /** Every n-th client (offset 1) also subscribes to jobUpdated(id) for each measured job. */
  perIdEvery: number;
  rounds: number;
  roundGapMs: number;
  jobSleepMs: number;
  feedIntervalsMs: number[];
  connectConcurrencyPerProcess: number;
}

type Latency = Summary & { expected: number; missing: number };

interface SettingResult {
  feedIntervalMs: number;
  clients: number;
  failedClients: number;
  /** Subscriptions per feed; jobUpdatedById counts clients (each subscribed to every measured job). */
  subscriptions: { queueUpdated: number; jobUpdatedAll: number; jobUpdatedById: number };
  connectMs: number;
  /** Server process.memoryUsage() right after a forced full GC (inspector), without and with clients. */
  memoryIdle: MemoryUsage;
  memoryConnected: MemoryUsage;
  rssAfterBytes: number;
  /** Δ(V8 heap used + external) / clients: the memory a connection keeps alive, GC-exact. */
  bytesPerConnection: number;
  /** Δ RSS / clients: indicative only (freed memory is not always returned to the OS). */
  rssBytesPerConnection: number;
  /** BENCH_FANOUT_PROFILE=1: where the server's CPU went during the measured rounds (inspector profile). */
  serverProfile?: ProfileSummary;
  /** Server process CPU while the rounds ran, % of one core. */
  serverCpuPct: number;
  /** Latency from the change's transaction timestamp (queuedAt / startedAt / finishedAt = now() of the writing transaction). */
  queueUpdated: Latency;
  queueUpdatedByTransition: Record<string, Summary>;
  jobUpdatedAll: Latency;
  jobUpdatedById: Latency;
  /** Same deliveries, measured from when our own LISTEN connection received the NOTIFY (≈ commit). */
  fromCommitSeen: { queueUpdated: Summary; jobUpdatedAll: Summary; jobUpdatedById: Summary };
  /** updatedAt → NOTIFY seen by a direct LISTEN connection: the transaction's tail + commit + delivery. */
  txToNotifyMs: Summary;
  clientErrors: string[];
}

interface FanoutSummary {
  goalP95Ms: number;
  settings: SettingResult[];
}

const GOAL_P95 = 250;

function lat(values: number[], expected: number): Latency {
  return { ...summarize(values), expected, missing: Math.max(0, expected - values.length) };
}

function request(child: Proc, msg: ParentMsg, want: ChildMsg["type"], timeoutMs: number): Promise<ChildMsg> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.proc.off("message", on);
      reject(new Error(`client process did not answer ${msg.type} in ${timeoutMs} ms:\n${child.output().slice(-3000)}`));
    }, timeoutMs);
    const on = (m: ChildMsg) => {
      if (m.type === "error") {
        clearTimeout(timer);
        child.proc.off("message", on);
        reject(new Error(`client process failed: ${m.error}`));
      } else if (m.type === want) {
        clearTimeout(timer);
        child.proc.off("message", on);
        resolve(m);
      }
    };
    child.proc.on("message", on);
    child.proc.send(msg);
  });
}

async function runSetting(p: Params, feedIntervalMs: number, dbUrl: string): Promise<SettingResult> {
  log(`fanout: FEED_INTERVAL_MS=${feedIntervalMs}, ${p.clients} clients in ${p.clientProcesses} processes`);
  const profile = process.env.BENCH_FANOUT_PROFILE === "1";
  const server = await startServer(dbUrl, { FEED_INTERVAL_MS: String(feedIntervalMs) }, ["--inspect=127.0.0.1:0"]);
  let inspector: Inspector | undefined;
  const c = new pg.Client({ connectionString: dbUrl });
  const listener = new pg.Client({ connectionString: dbUrl });
  const children: Proc[] = [];
  const notifySeen = new Map<string, number>();
  const txToNotify: number[] = [];
  try {
    await c.connect();
    await listener.connect();
    listener.on("notification", (n) => {
      const now = Date.now();
      if (n.channel !== "pipewatch" || !n.payload) return;
      // Job changes come packed per statement: {"k":"jobs","rows":[{id,row},…]} (notify_jobs_per_statement).
      type Row = { id: string; row?: { status: string; updatedAt: string } };
      const e = JSON.parse(n.payload) as { k: string; rows?: Row[] };
      if (e.k !== "jobs") return;
      for (const r of e.rows ?? []) {
        if (!r.row) continue;
        const key = `${r.id}|${r.row.status}`;
        if (!notifySeen.has(key)) {
          notifySeen.set(key, now);
          txToNotify.push(now - Date.parse(r.row.updatedAt));
        }
      }
    });
    await listener.query("LISTEN pipewatch");
    // Exercise the server once without clients (worker, Prisma, feeds) so the idle RSS is warm.
    for (let i = 0; i < 3; i++) await insertTrackedJobs(c, [randomUUID()], "Diagnostic", {});
    await sleep(3000);
    inspector = await Inspector.attach(server);
    const idle = await inspector.gcAndMeasure();

    const warmIds = Array.from({ length: 6 }, () => randomUUID());
    const roundIds = Array.from({ length: p.rounds }, () => randomUUID());
    const specs: ClientSpec[] = Array.from({ length: p.clients }, (_, i) => ({
      all: i % p.allJobsEvery === 0,
      ids: i % p.perIdEvery === 1 ? [...warmIds, ...roundIds] : [],
    }));
    const subscriptions = {
      queueUpdated: p.clients,
      jobUpdatedAll: specs.filter((s) => s.all).length,
      jobUpdatedById: specs.filter((s) => s.ids.length).length,
    };
    const per = Math.ceil(p.clients / p.clientProcesses);
    const chunks = Array.from({ length: p.clientProcesses }, (_, k) => specs.slice(k * per, (k + 1) * per)).filter((ch) => ch.length);
    for (let k = 0; k < chunks.length; k++) {
      children.push(await startProcess("bench/fanout-client.ts", {}, /fanout client ready/, { ipc: true }));
    }
    const t0 = Date.now();
    const connected = await Promise.all(
      children.map((ch, k) =>
        request(ch, { type: "start", url: server.url, clients: chunks[k]!, connectConcurrency: p.connectConcurrencyPerProcess }, "connected", 180_000),
      ),
    );
    const connectMs = Date.now() - t0;
    const failedClients = connected.reduce((n, m) => n + (m.type === "connected" ? m.failed : 0), 0);
    log(`  ${p.clients - failedClients}/${p.clients} clients connected and receiving queueUpdated in ${fmt(connectMs / 1000, 1)} s`);

    // Warm-up: a job every subscription must see finish before measuring starts.
    let warm = false;
    let lastAnswers: ChildMsg[] = [];
    for (const id of warmIds) {
      await insertTrackedJobs(c, [id], "Diagnostic", {});
      const until = Date.now() + 10_000;
      while (Date.now() < until && !warm) {
        await sleep(300);
        const answers = await Promise.all(children.map((ch) => request(ch, { type: "warm", id }, "warm", 30_000)));
        lastAnswers = answers;
        warm = answers.every((a) => a.type === "warm" && a.seen === a.expected);
      }
      if (warm) break;
    }
    if (!warm) {
      const jobs = (await c.query(`SELECT id, status, "errorMessage" FROM jobs WHERE id = ANY($1::uuid[])`, [warmIds])).rows;
      throw new Error(
        `job subscriptions never all saw the warm-up jobs: ${JSON.stringify(lastAnswers)}; jobs: ${JSON.stringify(jobs)}\n${server.output().slice(-3000)}`,
      );
    }
    await sleep(1500);
    const withClients = await inspector.gcAndMeasure();
    log(
      `  server after GC: RSS ${fmt(idle.rss / 2 ** 20, 1)} → ${fmt(withClients.rss / 2 ** 20, 1)} MiB, ` +
        `heap+external ${fmt((idle.heapUsed + idle.external) / 2 ** 20, 1)} → ${fmt((withClients.heapUsed + withClients.external) / 2 ** 20, 1)} MiB with clients`,
    );

    // Measured rounds: one job at a time, so every queueUpdated state is unambiguous.
    if (profile) await inspector.startProfile();
    const cpu0 = cpuMs(server.pid);
    const r0 = Date.now();
    for (const id of roundIds) {
      await insertTrackedJobs(c, [id], "Diagnostic", { sleepMs: p.jobSleepMs });
      await sleep(p.roundGapMs);
    }
    await sleep(1000);
    const serverCpuPct = Math.round(((cpuMs(server.pid) - cpu0) / (Date.now() - r0)) * 1000) / 10;
    const rssAfter = rssBytes(server.pid);
    const serverProfile = profile ? summarizeProfile(await inspector.stopProfile(), 20) : undefined;

    const reports = await Promise.all(children.map((ch) => request(ch, { type: "report" }, "report", 60_000)));
    const { rows } = await c.query<{ id: string; q: number; s: number; f: number; status: string }>(
      `SELECT id::text, extract(epoch FROM "queuedAt") * 1000 AS q, extract(epoch FROM "startedAt") * 1000 AS s,
              extract(epoch FROM "finishedAt") * 1000 AS f, status::text
       FROM jobs WHERE id = ANY($1::uuid[])`,
      [roundIds],
    );
    const bad = rows.filter((r) => r.status !== "Success");
    if (rows.length !== roundIds.length || bad.length) throw new Error(`measured jobs did not all succeed: ${JSON.stringify(rows)}`);
    const round = new Map(rows.map((r) => [r.id, { Pending: Number(r.q), Running: Number(r.s), Success: Number(r.f) }]));
    const roundSet = new Set<string>(roundIds);

    // jobUpdated: every delivery of a measured job, from the timestamp its transaction wrote.
    const all: number[] = [];
    const byId: number[] = [];
    const allCommit: number[] = [];
    const byIdCommit: number[] = [];
    const clientErrors: string[] = [];
    for (const rep of reports) {
      if (rep.type !== "report") continue;
      clientErrors.push(...rep.errors);
      for (const [, feed, id, status, changedAt, recv] of rep.jobs) {
        if (!roundSet.has(id)) continue;
        (feed === "all" ? all : byId).push(recv - changedAt);
        const seen = notifySeen.get(`${id}|${status}`);
        if (seen !== undefined) (feed === "all" ? allCommit : byIdCommit).push(recv - seen);
      }
    }
    // queueUpdated: for each client and transition, the first push that reflects it.
    const preds: Record<"Pending" | "Running" | "Success", (pending: number, running: number) => boolean> = {
      Pending: (pd, rn) => pd + rn >= 1, // the job is visible (it may already be running)
      Running: (pd, rn) => rn >= 1 && pd === 0,
      Success: (pd, rn) => rn === 0 && pd === 0,
    };
    const queue: number[] = [];
    const queueCommit: number[] = [];
    const byTransition: Record<string, number[]> = { Pending: [], Running: [], Success: [] };
    let queueExpected = 0;
    for (const rep of reports) {
      if (rep.type !== "report") continue;
      for (const pushes of rep.queue) {
        if (!pushes) continue;
        for (const id of roundIds) {
          const times = round.get(id)!;
          for (const tr of ["Pending", "Running", "Success"] as const) {
            queueExpected++;
            const t = times[tr];
            const hit = pushes.find(([recv, pd, rn]) => recv > t && recv < t + p.roundGapMs && preds[tr](pd, rn));
            if (!hit) continue;
            queue.push(hit[0] - t);
            byTransition[tr]!.push(hit[0] - t);
            const seen = notifySeen.get(`${id}|${tr}`);
            if (seen !== undefined) queueCommit.push(hit[0] - seen);
          }
        }
      }
    }
    const okClients = p.clients - failedClients;
    const result: SettingResult = {
      feedIntervalMs,
      clients: p.clients,
      failedClients,
      subscriptions,
      connectMs,
      memoryIdle: idle,
      memoryConnected: withClients,
      rssAfterBytes: rssAfter,
      bytesPerConnection: Math.round(
        (withClients.heapUsed + withClients.external - idle.heapUsed - idle.external) / Math.max(1, okClients),
      ),
      rssBytesPerConnection: Math.round((withClients.rss - idle.rss) / Math.max(1, okClients)),
      serverCpuPct,
      queueUpdated: lat(queue, queueExpected),
      queueUpdatedByTransition: Object.fromEntries(Object.entries(byTransition).map(([k, v]) => [k, summarize(v)])),
      jobUpdatedAll: lat(all, subscriptions.jobUpdatedAll * p.rounds * 3),
      jobUpdatedById: lat(byId, subscriptions.jobUpdatedById * p.rounds * 3),
      fromCommitSeen: { queueUpdated: summarize(queueCommit), jobUpdatedAll: summarize(allCommit), jobUpdatedById: summarize(byIdCommit) },
      txToNotifyMs: summarize(txToNotify),
      clientErrors: clientErrors.slice(0, 20),
      serverProfile,
    };
    log(
      `  queueUpdated p50/p95/p99 ${result.queueUpdated.p50}/${result.queueUpdated.p95}/${result.queueUpdated.p99} ms · ` +
        `jobUpdated(all) ${result.jobUpdatedAll.p50}/${result.jobUpdatedAll.p95}/${result.jobUpdatedAll.p99} ms · ` +
        `jobUpdated(id) ${result.jobUpdatedById.p50}/${result.jobUpdatedById.p95}/${result.jobUpdatedById.p99} ms · ` +
        `${fmt(result.bytesPerConnection / 1024, 1)} KiB/connection`,
    );
    return result;
  } finally {
    inspector?.close();
    for (const ch of children) await ch.stop("SIGTERM", 5_000);
    await listener.end().catch(() => {});
    await c.end().catch(() => {});
    await server.stop();
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult<Params, FanoutSummary>> {
  const p: Params = {
    clients: Number(process.env.BENCH_FANOUT_CLIENTS ?? (opts.quick ? 200 : 1000)),
    clientProcesses: Number(process.env.BENCH_FANOUT_PROCS ?? (opts.quick ? 2 : 4)),
    allJobsEvery: 5,
    perIdEvery: 20,
    rounds: Number(process.env.BENCH_FANOUT_ROUNDS ?? (opts.quick ? 3 : 12)),
    roundGapMs: 2500,
    jobSleepMs: 1000,
    // 150 = the default (src/config.ts); 500 shows what a longer coalescing window costs.
    feedIntervalsMs: [150, 500],
    connectConcurrencyPerProcess: 25,
  };
  const machine = await machineInfo();
  const db = await createDatabase("fanout");
  const settings: SettingResult[] = [];
  try {
    for (const feed of p.feedIntervalsMs) settings.push(await runSetting(p, feed, db.url));
  } finally {
    await db.drop();
  }
  const notes = [
    "Server: src/server/main.ts as its own process (PIPEWATCH_NO_UI=1, in-process worker, other settings default) with FEED_INTERVAL_MS as listed.",
    `Clients: graphql-ws + ws in ${p.clientProcesses} child processes. Every client subscribes to queueUpdated { pending running }; every ${p.allJobsEvery}th also to jobUpdated (all jobs); every ${p.perIdEvery}th to jobUpdated(id) for each measured job (subscribed before the job exists).`,
    `Load: ${p.rounds} Diagnostic jobs {sleepMs: ${p.jobSleepMs}}, one every ${p.roundGapMs} ms, each inserted with submitJobTx's SQL (Job row + add_job in one transaction; ids chosen by the bench). Each job makes three changes: Pending (insert), Running, Success.`,
    "Latency = receipt time at the client (Date.now()) − the change's transaction timestamp: the timestamp the writing transaction stored with that status (queuedAt for Pending, startedAt for Running, finishedAt for Success: now() of that transaction, which also sets updatedAt, so a few ms before its commit) — read from the payload for jobUpdated and from the jobs table for queueUpdated, where the receipt is the first push whose pending/running counts reflect the change.",
    "fromCommitSeen: the same deliveries measured from the moment the bench's own LISTEN connection got the NOTIFY (Postgres sends it at commit), i.e. excluding the transaction itself.",
    "Memory per connection = Δ(V8 heapUsed + external) / clients between the idle server and the server with every client subscribed, each read with process.memoryUsage() right after a forced full GC (the server runs with --inspect=127.0.0.1:0 so the bench can call HeapProfiler.collectGarbage and Runtime.evaluate). The RSS delta is listed as indicative only: memory freed by GC is not always returned to the OS, so it can even shrink.",
  ];
  return {
    name,
    quick: opts.quick,
    machine: finishMachineInfo(machine),
    params: p,
    summary: { goalP95Ms: GOAL_P95, settings },
    notes,
  };
}

export function markdown(r: BenchResult<Params, FanoutSummary>): string {
  const rows: (string | number)[][] = [];
  for (const s of r.summary.settings) {
    const line = (feed: string, subs: number, l: Latency, c: Summary) => [
      s.feedIntervalMs,
      feed,
      fmt(subs),
      `${fmt(l.n)}${l.missing ? ` (${fmt(l.missing)} missing)` : ""}`,
      fmt(l.p50),
      `**${fmt(l.p95)}**`,
      fmt(l.p99),
      fmt(l.max),
      l.p95 < r.summary.goalP95Ms ? "met" : "**missed**",
      `${fmt(c.p50)} / ${fmt(c.p95)}`,
    ];
    rows.push(line("queueUpdated", s.subscriptions.queueUpdated, s.queueUpdated, s.fromCommitSeen.queueUpdated));
    rows.push(line("jobUpdated (all jobs)", s.subscriptions.jobUpdatedAll, s.jobUpdatedAll, s.fromCommitSeen.jobUpdatedAll));
    rows.push(line("jobUpdated(id)", s.subscriptions.jobUpdatedById, s.jobUpdatedById, s.fromCommitSeen.jobUpdatedById));
  }
  const mem = r.summary.settings.map((s) => [
    s.feedIntervalMs,
    fmt(s.clients - s.failedClients),
    fmt(s.connectMs / 1000, 1),
    `${fmt((s.memoryIdle.heapUsed + s.memoryIdle.external) / 2 ** 20, 1)} → ${fmt((s.memoryConnected.heapUsed + s.memoryConnected.external) / 2 ** 20, 1)}`,
    `**${fmt(s.bytesPerConnection / 1024, 1)}**`,
    `${fmt(s.memoryIdle.rss / 2 ** 20, 1)} → ${fmt(s.memoryConnected.rss / 2 ** 20, 1)} (${fmt(s.rssBytesPerConnection / 1024, 1)} KiB/conn.)`,
    `${fmt(s.serverCpuPct)} %`,
    `${fmt(s.txToNotifyMs.p50)} / ${fmt(s.txToNotifyMs.p95)}`,
  ]);
  const transitions = r.summary.settings.map((s) => {
    const t = s.queueUpdatedByTransition;
    const f = (k: string) => (t[k] ? `${fmt(t[k]!.p50)} / ${fmt(t[k]!.p95)}` : "–");
    return `FEED_INTERVAL_MS=${s.feedIntervalMs}: queueUpdated p50 / p95 ms by change — Pending ${f("Pending")}, Running ${f("Running")} (follows Pending within ms, so it waits for the interval), Success ${f("Success")}.`;
  });
  return [
    `### fanout — ${fmt(r.params.clients)} graphql-ws clients, ${r.params.rounds} jobs × 3 changes per setting`,
    "",
    machineLine(r.machine, r.quick),
    "",
    table(
      [
        "FEED_INTERVAL_MS",
        "subscription",
        "subscribers",
        "deliveries",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        `goal p95 < ${r.summary.goalP95Ms}`,
        "from commit seen p50 / p95 ms",
      ],
      rows,
    ),
    "",
    ...transitions.flatMap((l) => [l, ""]),
    table(
      [
        "FEED_INTERVAL_MS",
        "clients",
        "connect s",
        "heap + external MiB, idle → with clients",
        "KiB per connection",
        "RSS MiB, idle → with clients (indicative)",
        "server CPU during rounds",
        "tx → NOTIFY p50 / p95 ms",
      ],
      mem,
    ),
  ].join("\n");
}
