import Link from "next/link";
import { PIPELINES } from "../../domain/registry";

export default function PipelinesPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Pipelines</h1>
      <ul className="grid gap-3 md:grid-cols-3">
        {PIPELINES.map((p) => (
          <li key={p.key} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <div className="font-medium">{p.name}</div>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{p.description}</p>
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              Phases: {p.phases.map((ph) => ph.name).join(" → ")}
            </p>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Job types: {p.jobTypes.join(", ")}</p>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Per-pipeline dashboards are not built yet; query <code>pipeline(key)</code> in the <Link className="underline" href="/playground">GraphQL playground</Link>.
      </p>
    </div>
  );
}
