// Bad input gets a clear error and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { gql } from "../helpers/graphql.ts";

let t: TestDb;
let server: ServerProc;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startServer(t.url, { WORKER_IN_PROCESS: "false" });
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

async function counts() {
  const [jobs, queued] = await Promise.all([
    t.db.job.count(),
    t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs`,
  ]);
  return { jobs, queued: Number(queued[0]!.n) };
}

async function expectNothingWritten(fn: () => Promise<void>) {
  const before = await counts();
  await fn();
  expect(await counts()).toEqual(before);
}

describe("submitJob validation", () => {
  it("unknown job type: BAD_USER_INPUT listing the valid types", () =>
    expectNothingWritten(async () => {
      const res = await gql(server.url, `mutation { submitJob(input: { type: "DropTables" }) { id } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toMatch(/unknown job type "DropTables"; valid types: .*Diagnostic.*ScanSource.*IngestGrib/);
    }));

  it("args failing the job type's schema: each problem named", () =>
    expectNothingWritten(async () => {
      const res = await gql(server.url, `mutation { submitJob(input: { type: "Diagnostic", args: { sleepMs: -5, bogus: 1 } }) { id } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toMatch(/invalid args for Diagnostic: .*sleepMs/);
      expect(res.errors?.[0]?.message).toMatch(/bogus/);
    }));

  it("args of the wrong JSON type and out-of-range maxAttempts", () =>
    expectNothingWritten(async () => {
      const a = await gql(server.url, `mutation { submitJob(input: { type: "Diagnostic", args: "sleep" }) { id } }`);
      expect(a.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const b = await gql(server.url, `mutation { submitJob(input: { type: "Diagnostic", maxAttempts: 0 }) { id } }`);
      expect(b.errors?.[0]?.message).toMatch(/maxAttempts must be an integer from 1 to 25/);
    }));

  it("a declared job type whose handler has not landed is refused clearly", () =>
    expectNothingWritten(async () => {
      const res = await gql(server.url, `{ jobTypes { type available } }`);
      const planned = res.data.jobTypes.find((j: { available: boolean }) => !j.available);
      if (!planned) return; // every job type is available
      const r = await gql(server.url, `mutation($t: String!) { submitJob(input: { type: $t, args: {} }) { id } }`, { t: planned.type });
      expect(r.errors?.[0]?.message).toMatch(/not available in this version/);
    }));
});

describe("ids and GraphQL documents", () => {
  it("unknown and malformed ids", () =>
    expectNothingWritten(async () => {
      const missing = "00000000-0000-4000-8000-000000000000";
      const a = await gql(server.url, `mutation($id: ID!) { retryJob(id: $id) { id } }`, { id: missing });
      expect(a.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      const b = await gql(server.url, `mutation($id: ID!) { cancelJob(id: $id) { id } }`, { id: "1; DROP TABLE jobs" });
      expect(b.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const c = await gql(server.url, `query($id: ID!) { job(id: $id) { id } }`, { id: missing });
      expect(c.errors).toBeUndefined();
      expect(c.data.job).toBeNull();
    }));

  it("malformed GraphQL and malformed JSON get 4xx, not 500", async () => {
    const syntax = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "mutation { submitJob(input: { type: " }),
    });
    expect(syntax.status).toBe(400);
    expect(((await syntax.json()) as any).errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
    const unknownField = await gql(server.url, `{ jobs { nodes { password } } }`);
    expect(unknownField.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const json = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(json.status).toBe(400);
  });

  it("page size limits and bad cursors", async () => {
    const a = await gql(server.url, `{ jobs(first: 100000) { totalCount } }`);
    expect(a.errors?.[0]?.message).toMatch(/first must be an integer from 1 to 200/);
    const b = await gql(server.url, `{ jobs(after: "garbage") { totalCount } }`);
    expect(b.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("unknown pipeline in a subscription or query is a clear error", async () => {
    const a = await gql(server.url, `{ pipeline(key: "nope") { key } }`);
    expect(a.data.pipeline).toBeNull();
  });
});

describe("REST", () => {
  it("health is 200 with database and worker status", async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "up", workers_online: 0 });
  });
  it("unknown API routes are 404 JSON", async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
  });
});
