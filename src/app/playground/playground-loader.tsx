"use client";
// GraphiQL touches `window` and Monaco workers when it loads: browser only.
import dynamic from "next/dynamic";
import { Skeleton } from "../../ui/components";

const Playground = dynamic(() => import("./graphiql-app"), {
  ssr: false,
  loading: () => <Skeleton className="h-[calc(100vh-9rem)] min-h-[32rem] w-full" />,
});

export function PlaygroundLoader() {
  return <Playground />;
}
