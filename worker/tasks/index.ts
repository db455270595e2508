// Every job type with a handler. A registry job type is available exactly when it is listed here
// (test/unit/registry.test.ts keeps the two in step).
import type { TaskHandler } from "../context.ts";
import { BuildTile } from "./BuildTile.ts";
import { Diagnostic } from "./Diagnostic.ts";
import { fathom_merge_task } from "./fathom_merge_task.ts";
import { fathom_stack_task } from "./fathom_stack_task.ts";
import { IngestGrib } from "./IngestGrib.ts";
import { inventory_fathom_container } from "./inventory_fathom_container.ts";
import { process_fathom_merge } from "./process_fathom_merge.ts";
import { process_fathom_stack } from "./process_fathom_stack.ts";
import { process_large_raster_v2 } from "./process_large_raster_v2.ts";
import { process_raster_v2 } from "./process_raster_v2.ts";
import { PruneCache } from "./PruneCache.ts";
import { RefreshDiskUsage } from "./RefreshDiskUsage.ts";
import { ScanSource } from "./ScanSource.ts";

export const TASKS: Record<string, TaskHandler<any>> = {
  Diagnostic,
  RefreshDiskUsage,
  ScanSource,
  IngestGrib,
  BuildTile,
  PruneCache,
  inventory_fathom_container,
  process_fathom_stack,
  fathom_stack_task,
  process_fathom_merge,
  fathom_merge_task,
  process_raster_v2,
  process_large_raster_v2,
};
