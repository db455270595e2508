// PruneCache(model?, keepRuns): keeps the newest `keepRuns` runs per model and removes older runs'
// GRIBs, tiles and rows together. Only ever deletes inside the cache root (removeTree refuses else).
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import { WEATHER } from "../../src/domain/weather/assets.ts";
import type { PruneCacheArgs } from "../../src/domain/weather/jobs.ts";
import { MODEL_KEYS, RunIdSchema } from "../../src/domain/weather/models.ts";
import { cacheRoot, removeTree } from "../lib/storage.ts";
import type { TaskHandler } from "../context.ts";

async function listDirs(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
}

/** Runs on disk for a model: gribs/{model}/{run} and tiles/{region}/{res}/{model}/{run}. */
async function runsOnDisk(root: string, model: string) {
  const runs = new Set(await listDirs(join(root, "gribs", model)));
  const tileDirs: string[] = [];
  for (const region of await listDirs(join(root, "tiles")))
    for (const res of await listDirs(join(root, "tiles", region))) {
      tileDirs.push(join("tiles", region, res, model));
      for (const r of await listDirs(join(root, "tiles", region, res, model))) runs.add(r);
    }
  // Only names that are real run ids: anything else in the tree is not ours to delete.
  return { runs: [...runs].filter((r) => RunIdSchema.safeParse(r).success), tileDirs };
}

export const PruneCache: TaskHandler<z.output<typeof PruneCacheArgs>> = async ({ model, keepRuns }, ctx) => {
  const root = cacheRoot();
  const removed: { model: string; run: string }[] = [];
  for (const m of model ? [model] : MODEL_KEYS) {
    const disk = await runsOnDisk(root, m);
    const rows = await ctx.db.run.findMany({ where: { pipelineKey: WEATHER, source: m }, select: { runKey: true } });
    const all = [...new Set([...disk.runs, ...rows.map((r) => r.runKey)])].sort().reverse();
    for (const run of all.slice(keepRuns)) {
      await removeTree(root, "gribs", m, run);
      for (const dir of disk.tileDirs) await removeTree(root, dir, run);
      await ctx.db.run.deleteMany({ where: { pipelineKey: WEATHER, source: m, runKey: run } });
      await ctx.db.diskUsage.deleteMany({ where: { model: m, run } });
      removed.push({ model: m, run });
    }
  }
  return { removed, kept: keepRuns };
};
