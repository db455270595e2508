// Access control (API_TOKEN, anonymous writes), rate limits, query cost limits and /metrics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { collect, gql, wsClient } from "../helpers/graphql.ts";
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const TOKEN = "s3cret-token-for-tests-0123456789";
let t: TestDb;
let secured: ServerProc;
let closed: ServerProc;

beforeAll(async () => {
  t = await createTestDatabase();
  [secured, closed] = await Promise.all([
    startServer(t.url, { API_TOKEN: TOKEN, ALLOW_ANONYMOUS_WRITES: "", MUTATION_RATE_PER_MINUTE: "20", WORKER_IN_PROCESS: "false" }),
    // DATABASE_URL set, no token, no ALLOW_ANONYMOUS_WRITES: writes are off.
    startServer(t.url, { ALLOW_ANONYMOUS_WRITES: "", WORKER_IN_PROCESS: "false" }),
  ]);
});
afterAll(async () => {
  await Promise.all([secured?.stop(), closed?.stop()]);
  await t?.drop();
});

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as any };
}

const SUBMIT = `mutation { submitJob(input: { type: "Diagnostic" }) { id } }`;

describe("access control", () => {
  it("reads are open; mutations need the bearer token; nothing is written when refused", async () => {
    expect((await post(secured.url, `{ queueStats { pending } viewer { canWrite reason tokenAccepted } }`)).body.data.viewer).toEqual({
      canWrite: false,
      reason: expect.stringMatching(/Bearer/),
      tokenAccepted: true,
    });
    const none = await post(secured.url, SUBMIT);
    expect(none.status).toBe(401);
    expect(none.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const wrong = await post(secured.url, SUBMIT, { authorization: "Bearer wrong-token-wrong-token" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors[0].message).toBe("invalid API token");
    expect(await t.db.job.count()).toBe(0);
    const ok = await post(secured.url, SUBMIT, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body.data.submitJob.id).toBeTruthy();
    expect((await post(secured.url, `{ viewer { canWrite } }`, { authorization: `Bearer ${TOKEN}` })).body.data.viewer.canWrite).toBe(true);
  });

  it("with an external database and no token, writes are refused unless ALLOW_ANONYMOUS_WRITES", async () => {
    const res = await post(closed.url, SUBMIT);
    expect(res.status).toBe(403);
    expect(res.body.errors[0].message).toMatch(/set API_TOKEN/);
    // No token is configured, so none can help: the UI offers no token field.
    expect((await post(closed.url, `{ viewer { canWrite tokenAccepted } }`)).body.data.viewer).toEqual({ canWrite: false, tokenAccepted: false });
  });

  it("mutations over the WebSocket follow the same rule", async () => {
    const client = createClient({ url: secured.url.replace("http", "ws") + "/graphql", webSocketImpl: WebSocket, retryAttempts: 0 });
    const result = await new Promise<any>((resolve) => {
      client.subscribe({ query: SUBMIT }, { next: resolve, error: resolve, complete: () => {} });
    });
    expect(JSON.stringify(result)).toMatch(/Bearer/);
    await client.dispose();
  });

  it("mutations are rate-limited per client", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await post(secured.url, `mutation { retryFailedJobs }`, { authorization: `Bearer ${TOKEN}` })).status);
    expect(codes).toContain(429);
    expect(codes[0]).toBe(200);
  });
});

describe("query limits", () => {
  it("rejects queries nested too deeply, over HTTP and WebSocket", async () => {
    const deep = `{ jobs { nodes { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } }`;
    const res = await post(secured.url, deep);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.body.errors[0].message).toMatch(/query depth \d+ exceeds the limit of 10/);
    const client = wsClient(secured.url);
    const err = await new Promise<unknown>((resolve) => client.subscribe({ query: `subscription { jobUpdated { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } }` }, { next: () => {}, error: resolve, complete: () => resolve(null) }));
    expect(JSON.stringify(err)).toMatch(/depth/);
    await client.dispose();
  });

  it("rejects queries that select too many fields through fragments", async () => {
    const frag = `fragment F on Job { ${Array.from({ length: 20 }, () => "id type status").join(" ")} }`;
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: jobs { nodes { ...F } }`).join(" ");
    const res = await post(secured.url, `{ ${aliases} } ${frag}`);
    expect(res.body.errors[0].message).toMatch(/selects \d+ fields, more than the limit of 1500/);
  });

  it("refuses bodies over 1 MB with 413", async () => {
    const res = await fetch(`${secured.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ health { ok } }", pad: "x".repeat(1_100_000) }) });
    expect(res.status).toBe(413);
  });
});

describe("metrics", () => {
  it("serves Prometheus text with job, queue, worker, phase, subscription and HTTP series", async () => {
    const client = wsClient(secured.url);
    const sub = collect(client, `subscription { queueUpdated { pending } }`);
    await sub.waitFor((i) => i.length > 0);
    const res = await fetch(`${secured.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^pipewatch_jobs\{type="Diagnostic",status="Pending"\} 1$/m);
    expect(text).toMatch(/^pipewatch_queue_depth 1$/m);
    expect(text).toMatch(/^pipewatch_workers_online 0$/m);
    expect(text).toMatch(/^pipewatch_phase_assets\{pipeline="fathom",phase="phase1",state="done"\} 0$/m);
    expect(text).toMatch(/^pipewatch_subscriptions [1-9]/m);
    expect(text).toMatch(/^pipewatch_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} \d+/m);
    expect(text).toMatch(/^# TYPE pipewatch_job_duration_seconds histogram$/m);
    sub.dispose();
    await client.dispose();
  });
});
