// process_fathom_merge (Submit Phase 2): groups phase-1-done tiles into N×N-degree grid cells per
// region and scenario and spawns one fathom_merge_task per cell with eligible files, claiming the
// cell's assets for it. Returns once spawned (see fanout.ts).
import type { JobArgs } from "../../src/domain/registry.ts";
import { FATHOM, MERGE_PHASE, cellSummary, readyCells } from "../../src/domain/fathom/selection.ts";
import type { TaskHandler } from "../context.ts";
import { spawnClaimed } from "../lib/etl/fanout.ts";

export const process_fathom_merge: TaskHandler<JobArgs<"process_fathom_merge">> = async (args, ctx) => {
  const filter = { region: args.region };
  const summary = await cellSummary(ctx.db, filter, args.grid_size, args.limit);
  const cells = await readyCells(ctx.db, filter, args.grid_size, args.limit);
  const { spawned, skipped } = await spawnClaimed(ctx, {
    pipeline: FATHOM,
    phase: MERGE_PHASE,
    laterPhases: [],
    childType: "fathom_merge_task",
    stage: 2,
    stageName: "Spatial Merge",
    shares: cells.map((c) => ({
      args: { region: c.region, scenario: c.scenario, grid_cell: c.gridCell, asset_ids: c.assetIds },
      assetIds: c.assetIds,
    })),
  });
  return { tasks: spawned, grid_size: args.grid_size, eligible_files: summary.eligibleFiles, busy: summary.busy + skipped };
};
