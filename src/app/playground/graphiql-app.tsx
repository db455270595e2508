"use client";
// GraphiQL 5 with our endpoint: HTTP for queries and mutations, graphql-ws for subscriptions.
import "graphiql/setup-workers/webpack";
import "graphiql/style.css";
import { useMemo } from "react";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { EXAMPLE_TABS } from "./examples";

export default function GraphiQLApp() {
  const fetcher = useMemo(() => {
    const ws = location.protocol === "https:" ? "wss:" : "ws:";
    return createGraphiQLFetcher({ url: `${location.origin}/graphql`, subscriptionUrl: `${ws}//${location.host}/graphql` });
  }, []);
  return (
    <div className="h-[calc(100vh-9rem)] min-h-[32rem] overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800" data-testid="graphiql">
      <GraphiQL fetcher={fetcher} defaultTabs={EXAMPLE_TABS} visiblePlugin="Documentation Explorer" defaultEditorToolsVisibility="variables" />
    </div>
  );
}
