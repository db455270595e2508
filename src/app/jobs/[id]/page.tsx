import type { Metadata } from "next";
import { JobView } from "./job-view";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Job ${(await params).id.slice(0, 8)} · Pipewatch` };
}

export default async function JobPage({ params }: Props) {
  return <JobView id={(await params).id.toLowerCase()} />;
}
