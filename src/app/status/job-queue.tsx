"use client";
// Job Queue (seed 000 §2.1): Active Workers n / total, Queue Depth, Failure Rate (1h), a throughput
// chart, and the job table with status/type filters, search, cursor pagination and retries.
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  JobsLiveDocument,
  QueueLiveDocument,
  RetryFailedJobsDocument,
  RetryJobDocument,
  StatusPageDocument,
  type JobRowFragment,
  type JobStatus,
  type StatusPanelsQuery,
  type StatusPageQuery,
} from "../../generated/graphql/operations";
import { gql } from "../../ui/graphql-client";
import { ErrorBanner, MetricCard, Section, SkeletonRows, StatusBadge, btn, btnSmall, card, input, link, muted, td, th } from "../../ui/components";
import { clock, DONE_SERIES, FAILED_SERIES, StackedBars } from "../../ui/charts";
import { elapsedMs, formatDuration, formatNumber, formatPercent, shortId } from "../../ui/format";
import { useDebounced, useLoader, useNow, useSubscription } from "../../ui/hooks";
import { useCanWrite } from "../../ui/viewer";

const STATUSES: JobStatus[] = ["Pending", "Running", "Success", "Failed", "Cancelled"];
const PAGE = 25;

export interface JobTableFilters {
  status: JobStatus | "";
  type: string;
  search: string;
  hideTasks: boolean;
}

function matches(j: JobRowFragment, f: JobTableFilters): boolean {
  if (f.status && j.status !== f.status) return false;
  if (f.type && j.type !== f.type) return false;
  if (f.hideTasks && j.parentId) return false;
  const q = f.search.trim().toLowerCase();
  if (q && !j.id.startsWith(q) && !j.type.toLowerCase().includes(q) && !j.argsSummary.toLowerCase().includes(q)) return false;
  return true;
}

/** Keeps the filters in the address bar so a filtered view can be shared (no navigation). */
function syncUrl(f: JobTableFilters) {
  const u = new URL(window.location.href);
  const set = (k: string, v: string) => (v ? u.searchParams.set(k, v) : u.searchParams.delete(k));
  set("status", f.status);
  set("type", f.type);
  set("q", f.search.trim());
  set("tasks", f.hideTasks ? "0" : "");
  window.history.replaceState(window.history.state, "", u);
}

export function JobQueue({
  initialFilters,
  refreshTick,
  jobTypes,
  throughput,
}: {
  initialFilters: JobTableFilters;
  refreshTick: number;
  jobTypes: StatusPanelsQuery["jobTypes"];
  throughput: StatusPanelsQuery["jobThroughput"] | null;
}) {
  const [status, setStatus] = useState<JobStatus | "">(initialFilters.status);
  const [type, setType] = useState(initialFilters.type);
  const [searchText, setSearchText] = useState(initialFilters.search);
  const [hideTasks, setHideTasks] = useState(initialFilters.hideTasks);
  const search = useDebounced(searchText, 300);
  /** Cursors of the pages before this one: [null] = first page. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const filters: JobTableFilters = { status, type, search, hideTasks };
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const firstPage = cursors.length === 1;
  const firstPageRef = useRef(firstPage);
  firstPageRef.current = firstPage;

  useEffect(() => {
    setCursors([null]);
    syncUrl({ status, type, search, hideTasks });
  }, [status, type, search, hideTasks]);

  const page = useLoader(
    useCallback(
      () =>
        gql(StatusPageDocument, {
          first: PAGE,
          after,
          filter: {
            status: status ? [status] : null,
            type: type ? [type] : null,
            search: search.trim() || null,
            topLevelOnly: hideTasks || null,
          },
        }),
      [status, type, search, hideTasks, after],
    ),
  );
  const [stats, setStats] = useState<StatusPageQuery["queueStats"] | null>(null);
  useEffect(() => {
    if (page.data) setStats(page.data.queueStats);
  }, [page.data]);
  const reloadRef = useRef(page.reload);
  reloadRef.current = page.reload;
  useEffect(() => {
    if (refreshTick) void reloadRef.current();
  }, [refreshTick]);

  useSubscription(QueueLiveDocument, {}, (d) => setStats(d.queueUpdated));
  useSubscription(JobsLiveDocument, {}, (d) => {
    const job = d.jobUpdated;
    page.setData((prev) => {
      if (!prev) return prev;
      const nodes = prev.jobs.nodes;
      const i = nodes.findIndex((j) => j.id === job.id);
      const ok = matches(job, filtersRef.current);
      let next = nodes;
      let total = prev.jobs.totalCount;
      if (i >= 0) {
        next = [...nodes];
        if (ok) next[i] = job;
        else {
          next.splice(i, 1);
          total--;
        }
      } else if (ok && firstPageRef.current) {
        next = [job, ...nodes].slice(0, PAGE);
        total++;
      } else return prev;
      return { ...prev, jobs: { ...prev.jobs, nodes: next, totalCount: Math.max(0, total) } };
    });
  });

  const [actionError, setActionError] = useState<string | null>(null);
  const [bulk, setBulk] = useState<"idle" | "confirm" | "busy">("idle");
  const [bulkResult, setBulkResult] = useState<string | null>(null);
  // Retry buttons only once the server said this browser may change things (the page header says why not).
  const canWrite = useCanWrite();

  async function retry(id: string) {
    setActionError(null);
    try {
      const { retryJob } = await gql(RetryJobDocument, { id });
      page.setData((prev) => prev && { ...prev, jobs: { ...prev.jobs, nodes: prev.jobs.nodes.map((j) => (j.id === id ? retryJob : j)) } });
    } catch (e) {
      setActionError((e as Error).message);
    }
  }

  async function retryAll() {
    setBulk("busy");
    setActionError(null);
    try {
      const { retryFailedJobs } = await gql(RetryFailedJobsDocument, { type: type ? [type] : null });
      setBulkResult(`Re-queued ${formatNumber(retryFailedJobs)} failed job${retryFailedJobs === 1 ? "" : "s"}${type ? ` of type ${type}` : ""}.`);
      void page.reload();
    } catch (e) {
      setActionError((e as Error).message);
    } finally {
      setBulk("idle");
    }
  }

  const now = useNow(5_000);
  const jobs = page.data?.jobs.nodes ?? null;
  const total = page.data?.jobs.totalCount ?? 0;
  const pageNo = cursors.length;
  const from = total ? (pageNo - 1) * PAGE + 1 : 0;
  const to = Math.min(total, (pageNo - 1) * PAGE + (jobs?.length ?? 0));

  return (
    <Section id="queue" title="Job Queue" description="Live: numbers and rows update as workers pick up and finish jobs.">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="queue-metrics">
        <MetricCard
          label="Active Workers"
          value={stats ? `${formatNumber(stats.busySlots)} / ${formatNumber(stats.totalSlots)}` : "…"}
          hint={stats ? `busy job slots; ${stats.workersOnline} worker process${stats.workersOnline === 1 ? "" : "es"} online` : undefined}
          tone={stats && stats.workersOnline === 0 ? "bad" : "default"}
        />
        <MetricCard label="Queue Depth" value={stats ? formatNumber(stats.pending) : "…"} hint="pending jobs" />
        <MetricCard label="Running" value={stats ? formatNumber(stats.running) : "…"} hint="jobs in progress" />
        <MetricCard
          label="Failure Rate (1h)"
          value={stats ? formatPercent(stats.failureRate1h * 100) : "…"}
          hint={stats ? `${formatNumber(stats.failed1h)} failed, ${formatNumber(stats.completed1h)} succeeded` : undefined}
          tone={stats && stats.failureRate1h > 0.1 ? "bad" : "default"}
        />
      </div>

      <div className={`${card} p-4`}>
        <h3 className="mb-2 text-sm font-semibold">Jobs finished per minute, last 3 hours</h3>
        {throughput ? (
          <StackedBars
            id="throughput"
            title="Jobs completed and failed per minute over the last 3 hours"
            unit="jobs"
            series={[{ ...DONE_SERIES, key: "completed" }, FAILED_SERIES]}
            points={throughput.map((p) => ({ label: clock(p.minute), values: { completed: p.completed, failed: p.failed } }))}
            axis={[clock(throughput[0]?.minute ?? new Date().toISOString()), clock(throughput[Math.floor(throughput.length / 2)]?.minute ?? new Date().toISOString()), "now"]}
          />
        ) : (
          <div className="h-40 animate-pulse rounded bg-slate-100 dark:bg-slate-800" aria-hidden />
        )}
      </div>

      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter jobs">
        <label className="flex flex-col gap-1 text-sm">
          <span className={muted}>Status</span>
          <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value as JobStatus | "")} className={input}>
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className={muted}>Type</span>
          <select aria-label="Filter by type" value={type} onChange={(e) => setType(e.target.value)} className={input}>
            <option value="">All types</option>
            {type && !jobTypes.some((t) => t.type === type) && <option value={type}>{type}</option>}
            {jobTypes.map((t) => (
              <option key={t.type} value={t.type}>
                {t.type}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className={muted}>Search</span>
          <input
            type="search"
            aria-label="Search jobs by id or args"
            placeholder="id prefix, type or args…"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            className={`${input} w-64`}
          />
        </label>
        <label className="flex items-center gap-2 pb-1 text-sm">
          <input type="checkbox" checked={hideTasks} onChange={(e) => setHideTasks(e.target.checked)} className="h-4 w-4 accent-blue-700" />
          Hide fan-out tasks
        </label>
        <span className={`pb-1 text-sm tabular-nums ${muted}`} data-testid="jobs-total" aria-live="polite">
          {formatNumber(total)} job{total === 1 ? "" : "s"}
        </span>
        {canWrite && (
          <div className="ml-auto flex items-center gap-2 pb-0.5">
            {bulk === "confirm" ? (
              <>
                <span className="text-sm">Retry every failed job{type ? ` of type ${type}` : ""}?</span>
                <button type="button" className={btnSmall} onClick={() => void retryAll()}>
                  Yes, retry all
                </button>
                <button type="button" className={btnSmall} onClick={() => setBulk("idle")}>
                  Cancel
                </button>
              </>
            ) : (
              <button
                type="button"
                className={btn}
                disabled={bulk === "busy"}
                title="Re-queue every Failed job (limited to the selected type)"
                onClick={() => {
                  setBulkResult(null);
                  setBulk("confirm");
                }}
              >
                {bulk === "busy" ? "Retrying…" : `Retry all failed${type ? ` (${type})` : ""}`}
              </button>
            )}
          </div>
        )}
      </div>
      {bulkResult && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {bulkResult}
        </p>
      )}
      {page.error && <ErrorBanner error={page.error} onRetry={() => void page.reload()} what="load jobs" />}
      {actionError && <ErrorBanner error={actionError} />}

      <div className={`overflow-x-auto ${card}`}>
        <table className="w-full text-left text-sm" data-testid="jobs-table">
          <caption className="sr-only">Jobs, newest first</caption>
          <thead className={`border-b border-slate-200 text-xs uppercase dark:border-slate-800 ${muted}`}>
            <tr>
              <th scope="col" className={th}>ID</th>
              <th scope="col" className={th}>Type</th>
              <th scope="col" className={th}>Args</th>
              <th scope="col" className={th}>Status</th>
              <th scope="col" className={`${th} text-right`}>Duration</th>
              <th scope="col" className={th}>Worker ID</th>
              <th scope="col" className={`${th} text-right`}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs === null && <SkeletonRows cols={7} />}
            {jobs?.length === 0 && (
              <tr>
                <td colSpan={7} className={`px-3 py-8 text-center ${muted}`}>
                  {status || type || search || hideTasks ? (
                    <>No jobs match these filters. Clear the status, type or search to see all jobs.</>
                  ) : (
                    <>
                      No jobs yet. Submit one from a{" "}
                      <Link className={link} href="/pipelines">
                        pipeline page
                      </Link>{" "}
                      or with the <code>submitJob</code> mutation in the{" "}
                      <Link className={link} href="/playground">
                        GraphQL playground
                      </Link>
                      .
                    </>
                  )}
                </td>
              </tr>
            )}
            {jobs?.map((j) => (
              <tr key={j.id} data-job-id={j.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50 focus-within:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50 dark:focus-within:bg-slate-800/50">
                <td className={`${td} font-mono text-xs`}>
                  <Link href={`/jobs/${j.id}`} className={link} title={`Open job ${j.id}`}>
                    {shortId(j.id)}
                  </Link>
                </td>
                <td className={td}>
                  {j.type}
                  {j.parentId && <span className={`ml-1 text-xs ${muted}`}>(task)</span>}
                </td>
                <td className={`${td} max-w-xs truncate font-mono text-xs`} title={j.argsSummary}>
                  {j.argsSummary || <span className={muted}>—</span>}
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  <StatusBadge status={j.status} />
                  {j.status === "Running" && j.progress.total ? (
                    <span className="ml-2 text-xs tabular-nums">{Math.round(j.progress.percent ?? 0)}%</span>
                  ) : null}
                  {j.status === "Failed" && j.errorMessage && (
                    <span className="ml-2 inline-block max-w-[14rem] truncate align-middle text-xs text-red-800 dark:text-red-300" title={j.errorMessage}>
                      {j.errorMessage}
                    </span>
                  )}
                </td>
                <td className={`${td} whitespace-nowrap text-right tabular-nums`}>
                  {formatDuration(elapsedMs(j, j.status === "Running", now))}
                </td>
                <td className={`${td} font-mono text-xs`}>{j.workerId ?? "—"}</td>
                <td className={`${td} whitespace-nowrap text-right`}>
                  <span className="inline-flex items-center gap-2">
                    {j.pipeline && (
                      <Link href={`/pipelines/${j.pipeline.key}`} className={`${link} text-xs`} title={`Open the ${j.pipeline.name} dashboard`}>
                        View Pipeline
                      </Link>
                    )}
                    {canWrite && j.status === "Failed" && (
                      <button type="button" onClick={() => void retry(j.id)} className={btnSmall} title={`Retry ${shortId(j.id)}`}>
                        Retry
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Job pages" className="flex items-center justify-between text-sm">
        <span className={`tabular-nums ${muted}`}>
          {total ? `${formatNumber(from)}–${formatNumber(to)} of ${formatNumber(total)}` : ""}
        </span>
        <span className="flex gap-2">
          <button type="button" className={btnSmall} disabled={firstPage || page.busy} onClick={() => setCursors((c) => c.slice(0, -1))}>
            ← Prev
          </button>
          <button
            type="button"
            className={btnSmall}
            disabled={!page.data?.jobs.pageInfo.hasNextPage || page.busy}
            onClick={() => {
              const end = page.data?.jobs.pageInfo.endCursor;
              if (end) setCursors((c) => [...c, end]);
            }}
          >
            Next →
          </button>
        </span>
      </nav>
    </Section>
  );
}
