// RefreshDiskUsage: one walk of the cache, stored per model/run (the status page reads the rows;
// walking the tree per request would not scale). Also sweeps temp files abandoned by crashes.
import { diskUsage, sweepTempFiles } from "../lib/storage.ts";
import type { TaskHandler } from "../context.ts";

export const RefreshDiskUsage: TaskHandler<Record<string, never>> = async (_args, ctx) => {
  const swept = await sweepTempFiles();
  const usage = await diskUsage();
  await ctx.db.$transaction([
    ctx.db.diskUsage.deleteMany({}),
    ctx.db.diskUsage.createMany({
      data: usage.runs.map((r) => ({
        model: r.model,
        run: r.run,
        gribBytes: BigInt(r.gribBytes),
        tileBytes: BigInt(r.tileBytes),
        files: r.files,
        oldestMtime: r.oldestMtime,
        newestMtime: r.newestMtime,
      })),
    }),
  ]);
  return { runs: usage.runs.length, totalBytes: usage.totalBytes, otherBytes: usage.otherBytes, sweptTempFiles: swept.removed.length };
};
