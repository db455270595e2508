// Data Inventory (seed 000 §2.2): the run matrix (completeness X/Y, missing hours with reasons,
// "NOAA has 48h, we have 40h") and the tiles-vs-GRIB indicator.
import type { StatusPanelsQuery } from "../../generated/graphql/operations";
import { EmptyState, ProgressBar, Section, SkeletonRows, card, muted, td, th } from "../../ui/components";
import { formatDateTime, formatHours, formatRelative } from "../../ui/format";

type Run = StatusPanelsQuery["inventory"][number];

const RUN_STATUS: Record<string, string> = {
  complete: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  partial: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  missing: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

/** Missing hours grouped by reason: `h04, h05: GRIB download failed`. */
function reasons(run: Run): { hours: string; reason: string }[] {
  const by = new Map<string, number[]>();
  for (const m of run.missingHours) by.set(m.reason, [...(by.get(m.reason) ?? []), m.hour]);
  return [...by].map(([reason, hours]) => ({ hours: formatHours(hours), reason }));
}

function MissingHours({ run }: { run: Run }) {
  if (!run.missingHours.length) return <span className={muted}>none</span>;
  const list = reasons(run);
  const title = list.map((r) => `${r.hours}: ${r.reason}`).join("\n");
  return (
    <span className="group relative inline-block">
      <span tabIndex={0} title={title} aria-describedby={`why-${run.model}-${run.run}`} className="cursor-help rounded font-mono text-xs underline decoration-dotted underline-offset-2 focus-visible:outline-2 focus-visible:outline-blue-600">
        {formatHours(run.missingHours.map((m) => m.hour))} missing
      </span>
      <span
        role="tooltip"
        id={`why-${run.model}-${run.run}`}
        className="invisible absolute left-0 top-full z-10 mt-1 w-72 rounded border border-slate-300 bg-white p-2 text-xs text-slate-800 shadow-lg group-focus-within:visible group-hover:visible dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      >
        {list.map((r) => (
          <span key={r.reason} className="block">
            <span className="font-mono">{r.hours}</span>: {r.reason}
          </span>
        ))}
      </span>
    </span>
  );
}

function TileCheck({ run }: { run: Run }) {
  if (!run.tileFailures.length) {
    return run.haveHours.length ? (
      <span className="text-xs text-emerald-800 dark:text-emerald-300" data-tiles="ok">
        ✓ tiles for every GRIB
      </span>
    ) : (
      <span className={`text-xs ${muted}`}>—</span>
    );
  }
  return (
    <ul className="space-y-0.5 text-xs text-red-800 dark:text-red-300" data-tiles="failed">
      {run.tileFailures.map((t) => (
        <li key={t.variable} title={t.error}>
          <span aria-hidden>⚠ </span>We have the GRIB but failed to generate tiles: <span className="font-mono">{t.variable}</span> {formatHours(t.hours)}
          <span className={`block truncate ${muted}`}>{t.error}</span>
        </li>
      ))}
    </ul>
  );
}

export function InventoryPanel({ inventory }: { inventory: Run[] | null }) {
  const now = Date.now();
  return (
    <Section id="inventory" title="Data Inventory" description="Each model run: hours we have, what is missing and why, and whether every GRIB became a tile.">
      {inventory?.length === 0 ? (
        <EmptyState title="No model runs tracked yet.">
          ScanSource lists NOAA runs every few minutes when scanning is enabled; submit a <code>ScanSource</code> job (model hrrr or gfs) from the{" "}
          <a className="underline" href="/pipelines/weather">
            Weather pipeline
          </a>{" "}
          to start now.
        </EmptyState>
      ) : (
        <div className={`overflow-x-auto ${card}`}>
          <table className="w-full text-left text-sm" data-testid="inventory-table">
            <caption className="sr-only">Model runs, newest first</caption>
            <thead className={`border-b border-slate-200 text-xs uppercase dark:border-slate-800 ${muted}`}>
              <tr>
                <th scope="col" className={th}>Model / Run</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={`${th} w-48`}>Completeness</th>
                <th scope="col" className={th}>Missing Hours</th>
                <th scope="col" className={th}>Source Status</th>
                <th scope="col" className={th}>Tiles vs GRIBs</th>
                <th scope="col" className={th}>Scanned</th>
              </tr>
            </thead>
            <tbody>
              {inventory === null && <SkeletonRows cols={7} rows={3} />}
              {inventory?.map((r) => {
                const [have, want] = r.completeness.split("/").map(Number);
                const pct = want ? (100 * have!) / want : 0;
                return (
                  <tr key={`${r.model}/${r.run}`} data-run={`${r.model}/${r.run}`} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800">
                    <th scope="row" className={`${td} font-medium`}>
                      <span className="uppercase">{r.model}</span> <span className="font-mono text-xs">{r.run}</span>
                    </th>
                    <td className={td}>
                      <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${RUN_STATUS[r.status] ?? ""}`} data-run-status={r.status}>
                        {r.status}
                      </span>
                    </td>
                    <td className={td}>
                      <div className="flex items-center gap-2">
                        <ProgressBar percent={pct} label={`${r.model} ${r.run} completeness`} tone={r.status === "failed" ? "red" : pct >= 100 ? "green" : "amber"} className="w-24" />
                        <span className="tabular-nums">{r.completeness}</span>
                      </div>
                    </td>
                    <td className={td}>
                      <MissingHours run={r} />
                      {r.reason && <span className={`mt-0.5 block text-xs ${muted}`}>{r.reason}</span>}
                    </td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{r.sourceStatus}</td>
                    <td className={td}>
                      <TileCheck run={r} />
                    </td>
                    <td className={`${td} whitespace-nowrap text-xs ${muted}`} title={formatDateTime(r.lastScannedAt)}>
                      {formatRelative(r.lastScannedAt, now)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
