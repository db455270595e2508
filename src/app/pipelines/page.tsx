import type { Metadata } from "next";
import { PipelineList } from "./pipeline-list";

export const metadata: Metadata = { title: "Pipelines · Pipewatch" };

export default function PipelinesPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Pipelines</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">Pick a pipeline to see its phases, breakdowns, active jobs and processing rate, and to submit work.</p>
      <PipelineList />
    </div>
  );
}
