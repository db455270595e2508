// Display helpers shared by the API and the UI (compact args, bytes, durations, rates).

/** `{model: "hrrr", run: "20230125_12"}` → `model=hrrr, run=20230125_12` (the seed's Args column). */
export function summarizeArgs(args: unknown, max = 120): string {
  if (!args || typeof args !== "object") return "";
  const s = Object.entries(args as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(", ");
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

/** Decimal units like the seed's "2.4 TB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "—";
  let i = 0;
  let v = n;
  while (v >= 1000 && i < UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${UNITS[i]}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.round(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}
