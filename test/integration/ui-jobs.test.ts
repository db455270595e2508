// /jobs/[id] (the job monitor) in real Chromium against the real server: stages and tasks of a
// fanned-out job, live progress to Success, errors with stack and attempt history, Retry and Cancel.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestDb } from "../helpers/db.ts";
import type { ServerProc } from "../helpers/processes.ts";
import { startUiStack, type UiStack } from "../helpers/ui-stack.ts";
import { gql } from "../helpers/graphql.ts";
import { screenshot } from "../helpers/browser.ts";
import { seedParentJob } from "../helpers/ui-fixtures.ts";

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

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}${path}`);
  return page;
}

async function submit(args: Record<string, unknown>, maxAttempts?: number): Promise<string> {
  const res = await gql(server.url, `mutation ($args: JSON, $max: Int) { submitJob(input: { type: "Diagnostic", args: $args, maxAttempts: $max }) { id } }`, { args, max: maxAttempts ?? null });
  return res.data.submitJob.id;
}

describe("job monitor", () => {
  it("shows a fanned-out job's stages and tasks (paginated), its facts and the pipeline link; rows link from /status", async () => {
    const { id, childIds } = await seedParentJob(t.url);
    // From the status table: the row's id links to the monitor.
    const status = await open("/status?tasks=0");
    await status.locator(`tr[data-job-id="${id}"] a[href="/jobs/${id}"]`).click();
    await status.waitForURL(`**/jobs/${id}`);
    await status.close();

    const page = await open(`/jobs/${id}`);
    await page.getByRole("heading", { name: /Job [0-9a-f]{8}/ }).waitFor();
    await page.getByTestId("stages").waitFor();
    await expect(page.getByTestId("view-pipeline").getAttribute("href")).resolves.toBe("/pipelines/fathom");
    await expect(page.getByTestId("job-progress").textContent()).resolves.toBe("21/30 (70%)");
    const facts = (await page.getByTestId("job-facts").textContent())!;
    expect(facts).toContain("Peak memory2.3 GB");
    expect(facts).toContain("Attempts1 / 3");
    expect(facts).toContain("Tasks30");
    await expect(page.getByTestId("job-args").textContent()).resolves.toContain('"region": "GH"');

    const s1 = page.locator('[data-stage="1"]');
    const s2 = page.locator('[data-stage="2"]');
    await expect(s1.textContent()).resolves.toMatch(/^1: Select stacks100%4\s*0\s*0\s*0\s*4$/);
    await expect(s2.textContent()).resolves.toMatch(/^2: Band Stack65%16\s*3\s*6\s*1\s*26$/);
    await expect(page.getByTestId("tasks").locator("tr[data-task-id]").count()).resolves.toBe(25);
    await expect(page.locator('[data-stage-group="2"]').count()).resolves.toBe(1);
    await screenshot(page, "job-monitor-parent");
    await page.getByRole("button", { name: "Next →" }).click();
    await page.getByText("26–30 of 30").waitFor();
    await expect(page.getByTestId("tasks").locator("tr[data-task-id]").count()).resolves.toBe(5);
    await expect(page.locator('[data-stage-group="1"]').count()).resolves.toBe(1);

    // A task links back to its parent.
    await page.locator(`tr[data-task-id="${childIds[0]}"] a`).click();
    await page.waitForURL(`**/jobs/${childIds[0]}`);
    await page.getByRole("link", { name: /parent process_fathom_stack/ }).waitFor();
    await page.close();
  });

  it("follows a running job live to Success without reload", async () => {
    const id = await submit({ sleepMs: 4000, steps: 4 });
    const page = await open(`/jobs/${id}`);
    await page.locator('[data-link="live"]').waitFor({ timeout: 20_000 });
    await page.locator('h1 [data-status="Running"]').waitFor({ timeout: 20_000 });
    await page.locator('h1 [data-status="Success"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("job-progress").textContent()).toBe("4/4 (100%)");
    await expect(page.getByTestId("view-pipeline").count()).resolves.toBe(0); // Diagnostic is in no pipeline
    const attempt = page.locator('[data-testid="attempts"] tr[data-attempt="1"]');
    await expect.poll(async () => (await attempt.textContent()) ?? "", { timeout: 10_000 }).toContain("success");
    await expect(attempt.textContent()).resolves.toContain(server.workerId!);
    await expect(page.getByText("This job runs as one unit").count()).resolves.toBe(1);
    await screenshot(page, "job-monitor-success");
    await page.close();
  });

  it("shows a failure's error, stack and attempts; Retry re-queues it; Cancel removes a pending job", async () => {
    const id = await submit({ fail: "tile boom" }, 2);
    await expect.poll(async () => (await t.db.job.findUnique({ where: { id } }))?.status, { timeout: 30_000 }).toBe("Failed");
    const page = await open(`/jobs/${id}`);
    const err = page.getByTestId("job-error");
    await err.waitFor();
    await expect(err.textContent()).resolves.toContain("Failed: tile boom");
    await expect(err.locator("pre").textContent()).resolves.toMatch(/at /); // the stack trace, shown open
    await expect(page.locator('[data-testid="attempts"] tr[data-attempt]').count()).resolves.toBe(2);
    await screenshot(page, "job-monitor-failed");
    await page.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => t.db.jobAttempt.count({ where: { jobId: id } }), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('[data-testid="attempts"] tr[data-attempt]').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.close();

    // A queued job that no worker has picked up (its row only): Cancel marks it Cancelled.
    const pending = randomUUID();
    await t.db.$executeRaw`INSERT INTO jobs (id, type, args, "maxAttempts") VALUES (${pending}::uuid, 'Diagnostic', '{}', 3)`;
    const p2 = await open(`/jobs/${pending}`);
    await p2.getByText("No attempts yet").waitFor();
    await p2.getByRole("button", { name: "Cancel job" }).click();
    await p2.locator('h1 [data-status="Cancelled"]').waitFor({ timeout: 20_000 });
    await p2.getByRole("button", { name: "Retry" }).waitFor(); // a cancelled job can be retried
    await p2.close();
  });

  it("answers a malformed id with 404 and an unknown one with a clear empty state", async () => {
    const res = await fetch(`${server.url}/jobs/not-a-uuid`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Job not found");
    const unknown = randomUUID();
    const page = await open(`/jobs/${unknown}`);
    await page.getByText(`No job with id ${unknown}.`).waitFor();
    await page.close();
  });
});
