// Dry run of a submission for the submit forms: what the job would take on, without queuing it
// ("Phase 1 for GH: 896 pending files → 112 stack tasks"). Uses the same selections as the jobs.
import type { Db } from "../db/prisma.ts";
import { RETURN_PERIODS } from "./fathom/names.ts";
import { countRegistered } from "./fathom/assets.ts";
import { cellSummary, stackSummary } from "./fathom/selection.ts";
import { formatNumber } from "./format.ts";
import { validateSubmission } from "./jobs.ts";
import type { JobArgs } from "./registry.ts";

export interface SubmitPreview {
  type: string;
  /** Files the job would process (for an inventory: files registered from that path so far). */
  files: number;
  /** Jobs it would run: its fan-out tasks, or 1. */
  tasks: number;
  message: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** " for GH fluvial", or " for all regions". */
function scopeText(args: { region?: string; flood_type?: string }): string {
  const parts = [args.region, args.flood_type].filter(Boolean);
  return parts.length ? ` for ${parts.join(" ")}` : " for all regions";
}

export async function submitPreview(db: Db, type: string, rawArgs: unknown): Promise<SubmitPreview> {
  const { def, args } = validateSubmission({ type, args: rawArgs });
  switch (def.type) {
    case "process_fathom_stack": {
      const a = args as JobArgs<"process_fathom_stack">;
      const s = await stackSummary(db, { region: a.region, flood_type: a.flood_type });
      const tasks = Math.min(s.ready, a.limit ?? Infinity);
      const files = tasks * RETURN_PERIODS.length;
      const extra = [s.busy && `${plural(s.busy, "stack")} already in progress`, s.incomplete && `${plural(s.incomplete, "incomplete stack")} skipped`]
        .filter(Boolean)
        .join(", ");
      return {
        type,
        files,
        tasks,
        message: `Phase 1${scopeText(a)}: ${plural(files, "pending file")} → ${plural(tasks, "stack task")}${extra ? ` (${extra})` : ""}`,
      };
    }
    case "process_fathom_merge": {
      const a = args as JobArgs<"process_fathom_merge">;
      const c = await cellSummary(db, { region: a.region }, a.grid_size, a.limit);
      const busy = c.busy ? ` (${plural(c.busy, "cell")} already in progress)` : "";
      return {
        type,
        files: c.eligibleFiles,
        tasks: c.ready,
        message: `Phase 2${scopeText(a)}: ${plural(c.eligibleFiles, "eligible file")} → ${plural(c.ready, "merge task")} (${a.grid_size}×${a.grid_size} grid cells)${busy}`,
      };
    }
    case "inventory_fathom_container": {
      const a = args as JobArgs<"inventory_fathom_container">;
      const scope = [a.container, a.prefix].filter(Boolean).join("/");
      const files = await countRegistered(db, `${scope}/`);
      return { type, files, tasks: 1, message: `Inventory of bronze/${scope}: 1 scan task; ${plural(files, "file")} registered from it so far` };
    }
    case "process_raster_v2":
    case "process_large_raster_v2": {
      const a = args as JobArgs<"process_raster_v2">;
      return { type, files: 1, tasks: 1, message: `${def.label}: ${a.source} → 1 COG, 1 task` };
    }
    default:
      return { type, files: 0, tasks: 1, message: `${def.label}: 1 job` };
  }
}
