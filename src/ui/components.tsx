"use client";
// Small shared UI pieces: metric cards, status badges, connection indicator.
import { useEffect, useState } from "react";
import { onLinkState, type LinkState } from "./graphql-client";

export function MetricCard({ label, value, hint, tone = "default" }: { label: string; value: string; hint?: string; tone?: "default" | "bad" | "good" }) {
  const toneClass =
    tone === "bad" ? "text-red-700 dark:text-red-400" : tone === "good" ? "text-emerald-700 dark:text-emerald-400" : "";
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-metric={label}>
      <div className={`text-2xl font-semibold tabular-nums ${toneClass}`} data-value>
        {value}
      </div>
      <div className="mt-1 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</div>
      {hint && <div className="mt-1 text-xs text-slate-600 dark:text-slate-400">{hint}</div>}
    </div>
  );
}

const STATUS_STYLE: Record<string, string> = {
  Pending: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  Running: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200",
  Success: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  Failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  Cancelled: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-status={status} className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status] ?? ""}`}>
      {status}
    </span>
  );
}

export function ConnectionIndicator({ polling }: { polling: boolean }) {
  const [state, setState] = useState<LinkState>("connecting");
  useEffect(() => onLinkState(setState), []);
  const label = state === "live" ? "Live" : polling ? "Polling" : state === "reconnecting" ? "Reconnecting…" : "Connecting…";
  const dot = state === "live" ? "bg-emerald-500" : state === "reconnecting" ? "bg-amber-500" : "bg-slate-400";
  return (
    <span role="status" aria-live="polite" data-link={state} className="inline-flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
      <span className={`h-2 w-2 rounded-full ${dot}`} aria-hidden />
      {label}
    </span>
  );
}

export const REFRESH_CHOICES = [
  { label: "Off", ms: 0 },
  { label: "30 s", ms: 30_000 },
  { label: "1 m", ms: 60_000 },
  { label: "5 m", ms: 300_000 },
  { label: "10 m", ms: 600_000 },
];

export function RefreshControls({ intervalMs, onInterval, onRefresh, busy }: { intervalMs: number; onInterval: (ms: number) => void; onRefresh: () => void; busy: boolean }) {
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        onClick={onRefresh}
        disabled={busy}
        className={btn}
      >
        {busy ? "Refreshing…" : "Refresh"}
      </button>
      <label className="flex items-center gap-1 text-sm">
        <span>Auto:</span>
        <select
          aria-label="Auto refresh interval"
          value={intervalMs}
          onChange={(e) => onInterval(Number(e.target.value))}
          className={input}
        >
          {REFRESH_CHOICES.map((c) => (
            <option key={c.ms} value={c.ms}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

// ---------- building blocks shared by the dashboards ----------

export const btn =
  "inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";
export const btnSmall =
  "inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";
export const btnPrimary =
  "inline-flex items-center gap-1 rounded bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-blue-600 dark:hover:bg-blue-500";
export const input =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400";
export const link = "text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400";
export const card = "rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900";
export const muted = "text-slate-600 dark:text-slate-400";
export const th = "px-3 py-2 font-medium";
export const td = "px-3 py-2";

export function Skeleton({ className = "h-4 w-full" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200 dark:bg-slate-800 ${className}`} />;
}

export function SkeletonRows({ rows = 5, cols }: { rows?: number; cols: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <tr key={i}>
          <td colSpan={cols} className="px-3 py-3">
            <Skeleton className="h-3 w-full" />
          </td>
        </tr>
      ))}
    </>
  );
}

export function ErrorBanner({ error, onRetry, what = "load" }: { error: string; onRetry?: () => void; what?: string }) {
  return (
    <div role="alert" className="flex items-center justify-between gap-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <span>
        Could not {what}: {error}
      </span>
      {onRetry && (
        <button type="button" className={btnSmall} onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm dark:border-slate-700" data-empty>
      <p className="font-medium text-slate-800 dark:text-slate-200">{title}</p>
      {children && <div className={`mt-1 ${muted}`}>{children}</div>}
    </div>
  );
}

/** A labelled progress bar; `tone` colours the fill. */
export function ProgressBar({ percent, label, tone = "blue", className = "" }: { percent: number | null; label: string; tone?: "blue" | "green" | "red" | "amber"; className?: string }) {
  const p = percent == null ? 0 : Math.max(0, Math.min(100, percent));
  const fill = { blue: "bg-blue-600 dark:bg-blue-500", green: "bg-emerald-600 dark:bg-emerald-500", red: "bg-red-600 dark:bg-red-500", amber: "bg-amber-500" }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent == null ? undefined : Math.round(p * 10) / 10}
      className={`h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700 ${className}`}
    >
      <div className={`h-full rounded-full ${fill} transition-[width] duration-500`} style={{ width: `${p}%` }} />
    </div>
  );
}

export function Section({ id, title, actions, children, description }: { id: string; title: string; actions?: React.ReactNode; children: React.ReactNode; description?: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3" data-section={id}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={`${id}-heading`} className="text-lg font-semibold">
            {title}
          </h2>
          {description && <p className={`text-sm ${muted}`}>{description}</p>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/**
 * Header row of a live page: title, connection state, refresh controls; `notice` is a full-width
 * line below them (e.g. `<ReadOnlyNotice />`, which renders nothing while writes are allowed).
 */
export function PageHeader({ title, subtitle, intervalMs, onInterval, onRefresh, busy, children, notice }: { title: React.ReactNode; subtitle?: React.ReactNode; intervalMs: number; onInterval: (ms: number) => void; onRefresh: () => void; busy: boolean; children?: React.ReactNode; notice?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {subtitle && <div className={`mt-1 text-sm ${muted}`}>{subtitle}</div>}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        {children}
        <ConnectionIndicator polling={intervalMs > 0} />
        <RefreshControls intervalMs={intervalMs} onInterval={onInterval} onRefresh={onRefresh} busy={busy} />
      </div>
      {notice}
    </div>
  );
}
