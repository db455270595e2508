// Per-phase counts of a pipeline's assets (the numbers on the phase cards and the phaseProgress feed).
import type { Db } from "../db/prisma.ts";
import { getPipeline } from "./registry.ts";
import { ServiceError } from "./errors.ts";
import { PIPELINES } from "./registry.ts";

export interface PhaseProgress {
  pipeline: string;
  phase: string;
  name: string;
  total: number;
  pending: number;
  processing: number;
  done: number;
  failed: number;
  percentComplete: number;
}

export function requirePipeline(key: string) {
  const p = getPipeline(key);
  if (!p) {
    throw new ServiceError(
      `unknown pipeline "${key}"; valid pipelines: ${PIPELINES.map((x) => x.key).join(", ")}`,
      "BAD_USER_INPUT",
    );
  }
  return p;
}

export async function phaseProgress(db: Db, pipelineKey: string): Promise<PhaseProgress[]> {
  const pipeline = requirePipeline(pipelineKey);
  const [totals, rows] = await Promise.all([
    db.$queryRaw<{ total: bigint }[]>`
      SELECT count(*) AS total FROM assets WHERE "pipelineKey" = ${pipelineKey} AND "missingSince" IS NULL`,
    db.$queryRaw<{ phaseKey: string; state: string; n: bigint }[]>`
      SELECT "phaseKey", state::text AS state, count(*) AS n FROM asset_phases
      WHERE "pipelineKey" = ${pipelineKey} GROUP BY 1, 2`,
  ]);
  const total = Number(totals[0]?.total ?? 0);
  return pipeline.phases.map((ph) => {
    const count = (state: string) => Number(rows.find((r) => r.phaseKey === ph.key && r.state === state)?.n ?? 0);
    const done = count("done");
    const processing = count("processing");
    const failed = count("failed");
    return {
      pipeline: pipelineKey,
      phase: ph.key,
      name: ph.name,
      total,
      pending: Math.max(0, total - done - processing - failed),
      processing,
      done,
      failed,
      percentComplete: total ? Math.round((1000 * done) / total) / 10 : 0,
    };
  });
}
