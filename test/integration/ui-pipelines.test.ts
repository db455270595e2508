// /pipelines and /pipelines/[type] in real Chromium against the real server: the selector and its
// 404, the seed's redirect routes, the FATHOM dashboard on seeded files (grouping click → URL →
// numbers), the generated submit forms (client validation, server errors inline, dry run), and a
// raster conversion queued from its form that turns Success and moves the dashboard without reload.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestDb } from "../helpers/db.ts";
import type { ServerProc } from "../helpers/processes.ts";
import { startUiStack, type UiStack } from "../helpers/ui-stack.ts";
import { screenshot } from "../helpers/browser.ts";
import { writeTile } from "../helpers/fathom-fixtures.ts";
import { seedFathom, seedParentJob } from "../helpers/ui-fixtures.ts";

let t: TestDb;
let server: ServerProc;
let browser: Browser;
let ui: UiStack | undefined;
let parentId: string;
const root = mkdtempSync(join(tmpdir(), "pw-ui-etl-"));

beforeAll(async () => {
  writeTile(join(root, "bronze", "rasters", "a.tif"), 5, -1, 42);
  ({ t, server, browser } = ui = await startUiStack({ BRONZE_DIR: join(root, "bronze"), SILVER_DIR: join(root, "silver"), CACHE_DIR: join(root, "cache") }));
  await seedFathom(t.url);
  parentId = (await seedParentJob(t.url)).id;
}, 400_000);

afterAll(async () => {
  await ui?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}${path}`);
  return page;
}

const cardValue = async (page: Page, label: string) => (await page.getByTestId("summary-cards").locator(`[data-metric="${label}"] [data-value]`).textContent())!.trim();

describe("pipeline pages", () => {
  it("lists pipelines, answers unknown ones with 404 and the selector, and redirects the seed's interface URLs", async () => {
    const list = await fetch(`${server.url}/pipelines`);
    expect(list.status).toBe(200);
    const html = await list.text();
    for (const name of ["FATHOM Flood Data", "Raster Processing", "Weather Models"]) expect(html).toContain(name);

    const missing = await fetch(`${server.url}/pipelines/nope`);
    expect(missing.status).toBe(404);
    const body = await missing.text();
    expect(body).toContain("Pipeline not found");
    expect(body).toContain("FATHOM Flood Data");

    const redirect = async (q: string) => {
      const r = await fetch(`${server.url}/api/interface/${q}`, { redirect: "manual" });
      return { status: r.status, location: r.headers.get("location") };
    };
    await expect(redirect("pipeline?type=fathom")).resolves.toEqual({ status: 302, location: "/pipelines/fathom" });
    await expect(redirect("pipeline?type=fathom&region=GH")).resolves.toEqual({ status: 302, location: "/pipelines/fathom?region=GH" });
    await expect(redirect("pipeline")).resolves.toEqual({ status: 302, location: "/pipelines" });
    await expect(redirect("pipeline?type=../x")).resolves.toMatchObject({ status: 400 });
    await expect(redirect(`tasks?job_id=${parentId}`)).resolves.toEqual({ status: 302, location: `/jobs/${parentId}` });
    await expect(redirect("tasks?job_id=42")).resolves.toMatchObject({ status: 400 });
    await expect(redirect("tasks")).resolves.toMatchObject({ status: 400 });

    // In the browser the old URL lands on the dashboard.
    const page = await open("/api/interface/pipeline?type=fathom");
    await page.getByRole("heading", { name: "FATHOM Flood Data Pipeline" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/pipelines/fathom");
    await page.close();
  });

  it("shows the FATHOM summary, phases, rate charts, breakdowns and active jobs; a clicked value filters the page via the URL", async () => {
    const page = await open("/pipelines/fathom");
    await page.getByRole("heading", { name: "FATHOM Flood Data Pipeline" }).waitFor();
    await expect.poll(() => cardValue(page, "Total Files")).toBe("200");
    expect(await cardValue(page, "Phase 1 Complete")).toBe("120");
    expect(await cardValue(page, "Phase 2 Complete")).toBe("32");
    expect(await cardValue(page, "Failed")).toBe("1");

    const p1 = page.locator('[data-phase="phase1"]');
    await expect(p1.locator('[data-count="pending"]').textContent()).resolves.toBe("79");
    await expect(p1.locator('[data-count="completed"]').textContent()).resolves.toBe("120");
    await expect(p1.locator('[data-count="failed"]').textContent()).resolves.toBe("1");
    await expect(p1.locator("[data-percent]").textContent()).resolves.toBe("60.0%");
    await expect(p1.textContent()).resolves.toContain("Avg time: 45 s");
    await expect(page.locator('[data-phase="phase2"] [data-count="eligible"]').textContent()).resolves.toBe("88");
    await expect(page.locator("#rate-phase1-title").textContent()).resolves.toContain("Band Stack");
    await expect(page.locator("#rate-phase1-desc").textContent()).resolves.toMatch(/^120 completed, 1 failed files/);

    // Groupings: region open, scenario (collapsed in the registry) folded.
    await expect(page.locator('[data-grouping="region"]').getAttribute("open")).resolves.not.toBeNull();
    await expect(page.locator('[data-grouping="ssp"]').getAttribute("open")).resolves.toBeNull();
    const region = page.getByTestId("breakdown-region");
    await expect(region.locator("tr[data-value]").count()).resolves.toBe(3);
    await expect(region.locator('tr[data-value="GH"]').textContent()).resolves.toMatch(/^GH96\s*48\s*47\s*8\s*40\s*1View$/);

    // The value filter narrows the tables; it does not touch the URL.
    await page.getByLabel("Filter breakdown values").fill("fluv");
    await expect(page.getByTestId("breakdown-flood_type").locator("tr[data-value]").count()).resolves.toBe(1);
    await page.getByLabel("Filter breakdown values").fill("");

    // Active jobs: the seeded GH stack job with 20 of 30 tasks done.
    const active = page.locator(`[data-active-job="${parentId}"]`);
    await expect(active.locator("[data-progress]").textContent()).resolves.toContain("20/30 (67%)");
    await expect(active.textContent()).resolves.toContain("GH");
    await expect(active.getByRole("link", { name: /Monitor/ }).getAttribute("href")).resolves.toBe(`/jobs/${parentId}`);
    await screenshot(page, "pipeline-fathom");

    // Clicking GH filters the whole page and puts region=GH in the URL.
    await region.getByRole("button", { name: "GH", exact: true }).click();
    await page.waitForURL(/\?region=GH$/);
    await expect.poll(() => cardValue(page, "Total Files")).toBe("96");
    expect(await cardValue(page, "Phase 1 Complete")).toBe("48");
    await expect(page.getByTestId("active-filters").textContent()).resolves.toContain("Region = GH");
    await expect(page.getByTestId("breakdown-region").locator("tr[data-value]").count()).resolves.toBe(1);
    await screenshot(page, "pipeline-fathom-gh");
    // Back undoes it; a shared URL opens filtered.
    await page.goBack();
    await expect.poll(() => cardValue(page, "Total Files")).toBe("200");
    const shared = await open("/pipelines/fathom?region=CI");
    await expect.poll(() => cardValue(shared, "Total Files")).toBe("64");
    expect(await cardValue(shared, "Phase 2 Complete")).toBe("24");
    await shared.close();
    await page.close();
  });

  it("generates submit forms from the JSON Schema: client-side checks, server errors on their field, a dry run before queuing", async () => {
    const page = await open("/pipelines/fathom?region=GH");
    await page.getByRole("button", { name: /Submit Phase 1/ }).click();
    const dialog = page.locator('[data-submit-dialog="process_fathom_stack"]');
    await dialog.waitFor();
    // The page's region filter pre-fills the form.
    await expect(dialog.getByLabel("Region").inputValue()).resolves.toBe("GH");
    await dialog.getByLabel("Region").fill("gh");
    await dialog.getByLabel("Limit").fill("0");
    await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(dialog.locator('[data-field-error="region"]').textContent()).resolves.toContain("must match ^[A-Z]{2,3}$");
    await expect(dialog.locator('[data-field-error="limit"]').textContent()).resolves.toContain("must be at least 1");
    await expect(dialog.getByRole("button", { name: "Queue job" }).isDisabled()).resolves.toBe(true);
    await screenshot(page, "submit-form-errors");

    await dialog.getByLabel("Region").fill("GH");
    await dialog.getByLabel("Limit").fill("");
    await dialog.getByLabel("Flood type").selectOption("fluvial");
    await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(dialog.locator("[data-preview-message]").textContent()).resolves.toMatch(/^Phase 1 for GH fluvial: \d+ pending files? → \d+ stack tasks?/);
    await expect(dialog.getByTestId("submit-preview").textContent()).resolves.toContain('"flood_type": "fluvial"');
    await expect(dialog.getByRole("button", { name: "Queue job" }).isEnabled()).resolves.toBe(true);
    await screenshot(page, "submit-form-preview");
    // Editing after the preview asks for a new one.
    await dialog.getByLabel("Limit").fill("5");
    await expect(dialog.getByRole("button", { name: "Queue job" }).isDisabled()).resolves.toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });

    // A constraint only the server knows (no `..`): its message lands on the field.
    await page.getByRole("button", { name: /Run Inventory/ }).click();
    const inv = page.locator('[data-submit-dialog="inventory_fathom_container"]');
    await inv.getByLabel("Container").fill("../etc");
    await inv.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(inv.locator('[data-field-error="container"]').textContent()).resolves.toContain("must be a relative path inside the storage root");
    expect(await t.db.job.count({ where: { type: { in: ["process_fathom_stack", "inventory_fathom_container"] }, id: { not: parentId } } })).toBe(0);
    await page.close();
  });

  it("queues a raster conversion from its form; the job turns Success and the dashboard updates without reload", async () => {
    const page = await open("/pipelines/raster_v2");
    await page.getByRole("heading", { name: "Raster Processing Pipeline" }).waitFor();
    await page.locator('[data-link="live"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => cardValue(page, "Total Files")).toBe("0");
    await expect(page.locator('[data-section="breakdown"]').count()).resolves.toBe(0); // no groupings: simpler page

    await page.getByRole("button", { name: "Convert Raster", exact: true }).click();
    const dialog = page.locator('[data-submit-dialog="process_raster_v2"]');
    await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(dialog.locator('[data-field-error="source"]').textContent()).resolves.toContain("required");
    await dialog.getByLabel("Source").fill("rasters/a.tif");
    await dialog.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(dialog.locator("[data-preview-message]").textContent()).resolves.toBe("Convert raster: rasters/a.tif → 1 COG, 1 task");
    await dialog.getByRole("button", { name: "Queue job" }).click();
    const queued = dialog.locator("[data-queued-job]");
    await queued.waitFor();
    const id = (await queued.getAttribute("data-queued-job"))!;
    await expect.poll(async () => (await t.db.job.findUnique({ where: { id } }))?.status, { timeout: 30_000 }).toBe("Success");
    await dialog.getByRole("button", { name: "Close" }).click();
    // Live: the new file and its completed phase show up without a reload.
    await expect.poll(() => cardValue(page, "Total Files"), { timeout: 15_000 }).toBe("1");
    await expect.poll(() => cardValue(page, "Phase 1 Complete"), { timeout: 15_000 }).toBe("1");
    await expect(page.locator('[data-phase="phase1"] [data-percent]').textContent()).resolves.toBe("100.0%");
    await screenshot(page, "pipeline-raster-after-submit");
    await page.close();
  });
});
