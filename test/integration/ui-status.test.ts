// /status in real Chromium against the real server: the job list updates live, without reload.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ensureNextBuild } from "../../src/server/next.ts";
import { createTestDatabase, type TestDb } from "../helpers/db.ts";
import { startServer, type ServerProc } from "../helpers/processes.ts";
import { gql } from "../helpers/graphql.ts";
import { launchBrowser, screenshot } from "../helpers/browser.ts";

let t: TestDb;
let server: ServerProc;
let browser: Browser;

beforeAll(async () => {
  ensureNextBuild();
  t = await createTestDatabase();
  server = await startServer(t.url, { PIPEWATCH_NO_UI: "0" });
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await t?.drop();
});

it("shows queue metrics and a job list whose statuses change without reload", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/status`);
  await page.getByRole("heading", { name: "Job Queue" }).waitFor();
  await page.getByText("No jobs yet").waitFor();
  await page.locator('[data-link="live"]').waitFor({ timeout: 20_000 });

  const res = await gql(server.url, `mutation { submitJob(input: { type: "Diagnostic", args: { sleepMs: 1500, steps: 3 } }) { id } }`);
  const id = res.data.submitJob.id as string;
  const row = page.locator(`tr[data-job-id="${id}"]`);
  await row.locator('[data-status="Running"]').waitFor({ timeout: 20_000 });
  await expect(row.textContent()).resolves.toContain("steps=3");
  await row.locator('[data-status="Success"]').waitFor({ timeout: 20_000 });
  await expect(row.textContent()).resolves.toContain(server.workerId!);

  const failing = await gql(server.url, `mutation { submitJob(input: { type: "Diagnostic", args: { fail: "bad tile" }, maxAttempts: 1 }) { id } }`);
  const failRow = page.locator(`tr[data-job-id="${failing.data.submitJob.id}"]`);
  await failRow.locator('[data-status="Failed"]').waitFor({ timeout: 20_000 });
  await expect(page.getByTestId("queue-metrics").textContent()).resolves.toMatch(/Failure Rate \(1h\)/);
  await screenshot(page, "status-live");
  // Retry from the page re-queues the failed job.
  await failRow.getByRole("button", { name: "Retry" }).click();
  await expect
    .poll(async () => (await t.db.jobAttempt.count({ where: { jobId: failing.data.submitJob.id } })), { timeout: 20_000 })
    .toBe(2);
  await page.close();
});
