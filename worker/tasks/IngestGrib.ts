// IngestGrib(model, run, hour, variable?): downloads the selected variables of one forecast hour
// (byte ranges from the .idx) to cache/gribs/{model}/{run}/{variable}/grib_{hour}.grib2, checks that
// each file decodes as GRIB2, then queues the BuildTile jobs that include it.
import { readFile, rm, stat } from "node:fs/promises";
import { relative } from "node:path";
import type { z } from "zod";
import { ensureRun, setPhase, upsertGribAsset } from "../../src/domain/weather/assets.ts";
import type { IngestGribArgs } from "../../src/domain/weather/jobs.ts";
import { MODELS, getVariable, variablesForHour } from "../../src/domain/weather/models.ts";
import { scanMessages } from "../lib/grib2/index.ts";
import { nomadsClient } from "../lib/sources/client.ts";
import { cacheRoot, gribPath } from "../lib/storage.ts";
import type { TaskContext, TaskHandler } from "../context.ts";

export const IngestGrib: TaskHandler<z.output<typeof IngestGribArgs>> = async (args, ctx) => {
  const { model, run, hour } = args;
  const variables = args.variable ? [getVariable(model, args.variable)] : variablesForHour(model, hour);
  const runRow = await ensureRun(ctx.db, model, run);
  const client = nomadsClient();
  const failures: string[] = [];
  const done: string[] = [];
  ctx.progress(0, variables.length);
  for (const [i, v] of variables.entries()) {
    const dest = gribPath(model, run, v.id, hour);
    const asset = await upsertGribAsset(ctx.db, runRow.id, relative(cacheRoot(), dest), { model, run, hour, variable: v.id });
    const started = Date.now();
    await setPhase(ctx.db, [asset.id], "ingest", { state: "processing", jobId: ctx.jobId });
    try {
      const res = await client.downloadGrib(model, run, hour, [v.id], dest, { signal: ctx.signal });
      await checkDecodable(dest);
      const size = (await stat(dest)).size;
      await ctx.db.asset.update({
        where: { id: asset.id },
        data: { md5: res.md5, sizeBytes: BigInt(size), sourceMetadata: { model, run, hour, variable: v.id, url: res.url, usedIdx: res.usedIdx } },
      });
      await setPhase(ctx.db, [asset.id], "ingest", { state: "done", jobId: ctx.jobId, durationMs: Date.now() - started });
      // A new GRIB means the tile must be rebuilt for this hour.
      await setPhase(ctx.db, [asset.id], "tile", { state: "pending" });
      done.push(v.id);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      failures.push(`${v.id}: ${msg}`);
      await setPhase(ctx.db, [asset.id], "ingest", { state: "failed", jobId: ctx.jobId, error: msg, durationMs: Date.now() - started });
    }
    ctx.progress(i + 1, variables.length);
  }
  if (done.length) await queueTiles(ctx, model, run, done);
  if (failures.length) throw new Error(`GRIB download failed for ${failures.length}/${variables.length} variables: ${failures.join("; ")}`);
  return { variables: done };
};

/** A corrupt upstream file must fail here, with its reason, not later inside BuildTile. */
async function checkDecodable(file: string) {
  const buf = new Uint8Array(await readFile(file));
  for (const r of scanMessages(buf)) {
    if (!r.ok) {
      await rm(file, { force: true });
      throw new Error(`downloaded file is not valid GRIB2 (message ${r.index}): ${r.error.message}`);
    }
  }
}

async function queueTiles(ctx: TaskContext, model: keyof typeof MODELS, run: string, variables: string[]) {
  const { regions, resolutionsDeg } = MODELS[model].tiles;
  const children = [];
  for (const variable of variables)
    for (const region of regions)
      for (const res of resolutionsDeg) {
        const args = { model, run, variable, region, res };
        // One pending BuildTile per tile is enough: it picks up every GRIB present when it runs.
        const pending = await ctx.db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM jobs WHERE type = 'BuildTile' AND status = 'Pending' AND args = ${JSON.stringify(args)}::jsonb`;
        if (Number(pending[0]!.n) === 0) children.push({ type: "BuildTile", args, stage: 2, stageName: "Tile" });
      }
  if (children.length) await ctx.spawn(children);
}
