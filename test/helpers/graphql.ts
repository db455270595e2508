// Real GraphQL clients: HTTP POST with fetch, subscriptions with graphql-ws over a real WebSocket.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<T = any>(baseUrl: string, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResult<T>;
}

export function wsClient(baseUrl: string): Client {
  return createClient({ url: baseUrl.replace(/^http/, "ws") + "/graphql", webSocketImpl: WebSocket, retryAttempts: 0 });
}

/** Collects subscription payloads; `waitFor` resolves when a predicate holds over what arrived. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const items: T[] = [];
  const waiters: { pred: (items: T[]) => boolean; resolve: () => void }[] = [];
  let ready: () => void;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.data) items.push(v.data as T);
        for (const w of [...waiters]) if (w.pred(items)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      },
      error: (e) => console.error("subscription error", e),
      complete: () => {},
    },
  );
  return {
    items,
    dispose,
    waitFor(pred: (items: T[]) => boolean, timeoutMs = 20_000, what = "subscription condition"): Promise<void> {
      if (pred(items)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(items).slice(0, 2000)}`)), timeoutMs);
        waiters.push({ pred, resolve: () => (clearTimeout(t), resolve()) });
      });
    },
  };
}

/** Resolves once the socket is connected (subscriptions are only live after that). */
export function connected(client: Client): Promise<void> {
  return new Promise((resolve) => client.on("connected", () => resolve()));
}

/**
 * A subscription is live only once the server has registered it, which a client cannot observe
 * directly: submit harmless warm-up jobs until one of them shows up on every given feed.
 */
export async function untilJobFeedsLive(
  baseUrl: string,
  feeds: { items: { jobUpdated: { id: string } }[] }[],
  attempts = 20,
): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const res = await gql<{ submitJob: { id: string } }>(baseUrl, `mutation { submitJob(input: { type: "Diagnostic" }) { id } }`);
    const id = res.data!.submitJob.id;
    const end = Date.now() + 1500;
    while (Date.now() < end) {
      if (feeds.every((f) => f.items.some((e) => e.jobUpdated.id === id))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("job subscriptions never became live");
}
