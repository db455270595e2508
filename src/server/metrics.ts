// GET /metrics in Prometheus text format. Gauges that describe the database (jobs by status, queue
// depth, workers, phase counts) are read at scrape time; job durations come from the event stream
// (every instance sees every job, so any one instance can be scraped).
import client from "prom-client";
import type { Services } from "../graphql/context.ts";
import { queueStats } from "../domain/job-queries.ts";
import { phaseProgress } from "../domain/phase-progress.ts";
import { PIPELINES } from "../domain/registry.ts";
import type { EventHub } from "../domain/events.ts";

export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  subscriptions: client.Gauge;
}

export function createMetrics(services: Services, hub: EventHub): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "pipewatch_process_" });
  const db = services.db;

  new client.Gauge({
    name: "pipewatch_jobs",
    help: "Jobs in the history table by type and status",
    labelNames: ["type", "status"],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.$queryRaw<{ type: string; status: string; n: bigint }[]>`
        SELECT type, status::text AS status, count(*) AS n FROM jobs GROUP BY 1, 2`;
      for (const r of rows) this.set({ type: r.type, status: r.status }, Number(r.n));
    },
  });
  const queue = { depth: 0, running: 0, workers: 0 };
  const refreshQueue = async () => {
    const q = await queueStats(db, services.heartbeatMs);
    Object.assign(queue, { depth: q.pending, running: q.running, workers: q.workersOnline });
  };
  new client.Gauge({ name: "pipewatch_queue_depth", help: "Pending jobs", registers: [registry], async collect() { await refreshQueue(); this.set(queue.depth); } });
  new client.Gauge({ name: "pipewatch_jobs_running", help: "Running jobs", registers: [registry], collect() { this.set(queue.running); } });
  new client.Gauge({ name: "pipewatch_workers_online", help: "Worker processes with a recent heartbeat", registers: [registry], collect() { this.set(queue.workers); } });
  new client.Gauge({
    name: "pipewatch_phase_assets",
    help: "Assets per pipeline phase and state",
    labelNames: ["pipeline", "phase", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const p of PIPELINES) {
        for (const ph of await phaseProgress(db, p.key)) {
          for (const state of ["pending", "processing", "done", "failed"] as const) this.set({ pipeline: p.key, phase: ph.phase, state }, ph[state]);
        }
      }
    },
  });
  const jobDuration = new client.Histogram({
    name: "pipewatch_job_duration_seconds",
    help: "Duration of finished job attempts by type and outcome",
    labelNames: ["type", "status"],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  hub.on((e) => {
    if (e.k !== "job" || !e.row) return;
    const { status, durationMs, type } = e.row as { status: string; durationMs: number | null; type: string };
    if ((status === "Success" || status === "Failed") && typeof durationMs === "number") {
      jobDuration.observe({ type, status }, durationMs / 1000);
    }
  });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "pipewatch_http_request_duration_seconds",
      help: "HTTP request latency",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    subscriptions: new client.Gauge({ name: "pipewatch_subscriptions", help: "Active GraphQL subscriptions on this instance", registers: [registry] }),
  };
}
