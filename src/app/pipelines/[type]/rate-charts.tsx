// Processing rate per phase over the last 24 hours (files done and failed per hour).
import type { PhaseHistoryQuery } from "../../../generated/graphql/operations";
import { Section, Skeleton, card } from "../../../ui/components";
import { clock, DONE_SERIES, FAILED_SERIES, StackedBars } from "../../../ui/charts";

type History = PhaseHistoryQuery["phaseHistory"];

export function RateCharts({ history }: { history: History | null }) {
  return (
    <Section id="rate" title="Processing Rate" description="Files through each phase per hour, last 24 hours.">
      <div className={`grid gap-4 ${history && history.length > 1 ? "md:grid-cols-2" : ""}`}>
        {!history
          ? Array.from({ length: 2 }, (_, i) => <Skeleton key={i} className="h-48 w-full" />)
          : history.map((h) => {
              const pts = h.points;
              const mid = pts[Math.floor(pts.length / 2)];
              return (
                <div key={h.phase} className={`${card} p-4`}>
                  <h3 className="mb-2 text-sm font-semibold">{h.name}</h3>
                  <StackedBars
                    id={`rate-${h.phase}`}
                    title={`${h.name}: files completed and failed per hour over the last 24 hours`}
                    unit="files"
                    series={[DONE_SERIES, FAILED_SERIES]}
                    points={pts.map((p) => ({ label: `${clock(p.at)}–${clock(new Date(Date.parse(p.at) + 3_600_000).toISOString())}`, values: { done: p.done, failed: p.failed } }))}
                    axis={[pts[0] ? clock(pts[0].at) : "", mid ? clock(mid.at) : "", "now"]}
                    height={110}
                  />
                </div>
              );
            })}
      </div>
    </Section>
  );
}
