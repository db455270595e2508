import type { Metadata } from "next";
import { PlaygroundLoader } from "./playground-loader";

export const metadata: Metadata = { title: "GraphQL Playground · Pipewatch" };

/** GraphiQL 5 from the app bundle (no CDN): docs explorer, example operations, subscriptions over graphql-ws. */
export default function PlaygroundPage() {
  return (
    <div className="space-y-3">
      <h1 className="sr-only">GraphQL Playground</h1>
      <PlaygroundLoader />
    </div>
  );
}
