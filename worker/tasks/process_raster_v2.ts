// process_raster_v2: a GeoTIFF that fits in memory → COG, decoded in one read (see lib/etl/raster-job.ts).
import type { JobArgs } from "../../src/domain/registry.ts";
import type { TaskHandler } from "../context.ts";
import { convertToCog } from "../lib/raster/index.ts";
import { rasterToCogTask } from "../lib/etl/raster-job.ts";

export const process_raster_v2: TaskHandler<JobArgs<"process_raster_v2">> = rasterToCogTask((input, out) => convertToCog(input, out));
