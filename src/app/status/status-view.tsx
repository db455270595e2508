"use client";
// /status: the single pane of glass (seed 000 §2). Alerts, Job Queue, Data Inventory and System
// Resources. Queue numbers and the job table are live (subscriptions); the panels below reload on
// the refresh selector's timer, the Refresh button, and (throttled) when jobs finish.
import { useCallback, useState } from "react";
import { JobsLiveDocument, StatusPanelsDocument } from "../../generated/graphql/operations";
import { gql } from "../../ui/graphql-client";
import { PageHeader } from "../../ui/components";
import { ReadOnlyNotice } from "../../ui/access-notice";
import { DEFAULT_REFRESH_MS, useInterval, useLoader, useSubscription, useThrottled } from "../../ui/hooks";
import { AlertsPanel } from "./alerts";
import { JobQueue, type JobTableFilters } from "./job-queue";
import { InventoryPanel } from "./inventory";
import { ResourcesPanel } from "./resources";

export type { JobTableFilters };

export function StatusView({ initialFilters }: { initialFilters: JobTableFilters }) {
  const [intervalMs, setIntervalMs] = useState(DEFAULT_REFRESH_MS);
  const [tick, setTick] = useState(0);
  const panels = useLoader(useCallback(() => gql(StatusPanelsDocument, { minutes: 180 }), []));
  const refreshAll = useCallback(() => {
    void panels.reload();
    setTick((t) => t + 1);
  }, [panels]);
  useInterval(refreshAll, intervalMs);
  // Finished jobs move the throughput chart and inventory: reload the panels, at most every 15 s
  // (they are aggregates: a tighter beat per viewer would load the database, not inform anyone).
  const reloadPanels = useThrottled(() => void panels.reload(), 15_000);
  useSubscription(JobsLiveDocument, {}, (d) => {
    const s = d.jobUpdated.status;
    if (s === "Success" || s === "Failed") reloadPanels();
  });

  return (
    <div className="space-y-8">
      <PageHeader title="System Status" intervalMs={intervalMs} onInterval={setIntervalMs} onRefresh={refreshAll} busy={panels.busy} notice={<ReadOnlyNotice />} />
      <AlertsPanel alerts={panels.data?.alerts ?? null} error={panels.error} onRetry={() => void panels.reload()} />
      <JobQueue
        initialFilters={initialFilters}
        refreshTick={tick}
        jobTypes={panels.data?.jobTypes ?? []}
        throughput={panels.data?.jobThroughput ?? null}
      />
      <InventoryPanel inventory={panels.data?.inventory ?? null} />
      <ResourcesPanel disk={panels.data?.diskUsage ?? null} onQueued={() => void panels.reload()} />
    </div>
  );
}
