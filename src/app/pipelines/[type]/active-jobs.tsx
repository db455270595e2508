// Active Jobs: the pipeline's submitted jobs that are queued or running, or whose tasks are.
import Link from "next/link";
import type { PipelineDashboardQuery } from "../../../generated/graphql/operations";
import { SkeletonRows, card, link, muted, td, th } from "../../../ui/components";
import { formatNumber, formatRate, shortId } from "../../../ui/format";

type ActiveJob = PipelineDashboardQuery["etlStats"]["activeJobs"][number];

/** Tasks done / all tasks; a job without tasks reports its own progress. */
function progressOf(j: ActiveJob): { done: number; total: number | null } {
  const c = j.taskCounts;
  const tasks = c.completed + c.processing + c.pending + c.failed;
  if (tasks) return { done: c.completed, total: tasks };
  return { done: j.job?.progress.done ?? 0, total: j.job?.progress.total ?? null };
}

/** `scope`: the pipeline's first grouping (Region for FATHOM), read from each job's args. */
export function ActiveJobs({ jobs, pipelineKey, scope }: { jobs: ActiveJob[] | null; pipelineKey: string; scope?: { field: string; label: string } }) {
  const now = Date.now();
  const cols = scope ? 7 : 6;
  return (
    <details open className={`${card} group`} data-section="active-jobs">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-lg px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800/50">
        <h2 className="text-lg font-semibold">
          <span aria-hidden className="mr-2 inline-block text-base transition-transform group-open:rotate-90">
            ▸
          </span>
          Active Jobs <span className={`text-sm font-normal tabular-nums ${muted}`}>{jobs ? `(${formatNumber(jobs.length)})` : ""}</span>
        </h2>
        <Link href={`/status?tasks=0`} className={`${link} text-sm`} data-pipeline={pipelineKey}>
          View all jobs
        </Link>
      </summary>
      <div className="overflow-x-auto border-t border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm" data-testid="active-jobs">
          <caption className="sr-only">Queued and running jobs of this pipeline</caption>
          <thead className={`text-xs uppercase ${muted}`}>
            <tr>
              <th scope="col" className={th}>Job ID</th>
              <th scope="col" className={th}>Type</th>
              {scope && <th scope="col" className={th}>{scope.label}</th>}
              <th scope="col" className={th}>Status</th>
              <th scope="col" className={th}>Progress</th>
              <th scope="col" className={`${th} text-right`}>Rate</th>
              <th scope="col" className={`${th} text-right`}>Action</th>
            </tr>
          </thead>
          <tbody>
            {jobs === null && <SkeletonRows cols={cols} rows={2} />}
            {jobs?.length === 0 && (
              <tr>
                <td colSpan={cols} className={`px-3 py-6 text-center ${muted}`}>
                  Nothing running. Use a phase&apos;s Submit button above to queue work.
                </td>
              </tr>
            )}
            {jobs?.map((j) => {
              const p = progressOf(j);
              const pct = p.total ? Math.round((100 * p.done) / p.total) : null;
              const started = j.job?.startedAt ? Date.parse(j.job.startedAt) : null;
              const hours = started ? Math.max(1 / 60, (now - started) / 3_600_000) : null;
              const value = scope ? (j.job?.args as Record<string, unknown> | undefined)?.[scope.field] : undefined;
              return (
                <tr key={j.jobId} className="border-t border-slate-100 dark:border-slate-800" data-active-job={j.jobId}>
                  <td className={`${td} font-mono text-xs`}>
                    <Link href={`/jobs/${j.jobId}`} className={link} title={j.jobId}>
                      {shortId(j.jobId)}…
                    </Link>
                  </td>
                  <td className={td}>{j.jobType}</td>
                  {scope && <td className={td}>{value != null ? String(value) : <span className={muted}>all</span>}</td>}
                  <td className={td}>
                    {j.status}
                    {j.stage > 1 && <span className={`ml-1 text-xs ${muted}`}>stage {j.stage}</span>}
                  </td>
                  <td className={`${td} whitespace-nowrap tabular-nums`} data-progress>
                    {p.total ? `${formatNumber(p.done)}/${formatNumber(p.total)} (${pct}%)` : p.done ? `${formatNumber(p.done)} done` : "—"}
                    {j.taskCounts.failed > 0 && <span className="ml-2 text-xs text-red-700 dark:text-red-400">{formatNumber(j.taskCounts.failed)} failed</span>}
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{hours && p.done ? formatRate(p.done / hours) : "—"}</td>
                  <td className={`${td} text-right`}>
                    <Link href={`/jobs/${j.jobId}`} className={`${link} text-sm`} aria-label={`Monitor job ${shortId(j.jobId)}`}>
                      Monitor
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
