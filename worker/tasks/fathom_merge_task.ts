// fathom_merge_task: one grid cell of Submit Phase 2. Mosaics the phase-1 COGs of the cell's tiles
// into fathom/{region}/{scenario}/{grid_cell}.tif (covering their union) with a STAC item next to
// it, then marks phase 2 done for the cell's source assets. Re-running overwrites atomically.
import type { JobArgs } from "../../src/domain/registry.ts";
import { MERGE_PHASE } from "../../src/domain/fathom/selection.ts";
import type { TaskHandler } from "../context.ts";
import { PermanentError } from "../errors.ts";
import { mergeToCog } from "../lib/raster/index.ts";
import { buildStacItem } from "../lib/stac.ts";
import { confirmClaim, markDone, releaseOnError } from "../lib/etl/asset-phases.ts";
import { MERGED, collectionFile, fathomProperties, itemFileFor, layerDatetime, loadSources, mergedCog, stackedCog } from "../lib/etl/fathom-outputs.ts";
import { etlRoots, relativeTo } from "../lib/etl/roots.ts";
import { publishStacItem } from "../lib/etl/stac-catalog.ts";

export const fathom_merge_task: TaskHandler<JobArgs<"fathom_merge_task">> = async (args, ctx) => {
  const ids = args.asset_ids;
  if (!(await confirmClaim(ctx.db, ids, MERGE_PHASE, ctx.jobId))) {
    return { grid_cell: args.grid_cell, skipped: "its assets are done or held by another job" };
  }
  const started = Date.now();
  try {
    const sources = await loadSources(ctx.db, ids);
    if (sources.some((s) => s.meta.region !== args.region || s.meta.scenario !== args.scenario)) {
      throw new PermanentError(`assets ${ids.join(", ")} are not all of region ${args.region}, scenario ${args.scenario}`);
    }
    const { silver } = etlRoots();
    const tiles = [...new Map(sources.map((s) => [s.meta.tile, s.meta])).values()].sort((a, b) => a.tile.localeCompare(b.tile));
    const out = mergedCog(silver, args.region, args.scenario, args.grid_cell);
    const cog = await mergeToCog(tiles.map((t) => stackedCog(silver, t)), out);
    const meta = tiles[0];
    const item = buildStacItem({
      id: `${args.region}-${args.scenario}-${args.grid_cell}`,
      collection: MERGED.id,
      href: `./${args.grid_cell}.tif`,
      raster: cog,
      datetime: layerDatetime(meta),
      title: `${args.region} ${args.grid_cell} ${args.scenario}`,
      properties: { ...fathomProperties(meta), "fathom:grid_cell": args.grid_cell, "fathom:tiles": tiles.map((t) => t.tile) },
    });
    const itemPath = itemFileFor(out);
    await publishStacItem(ctx.db, { item, itemPath, collection: MERGED, collectionPath: collectionFile(silver, MERGED) });
    await markDone(ctx.db, ids, MERGE_PHASE, ctx.jobId, Date.now() - started);
    return { grid_cell: args.grid_cell, tiles: tiles.length, output: relativeTo(silver, out), item: relativeTo(silver, itemPath), bytes: cog.bytes };
  } catch (e) {
    throw await releaseOnError(ctx, ids, MERGE_PHASE, e, Date.now() - started);
  }
};
