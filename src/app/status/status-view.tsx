"use client";
// /status: queue health and a live job list. Subscriptions keep it current; the refresh selector
// and Refresh button cover users whose proxies drop websockets.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  JobsLiveDocument,
  QueueLiveDocument,
  RetryJobDocument,
  StatusPageDocument,
  type JobRowFragment,
  type JobStatus,
  type QueueStatsFieldsFragment,
} from "../../generated/graphql/operations";
import { gql, subscribe } from "../../ui/graphql-client";
import { ConnectionIndicator, MetricCard, RefreshControls, StatusBadge } from "../../ui/components";
import { formatDuration, formatNumber } from "../../domain/format";

const STATUSES: JobStatus[] = ["Pending", "Running", "Success", "Failed", "Cancelled"];
const PAGE = 50;

export function StatusView() {
  const [stats, setStats] = useState<QueueStatsFieldsFragment | null>(null);
  const [jobs, setJobs] = useState<JobRowFragment[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [statusFilter, setStatusFilter] = useState<JobStatus | "">("");
  const [intervalMs, setIntervalMs] = useState(30_000);
  const filterRef = useRef(statusFilter);
  filterRef.current = statusFilter;

  const load = useCallback(async () => {
    setBusy(true);
    try {
      const data = await gql(StatusPageDocument, {
        first: PAGE,
        filter: statusFilter ? { status: [statusFilter] } : null,
      });
      setStats(data.queueStats);
      setJobs(data.jobs.nodes);
      setTotal(data.jobs.totalCount);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }, [statusFilter]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!intervalMs) return;
    const t = setInterval(() => void load(), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, load]);

  useEffect(() => {
    const offQueue = subscribe(QueueLiveDocument, {}, (d) => setStats(d.queueUpdated));
    const offJobs = subscribe(JobsLiveDocument, {}, (d) => {
      const job = d.jobUpdated;
      setJobs((prev) => {
        if (!prev) return prev;
        const matches = !filterRef.current || job.status === filterRef.current;
        const i = prev.findIndex((j) => j.id === job.id);
        if (i >= 0) {
          const next = [...prev];
          if (matches) next[i] = job;
          else next.splice(i, 1);
          return next;
        }
        if (!matches) return prev;
        setTotal((t) => t + 1);
        return [job, ...prev].slice(0, PAGE);
      });
    });
    return () => {
      offQueue();
      offJobs();
    };
  }, []);

  async function retry(id: string) {
    try {
      const { retryJob } = await gql(RetryJobDocument, { id });
      setJobs((prev) => prev?.map((j) => (j.id === id ? retryJob : j)) ?? prev);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">System Status</h1>
        <div className="flex items-center gap-4">
          <ConnectionIndicator polling={intervalMs > 0} />
          <RefreshControls intervalMs={intervalMs} onInterval={setIntervalMs} onRefresh={() => void load()} busy={busy} />
        </div>
      </div>
      {error && (
        <div role="alert" className="flex items-center justify-between rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          <span>Could not load: {error}</span>
          <button type="button" className="underline" onClick={() => void load()}>
            Retry
          </button>
        </div>
      )}
      <section aria-labelledby="queue-heading" className="space-y-3">
        <h2 id="queue-heading" className="text-lg font-semibold">
          Job Queue
        </h2>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="queue-metrics">
          <MetricCard label="Active Workers" value={stats ? `${stats.busySlots} / ${stats.totalSlots}` : "…"} hint={stats ? `${stats.workersOnline} worker process${stats.workersOnline === 1 ? "" : "es"} online` : undefined} />
          <MetricCard label="Queue Depth" value={stats ? formatNumber(stats.pending) : "…"} hint="pending jobs" />
          <MetricCard label="Running" value={stats ? formatNumber(stats.running) : "…"} />
          <MetricCard
            label="Failure Rate (1h)"
            value={stats ? `${(stats.failureRate1h * 100).toFixed(1)}%` : "…"}
            hint={stats ? `${formatNumber(stats.failed1h)} failed, ${formatNumber(stats.completed1h)} succeeded` : undefined}
            tone={stats && stats.failureRate1h > 0.1 ? "bad" : "default"}
          />
        </div>
        <div className="flex items-center gap-3">
          <label className="text-sm">
            Status{" "}
            <select
              aria-label="Filter by status"
              value={statusFilter}
              onChange={(e) => setStatusFilter(e.target.value as JobStatus | "")}
              className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            >
              <option value="">All</option>
              {STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <span className="text-sm text-slate-600 dark:text-slate-400">{formatNumber(total)} jobs</span>
        </div>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm" data-testid="jobs-table">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th className="px-3 py-2">ID</th>
                <th className="px-3 py-2">Type</th>
                <th className="px-3 py-2">Args</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2 text-right">Duration</th>
                <th className="px-3 py-2">Worker ID</th>
                <th className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs === null &&
                Array.from({ length: 5 }, (_, i) => (
                  <tr key={i} className="animate-pulse">
                    <td colSpan={7} className="px-3 py-3">
                      <div className="h-3 rounded bg-slate-200 dark:bg-slate-800" />
                    </td>
                  </tr>
                ))}
              {jobs?.length === 0 && (
                <tr>
                  <td colSpan={7} className="px-3 py-8 text-center text-slate-600 dark:text-slate-400">
                    No jobs yet. Submit one from a pipeline page or with the <code>submitJob</code> mutation in the GraphQL playground.
                  </td>
                </tr>
              )}
              {jobs?.map((j) => (
                <tr key={j.id} data-job-id={j.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <td className="px-3 py-2 font-mono text-xs" title={j.id}>
                    {j.id.slice(0, 8)}
                  </td>
                  <td className="px-3 py-2">{j.type}</td>
                  <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={j.argsSummary}>
                    {j.argsSummary}
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={j.status} />
                    {j.status === "Running" && j.progress.total ? (
                      <span className="ml-2 text-xs tabular-nums">{Math.round(j.progress.percent ?? 0)}%</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatDuration(j.durationMs)}</td>
                  <td className="px-3 py-2 font-mono text-xs">{j.workerId ?? "—"}</td>
                  <td className="px-3 py-2 text-right">
                    {j.status === "Failed" && (
                      <button
                        type="button"
                        onClick={() => void retry(j.id)}
                        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                        title={j.errorMessage ?? undefined}
                      >
                        Retry
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
