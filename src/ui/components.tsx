"use client";
// Small shared UI pieces: metric cards, status badges, connection indicator.
import { useEffect, useState } from "react";
import { onLinkState, type LinkState } from "./graphql-client";

export function MetricCard({ label, value, hint, tone = "default" }: { label: string; value: string; hint?: string; tone?: "default" | "bad" | "good" }) {
  const toneClass =
    tone === "bad" ? "text-red-700 dark:text-red-400" : tone === "good" ? "text-emerald-700 dark:text-emerald-400" : "";
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className={`text-2xl font-semibold tabular-nums ${toneClass}`}>{value}</div>
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
        className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {busy ? "Refreshing…" : "Refresh"}
      </button>
      <label className="flex items-center gap-1 text-sm">
        <span>Auto:</span>
        <select
          aria-label="Auto refresh interval"
          value={intervalMs}
          onChange={(e) => onInterval(Number(e.target.value))}
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
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
