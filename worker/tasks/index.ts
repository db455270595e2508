// Every job type with a handler. A registry job type is available exactly when it is listed here
// (test/unit/registry.test.ts keeps the two in step).
import type { TaskHandler } from "../context.ts";
import { BuildTile } from "./BuildTile.ts";
import { Diagnostic } from "./Diagnostic.ts";
import { IngestGrib } from "./IngestGrib.ts";
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
};
