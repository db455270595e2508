"use client";
// Browser GraphQL client: typed documents over fetch, and one shared graphql-ws connection that
// reconnects by itself (after a server restart the page recovers without reload). An API token the
// user saved (the read-only notice) goes along as `Authorization: Bearer …` on HTTP and as
// `connectionParams.authorization` on the socket.
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

// ---------- API token (localStorage, so it survives reloads; kept in memory if storage is blocked) ----------

export const API_TOKEN_KEY = "pipewatch.apiToken";
let token: string | null | undefined; // undefined: not read from storage yet
const tokenListeners = new Set<() => void>();
const deniedListeners = new Set<() => void>();

export function apiToken(): string | null {
  if (token === undefined) {
    try {
      token = localStorage.getItem(API_TOKEN_KEY) || null;
    } catch {
      token = null;
    }
  }
  return token;
}

/** Saves (or with `null` forgets) the token; the socket reconnects so it authenticates anew. */
export function setApiToken(value: string | null) {
  const next = value?.trim() || null;
  try {
    if (next) localStorage.setItem(API_TOKEN_KEY, next);
    else localStorage.removeItem(API_TOKEN_KEY);
  } catch {
    /* storage blocked: this tab still uses it */
  }
  tokenChanged(next);
}

function tokenChanged(next: string | null) {
  if (next === apiToken()) return;
  token = next;
  client?.terminate(); // not fatal: it reconnects (with the new connectionParams) and resubscribes
  for (const l of tokenListeners) l();
}

/** Called after the token changed, here or in another tab. */
export function onApiToken(fn: () => void): () => void {
  tokenListeners.add(fn);
  const onStorage = (e: StorageEvent) => {
    if (e.key === API_TOKEN_KEY || e.key === null) tokenChanged(e.newValue || null);
  };
  window.addEventListener("storage", onStorage);
  return () => {
    tokenListeners.delete(fn);
    window.removeEventListener("storage", onStorage);
  };
}

/** Called when the server refused a change (UNAUTHENTICATED / FORBIDDEN): write access may have changed. */
export function onWriteDenied(fn: () => void): () => void {
  deniedListeners.add(fn);
  return () => deniedListeners.delete(fn);
}

export async function gql<R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
  const t = apiToken();
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(t ? { authorization: `Bearer ${t}` } : {}) },
    body: JSON.stringify({ query: print(doc), variables }),
  });
  const body = (await res.json().catch(() => null)) as { data?: R; errors?: { message: string; extensions?: { code?: string; details?: unknown } }[] } | null;
  if (!body) throw new GraphQLRequestError(`HTTP ${res.status}`);
  if (body.errors?.length) {
    const e = body.errors[0]!;
    if (e.extensions?.code === "UNAUTHENTICATED" || e.extensions?.code === "FORBIDDEN") for (const l of deniedListeners) l();
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
    connectionParams: () => {
      const t = apiToken();
      return t ? { authorization: `Bearer ${t}` } : {};
    },
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
