// ScanSource(model): which runs and hours does upstream have now? Records them on Run rows and
// queues IngestGrib for every hour of the newest runs that we neither have nor have queued.
import type { z } from "zod";
import { loadConfig } from "../../src/config.ts";
import { ensureRun, WEATHER } from "../../src/domain/weather/assets.ts";
import type { ScanSourceArgs } from "../../src/domain/weather/jobs.ts";
import { nomadsClient } from "../lib/sources/client.ts";
import type { TaskHandler } from "../context.ts";

export const ScanSource: TaskHandler<z.output<typeof ScanSourceArgs>> = async ({ model }, ctx) => {
  const cfg = loadConfig();
  const client = nomadsClient();
  const runs = await client.listRuns(model, { days: cfg.SCAN_LOOKBACK_DAYS });
  const newest = runs.slice(-cfg.SCAN_MAX_RUNS);
  ctx.progress(0, newest.length);
  let queued = 0;
  for (const [i, run] of newest.entries()) {
    const available = await client.availableHours(model, run);
    // A GRIB without its .idx may still be uploading: count it as upstream only once indexed.
    const upstream = available.filter((h) => h.hasIdx).map((h) => h.hour);
    const row = await ensureRun(ctx.db, model, run, upstream);
    const wanted = upstream.filter((h) => row.expectedHours.includes(h));
    const missing = await hoursToQueue(ctx, model, run, wanted);
    if (missing.length) {
      await ctx.spawn(missing.map((hour) => ({ type: "IngestGrib", args: { model, run, hour }, stage: 1, stageName: "Ingest" })));
      queued += missing.length;
    }
    ctx.progress(i + 1, newest.length);
  }
  return { runsUpstream: runs.length, runsScanned: newest, ingestQueued: queued };
};

/** Hours with no successful download for every variable and no IngestGrib pending or running. */
async function hoursToQueue(ctx: Parameters<TaskHandler>[1], model: string, run: string, hours: number[]) {
  if (!hours.length) return [];
  const rows = await ctx.db.$queryRaw<{ hour: number }[]>`
    SELECT h AS hour FROM unnest(${hours}::int[]) AS h
    WHERE NOT EXISTS (
      SELECT 1 FROM jobs j WHERE j.type = 'IngestGrib' AND j.status IN ('Pending', 'Running')
        AND j.args->>'model' = ${model} AND j.args->>'run' = ${run} AND (j.args->>'hour')::int = h)
    AND NOT EXISTS (
      SELECT 1 FROM assets a JOIN asset_phases p ON p."assetId" = a.id AND p."phaseKey" = 'ingest'
      WHERE a."pipelineKey" = ${WEATHER} AND a.kind = 'grib' AND a."sourceMetadata"->>'model' = ${model}
        AND a."sourceMetadata"->>'run' = ${run} AND (a."sourceMetadata"->>'hour')::int = h
      GROUP BY (a."sourceMetadata"->>'hour')
      HAVING bool_and(p.state = 'done'))
    ORDER BY h`;
  return rows.map((r) => r.hour);
}
