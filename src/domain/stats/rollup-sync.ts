// Mirrors each pipeline's grouping fields into etl_rollup.groupings (the summary rows behind the ETL
// stats are keyed by the values of exactly these fields) and rebuilds a pipeline's rows when its
// fields changed. Runs at start with the rest of the registry sync.
import type { Db } from "../../db/prisma.ts";
import { logger } from "../../logger.ts";
import { PIPELINES, type PipelineDef } from "../registry.ts";

const log = logger("rollup-sync");

/** Returns the keys of the pipelines whose summary rows were rebuilt. */
export async function syncEtlRollup(db: Db, pipelines: PipelineDef[] = PIPELINES): Promise<string[]> {
  const rows = await db.$queryRaw<{ pipelineKey: string; fields: string[] }[]>`
    SELECT "pipelineKey", fields FROM etl_rollup.groupings`;
  const stored = new Map(rows.map((r) => [r.pipelineKey, r.fields.join("\n")]));
  const rebuilt: string[] = [];
  for (const p of pipelines) {
    const fields = p.groupings.map((g) => g.field);
    if (stored.get(p.key) === fields.join("\n")) continue;
    const started = Date.now();
    // A rebuild reads every asset of the pipeline once (seconds at a million assets).
    await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`
          INSERT INTO etl_rollup.groupings ("pipelineKey", fields) VALUES (${p.key}, ${fields}::text[])
          ON CONFLICT ("pipelineKey") DO UPDATE SET fields = EXCLUDED.fields`;
        await tx.$executeRaw`SELECT etl_rollup.rebuild(${p.key})`;
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
    log.info("rebuilt ETL summary rows", { pipeline: p.key, fields, ms: Date.now() - started });
    rebuilt.push(p.key);
  }
  return rebuilt;
}
