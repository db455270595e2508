// process_fathom_stack (Submit Phase 1): selects the stacks that need band-stacking and spawns one
// fathom_stack_task per stack, claiming its 8 assets for it. Returns once spawned (see fanout.ts);
// the job's progress and task counts follow its children.
import type { JobArgs } from "../../src/domain/registry.ts";
import { MERGE_PHASE, STACK_PHASE, FATHOM, readyStacks, stackSummary } from "../../src/domain/fathom/selection.ts";
import type { TaskHandler } from "../context.ts";
import { spawnClaimed } from "../lib/etl/fanout.ts";

export const process_fathom_stack: TaskHandler<JobArgs<"process_fathom_stack">> = async (args, ctx) => {
  const filter = { region: args.region, flood_type: args.flood_type };
  const summary = await stackSummary(ctx.db, filter);
  const stacks = await readyStacks(ctx.db, filter, args.limit);
  const { spawned, skipped } = await spawnClaimed(ctx, {
    pipeline: FATHOM,
    phase: STACK_PHASE,
    laterPhases: [MERGE_PHASE],
    childType: "fathom_stack_task",
    stage: 2,
    stageName: "Band Stack",
    shares: stacks.map((s) => ({ args: { stack: s.key, asset_ids: s.assetIds }, assetIds: s.assetIds })),
  });
  if (summary.incomplete) {
    ctx.log.warn("incomplete stacks skipped", { count: summary.incomplete, first: summary.incompleteExamples.slice(0, 3) });
  }
  return {
    tasks: spawned,
    files: spawned * 8,
    busy: summary.busy + skipped,
    incomplete: { count: summary.incomplete, examples: summary.incompleteExamples },
  };
};
