// process_raster_v2 / process_large_raster_v2: any GeoTIFF under BRONZE_DIR → a COG under
// {SILVER_DIR}/cogs/ (by default the source's path with a .tif extension). The source is tracked as
// an asset of the raster_v2 pipeline with its COG Convert phase. Re-running overwrites atomically.
import { stat } from "node:fs/promises";
import { getPipeline } from "../../../src/domain/registry.ts";
import type { TaskHandler } from "../../context.ts";
import { PermanentError } from "../../errors.ts";
import type { CogResult } from "../raster/index.ts";
import { markDone, releaseOnError, takeOver } from "./asset-phases.ts";
import { etlRoots, insideRoot, relativeTo } from "./roots.ts";

const RASTER = "raster_v2";
const CONVERT_PHASE = getPipeline(RASTER)!.phases[0].key;

export interface RasterArgs {
  source: string;
  /** Relative to {SILVER_DIR}/cogs. */
  output?: string;
}

export function rasterToCogTask(convert: (input: string, out: string) => Promise<CogResult>): TaskHandler<RasterArgs> {
  return async (args, ctx) => {
    const { bronze, silver } = etlRoots();
    const input = insideRoot(bronze, args.source);
    const out = insideRoot(silver, "cogs", args.output ?? args.source.replace(/\.[^./]*$/, "") + ".tif");
    const st = await stat(input).catch(() => null);
    if (!st?.isFile()) throw new PermanentError(`${args.source} is not a file under BRONZE_DIR (${bronze})`);
    const asset = await ctx.db.asset.upsert({
      where: { pipelineKey_path: { pipelineKey: RASTER, path: args.source } },
      create: { pipelineKey: RASTER, kind: "source", path: args.source, sizeBytes: st.size, sourceMetadata: { output: relativeTo(silver, out) } },
      update: { sizeBytes: st.size, missingSince: null, sourceMetadata: { output: relativeTo(silver, out) } },
    });
    const ids = [String(asset.id)];
    await ctx.db.$executeRaw`
      INSERT INTO asset_phases ("assetId", "pipelineKey", "phaseKey", state, "updatedAt")
      VALUES (${asset.id}, ${RASTER}, ${CONVERT_PHASE}, 'pending', now()) ON CONFLICT DO NOTHING`;
    await takeOver(ctx.db, ids, CONVERT_PHASE, ctx.jobId);
    const started = Date.now();
    try {
      const cog = await convert(input, out);
      await markDone(ctx.db, ids, CONVERT_PHASE, ctx.jobId, Date.now() - started);
      return { source: args.source, output: relativeTo(silver, out), width: cog.width, height: cog.height, bands: cog.bands, bytes: cog.bytes, overviews: cog.overviews.length };
    } catch (e) {
      throw await releaseOnError(ctx, ids, CONVERT_PHASE, e, Date.now() - started);
    }
  };
}
