// Alerts (the `alerts` query: same data as /api/status/deep), shown first on /status.
import type { StatusPanelsQuery } from "../../generated/graphql/operations";
import { ErrorBanner, Skeleton } from "../../ui/components";

type Alert = StatusPanelsQuery["alerts"][number];

const LEVEL = {
  critical: "border-red-400 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100",
  warning: "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
} as const;

export function AlertsPanel({ alerts, error, onRetry }: { alerts: Alert[] | null; error: string | null; onRetry: () => void }) {
  return (
    <section aria-labelledby="alerts-heading" className="space-y-2" data-section="alerts">
      <h2 id="alerts-heading" className="sr-only">
        Alerts
      </h2>
      {error && <ErrorBanner error={error} onRetry={onRetry} what="load alerts, inventory and resources" />}
      {alerts === null && !error && <Skeleton className="h-10 w-full" />}
      {alerts?.length === 0 && (
        <p className="flex items-center gap-2 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" data-alerts="none">
          <span aria-hidden>✓</span> No alerts: workers, failure rate, model runs and disk usage are within limits.
        </p>
      )}
      {!!alerts?.length && (
        <ul className="space-y-2" aria-label={`${alerts.length} alert${alerts.length === 1 ? "" : "s"}`}>
          {alerts.map((a, i) => (
            <li key={`${a.code}-${i}`} data-alert={a.code} className={`flex items-start gap-3 rounded border px-3 py-2 text-sm ${LEVEL[a.level as keyof typeof LEVEL] ?? LEVEL.warning}`}>
              <span className="mt-0.5 rounded bg-white/60 px-1.5 text-xs font-semibold uppercase tracking-wide dark:bg-black/30">{a.level}</span>
              <span>
                {a.message} <code className="text-xs opacity-80">({a.code})</code>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
