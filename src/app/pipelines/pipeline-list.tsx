// The pipeline selector: every registered pipeline with its phases and a link to its dashboard.
import Link from "next/link";
import { PIPELINES } from "../../domain/registry";

export function PipelineList() {
  return (
    <ul className="grid gap-3 md:grid-cols-3" aria-label="Pipelines">
      {PIPELINES.map((p) => (
        <li key={p.key} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-pipeline={p.key}>
          <h2 className="font-medium">
            <Link href={`/pipelines/${p.key}`} className="text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400">
              {p.name}
            </Link>
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{p.description}</p>
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Phases: {p.phases.map((ph) => ph.name).join(" → ")}</p>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {p.groupings.length ? `Breakdowns: ${p.groupings.map((g) => g.label).join(", ")}` : "No breakdowns (phase progress and file counts only)"}
          </p>
          <p className="mt-auto pt-3 text-sm">
            <Link href={`/pipelines/${p.key}`} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-400" aria-label={`Open the ${p.name} dashboard`}>
              Open dashboard →
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
