// process_large_raster_v2: a GeoTIFF of any height → COG, slab by slab with memory bounded by its
// width (see convertLargeToCog and lib/etl/raster-job.ts).
import type { JobArgs } from "../../src/domain/registry.ts";
import type { TaskHandler } from "../context.ts";
import { convertLargeToCog } from "../lib/raster/index.ts";
import { rasterToCogTask } from "../lib/etl/raster-job.ts";

export const process_large_raster_v2: TaskHandler<JobArgs<"process_large_raster_v2">> = rasterToCogTask((input, out) =>
  convertLargeToCog(input, out),
);
