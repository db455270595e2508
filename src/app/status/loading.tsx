import { PageSkeleton } from "../../ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="System Status" sections={3} />;
}
