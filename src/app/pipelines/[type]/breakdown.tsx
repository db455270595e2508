"use client";
// Breakdown per registry grouping (Region, Flood Type, …): total files and per-phase done/pending
// per value. Groupings the registry marks collapsed start folded; a text filter narrows the rows;
// clicking a value filters the whole page through the URL (`?region=GH`), so the view is shareable.
import { useState } from "react";
import type { PipelineDashboardQuery } from "../../../generated/graphql/operations";
import { Section, btnSmall, card, input, muted, td, th } from "../../../ui/components";
import { formatNumber } from "../../../ui/format";

type Pipeline = NonNullable<PipelineDashboardQuery["pipeline"]>;
type Stats = PipelineDashboardQuery["etlStats"];
type Row = Stats["byGrouping"][number]["rows"][number];

function perPhase(pipeline: Pipeline, row: Row) {
  return pipeline.phases.map((ph, i) => {
    const c = row.phases.find((x) => x.phase === ph.key) ?? { done: 0, failed: 0 };
    const before = i === 0 ? row.total : (row.phases.find((x) => x.phase === pipeline.phases[i - 1]!.key)?.done ?? 0);
    return { key: ph.key, done: c.done, failed: c.failed, pending: Math.max(0, before - c.done - c.failed) };
  });
}

export function Breakdowns({ pipeline, stats, filters, onFilter }: { pipeline: Pipeline; stats: Stats; filters: Record<string, string[]>; onFilter: (field: string, value: string | null) => void }) {
  const [q, setQ] = useState("");
  const needle = q.trim().toLowerCase();
  return (
    <Section
      id="breakdown"
      title="Breakdown"
      description="Click a value to filter the whole page to it; the address bar keeps the filter, so the view can be shared."
      actions={
        <label className="flex items-center gap-2 text-sm">
          <span className={muted}>Filter values</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="e.g. GH, fluvial" className={`${input} w-48`} aria-label="Filter breakdown values" />
        </label>
      }
    >
      <div className="space-y-3">
        {pipeline.groupings.map((g) => {
          const b = stats.byGrouping.find((x) => x.field === g.field);
          const rows = (b?.rows ?? []).filter((r) => !needle || r.keys[0]!.toLowerCase().includes(needle));
          const active = filters[g.field];
          return (
            <details key={g.field} open={!g.collapsed} className={`${card} group`} data-grouping={g.field}>
              <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-lg px-4 py-2 font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800/50">
                <span>
                  <span aria-hidden className="mr-2 inline-block transition-transform group-open:rotate-90">
                    ▸
                  </span>
                  {g.label} Breakdown
                  <span className={`ml-2 text-sm font-normal ${muted}`}>
                    {formatNumber(b?.rows.length ?? 0)} value{b?.rows.length === 1 ? "" : "s"}
                    {g.collapsed ? " · folded by default" : ""}
                  </span>
                </span>
                {active && <span className="text-sm font-normal text-blue-800 dark:text-blue-300">filtered: {active.join(", ")}</span>}
              </summary>
              <div className="overflow-x-auto border-t border-slate-200 dark:border-slate-800">
                <table className="w-full text-left text-sm" data-testid={`breakdown-${g.field}`}>
                  <caption className="sr-only">Files per {g.label}</caption>
                  <thead className={`text-xs uppercase ${muted}`}>
                    <tr>
                      <th scope="col" className={th}>{g.label}</th>
                      <th scope="col" className={`${th} text-right`}>Total Files</th>
                      {pipeline.phases.map((ph, i) => [
                        <th key={`${ph.key}-d`} scope="col" className={`${th} text-right`}>Phase {i + 1} Done</th>,
                        <th key={`${ph.key}-p`} scope="col" className={`${th} text-right`}>Phase {i + 1} Pending</th>,
                      ])}
                      <th scope="col" className={`${th} text-right`}>Failed</th>
                      <th scope="col" className={`${th} text-right`}>Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.length === 0 && (
                      <tr>
                        <td colSpan={4 + 2 * pipeline.phases.length} className={`px-3 py-4 text-center ${muted}`}>
                          {needle ? `No ${g.label.toLowerCase()} matches “${q}”.` : "No files yet."}
                        </td>
                      </tr>
                    )}
                    {rows.map((r) => {
                      const value = r.keys[0]!;
                      const phases = perPhase(pipeline, r);
                      const isActive = active?.some((v) => v.toLowerCase() === value.toLowerCase());
                      return (
                        <tr key={value} className="border-t border-slate-100 dark:border-slate-800" data-value={value}>
                          <th scope="row" className={`${td} font-medium`}>
                            <button type="button" className="text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400" onClick={() => onFilter(g.field, value)} title={`Show only ${g.label} = ${value}`}>
                              {value === "none" ? <em>none</em> : value}
                            </button>
                          </th>
                          <td className={`${td} text-right tabular-nums`}>{formatNumber(r.total)}</td>
                          {phases.map((ph) => [
                            <td key={`${ph.key}-d`} className={`${td} text-right tabular-nums`}>
                              {formatNumber(ph.done)}
                            </td>,
                            <td key={`${ph.key}-p`} className={`${td} text-right tabular-nums`}>
                              {formatNumber(ph.pending)}
                            </td>,
                          ])}
                          <td className={`${td} text-right tabular-nums ${phases.some((p) => p.failed) ? "text-red-700 dark:text-red-400" : ""}`}>{formatNumber(phases.reduce((s, p) => s + p.failed, 0))}</td>
                          <td className={`${td} text-right`}>
                            {isActive ? (
                              <button type="button" className={btnSmall} onClick={() => onFilter(g.field, null)} aria-label={`Clear the ${g.label} filter`}>
                                Clear
                              </button>
                            ) : (
                              <button type="button" className={btnSmall} onClick={() => onFilter(g.field, value)} aria-label={`View ${g.label} ${value}`}>
                                View
                              </button>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </details>
          );
        })}
      </div>
    </Section>
  );
}
