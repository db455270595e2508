"use client";
// The job monitor (seed 003 "Job Level"): status, args, attempts, worker, times, duration, peak
// memory, progress and rate, error and stack, attempt history, Retry/Cancel, and the job's tasks
// grouped by stage. Live via jobUpdated(id); child changes trigger a throttled refetch.
import Link from "next/link";
import { useCallback, useState } from "react";
import { CancelJobDocument, JobChildrenLiveDocument, JobLiveDocument, JobMonitorDocument, RetryJobDocument, type JobMonitorQuery } from "../../../generated/graphql/operations";
import { gql } from "../../../ui/graphql-client";
import { EmptyState, ErrorBanner, PageHeader, ProgressBar, Section, Skeleton, SkeletonRows, StatusBadge, btn, btnPrimary, btnSmall, card, link, muted, td, th } from "../../../ui/components";
import { elapsedMs, formatBytes, formatDateTime, formatDuration, formatNumber, formatRate, formatRelative, shortId } from "../../../ui/format";
import { DEFAULT_REFRESH_MS, useInterval, useLoader, useNow, useSubscription, useThrottled } from "../../../ui/hooks";
import { ReadOnlyNotice } from "../../../ui/access-notice";
import { useCanWrite } from "../../../ui/viewer";

type Job = NonNullable<JobMonitorQuery["job"]>;
const TASK_PAGE = 25;

const ATTEMPT_STYLE: Record<string, string> = {
  running: "text-blue-800 dark:text-blue-300",
  success: "text-emerald-800 dark:text-emerald-300",
  failed: "text-red-800 dark:text-red-300",
  crashed: "text-amber-800 dark:text-amber-300",
};

export function JobView({ id }: { id: string }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const q = useLoader(useCallback(() => gql(JobMonitorDocument, { id, first: TASK_PAGE, after }), [id, after]));
  const [intervalMs, setIntervalMs] = useState(DEFAULT_REFRESH_MS);
  useInterval(() => void q.reload(), intervalMs);
  const refetch = useThrottled(() => void q.reload(), 1_500);
  useSubscription(
    JobLiveDocument,
    { id },
    (d) => {
      const statusChanged = q.data?.job?.status !== d.jobUpdated.status;
      q.setData((prev) => (prev?.job ? { ...prev, job: { ...prev.job, ...d.jobUpdated } } : prev));
      // Attempts and tasks change with it: at once on a status change (the attempt row must not say
      // "running" next to a finished job), throttled for progress.
      if (statusChanged) void q.reload();
      else refetch();
    },
    id,
  );
  useSubscription(JobChildrenLiveDocument, {}, (d) => {
    if (d.jobUpdated.parentId === id) refetch();
  });

  const [actionError, setActionError] = useState<string | null>(null);
  const [acting, setActing] = useState(false);
  async function act(kind: "retry" | "cancel") {
    setActing(true);
    setActionError(null);
    try {
      if (kind === "retry") await gql(RetryJobDocument, { id });
      else await gql(CancelJobDocument, { id });
      await q.reload();
    } catch (e) {
      setActionError((e as Error).message);
    } finally {
      setActing(false);
    }
  }

  const now = useNow(1_000);
  const job = q.data?.job;
  // Retry/Cancel only once the server said this browser may change things (the header says why not).
  const canWrite = useCanWrite();

  if (q.data && !job) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Job {shortId(id)}</h1>
        <EmptyState title={`No job with id ${id}.`}>
          It may never have existed in this database. Find jobs in the{" "}
          <Link className={link} href="/status">
            job table
          </Link>
          .
        </EmptyState>
      </div>
    );
  }

  const elapsed = job ? elapsedMs(job, true, now) : null;
  const hours = elapsed ? Math.max(elapsed / 3_600_000, 1 / 3600) : null;
  const rate = job && hours && job.progress.done ? job.progress.done / hours : null;

  return (
    <div className="space-y-8">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span>
              Job <span className="font-mono">{shortId(id)}</span>
            </span>
            {job && <StatusBadge status={job.status} />}
          </span>
        }
        subtitle={
          job ? (
            <span className="flex flex-wrap items-center gap-x-3">
              <span>{job.type}</span>
              <span className="font-mono text-xs">{id}</span>
              {job.parent && (
                <Link className={link} href={`/jobs/${job.parent.id}`}>
                  ↑ parent {job.parent.type} {shortId(job.parent.id)}
                </Link>
              )}
            </span>
          ) : (
            <Skeleton className="h-4 w-72" />
          )
        }
        intervalMs={intervalMs}
        onInterval={setIntervalMs}
        onRefresh={() => void q.reload()}
        busy={q.busy}
        notice={<ReadOnlyNotice />}
      >
        {job?.pipeline && (
          <Link href={`/pipelines/${job.pipeline.key}`} className={btn} data-testid="view-pipeline">
            View Pipeline Dashboard
          </Link>
        )}
      </PageHeader>
      {q.error && <ErrorBanner error={q.error} onRetry={() => void q.reload()} what="load the job" />}
      {actionError && <ErrorBanner error={actionError} />}

      {!job ? (
        <Skeleton className="h-64 w-full" />
      ) : (
        <>
          <section aria-labelledby="overview-heading" className={`${card} space-y-4 p-4`}>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="overview-heading" className="text-lg font-semibold">
                Overview
              </h2>
              <div className="flex gap-2">
                {canWrite && (job.status === "Failed" || job.status === "Cancelled") && (
                  <button type="button" className={btnPrimary} disabled={acting} onClick={() => void act("retry")}>
                    Retry
                  </button>
                )}
                {canWrite && job.status === "Pending" && (
                  <button type="button" className={btn} disabled={acting} onClick={() => void act("cancel")}>
                    Cancel job
                  </button>
                )}
              </div>
            </div>
            <div>
              <div className="flex items-center gap-3">
                <ProgressBar percent={job.progress.percent ?? (job.status === "Success" ? 100 : 0)} label="Job progress" tone={job.status === "Failed" ? "red" : job.status === "Success" ? "green" : "blue"} />
                <span className="w-44 text-right text-sm tabular-nums" data-testid="job-progress">
                  {job.progress.total ? `${formatNumber(job.progress.done)}/${formatNumber(job.progress.total)} (${Math.round(job.progress.percent ?? 0)}%)` : job.progress.done ? `${formatNumber(job.progress.done)} done` : "—"}
                </span>
              </div>
            </div>
            <dl className="grid grid-cols-2 gap-x-8 gap-y-2 text-sm md:grid-cols-4" data-testid="job-facts">
              <Fact label="Status">{job.status}</Fact>
              <Fact label="Attempts">
                {job.attempts} / {job.maxAttempts}
              </Fact>
              <Fact label="Worker">
                <span className="font-mono text-xs">{job.workerId ?? "—"}</span>
              </Fact>
              <Fact label="Duration">{formatDuration(elapsed)}</Fact>
              <Fact label="Queued" title={formatDateTime(job.queuedAt)}>
                {formatRelative(job.queuedAt, now)}
              </Fact>
              <Fact label="Started" title={formatDateTime(job.startedAt)}>
                {formatRelative(job.startedAt, now)}
              </Fact>
              <Fact label="Finished" title={formatDateTime(job.finishedAt)}>
                {formatRelative(job.finishedAt, now)}
              </Fact>
              <Fact label="Peak memory">{job.peakMemoryBytes != null ? formatBytes(job.peakMemoryBytes) : "—"}</Fact>
              <Fact label="Processing rate">{rate != null ? formatRate(rate, "items") : "—"}</Fact>
              <Fact label="Tasks">{job.taskCounts.total ? formatNumber(job.taskCounts.total) : "none"}</Fact>
              {job.stage != null && (
                <Fact label="Stage">
                  {job.stage}
                  {job.stageName ? `: ${job.stageName}` : ""}
                </Fact>
              )}
            </dl>
            <div>
              <h3 className="mb-1 text-sm font-semibold">Arguments</h3>
              <pre className="overflow-x-auto rounded bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800" data-testid="job-args">
                {JSON.stringify(job.args, null, 2)}
              </pre>
            </div>
            {job.result != null && (
              <details>
                <summary className="cursor-pointer text-sm font-semibold">Result</summary>
                <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800">{JSON.stringify(job.result, null, 2)}</pre>
              </details>
            )}
          </section>

          {job.errorMessage && (
            <section aria-labelledby="error-heading" role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="job-error">
              <h2 id="error-heading" className="font-semibold">
                {job.status === "Failed" ? "Failed" : "Last error"}: {job.errorMessage}
              </h2>
              {job.errorStack && (
                <details open={job.status === "Failed"}>
                  <summary className="cursor-pointer text-sm">Stack trace</summary>
                  <pre className="mt-1 max-h-80 overflow-auto rounded bg-white/70 p-3 font-mono text-xs dark:bg-black/30">{job.errorStack}</pre>
                </details>
              )}
            </section>
          )}

          <Section id="attempts" title="Attempt History" description="Every execution, including attempts whose worker crashed.">
            <div className={`overflow-x-auto ${card}`}>
              <table className="w-full text-left text-sm" data-testid="attempts">
                <thead className={`border-b border-slate-200 text-xs uppercase dark:border-slate-800 ${muted}`}>
                  <tr>
                    <th scope="col" className={th}>#</th>
                    <th scope="col" className={th}>Status</th>
                    <th scope="col" className={th}>Worker</th>
                    <th scope="col" className={th}>Started</th>
                    <th scope="col" className={`${th} text-right`}>Duration</th>
                    <th scope="col" className={th}>Error</th>
                  </tr>
                </thead>
                <tbody>
                  {job.attemptHistory.length === 0 && (
                    <tr>
                      <td colSpan={6} className={`px-3 py-4 text-center ${muted}`}>
                        No attempts yet: the job is waiting for a worker.
                      </td>
                    </tr>
                  )}
                  {job.attemptHistory.map((a, i) => (
                    <tr key={i} className="border-t border-slate-100 dark:border-slate-800" data-attempt={a.attempt}>
                      <td className={`${td} tabular-nums`}>{a.attempt}</td>
                      <td className={`${td} font-medium ${ATTEMPT_STYLE[a.status] ?? ""}`}>{a.status}</td>
                      <td className={`${td} font-mono text-xs`}>{a.workerId}</td>
                      <td className={`${td} whitespace-nowrap`} title={formatDateTime(a.startedAt)}>
                        {formatRelative(a.startedAt, now)}
                      </td>
                      <td className={`${td} text-right tabular-nums`}>{formatDuration(elapsedMs(a, a.status === "running", now))}</td>
                      <td className={`${td} max-w-md truncate text-red-800 dark:text-red-300`} title={a.errorMessage ?? undefined}>
                        {a.errorMessage ?? ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>

          <StagesAndTasks job={job} busy={q.busy} cursors={cursors} setCursors={setCursors} now={now} />
        </>
      )}
    </div>
  );
}

function Fact({ label, title, children }: { label: string; title?: string; children: React.ReactNode }) {
  return (
    <div title={title}>
      <dt className={`text-xs uppercase tracking-wide ${muted}`}>{label}</dt>
      <dd className="tabular-nums">{children}</dd>
    </div>
  );
}

function StagesAndTasks({ job, busy, cursors, setCursors, now }: { job: Job; busy: boolean; cursors: (string | null)[]; setCursors: React.Dispatch<React.SetStateAction<(string | null)[]>>; now: number }) {
  const c = job.taskCounts;
  if (!c.total) {
    return (
      <Section id="tasks" title="Stages and Tasks">
        <p className={`text-sm ${muted}`}>This job runs as one unit: it has no fan-out tasks.</p>
      </Section>
    );
  }
  const tasks = job.children.nodes;
  const groups = new Map<string, typeof tasks>();
  for (const t of tasks) {
    const key = t.stage == null ? "—" : `${t.stage}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const stageName = (key: string) => {
    const s = job.stages.find((x) => `${x.stage ?? "—"}` === key);
    return s ? `Stage ${s.stage ?? "—"}${s.name ? `: ${s.name}` : ""}` : `Stage ${key}`;
  };
  const pageNo = cursors.length;
  return (
    <Section
      id="tasks"
      title="Stages and Tasks"
      description={`${formatNumber(c.total)} tasks: ${formatNumber(c.completed)} completed, ${formatNumber(c.processing)} processing, ${formatNumber(c.pending)} pending, ${formatNumber(c.failed)} failed${c.cancelled ? `, ${formatNumber(c.cancelled)} cancelled` : ""}.`}
    >
      <div className={`overflow-x-auto ${card}`}>
        <table className="w-full text-left text-sm" data-testid="stages">
          <caption className="sr-only">Tasks per stage</caption>
          <thead className={`border-b border-slate-200 text-xs uppercase dark:border-slate-800 ${muted}`}>
            <tr>
              <th scope="col" className={th}>Stage</th>
              <th scope="col" className={`${th} w-64`}>Progress</th>
              <th scope="col" className={`${th} text-right`}>Completed</th>
              <th scope="col" className={`${th} text-right`}>Processing</th>
              <th scope="col" className={`${th} text-right`}>Pending</th>
              <th scope="col" className={`${th} text-right`}>Failed</th>
              <th scope="col" className={`${th} text-right`}>Total</th>
            </tr>
          </thead>
          <tbody>
            {job.stages.map((s) => (
              <tr key={`${s.stage}`} className="border-t border-slate-100 dark:border-slate-800" data-stage={s.stage ?? "none"}>
                <th scope="row" className={`${td} font-medium`}>
                  {s.stage ?? "—"}
                  {s.name ? `: ${s.name}` : ""}
                </th>
                <td className={td}>
                  <div className="flex items-center gap-2">
                    <ProgressBar percent={s.percent} label={`Stage ${s.stage ?? ""} progress`} tone={s.counts.failed ? "amber" : s.percent >= 100 ? "green" : "blue"} />
                    <span className="w-12 text-right text-xs tabular-nums">{Math.round(s.percent)}%</span>
                  </div>
                </td>
                <td className={`${td} text-right tabular-nums`}>{formatNumber(s.counts.completed)}</td>
                <td className={`${td} text-right tabular-nums`}>{formatNumber(s.counts.processing)}</td>
                <td className={`${td} text-right tabular-nums`}>{formatNumber(s.counts.pending)}</td>
                <td className={`${td} text-right tabular-nums ${s.counts.failed ? "text-red-700 dark:text-red-400" : ""}`}>{formatNumber(s.counts.failed)}</td>
                <td className={`${td} text-right tabular-nums`}>{formatNumber(s.counts.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={`overflow-x-auto ${card}`}>
        <table className="w-full text-left text-sm" data-testid="tasks">
          <caption className="sr-only">Tasks of this job, newest first, grouped by stage</caption>
          <thead className={`border-b border-slate-200 text-xs uppercase dark:border-slate-800 ${muted}`}>
            <tr>
              <th scope="col" className={th}>Task</th>
              <th scope="col" className={th}>Type</th>
              <th scope="col" className={th}>Args</th>
              <th scope="col" className={th}>Status</th>
              <th scope="col" className={`${th} text-right`}>Duration</th>
              <th scope="col" className={th}>Worker</th>
            </tr>
          </thead>
          {busy && !tasks.length ? (
            <tbody>
              <SkeletonRows cols={6} />
            </tbody>
          ) : (
            [...groups].map(([key, list]) => (
              <tbody key={key} data-stage-group={key}>
                <tr className="bg-slate-50 dark:bg-slate-800/60">
                  <th colSpan={6} scope="rowgroup" className="px-3 py-1.5 text-xs font-semibold uppercase tracking-wide">
                    {stageName(key)} <span className={`font-normal normal-case ${muted}`}>({formatNumber(list.length)} on this page)</span>
                  </th>
                </tr>
                {list.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100 dark:border-slate-800" data-task-id={t.id}>
                    <td className={`${td} font-mono text-xs`}>
                      <Link href={`/jobs/${t.id}`} className={link}>
                        {shortId(t.id)}
                      </Link>
                    </td>
                    <td className={td}>{t.type}</td>
                    <td className={`${td} max-w-xs truncate font-mono text-xs`} title={t.argsSummary}>
                      {t.argsSummary}
                    </td>
                    <td className={td}>
                      <StatusBadge status={t.status} />
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{formatDuration(elapsedMs(t, t.status === "Running", now))}</td>
                    <td className={`${td} font-mono text-xs`}>{t.workerId ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            ))
          )}
        </table>
      </div>
      <nav aria-label="Task pages" className="flex items-center justify-between text-sm">
        <span className={`tabular-nums ${muted}`}>
          {formatNumber((pageNo - 1) * TASK_PAGE + 1)}–{formatNumber((pageNo - 1) * TASK_PAGE + tasks.length)} of {formatNumber(job.children.totalCount)}
        </span>
        <span className="flex gap-2">
          <button type="button" className={btnSmall} disabled={pageNo === 1 || busy} onClick={() => setCursors((cs) => cs.slice(0, -1))}>
            ← Prev
          </button>
          <button
            type="button"
            className={btnSmall}
            disabled={!job.children.pageInfo.hasNextPage || busy}
            onClick={() => {
              const end = job.children.pageInfo.endCursor;
              if (end) setCursors((cs) => [...cs, end]);
            }}
          >
            Next →
          </button>
        </span>
      </nav>
    </Section>
  );
}
