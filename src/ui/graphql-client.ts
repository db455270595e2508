"use client";
// Browser GraphQL client: typed documents over fetch, and one shared graphql-ws connection that
// reconnects by itself (after a server restart the page recovers without reload).
import { print } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { createClient, type Client } from "graphql-ws";

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    /** `extensions.details` of the error, e.g. `{ issues: [{ path, message }] }` for bad args. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function gql<R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: print(doc), variables }),
  });
  const body = (await res.json().catch(() => null)) as { data?: R; errors?: { message: string; extensions?: { code?: string; details?: unknown } }[] } | null;
  if (!body) throw new GraphQLRequestError(`HTTP ${res.status}`);
  if (body.errors?.length) {
    const e = body.errors[0]!;
    throw new GraphQLRequestError(e.message, e.extensions?.code, e.extensions?.details);
  }
  return body.data as R;
}

export type LinkState = "connecting" | "live" | "reconnecting";
const stateListeners = new Set<(s: LinkState) => void>();
let linkState: LinkState = "connecting";
let client: Client | undefined;

function setState(s: LinkState) {
  linkState = s;
  for (const l of stateListeners) l(s);
}

export function wsClient(): Client {
  if (client) return client;
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  client = createClient({
    url: `${proto}//${location.host}/graphql`,
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (n) => new Promise((r) => setTimeout(r, Math.min(500 * 2 ** n, 5_000) * (0.75 + Math.random() / 2))),
    on: {
      connected: () => setState("live"),
      closed: () => setState("reconnecting"),
      error: () => setState("reconnecting"),
    },
  });
  return client;
}

export function onLinkState(fn: (s: LinkState) => void): () => void {
  stateListeners.add(fn);
  fn(linkState);
  return () => stateListeners.delete(fn);
}

/** Subscribes with a typed document; returns the unsubscribe function. */
export function subscribe<R, V>(doc: TypedDocumentNode<R, V>, variables: V, onData: (d: R) => void): () => void {
  return wsClient().subscribe<R>(
    { query: print(doc), variables: variables as Record<string, unknown> },
    { next: (v) => v.data && onData(v.data as R), error: () => {}, complete: () => {} },
  );
}
