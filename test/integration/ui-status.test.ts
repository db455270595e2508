// /status in real Chromium against the real server: alerts, the job table (live, filters, search,
// pagination, retries), the throughput chart, the run inventory and disk usage from seeded rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestDb } from "../helpers/db.ts";
import type { ServerProc } from "../helpers/processes.ts";
import { startUiStack, type UiStack } from "../helpers/ui-stack.ts";
import { gql } from "../helpers/graphql.ts";
import { screenshot } from "../helpers/browser.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRollups, seedWeather, writeCacheFiles } from "../helpers/ui-fixtures.ts";

let t: TestDb;
let server: ServerProc;
let browser: Browser;
let ui: UiStack | undefined;
const cache = mkdtempSync(join(tmpdir(), "pw-ui-cache-"));

beforeAll(async () => {
  writeCacheFiles(cache);
  ({ t, server, browser } = ui = await startUiStack({ CACHE_DIR: cache }));
  // After the start: the server syncs the pipeline registry that runs and assets refer to.
  await Promise.all([seedWeather(t.url), seedRollups(t.url)]);
}, 400_000);

afterAll(async () => {
  await ui?.stop();
  rmSync(cache, { recursive: true, force: true });
});

async function openStatus(query = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/status${query}`);
  await page.getByRole("heading", { name: "Job Queue" }).waitFor();
  await page.locator('[data-link="live"]').waitFor({ timeout: 20_000 });
  return page;
}

const total = async (page: Page) => Number((await page.getByTestId("jobs-total").textContent())!.replace(/\D/g, ""));

describe("/status", () => {
  it("shows alerts, the run matrix with reasons, tiles-vs-GRIB, disk usage with the runaway, and the throughput chart", async () => {
    const page = await openStatus();
    // Alerts (same data as /api/status/deep).
    const deep = (await (await fetch(`${server.url}/api/status/deep`)).json()) as { alerts: { code: string }[] };
    for (const a of deep.alerts) await page.locator(`[data-alert="${a.code}"]`).first().waitFor();
    expect(deep.alerts.map((a) => a.code)).toContain("run_failed");

    // Run matrix: completeness, compact missing hours, source status, reasons on focus, tiles vs GRIBs.
    const run = page.locator('tr[data-run="hrrr/20260106_12"]');
    await run.waitFor();
    const text = (await run.textContent())!;
    expect(text).toContain("4/8");
    expect(text).toContain("h04–h07 missing");
    expect(text).toContain("NOAA has 6h, we have 4h");
    expect(text).toContain("We have the GRIB but failed to generate tiles: t2m h02");
    await expect(run.locator("[data-run-status]").textContent()).resolves.toBe("failed");
    await run.getByText("h04–h07 missing").focus();
    const tip = run.getByRole("tooltip");
    await tip.waitFor({ state: "visible" });
    const why = (await tip.textContent())!;
    expect(why).toContain("h04: GRIB download failed: HTTP 500");
    expect(why).toContain("h05: not queued");
    expect(why).toContain("h06, h07: not yet upstream");
    await expect(page.locator('tr[data-run="hrrr/20260106_11"] [data-tiles="ok"]').count()).resolves.toBe(1);

    // Disk usage: "Scan now" runs RefreshDiskUsage over the cache; the 500 MB run is flagged, the
    // others are not; cache age and the last scan are shown.
    await page.getByRole("button", { name: "Scan now" }).click();
    await page.locator("[data-disk-run]").nth(3).waitFor({ timeout: 20_000 });
    await expect(page.locator("[data-runaway]").count()).resolves.toBe(1);
    await expect(page.locator('[data-disk-run="gfs/20260106_00"]').getAttribute("data-runaway")).resolves.toBe("true");
    await expect(page.getByTestId("disk-scanned").textContent()).resolves.toMatch(/Last scanned: (just now|\d+ s ago)/);
    await expect(page.locator('[data-section="resources"]').textContent()).resolves.toMatch(/30 h agoOldest File/);

    // Throughput chart: an accessible SVG whose description sums the seeded rollups.
    // (The disk scan just finished too: compare with the rollups as they are now.)
    await page.getByRole("button", { name: "Refresh", exact: true }).click();
    await expect
      .poll(async () => {
        const [r] = await t.db.$queryRaw<{ completed: bigint; failed: bigint }[]>`
          SELECT sum(completed) AS completed, sum(failed) AS failed FROM job_rollups WHERE minute > now() - interval '180 minutes'`;
        const desc = (await page.locator("#throughput-desc").textContent())!;
        return desc.startsWith(`${Number(r!.completed).toLocaleString("en-US")} completed, ${Number(r!.failed)} failed jobs`);
      }, { timeout: 15_000 })
      .toBe(true);
    await screenshot(page, "status-sections");
    await page.close();
  });

  it("updates job rows live, retries a failed job, filters by status, type and search, and pages", async () => {
    const page = await openStatus();
    const res = await gql(server.url, `mutation { submitJob(input: { type: "Diagnostic", args: { sleepMs: 1500, steps: 3 } }) { id } }`);
    const id = res.data.submitJob.id as string;
    const row = page.locator(`tr[data-job-id="${id}"]`);
    await row.locator('[data-status="Running"]').waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toContain("steps=3");
    await row.locator('[data-status="Success"]').waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toContain(server.workerId!);

    const failing = await gql(server.url, `mutation { submitJob(input: { type: "Diagnostic", args: { fail: "bad tile" }, maxAttempts: 1 }) { id } }`);
    const failId = failing.data.submitJob.id as string;
    const failRow = page.locator(`tr[data-job-id="${failId}"]`);
    await failRow.locator('[data-status="Failed"]').waitFor({ timeout: 20_000 });
    await expect(failRow.textContent()).resolves.toContain("bad tile");
    await expect(page.getByTestId("queue-metrics").textContent()).resolves.toMatch(/Failure Rate \(1h\)/);
    await screenshot(page, "status-live");
    await failRow.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => t.db.jobAttempt.count({ where: { jobId: failId } }), { timeout: 20_000 }).toBe(2);
    await failRow.locator('[data-status="Failed"]').waitFor({ timeout: 20_000 });

    // 30 more finished jobs of another type, written directly: enough for two pages.
    await t.db.$executeRaw`
      INSERT INTO jobs (id, type, args, status, "maxAttempts", "queuedAt", "finishedAt", "durationMs")
      SELECT gen_random_uuid(), 'RefreshDiskUsage', '{}', 'Success', 1, now() - make_interval(secs => g), now(), 5 FROM generate_series(1, 30) g`;
    const all = await t.db.job.count(); // 2 Diagnostic, 30 written, and the first test's disk scan
    expect(all).toBeGreaterThanOrEqual(32);
    await page.getByRole("button", { name: "Refresh", exact: true }).click();
    await expect.poll(() => total(page)).toBe(all);

    // Status filter: only the failed job; the URL keeps the filter.
    await page.getByLabel("Filter by status").selectOption("Failed");
    await expect.poll(() => total(page)).toBe(1);
    await expect(page.locator("tr[data-job-id]").count()).resolves.toBe(1);
    expect(page.url()).toContain("status=Failed");
    // Bulk retry of the filtered failures.
    await page.getByRole("button", { name: /Retry all failed/ }).click();
    await page.getByRole("button", { name: "Yes, retry all" }).click();
    await page.getByText("Re-queued 1 failed job").waitFor();
    await expect.poll(() => t.db.jobAttempt.count({ where: { jobId: failId } }), { timeout: 20_000 }).toBe(3);

    // Type filter and search (debounced) change the numbers.
    await page.getByLabel("Filter by status").selectOption("");
    await page.getByLabel("Filter by type").selectOption("Diagnostic");
    await expect.poll(() => total(page)).toBe(2);
    await page.getByLabel("Search jobs by id or args").fill("bad tile");
    await expect.poll(() => total(page)).toBe(1);
    await page.getByLabel("Search jobs by id or args").fill(id.slice(0, 8));
    await expect.poll(async () => (await page.locator("tr[data-job-id]").first().getAttribute("data-job-id"))).toBe(id);
    await page.getByLabel("Search jobs by id or args").fill("");
    await page.getByLabel("Filter by type").selectOption("");
    await expect.poll(() => total(page)).toBe(all);

    // Cursor pagination: 25 on the first page, the rest on the second, and back.
    await expect.poll(() => page.locator("tr[data-job-id]").count()).toBe(25);
    await page.getByRole("button", { name: "Next →" }).click();
    await page.getByText(`26–${all} of ${all}`).waitFor();
    // The range label switches with the page number, the rows when page 2 has arrived.
    await expect.poll(() => page.locator("tr[data-job-id]").count()).toBe(all - 25);
    await page.getByRole("button", { name: "← Prev" }).click();
    await page.getByText(`1–25 of ${all}`).waitFor();

    // A shared URL opens with its filters applied.
    const shared = await openStatus("?status=Success&type=Diagnostic");
    await expect.poll(() => total(shared)).toBe(1);
    await expect(shared.getByLabel("Filter by status").inputValue()).resolves.toBe("Success");
    await shared.close();
    await page.close();
  });
});
