"use client";
// One pipeline's dashboard (seed 003 UI Mockups): summary banner, a card per phase with its Submit
// form, the processing rate per phase over time, a breakdown per registry grouping (a clicked value
// filters the whole page via the URL), and active jobs. Live: phaseProgress and job events trigger a
// throttled refetch of the (filtered) stats; the refresh selector and Refresh button do the same.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { PhaseHistoryDocument, PhaseProgressLiveDocument, PipelineDashboardDocument, PipelineJobsLiveDocument, type JobTypeFormFragment } from "../../../generated/graphql/operations";
import { gql } from "../../../ui/graphql-client";
import { ErrorBanner, PageHeader, Skeleton } from "../../../ui/components";
import { DEFAULT_REFRESH_MS, useInterval, useLoader, useSubscription, useThrottled } from "../../../ui/hooks";
import { SubmitDialog } from "../../../ui/submit-dialog";
import { ReadOnlyNotice } from "../../../ui/access-notice";
import { useCanWrite } from "../../../ui/viewer";
import { SummaryBanner } from "./summary-banner";
import { PhaseCard } from "./phase-card";
import { RateCharts } from "./rate-charts";
import { Breakdowns } from "./breakdown";
import { ActiveJobs } from "./active-jobs";

export type Filters = Record<string, string[]>;

export function filtersFromSearch(sp: URLSearchParams, fields: string[]): Filters {
  const f: Filters = {};
  for (const field of fields) {
    const values = sp
      .getAll(field)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length) f[field] = values;
  }
  return f;
}

export function PipelineView({ pipelineKey, groupingFields }: { pipelineKey: string; groupingFields: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const spKey = sp.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(spKey), groupingFields), [spKey, groupingFields]);
  const filterArg = useMemo(() => Object.entries(filters).map(([field, values]) => ({ field, values })), [filters]);

  const filter = filterArg.length ? filterArg : null;
  const dash = useLoader(useCallback(() => gql(PipelineDashboardDocument, { key: pipelineKey, filter }), [pipelineKey, filter]));
  // The rate history scans a day of phase rows: live events refresh it at most once a minute.
  const history = useLoader(useCallback(() => gql(PhaseHistoryDocument, { key: pipelineKey, filter, hours: 24, bucketMinutes: 60 }), [pipelineKey, filter]));
  const [intervalMs, setIntervalMs] = useState(DEFAULT_REFRESH_MS);
  const refreshAll = () => {
    void dash.reload();
    void history.reload();
  };
  useInterval(refreshAll, intervalMs);
  const liveHistory = useThrottled(() => void history.reload(), 60_000);
  const live = useThrottled(() => {
    void dash.reload();
    liveHistory();
  }, 2_000);
  useSubscription(PhaseProgressLiveDocument, { pipeline: pipelineKey }, live, pipelineKey);
  useSubscription(PipelineJobsLiveDocument, {}, (d) => {
    if (d.jobUpdated.pipeline?.key === pipelineKey) live();
  });

  /** Sets (or with `null` clears) one grouping's filter; pushes a history entry, so Back undoes it. */
  const setFilter = useCallback(
    (field: string, value: string | null) => {
      const next = new URLSearchParams(spKey);
      next.delete(field);
      if (value !== null) next.set(field, value);
      const qs = next.toString();
      router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, spKey],
  );
  const clearFilters = useCallback(() => router.push(pathname, { scroll: false }), [router, pathname]);

  const [dialog, setDialog] = useState<{ jobType: JobTypeFormFragment; title: string } | null>(null);
  const data = dash.data;
  const p = data?.pipeline;
  const stats = data?.etlStats;
  // Submit buttons and the form only once the server said this browser may change things.
  const canWrite = useCanWrite();
  const openSubmit = (jobType: string, title: string) => {
    const jt = p?.jobTypes.find((t) => t.type === jobType);
    if (jt) setDialog({ jobType: jt, title });
  };
  // A single-valued filter pre-fills the matching form field (e.g. region=GH → region: GH).
  const prefill = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.length === 1).map(([k, v]) => [k, v[0]!]));
  const phaseActions = new Set(p?.phases.map((ph) => ph.jobType).filter(Boolean));

  return (
    <div className="space-y-8">
      <PageHeader
        title={p ? `${p.name} Pipeline` : <Skeleton className="h-8 w-72" />}
        subtitle={p?.description}
        intervalMs={intervalMs}
        onInterval={setIntervalMs}
        onRefresh={refreshAll}
        busy={dash.busy || history.busy}
        notice={<ReadOnlyNotice />}
      />
      {dash.error && <ErrorBanner error={dash.error} onRetry={() => void dash.reload()} what="load the pipeline stats" />}
      {history.error && <ErrorBanner error={history.error} onRetry={() => void history.reload()} what="load the processing rate" />}
      <SummaryBanner
        pipeline={p ?? null}
        stats={stats ?? null}
        filters={filters}
        onClearFilter={(f) => setFilter(f, null)}
        onClearAll={clearFilters}
        actions={
          canWrite && p
            ? p.submitActions
                .filter((a) => !phaseActions.has(a.jobType))
                .map((a) => (
                  <button
                    key={a.jobType}
                    type="button"
                    className="inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
                    onClick={() => openSubmit(a.jobType, a.label)}
                    disabled={!p.jobTypes.some((t) => t.type === a.jobType)}
                  >
                    <span aria-hidden>{a.icon}</span> {a.label}
                  </button>
                ))
            : null
        }
      />
      <section aria-labelledby="phases-heading" className="space-y-3">
        <h2 id="phases-heading" className="text-lg font-semibold">
          Phases
        </h2>
        <div className={`grid gap-4 ${p && p.phases.length > 1 ? "md:grid-cols-2" : ""}`}>
          {!stats || !p
            ? Array.from({ length: 2 }, (_, i) => <Skeleton key={i} className="h-64 w-full" />)
            : p.phases.map((ph, i) => {
                const s = stats.phases.find((x) => x.key === ph.key)!;
                const action = p.submitActions.find((a) => a.jobType === ph.jobType);
                return (
                  <PhaseCard
                    key={ph.key}
                    index={i + 1}
                    phase={ph}
                    stats={s}
                    perHour={stats.processingRate.perHour.find((r) => r.phase === ph.key)?.perHour ?? 0}
                    avgMs={history.data?.phaseHistory.find((h) => h.phase === ph.key)?.avgDurationMs ?? null}
                    submitLabel={action ? action.label : ph.jobType ? `Submit ${ph.name} Job` : null}
                    submitIcon={action?.icon}
                    onSubmit={canWrite && ph.jobType ? () => openSubmit(ph.jobType!, action?.label ?? `Submit ${ph.name} Job`) : undefined}
                  />
                );
              })}
        </div>
      </section>
      <RateCharts history={history.data?.phaseHistory ?? null} />
      {p && stats && p.groupings.length > 0 && <Breakdowns pipeline={p} stats={stats} filters={filters} onFilter={setFilter} />}
      <ActiveJobs jobs={stats?.activeJobs ?? null} pipelineKey={pipelineKey} scope={p?.groupings[0]} />
      {dialog && canWrite && (
        <SubmitDialog
          jobType={dialog.jobType}
          title={dialog.title}
          prefill={prefill}
          onClose={() => setDialog(null)}
          onQueued={() => live()}
        />
      )}
    </div>
  );
}
