// /playground: GraphiQL 5 from the app bundle, offline (every request outside this server is
// blocked and counted), with the docs explorer, the example query, mutation and subscription.
// And a page that outlives its server: it reconnects by itself when the server is back.
import { createServer } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { startUiStack, type UiStack } from "../helpers/ui-stack.ts";
import { gql } from "../helpers/graphql.ts";
import { screenshot } from "../helpers/browser.ts";

let t: TestDb;
let server: ServerProc;
let browser: Browser;
let ui: UiStack | undefined;

beforeAll(async () => {
  ({ t, server, browser } = ui = await startUiStack());
}, 400_000);

afterAll(async () => {
  await ui?.stop();
});

/** Switches tab and waits until the editor shows its operation (GraphiQL runs what it shows). */
async function openTab(page: Page, name: string, text: string) {
  await page.locator(".graphiql-tab", { hasText: name }).click();
  await expect.poll(async () => (await page.locator(".graphiql-query-editor").textContent())?.replace(/\s+/g, " ") ?? "").toContain(text);
  await page.waitForTimeout(300);
}

const response = (page: Page) => page.locator(".graphiql-response").textContent().then((s) => (s ?? "").replace(/\s+/g, ""));

it("serves GraphiQL offline with docs, runs the example query, mutation and subscription", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const outside: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // A browser asking /graphql for HTML lands on the playground.
  await page.goto(`${server.url}/graphql`);
  expect(new URL(page.url()).pathname).toBe("/playground");
  await page.locator(".graphiql-container").waitFor({ timeout: 30_000 });
  // The docs explorer is open and has the schema (introspection passes the depth limit).
  await page.getByText("Root Types").waitFor({ timeout: 20_000 });
  await page.locator(".graphiql-plugin").getByText("subscription", { exact: true }).waitFor();

  // Tab 1: the query. On a busy machine the editor can take a moment to accept the first run, so
  // click again if nothing came back yet.
  await expect
    .poll(
      async () => {
        const r = await response(page);
        if (!r.includes('"queueStats":{')) await page.getByRole("button", { name: /Execute query/ }).click();
        return r;
      },
      { timeout: 60_000, interval: 3000 },
    )
    .toContain('"queueStats":{');

  // Tab 3: the subscription, live over graphql-ws. It is registered a moment after the socket
  // opens: submit jobs until one is reported.
  await openTab(page, "JobChanges", "subscription JobChanges");
  await page.getByRole("button", { name: /Execute query/ }).click();
  await page.getByRole("button", { name: /Stop query/ }).waitFor();
  await expect
    .poll(
      async () => {
        if ((await response(page)).includes('"jobUpdated"')) return true;
        await gql(server.url, `mutation { submitJob(input: { type: "Diagnostic" }) { id } }`);
        return false;
      },
      { timeout: 20_000, interval: 1000 },
    )
    .toBe(true);
  await expect(response(page)).resolves.toMatch(/"jobUpdated":\{"id":"[0-9a-f-]{36}","type":"Diagnostic"/);
  await screenshot(page, "playground-subscription");
  await page.getByRole("button", { name: /Stop query/ }).click();

  // Tab 2: the mutation queues a job (with the tab's variables) that runs to Success.
  await page.getByRole("button", { name: /Execute query/ }).waitFor();
  await openTab(page, "SubmitDiagnostic", "mutation SubmitDiagnostic");
  await page.getByRole("button", { name: /Execute query/ }).click();
  await expect.poll(() => response(page), { timeout: 20_000 }).toMatch(/"submitJob":\{"id":"[0-9a-f-]{36}"/);
  const id = (await response(page)).match(/"id":"([0-9a-f-]{36})"/)![1]!;
  await expect.poll(async () => (await t.db.job.findUnique({ where: { id } }))?.status, { timeout: 20_000 }).toBe("Success");
  await expect(t.db.job.findUnique({ where: { id } }).then((j) => j?.args)).resolves.toEqual({ sleepMs: 2000, steps: 4 });
  await screenshot(page, "playground");

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

it("reconnects by itself after a server restart and shows live updates again without reload", async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  let other = await startServer(t.url, { PIPEWATCH_NO_UI: "0", PORT: String(port) });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${other.url}/status`);
    await page.locator('[data-link="live"]').waitFor({ timeout: 20_000 });
    await other.stop();
    await page.locator('[data-link="reconnecting"]').waitFor({ timeout: 20_000 });
    await expect(page.getByRole("status").filter({ hasText: /Polling|Reconnecting/ }).count()).resolves.toBe(1);
    other = await startServer(t.url, { PIPEWATCH_NO_UI: "0", PORT: String(port) });
    await page.locator('[data-link="live"]').waitFor({ timeout: 45_000 });
    // The subscription is back: new jobs show up in the table without a reload.
    await expect
      .poll(
        async () => {
          const res = await gql(other.url, `mutation { submitJob(input: { type: "Diagnostic", args: { steps: 1 } }) { id } }`);
          const row = page.locator(`tr[data-job-id="${res.data.submitJob.id}"] [data-status="Success"]`);
          return row.waitFor({ timeout: 3_000 }).then(() => true, () => false);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  } finally {
    await page.close();
    await other.stop();
  }
});
