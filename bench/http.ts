// HTTP load: autocannon against a real server process, per REST route (routes that do not exist
// yet are detected with a first request and skipped with a note).
import autocannon from "autocannon";
import {
  type BenchOptions,
  type BenchResult,
  createDatabase,
  cpuMs,
  finishMachineInfo,
  fmt,
  log,
  machineInfo,
  machineLine,
  rssBytes,
  sleep,
  startServer,
  table,
} from "./lib.ts";

export const name = "http";

const ROUTES = ["/api/health", "/api/status/deep", "/api/etl/stats?etl_type=fathom"];

interface Params {
  routes: string[];
  durationSec: number;
  warmupSec: number;
  connections: number;
  pipelining: number;
}

interface RouteResult {
  route: string;
  skipped?: string;
  firstStatus: number;
  requests?: number;
  reqPerSec?: number;
  latencyMs?: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors?: number;
  timeouts?: number;
  non2xx?: number;
  throughputBytesPerSec?: number;
  rssBeforeBytes?: number;
  rssPeakBytes?: number;
  rssAfterBytes?: number;
  /** Server process CPU during the run, % of one core. */
  serverCpuPct?: number;
}

interface HttpSummary {
  routes: RouteResult[];
}

function cannon(url: string, durationSec: number, p: Params): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: p.connections, pipelining: p.pipelining, duration: durationSec }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

export async function run(opts: BenchOptions): Promise<BenchResult<Params, HttpSummary>> {
  const p: Params = {
    routes: ROUTES,
    durationSec: Number(process.env.BENCH_HTTP_SECONDS ?? (opts.quick ? 3 : 30)),
    warmupSec: opts.quick ? 1 : 3,
    connections: 10,
    pipelining: 1,
  };
  const machine = await machineInfo();
  const db = await createDatabase("http");
  const routes: RouteResult[] = [];
  const notes = [
    "Server: src/server/main.ts as its own process (PIPEWATCH_NO_UI=1, in-process worker idle, other settings default); autocannon runs in the bench process on the same machine.",
    `${p.connections} connections, pipelining ${p.pipelining}, ${p.durationSec} s per route after a ${p.warmupSec} s warm-up; latency percentiles are autocannon's.`,
  ];
  try {
    const server = await startServer(db.url);
    try {
      await sleep(1000);
      for (const route of p.routes) {
        const url = server.url + route;
        const first = await fetch(url);
        await first.arrayBuffer();
        if (first.status === 404) {
          routes.push({ route, firstStatus: 404, skipped: "route not implemented yet (404)" });
          notes.push(`${route} skipped: the server answered 404 (not implemented yet).`);
          log(`http: ${route} → 404, skipped`);
          continue;
        }
        log(`http: ${route} (first answer ${first.status}) for ${p.durationSec} s`);
        await cannon(url, p.warmupSec, p);
        const rssBefore = rssBytes(server.pid);
        let rssPeak = rssBefore;
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssBytes(server.pid))), 250);
        const cpu0 = cpuMs(server.pid);
        const t0 = Date.now();
        let res: autocannon.Result;
        try {
          res = await cannon(url, p.durationSec, p);
        } finally {
          clearInterval(sampler);
        }
        const serverCpuPct = Math.round(((cpuMs(server.pid) - cpu0) / (Date.now() - t0)) * 1000) / 10;
        const r: RouteResult = {
          route,
          firstStatus: first.status,
          requests: res.requests.total,
          reqPerSec: Math.round(res.requests.average),
          latencyMs: {
            p50: res.latency.p50,
            p90: res.latency.p90,
            p99: res.latency.p99,
            max: res.latency.max,
            mean: Math.round(res.latency.mean * 100) / 100,
          },
          errors: res.errors,
          timeouts: res.timeouts,
          non2xx: res.non2xx,
          throughputBytesPerSec: Math.round(res.throughput.average),
          rssBeforeBytes: rssBefore,
          rssPeakBytes: rssPeak,
          rssAfterBytes: rssBytes(server.pid),
          serverCpuPct,
        };
        routes.push(r);
        log(
          `  ${fmt(r.reqPerSec)} req/s, p50 ${r.latencyMs!.p50} ms, p99 ${r.latencyMs!.p99} ms, ` +
            `${r.errors} errors, ${r.non2xx} non-2xx, RSS peak ${fmt(rssPeak / 2 ** 20, 1)} MiB`,
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
  return { name, quick: opts.quick, machine: finishMachineInfo(machine), params: p, summary: { routes }, notes };
}

export function markdown(r: BenchResult<Params, HttpSummary>): string {
  const rows = r.summary.routes.map((x) =>
    x.skipped
      ? [`\`${x.route}\``, `_skipped: ${x.skipped}_`, "", "", "", "", "", ""]
      : [
          `\`${x.route}\``,
          `**${fmt(x.reqPerSec)}**`,
          fmt(x.latencyMs!.p50),
          `**${fmt(x.latencyMs!.p99)}**`,
          `${fmt(x.errors)} / ${fmt(x.timeouts)}`,
          fmt(x.non2xx),
          `${fmt(x.rssBeforeBytes! / 2 ** 20, 1)} → ${fmt(x.rssPeakBytes! / 2 ** 20, 1)}`,
          `${fmt(x.serverCpuPct)} %`,
        ],
  );
  return [
    `### http — autocannon, ${r.params.connections} connections, ${r.params.durationSec} s per route`,
    "",
    machineLine(r.machine, r.quick),
    "",
    table(["route", "req/s", "p50 ms", "p99 ms", "errors / timeouts", "non-2xx", "server RSS MiB (before → peak)", "server CPU"], rows),
  ].join("\n");
}
