// One phase: progress bar, pending/eligible, processing, completed, failed, avg time, rate, Submit.
import type { PipelineDashboardQuery } from "../../../generated/graphql/operations";
import { ProgressBar, btnPrimary, card, muted } from "../../../ui/components";
import { formatDuration, formatNumber, formatPercent, formatRate } from "../../../ui/format";

type Phase = NonNullable<PipelineDashboardQuery["pipeline"]>["phases"][number];
type PhaseStats = PipelineDashboardQuery["etlStats"]["phases"][number];

export function PhaseCard({
  index,
  phase,
  stats,
  perHour,
  avgMs,
  submitLabel,
  submitIcon,
  onSubmit,
}: {
  index: number;
  phase: Phase;
  stats: PhaseStats;
  perHour: number;
  avgMs: number | null;
  submitLabel: string | null;
  submitIcon?: string;
  /** Absent when this browser may not submit: no button then. */
  onSubmit?: () => void;
}) {
  const waiting = stats.pending ?? stats.eligible ?? 0;
  const rows: [string, number, string?][] = [
    [stats.pending != null ? "Pending" : "Eligible", waiting, stats.pending != null ? undefined : "previous phase done, this one not"],
    ["Processing", stats.processing],
    ["Completed", stats.completed],
    ["Failed", stats.failed],
  ];
  return (
    <article className={`${card} flex flex-col p-4`} aria-labelledby={`phase-${phase.key}`} data-phase={phase.key}>
      <h3 id={`phase-${phase.key}`} className="text-sm font-semibold uppercase tracking-wide">
        Phase {index}: {phase.name}
      </h3>
      <p className={`text-sm ${muted}`}>{phase.description}</p>
      <div className="mt-3 flex items-center gap-3">
        <ProgressBar percent={stats.percentComplete} label={`Phase ${index} ${phase.name} complete`} tone={stats.percentComplete >= 100 ? "green" : "blue"} />
        <span className="w-16 text-right text-sm font-semibold tabular-nums" data-percent>
          {formatPercent(stats.percentComplete)}
        </span>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm">
        {rows.map(([label, n, title]) => (
          <div key={label} className="flex justify-between gap-2" title={title}>
            <dt className={muted}>{label}</dt>
            <dd className={`tabular-nums ${label === "Failed" && n > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`} data-count={label.toLowerCase()}>
              {formatNumber(n)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 border-t border-slate-200 pt-2 text-sm tabular-nums dark:border-slate-800">
        <span className={muted}>Avg time:</span> {formatDuration(avgMs)} <span aria-hidden className={muted}>│</span> <span className={muted}>Rate:</span> {formatRate(perHour)}
      </p>
      {submitLabel && onSubmit && (
        <div className="mt-3">
          <button type="button" className={btnPrimary} onClick={onSubmit}>
            {submitIcon && <span aria-hidden>{submitIcon}</span>} {submitLabel}
          </button>
        </div>
      )}
    </article>
  );
}
