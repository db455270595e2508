// Display formatting for the dashboards (numbers, rates, relative times, hour lists). Pure functions,
// safe on server and client; the byte/duration helpers shared with the API live in domain/format.ts.
export { formatBytes, formatDuration, formatNumber } from "../domain/format.ts";
import { formatNumber } from "../domain/format.ts";

/**
 * How long something took, or has taken so far while it still runs: its recorded duration, else the
 * time since it started if `running`, else null.
 */
export function elapsedMs(
  x: { durationMs?: number | null; startedAt?: string | null },
  running: boolean,
  now: number,
): number | null {
  if (x.durationMs != null) return x.durationMs;
  return running && x.startedAt ? now - Date.parse(x.startedAt) : null;
}

export function formatPercent(p: number | null | undefined, digits = 1): string {
  if (p == null || !Number.isFinite(p)) return "—";
  return `${p.toFixed(digits)}%`;
}

/** `42/hr`, `1,250/hr`, `0.5/hr`. */
export function formatRate(perHour: number | null | undefined, unit = ""): string {
  if (perHour == null || !Number.isFinite(perHour)) return "—";
  const v = perHour >= 10 ? formatNumber(Math.round(perHour)) : perHour.toFixed(perHour === 0 ? 0 : 1);
  return `${v}${unit ? ` ${unit}` : ""}/hr`;
}

/** `~93 hours`, `~2.5 days`, `< 1 hour`. */
export function formatEta(hours: number | null | undefined): string {
  if (hours == null || !Number.isFinite(hours)) return "—";
  if (hours <= 0) return "done";
  if (hours < 1) return `~${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 100) return `~${formatNumber(Math.round(hours))} hours`;
  return `~${(hours / 24).toFixed(1)} days`;
}

/** `3 min ago`, `in 2 h`, `just now`. `now` is passed in so renders are deterministic. */
export function formatRelative(iso: string | Date | null | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const t = typeof iso === "string" ? Date.parse(iso) : iso.getTime();
  if (!Number.isFinite(t)) return "—";
  const s = Math.round((now - t) / 1000);
  const abs = Math.abs(s);
  const fmt = (v: number, u: string) => (s >= 0 ? `${v} ${u} ago` : `in ${v} ${u}`);
  if (abs < 10) return "just now";
  if (abs < 60) return fmt(abs, "s");
  if (abs < 3600) return fmt(Math.round(abs / 60), "min");
  if (abs < 86_400 * 2) return fmt(Math.round(abs / 3600), "h");
  return fmt(Math.round(abs / 86_400), "days");
}

/** Local date-time for titles and detail views, e.g. `2026-01-06 12:00:05`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const h = (n: number) => `h${String(n).padStart(2, "0")}`;

/**
 * Forecast hours as the seed writes them: `h04, h05` for a few, ranges when many
 * (`h04–h09, h12, h15–h18`). Runs of three or more consecutive hours collapse.
 */
export function formatHours(hours: number[]): string {
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  if (sorted.length <= 3) return sorted.map(h).join(", ");
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${h(sorted[i]!)}–${h(sorted[j]!)}`);
    else for (let k = i; k <= j; k++) parts.push(h(sorted[k]!));
    i = j + 1;
  }
  return parts.join(", ");
}

/** `model=HRRR, run=12z` style args, trimmed for table cells. */
export function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
