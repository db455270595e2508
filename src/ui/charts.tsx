// Inline SVG/CSS charts: no chart library. Bars scale with the container (the SVG stretches, strokes
// do not), labels are HTML so text never distorts; every chart has a title and a text description.
import { formatNumber } from "../domain/format";

export interface Series {
  key: string;
  label: string;
  /** Tailwind fill classes, light and dark. */
  fill: string;
  /** Swatch for the legend (background classes). */
  swatch: string;
}

export interface StackedBarsProps {
  id: string;
  title: string;
  /** One entry per bucket, oldest first. */
  points: { label: string; values: Record<string, number> }[];
  series: Series[];
  /** Axis labels under the chart (start, middle, end). */
  axis: [string, string, string];
  unit: string;
  height?: number;
}

/** Stacked bars over time (e.g. completed + failed per minute). */
export function StackedBars({ id, title, points, series, axis, unit, height = 140 }: StackedBarsProps) {
  const totals = points.map((p) => series.reduce((s, x) => s + (p.values[x.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const sums = series.map((s) => points.reduce((a, p) => a + (p.values[s.key] ?? 0), 0));
  const peak = Math.max(0, ...totals);
  const W = Math.max(1, points.length);
  const desc = `${series.map((s, i) => `${formatNumber(sums[i]!)} ${s.label.toLowerCase()}`).join(", ")} ${unit} over ${axis[0]} to ${axis[2]}; peak ${formatNumber(peak)} in one bucket.`;
  return (
    <figure className="space-y-1" data-chart={id}>
      <div className="flex items-start gap-2">
        <div className="flex h-full flex-col justify-between text-right text-xs tabular-nums text-slate-600 dark:text-slate-400" style={{ height }} aria-hidden>
          <span>{formatNumber(max)}</span>
          <span>0</span>
        </div>
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${W} 100`}
          preserveAspectRatio="none"
          className="w-full flex-1 overflow-visible"
          style={{ height }}
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{desc}</desc>
          <line x1={0} x2={W} y1={100} y2={100} className="stroke-slate-300 dark:stroke-slate-700" strokeWidth={1} vectorEffect="non-scaling-stroke" />
          <line x1={0} x2={W} y1={50} y2={50} className="stroke-slate-200 dark:stroke-slate-800" strokeWidth={1} strokeDasharray="4 4" vectorEffect="non-scaling-stroke" />
          {points.map((p, i) => {
            let y = 100;
            return (
              <g key={i}>
                <title>{`${p.label}: ${series.map((s) => `${formatNumber(p.values[s.key] ?? 0)} ${s.label.toLowerCase()}`).join(", ")}`}</title>
                {/* Full-height hit area so thin bars still show their tooltip. */}
                <rect x={i} y={0} width={1} height={100} className="fill-transparent" />
                {series.map((s) => {
                  const v = p.values[s.key] ?? 0;
                  if (!v) return null;
                  const h = (100 * v) / max;
                  y -= h;
                  return <rect key={s.key} x={i + 0.1} y={y} width={0.8} height={h} className={s.fill} />;
                })}
              </g>
            );
          })}
        </svg>
      </div>
      <div aria-hidden className="flex justify-between pl-8 text-xs tabular-nums text-slate-600 dark:text-slate-400">
        <span>{axis[0]}</span>
        <span>{axis[1]}</span>
        <span>{axis[2]}</span>
      </div>
      <figcaption className="flex flex-wrap items-center gap-4 pl-8 text-xs text-slate-700 dark:text-slate-300">
        {series.map((s, i) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-sm ${s.swatch}`} />
            {s.label} <span className="tabular-nums">{formatNumber(sums[i]!)}</span>
          </span>
        ))}
        <span className="text-slate-600 dark:text-slate-400">{unit}</span>
      </figcaption>
    </figure>
  );
}

export const DONE_SERIES: Series = { key: "done", label: "Completed", fill: "fill-emerald-600 dark:fill-emerald-500", swatch: "bg-emerald-600 dark:bg-emerald-500" };
export const FAILED_SERIES: Series = { key: "failed", label: "Failed", fill: "fill-red-600 dark:fill-red-400", swatch: "bg-red-600 dark:bg-red-400" };

/** `HH:MM` in local time. */
export function clock(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}
