// Write access in real Chromium against a server with API_TOKEN set and no anonymous writes: pages
// show no write action and a read-only notice with the server's reason; a token entered in the
// notice (kept in localStorage, sent as a Bearer header) brings Retry back and it really re-queues;
// a wrong token is named as such and changes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestDb } from "../helpers/db.ts";
import type { ServerProc } from "../helpers/processes.ts";
import { startUiStack, type UiStack } from "../helpers/ui-stack.ts";
import { screenshot } from "../helpers/browser.ts";

// The server wants at least 16 characters.
const TOKEN = "s3cret-token-for-ui-tests";
const WRITE_BUTTONS = /^(Retry|Cancel job|Retry all failed.*|Scan now|Submit Phase \d|Run Inventory|Queue job)$/;

let t: TestDb;
let server: ServerProc;
let browser: Browser;
let ui: UiStack | undefined;
let failedId: string;

async function post<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ status: number; data?: T; errors?: { message: string }[] }> {
  const res = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as { data?: T; errors?: { message: string }[] }) };
}

const attemptsOf = async (id: string) => {
  const r = await post<{ job: { status: string; attemptHistory: unknown[] } }>(`query ($id: ID!) { job(id: $id) { status attemptHistory { attempt } } }`, { id });
  return r.data!.job.attemptHistory.length;
};

beforeAll(async () => {
  ({ t, server, browser } = ui = await startUiStack({ API_TOKEN: TOKEN, ALLOW_ANONYMOUS_WRITES: "false" }));
  // Without the token the API refuses; with it, a job that fails at once (one attempt).
  const refused = await post(`mutation { submitJob(input: { type: "Diagnostic" }) { id } }`);
  expect(refused.status).toBe(401);
  const res = await post<{ submitJob: { id: string } }>(`mutation { submitJob(input: { type: "Diagnostic", args: { fail: "boom" }, maxAttempts: 1 }) { id } }`, {}, TOKEN);
  expect(res.errors).toBeUndefined();
  failedId = res.data!.submitJob.id;
  // (expect.poll works inside tests only)
  await vi.waitFor(async () => expect((await post(`query ($id: ID!) { job(id: $id) { status } }`, { id: failedId })).data?.job.status).toBe("Failed"), { timeout: 60_000, interval: 200 });
}, 400_000);

afterAll(async () => {
  await ui?.stop();
});

async function open(path: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme }); // a fresh context: empty localStorage
  await page.goto(`${server.url}${path}`);
  return page;
}

const notice = (page: Page) => page.getByTestId("read-only-notice");
const writeButtons = (page: Page) => page.getByRole("button", { name: WRITE_BUTTONS }).count();

async function saveToken(page: Page, token: string) {
  await notice(page).getByLabel("Use API token").fill(token);
  await notice(page).getByRole("button", { name: "Save" }).click();
}

describe("read-only access (API_TOKEN set)", () => {
  it("shows no write action on /status, /jobs/<id> and /pipelines/<type>, and a read-only notice with the reason", async () => {
    const status = await open("/status");
    await status.locator(`tr[data-job-id="${failedId}"] [data-status="Failed"]`).waitFor({ timeout: 30_000 });
    await notice(status).waitFor({ timeout: 30_000 });
    await expect(notice(status).getByTestId("read-only-reason").textContent()).resolves.toContain("requires Authorization: Bearer <API_TOKEN> for changes");
    await expect(notice(status).getByLabel("Use API token").getAttribute("type")).resolves.toBe("password");
    await expect(notice(status).getByRole("button", { name: "Forget token" }).count()).resolves.toBe(0);
    await status.getByTestId("disk-scanned").waitFor({ timeout: 30_000 }); // the panel whose "Scan now" is a write
    expect(await writeButtons(status)).toBe(0);
    expect(await status.locator(`tr[data-job-id="${failedId}"] button`).count()).toBe(0);
    await screenshot(status, "access-read-only-status");
    await status.close();

    const job = await open(`/jobs/${failedId}`, "dark");
    await job.getByTestId("job-error").waitFor({ timeout: 30_000 });
    await notice(job).waitFor({ timeout: 30_000 });
    expect(await writeButtons(job)).toBe(0);
    await screenshot(job, "access-read-only-job-dark");
    await job.close();

    const pipeline = await open("/pipelines/fathom");
    await pipeline.locator('[data-phase="phase1"]').waitFor({ timeout: 30_000 });
    await notice(pipeline).waitFor({ timeout: 30_000 });
    expect(await writeButtons(pipeline)).toBe(0);
    expect(await pipeline.locator("[data-phase] button").count()).toBe(0);
    expect(await pipeline.locator("[data-submit-dialog]").count()).toBe(0);
    await pipeline.close();
  });

  it("a token entered in the notice brings Retry back, and Retry re-queues the job; Forget token hides it again", async () => {
    const page = await open(`/jobs/${failedId}`);
    await page.getByTestId("job-error").waitFor({ timeout: 30_000 });
    await notice(page).waitFor({ timeout: 30_000 });
    await saveToken(page, TOKEN);

    const retry = page.getByRole("button", { name: "Retry", exact: true });
    await retry.waitFor({ timeout: 30_000 });
    await expect(notice(page).count()).resolves.toBe(0);
    await page.getByTestId("access-token-in-use").waitFor();
    await expect(page.evaluate(() => localStorage.getItem("pipewatch.apiToken"))).resolves.toBe(TOKEN);
    await page.locator('[data-link="live"]').waitFor({ timeout: 30_000 }); // the socket reconnected with the token

    const before = await attemptsOf(failedId);
    await retry.click();
    // Re-queued for real: the server records another attempt (it fails again: args.fail).
    await expect.poll(() => attemptsOf(failedId), { timeout: 60_000 }).toBeGreaterThan(before);

    // The token survives a reload.
    await page.reload();
    await page.getByTestId("access-token-in-use").waitFor({ timeout: 30_000 });
    await page.getByTestId("access-token-in-use").getByRole("button", { name: "Forget token" }).click();
    await notice(page).waitFor({ timeout: 30_000 });
    await expect.poll(() => writeButtons(page)).toBe(0);
    await expect(page.evaluate(() => localStorage.getItem("pipewatch.apiToken"))).resolves.toBeNull();
    await page.close();
  });

  it("a wrong token is reported as invalid, shows no write action, and can be replaced", async () => {
    const page = await open(`/jobs/${failedId}`);
    await page.getByTestId("job-error").waitFor({ timeout: 30_000 });
    await notice(page).waitFor({ timeout: 30_000 });
    await saveToken(page, "not-the-token-at-all");
    await expect.poll(() => notice(page).getByTestId("read-only-reason").textContent(), { timeout: 30_000 }).toBe("invalid API token");
    await notice(page).getByRole("button", { name: "Forget token" }).waitFor();
    expect(await writeButtons(page)).toBe(0);
    await screenshot(page, "access-invalid-token");

    // Replacing it with the right one works without forgetting first.
    await saveToken(page, TOKEN);
    await page.getByRole("button", { name: "Retry", exact: true }).waitFor({ timeout: 30_000 });
    await page.close();
  });
});
