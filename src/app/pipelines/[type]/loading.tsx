import { PageSkeleton } from "../../../ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Pipeline" cards={5} sections={3} />;
}
