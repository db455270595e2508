import { PipelineList } from "./pipeline-list";

/** Unknown /pipelines/[type]: the selector with a not-found message (HTTP 404). */
export default function PipelineNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Pipeline not found</h1>
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        There is no registered pipeline by that name. Pick one of these:
      </p>
      <PipelineList />
    </div>
  );
}
