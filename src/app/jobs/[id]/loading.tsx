import { PageSkeleton } from "../../../ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Job" cards={4} sections={2} />;
}
