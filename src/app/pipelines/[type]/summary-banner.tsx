// Summary banner: total files, files done per phase, failed, % complete; rate, ETA and size.
import type { PipelineDashboardQuery } from "../../../generated/graphql/operations";
import { MetricCard, Skeleton, btnSmall, card, muted } from "../../../ui/components";
import { formatEta, formatNumber, formatPercent, formatRate } from "../../../ui/format";

type Pipeline = NonNullable<PipelineDashboardQuery["pipeline"]>;
type Stats = PipelineDashboardQuery["etlStats"];

export function SummaryBanner({
  pipeline,
  stats,
  filters,
  onClearFilter,
  onClearAll,
  actions,
}: {
  pipeline: Pipeline | null;
  stats: Stats | null;
  filters: Record<string, string[]>;
  onClearFilter: (field: string) => void;
  onClearAll: () => void;
  actions: React.ReactNode;
}) {
  const active = Object.entries(filters);
  const label = (field: string) => pipeline?.groupings.find((g) => g.field === field)?.label ?? field;
  const total = stats?.summary.totalFiles ?? 0;
  const failed = stats?.phases.reduce((s, p) => s + p.failed, 0) ?? 0;
  const done = stats?.phases.reduce((s, p) => s + p.completed, 0) ?? 0;
  const overall = stats && total && stats.phases.length ? (100 * done) / (total * stats.phases.length) : 0;
  return (
    <section aria-labelledby="summary-heading" className={`${card} space-y-4 p-4`} data-section="summary">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="summary-heading" className="text-lg font-semibold">
          Summary
        </h2>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </div>
      {active.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="active-filters">
          <span className={muted}>Filtered to</span>
          {active.map(([field, values]) => (
            <span key={field} className="inline-flex items-center gap-1 rounded-full bg-blue-100 py-0.5 pl-3 pr-1 text-blue-900 dark:bg-blue-950 dark:text-blue-100">
              {label(field)} = <strong>{values.join(", ")}</strong>
              <button type="button" onClick={() => onClearFilter(field)} className="rounded-full px-1.5 hover:bg-blue-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-blue-900" aria-label={`Remove the ${label(field)} filter`}>
                ✕
              </button>
            </span>
          ))}
          <button type="button" className={btnSmall} onClick={onClearAll}>
            Clear filters
          </button>
        </div>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" data-testid="summary-cards">
        {!stats || !pipeline ? (
          Array.from({ length: 5 }, (_, i) => <Skeleton key={i} className="h-20 w-full" />)
        ) : (
          <>
            <MetricCard label="Total Files" value={formatNumber(total)} />
            {stats.phases.map((ph, i) => (
              <MetricCard key={ph.key} label={`Phase ${i + 1} Complete`} value={formatNumber(ph.completed)} hint={ph.name} tone={total && ph.completed === total ? "good" : "default"} />
            ))}
            <MetricCard label="Failed" value={formatNumber(failed)} tone={failed ? "bad" : "default"} hint="files failed in any phase" />
            <MetricCard label="Complete" value={formatPercent(overall)} hint="of all phase work" tone={overall >= 100 ? "good" : "default"} />
          </>
        )}
      </div>
      {stats && pipeline && (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm tabular-nums" data-testid="summary-rate">
          <span>
            <span className={muted}>Processing:</span>{" "}
            {stats.processingRate.perHour
              .map((r) => `${formatRate(r.perHour, "files")} ${stats.phases.length > 1 ? `(${pipeline.phases.find((p) => p.key === r.phase)?.name ?? r.phase})` : ""}`.trim())
              .join(" · ")}
          </span>
          <span aria-hidden className={muted}>
            │
          </span>
          <span>
            <span className={muted}>ETA:</span> {total === 0 ? "—" : stats.processingRate.etaHours == null ? (overall >= 100 ? "done" : "no recent progress") : formatEta(stats.processingRate.etaHours)}
          </span>
          <span aria-hidden className={muted}>
            │
          </span>
          <span>
            <span className={muted}>Size:</span> {stats.summary.totalSizeFormatted}
          </span>
        </p>
      )}
      {stats && pipeline && total === 0 && (
        <p className={`text-sm ${muted}`} data-empty>
          No files registered{active.length ? " for this filter" : ""} yet.{" "}
          {active.length ? "Clear the filter to see every file, or start" : "Start"} with{" "}
          {pipeline.submitActions[0] ? <>“{pipeline.submitActions[0].label}”</> : "a job of this pipeline"}: files appear here as its jobs register them.
        </p>
      )}
    </section>
  );
}
