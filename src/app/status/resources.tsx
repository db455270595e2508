"use client";
// System Resources (seed 000 §2.3): disk usage per model/run as horizontal bars where runaways
// (more than twice the median run) stand out, and cache age (oldest vs newest file).
import { useState } from "react";
import { SubmitJobDocument, type StatusPanelsQuery } from "../../generated/graphql/operations";
import { gql } from "../../ui/graphql-client";
import { EmptyState, MetricCard, Section, Skeleton, btnSmall, card, muted } from "../../ui/components";
import { formatBytes, formatDateTime, formatNumber, formatRelative } from "../../ui/format";
import { useCanWrite } from "../../ui/viewer";

type Disk = StatusPanelsQuery["diskUsage"];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function RefreshNow({ onQueued }: { onQueued: () => void }) {
  const [state, setState] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={btnSmall}
        onClick={async () => {
          setState("queuing…");
          try {
            const { submitJob } = await gql(SubmitJobDocument, { input: { type: "RefreshDiskUsage", args: {} } });
            setState(`queued ${submitJob.id.slice(0, 8)}`);
            setTimeout(onQueued, 2_000);
          } catch (e) {
            setState((e as Error).message);
          }
        }}
      >
        Scan now
      </button>
      {state && (
        <span role="status" className={`text-xs ${muted}`}>
          {state}
        </span>
      )}
    </span>
  );
}

export function ResourcesPanel({ disk, onQueued }: { disk: Disk | null; onQueued: () => void }) {
  const now = Date.now();
  const canWrite = useCanWrite();
  const runs = disk?.runs ?? [];
  const sizes = runs.map((r) => r.gribBytes + r.tileBytes);
  const med = median(sizes);
  const max = Math.max(1, ...sizes);
  const sorted = [...runs].sort((a, b) => b.gribBytes + b.tileBytes - (a.gribBytes + a.tileBytes));
  return (
    <Section
      id="resources"
      title="System Resources"
      description="Cache disk usage per model run and the age of the cached files, from the RefreshDiskUsage job (every 5 min)."
      actions={
        disk && (
          <>
            <span className={`text-sm ${muted}`} title={formatDateTime(disk.scannedAt)} data-testid="disk-scanned">
              Last scanned: {disk.scannedAt ? formatRelative(disk.scannedAt, now) : "never"}
            </span>
            {canWrite && <RefreshNow onQueued={onQueued} />}
          </>
        )
      }
    >
      {disk === null ? (
        <Skeleton className="h-32 w-full" />
      ) : !runs.length ? (
        <EmptyState title="No disk usage recorded yet.">
          The RefreshDiskUsage job walks the cache every 5 minutes and the numbers appear here after its first run.{canWrite && " Use “Scan now” to run it at once."}
        </EmptyState>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <MetricCard label="Cache Size" value={formatBytes(disk.totalBytes)} hint={`${formatNumber(runs.length)} runs, ${formatNumber(runs.reduce((a, r) => a + r.files, 0))} files`} />
            <MetricCard label="Oldest File" value={formatRelative(disk.oldestMtime, now)} hint={formatDateTime(disk.oldestMtime)} />
            <MetricCard label="Newest File" value={formatRelative(disk.newestMtime, now)} hint={formatDateTime(disk.newestMtime)} />
            <MetricCard label="Median Run" value={formatBytes(med)} hint="runs over 2× this are flagged" />
          </div>
          <figure className={`${card} p-4`} data-chart="disk-usage">
            <figcaption className="mb-3 flex flex-wrap items-center justify-between gap-3 text-sm">
              <span className="font-semibold">Disk usage per model/run</span>
              <span className="flex items-center gap-3 text-xs text-slate-700 dark:text-slate-300">
                <span className="inline-flex items-center gap-1">
                  <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-sky-600 dark:bg-sky-500" /> GRIBs
                </span>
                <span className="inline-flex items-center gap-1">
                  <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-indigo-400 dark:bg-indigo-400" /> Tiles
                </span>
                <span className="inline-flex items-center gap-1">
                  <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-red-600 dark:bg-red-500" /> Runaway (&gt; 2× median)
                </span>
              </span>
            </figcaption>
            <ul className="space-y-1.5">
              {sorted.map((r) => {
                const total = r.gribBytes + r.tileBytes;
                const runaway = runs.length >= 2 && total > 2 * med;
                return (
                  <li key={`${r.model}/${r.run}`} className="grid grid-cols-[10rem_1fr_14rem] items-center gap-3 text-sm" data-disk-run={`${r.model}/${r.run}`} data-runaway={runaway || undefined}>
                    <span className="truncate">
                      <span className="uppercase">{r.model}</span> <span className="font-mono text-xs">{r.run}</span>
                    </span>
                    <span
                      className="flex h-4 overflow-hidden rounded bg-slate-100 dark:bg-slate-800"
                      role="img"
                      aria-label={`${r.model} ${r.run}: ${formatBytes(total)} (${formatBytes(r.gribBytes)} GRIBs, ${formatBytes(r.tileBytes)} tiles)${runaway ? ", more than twice the median run" : ""}`}
                    >
                      <span className={runaway ? "bg-red-600 dark:bg-red-500" : "bg-sky-600 dark:bg-sky-500"} style={{ width: `${(100 * r.gribBytes) / max}%` }} />
                      <span className={runaway ? "bg-red-400 dark:bg-red-300" : "bg-indigo-400"} style={{ width: `${(100 * r.tileBytes) / max}%` }} />
                    </span>
                    <span className="flex items-center justify-end gap-2 text-right tabular-nums">
                      {runaway && <span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-800 dark:bg-red-950 dark:text-red-200">runaway</span>}
                      <span className={runaway ? "font-semibold text-red-800 dark:text-red-300" : ""}>{formatBytes(total)}</span>
                      <span className={`text-xs ${muted}`}>{formatNumber(r.files)} files</span>
                    </span>
                  </li>
                );
              })}
            </ul>
          </figure>
        </>
      )}
    </Section>
  );
}
