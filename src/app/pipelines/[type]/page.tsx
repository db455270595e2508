import type { Metadata } from "next";
import { Suspense } from "react";
import { getPipeline } from "../../../domain/registry";
import { PageSkeleton } from "../../../ui/page-skeleton";
import { PipelineView } from "./pipeline-view";

type Props = { params: Promise<{ type: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = getPipeline(decodeURIComponent((await params).type));
  return { title: `${p?.name ?? "Pipeline"} · Pipewatch` };
}

/** `/pipelines/fathom?region=GH`: grouping filters live in the URL (shareable); the view reads them. */
export default async function PipelinePage({ params }: Props) {
  const p = getPipeline(decodeURIComponent((await params).type))!;
  return (
    <Suspense fallback={<PageSkeleton title={p.name} cards={5} sections={3} />}>
      <PipelineView pipelineKey={p.key} groupingFields={p.groupings.map((g) => g.field)} />
    </Suspense>
  );
}
