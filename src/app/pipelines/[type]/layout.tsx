import { notFound } from "next/navigation";
import { getPipeline } from "../../../domain/registry";

/** Validates the pipeline key before anything streams, so an unknown one is a real HTTP 404. */
export default async function PipelineLayout({ children, params }: { children: React.ReactNode; params: Promise<{ type: string }> }) {
  const { type } = await params;
  if (!getPipeline(decodeURIComponent(type))) notFound();
  return children;
}
