// fathom_stack_task: one stack of Submit Phase 1. Stacks the 8 return-period TIFFs (band i = return
// period i, 1in5 … 1in1000) into fathom-stacked/{region}/{scenario}/{tile}.tif with a STAC item next
// to it, then marks the 8 assets' phase 1 done. Re-running overwrites the COG and item atomically
// (stacking is deterministic); a bad input fails this stack only, at once, with the reason.
import type { JobArgs } from "../../src/domain/registry.ts";
import { RETURN_PERIODS, returnPeriodLabel } from "../../src/domain/fathom/names.ts";
import { STACK_PHASE } from "../../src/domain/fathom/selection.ts";
import type { TaskHandler } from "../context.ts";
import { PermanentError } from "../errors.ts";
import { stackToCog } from "../lib/raster/index.ts";
import { buildStacItem } from "../lib/stac.ts";
import { confirmClaim, markDone, releaseOnError } from "../lib/etl/asset-phases.ts";
import { STACKED, collectionFile, fathomProperties, itemFileFor, layerDatetime, loadSources, stackedCog } from "../lib/etl/fathom-outputs.ts";
import { etlRoots, insideRoot, relativeTo } from "../lib/etl/roots.ts";
import { publishStacItem } from "../lib/etl/stac-catalog.ts";

export const fathom_stack_task: TaskHandler<JobArgs<"fathom_stack_task">> = async (args, ctx) => {
  const ids = args.asset_ids;
  if (!(await confirmClaim(ctx.db, ids, STACK_PHASE, ctx.jobId))) {
    return { stack: args.stack, skipped: "its assets are done or held by another job" };
  }
  const started = Date.now();
  try {
    const sources = (await loadSources(ctx.db, ids)).sort((a, b) => a.meta.return_period! - b.meta.return_period!);
    const meta = sources[0].meta;
    const rps = sources.map((s) => s.meta.return_period!);
    if (sources.some((s) => s.meta.stack_key !== meta.stack_key) || rps.join() !== RETURN_PERIODS.join()) {
      throw new PermanentError(`assets ${ids.join(", ")} are not one stack of return periods ${RETURN_PERIODS.join(", ")}`);
    }
    const { bronze, silver } = etlRoots();
    const out = stackedCog(silver, meta);
    const cog = await stackToCog(
      sources.map((s) => insideRoot(bronze, s.path)),
      out,
      { descriptions: rps.map(returnPeriodLabel) },
    );
    const item = buildStacItem({
      id: `${meta.region}-${meta.scenario}-${meta.tile}`,
      collection: STACKED.id,
      href: `./${meta.tile}.tif`,
      raster: cog,
      datetime: layerDatetime(meta),
      title: `${meta.region} ${meta.tile} ${meta.scenario}`,
      properties: { ...fathomProperties(meta), "fathom:tile": meta.tile, "fathom:return_periods": rps },
    });
    const itemPath = itemFileFor(out);
    await publishStacItem(ctx.db, { item, itemPath, collection: STACKED, collectionPath: collectionFile(silver, STACKED) });
    await markDone(ctx.db, ids, STACK_PHASE, ctx.jobId, Date.now() - started);
    return { stack: meta.stack_key, output: relativeTo(silver, out), item: relativeTo(silver, itemPath), bands: cog.bands, bytes: cog.bytes };
  } catch (e) {
    throw await releaseOnError(ctx, ids, STACK_PHASE, e, Date.now() - started);
  }
};
