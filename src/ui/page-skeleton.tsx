// Server-rendered skeletons for loading.tsx files: same layout as the pages, nothing shifts.
import { Skeleton } from "./components";

export function PageSkeleton({ title, cards = 4, sections = 2 }: { title: string; cards?: number; sections?: number }) {
  return (
    <div className="space-y-8" aria-busy="true" aria-label={`Loading ${title}`}>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <Skeleton className="h-8 w-64" />
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {Array.from({ length: cards }, (_, i) => (
          <Skeleton key={i} className="h-20 w-full" />
        ))}
      </div>
      {Array.from({ length: sections }, (_, i) => (
        <div key={i} className="space-y-3">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-48 w-full" />
        </div>
      ))}
    </div>
  );
}
